//! Issue 4's bad inputs for copies and voices: empty and one-line articles, the same article
//! under two ids. (Reuters recall and precision: storyline-eval's tests.)

use storyline::model::{Format, Hints, RawArticle};
use storyline::pipeline::Pipeline;

fn json(path: &str, id: &str, title: &str, text: &str) -> storyline::Result<RawArticle> {
    Ok(RawArticle {
        path: format!("{path}#{id}"),
        format: Format::Json,
        content: text.into(),
        hints: Hints { title: Some(title.into()), ..Hints::default() },
    })
}

#[test]
fn empty_one_line_and_twice_stored_articles() {
    let text = "Dockworkers in Port Varen ended a nine-day strike on Monday after the harbour authority agreed to raise night-shift pay.";
    let mut p = Pipeline::in_memory().unwrap();
    let report = p
        .ingest(vec![
            json("f.jsonl", "a", "Strike ends", text),
            json("f.jsonl", "b", "Strike ends", text),
            json("f.jsonl", "c", "Empty", "   "),
            json("f.jsonl", "d", "One line", "Ferries sail."),
        ])
        .unwrap();
    assert_eq!((report.stored, report.duplicates), (2, 1), "{report:?}");
    assert_eq!(report.skipped.len(), 1);
    assert!(report.skipped[0].contains("f.jsonl#c"), "{report:?}");
    assert_eq!(report.copies, 0, "a one-line article copies nothing");
}
