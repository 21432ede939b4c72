//! The JSON API: lists, filters, briefs, search, quotes, errors and ingest's authorization.

use crate::{story_with, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

const MB: usize = 1024 * 1024;

/// Ids (16 hex digits) and dates replaced, so snapshots say what a reader sees, not what hashes
/// or clocks gave.
fn redact(v: &mut Value) {
    match v {
        Value::String(s) if s.len() == 16 && s.chars().all(|c| c.is_ascii_hexdigit()) => *s = "[id]".into(),
        Value::String(s) if s.len() >= 10 && chrono_like(s) => *s = "[date]".into(),
        Value::Array(a) => a.iter_mut().for_each(redact),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if (k == "id" || k == "story") && x.is_u64() {
                    *x = "[story]".into();
                } else {
                    redact(x);
                }
            }
        }
        _ => {}
    }
}

fn chrono_like(s: &str) -> bool {
    let b = s.as_bytes();
    b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

#[tokio::test]
async fn story_list_snapshot() {
    let server = Server::demo(None, MB);
    let mut list = server.json("/api/stories", StatusCode::OK).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["articles"], 7);
    assert_eq!(list[0]["voices"], 3, "seven articles, three independent reports");
    redact(&mut list);
    insta::assert_json_snapshot!("story_list", list);
}

#[tokio::test]
async fn brief_snapshot() {
    let server = Server::demo(None, MB);
    let id = story_with(&server, "museum").await;
    let mut brief = server.json(&format!("/api/stories/{id}"), StatusCode::OK).await;
    assert_eq!(brief["id"], id);
    redact(&mut brief);
    insta::assert_json_snapshot!("museum_brief", brief);
}

#[tokio::test]
async fn dock_strike_brief_has_voices_copies_and_a_conflict() {
    let server = Server::demo(None, MB);
    let id = story_with(&server, "dock").await;
    let brief = server.json(&format!("/api/stories/{id}"), StatusCode::OK).await;
    assert_eq!(brief["articles"].as_array().unwrap().len(), 7);
    assert_eq!(brief["voices"].as_array().unwrap().len(), 3);
    assert!(!brief["copies"].as_array().unwrap().is_empty());
    assert!(!brief["conflicts"].as_array().unwrap().is_empty());
    let articles = server.json(&format!("/api/stories/{id}/articles"), StatusCode::OK).await;
    assert_eq!(articles.as_array().unwrap().len(), 7);
    assert!(articles[0]["body"].as_str().unwrap().len() > 200);
    let copies = server.json(&format!("/api/copies?story={id}"), StatusCode::OK).await;
    assert_eq!(copies, brief["copies"]);
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let server = Server::demo(None, MB);
    let count = |v: Value| v.as_array().unwrap().len();
    assert_eq!(count(server.json("/api/stories?q=MUSEUM", StatusCode::OK).await), 1);
    assert_eq!(count(server.json("/api/stories?outlet=lakeshore", StatusCode::OK).await), 1);
    assert_eq!(count(server.json("/api/stories?outlet=Tessby", StatusCode::OK).await), 2);
    assert_eq!(count(server.json("/api/stories?outlet=nowhere", StatusCode::OK).await), 0);
    assert_eq!(count(server.json("/api/stories?from=2025-03-10&to=2025-03-10", StatusCode::OK).await), 1);
    assert_eq!(count(server.json("/api/stories?to=2020-01-01", StatusCode::OK).await), 0);
    assert_eq!(count(server.json("/api/stories?limit=1", StatusCode::OK).await), 1);
}

