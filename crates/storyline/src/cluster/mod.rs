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
//! The score against a story mixes the cosine with its centroid and the mean cosine with its
//! latest members (a broad centroid alone pulls in articles that resemble the topic but none of
//! the reports). Bad input is handled explicitly: an undated article is judged by text alone
//! and never opens or closes a story's window; a date too far from the stream's latest date is
//! treated as no date; a headline without a body is judged against the centroid with its own,
//! lower threshold; an article in another language than a story's never joins it by term
//! overlap (a copy still does). Settings were tuned with `storyline eval stories`.
//!
//! Order: the result depends on arrival order (the first article seeds a story, IDF is learned
//! online); the same input in the same order gives the same stories, and splitting it into
//! batches, with the state saved and reloaded between them, changes nothing (tested).
//!
//! The state is plain serde data, so the store can persist it between ingests: a new article
//! joins its story incrementally.

use crate::model::{Article, StoryId};
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Clustering settings. Fields missing from a saved state take their defaults, so a store
/// written by an older version still opens.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Minimum score (similarity to the story) to join a story.
    pub threshold: f64,
    /// The minimum for an article with a title and no body: a headline shares few terms with
    /// any story, so it needs (and, being all title, earns) a lower bar.
    pub title_only_threshold: f64,
    /// Weight of a title term relative to a body term.
    pub title_weight: f64,
    /// Weight of an entity (capitalized name) feature.
    pub entity_weight: f64,
    /// Days after its last article that a story stays open.
    pub window_days: i64,
    /// A date this many days away from the latest date seen is treated as no date (a parse
    /// error or a mislabelled archive page), so it neither opens nor closes stories.
    pub max_skew_days: i64,
    /// Terms kept in a story centroid (and indexed).
    pub centroid_terms: usize,
    /// Terms of an article used to look up candidate stories.
    pub query_terms: usize,
    /// Share of the score that comes from the mean similarity to the story's latest members
    /// (the rest is the centroid's): a member check keeps a broad centroid from pulling in
    /// articles that resemble the topic but none of the reports.
    pub member_weight: f64,
    /// Latest members kept per story for the member check.
    pub members: usize,
    /// Terms kept per remembered member.
    pub member_terms: usize,
}

impl Default for Config {
    fn default() -> Self {
        // Tuned on the tuning parts of `storyline eval stories` (NeuS train, ECB+ topics 1–35,
        // UCI first half); see storyline-eval's stories module.
        Config {
            threshold: 0.28,
            title_only_threshold: 0.1,
            title_weight: 3.0,
            entity_weight: 1.0,
            window_days: 5,
            max_skew_days: 365,
            centroid_terms: 300,
            query_terms: 12,
            member_weight: 0.5,
            members: 8,
            member_terms: 40,
        }
    }
}

/// What, besides its terms, decides where an article may go.
struct Probe<'a> {
    /// Its publication day, if it has a believable one.
    day: Option<i64>,
    language: Option<&'a str>,
    title_only: bool,
}

/// A sparse vector: (term id, weight), sorted by term id.
type Sparse = Vec<(u32, f64)>;

/// One story's running state.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoryState {
    id: StoryId,
    /// Sum of member vectors, its strongest terms only, sorted by term id.
    centroid: Sparse,
    /// The centroid's L2 norm, kept with it (it is read for every candidate).
    norm: f64,
    size: u32,
    last_day: Option<i64>,
    /// Language of the article that started it, when known.
    #[serde(default)]
    language: Option<String>,
    /// The latest members' strongest terms, unit length, each sorted by term id.
    #[serde(default)]
    members: Vec<Sparse>,
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
///
/// Terms are interned as `u32` ids: every vector is a sorted `(id, weight)` list and every
/// similarity a merge of two such lists — string keys made candidate scoring the bottleneck.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    config: Config,
    docs: u32,
    /// Term strings by id.
    terms: Vec<String>,
    /// Document frequency by term id.
    df: Vec<u32>,
    stories: Vec<StoryState>,
    /// Term id → stories whose centroid holds it, oldest first.
    postings: HashMap<u32, Vec<u32>>,
    /// The latest plausible publication day seen (days since 0001-01-01).
    #[serde(default)]
    latest_day: Option<i64>,
    /// Term string → id; rebuilt from `terms` after loading.
    #[serde(skip)]
    vocab: HashMap<String, u32>,
}

