//! Stage 5 — stories: online, time-aware assignment of articles to stories.
//!
//! Articles arrive one at a time. Each is a TF-IDF vector (document frequencies are learned
//! online, title terms weighted up, capitalized names added as entity features); candidate
//! stories come from an inverted index over the stories' strongest terms — never a scan of all
//! stories — and the article joins the most similar one above the threshold, or starts a new
//! story. Stories fade: a story not touched within `window_days` of the article's date is not
//! a candidate. A copy of an article already placed always joins that article's story (the
//! caller passes it as `must`).
//!
//! The state is plain serde data, so the store can persist it between ingests: a new article
//! joins its story incrementally.

use crate::model::{Article, StoryId};
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Clustering settings. Fields missing from a saved state take their defaults, so a store
/// written by an older version still opens.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Minimum cosine similarity (article vs story centroid) to join a story.
    pub threshold: f64,
    /// Weight of a title term relative to a body term.
    pub title_weight: f64,
    /// Weight of an entity (capitalized name) feature.
    pub entity_weight: f64,
    /// Days after its last article that a story stays open.
    pub window_days: i64,
    /// Terms kept in a story centroid (and indexed).
    pub centroid_terms: usize,
    /// Terms of an article used to look up candidate stories.
    pub query_terms: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { threshold: 0.22, title_weight: 3.0, entity_weight: 2.0, window_days: 5, centroid_terms: 60, query_terms: 12 }
    }
}

/// One story's running state.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoryState {
    id: StoryId,
    centroid: BTreeMap<String, f64>,
    size: u32,
    last_day: Option<i64>,
}

/// Why an article landed where it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The story.
    pub story: StoryId,
    /// Whether the article started it.
    pub new: bool,
    /// Similarity to the story when it joined (1 for a copy, 0 for a new story).
    pub score: f64,
    /// The terms that tied the article to the story, strongest first.
    pub terms: Vec<String>,
}

/// The online clusterer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    config: Config,
    docs: u32,
    df: HashMap<String, u32>,
    stories: Vec<StoryState>,
    postings: HashMap<String, Vec<u32>>,
}

/// The features of one article: term → raw weight (before IDF).
fn features(article: &Article, config: &Config) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    for s in text::content_stems(&article.title) {
        *tf.entry(s).or_default() += config.title_weight;
    }
    for s in text::content_stems(&article.body) {
        *tf.entry(s).or_default() += 1.0;
    }
    for e in entities(&format!("{}\n\n{}", article.title, article.body)) {
        *tf.entry(format!("@{e}")).or_default() += config.entity_weight;
    }
    tf.retain(|t, _| !t.chars().all(|c| c.is_ascii_digit()) || t.len() >= 3);
    tf
}

/// Capitalized words that do not start a sentence: names of people, places, organizations.
fn entities(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        for (s, e) in text::sentences(para) {
            for (i, w) in para[s..e].split_whitespace().enumerate() {
                let core = w.trim_matches(|c: char| !c.is_alphanumeric());
                if i > 0 && core.len() > 2 && core.chars().next().is_some_and(char::is_uppercase) {
                    let n = text::normalize_word(core);
                    if !text::is_stopword(&n) {
                        out.push(n);
                    }
                }
            }
        }
    }
    out
}

fn day_number(article: &Article) -> Option<i64> {
    let d = crate::extract::meta::day_of(article.published.as_deref()?)?;
    Some(chrono::NaiveDate::signed_duration_since(d, chrono::NaiveDate::default()).num_days())
}

impl Clusterer {
    /// A new, empty clusterer.
    pub fn new(config: Config) -> Self {
        Clusterer { config, docs: 0, df: HashMap::new(), stories: Vec::new(), postings: HashMap::new() }
    }

    /// Number of stories so far.
    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// Place one article: into `must` when given (a copy of an article already placed),
    /// otherwise into the most similar open story, or a new one.
    pub fn assign(&mut self, article: &Article, must: Option<StoryId>) -> Assignment {
        let raw = features(article, &self.config);
        self.docs += 1;
        for t in raw.keys() {
            *self.df.entry(t.clone()).or_default() += 1;
        }
        let vector = self.weigh(raw);
        let day = day_number(article);
        let chosen = match must.and_then(|id| self.stories.iter().position(|s| s.id == id)) {
            Some(i) => Some((i, 1.0)),
            None => self.best(&vector, day),
        };
        match chosen {
            Some((i, score)) => {
                let terms = shared_terms(&vector, &self.stories[i].centroid);
                self.add_to(i, &vector, day);
                Assignment { story: self.stories[i].id, new: false, score, terms }
            }
            None => {
                let id = StoryId(self.stories.len() as u64 + 1);
                self.stories.push(StoryState { id, centroid: BTreeMap::new(), size: 0, last_day: day });
                let i = self.stories.len() - 1;
                self.add_to(i, &vector, day);
                Assignment { story: id, new: true, score: 0.0, terms: Vec::new() }
            }
        }
    }

