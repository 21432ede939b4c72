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

/// Two reports that start apart become one story when a third reads like both, and the
/// store moves the merged story's articles with it, across a reopen.
#[test]
fn stories_found_to_be_one_merge_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let doc = |title: &str, day: &str, body: &str| {
        let json = serde_json::json!({ "title": title, "published": day, "text": body }).to_string();
        storyline::ingest::read_bytes(json.as_bytes(), &format!("{title}.jsonl"))
    };
    let mut p = Pipeline::open(&db).unwrap();
    p.ingest(doc(
        "Fire at Kessel grain silo",
        "2025-05-02",
        "Firefighters fought a blaze at the Kessel grain silo overnight; chief Anna Roos said the silo burned for six hours and grain stores were lost.",
    ))
    .unwrap();
    p.ingest(doc(
        "Kessel farmers count losses",
        "2025-05-02",
        "Farmers around Kessel counted their losses after the silo fire; the cooperative said insurance would cover the harvest.",
    ))
    .unwrap();
    assert_eq!(p.stories().unwrap().len(), 2);
    let first = p.stories().unwrap().iter().map(|s| s.id).min().unwrap();
    let mut p = Pipeline::open(&db).unwrap();
    p.ingest(doc(
        "Kessel silo fire: farmers count losses",
        "2025-05-03",
        "After the Kessel grain silo fire, which burned for six hours according to fire chief Anna Roos, farmers counted their losses and the cooperative said insurance would cover the harvest.",
    ))
    .unwrap();
    let stories = p.stories().unwrap();
    assert_eq!(stories.len(), 1, "{stories:?}");
    assert_eq!((stories[0].id, stories[0].articles), (first, 3));
    // The merged-away story's id still leads to the story.
    let store = storyline::store::Store::open(&db).unwrap();
    let gone = storyline::model::StoryId(first.0 + 1);
    assert_eq!(store.live_story(gone).unwrap(), first);
    assert_eq!(store.live_story(first).unwrap(), first);
}

#[test]
fn progress_counts_every_placed_article_in_order() {
    let mut calls = Vec::new();
    let report = Pipeline::in_memory()
        .unwrap()
        .ingest_with_progress(storyline::ingest::read_paths(&[data::demo()]), &mut |done, total| {
            calls.push((done, total))
        })
        .unwrap();
    let total = calls[0].1;
    assert_eq!(total, report.stored + report.duplicates);
    assert_eq!(calls.first(), Some(&(0, total)));
    assert_eq!(calls.last(), Some(&(total, total)));
    assert!(calls.windows(2).all(|w| w[1].0 == w[0].0 + 1), "{calls:?}");
}

/// A report placed in a look-alike story before its own story existed moves there when that
/// story starts (issue 5's re-homing), and the store follows across sessions: every article is
/// stored once, in exactly one story, and the explanation says it moved.
#[test]
fn moved_articles_move_in_the_store_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let doc = |title: &str, body: &str| {
        let json = serde_json::json!({ "title": title, "published": "2025-03-10", "text": body }).to_string();
        storyline::ingest::read_bytes(json.as_bytes(), &format!("{title}.jsonl"))
    };
    let dock = [
        ("Dockworkers strike at the Port Varen docks over pay", "Dockworkers at the Port Varen docks walked off the job on Monday in a strike over pay, the union's leader Ilse Marrow told reporters."),
        ("Varen dock strike enters second day", "The Port Varen dockworkers strike over pay entered its second day, and Ilse Marrow said that the union would not give in."),
        ("Varen dockworkers reject pay offer", "Striking Port Varen dockworkers rejected a pay offer from the harbour board, Ilse Marrow said."),
        ("Cranes idle as Varen dock strike goes on", "Cranes stood idle at the Port Varen docks as the dockworkers strike over pay went on."),
        ("Port Varen ferry crews join the dockworkers strike over pay", "Ferry crews in Port Varen joined the dockworkers strike over pay, stopping the ferries to Holm island over rosters, captain Jonas Field said."),
    ];
    let holm = [
        ("Holm island cut off as ferry crews stay out over rosters", "No ferries reached Holm island as crews stayed out over rosters; captain Jonas Field said they would not sail."),
        ("Holm island ferry strike: crews stay out over rosters", "Holm island waited for ferries as the crews stayed out over rosters, Jonas Field said."),
    ];
    // One article per ingest keeps the arrival order (a batch is ordered by date, then path).
    for (title, body) in dock {
        Pipeline::open(&db).unwrap().ingest(doc(title, body)).unwrap();
    }
    let mut p = Pipeline::open(&db).unwrap();
    assert_eq!(p.stories().unwrap().len(), 1, "the ferry report joins the dock strike first");
    for (title, body) in holm {
        p.ingest(doc(title, body)).unwrap();
    }
    let store = storyline::store::Store::open(&db).unwrap();
    assert_eq!(store.len().unwrap(), 7);
    let rows = store.stories().unwrap();
    assert_eq!(rows.iter().map(|r| r.articles).collect::<Vec<_>>(), [4, 3], "{rows:?}");
    let mut seen = std::collections::HashSet::new();
    let mut moved = Vec::new();
    for row in &rows {
        for (a, why) in store.story_articles(row.id).unwrap() {
            assert!(seen.insert(a.id.clone()), "{} listed twice", a.id);
            assert_eq!(store.story_of(&a.id).unwrap(), Some(row.id));
            if let Some(m) = why.moved.first() {
                assert_eq!((m.to, &m.article, m.from), (row.id, &a.id, rows[0].id));
                assert!(!why.new, "a moved article did not start its story");
                moved.push(a.title.clone());
            }
            // The ferry strike's story was started by its first own report, not the older one
            // that moved in.
            assert_eq!(
                why.new,
                a.title.starts_with("Holm island cut off") || a.title.starts_with("Dockworkers strike")
            );
        }
    }
    assert_eq!(seen.len(), 7, "every stored article is in one story");
    assert_eq!(moved, ["Port Varen ferry crews join the dockworkers strike over pay"]);
}
