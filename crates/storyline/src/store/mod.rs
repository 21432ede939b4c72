//! The persistent store: one SQLite file a person can open with `sqlite3`.
//!
//! Articles are keyed by their content-derived id, so ingesting the same article twice stores it
//! once. A batch is written in one transaction together with the clusterer's state, so a crash
//! never leaves half an article or stories out of step with their articles. MinHash
//! fingerprints are stored as blobs, so the LSH index is rebuilt on open without re-reading text.

use crate::cluster::{Assignment, Clusterer, Move};
use crate::dedup::Fingerprint;
use crate::model::{Article, ArticleId, Copy, StoryId};
use crate::{Error, ErrorKind, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use std::path::Path;

mod search;
pub use search::{Hit, StoryFilter, MARK_END, MARK_START};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    path       TEXT NOT NULL,
    title      TEXT NOT NULL,
    outlet     TEXT,
    published  TEXT,
    story      INTEGER NOT NULL,
    score      REAL NOT NULL,
    terms      TEXT NOT NULL,
    article    TEXT NOT NULL,
    shingles   BLOB NOT NULL,
    stems      BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE TABLE IF NOT EXISTS copies (
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    kind    TEXT NOT NULL,
    copy    TEXT NOT NULL,
    PRIMARY KEY (from_id, to_id)
);
CREATE INDEX IF NOT EXISTS copies_to ON copies(to_id);
CREATE TABLE IF NOT EXISTS state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS merged_stories (
    story INTEGER PRIMARY KEY,
    into_story INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS moves (
    article    TEXT PRIMARY KEY,
    from_story INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body, tokenize = 'porter unicode61');
";

/// A story as listed by `storyline stories`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    /// Story id.
    pub id: StoryId,
    /// Headline of its first article.
    pub title: String,
    /// Number of articles.
    pub articles: usize,
    /// Earliest publication date.
    pub first_seen: Option<String>,
    /// Latest publication date.
    pub last_seen: Option<String>,
}

/// The SQLite store.
pub struct Store {
    conn: Connection,
}

fn to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn from_blob(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

fn corrupt(what: &str, e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::new(ErrorKind::Store, format!("store: corrupt {what}")).with_source(e)
}

impl Store {
    /// Open (or create) the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| {
            Error::new(ErrorKind::Store, format!("cannot open store {}", path.display())).with_source(e)
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Self::init(conn)
    }

    /// A throw-away store in memory (what `analyze` uses).
    pub fn in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// Start a write batch: everything in it commits together or not at all.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        Ok(Batch { tx: self.conn.transaction()? })
    }

    /// Whether an article with this id is stored.
    pub fn contains(&self, id: &ArticleId) -> Result<bool> {
        contains(&self.conn, id)
    }

    /// The article stored under sequence number `seq`.
    pub fn article_by_seq(&self, seq: u32) -> Result<Option<Article>> {
        article_by_seq(&self.conn, seq)
    }

    /// The story an article belongs to.
    pub fn story_of(&self, id: &ArticleId) -> Result<Option<StoryId>> {
        story_of(&self.conn, id)
    }

    /// The story `id` lives on as: itself, or the story it was merged into (followed through
    /// later merges), so links to a story stay good after it merges.
    pub fn live_story(&self, mut id: StoryId) -> Result<StoryId> {
        // Merges only go from younger to older stories, so the chain ends; the bound is a guard.
        for _ in 0..64 {
            let next: Option<i64> = self
                .conn
                .query_row("SELECT into_story FROM merged_stories WHERE story = ?1", [id.0 as i64], |r| r.get(0))
                .optional()?;
            match next {
                Some(next) => id = StoryId(next as u64),
                None => break,
            }
        }
        Ok(id)
    }

    /// Every stored fingerprint with its sequence number, to rebuild the LSH index.
    pub fn fingerprints(&self) -> Result<Vec<(u32, Fingerprint)>> {
        let mut st = self.conn.prepare("SELECT seq, shingles, stems FROM articles ORDER BY seq")?;
        let rows = st.query_map([], |r| {
            let (seq, a, b): (u32, Vec<u8>, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok((seq, Fingerprint { shingles: from_blob(&a), stems: from_blob(&b) }))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every article's sequence number and story, in arrival order.
    pub fn placements(&self) -> Result<Vec<(u32, StoryId)>> {
        let mut st = self.conn.prepare("SELECT seq, story FROM articles ORDER BY seq")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, u32>(0)?, StoryId(r.get::<_, i64>(1)? as u64))))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The saved clusterer, if any.
    pub fn clusterer(&self) -> Result<Option<Clusterer>> {
        let json: Option<String> =
            self.conn.query_row("SELECT value FROM state WHERE key = 'clusterer'", [], |r| r.get(0)).optional()?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| corrupt("clusterer state", e))).transpose()
    }

    /// All stories, largest first.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut st = self.conn.prepare(
            "SELECT story, COUNT(*), MIN(published), MAX(published),
                    (SELECT title FROM articles b WHERE b.story = a.story ORDER BY seq LIMIT 1)
             FROM articles a GROUP BY story ORDER BY COUNT(*) DESC, story",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoryRow {
                id: StoryId(r.get::<_, i64>(0)? as u64),
                articles: r.get::<_, i64>(1)? as usize,
                first_seen: r.get(2)?,
                last_seen: r.get(3)?,
                title: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A story's articles in arrival order, with why each joined.
    pub fn story_articles(&self, story: StoryId) -> Result<Vec<(Article, Assignment)>> {
        let mut st = self.conn.prepare(
            "SELECT a.article, a.score, a.terms, m.from_story
             FROM articles a LEFT JOIN moves m ON m.article = a.id WHERE a.story = ?1 ORDER BY a.seq",
        )?;
        let rows = st.query_map([story.0 as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<i64>>(3)?))
        })?;
        let mut out = Vec::new();
        // The story's starter is its first article placed with no similarity (a new story's
        // score is 0), not moved in: a moved article or a merged story's starter can be older.
        let mut started = false;
        for row in rows {
            let (json, score, terms, from) = row?;
            let article: Article = serde_json::from_str(&json).map_err(|e| corrupt("article", e))?;
            let terms: Vec<String> = serde_json::from_str(&terms).map_err(|e| corrupt("terms", e))?;
            // A moved article did not start its new story, whatever its place in it.
            let moved: Vec<Move> = from
                .map(|f| Move { article: article.id.clone(), from: StoryId(f as u64), to: story, score })
                .into_iter()
                .collect();
            let new = !started && moved.is_empty() && score == 0.0;
            started |= new;
            out.push((article, Assignment { story, new, score, terms, merged: Vec::new(), moved }));
        }
        if out.is_empty() {
            return Err(Error::not_found(format!("no story {story}")));
        }
        Ok(out)
    }

    /// Copy relations among the given articles.
    pub fn copies_among(&self, ids: &[ArticleId]) -> Result<Vec<Copy>> {
        let set: std::collections::HashSet<&str> = ids.iter().map(|i| i.0.as_str()).collect();
        let mut out = Vec::new();
        let mut st = self.conn.prepare("SELECT copy FROM copies WHERE from_id = ?1")?;
        for id in ids {
            for json in st.query_map([&id.0], |r| r.get::<_, String>(0))? {
                let c: Copy = serde_json::from_str(&json?).map_err(|e| corrupt("copy", e))?;
                if set.contains(c.to.0.as_str()) {
                    out.push(c);
                }
            }
        }
        out.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.to.cmp(&b.to)));
        Ok(out)
    }

    /// Every copy relation.
    pub fn copies(&self) -> Result<Vec<Copy>> {
        let mut st = self.conn.prepare("SELECT copy FROM copies ORDER BY from_id, to_id")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|j| serde_json::from_str(&j?).map_err(|e| corrupt("copy", e))).collect()
    }

    /// Number of stored articles.
    pub fn len(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Whether the store holds no article.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

fn contains(conn: &Connection, id: &ArticleId) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM articles WHERE id = ?1", [&id.0], |_| Ok(())).optional()?.is_some())
}

