//! The JSON API: parse the request, call the library on a blocking thread, serialize the
//! library's own model types. Routes are listed in [`routes`] and described in `/openapi.json`.

use crate::error::{ApiError, ApiResult};
use crate::state::App;
use axum::body::Body;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use storyline::model::{Article, ArticleId, Copy, StoryId};
use storyline::pipeline::IngestReport;
use storyline::store::{Hit, Store, StoryFilter, StoryRow, MARK_END, MARK_START};
use storyline::{claims, dedup, ingest};

/// Stories listed per request unless `limit` says otherwise, and the most it may say.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

/// The `/api` routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/stories/{id}/articles", get(story_articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/copies", get(copies))
        .route("/api/quotes", get(quotes))
        .route("/api/search", get(search))
        .route("/api/ingest", post(ingest_body))
        .route("/openapi.json", get(openapi))
}

/// A story in the list: the store's row and its number of independent voices.
#[derive(Debug, Clone, Serialize)]
pub struct StoryItem {
    /// The stored story.
    #[serde(flatten)]
    pub row: StoryRow,
    /// Independent voices among its articles.
    pub voices: usize,
}

/// Query of `GET /api/stories` (and the story list page).
#[derive(Debug, Default, Deserialize)]
pub struct StoriesQuery {
    /// Text in a member's headline.
    pub q: Option<String>,
    /// Text in a member's outlet.
    pub outlet: Option<String>,
    /// Reported on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// First reported on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// At most this many (default 50, at most 500).
    pub limit: Option<usize>,
    /// Skip this many.
    pub offset: Option<usize>,
}

impl StoriesQuery {
    /// The store filter, or 400 for a bad date or limit.
    pub fn filter(self) -> ApiResult<StoryFilter> {
        for d in [&self.from, &self.to].into_iter().flatten() {
            if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                return Err(ApiError::bad_request(format!("not a date (YYYY-MM-DD): {d:?}")));
            }
        }
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!("limit must be 1..={MAX_LIMIT}")));
        }
        let text = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(StoryFilter {
            title: text(self.q),
            outlet: text(self.outlet),
            from: self.from,
            to: self.to,
            limit: Some(limit),
            offset: self.offset.unwrap_or(0),
        })
    }
}

/// Stories matching `filter`, each with its voice count.
pub fn list(store: &Store, filter: &StoryFilter) -> ApiResult<Vec<StoryItem>> {
    let rows = store.find_stories(filter)?;
    rows.into_iter()
        .map(|row| {
            let articles: Vec<Article> = store.story_articles(row.id)?.into_iter().map(|(a, _)| a).collect();
            let ids: Vec<ArticleId> = articles.iter().map(|a| a.id.clone()).collect();
            let copies = store.copies_among(&ids)?;
            let refs: Vec<&Article> = articles.iter().collect();
            Ok(StoryItem { voices: dedup::voices::voices(&refs, &copies).len(), row })
        })
        .collect()
}

/// A query string, or 400 with what was wrong.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> ApiResult<T> {
    q.map(|Query(q)| q).map_err(|e| ApiError::bad_request(e.body_text()))
}

/// A story id from the path, or 400.
fn story_id(p: Result<Path<u64>, PathRejection>) -> ApiResult<StoryId> {
    p.map(|Path(id)| StoryId(id)).map_err(|e| ApiError::bad_request(e.body_text()))
}

