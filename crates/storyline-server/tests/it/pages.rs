//! The web pages: what a reader sees, and that article text can never become markup.

use crate::{story_with, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};

const MB: usize = 1024 * 1024;

#[tokio::test]
async fn story_list_shows_voices_freshness_and_a_search_box() {
    let server = Server::demo(None, MB);
    let (status, kind, html) = server.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/html"));
    assert!(html.contains("7 articles, <b>3 independent reports</b>"), "{html}");
    assert!(html.contains("class=\"fresh\""));
    assert!(html.contains("<form id=\"search\" action=\"/search\""));
    let (status, kind, css) = server.get("/assets/style.css").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/css"));
    assert!(css.contains("conflict"));
}

#[tokio::test]
async fn story_page_has_the_brief_and_its_pictures() {
    let server = Server::demo(None, MB);
    let id = story_with(&server, "dock").await;
    let (status, _, html) = server.get(&format!("/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        "3 independent reports",
        "<svg class=\"copy-graph\"",
        "<svg class=\"timeline\"",
        "class=\"copy rewrite\"",
        "<section id=\"quotes\"",
        "class=\"altered\"",
        "<li class=\"conflict\">",
        "href=\"/articles/",
    ] {
        assert!(html.contains(part), "story page lacks {part}");
    }
    let (status, _, _) = server.get("/stories/999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn article_page_marks_copied_passages() {
    let server = Server::demo(None, MB);
    let id = story_with(&server, "dock").await;
    let brief = server.json(&format!("/api/stories/{id}"), StatusCode::OK).await;
    let copied = brief["copies"][0]["to"].as_str().unwrap().to_string();
    let (status, _, html) = server.get(&format!("/articles/{copied}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark class=\"copied\">"), "{html}");
    assert!(html.contains(&format!("href=\"/stories/{id}\"")));
}

#[tokio::test]
async fn search_page_lists_hits() {
    let server = Server::demo(None, MB);
    let (status, _, html) = server.get("/search?q=museum").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<li class=\"hit\">") && html.contains("<mark>"), "{html}");
}

/// Regression for issue 7: an article containing `<script>` shows as text everywhere.
#[tokio::test]
async fn article_text_is_escaped_everywhere() {
    let server = Server::demo(Some("t"), MB);
    let line = r#"{"id":"x","title":"Harbour <script>alert('title')</script> strike","text":"Dock workers said <script>alert(1)</script> and <img src=x onerror=alert(2)> in a statement on Tuesday about the strike and the cranes.\n\nThe \"union\" & the port authority met again.","outlet":"<b>Evil</b> Times","url":"javascript:alert(3)","published":"2025-03-11"}"#;
    let req = Request::post("/api/ingest")
        .header("authorization", "Bearer t")
        .header("content-type", "application/x-ndjson")
        .body(Body::from(line))
        .unwrap();
    let (status, _, body) = server.send(req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits = server.json("/api/search?q=onerror", StatusCode::OK).await;
    let article = hits[0]["article"].as_str().unwrap().to_string();
    let story = hits[0]["story"].as_u64().unwrap();
    for uri in
        [format!("/articles/{article}"), format!("/stories/{story}"), "/".into(), "/search?q=script+alert".into()]
    {
        let (status, _, html) = server.get(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!html.contains("<script>alert"), "{uri} runs an article's script");
        assert!(!html.contains("<img src=x"), "{uri} shows an article's image tag");
        assert!(!html.contains("<b>Evil"), "{uri} lets an outlet's markup through");
        assert!(!html.contains("href=\"javascript:"), "{uri} links a javascript: URL");
    }
    let (_, _, html) = server.get(&format!("/articles/{article}")).await;
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
}

#[tokio::test]
async fn unknown_pages_are_404_pages() {
    let server = Server::demo(None, MB);
    let (status, kind, html) = server.get("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(kind.starts_with("text/html") && html.contains("<!doctype html>"));
    let (status, _, _) = server.get("/articles/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