fn article_by_seq(conn: &Connection, seq: u32) -> Result<Option<Article>> {
    let json: Option<String> =
        conn.query_row("SELECT article FROM articles WHERE seq = ?1", [seq], |r| r.get(0)).optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(|e| corrupt("article", e))).transpose()
}

fn story_of(conn: &Connection, id: &ArticleId) -> Result<Option<StoryId>> {
    let s: Option<i64> =
        conn.query_row("SELECT story FROM articles WHERE id = ?1", [&id.0], |r| r.get(0)).optional()?;
    Ok(s.map(|s| StoryId(s as u64)))
}

/// One write transaction.
pub struct Batch<'a> {
    tx: Transaction<'a>,
}

impl Batch<'_> {
    /// Whether an article with this id is stored (including earlier in this batch).
    pub fn contains(&self, id: &ArticleId) -> Result<bool> {
        contains(&self.tx, id)
    }

    /// The article under sequence number `seq`.
    pub fn article_by_seq(&self, seq: u32) -> Result<Option<Article>> {
        article_by_seq(&self.tx, seq)
    }

    /// The story an article belongs to.
    pub fn story_of(&self, id: &ArticleId) -> Result<Option<StoryId>> {
        story_of(&self.tx, id)
    }

    /// Store an article with its fingerprint and story; returns its sequence number, or `None`
    /// when an article with the same id is already stored (nothing is written then).
    pub fn insert_article(&self, article: &Article, fp: &Fingerprint, placed: &Assignment) -> Result<Option<u32>> {
        let json = serde_json::to_string(article)
            .map_err(|e| Error::new(ErrorKind::Internal, "serialize article").with_source(e))?;
        let terms = serde_json::to_string(&placed.terms).unwrap_or_else(|_| "[]".into());
        let n = self.tx.execute(
            "INSERT OR IGNORE INTO articles (id, path, title, outlet, published, story, score, terms, article, shingles, stems)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                article.id.0,
                article.path,
                article.title,
                article.outlet,
                article.published,
                placed.story.0 as i64,
                placed.score,
                terms,
                json,
                to_blob(&fp.shingles),
                to_blob(&fp.stems)
            ],
        )?;
        let seq = (n == 1).then(|| self.tx.last_insert_rowid() as u32);
        if let Some(seq) = seq {
            search::index(&self.tx, seq, article)?;
        }
        Ok(seq)
    }

    /// Move every article of story `from` into story `to`: two stories turned out to be one.
    /// The merge is recorded, so the old id still leads to the story ([`Store::live_story`]).
    pub fn move_story(&self, from: StoryId, to: StoryId) -> Result<usize> {
        self.tx.execute(
            "INSERT OR REPLACE INTO merged_stories (story, into_story) VALUES (?1, ?2)",
            params![from.0 as i64, to.0 as i64],
        )?;
        Ok(self.tx.execute("UPDATE articles SET story = ?1 WHERE story = ?2", params![to.0 as i64, from.0 as i64])?)
    }

    /// Move one article to another story (a later article showed where it belongs), with the
    /// score that moved it; the story it left is recorded for `stories --explain`. Returns the
    /// article's sequence number, or `None` when no such article is stored.
    pub fn move_article(&self, moved: &Move) -> Result<Option<u32>> {
        let seq: Option<i64> =
            self.tx.query_row("SELECT seq FROM articles WHERE id = ?1", [&moved.article.0], |r| r.get(0)).optional()?;
        let Some(seq) = seq else { return Ok(None) };
        self.tx.execute(
            "UPDATE articles SET story = ?1, score = ?2, terms = '[]' WHERE seq = ?3",
            params![moved.to.0 as i64, moved.score, seq],
        )?;
        self.tx.execute(
            "INSERT OR REPLACE INTO moves (article, from_story) VALUES (?1, ?2)",
            params![moved.article.0, moved.from.0 as i64],
        )?;
        Ok(Some(seq as u32))
    }

    /// Store a copy relation (once).
    pub fn insert_copy(&self, copy: &Copy) -> Result<()> {
        let json = serde_json::to_string(copy)
            .map_err(|e| Error::new(ErrorKind::Internal, "serialize copy").with_source(e))?;
        self.tx.execute(
            "INSERT OR IGNORE INTO copies (from_id, to_id, kind, copy) VALUES (?1, ?2, ?3, ?4)",
            params![copy.from.0, copy.to.0, copy.kind.as_str(), json],
        )?;
        Ok(())
    }

    /// Save the clusterer's state with the batch.
    pub fn save_clusterer(&self, c: &Clusterer) -> Result<()> {
        let json = serde_json::to_string(c)
            .map_err(|e| Error::new(ErrorKind::Internal, "serialize clusterer").with_source(e))?;
        self.tx.execute(
            "INSERT INTO state (key, value) VALUES ('clusterer', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [json],
        )?;
        Ok(())
    }

    /// Make the batch durable.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}