async fn stories(
    State(app): State<App>,
    q: Result<Query<StoriesQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<StoryItem>>> {
    let filter = query(q)?.filter()?;
    app.read(move |store| list(store, &filter)).await.map(Json)
}

async fn story(State(app): State<App>, id: Result<Path<u64>, PathRejection>) -> ApiResult<Response> {
    let id = story_id(id)?;
    let a = app.clone();
    let brief = app
        .read(move |store| match store.live_story(id)? {
            live if live != id => Ok(Err(live)),
            _ => a.brief(store, id).map(Ok),
        })
        .await?;
    Ok(match brief {
        Ok(brief) => Json(brief.as_ref()).into_response(),
        Err(live) => moved(&format!("/api/stories/{}", live.0)),
    })
}

/// A permanent redirect: the story asked for merged into another, which lives at `to`.
pub(crate) fn moved(to: &str) -> Response {
    Redirect::permanent(to).into_response()
}

async fn story_articles(State(app): State<App>, id: Result<Path<u64>, PathRejection>) -> ApiResult<Response> {
    let id = story_id(id)?;
    let articles = app
        .read(move |store| match store.live_story(id)? {
            live if live != id => Ok(Err(live)),
            _ => Ok(Ok(store.story_articles(id)?.into_iter().map(|(a, _)| a).collect::<Vec<Article>>())),
        })
        .await?;
    Ok(match articles {
        Ok(articles) => Json(articles).into_response(),
        Err(live) => moved(&format!("/api/stories/{}/articles", live.0)),
    })
}

async fn article(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Json<Article>> {
    app.read(move |store| {
        store
            .article(&ArticleId(id.clone()))?
            .map(|(a, _)| a)
            .ok_or_else(|| ApiError::not_found(format!("no article {id}")))
    })
    .await
    .map(Json)
}

/// Query of `GET /api/copies`.
#[derive(Debug, Deserialize)]
struct CopiesQuery {
    /// Only the copies among this story's articles.
    story: Option<u64>,
}

async fn copies(State(app): State<App>, q: Result<Query<CopiesQuery>, QueryRejection>) -> ApiResult<Json<Vec<Copy>>> {
    let q = query(q)?;
    app.read(move |store| match q.story {
        Some(id) => {
            let ids: Vec<ArticleId> = store.story_articles(StoryId(id))?.into_iter().map(|(a, _)| a.id).collect();
            Ok(store.copies_among(&ids)?)
        }
        None => Ok(store.copies()?),
    })
    .await
    .map(Json)
}

/// Query of `GET /api/quotes`.
#[derive(Debug, Deserialize)]
struct QuotesQuery {
    /// The speaker ("Ekstrom" finds "Halvard Ekstrom").
    speaker: Option<String>,
    /// Only this story: its aligned quotes, with variants.
    story: Option<u64>,
}

/// One quote of a speaker, found in one article.
#[derive(Debug, Serialize)]
pub struct SpeakerQuote {
    /// Canonical speaker.
    pub speaker: Option<String>,
    /// The speaker's role, when given.
    pub role: Option<String>,
    /// The words.
    pub text: String,
    /// Whether they stood in quotation marks.
    pub marked: bool,
    /// The article.
    pub article: ArticleId,
    /// Its story.
    pub story: StoryId,
}

/// Articles scanned for a speaker's quotes at most.
const QUOTE_ARTICLES: usize = 200;

async fn quotes(State(app): State<App>, q: Result<Query<QuotesQuery>, QueryRejection>) -> ApiResult<Response> {
    let q = query(q)?;
    let speaker = q.speaker.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(id) = q.story {
        let a = app.clone();
        let brief = app.read(move |store| a.brief(store, StoryId(id))).await?;
        let quotes: Vec<_> = brief
            .quotes
            .iter()
            .filter(|x| match (&speaker, &x.speaker) {
                (None, _) => true,
                (Some(want), Some(got)) => claims::same_speaker(want, got),
                (Some(_), None) => false,
            })
            .cloned()
            .collect();
        return Ok(Json(quotes).into_response());
    }
    let Some(speaker) = speaker else {
        return Err(ApiError::bad_request("give ?speaker=NAME, or ?story=ID"));
    };
    // The full-text index narrows the articles to those naming the speaker; claims are then
    // extracted from those only, so the cost does not grow with the store.
    let found = app
        .read(move |store| {
            let mut out = Vec::new();
            for hit in store.search(&speaker, QUOTE_ARTICLES)? {
                let Some((a, story)) = store.article(&hit.article)? else { continue };
                for quote in claims::quotes(&a.body) {
                    if quote.speaker.as_deref().is_some_and(|s| claims::same_speaker(&speaker, s)) {
                        out.push(SpeakerQuote {
                            speaker: quote.speaker,
                            role: quote.role,
                            text: quote.text,
                            marked: quote.marked,
                            article: a.id.clone(),
                            story,
                        });
                    }
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Json(found).into_response())
}

/// Query of `GET /api/search`.
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    /// Words, all required (FTS5 syntax is not interpreted).
    pub q: Option<String>,
    /// At most this many hits (default 50, at most 500).
    pub limit: Option<usize>,
}

impl SearchQuery {
    /// The words and limit, or 400.
    pub fn parts(self) -> ApiResult<(String, usize)> {
        let q = self.q.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let q = q.ok_or_else(|| ApiError::bad_request("give ?q=WORDS"))?;
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!("limit must be 1..={MAX_LIMIT}")));
        }
        Ok((q, limit))
    }
}

/// A search hit as JSON: the snippet's match marks become `**`.
fn plain(mut hit: Hit) -> Hit {
    hit.snippet = hit.snippet.replace([MARK_START, MARK_END], "**");
    hit
}

async fn search(State(app): State<App>, q: Result<Query<SearchQuery>, QueryRejection>) -> ApiResult<Json<Vec<Hit>>> {
    let (words, limit) = query(q)?.parts()?;
    app.read(move |store| Ok(store.search(&words, limit)?.into_iter().map(plain).collect())).await.map(Json)
}

/// Query of `POST /api/ingest`.
#[derive(Debug, Deserialize)]
struct IngestQuery {
    /// The name articles are stored under (`NAME#KEY` for JSONL lines).
    name: Option<String>,
}

/// Whether the request carries the configured token; 403 when ingest is disabled.
fn authorize(app: &App, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = app.token() else {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "forbidden",
            "ingest is disabled: start the server with --token or STORYLINE_TOKEN",
        ));
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    match given {
        Some(given) if same(given.trim().as_bytes(), token.as_bytes()) => Ok(()),
        _ => {
            Err(ApiError::new(axum::http::StatusCode::UNAUTHORIZED, "unauthorized", "a valid bearer token is required"))
        }
    }
}

