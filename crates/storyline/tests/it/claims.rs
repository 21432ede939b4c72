//! Stage 6 on the real seed articles: the hard cases of quote attribution and numeric facts.
//!
//! The seeds live in the shared data directory (`$STORYLINE_DATA`, default
//! `<workspace>/../shared/data`) and are read at test time, never copied into the repository.
//! Without them the tests skip with a message, except under `CI=true`, where they fail.

use std::path::PathBuf;
use storyline::claims::{facts, quotes};
use storyline::model::{Fact, Quote};

fn data_dir() -> PathBuf {
    std::env::var_os("STORYLINE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// The seed whose file name starts with `prefix`, or `None` (skip) when the data is absent.
fn seed(prefix: &str) -> Option<String> {
    let dir = data_dir().join("seeds");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
    });
    match found.and_then(|p| std::fs::read_to_string(p).ok()) {
        Some(text) => Some(text),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("seed {prefix} missing under {} (CI=true)", dir.display())
        }
        None => {
            eprintln!("skipping: seed {prefix} not found under {}", dir.display());
            None
        }
    }
}

fn quote_with<'a>(qs: &'a [Quote], needle: &str) -> &'a Quote {
    qs.iter().find(|q| q.text.contains(needle)).unwrap_or_else(|| {
        let all: Vec<_> = qs.iter().map(|q| (&q.speaker, &q.text)).collect();
        panic!("no quote containing {needle:?}; quotes: {all:#?}")
    })
}

fn speaker_of(qs: &[Quote], needle: &str) -> String {
    quote_with(qs, needle).speaker.clone().unwrap_or_default()
}

fn fact_about<'a>(fs: &'a [Fact], about: &str, value: f64) -> &'a Fact {
    fs.iter().find(|f| f.about == about && f.value == value).unwrap_or_else(|| {
        let all: Vec<_> = fs.iter().map(|f| (&f.about, f.value, &f.text)).collect();
        panic!("no fact {about:?} = {value}; facts: {all:#?}")
    })
}

#[test]
fn ap_story_attributes_every_speaker() {
    let Some(body) = seed("000_") else { return };
    let qs = quotes(&body);
    assert_eq!(speaker_of(&qs, "so dangerous"), "Sergei Ryabkov");
    assert_eq!(speaker_of(&qs, "problematic to work on other aspects"), "Sergei Ryabkov");
    assert_eq!(speaker_of(&qs, "We were firm"), "Wendy Sherman");
    assert_eq!(speaker_of(&qs, "Today was a discussion"), "Wendy Sherman");
    assert_eq!(speaker_of(&qs, "gun to the head of Ukraine"), "Antony Blinken");
    let q = quote_with(&qs, "I don’t think that we can expect");
    assert_eq!(q.speaker.as_deref(), Some("Jens Stoltenberg"));
    assert_eq!(q.role.as_deref(), Some("NATO Secretary-General"));
    assert_eq!(speaker_of(&qs, "What we are hoping for"), "Jens Stoltenberg");
    assert_eq!(speaker_of(&qs, "it’s equally clear"), "Annalena Baerbock");
    assert!(!quote_with(&qs, "it’s equally clear").marked);
    assert!(
        !qs.iter().any(|q| q.text.starts_with("Echoing")),
        "narrative before a stripped opening mark is not a quote"
    );
}

#[test]
fn stripped_marks_are_still_quotes() {
    let Some(body) = seed("002_") else { return };
    let qs = quotes(&body);
    // Stoltenberg is never named in this copy, so only the quote itself is asserted.
    assert!(!quote_with(&qs, "I dont think that we can expect").marked);
}

#[test]
fn independent_reports_keep_their_unique_quotes() {
    if let Some(body) = seed("003_") {
        assert_eq!(speaker_of(&quotes(&body), "ironclad, waterproof, bulletproof"), "Sergei Ryabkov");
    }
    if let Some(body) = seed("004_") {
        let qs = quotes(&body);
        assert_eq!(speaker_of(&qs, "pack up and return to the borders of 1997"), "Sergei Ryabkov");
    }
}

#[test]
fn talk_durations_and_troop_numbers() {
    if let Some(body) = seed("000_") {
        let fs = facts(&body);
        let f = fact_about(&fs, "hours of talks", 5.5);
        assert_eq!((f.hedge.as_deref(), f.day.as_deref()), (Some("roughly"), Some("monday")));
        fact_about(&fs, "troops", 100_000.0);
    }
    if let Some(body) = seed("002_") {
        fact_about(&facts(&body), "troops", 100_000.0);
    }
    if let Some(body) = seed("003_") {
        let fs = facts(&body);
        let f = fact_about(&fs, "hours of talks", 8.0);
        assert_eq!((f.hedge.as_deref(), f.day.as_deref()), (Some("nearly"), None));
        fact_about(&fs, "troops", 100_000.0);
    }
    if let Some(body) = seed("004_") {
        let fs = facts(&body);
        let f = fact_about(&fs, "hours of talks", 2.0);
        assert_eq!(f.day.as_deref(), Some("sunday"));
    }
}

/// Prints every quote and fact of every seed (run with `--ignored --nocapture` to inspect).
#[test]
#[ignore]
fn dump_seeds() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let Some(body) = seed(prefix) else { continue };
        println!("=== {prefix}");
        for q in quotes(&body) {
            println!("Q {:?} [{:?}] {:?} marked={} {:?}: {}", q.speaker, q.role, q.evidence, q.marked, q.cue, q.text);
        }
        for f in facts(&body) {
            println!("F {} = {} ({:?}, {:?}): {}", f.about, f.value, f.hedge, f.day, f.text);
        }
    }
}