/// Candidate stories scored in full per article, after ranking by shared query terms.
const SCORED_CANDIDATES: usize = 48;

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
    // Short bare numbers ("10", "3") are noise; a zero weight would be ln(0) below.
    tf.retain(|t, w| *w > 0.0 && (!t.chars().all(|c| c.is_ascii_digit()) || t.len() >= 3));
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

/// An article's weighted vector in two orders: by weight (strongest first, for lookups and
/// explanations) and by term id (for dot products).
struct Weighted {
    by_weight: Sparse,
    by_id: Sparse,
}

impl Clusterer {
    /// A new, empty clusterer.
    pub fn new(config: Config) -> Self {
        Clusterer {
            config,
            docs: 0,
            terms: Vec::new(),
            df: Vec::new(),
            stories: Vec::new(),
            postings: HashMap::new(),
            latest_day: None,
            vocab: HashMap::new(),
        }
    }

    /// Number of stories so far.
    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// The id of `term`, interning it.
    fn intern(&mut self, term: String) -> u32 {
        if self.vocab.len() != self.terms.len() {
            self.vocab = self.terms.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        }
        if let Some(&id) = self.vocab.get(&term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.clone());
        self.df.push(0);
        self.vocab.insert(term, id);
        id
    }

    /// Place one article: into `must` when given (a copy of an article already placed),
    /// otherwise into the most similar open story, or a new one.
    pub fn assign(&mut self, article: &Article, must: Option<StoryId>) -> Assignment {
        let raw: Vec<(u32, f64)> =
            features(article, &self.config).into_iter().map(|(t, w)| (self.intern(t), w)).collect();
        self.docs += 1;
        for &(t, _) in &raw {
            self.df[t as usize] += 1;
        }
        let vector = self.weigh(raw);
        let day = self.plausible_day(day_number(article));
        let probe = Probe { day, language: article.language.as_deref(), title_only: article.body.trim().is_empty() };
        let chosen = match must.and_then(|id| self.stories.iter().position(|s| s.id == id)) {
            Some(i) => Some((i, 1.0)),
            None => self.best(&vector, &probe),
        };
        match chosen {
            Some((i, score)) => {
                let terms = self.shared_terms(&vector, &self.stories[i].centroid);
                self.add_to(i, &vector, day);
                Assignment { story: self.stories[i].id, new: false, score, terms }
            }
            None => {
                let id = StoryId(self.stories.len() as u64 + 1);
                self.stories.push(StoryState {
                    id,
                    centroid: Vec::new(),
                    norm: 0.0,
                    size: 0,
                    last_day: day,
                    language: article.language.clone(),
                    members: Vec::new(),
                });
                let i = self.stories.len() - 1;
                self.add_to(i, &vector, day);
                Assignment { story: id, new: true, score: 0.0, terms: Vec::new() }
            }
        }
    }

    /// TF-IDF with sublinear TF, L2-normalized.
    fn weigh(&self, raw: Vec<(u32, f64)>) -> Weighted {
        let n = f64::from(self.docs);
        let mut v: Sparse = raw
            .into_iter()
            .map(|(t, tf)| {
                let df = f64::from(self.df[t as usize].max(1));
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                (t, (1.0 + tf.ln()) * idf)
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
        for (_, w) in &mut v {
            *w /= norm;
        }
        let terms = &self.terms;
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| terms[a.0 as usize].cmp(&terms[b.0 as usize])));
        let mut by_id = v.clone();
        by_id.sort_unstable_by_key(|x| x.0);
        Weighted { by_weight: v, by_id }
    }

    /// `day`, unless it is too far from the stream's latest date to be believed; the latest
    /// date only moves forward by plausible dates.
    fn plausible_day(&mut self, day: Option<i64>) -> Option<i64> {
        let day = day?;
        match self.latest_day {
            Some(latest) if (day - latest).abs() > self.config.max_skew_days => None,
            latest => {
                self.latest_day = Some(latest.map_or(day, |l| l.max(day)));
                Some(day)
            }
        }
    }