/// Compare secrets in time independent of where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn ingest_body(
    State(app): State<App>,
    headers: HeaderMap,
    q: Result<Query<IngestQuery>, QueryRejection>,
    body: Body,
) -> ApiResult<Json<IngestReport>> {
    // Authorization before the body is read: an unauthorized client cannot make us buffer anything.
    authorize(&app, &headers)?;
    let q = query(q)?;
    let limit = app.max_body();
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|e| {
        if std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) {
            ApiError::too_large(limit)
        } else {
            ApiError::bad_request(format!("reading the body: {e}"))
        }
    })?;
    let name = q.name.unwrap_or_else(|| "upload".into());
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let raws = read_upload(&bytes, &name, &kind)?;
    app.write(move |pipeline| Ok(pipeline.ingest(raws)?)).await.map(Json)
}

/// An upload's articles: a JSON array or object, JSON lines, HTML or text (by content type, else
/// sniffed).
fn read_upload(bytes: &[u8], name: &str, kind: &str) -> ApiResult<Vec<storyline::Result<storyline::RawArticle>>> {
    let text = String::from_utf8_lossy(bytes);
    let first = text.trim_start().chars().next();
    if kind.starts_with("application/json") && first == Some('[') {
        // An array is JSON lines in brackets: re-line it so line keys and errors stay per article.
        let items: Vec<serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| ApiError::bad_request(format!("body is not a JSON array: {e}")))?;
        let lines: Vec<String> = items.iter().map(|v| v.to_string()).collect();
        return Ok(ingest::read_jsonl(lines.join("\n").as_bytes(), name));
    }
    if kind.starts_with("application/json")
        || kind.starts_with("application/x-ndjson")
        || kind.starts_with("application/jsonl")
    {
        return Ok(ingest::read_jsonl(bytes, name));
    }
    if kind.starts_with("text/html") {
        return Ok(ingest::read_bytes(bytes, &format!("{name}.html")));
    }
    if kind.starts_with("text/plain") {
        return Ok(ingest::read_bytes(bytes, &format!("{name}.txt")));
    }
    Ok(ingest::read_stdin(bytes, name))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("../assets/openapi.json"))
}
