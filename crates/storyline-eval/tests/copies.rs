//! Issue 4's measured targets as regression guards: Reuters-21578 near-duplicate recall and
//! precision against the exact pairs, the seeds' voices, and the MRPC floor.

use std::path::PathBuf;

fn data() -> Option<PathBuf> {
    let dir = storyline_eval::data_dir();
    if dir.join("corpus/reuters21578").exists() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing (CI=true)", dir.display());
    }
    eprintln!("skipping: {} not found (set STORYLINE_DATA)", dir.display());
    None
}

fn score(report: &storyline_eval::Report, set: &str, metric: &str) -> String {
    report
        .rows
        .iter()
        .find(|r| r[0] == set && r[1].starts_with(metric))
        .map(|r| r[2].clone())
        .unwrap_or_else(|| panic!("no {set}/{metric} row in {report:?}"))
}

#[test]
fn reuters_near_duplicates_reach_the_target() {
    let Some(dir) = data() else { return };
    let report = storyline_eval::copies::run(Some("reuters"), &dir).unwrap();
    let recall: f64 = score(&report, "reuters", "near-duplicate recall").parse().unwrap();
    let precision: f64 = score(&report, "reuters", "near-duplicate precision").parse().unwrap();
    assert!(recall >= 0.99 && precision >= 0.99, "recall {recall} precision {precision}");
}

#[test]
fn seeds_have_three_voices_and_mrpc_stays_above_its_floor() {
    let Some(dir) = data() else { return };
    let seeds = storyline_eval::copies::run(Some("seeds"), &dir).unwrap();
    assert_eq!(score(&seeds, "seeds", "voices"), "{000,001,002} {003} {004}");
    let mrpc = storyline_eval::copies::run(Some("mrpc"), &dir).unwrap();
    let rule: f64 = score(&mrpc, "mrpc", "accuracy (test), copy detector").parse().unwrap();
    assert!(rule >= 69.0, "MRPC accuracy of the copy detector's rule {rule}");
    // Trained on train with settings chosen by cross-validation on train: 76.8, 76.9 and 77.5 measured.
    let lexical: f64 = score(&mrpc, "mrpc", "accuracy (test), lexical features").parse().unwrap();
    let full: f64 = score(&mrpc, "mrpc", "accuracy (test), TF-KLD").parse().unwrap();
    let bags: f64 = score(&mrpc, "mrpc", "accuracy (test), lexical + stem bags").parse().unwrap();
    assert!(
        lexical >= 76.0 && full >= 76.0 && bags >= 77.0,
        "MRPC accuracy: lexical {lexical}, full {full}, bags {bags}"
    );
}
