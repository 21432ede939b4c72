//! The server's shared state: the store's connections and the ingest token.
//!
//! SQLite access: one [`Pipeline`] behind a `std::sync::Mutex` for writes, and a small pool of
//! read-only [`Store`] connections for everything else. Why not a `Pipeline` per request: opening
//! one rebuilds the LSH index and the clusterer from the whole store, which costs seconds on a
//! large corpus. Why not one `Pipeline` for all: every read would queue behind an ingest. The
//! store runs SQLite in WAL mode, so readers on their own connections see each committed batch
//! and never block the writer. All of it is blocking work, so handlers reach it only through
//! `spawn_blocking` ([`App::read`], [`App::write`]); the locks are `std` ones because they are
//! never held across an `.await`.

use crate::error::{ApiError, ApiResult};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use storyline::model::{Brief, StoryId};
use storyline::pipeline::Pipeline;
use storyline::store::Store;

/// Briefs kept in memory at most.
const BRIEF_CACHE: usize = 1024;

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    readers: Vec<Mutex<Store>>,
    next: AtomicUsize,
    writer: Mutex<Pipeline>,
    token: Option<String>,
    max_body: usize,
    /// Briefs by story, with the article count they were built from: a story only grows, and its
    /// copies only change when an article joins, so an unchanged count means an unchanged brief.
    briefs: Mutex<HashMap<StoryId, (usize, Arc<Brief>)>>,
}

impl App {
    /// Open the store at `db` (created if missing) with `readers` read connections.
    pub fn open(db: &Path, readers: usize, token: Option<String>, max_body: usize) -> storyline::Result<App> {
        let writer = Pipeline::open(db)?;
        let added = writer.store().index_for_search()?;
        if added > 0 {
            tracing::info!(added, "indexed stored articles for search");
        }
        let readers = (0..readers.max(1)).map(|_| Store::open(db).map(Mutex::new)).collect::<Result<Vec<_>, _>>()?;
        let token = token.filter(|t| !t.is_empty());
        let inner = Inner {
            readers,
            next: AtomicUsize::new(0),
            writer: Mutex::new(writer),
            token,
            max_body,
            briefs: Mutex::default(),
        };
        Ok(App { inner: Arc::new(inner) })
    }

    /// The ingest token, when ingest is enabled.
    pub fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    /// The largest request body accepted, in bytes.
    pub fn max_body(&self) -> usize {
        self.inner.max_body
    }

    /// Run `f` on a read connection, off the async runtime.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> ApiResult<T> + Send + 'static,
    {
        let app = self.clone();
        blocking(move || {
            let store = app.reader();
            f(&store)
        })
        .await
    }

    /// Run `f` on the writer, off the async runtime; writes queue one after another.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Pipeline) -> ApiResult<T> + Send + 'static,
    {
        let app = self.clone();
        blocking(move || {
            let mut pipeline = app.inner.writer.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut pipeline)
        })
        .await
    }

    /// A free read connection, else the next one in turn (waiting for it).
    fn reader(&self) -> std::sync::MutexGuard<'_, Store> {
        let readers = &self.inner.readers;
        let start = self.inner.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..readers.len() {
            if let Ok(guard) = readers[(start + i) % readers.len()].try_lock() {
                return guard;
            }
        }
        // A panicking reader leaves a usable connection behind: SQLite state is per statement.
        readers[start % readers.len()].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The brief of `story`, from the cache when the story has not grown.
    pub fn brief(&self, store: &Store, story: StoryId) -> ApiResult<Arc<Brief>> {
        let members = store.story_articles(story)?;
        let count = members.len();
        if let Some((n, b)) = self.inner.briefs.lock().unwrap_or_else(|p| p.into_inner()).get(&story) {
            if *n == count {
                return Ok(b.clone());
            }
        }
        let articles: Vec<_> = members.into_iter().map(|(a, _)| a).collect();
        let ids: Vec<_> = articles.iter().map(|a| a.id.clone()).collect();
        let copies = store.copies_among(&ids)?;
        let brief = Arc::new(storyline::brief::brief(story, &articles, copies));
        let mut cache = self.inner.briefs.lock().unwrap_or_else(|p| p.into_inner());
        // Bounded: past the cap, start over rather than track recency for a cheap-to-rebuild cache.
        if cache.len() >= BRIEF_CACHE {
            cache.clear();
        }
        cache.insert(story, (count, brief.clone()));
        Ok(brief)
    }
}

/// Run blocking engine work on tokio's blocking pool.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> ApiResult<T> + Send + 'static) -> ApiResult<T> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)?
}
