//! `bench-analyze`: whole-pipeline throughput of the release `storyline analyze`.
//!
//! The binary is run as a user would run it, on the first N lines of a JSONL corpus for growing
//! N, and timed from outside (wall clock, process start to exit, including ingest, every stage
//! and JSON rendering). Fitting time ∝ N^b over the sizes tells whether the pipeline scales
//! linearly (b ≈ 1) or has a quadratic stage hiding in it (b → 2).
//!
//! Peak memory comes from GNU `/usr/bin/time -v` when it is installed: it reads the child's
//! rusage, which is exact and costs nothing, where sampling `/proc` from here would miss peaks.

use anyhow::{bail, ensure, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The prefix sizes reported when the corpus is large enough; the whole corpus is always added.
const SIZES: [usize; 3] = [1_000, 5_000, 10_000];

/// GNU time, which reports the child's peak resident set size.
const GNU_TIME: &str = "/usr/bin/time";

/// What to run and on what.
pub struct Config {
    /// The JSONL corpus (one article per line).
    pub jsonl: PathBuf,
    /// The release `storyline` binary.
    pub bin: PathBuf,
    /// Largest prefix (lines); `None` for the whole file.
    pub limit: Option<usize>,
    /// Runs per size; the fastest counts.
    pub runs: usize,
}

/// One timed run of `storyline analyze`.
struct Measurement {
    articles: usize,
    seconds: f64,
    /// User plus system CPU seconds, when GNU time is available.
    cpu_seconds: Option<f64>,
    /// Peak RSS in KiB, when GNU time is available.
    peak_kib: Option<u64>,
    /// storyline's own summary line ("read …, stored …, stories …").
    summary: String,
}

/// Run the benchmark and print one row per size, then the growth fit.
pub fn run(config: &Config) -> Result<()> {
    if !config.bin.is_file() {
        bail!("{} not found: run `cargo build --release` first", config.bin.display());
    }
    let corpus = std::fs::read_to_string(&config.jsonl)
        .with_context(|| format!("reading {} (make it with `cargo xtask reuters-jsonl`)", config.jsonl.display()))?;
    let lines: Vec<&str> = corpus.lines().filter(|line| !line.trim().is_empty()).collect();
    ensure!(!lines.is_empty(), "{} has no articles", config.jsonl.display());
    let gnu_time = Path::new(GNU_TIME).is_file();
    if !gnu_time {
        eprintln!("bench-analyze: {GNU_TIME} not found; peak memory is not reported");
    }
    println!(
        "{:>8} {:>9} {:>11} {:>9} {:>10}  storyline summary",
        "articles", "wall s", "articles/s", "CPU s", "peak MiB"
    );
    let mut results = Vec::new();
    for size in sizes(lines.len(), config.limit) {
        let input = prefix_file(&lines[..size])?;
        let mut best: Option<Measurement> = None;
        for _ in 0..config.runs {
            let run = measure(&config.bin, input.path(), size, gnu_time)?;
            if best.as_ref().is_none_or(|b| run.seconds < b.seconds) {
                best = Some(run);
            }
        }
        let best = best.context("no run")?;
        print_row(&best);
        results.push(best);
    }
    print_growth(&results);
    Ok(())
}

/// The standard sizes below the cap, then the cap itself (the limit or the whole corpus).
fn sizes(total: usize, limit: Option<usize>) -> Vec<usize> {
    let cap = limit.unwrap_or(total).clamp(1, total);
    let mut sizes: Vec<usize> = SIZES.iter().copied().filter(|&size| size < cap).collect();
    sizes.push(cap);
    sizes
}

/// A temporary `.jsonl` holding `lines`; the suffix matters because storyline picks the reader
/// by extension.
fn prefix_file(lines: &[&str]) -> Result<tempfile::NamedTempFile> {
    let mut file = tempfile::Builder::new().prefix("storyline-bench-").suffix(".jsonl").tempfile()?;
    for line in lines {
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    Ok(file)
}

/// Time one `storyline analyze FILE --json --out /dev/null`.
fn measure(bin: &Path, input: &Path, articles: usize, gnu_time: bool) -> Result<Measurement> {
    let mut command = if gnu_time {
        let mut command = Command::new(GNU_TIME);
        command.arg("-v").arg(bin);
        command
    } else {
        Command::new(bin)
    };
    // stderr goes to a file, not a pipe: a run that warns a lot must not block on a full pipe
    // while we wait for it.
    let log = tempfile::NamedTempFile::new()?;
    command.arg("analyze").arg(input).args(["--json", "--out", "/dev/null"]);
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(log.reopen()?);
    let start = Instant::now();
    let status = command.status().with_context(|| format!("running {}", bin.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let stderr = std::fs::read_to_string(log.path()).unwrap_or_default();
    // Exit 1 means "ran but found no story": still a valid timing.
    if !matches!(status.code(), Some(0 | 1)) {
        bail!("storyline analyze failed on {articles} articles ({status}):\n{}", tail(&stderr, 20));
    }
    let summary = stderr.lines().rfind(|line| line.starts_with("storyline: read")).unwrap_or("").to_string();
    Ok(Measurement { articles, seconds, cpu_seconds: cpu_seconds(&stderr), peak_kib: peak_rss_kib(&stderr), summary })
}

/// The value after `label` on a line of GNU time's report.
fn gnu_time_field<T: std::str::FromStr>(stderr: &str, label: &str) -> Option<T> {
    stderr.lines().find_map(|line| line.trim().strip_prefix(label)).and_then(|value| value.trim().parse().ok())
}

/// `Maximum resident set size (kbytes): N` from GNU time's report.
fn peak_rss_kib(stderr: &str) -> Option<u64> {
    gnu_time_field(stderr, "Maximum resident set size (kbytes):")
}

/// User plus system time from GNU time's report.
fn cpu_seconds(stderr: &str) -> Option<f64> {
    let user: f64 = gnu_time_field(stderr, "User time (seconds):")?;
    let system: f64 = gnu_time_field(stderr, "System time (seconds):")?;
    Some(user + system)
}

/// The last `n` lines of `text`, for error messages.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn print_row(m: &Measurement) {
    let rate = m.articles as f64 / m.seconds;
    let cpu = m.cpu_seconds.map_or("-".to_string(), |cpu| format!("{cpu:.2}"));
    let memory = m.peak_kib.map_or("-".to_string(), |kib| format!("{:.0}", kib as f64 / 1024.0));
    let summary = m.summary.strip_prefix("storyline: ").unwrap_or(&m.summary);
    println!("{:>8} {:>9.2} {:>11.0} {cpu:>9} {memory:>10}  {summary}", m.articles, m.seconds, rate);
}

/// Print the exponent b of the least-squares fit time ≈ c·N^b, for wall and CPU time, with a
/// verdict. CPU time is shown too because wall time on a shared machine also measures the
/// neighbours.
fn print_growth(results: &[Measurement]) {
    let wall: Vec<(usize, f64)> = results.iter().map(|m| (m.articles, m.seconds)).collect();
    let cpu: Option<Vec<(usize, f64)>> = results.iter().map(|m| Some((m.articles, m.cpu_seconds?))).collect();
    for (label, points) in [("wall", Some(wall)), ("CPU", cpu)] {
        let Some(b) = points.as_deref().and_then(growth_exponent) else { continue };
        // Process start-up weighs most on the smallest run and pulls b below 1, so a value a
        // little above 1 is already a warning sign.
        let verdict = if b <= 1.15 { "near-linear" } else { "super-linear: some stage grows faster than N" };
        println!("growth: {label} time ~ N^{b:.2} ({verdict})");
    }
    if results.len() < 2 {
        println!("growth: need at least two sizes to fit");
    }
}

/// Slope of ln(time) over ln(N); `None` with fewer than two distinct sizes.
fn growth_exponent(points: &[(usize, f64)]) -> Option<f64> {
    let logs: Vec<(f64, f64)> = points.iter().map(|&(n, t)| ((n as f64).ln(), t.max(1e-9).ln())).collect();
    let count = logs.len() as f64;
    let mean_x = logs.iter().map(|p| p.0).sum::<f64>() / count;
    let mean_y = logs.iter().map(|p| p.1).sum::<f64>() / count;
    let sxx: f64 = logs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = logs.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    (sxx > 1e-12).then(|| sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_end_at_the_cap() {
        assert_eq!(sizes(19_043, None), vec![1_000, 5_000, 10_000, 19_043]);
        assert_eq!(sizes(19_043, Some(2_000)), vec![1_000, 2_000]);
        assert_eq!(sizes(19_043, Some(5_000)), vec![1_000, 5_000]);
        assert_eq!(sizes(300, None), vec![300]);
        assert_eq!(sizes(300, Some(100_000)), vec![300]);
    }

    #[test]
    fn fits_the_growth_exponent() {
        let linear = growth_exponent(&[(1_000, 1.0), (2_000, 2.0), (4_000, 4.0)]).unwrap();
        assert!((linear - 1.0).abs() < 1e-9);
        let quadratic = growth_exponent(&[(1_000, 1.0), (2_000, 4.0), (4_000, 16.0)]).unwrap();
        assert!((quadratic - 2.0).abs() < 1e-9);
        assert_eq!(growth_exponent(&[(1_000, 1.0)]), None);
    }

    #[test]
    fn reads_peak_rss_from_gnu_time() {
        let report = "\tCommand being timed: \"x\"\n\tMaximum resident set size (kbytes): 51234\n";
        assert_eq!(peak_rss_kib(report), Some(51_234));
        assert_eq!(peak_rss_kib("nothing"), None);
        let times = "\tUser time (seconds): 1.50\n\tSystem time (seconds): 0.25\n";
        assert_eq!(cpu_seconds(times), Some(1.75));
    }
}
