//! `bench-claims`: stage 6's throughput (quotes and facts) in MB of text per second per core,
//! on the PolNeAR train texts read from the shared data (issue 6 asks for ≥ 5 MB/s per core).
//!
//! One thread, texts already in memory, several passes; the result of each pass is checked
//! (the quote and fact counts must not change between passes), so the work cannot be skipped.

use anyhow::{ensure, Context, Result};
use std::path::Path;
use std::time::Instant;

/// Run the benchmark on `dir` (the PolNeAR `text` folder), `passes` times.
pub fn run(dir: &Path, passes: usize) -> Result<()> {
    let mut texts = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {} (set --data or STORYLINE_DATA)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        texts.push(std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?);
    }
    ensure!(!texts.is_empty(), "no texts in {}", dir.display());
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut expected = None;
    let mut best = f64::INFINITY;
    for _ in 0..passes.max(1) {
        let started = Instant::now();
        let mut counts = (0usize, 0usize);
        for t in &texts {
            counts.0 += storyline::claims::quotes(t).len();
            counts.1 += storyline::claims::facts(t).len();
        }
        best = best.min(started.elapsed().as_secs_f64());
        ensure!(*expected.get_or_insert(counts) == counts, "claims changed between passes");
    }
    let (quotes, facts) = expected.unwrap_or_default();
    println!(
        "claims: {} texts, {:.1} MB, {quotes} quotes, {facts} facts; best of {passes}: {best:.2} s = {:.1} MB/s on one core (target ≥ 5)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best
    );
    Ok(())
}
