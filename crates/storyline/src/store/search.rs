//! Finding things in the store: full-text search (SQLite FTS5 over titles and bodies), stories
//! filtered by title, outlet and date, and one article by id.
//!
//! The `articles_fts` table is filled in the same transaction as `articles` (see
//! [`Batch::insert_article`](super::Batch::insert_article)), keyed by the article's sequence
//! number, so the index can never disagree with the articles after a crash. Stores written before
//! the index existed are brought up to date by [`Store::index_for_search`].
//!
//! Queries from people are never handed to FTS5's query language: words are quoted one by one, so
//! `"`, `*`, `NEAR` or `AND` in a search box are words, never syntax errors.

use super::{corrupt, Store, StoryRow};
use crate::model::{Article, ArticleId, StoryId};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// Marks the start of a matched word in [`Hit::snippet`] (a private-use character, so that no
/// article text is mistaken for it and HTML escaping leaves it alone).
pub const MARK_START: char = '\u{e000}';
/// Marks the end of a matched word in [`Hit::snippet`].
pub const MARK_END: char = '\u{e001}';

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article.
    pub article: ArticleId,
    /// Its story.
    pub story: StoryId,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// A passage around the matches, matched words between [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
    /// BM25 relevance (higher is better).
    pub score: f64,
}

/// Which stories to list; every field narrows the list, `None` does not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFilter {
    /// Text some member's headline contains (case-insensitive for ASCII).
    pub title: Option<String>,
    /// Text some member's outlet contains.
    pub outlet: Option<String>,
    /// The story was still reported on or after this date (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// The story was first reported on or before this date (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// At most this many stories (all when `None`).
    pub limit: Option<usize>,
    /// Skip this many first.
    pub offset: usize,
}

/// Add one article to the full-text index (called inside the batch that stores it).
pub(super) fn index(conn: &Connection, seq: u32, article: &Article) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![seq, article.title, article.body],
    )?;
    Ok(())
}

/// The words of a person's query as an FTS5 query: each word quoted, all required.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// `%text%` for LIKE, with LIKE's own wildcards taken literally.
fn like(text: &str) -> String {
    let mut s = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

impl Store {
    /// Index the articles the full-text index lacks (stores written before it existed); returns
    /// how many were added.
    pub fn index_for_search(&self) -> Result<usize> {
        let n = self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, body)
             SELECT seq, title, COALESCE(json_extract(article, '$.body'), '') FROM articles
             WHERE seq NOT IN (SELECT rowid FROM articles_fts)",
            [],
        )?;
        Ok(n)
    }

    /// Articles matching every word of `query` in title or body, best first. A query with no
    /// word finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let Some(q) = fts_query(query) else { return Ok(Vec::new()) };
        // `ORDER BY rank` with the rank function set in the query lets FTS5 rank inside the
        // index and hand over only the best rows, so snippets are built for `limit` rows, not
        // for every match (ordering by a bm25() column made SQLite build a snippet per match
        // first: ~1 s for a common word on the Reuters store).
        let mut st = self.conn.prepare(
            "SELECT a.id, a.story, a.title, a.outlet, a.published, f.snippet, f.rank
             FROM (SELECT rowid, snippet(articles_fts, 1, ?2, ?3, '…', 16) AS snippet, rank
                   FROM articles_fts
                   WHERE articles_fts MATCH ?1 AND rank MATCH 'bm25(3.0, 1.0)'
                   ORDER BY rank LIMIT ?4) f
             JOIN articles a ON a.seq = f.rowid
             ORDER BY f.rank",
        )?;
        let rows = st.query_map(params![q, MARK_START.to_string(), MARK_END.to_string(), limit as i64], |r| {
            Ok(Hit {
                article: ArticleId(r.get(0)?),
                story: StoryId(r.get::<_, i64>(1)? as u64),
                title: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                snippet: r.get(5)?,
                // SQLite's bm25 is lower-is-better; people expect the opposite.
                score: -r.get::<_, f64>(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Stories matching `filter`, largest first (as [`Store::stories`]).
    pub fn find_stories(&self, filter: &StoryFilter) -> Result<Vec<StoryRow>> {
        let mut st = self.conn.prepare(
            "SELECT story, COUNT(*), MIN(published), MAX(published),
                    (SELECT title FROM articles b WHERE b.story = a.story ORDER BY seq LIMIT 1)
             FROM articles a GROUP BY story
             HAVING (?1 IS NULL OR SUM(title LIKE ?1 ESCAPE '\\') > 0)
                AND (?2 IS NULL OR SUM(COALESCE(outlet, '') LIKE ?2 ESCAPE '\\') > 0)
                AND (?3 IS NULL OR substr(MAX(published), 1, 10) >= ?3)
                AND (?4 IS NULL OR substr(MIN(published), 1, 10) <= ?4)
             ORDER BY COUNT(*) DESC, story LIMIT ?5 OFFSET ?6",
        )?;
        let limit = filter.limit.map_or(-1, |l| l as i64);
        let rows = st.query_map(
            params![
                filter.title.as_deref().map(like),
                filter.outlet.as_deref().map(like),
                filter.from,
                filter.to,
                limit,
                filter.offset as i64
            ],
            |r| {
                Ok(StoryRow {
                    id: StoryId(r.get::<_, i64>(0)? as u64),
                    articles: r.get::<_, i64>(1)? as usize,
                    first_seen: r.get(2)?,
                    last_seen: r.get(3)?,
                    title: r.get(4)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One article by id, with its story.
    pub fn article(&self, id: &ArticleId) -> Result<Option<(Article, StoryId)>> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row("SELECT article, story FROM articles WHERE id = ?1", [&id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(json, story)| {
            let a: Article = serde_json::from_str(&json).map_err(|e| corrupt("article", e))?;
            Ok((a, StoryId(story as u64)))
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_words_never_syntax() {
        assert_eq!(fts_query("dock \"strike* NEAR("), Some("\"dock\" \"strike\" \"NEAR\"".into()));
        assert_eq!(fts_query("  -- "), None);
        assert_eq!(like("50%_a"), "%50\\%\\_a%");
    }
}
