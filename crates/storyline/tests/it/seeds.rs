//! Issue 2's definition of "right" on the five seed articles: one story, three voices, the AP
//! copies with their kinds, the talks-length conflict, the speakers, and no site chrome.

use super::data;
use std::collections::BTreeSet;
use storyline::model::{Brief, CopyKind};
use storyline::pipeline::Pipeline;

/// The brief of the seeds, with each article's id mapped to its file prefix ("000").
fn seeds_brief() -> Option<(Brief, Vec<(String, String)>)> {
    let dir = data::require("seeds")?;
    let mut p = Pipeline::in_memory().unwrap();
    let report = p.ingest(storyline::ingest::read_paths(&[dir])).unwrap();
    assert_eq!((report.read, report.stored, report.skipped.len()), (5, 5, 0), "{report:?}");
    let briefs = p.briefs().unwrap();
    assert_eq!(briefs.len(), 1, "the five seeds are one story");
    let b = briefs.into_iter().next().unwrap();
    let names = b
        .articles
        .iter()
        .map(|a| {
            let file = a.path.rsplit('/').next().unwrap();
            (a.id.0.clone(), file[..3].to_string())
        })
        .collect();
    Some((b, names))
}

fn name(names: &[(String, String)], id: &str) -> String {
    names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone()).unwrap()
}

#[test]
fn issue_2_seeds_are_one_story_of_three_voices() {
    let Some((b, names)) = seeds_brief() else { return };
    assert_eq!(b.articles.len(), 5);
    let voices: BTreeSet<BTreeSet<String>> =
        b.voices.iter().map(|v| v.articles.iter().map(|a| name(&names, &a.0)).collect()).collect();
    let expected: BTreeSet<BTreeSet<String>> = [vec!["000", "001", "002"], vec!["003"], vec!["004"]]
        .into_iter()
        .map(|v| v.into_iter().map(String::from).collect())
        .collect();
    assert_eq!(voices, expected);
}

#[test]
fn issue_2_seed_copies_have_kinds_and_evidence() {
    let Some((b, names)) = seeds_brief() else { return };
    let link = |x: &str, y: &str| {
        b.copies
            .iter()
            .find(|c| {
                let (f, t) = (name(&names, &c.from.0), name(&names, &c.to.0));
                (f == x && t == y) || (f == y && t == x)
            })
            .unwrap_or_else(|| panic!("no copy link {x}–{y}: {:?}", b.copies))
    };
    let verbatim = link("000", "002");
    assert_eq!(verbatim.kind, CopyKind::Verbatim);
    assert!(!verbatim.evidence.is_empty());
    let rewrite = link("000", "001");
    assert_eq!(rewrite.kind, CopyKind::Rewrite);
    assert!(rewrite.evidence.iter().any(|p| p.kind == "reworded"));
    for c in &b.copies {
        let pair = [name(&names, &c.from.0), name(&names, &c.to.0)];
        assert!(!pair.iter().any(|n| n == "003" || n == "004"), "independent reports are not copies: {pair:?}");
    }
}

#[test]
fn issue_2_no_site_chrome_in_bodies() {
    let Some(dir) = data::require("seeds") else { return };
    for raw in storyline::ingest::read_paths(&[dir]) {
        let a = storyline::extract::extract(&raw.unwrap()).unwrap();
        for chrome in [
            "Trending Stories",
            "Leave a comment",
            "Source link",
            "appeared first on",
            "Leave a Reply",
            "Comments are closed",
        ] {
            assert!(!a.body.contains(chrome), "{} keeps {chrome:?}", a.path);
        }
    }
}

#[test]
fn issue_2_seed_brief_shows_the_conflict_and_the_speakers() {
    let Some((b, _)) = seeds_brief() else { return };
    let talks = b.conflicts.iter().find(|c| c.about == "hours of talks").expect("the talks-length conflict");
    let values: Vec<&str> = talks.claims.iter().map(|c| c.value.as_str()).collect();
    assert!(values.iter().any(|v| v.contains("5-1/2")) && values.iter().any(|v| v.contains("eight")), "{values:?}");
    assert!(!values.iter().any(|v| v.contains("two hours")), "Sunday's dinner is another measurement: {values:?}");
    let speakers: BTreeSet<&str> = b.quotes.iter().filter_map(|q| q.speaker.as_deref()).collect();
    for who in ["Sergei Ryabkov", "Wendy Sherman", "Antony Blinken", "Jens Stoltenberg"] {
        assert!(speakers.contains(who), "{who} missing from {speakers:?}");
    }
    // A quote whose quotation marks the site stripped (002) is still Stoltenberg's.
    let stripped = b.quotes.iter().find(|q| q.text.contains("expect that these meetings")).expect("stripped quote");
    assert_eq!(stripped.speaker.as_deref(), Some("Jens Stoltenberg"));
    assert!(b.quotes.iter().any(|q| q.variants.iter().any(|v| v.altered && v.text.contains("not doomed to failure"))));
    let md = storyline::brief::render::markdown(&b);
    assert!(md.contains("5 articles, 3 independent reports"), "{md}");
}
