//! The CLI contract: the JSON of `analyze --json`, the store commands, `extract`, exit codes.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/demo")
}

fn storyline(args: &[&str], db: Option<&std::path::Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_storyline"));
    cmd.args(args).env_remove("STORYLINE_DB");
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.output().expect("run storyline")
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

#[test]
fn analyze_json_follows_the_contract() {
    let out = storyline(&["analyze", demo().to_str().unwrap(), "--json"], None);
    let v = json(&out);
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    for key in [
        "id",
        "title",
        "first_seen",
        "last_seen",
        "articles",
        "voices",
        "copies",
        "summary",
        "timeline",
        "quotes",
        "facts",
        "conflicts",
        "unique",
    ] {
        assert!(stories[0].get(key).is_some(), "story field {key} missing");
    }
    let a = &stories[0]["articles"][0];
    for key in ["id", "path", "title", "outlet", "published", "url", "voice"] {
        assert!(a.get(key).is_some(), "article field {key} missing");
    }
    let c = &stories[0]["copies"][0];
    for key in ["from", "to", "kind", "shared", "evidence"] {
        assert!(c.get(key).is_some(), "copy field {key} missing");
    }
    let summary_sources = stories[0]["summary"][0]["sources"].as_array().unwrap();
    assert!(!summary_sources.is_empty(), "every summary sentence cites its sources");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("read 10, stored 10"), "{stderr}");
}

#[test]
fn markdown_brief_tells_voices_conflicts_and_copies() {
    let out = storyline(&["analyze", demo().to_str().unwrap()], None);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("7 articles, 3 independent reports"), "{md}");
    assert!(md.contains("## Where the sources disagree"));
    assert!(md.contains("## Who said what"));
    assert!(md.contains("## Copies"));
    let html = storyline(&["analyze", demo().to_str().unwrap(), "--format", "html"], None);
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(page.starts_with("<!doctype html>") && !page.contains("<script"));
}

#[test]
fn store_commands_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let first = json(&storyline(&["ingest", demo().to_str().unwrap(), "--json"], Some(&db)));
    assert_eq!(first["stored"], 10);
    let again = json(&storyline(&["ingest", demo().to_str().unwrap(), "--json"], Some(&db)));
    assert_eq!((again["stored"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(10)));
    let stories = json(&storyline(&["stories", "--json"], Some(&db)));
    let id = stories[0]["id"].as_u64().unwrap();
    assert_eq!(stories[0]["articles"], 7);
    let brief = json(&storyline(&["brief", &id.to_string(), "--json"], Some(&db)));
    assert_eq!(brief["stories"][0]["voices"].as_array().unwrap().len(), 3);
    let summary = |extra: &[&str]| -> Vec<String> {
        let id = id.to_string();
        let args = [&["brief", id.as_str(), "--json"][..], extra].concat();
        let b = json(&storyline(&args, Some(&db)));
        b["stories"][0]["summary"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect()
    };
    let (full, short) = (summary(&[]), summary(&["--summary-words", "30"]));
    assert!(full.len() > 1, "{full:?}");
    assert_eq!(short.len(), 1, "one sentence fills 30 words: {short:?}");
    assert!(full.contains(&short[0]));
    assert_eq!(summary(&["--summary-sentences", "2"]).len(), 2);
    let copies = json(&storyline(&["copies", "--json"], Some(&db)));
    assert!(copies.as_array().unwrap().iter().any(|c| c["kind"] == "rewrite"));
    let explain = storyline(&["stories", "--explain", &id.to_string()], Some(&db));
    assert!(String::from_utf8_lossy(&explain.stdout).contains("started the story"));
}

#[test]
fn extract_prints_body_metadata_quotes_and_facts() {
    let file = demo().join("07_continental_press.txt");
    let v = json(&storyline(&["extract", file.to_str().unwrap(), "--json"], None));
    for key in
        ["title", "body", "published", "url", "outlet", "byline", "dateline", "wire", "language", "quotes", "facts"]
    {
        assert!(v.get(key).is_some(), "extract field {key} missing");
    }
    assert_eq!(v["wire"], "CPA");
    assert!(!v["quotes"].as_array().unwrap().is_empty());
}

#[test]
fn errors_exit_2_and_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = storyline(&["brief", "1"], Some(&dir.path().join("missing.db")));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store"));
    let bad = demo().join("../bad");
    let out = storyline(&["analyze", bad.to_str().unwrap()], None);
    assert!(out.status.success(), "bad inputs are skipped, the rest goes on");
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped:"));
}

