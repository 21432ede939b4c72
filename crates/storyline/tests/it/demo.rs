//! The bundled demo corpus (written by us) read as its README says: two stories, three voices
//! in the strike story, the wire's copies, and the bad-input fixtures reported, not fatal.

use super::data;
use std::collections::BTreeSet;
use storyline::model::CopyKind;
use storyline::pipeline::Pipeline;

fn file_of(path: &str) -> String {
    path.rsplit('/').next().unwrap()[..2].to_string()
}

#[test]
fn demo_reads_as_two_stories_with_three_voices_in_the_strike() {
    let mut p = Pipeline::in_memory().unwrap();
    let report = p.ingest(storyline::ingest::read_paths(&[data::demo()])).unwrap();
    assert_eq!((report.stored, report.skipped.len()), (10, 0), "{report:?}");
    let briefs = p.briefs().unwrap();
    assert_eq!(briefs.len(), 2);
    let strike = &briefs[0];
    assert_eq!(strike.articles.len(), 7);
    let voices: BTreeSet<BTreeSet<String>> = strike
        .voices
        .iter()
        .map(|v| {
            v.articles.iter().map(|id| file_of(&strike.articles.iter().find(|a| &a.id == id).unwrap().path)).collect()
        })
        .collect();
    let expected: BTreeSet<BTreeSet<String>> = [vec!["01", "02", "03", "04", "05"], vec!["06"], vec!["07"]]
        .into_iter()
        .map(|v| v.into_iter().map(String::from).collect())
        .collect();
    assert_eq!(voices, expected);
    let kind_of = |x: &str, y: &str| {
        strike.copies.iter().find_map(|c| {
            let path =
                |id: &storyline::model::ArticleId| file_of(&strike.articles.iter().find(|a| &a.id == id).unwrap().path);
            let (f, t) = (path(&c.from), path(&c.to));
            ((f == x && t == y) || (f == y && t == x)).then_some(c.kind)
        })
    };
    assert_eq!(kind_of("01", "04"), Some(CopyKind::Rewrite));
    assert_eq!(kind_of("01", "02"), Some(CopyKind::Verbatim));
    assert!(kind_of("01", "05").is_some());
    assert_eq!(briefs[1].voices.len(), 3, "the museum story has three independent reports");
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let bad = data::demo().join("../bad");
    let mut p = Pipeline::in_memory().unwrap();
    let report = p.ingest(storyline::ingest::read_paths(&[bad])).unwrap();
    assert!(report.stored >= 2, "{report:?}");
    assert!(report.skipped.len() >= 3, "{report:?}");
    assert!(report.skipped.iter().any(|s| s.contains("mixed.jsonl:")), "errors name file and line: {report:?}");
}

#[test]
fn the_strike_brief_cites_the_rewrite_with_its_original_and_lists_each_point_once() {
    let mut p = Pipeline::in_memory().unwrap();
    p.ingest(storyline::ingest::read_paths(&[data::demo()])).unwrap();
    let briefs = p.briefs().unwrap();
    let strike = &briefs[0];
    let file = |id: &storyline::model::ArticleId| file_of(&strike.articles.iter().find(|a| &a.id == id).unwrap().path);
    // The wire lead, reworded past recognition in 04 ("arbitrators fell short … work stoppage"),
    // is carried by the rewrite too.
    let lead = strike.summary.iter().find(|c| c.text.starts_with("Government and union negotiators failed")).unwrap();
    let files: BTreeSet<String> = lead.sources.iter().map(file).collect();
    assert!(files.contains("01") && files.contains("04"), "{files:?}");
    for u in &strike.unique {
        // A quote listed as the voice's point is not listed again inside its sentence.
        let quotes: Vec<&str> =
            u.points.iter().filter_map(|p| p.text.split_once(": “").map(|(_, q)| q.trim_end_matches('”'))).collect();
        for point in u.points.iter().filter(|p| !p.text.contains(": “")) {
            assert!(!quotes.iter().any(|q| point.text.contains(q)), "a listed quote again: {point:?}");
        }
        for point in &u.points {
            assert!(!point.text.starts_with("Government and union arbitrators"), "the rewrite's lead again: {point:?}");
            let first_mark = point.text.chars().find(|c| matches!(c, '“' | '”'));
            assert_ne!(first_mark, Some('”'), "a quote's tail listed as a point: {point:?}");
        }
    }
    // A quote split around a cue that ends a sentence joins as two sentences.
    assert!(strike.quotes.iter().any(
        |q| q.text == "We came here to talk about jobs. We are leaving having talked about almost everything else."
    ));
}