    /// Stories sharing the article's strongest terms, ranked by the weight of what they share;
    /// only the best [`SCORED_CANDIDATES`] are scored in full. Terms in more than a tenth of
    /// all articles ("said", "pct") are not looked up: they would list every story.
    fn candidates(&self, vector: &Weighted) -> Vec<u32> {
        let common = (self.docs / 10).max(50);
        let mut shared: HashMap<u32, f64> = HashMap::new();
        for &(t, w) in
            vector.by_weight.iter().filter(|(t, _)| self.df[*t as usize] <= common).take(self.config.query_terms)
        {
            for &story in self.postings.get(&t).map(Vec::as_slice).unwrap_or(&[]).iter().rev().take(256) {
                *shared.entry(story).or_default() += w;
            }
        }
        let mut ranked: Vec<(u32, f64)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(SCORED_CANDIDATES);
        let mut out: Vec<u32> = ranked.into_iter().map(|(s, _)| s).collect();
        out.sort_unstable();
        out
    }

    fn best(&self, vector: &Weighted, probe: &Probe<'_>) -> Option<(usize, f64)> {
        let day = probe.day;
        let threshold = if probe.title_only { self.config.title_only_threshold } else { self.config.threshold };
        let mut best: Option<(usize, f64)> = None;
        for c in self.candidates(vector) {
            let s = &self.stories[c as usize];
            if let (Some(a), Some(b)) = (day, s.last_day) {
                if (a - b).abs() > self.config.window_days {
                    continue;
                }
            }
            // Term overlap across languages is chance (names aside): never a reason to join.
            if let (Some(a), Some(b)) = (probe.language, s.language.as_deref()) {
                if a != b {
                    continue;
                }
            }
            let mut score = if s.norm > 0.0 { dot(&vector.by_id, &s.centroid) / s.norm } else { 0.0 };
            let lambda = self.config.member_weight;
            // A headline is too short to resemble each report; it is judged on the centroid.
            if lambda > 0.0 && !probe.title_only && !s.members.is_empty() {
                let mean = s.members.iter().map(|m| dot(&vector.by_id, m)).sum::<f64>() / s.members.len() as f64;
                score = (1.0 - lambda) * score + lambda * mean;
            }
            if score >= threshold && best.is_none_or(|(_, b)| score > b) {
                best = Some((c as usize, score));
            }
        }
        best
    }

    fn add_to(&mut self, i: usize, vector: &Weighted, day: Option<i64>) {
        let limit = self.config.centroid_terms;
        let story = &mut self.stories[i];
        let before = std::mem::take(&mut story.centroid);
        story.centroid = merge_add(&before, &vector.by_id);
        story.size += 1;
        if self.config.members > 0 {
            let mut m: Sparse = vector.by_weight.iter().take(self.config.member_terms).copied().collect();
            let norm = m.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
            m.iter_mut().for_each(|(_, w)| *w /= norm);
            m.sort_unstable_by_key(|x| x.0);
            if story.members.len() >= self.config.members {
                story.members.remove(0);
            }
            story.members.push(m);
        }
        story.last_day = match (story.last_day, day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if story.centroid.len() > limit {
            let terms = &self.terms;
            story
                .centroid
                .sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| terms[a.0 as usize].cmp(&terms[b.0 as usize])));
            story.centroid.truncate(limit);
            story.centroid.sort_unstable_by_key(|x| x.0);
        }
        story.norm = story.centroid.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        // Only terms new to the centroid are posted: a story is listed once per term, without
        // scanning posting lists that grow with the stream. (Terms later cut from the centroid
        // stay posted; they only add a candidate.)
        let id = i as u32;
        let mut fresh = Vec::new();
        let mut old = before.iter().map(|x| x.0).peekable();
        for &(t, _) in &story.centroid {
            while old.next_if(|&o| o < t).is_some() {}
            if old.peek() != Some(&t) {
                fresh.push(t);
            }
        }
        for t in fresh {
            self.postings.entry(t).or_default().push(id);
        }
    }

    /// The terms that tie an article to a story, strongest first, as strings.
    fn shared_terms(&self, v: &Weighted, centroid: &Sparse) -> Vec<String> {
        let mut shared: Vec<(u32, f64)> = Vec::new();
        merge(&v.by_id, centroid, |t, a, b| shared.push((t, a * b)));
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.into_iter().take(8).map(|(t, _)| self.terms[t as usize].clone()).collect()
    }
}

