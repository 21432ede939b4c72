//! Issue 7: the brief's summary on NeuS val against the editors' roundups, with floors just
//! under the measured ROUGE, next to the lead-3 and LexRank baselines scored in the same run.
//!
//! When `../shared/data` is missing the test skips with a message, unless `CI=true`, where
//! missing data is a failure.

use storyline_eval::summary::{self, Scores};

// Floors (ROUGE-1, ROUGE-2, ROUGE-L F1) a little under what `storyline eval summary` measures.
// Measured: storyline 0.399 / 0.185 / 0.271, lead-3 0.366 / 0.145 / 0.245, lead-3 of the most
// central article 0.401 / 0.178 / 0.281, LexRank 0.388 / 0.169 / 0.254.
const STORYLINE: (f64, f64, f64) = (0.395, 0.182, 0.268);
const LEAD3: (f64, f64, f64) = (0.36, 0.14, 0.24);
const CENTRAL_LEAD3: (f64, f64, f64) = (0.36, 0.16, 0.25);
const LEXRANK: (f64, f64, f64) = (0.38, 0.165, 0.25);

/// Every system's scores on NeuS val, or `None` (skip) when the data is absent outside CI.
fn measure() -> Option<Vec<Scores>> {
    let data = storyline_eval::data_dir();
    if !data.join("multisource/neus").exists() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but no gold data at {}", data.display());
        eprintln!("skipping summary/neus: no gold data at {} (set STORYLINE_DATA)", data.display());
        return None;
    }
    let stories = summary::load(&data).unwrap();
    let scores = summary::evaluate(&stories, summary::budget(&stories));
    for (name, s) in summary::SYSTEMS.iter().zip(&scores) {
        eprintln!("summary/neus {name}: {s:?}");
    }
    Some(scores)
}

/// Assert the three ROUGE floors of one system.
fn check(name: &str, s: &Scores, floor: (f64, f64, f64)) {
    assert!(s.r1 >= floor.0, "{name}: ROUGE-1 {:.4} fell under {}", s.r1, floor.0);
    assert!(s.r2 >= floor.1, "{name}: ROUGE-2 {:.4} fell under {}", s.r2, floor.1);
    assert!(s.rl >= floor.2, "{name}: ROUGE-L {:.4} fell under {}", s.rl, floor.2);
}

#[test]
fn issue_7_neus_val_rouge() {
    let Some(scores) = measure() else { return };
    check("storyline", &scores[0], STORYLINE);
    check("lead-3", &scores[1], LEAD3);
    check("lead-3 of the central article", &scores[2], CENTRAL_LEAD3);
    check("LexRank", &scores[3], LEXRANK);
}