fn testdata(folder: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(folder)
}

#[test]
fn feeds_and_archives_are_ingested_with_skips_counted_by_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let (feeds, warc) = (testdata("feeds"), testdata("warc"));
    let report = json(&storyline(&["ingest", feeds.to_str().unwrap(), warc.to_str().unwrap(), "--json"], Some(&db)));
    // Feeds: 2 + 2 + 1 items; archives: crawl.warc and crawl.warc.gz hold the same 2 pages,
    // cut.warc.gz and truncated.warc the first of them again.
    assert_eq!((report["read"].as_u64(), report["stored"].as_u64()), (Some(11), Some(7)), "{report}");
    assert_eq!(report["duplicates"], 4);
    let reasons = &report["skipped_reasons"];
    assert_eq!(reasons["not a response record"], 10, "{reasons}");
    assert_eq!(reasons["not HTML"], 3);
    assert_eq!(reasons["truncated record"], 2);
    assert_eq!((reasons["broken feed"].as_u64(), reasons["bad WARC record"].as_u64()), (Some(1), Some(1)));
    let skipped: Vec<&str> = report["skipped"].as_array().unwrap().iter().filter_map(|s| s.as_str()).collect();
    assert!(skipped.iter().any(|s| s.contains("broken.rss: not a valid RSS or Atom feed")), "{skipped:?}");
    assert!(skipped.iter().any(|s| s.contains("cut.warc.gz: record 5: ")), "{skipped:?}");
    assert!(skipped.iter().any(|s| s.contains("harbour.rss: item 3 (ht-2031-0322-gallery)")), "{skipped:?}");
}

#[test]
fn summary_line_counts_skips_per_reason_and_no_bar_off_a_terminal() {
    let warc = testdata("warc").join("crawl.warc.gz");
    let out = storyline(&["analyze", warc.to_str().unwrap(), "--json"], None);
    let v = json(&out);
    assert_eq!(v["stories"].as_array().unwrap().len(), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("read 2, stored 2, duplicates 0, skipped 4 (3 not a response record, 1 not HTML), copies"),
        "{stderr}"
    );
    assert!(!stderr.contains('\r') && !stderr.contains("\u{1b}["), "no progress bar when stderr is a pipe: {stderr:?}");
}

/// Issue 5: an article that moved to a later story says so in `stories --explain`, and the
/// story's own first report is the one that started it.
#[test]
fn explain_says_an_article_moved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let docs = [
        ("Dockworkers strike at the Port Varen docks over pay", "Dockworkers at the Port Varen docks walked off the job on Monday in a strike over pay, the union's leader Ilse Marrow told reporters."),
        ("Varen dock strike enters second day", "The Port Varen dockworkers strike over pay entered its second day, and Ilse Marrow said that the union would not give in."),
        ("Varen dockworkers reject pay offer", "Striking Port Varen dockworkers rejected a pay offer from the harbour board, Ilse Marrow said."),
        ("Cranes idle as Varen dock strike goes on", "Cranes stood idle at the Port Varen docks as the dockworkers strike over pay went on."),
        ("Port Varen ferry crews join the dockworkers strike over pay", "Ferry crews in Port Varen joined the dockworkers strike over pay, stopping the ferries to Holm island over rosters, captain Jonas Field said."),
        ("Holm island cut off as ferry crews stay out over rosters", "No ferries reached Holm island as crews stayed out over rosters; captain Jonas Field said they would not sail."),
    ];
    for (i, (title, text)) in docs.iter().enumerate() {
        let file = dir.path().join(format!("{i}.jsonl"));
        let line = serde_json::json!({ "title": title, "published": "2025-03-10", "text": text }).to_string();
        std::fs::write(&file, line + "\n").unwrap();
        assert!(storyline(&["ingest", file.to_str().unwrap()], Some(&db)).status.success());
    }
    let out = String::from_utf8(storyline(&["stories", "--explain", "2"], Some(&db)).stdout).unwrap();
    assert!(
        out.contains("Port Varen ferry crews join the dockworkers strike over pay — moved here from story 1"),
        "{out}"
    );
    assert!(out.contains("Holm island cut off as ferry crews stay out over rosters — started the story"), "{out}");
}