/// Call `f(term, a_weight, b_weight)` for each term in both sorted lists.
fn merge(a: &[(u32, f64)], b: &[(u32, f64)], mut f: impl FnMut(u32, f64, f64)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].0, a[i].1, b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Dot product of two sparse vectors sorted by term id.
fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let mut sum = 0.0;
    merge(a, b, |_, x, y| sum += x * y);
    sum
}

/// `a + b` for sparse vectors sorted by term id.
fn merge_add(a: &[(u32, f64)], b: &[(u32, f64)]) -> Sparse {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, x.1 + y.1));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn art(title: &str, body: &str, published: Option<&str>) -> Article {
        Article {
            id: ArticleId(title.into()),
            published: published.map(String::from),
            ..Article::from_text(title, title, body)
        }
    }

    #[test]
    fn same_event_joins_and_other_event_stays_apart() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(
            &art(
                "Port Varen dockworkers end strike",
                "Dockworkers in Port Varen ended their strike after talks with harbour master Ilse Marrow.",
                Some("2025-03-10"),
            ),
            None,
        );
        let b = c.assign(
            &art(
                "Varen strike over after talks",
                "Harbour master Ilse Marrow and the Port Varen dockworkers agreed to end the strike.",
                Some("2025-03-11"),
            ),
            None,
        );
        let d = c.assign(
            &art(
                "Lindqvist museum reopens",
                "The Lindqvist art museum reopened its east wing after renovation.",
                Some("2025-03-11"),
            ),
            None,
        );
        assert!(a.new && !b.new && d.new);
        assert_eq!(a.story, b.story);
        assert!(b.terms.iter().any(|t| t.contains("varen")));
    }

    #[test]
    fn stories_fade_after_the_window() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(
            &art("Port Varen dockworkers strike", "Dockworkers in Port Varen went on strike.", Some("2025-03-10")),
            None,
        );
        let b = c.assign(
            &art(
                "Port Varen dockworkers strike again",
                "Dockworkers in Port Varen went on strike.",
                Some("2025-06-10"),
            ),
            None,
        );
        assert_ne!(a.story, b.story);
    }

    fn with_language(mut a: Article, language: &str) -> Article {
        a.language = Some(language.into());
        a
    }

    /// A small invented stream: two strikes in two ports, a museum, and their follow-ups.
    fn stream() -> Vec<Article> {
        vec![
            art(
                "Port Varen dockworkers strike",
                "Dockworkers in Port Varen walked out over pay, union leader Ilse Marrow said.",
                Some("2025-03-10"),
            ),
            art(
                "Lindqvist museum reopens east wing",
                "The Lindqvist art museum reopened its east wing after a two-year renovation.",
                Some("2025-03-10"),
            ),
            art(
                "Varen strike enters second day",
                "The Port Varen dockworkers strike entered its second day as Ilse Marrow met harbour officials.",
                Some("2025-03-11"),
            ),
            art(
                "Osterby bakers strike over flour prices",
                "Bakers in Osterby stopped work over flour prices, guild head Tomas Brink said.",
                Some("2025-03-11"),
            ),
            art(
                "Crowds at Lindqvist museum",
                "Visitors queued outside the Lindqvist art museum for the reopened east wing.",
                Some("2025-03-12"),
            ),
            art(
                "Port Varen strike ends with pay deal",
                "Ilse Marrow said the Port Varen dockworkers accepted a pay deal and ended the strike.",
                Some("2025-03-12"),
            ),
            art(
                "Osterby bakery strike spreads",
                "More Osterby bakers joined the strike over flour prices, Tomas Brink said.",
                Some("2025-03-12"),
            ),
        ]
    }

    fn stories_of(c: &mut Clusterer, articles: &[Article]) -> Vec<StoryId> {
        articles.iter().map(|a| c.assign(a, None).story).collect()
    }

    #[test]
    fn same_input_same_order_same_stories() {
        let a = stories_of(&mut Clusterer::new(Config::default()), &stream());
        let b = stories_of(&mut Clusterer::new(Config::default()), &stream());
        assert_eq!(a, b);
        // The invented stream itself reads as three stories.
        assert_eq!(a[0], a[2]);
        assert_eq!(a[0], a[5]);
        assert_eq!(a[1], a[4]);
        assert_eq!(a[3], a[6]);
        assert_ne!(a[0], a[3], "two strikes of the same kind stay apart");
    }

    proptest::proptest! {
        /// Ingesting in batches (the state saved and reloaded between them, as the store does)
        /// gives the same stories as one batch.
        #[test]
        fn batch_split_does_not_change_stories(cuts in proptest::collection::vec(0usize..8, 0..4)) {
            let articles = stream();
            let whole = stories_of(&mut Clusterer::new(Config::default()), &articles);
            let mut cuts = cuts;
            cuts.push(articles.len());
            cuts.sort_unstable();
            let mut c = Clusterer::new(Config::default());
            let mut split = Vec::new();
            let mut start = 0;
            for cut in cuts {
                let cut = cut.min(articles.len()).max(start);
                split.extend(stories_of(&mut c, &articles[start..cut]));
                c = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
                start = cut;
            }
            proptest::prop_assert_eq!(whole, split);
        }
    }

    #[test]
    fn dateless_article_joins_by_text_and_never_closes_a_story() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(
            &art(
                "Port Varen dockworkers strike",
                "Dockworkers in Port Varen went on strike, Ilse Marrow said.",
                Some("2025-03-10"),
            ),
            None,
        );
        let b = c.assign(
            &art(
                "Port Varen dockworkers stay on strike",
                "Ilse Marrow said the Port Varen dockworkers stay on strike.",
                None,
            ),
            None,
        );
        assert_eq!(a.story, b.story);
        // The dateless one did not stretch the story's life.
        let d = c.assign(
            &art("Port Varen dockworkers strike", "Dockworkers in Port Varen went on strike.", Some("2025-06-10")),
            None,
        );
        assert_ne!(a.story, d.story);
    }

    #[test]
    fn implausible_dates_count_as_no_date() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(
            &art(
                "Port Varen dockworkers strike",
                "Dockworkers in Port Varen went on strike, Ilse Marrow said.",
                Some("2025-03-10"),
            ),
            None,
        );
        // A year 2099 date (a parse error) neither keeps it out nor moves the stream forward.
        let b = c.assign(
            &art(
                "Port Varen dockworkers stay on strike",
                "Ilse Marrow said the Port Varen dockworkers stay on strike.",
                Some("2099-01-01"),
            ),
            None,
        );
        let d = c.assign(
            &art(
                "Varen strike talks resume",
                "Talks in the Port Varen dockworkers strike resume, Ilse Marrow said.",
                Some("2025-03-11"),
            ),
            None,
        );
        assert_eq!(a.story, b.story);
        assert_eq!(a.story, d.story);
        assert_eq!(c.latest_day, day_number(&art("x", "", Some("2025-03-11"))));
    }

    #[test]
    fn title_only_article_joins_its_story_but_not_a_stranger() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(
            &art(
                "Port Varen dockworkers strike over pay",
                "Dockworkers in Port Varen walked out over pay, union leader Ilse Marrow said on Monday.",
                Some("2025-03-10"),
            ),
            None,
        );
        let b = c.assign(&art("Port Varen dockworkers strike", "", Some("2025-03-10")), None);
        let d = c.assign(&art("Lindqvist museum reopens", "", Some("2025-03-10")), None);
        assert_eq!(a.story, b.story);
        assert!(d.new);
    }

    #[test]
    fn another_language_starts_its_own_story() {
        let mut c = Clusterer::new(Config::default());
        let en = "Dockworkers in Port Varen went on strike, Ilse Marrow said.";
        let a = c.assign(&with_language(art("Port Varen strike", en, Some("2025-03-10")), "en"), None);
        // Shared names only: the German report is not judged by English term overlap.
        let de = "Die Hafenarbeiter in Port Varen streiken, sagte Ilse Marrow.";
        let b = c.assign(&with_language(art("Streik in Port Varen", de, Some("2025-03-10")), "de"), None);
        assert!(b.new && a.story != b.story);
        // A copy is still forced into its story whatever its language.
        let d = c.assign(&with_language(art("Streik in Port Varen", de, Some("2025-03-10")), "de"), Some(a.story));
        assert_eq!(d.story, a.story);
    }
}