#[tokio::test]
async fn bad_queries_are_400_and_unknown_things_404() {
    let server = Server::demo(None, MB);
    for uri in [
        "/api/stories?from=yesterday",
        "/api/stories?limit=0",
        "/api/stories?limit=x",
        "/api/stories/abc",
        "/api/search",
        "/api/quotes",
    ] {
        let e = server.json(uri, StatusCode::BAD_REQUEST).await;
        assert_eq!(e["code"], "bad_request", "{uri}");
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    for uri in ["/api/stories/999", "/api/stories/999/articles", "/api/articles/0000000000000000", "/api/nothing"] {
        let e = server.json(uri, StatusCode::NOT_FOUND).await;
        assert_eq!(e["code"], "not_found", "{uri}");
    }
}

#[tokio::test]
async fn full_text_search_finds_words_and_marks_them() {
    let server = Server::demo(None, MB);
    let hits = server.json("/api/search?q=dockworkers+cranes", StatusCode::OK).await;
    let hits = hits.as_array().unwrap();
    assert!(hits.len() >= 3, "{hits:?}");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("**"));
    // Query syntax is never interpreted: quotes and operators are just words (or nothing).
    server.json("/api/search?q=%22NEAR(%20*", StatusCode::OK).await;
    let none = server.json("/api/search?q=zzyzx", StatusCode::OK).await;
    assert_eq!(none.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn quotes_by_speaker() {
    let server = Server::demo(None, MB);
    let found = server.json("/api/quotes?speaker=Ekstrom", StatusCode::OK).await;
    let found = found.as_array().unwrap();
    assert!(!found.is_empty());
    assert!(found.iter().all(|q| q["speaker"].as_str().unwrap().contains("Ekstrom")));
    let id = story_with(&server, "dock").await;
    let aligned = server.json(&format!("/api/quotes?story={id}&speaker=Ekstrom"), StatusCode::OK).await;
    assert!(aligned.as_array().unwrap().iter().any(|q| !q["variants"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn openapi_describes_every_route() {
    let server = Server::demo(None, MB);
    let spec = server.json("/openapi.json", StatusCode::OK).await;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/stories",
        "/api/stories/{id}",
        "/api/stories/{id}/articles",
        "/api/articles/{id}",
        "/api/copies",
        "/api/quotes",
        "/api/search",
        "/api/ingest",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} undocumented");
    }
}

fn ingest(body: &str, token: Option<&str>, kind: &str) -> Request<Body> {
    let mut req = Request::post("/api/ingest?name=posted").header("content-type", kind);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    req.body(Body::from(body.to_string())).unwrap()
}

const LINE: &str = r#"{"id":"a1","title":"Lighthouse keepers vote to strike","text":"The lighthouse keepers of the northern coast voted on Tuesday to strike over pay, their union said.","outlet":"Coast Gazette","published":"2025-03-11"}"#;

#[tokio::test]
async fn ingest_is_disabled_without_a_token() {
    let server = Server::demo(None, MB);
    let (status, _, body) = server.send(ingest(LINE, Some("anything"), "application/x-ndjson")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], "forbidden");
}

#[tokio::test]
async fn ingest_needs_the_right_token() {
    let server = Server::demo(Some("s3cret"), MB);
    for token in [None, Some("wrong"), Some("s3cret-and-more")] {
        let (status, _, body) = server.send(ingest(LINE, token, "application/x-ndjson")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], "unauthorized");
    }
    let (status, _, body) = server.send(ingest(LINE, Some("s3cret"), "application/x-ndjson")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let report: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["stored"], 1);
    // Readers see the committed batch: search and the list find the new story.
    let hits = server.json("/api/search?q=lighthouse", StatusCode::OK).await;
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(server.json("/api/stories", StatusCode::OK).await.as_array().unwrap().len(), 3);
    // Idempotent, and a JSON array works too.
    let (_, _, body) = server.send(ingest(&format!("[{LINE}]"), Some("s3cret"), "application/json")).await;
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["duplicates"], 1);
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let server = Server::demo(Some("t"), 1024);
    let big = format!("{{\"title\":\"Big\",\"text\":\"{}\"}}", "word ".repeat(1000));
    let (status, _, body) = server.send(ingest(&big, Some("t"), "application/x-ndjson")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], "payload_too_large");
}

/// Three reports of one fire: the first two start two stories, the third merges them. Links to
/// the merged-away story redirect to the survivor.
#[tokio::test]
async fn a_merged_story_redirects_to_the_story_it_joined() {
    let fire = [
        ("Fire at Kessel grain silo", "2025-05-02", "Firefighters fought a blaze at the Kessel grain silo overnight; chief Anna Roos said the silo burned for six hours and grain stores were lost."),
        ("Kessel farmers count losses", "2025-05-02", "Farmers around Kessel counted their losses after the silo fire; the cooperative said insurance would cover the harvest."),
        ("Kessel silo fire: farmers count losses", "2025-05-03", "After the Kessel grain silo fire, which burned for six hours according to fire chief Anna Roos, farmers counted their losses and the cooperative said insurance would cover the harvest."),
    ];
    let lines: Vec<Value> =
        fire.iter().map(|(t, d, b)| serde_json::json!({ "title": t, "published": d, "text": b })).collect();
    let server = Server::jsonl(&lines);
    let list = server.json("/api/stories", StatusCode::OK).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["id"], 1);
    for (uri, to) in [
        ("/api/stories/2", "/api/stories/1"),
        ("/api/stories/2/articles", "/api/stories/1/articles"),
        ("/stories/2", "/stories/1"),
    ] {
        assert_eq!(server.location(uri).await, (StatusCode::PERMANENT_REDIRECT, Some(to.to_string())), "{uri}");
    }
    assert_eq!(server.location("/api/stories/1").await.0, StatusCode::OK);
    assert_eq!(server.location("/api/stories/9").await.0, StatusCode::NOT_FOUND);
}
