//! The storyline server: a JSON API and server-rendered web pages over the engine.
//!
//! A thin layer (house style, habit 14): handlers parse the request, call the sync library on
//! tokio's blocking pool, and serialize the same model types the CLI prints. Errors are
//! `{ "code", "message" }` JSON ([`error`]). Pages, styles, script and SVG pictures are made by
//! this crate's code and files embedded at build time; nothing is fetched.
//!
//! - [`api`]: `/api/...` JSON routes and `/openapi.json`.
//! - [`pages`]: `/`, `/search`, `/stories/{id}`, `/articles/{id}` as HTML.
//! - [`svg`]: the copy graph and the timeline as SVG.
//! - [`state`]: the store's connections (one writer, a pool of readers) and why.
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! let config = storyline_server::Config { db: "storyline.db".into(), ..Default::default() };
//! storyline_server::serve(config).await
//! # }
//! ```

pub mod api;
pub mod error;
pub mod pages;
pub mod state;
pub mod svg;

use anyhow::Context;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;

pub use state::App;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store (SQLite file); created if missing.
    pub db: PathBuf,
    /// Where to listen; loopback unless asked otherwise.
    pub addr: SocketAddr,
    /// The bearer token `POST /api/ingest` requires; ingest is disabled (403) without one.
    pub token: Option<String>,
    /// The largest request body accepted, in bytes (larger: 413).
    pub max_body: usize,
    /// Read connections to the store.
    pub readers: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: PathBuf::from("storyline.db"),
            addr: SocketAddr::from(([127, 0, 0, 1], 7878)),
            token: None,
            max_body: 16 * 1024 * 1024,
            readers: std::thread::available_parallelism().map_or(2, |n| n.get()).max(2),
        }
    }
}

/// Every route over `app`.
pub fn router(app: App) -> Router {
    api::routes()
        .merge(pages::routes())
        .fallback(not_found)
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

/// Unknown paths: JSON under `/api`, a page elsewhere.
async fn not_found(req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/api/") {
        error::ApiError::not_found(format!("no route {path}")).into_response()
    } else {
        pages::not_found(&format!("Nothing at {path}")).into_response()
    }
}

/// Pages run no script but our own and load nothing from elsewhere; say so to the browser, so that
/// even an escaping bug could not run an article's script.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

/// Serve on a new multi-threaded runtime until Ctrl-C: the entry point for a sync `main`.
pub fn run(config: Config) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?
        .block_on(serve(config))
}

/// Open the store and serve until Ctrl-C.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let Config { db, addr, token, max_body, readers } = config;
    let app = tokio::task::spawn_blocking(move || {
        App::open(&db, readers, token, max_body).with_context(|| format!("opening {}", db.display()))
    })
    .await??;
    if !addr.ip().is_loopback() {
        tracing::warn!(%addr, "listening beyond loopback: the read API is open to anyone who can reach it");
    }
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
    eprintln!("storyline: serving on http://{}", listener.local_addr()?);
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")
}
