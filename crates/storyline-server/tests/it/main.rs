//! Integration tests of the server, in process: requests go through the whole router with
//! `tower::ServiceExt::oneshot`, over a temporary store holding the demo corpus.

mod api;
mod pages;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::path::PathBuf;
use storyline::pipeline::Pipeline;
use storyline_server::{router, App};
use tempfile::TempDir;
use tower::ServiceExt;

/// A server over a fresh store; the store lives as long as the returned directory.
pub struct Server {
    _dir: TempDir,
    router: Router,
}

/// The demo corpus's directory, relative (cargo runs tests in the package's directory), so that
/// article paths in snapshots do not depend on where the checkout is.
fn demo_dir() -> PathBuf {
    PathBuf::from("../../testdata/demo")
}

impl Server {
    /// A server over the demo corpus, with `token` for ingest and a body limit.
    pub fn demo(token: Option<&str>, max_body: usize) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let mut pipeline = Pipeline::open(&db).unwrap();
        let report = pipeline.ingest(storyline::ingest::read_paths(&[demo_dir()])).unwrap();
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        drop(pipeline);
        let app = App::open(&db, 2, token.map(str::to_string), max_body).unwrap();
        Server { _dir: dir, router: router(app) }
    }

    /// A server over a store that ingested the JSONL `lines` as one file, in one batch.
    pub fn jsonl(lines: &[serde_json::Value]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("feed.jsonl");
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        std::fs::write(&file, text.join("\n")).unwrap();
        let db = dir.path().join("s.db");
        Pipeline::open(&db).unwrap().ingest(storyline::ingest::read_paths(&[file])).unwrap();
        let app = App::open(&db, 2, None, 1 << 20).unwrap();
        Server { _dir: dir, router: router(app) }
    }

    /// GET `uri`: the status and the `Location` header.
    pub async fn location(&self, uri: &str) -> (StatusCode, Option<String>) {
        let res = self.router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        (res.status(), res.headers().get("location").map(|v| v.to_str().unwrap().to_string()))
    }

    /// Send `req`; the status, content type and body as text.
    pub async fn send(&self, req: Request<Body>) -> (StatusCode, String, String) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let body = res.into_body().collect().await.unwrap().to_bytes();
        (status, kind, String::from_utf8(body.to_vec()).unwrap())
    }

    /// GET `uri`.
    pub async fn get(&self, uri: &str) -> (StatusCode, String, String) {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    /// GET `uri` as JSON, asserting the status.
    pub async fn json(&self, uri: &str, status: StatusCode) -> serde_json::Value {
        let (got, kind, body) = self.get(uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(kind.starts_with("application/json"), "{uri}: {kind}");
        serde_json::from_str(&body).unwrap()
    }
}

/// The story id whose title contains `word`.
pub async fn story_with(server: &Server, word: &str) -> u64 {
    let list = server.json("/api/stories", StatusCode::OK).await;
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"].as_str().unwrap().to_lowercase().contains(word))
        .unwrap_or_else(|| panic!("no story about {word}: {list}"))["id"]
        .as_u64()
        .unwrap()
}
