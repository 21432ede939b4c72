//! Time HTML extraction on one thread: `extraction_speed SET [ROUNDS] [--dump FILE]`.
//!
//! SET is `zyte` or `trafilatura-eval`. Every page of the set is read into memory once, then
//! decoded and extracted (`ingest::read_bytes` + `extract::extract`, as `eval extraction` does)
//! ROUNDS times on this thread; the best round's pages per second is printed. This is the loop
//! to run under `perf record` when profiling the stage. `--dump FILE` writes what each page
//! produced (its article id, title, published, language, body) as JSON lines, so a change that should keep the output
//! can be checked with `cmp`.

use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

/// The allocator the `storyline` binary runs with, so the timings here are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().position(|a| a == "--dump").map(|i| {
        let file = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
        file
    });
    let set = args.first().map(String::as_str).unwrap_or("zyte");
    let rounds: usize = args.get(1).map(|r| r.parse()).transpose()?.unwrap_or(3);
    let pages = load(set, &storyline_eval::data_dir())?;
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let started = Instant::now();
        for (_, bytes, name) in &pages {
            std::hint::black_box(extract(bytes, name));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let bytes: usize = pages.iter().map(|(_, b, _)| b.len()).sum();
    println!(
        "{set}: {} pages, {:.1} MB; best of {rounds}: {:.3} s, {:.0} pages/s, {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        best,
        pages.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
    if let Some(file) = dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).with_context(|| file.clone())?);
        for (id, bytes, name) in &pages {
            let line = match extract(bytes, name) {
                Some(a) => {
                    json!({ "id": id, "id_of_article": a.id.0, "title": a.title, "published": a.published, "language": a.language, "body": a.body })
                }
                None => json!({ "id": id, "body": Value::Null }),
            };
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// What `eval extraction` runs for one page.
fn extract(bytes: &[u8], name: &str) -> Option<storyline::model::Article> {
    let raw = storyline::ingest::read_bytes(bytes, name).into_iter().next()?.ok()?;
    storyline::extract::extract(&raw).ok()
}

/// The pages of a set as (id, bytes, name), in the order `eval extraction` reads them.
fn load(set: &str, data: &Path) -> Result<Vec<(String, Vec<u8>, String)>> {
    let dir = data.join("extraction").join(set);
    let mut pages = Vec::new();
    if set == "zyte" {
        let gold: serde_json::Map<String, Value> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
        for id in gold.keys() {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz")))?;
            flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
            pages.push((id.clone(), bytes, format!("{id}.html")));
        }
    } else {
        let items: serde_json::Map<String, Value> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("evaldata.json"))?)?;
        for (url, item) in items {
            let file = item["file"].as_str().unwrap_or("");
            let found =
                ["cache", "eval"].iter().map(|d| dir.join(d).join(file)).find(|p| !file.is_empty() && p.is_file());
            if let Some(path) = found {
                pages.push((url, std::fs::read(path)?, "page.html".into()));
            }
        }
    }
    Ok(pages)
}
