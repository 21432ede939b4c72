//! Issue 3's measured extraction scores as regression guards: floors just under what
//! `storyline eval extraction` measures on both sets, and the scorer checked against the
//! published numbers of the outputs the Zyte benchmark ships. The peer is not run here (slow).

use std::path::PathBuf;
use storyline_eval::extraction::{evaluate, Options};

fn data() -> Option<PathBuf> {
    let dir = storyline_eval::data_dir();
    if dir.join("extraction/zyte").exists() && dir.join("extraction/trafilatura-eval").exists() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing (CI=true)", dir.display());
    }
    eprintln!("skipping: {} not found (set STORYLINE_DATA)", dir.display());
    None
}

/// Precision, recall and F1 of the row of `system` (a prefix) in `set`.
fn scores(report: &storyline_eval::Report, set: &str, system: &str) -> [f64; 3] {
    let row = report
        .rows
        .iter()
        .find(|r| r[0] == set && r[1].starts_with(system))
        .unwrap_or_else(|| panic!("no {set}/{system} row in {report:?}"));
    [2, 3, 4].map(|i| row[i].trim_matches('*').parse().unwrap())
}

#[test]
fn zyte_scores_stay_above_their_floor_and_the_scorer_matches_the_benchmark() {
    let Some(dir) = data() else { return };
    let report = evaluate(Some("zyte"), &dir, Options { peer: false }).unwrap();
    let [p, r, f] = scores(&report, "zyte", "**storyline**");
    assert!(f >= 0.974 && p >= 0.97 && r >= 0.975, "zyte P {p} R {r} F1 {f}");
    // The shipped outputs scored by our code give the published F1 (data/README.md).
    for (system, published) in [("trafilatura (", 0.958), ("rs_trafilatura", 0.970), ("whole-page text", 0.665)] {
        let [_, _, f] = scores(&report, "zyte", system);
        assert!((f - published).abs() <= 0.0015, "{system}: {f} vs published {published}");
    }
}

#[test]
fn trafilatura_eval_scores_stay_above_their_floor() {
    let Some(dir) = data() else { return };
    let report = evaluate(Some("trafilatura-eval"), &dir, Options { peer: false }).unwrap();
    let [p, r, f] = scores(&report, "trafilatura-eval", "**storyline**");
    assert!(f >= 0.927 && p >= 0.935 && r >= 0.917, "trafilatura-eval P {p} R {r} F {f}");
}
