//! `bench-scale`: how near-duplicate search and story assignment grow from 20k to 1M articles.
//!
//! The corpus is the Reuters JSONL replicated with per-copy edits: copy 0 of each article is the
//! original, and every further copy replaces about one word in six with another word of the
//! same article, chosen by a hash of (copy, position). Copies keep Reuters' lengths and
//! vocabulary but share only a few 5-word shingles with each other (Jaccard ≈ 0.1), so the
//! number of true near-duplicate pairs grows linearly with N, as in a real stream, instead of
//! quadratically.
//!
//! Two measurements per size:
//! - the release `storyline near-duplicates --raw` on the first N lines, timed from outside
//!   (wall seconds and peak RSS from GNU time), with the pairs it printed;
//! - story assignment in process: `Clusterer::assign` on the same articles in order, dated
//!   2,000 articles a day so stories open and fade, with the p50 and p99 time per article over
//!   each size's last 10,000 articles (does assignment slow down as the store grows?).

use anyhow::{ensure, Context, Result};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use storyline::cluster::{Clusterer, Config as ClusterConfig};
use storyline::model::Article;

/// What to run and on what.
pub struct Config {
    /// The Reuters JSONL (`cargo xtask reuters-jsonl`).
    pub jsonl: PathBuf,
    /// The release `storyline` binary.
    pub bin: PathBuf,
    /// Sizes to measure, ascending.
    pub sizes: Vec<usize>,
    /// Also time story assignment in process.
    pub cluster: bool,
}

/// One source article.
#[derive(serde::Deserialize)]
struct Doc {
    #[serde(default)]
    title: String,
    text: String,
}

/// Run the benchmark and print a Markdown table.
pub fn run(config: &Config) -> Result<()> {
    let docs = load(&config.jsonl)?;
    ensure!(!docs.is_empty(), "{} holds no articles", config.jsonl.display());
    let largest = *config.sizes.iter().max().context("no sizes")?;
    let dir = config.jsonl.parent().unwrap_or(Path::new(".")).join("scale");
    std::fs::create_dir_all(&dir)?;
    println!(
        "| articles | near-duplicates wall s | peak RSS MiB | pairs | µs/article | assign p50 µs | assign p99 µs |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut clusterer = Clusterer::new(ClusterConfig::default());
    let mut assigned = 0usize;
    let mut times: Vec<f64> = Vec::with_capacity(largest);
    for &n in &config.sizes {
        let file = dir.join(format!("scale-{n}.jsonl"));
        write_prefix(&docs, n, &file)?;
        let (wall, rss, pairs) = near_duplicates(&config.bin, &file)?;
        let (p50, p99) = if config.cluster {
            while assigned < n {
                let a = article(&docs, assigned);
                let t = Instant::now();
                clusterer.assign(&a, None);
                times.push(t.elapsed().as_secs_f64() * 1e6);
                assigned += 1;
            }
            let mut last: Vec<f64> = times[n.saturating_sub(10_000)..n].to_vec();
            last.sort_by(f64::total_cmp);
            (format!("{:.0}", quantile(&last, 0.5)), format!("{:.0}", quantile(&last, 0.99)))
        } else {
            ("–".into(), "–".into())
        };
        println!(
            "| {n} | {wall:.2} | {} | {pairs} | {:.1} | {p50} | {p99} |",
            rss.map_or("–".into(), |r| format!("{r:.0}")),
            wall * 1e6 / n as f64
        );
        std::fs::remove_file(&file).ok();
    }
    Ok(())
}

fn load(path: &Path) -> Result<Vec<Doc>> {
    let file = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        if !line.trim().is_empty() {
            out.push(serde_json::from_str(&line).with_context(|| format!("{}: bad line", path.display()))?);
        }
    }
    Ok(out)
}

/// The `i`-th article of the replicated corpus: copy `i / len` of source `i % len`.
fn text(docs: &[Doc], i: usize) -> (String, String) {
    let d = &docs[i % docs.len()];
    let copy = (i / docs.len()) as u64;
    if copy == 0 {
        return (d.title.clone(), d.text.clone());
    }
    let words: Vec<&str> = d.text.split_whitespace().collect();
    let mut out = String::with_capacity(d.text.len());
    for (pos, w) in words.iter().enumerate() {
        let h = xxh(copy, pos as u64);
        let w = if h.is_multiple_of(6) { words[(h / 6) as usize % words.len()] } else { w };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (format!("{} ({copy})", d.title), out)
}

/// A cheap, fixed mix of two numbers (SplitMix64's finalizer).
fn xxh(a: u64, b: u64) -> u64 {
    let mut z = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_add(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn write_prefix(docs: &[Doc], n: usize, file: &Path) -> Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(file)?);
    for i in 0..n {
        let (title, text) = text(docs, i);
        serde_json::to_writer(&mut w, &serde_json::json!({ "id": i.to_string(), "title": title, "text": text }))?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

fn article(docs: &[Doc], i: usize) -> Article {
    let (title, body) = text(docs, i);
    let day = chrono_day(i / 2_000);
    Article { published: Some(day), language: Some("en".into()), ..Article::from_text(&format!("#{i}"), &title, &body) }
}

/// `2020-01-01` plus `days`, as an ISO date.
fn chrono_day(days: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid date");
    (start + chrono::Days::new(days as u64)).format("%Y-%m-%d").to_string()
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// Run `near-duplicates --raw` on `file`: wall seconds, peak RSS (MiB, from GNU time) and pairs.
fn near_duplicates(bin: &Path, file: &Path) -> Result<(f64, Option<f64>, usize)> {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(["near-duplicates", "--raw"]).arg(file);
    let t = Instant::now();
    let out = cmd.output().with_context(|| format!("run {}", bin.display()))?;
    let wall = t.elapsed().as_secs_f64();
    ensure!(out.status.success(), "near-duplicates failed: {}", String::from_utf8_lossy(&out.stderr));
    let pairs = out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    let rss = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):").map(str::trim).map(String::from))
        .and_then(|k| k.parse::<f64>().ok())
        .map(|k| k / 1024.0);
    Ok((wall, rss, pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_from_2020() {
        assert_eq!(chrono_day(0), "2020-01-01");
        assert_eq!(chrono_day(31), "2020-02-01");
        assert_eq!(chrono_day(366), "2021-01-01");
    }

    #[test]
    fn copies_keep_length_and_change_some_words() {
        let docs =
            vec![Doc { title: "T".into(), text: (0..60).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ") }];
        let (t0, a) = text(&docs, 0);
        let (t1, b) = text(&docs, 1);
        assert_eq!((t0.as_str(), a.as_str()), ("T", docs[0].text.as_str()));
        assert_eq!(t1, "T (1)");
        let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
        assert_eq!(wa.len(), wb.len());
        let changed = wa.iter().zip(&wb).filter(|(x, y)| x != y).count();
        assert!((3..=20).contains(&changed), "{changed} of 60 words changed");
    }
}
