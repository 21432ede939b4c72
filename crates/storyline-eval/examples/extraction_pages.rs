//! Per-page extraction losses, worst first: `extraction_pages SET [N] [--out DIR]`.
//!
//! SET is `zyte` or `trafilatura-eval`. Every page goes through the real stage (as
//! `eval extraction` does) and is scored on its own: for `zyte` the page's shingle precision
//! and recall, for `trafilatura-eval` the "with" segments missed and the "without" segments
//! leaked. The N worst pages (default 30) are listed with their misses and leaks, which is
//! where an extraction change should start. `--out DIR` also writes each listed page's output
//! as `DIR/RANK.txt`, next to the path of its HTML, for reading side by side.

use anyhow::{Context, Result};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use storyline_eval::extraction::{page_average, shingle_match, Segments};

/// One scored page: where it is, what came out, and how much it lost.
struct Scored {
    id: String,
    path: PathBuf,
    output: String,
    loss: f64,
    lines: Vec<String>,
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out_dir = args.iter().position(|a| a == "--out").map(|i| {
        let dir = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
        PathBuf::from(dir)
    });
    let set = args.first().map(String::as_str).unwrap_or("trafilatura-eval");
    if Path::new(set).is_file() {
        // One page by its path: print what the stage keeps of it.
        println!("{}", extract(&std::fs::read(set)?, "page.html").unwrap_or_default());
        return Ok(());
    }
    let n: usize = args.get(1).map(|r| r.parse()).transpose()?.unwrap_or(30);
    let dir = storyline_eval::data_dir().join("extraction").join(set);
    let (mut scored, (p, r, f)) = if set == "zyte" { zyte(&dir)? } else { trafilatura_eval(&dir)? };
    let total: f64 = scored.iter().map(|s| s.loss).sum();
    scored.sort_by(|a, b| b.loss.total_cmp(&a.loss));
    println!("{set}: {} pages, P {p:.4} R {r:.4} F {f:.4}, total loss {total:.2}", scored.len());
    if let Some(dir) = &out_dir {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    for (rank, s) in scored.iter().take(n).enumerate() {
        println!("\n#{rank} loss {:.2} {} {}", s.loss, s.id, s.path.display());
        for line in &s.lines {
            println!("  {line}");
        }
        if let Some(dir) = &out_dir {
            std::fs::write(dir.join(format!("{rank}.txt")), format!("{}\n{}\n\n{}", s.id, s.path.display(), s.output))?;
        }
    }
    Ok(())
}

/// What `eval extraction` scores for one page: the body, or nothing.
fn extract(bytes: &[u8], name: &str) -> Option<String> {
    let raw = storyline::ingest::read_bytes(bytes, name).into_iter().next()?.ok()?;
    storyline::extract::extract(&raw).ok().map(|a| a.body)
}

/// A segment cut to one line of at most 100 characters.
fn short(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.chars().take(100).collect()
}

/// Loss of a page: one minus its F1 (precision and recall of its shingles). Also the set's
/// precision, recall and F1.
fn zyte(dir: &Path) -> Result<(Vec<Scored>, (f64, f64, f64))> {
    let gold: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let (mut out, mut matches) = (Vec::new(), Vec::new());
    for (id, v) in &gold {
        let truth = v["articleBody"].as_str().unwrap_or("");
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut bytes)?;
        let output = extract(&bytes, &format!("{id}.html")).unwrap_or_default();
        let [tp, fp, fn_] = shingle_match(truth, &output);
        matches.push([tp, fp, fn_]);
        let (p, r) = (tp / (tp + fp).max(1e-9), tp / (tp + fn_).max(1e-9));
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let missed: Vec<String> = truth
            .split('\n')
            .filter(|l| !l.trim().is_empty() && !output.contains(l.trim()))
            .map(|l| format!("- {}", short(l)))
            .take(8)
            .collect();
        let leaked: Vec<String> = output
            .split("\n\n")
            .filter(|l| !truth.contains(l.trim()))
            .map(|l| format!("+ {}", short(l)))
            .take(8)
            .collect();
        let mut lines = vec![format!("P {p:.3} R {r:.3} F {f:.3}")];
        lines.extend(missed);
        lines.extend(leaked);
        out.push(Scored { id: id.clone(), path, output, loss: 1.0 - f, lines });
    }
    Ok((out, page_average(&matches)))
}

/// Loss of a page: its missed "with" plus its leaked "without" segments. Also the set's
/// precision, recall and F.
fn trafilatura_eval(dir: &Path) -> Result<(Vec<Scored>, (f64, f64, f64))> {
    let items: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("evaldata.json"))?)?;
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(String::from)).collect()
    };
    let (mut out, mut all) = (Vec::new(), Segments::default());
    for (url, item) in items {
        let file = item["file"].as_str().unwrap_or("");
        let Some(path) =
            ["cache", "eval"].iter().map(|d| dir.join(d).join(file)).find(|p| !file.is_empty() && p.is_file())
        else {
            continue;
        };
        let output = extract(&std::fs::read(&path)?, "page.html");
        let (with, without) = (strings(&item["with"]), strings(&item["without"]));
        let mut s = Segments::default();
        s.add(output.as_deref(), &with, &without);
        all.add(output.as_deref(), &with, &without);
        let text = output.unwrap_or_default();
        let mut lines = vec![format!("tp {} fn {} fp {} tn {}", s.tp, s.fn_, s.fp, s.tn)];
        lines.extend(with.iter().filter(|w| !text.contains(w.as_str())).map(|w| format!("- {}", short(w))));
        lines.extend(without.iter().filter(|w| text.contains(w.as_str())).map(|w| format!("+ {}", short(w))));
        out.push(Scored { id: url, path, output: text, loss: (s.fn_ + s.fp) as f64, lines });
    }
    Ok((out, all.scores()))
}
