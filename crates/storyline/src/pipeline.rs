//! Wires the stages; the only place that orders them.
//!
//! `ingest` runs stages 2–5 on a batch (extract in parallel, then copies and stories in arrival
//! order, all written in one transaction); `brief` runs stages 4 and 6–8 on one stored story.

use crate::cluster::{self, Clusterer};
use crate::dedup::{self, Index};
use crate::model::{Article, ArticleId, Brief, Copy, RawArticle, StoryId};
use crate::store::{Store, StoryRow};
use crate::{brief, extract, Error, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// Settings of every stage.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Copy detection.
    pub dedup: dedup::Config,
    /// Story clustering.
    pub cluster: cluster::Config,
}

/// What one ingest did.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct IngestReport {
    /// Articles read from the input.
    pub read: usize,
    /// New articles stored.
    pub stored: usize,
    /// Articles already stored (same content), skipped.
    pub duplicates: usize,
    /// Inputs that could not be read or extracted, with the reason (file, line, article).
    pub skipped: Vec<String>,
    /// New copy relations found.
    pub copies: usize,
    /// Stories after the ingest.
    pub stories: usize,
}

/// The pipeline over a store.
pub struct Pipeline {
    store: Store,
    config: Config,
    index: Index,
    clusterer: Clusterer,
    /// The latest members of each story: rewrites that LSH misses are found among them.
    recent: HashMap<StoryId, Vec<u32>>,
    /// Every stored article's sketches by sequence number, to skip hopeless candidates before
    /// the (costly) sentence alignment.
    sketches: HashMap<u32, dedup::Fingerprint>,
}

/// Story members an arriving article is verified against besides its LSH candidates.
const RECENT_MEMBERS: usize = 32;

impl Pipeline {
    /// A pipeline over the store at `path` (created if missing).
    pub fn open(path: &Path) -> Result<Pipeline> {
        Self::with_store(Store::open(path)?, Config::default())
    }

    /// A pipeline over a throw-away in-memory store.
    pub fn in_memory() -> Result<Pipeline> {
        Self::with_store(Store::in_memory()?, Config::default())
    }

    /// A pipeline over `store` with `config`; rebuilds the copy index and clusterer from it.
    pub fn with_store(store: Store, config: Config) -> Result<Pipeline> {
        let mut index = Index::new(&config.dedup);
        let mut sketches = HashMap::new();
        for (seq, fp) in store.fingerprints()? {
            index.insert(seq, &fp);
            sketches.insert(seq, fp);
        }
        let clusterer = store.clusterer()?.unwrap_or_else(|| Clusterer::new(config.cluster.clone()));
        let mut recent: HashMap<StoryId, Vec<u32>> = HashMap::new();
        for (seq, story) in store.placements()? {
            remember(&mut recent, story, seq);
        }
        Ok(Pipeline { store, config, index, clusterer, recent, sketches })
    }

    /// The store underneath.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Extract, deduplicate, find copies and place a batch of articles into stories, in one
    /// transaction. Bad inputs are reported in the result and skipped; the rest goes on.
    pub fn ingest(&mut self, raws: Vec<Result<RawArticle>>) -> Result<IngestReport> {
        self.ingest_with_progress(raws, &mut |_, _| {})
    }