    /// TF-IDF with sublinear TF, L2-normalized.
    fn weigh(&self, raw: HashMap<String, f64>) -> Vec<(String, f64)> {
        let n = f64::from(self.docs);
        let mut v: Vec<(String, f64)> = raw
            .into_iter()
            .map(|(t, tf)| {
                let df = f64::from(*self.df.get(&t).unwrap_or(&1));
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                (t, (1.0 + tf.ln()) * idf)
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
        for (_, w) in &mut v {
            *w /= norm;
        }
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    fn best(&self, vector: &[(String, f64)], day: Option<i64>) -> Option<(usize, f64)> {
        let mut candidates: Vec<u32> = vector
            .iter()
            .take(self.config.query_terms)
            .filter_map(|(t, _)| self.postings.get(t))
            .flat_map(|p| p.iter().rev().take(256).copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f64)> = None;
        for c in candidates {
            let s = &self.stories[c as usize];
            if let (Some(a), Some(b)) = (day, s.last_day) {
                if (a - b).abs() > self.config.window_days {
                    continue;
                }
            }
            let score = cosine(vector, &s.centroid);
            if score >= self.config.threshold && best.is_none_or(|(_, b)| score > b) {
                best = Some((c as usize, score));
            }
        }
        best
    }

    fn add_to(&mut self, i: usize, vector: &[(String, f64)], day: Option<i64>) {
        let limit = self.config.centroid_terms;
        let story = &mut self.stories[i];
        for (t, w) in vector {
            *story.centroid.entry(t.clone()).or_default() += w;
        }
        story.size += 1;
        story.last_day = match (story.last_day, day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if story.centroid.len() > limit {
            let mut terms: Vec<(String, f64)> = std::mem::take(&mut story.centroid).into_iter().collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            terms.truncate(limit);
            story.centroid = terms.into_iter().collect();
        }
        let id = i as u32;
        for t in story.centroid.keys() {
            let p = self.postings.entry(t.clone()).or_default();
            if p.last() != Some(&id) && !p.contains(&id) {
                p.push(id);
            }
        }
    }
}

fn cosine(v: &[(String, f64)], centroid: &BTreeMap<String, f64>) -> f64 {
    let norm = centroid.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm == 0.0 {
        return 0.0;
    }
    v.iter().filter_map(|(t, w)| centroid.get(t).map(|c| w * c)).sum::<f64>() / norm
}

fn shared_terms(v: &[(String, f64)], centroid: &BTreeMap<String, f64>) -> Vec<String> {
    let mut shared: Vec<(&String, f64)> = v.iter().filter_map(|(t, w)| centroid.get(t).map(|c| (t, w * c))).collect();
    shared.sort_by(|a, b| b.1.total_cmp(&a.1));
    shared.into_iter().take(8).map(|(t, _)| t.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn art(title: &str, body: &str, published: Option<&str>) -> Article {
        Article {
            id: ArticleId(title.into()),
            path: title.into(),
            title: title.into(),
            body: body.into(),
            published: published.map(String::from),
            url: None,
            outlet: None,
            byline: None,
            dateline: None,
            wire: None,
            repost: false,
            language: None,
            repairs: vec![],
        }
    }

    #[test]
    fn same_event_joins_and_other_event_stays_apart() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(&art("Port Varen dockworkers end strike", "Dockworkers in Port Varen ended their strike after talks with harbour master Ilse Marrow.", Some("2025-03-10")), None);
        let b = c.assign(&art("Varen strike over after talks", "Harbour master Ilse Marrow and the Port Varen dockworkers agreed to end the strike.", Some("2025-03-11")), None);
        let d = c.assign(&art("Lindqvist museum reopens", "The Lindqvist art museum reopened its east wing after renovation.", Some("2025-03-11")), None);
        assert!(a.new && !b.new && d.new);
        assert_eq!(a.story, b.story);
        assert!(b.terms.iter().any(|t| t.contains("varen")));
    }

    #[test]
    fn stories_fade_after_the_window() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(&art("Port Varen dockworkers strike", "Dockworkers in Port Varen went on strike.", Some("2025-03-10")), None);
        let b = c.assign(&art("Port Varen dockworkers strike again", "Dockworkers in Port Varen went on strike.", Some("2025-06-10")), None);
        assert_ne!(a.story, b.story);
    }
}
