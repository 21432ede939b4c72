//! The persistent store: idempotent, incremental ingest.

use super::data;
use storyline::pipeline::Pipeline;

#[test]
fn ingest_twice_stores_once_and_new_articles_join_their_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let demo = data::demo();
    let strike: Vec<_> = ["01_northern_wire.txt", "06_tessby_ledger.txt"].iter().map(|f| demo.join(f)).collect();
    let first = Pipeline::open(&db).unwrap().ingest(storyline::ingest::read_paths(&strike)).unwrap();
    assert_eq!(first.stored, 2);
    // Reopened: the same files add nothing; a rewrite of the wire joins the existing story.
    let mut p = Pipeline::open(&db).unwrap();
    let again = p.ingest(storyline::ingest::read_paths(&strike)).unwrap();
    assert_eq!((again.stored, again.duplicates), (0, 2));
    let more = p.ingest(storyline::ingest::read_paths(&[demo.join("04_lakeshore_herald.txt")])).unwrap();
    assert_eq!((more.stored, more.copies), (1, 1));
    let stories = p.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles, 3);
    let brief = p.brief(stories[0].id).unwrap();
    assert_eq!(brief.voices.len(), 2);
}

#[test]
fn reopening_keeps_the_clusterer_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let demo = data::demo();
    Pipeline::open(&db).unwrap().ingest(storyline::ingest::read_paths(&[demo.join("08_culture_feed.jsonl")])).unwrap();
    let mut p = Pipeline::open(&db).unwrap();
    p.ingest(storyline::ingest::read_paths(&[demo.join("01_northern_wire.txt")])).unwrap();
    let stories = p.stories().unwrap();
    assert_eq!(stories.len(), 2, "a new event starts a new story: {stories:?}");
    let ids: std::collections::BTreeSet<u64> = stories.iter().map(|s| s.id.0).collect();
    assert_eq!(ids.len(), 2, "story ids stay distinct across sessions");
}