    /// [`Pipeline::ingest`], calling `progress(done, total)` as articles are placed (after
    /// extraction, which runs in parallel, placement runs in arrival order and takes most of the
    /// time), so a caller can show a progress bar.
    pub fn ingest_with_progress(
        &mut self,
        raws: Vec<Result<RawArticle>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let mut good = Vec::new();
        for r in raws {
            match r {
                Ok(raw) => good.push(raw),
                Err(e) => report.skipped.push(e.to_string()),
            }
        }
        report.read = good.len();
        let extracted: Vec<Result<Article>> = good.par_iter().map(extract::extract).collect();
        let mut articles = Vec::with_capacity(extracted.len());
        for a in extracted {
            match a {
                Ok(a) => articles.push(a),
                Err(e) => report.skipped.push(e.to_string()),
            }
        }
        // Arrival order for a batch: by publication time (undated last), then path.
        articles.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.path).cmp(&(b.published.is_none(), &b.published, &b.path))
        });
        let fps: Vec<dedup::Fingerprint> =
            articles.par_iter().map(|a| dedup::fingerprint(a, &self.config.dedup)).collect();
        match self.place(&articles, &fps, &mut report, progress) {
            Ok(()) => {}
            Err(e) => {
                // The transaction rolled back: rebuild the in-memory state from the store.
                let config = self.config.clone();
                let store = std::mem::replace(&mut self.store, Store::in_memory()?);
                *self = Self::with_store(store, config)?;
                return Err(e);
            }
        }
        report.stories = self.clusterer.stories();
        tracing::info!(read = report.read, stored = report.stored, copies = report.copies, "ingest");
        Ok(report)
    }

    fn place(
        &mut self,
        articles: &[Article],
        fps: &[dedup::Fingerprint],
        report: &mut IngestReport,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        let batch = self.store.batch()?;
        let mut fresh: HashMap<u32, &Article> = HashMap::new();
        let mut stories: HashMap<ArticleId, StoryId> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for (done, (article, fp)) in articles.iter().zip(fps).enumerate() {
            progress(done, articles.len());
            if !seen.insert(article.id.clone()) || batch.contains(&article.id)? {
                report.duplicates += 1;
                continue;
            }
            let load = |seq: u32| -> Result<Option<Article>> {
                match fresh.get(&seq) {
                    Some(a) => Ok(Some((*a).clone())),
                    None => batch.article_by_seq(seq),
                }
            };
            let sentences = dedup::align::prepare(&article.body);
            let mut copies: Vec<Copy> = Vec::new();
            let plausible = |seq: &u32| self.sketches.get(seq).is_none_or(|other| dedup::plausible(fp, other));
            let mut checked: Vec<u32> = self.index.candidates(fp);
            for &seq in checked.iter().filter(|s| plausible(s)) {
                if let Some(other) = load(seq)? {
                    copies.extend(dedup::compare_prepared(article, &sentences, &other, &self.config.dedup));
                }
            }
            copies.sort_by(|a, b| b.shared.total_cmp(&a.shared));
            let must = copies.iter().find_map(|c| {
                let other = if c.from == article.id { &c.to } else { &c.from };
                stories.get(other).copied().or_else(|| batch.story_of(other).ok().flatten())
            });
            let mut placed = self.clusterer.place(article, must);
            for &gone in &placed.merged {
                batch.move_story(gone, placed.story)?;
                for seq in self.recent.remove(&gone).unwrap_or_default() {
                    remember(&mut self.recent, placed.story, seq);
                }
                for story in stories.values_mut().filter(|s| **s == gone) {
                    *story = placed.story;
                }
            }
            // Machine rewrites can fall below the LSH thresholds; they land in the same story by
            // topic, so the story's latest members are verified too (bounded, so still linear).
            checked.sort_unstable();
            for &seq in self.recent.get(&placed.story).map(Vec::as_slice).unwrap_or(&[]) {
                if checked.binary_search(&seq).is_err() && plausible(&seq) {
                    if let Some(other) = load(seq)? {
                        copies.extend(dedup::compare_prepared(article, &sentences, &other, &self.config.dedup));
                    }
                }
            }
            // Copies stay together: pin both sides before any earlier member may move.
            for c in &copies {
                for id in [&c.from, &c.to] {
                    let story = if *id == article.id { Some(placed.story) } else { stories.get(id).copied() };
                    match story {
                        Some(story) => self.clusterer.pin(story, id),
                        None => {
                            if let Some(story) = batch.story_of(id)? {
                                self.clusterer.pin(story, id);
                            }
                        }
                    }
                }
            }
            let seq = batch.insert_article(article, fp, &placed)?.ok_or_else(|| {
                Error::new(crate::ErrorKind::Internal, format!("article {} stored twice", article.id))
            })?;
            remember(&mut self.recent, placed.story, seq);
            placed.moved = self.clusterer.rehome(placed.story, &article.id);
            for m in &placed.moved {
                let moved = batch.move_article(m)?.ok_or_else(|| {
                    Error::new(crate::ErrorKind::Internal, format!("moved article {} is not stored", m.article))
                })?;
                if let Some(members) = self.recent.get_mut(&m.from) {
                    members.retain(|&s| s != moved);
                }
                remember(&mut self.recent, m.to, moved);
                if let Some(story) = stories.get_mut(&m.article) {
                    *story = m.to;
                }
                // A story whose only article moved lives on in the story it went to.
                let live = self.clusterer.resolve(m.from);
                if live != m.from {
                    batch.move_story(m.from, live)?;
                    self.recent.remove(&m.from);
                }
            }
            for c in &copies {
                batch.insert_copy(c)?;
            }
            report.copies += copies.len();
            report.stored += 1;
            stories.insert(article.id.clone(), placed.story);
            self.index.insert(seq, fp);
            self.sketches.insert(seq, fp.clone());
            fresh.insert(seq, article);
        }
        progress(articles.len(), articles.len());
        batch.save_clusterer(&self.clusterer)?;
        batch.commit()
    }

    /// The stored stories, largest first.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        self.store.stories()
    }

    /// One story's brief.
    pub fn brief(&self, story: StoryId) -> Result<Brief> {
        self.brief_with(story, &brief::Options::default())
    }

    /// One story's brief, its summary as long as `options` asks.
    pub fn brief_with(&self, story: StoryId, options: &brief::Options) -> Result<Brief> {
        let members = self.store.story_articles(story)?;
        let articles: Vec<Article> = members.into_iter().map(|(a, _)| a).collect();
        let ids: Vec<ArticleId> = articles.iter().map(|a| a.id.clone()).collect();
        let copies = self.store.copies_among(&ids)?;
        Ok(brief::brief_with(story, &articles, copies, options))
    }

    /// Every story's brief, largest first.
    pub fn briefs(&self) -> Result<Vec<Brief>> {
        self.briefs_with(&brief::Options::default())
    }

    /// Every story's brief, largest first, summaries as long as `options` asks.
    pub fn briefs_with(&self, options: &brief::Options) -> Result<Vec<Brief>> {
        self.stories()?.iter().map(|s| self.brief_with(s.id, options)).collect()
    }
}

/// Keep the latest members of a story.
fn remember(recent: &mut HashMap<StoryId, Vec<u32>>, story: StoryId, seq: u32) {
    let members = recent.entry(story).or_default();
    members.push(seq);
    if members.len() > RECENT_MEMBERS {
        members.remove(0);
    }
}
