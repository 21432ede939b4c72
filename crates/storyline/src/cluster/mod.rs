//! Stage 5 — stories: online, time-aware assignment of articles to stories.
//!
//! Articles arrive one at a time. Each is a TF-IDF vector (document frequencies are learned
//! online, title terms weighted up, capitalized names and numbers added as features); candidate
//! stories come from an inverted index over the stories' strongest terms — never a scan of all
//! stories — and the article joins the most similar one above the threshold, or starts a new
//! story. Stories fade: a story not touched within `window_days` of the article's date is not
//! a candidate. A copy of an article already placed always joins that article's story (the
//! caller passes it as `must`).
//!
//! Stories found to be one merge: after an article joins a story, the open stories near it
//! (found through the same index) are compared by the mean similarity of their latest members,
//! and at `merge_threshold` the younger folds into the older; the [`Assignment`] lists the
//! stories merged away, so the store can move their articles, and [`Clusterer::resolve`] maps
//! an old story id to the story it lives on in. Two stories made only of headlines without a
//! body merge at a lower bar: two headlines share a word or two, so their cosines run far below
//! two full reports'.
//!
//! Articles placed early can move (`rehome.rs`): after each arrival, the recent members of the
//! article's story and of the stories near it that now fit another of those stories clearly
//! better move there, and the [`Assignment`] lists them as [`Move`]s for the store. Copies are
//! pinned and never move ([`Clusterer::pin`]).
//!
//! The score against a story mixes the cosine with its centroid and the cosine with its latest
//! members, half their mean and half the closest one (a broad centroid alone pulls in articles that resemble the topic but none of
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

use crate::model::{Article, ArticleId, StoryId};
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
    /// Weight of a number feature ("194,000", "5.9", "2021"): two reports of one event share
    /// their figures, two events of one kind seldom do.
    pub number_weight: f64,
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
    /// Share of the member score that comes from the closest member (the rest is the mean
    /// over members): a story that grew over days has reports of different angles, and a new
    /// report may closely resemble one of them and not the rest; the mean keeps one look-alike
    /// from chaining a different event in.
    pub closest_member_share: f64,
    /// Latest members kept per story for the member check.
    pub members: usize,
    /// Terms kept per remembered member.
    pub member_terms: usize,
    /// Two open stories whose latest members are this similar on average (mean cosine over
    /// all member pairs) are one story and merge; above 1 (and `headline_merge_threshold` above
    /// 1), stories never merge. Members, not
    /// centroids: a grown story's centroid is broad and resembles every story of its topic.
    pub merge_threshold: f64,
    /// The merge threshold for two stories made only of headlines without a body: two
    /// headlines share a word or two, so their cosines run far below two full reports' (a
    /// batch average-linkage baseline tuned on headlines cuts at a mean cosine near 0.04).
    pub headline_merge_threshold: f64,
    /// A recent member moves to a nearby story when it scores this much higher there than in
    /// its own story (itself left out); above 1, nothing moves. See `rehome.rs`.
    pub rehome_margin: f64,
    /// Moves made at most per arriving article.
    pub rehome_limit: usize,
    /// A lone article (a story of one) moves into a nearby story where it now scores this
    /// much (a little above `threshold`: at the threshold it pulls in look-alikes); above 1,
    /// it never moves. Its story is then merged away.
    pub rehome_lone_threshold: f64,
}

impl Default for Config {
    fn default() -> Self {
        // Tuned on the tuning parts of `storyline eval stories` (NeuS train, ECB+ topics 1–35,
        // UCI first half); see storyline-eval's stories module.
        Config {
            threshold: 0.28,
            title_only_threshold: 0.12,
            title_weight: 3.0,
            entity_weight: 1.0,
            number_weight: 4.0,
            window_days: 5,
            max_skew_days: 365,
            centroid_terms: 300,
            query_terms: 12,
            member_weight: 0.5,
            closest_member_share: 0.5,
            members: 8,
            member_terms: 40,
            merge_threshold: 0.3,
            headline_merge_threshold: 0.1,
            rehome_margin: 0.05,
            rehome_limit: 2,
            rehome_lone_threshold: 0.31,
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
    /// The story this one was merged into; a merged story is never a candidate again.
    #[serde(default)]
    merged_into: Option<StoryId>,
    /// Members that were headlines without a body (all of them: a headline story, merged at
    /// `headline_merge_threshold`).
    #[serde(default)]
    headlines: u32,
    /// Who the latest members are, in the order of `members` (empty in a state saved before
    /// members were named: those members never move).
    #[serde(default)]
    member_info: Vec<MemberInfo>,
}

/// A remembered member's identity, for moving it to another story.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MemberInfo {
    id: ArticleId,
    /// The L2 norm of the member's kept terms in its full unit vector: the kept terms times
    /// this are what the member added to the centroid.
    scale: f64,
    day: Option<i64>,
    headline: bool,
    /// A copy, or copied: it stays with its copies.
    pinned: bool,
}

/// An article moved from one story to another after a later article showed where it belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// The article moved.
    pub article: ArticleId,
    /// The story it left.
    pub from: StoryId,
    /// The story it joined.
    pub to: StoryId,
    /// Its similarity to `to` (leaving it out of its old story, it scored less there).
    pub score: f64,
}

impl StoryState {
    /// Give every remembered member an identity: members remembered by a state saved before
    /// members were named get a pinned placeholder (they never move).
    fn name_members(&mut self) {
        let unnamed = MemberInfo { id: ArticleId(String::new()), scale: 0.0, day: None, headline: false, pinned: true };
        self.member_info.truncate(self.members.len());
        self.member_info.resize(self.members.len(), unnamed);
    }

    /// Remember a member, forgetting the oldest beyond `limit`.
    fn push_member(&mut self, m: Sparse, info: MemberInfo, limit: usize) {
        self.name_members();
        if self.members.len() >= limit {
            self.members.remove(0);
            self.member_info.remove(0);
        }
        self.members.push(m);
        self.member_info.push(info);
    }
}

/// The later of two optional days.
fn later(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
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
    /// Stories that turned out to be this one and were merged into it when the article
    /// arrived; their articles now belong to `story`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<StoryId>,
    /// Earlier articles that moved to another story when this one arrived (see [`Move`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Move>,
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

/// Candidate stories checked for a merge after a story grows (a story that is the same one
/// shares its strongest terms, so it ranks near the top).
const MERGE_CANDIDATES: usize = 8;

/// The features of one article: term → raw weight (before IDF).
fn features(article: &Article, config: &Config) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    for s in text::content_stems(&article.title) {
        *tf.entry(s).or_default() += config.title_weight;
    }
    for s in text::content_stems(&article.body) {
        *tf.entry(s).or_default() += 1.0;
    }
    let all = format!("{}\n\n{}", article.title, article.body);
    for e in entities(&all) {
        *tf.entry(format!("@{e}")).or_default() += config.entity_weight;
    }
    if config.number_weight > 0.0 {
        for n in numbers(&all) {
            *tf.entry(format!("#{n}")).or_default() += config.number_weight;
        }
    }
    // Short bare numbers ("10", "3") are noise; a zero weight would be ln(0) below.
    tf.retain(|t, w| *w > 0.0 && (!t.chars().all(|c| c.is_ascii_digit()) || t.len() >= 3));
    tf
}

/// Numbers as written, thousands separators dropped ("194,000" → "194000"; "5.9" and "2021"
/// kept), at least two characters long.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in text.split_whitespace() {
        let core = w.trim_matches(|c: char| !c.is_ascii_digit());
        if core.len() >= 2 && core.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
            let n: String = core.chars().filter(|c| *c != ',').collect();
            if n.len() >= 2 {
                out.push(n);
            }
        }
    }
    out
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
    /// otherwise into the most similar open story, or a new one; then let earlier members near
    /// it move to where they now fit better ([`Clusterer::place`] and [`Clusterer::rehome`]).
    pub fn assign(&mut self, article: &Article, must: Option<StoryId>) -> Assignment {
        let mut placed = self.place(article, must);
        placed.moved = self.rehome(placed.story, &article.id);
        placed
    }

    /// Place one article, merging stories found to be one, but move no earlier member yet: a
    /// caller that learns of copies after placing pins them first ([`Clusterer::pin`]), then
    /// calls [`Clusterer::rehome`].
    pub fn place(&mut self, article: &Article, must: Option<StoryId>) -> Assignment {
        let raw: Vec<(u32, f64)> =
            features(article, &self.config).into_iter().map(|(t, w)| (self.intern(t), w)).collect();
        self.docs += 1;
        for &(t, _) in &raw {
            self.df[t as usize] += 1;
        }
        let vector = self.weigh(raw);
        let day = self.plausible_day(day_number(article));
        let probe = Probe { day, language: article.language.as_deref(), title_only: article.body.trim().is_empty() };
        let must = must.and_then(|id| self.index_of(id));
        let chosen = match must {
            Some(i) => Some((i, 1.0)),
            None => self.best(&vector, &probe),
        };
        let info =
            MemberInfo { id: article.id.clone(), scale: 0.0, day, headline: probe.title_only, pinned: must.is_some() };
        match chosen {
            Some((i, score)) => {
                let terms = self.shared_terms(&vector, &self.stories[i].centroid);
                self.add_to(i, &vector, info);
                let (i, merged) = self.merge_around(i);
                Assignment { story: self.stories[i].id, new: false, score, terms, merged, moved: Vec::new() }
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
                    merged_into: None,
                    headlines: 0,
                    member_info: Vec::new(),
                });
                let i = self.stories.len() - 1;
                self.add_to(i, &vector, info);
                // No merge check: a lone article close enough to another story's members
                // would have joined it.
                Assignment {
                    story: id,
                    new: true,
                    score: 0.0,
                    terms: Vec::new(),
                    merged: Vec::new(),
                    moved: Vec::new(),
                }
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
    /// only the best `limit` are scored in full. Terms in more than a tenth of
    /// all articles ("said", "pct") are not looked up: they would list every story.
    fn candidates(&self, vector: &Weighted, limit: usize) -> Vec<u32> {
        let common = (self.docs / 10).max(50);
        let mut shared: HashMap<u32, f64> = HashMap::new();
        for &(t, w) in
            vector.by_weight.iter().filter(|(t, _)| self.df[*t as usize] <= common).take(self.config.query_terms)
        {
            for &story in self.postings.get(&t).map(Vec::as_slice).unwrap_or(&[]).iter().rev().take(256) {
                *shared.entry(story).or_default() += w;
            }
        }
        let mut ranked: Vec<(u32, f64)> =
            shared.into_iter().filter(|(s, _)| self.stories[*s as usize].merged_into.is_none()).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        let mut out: Vec<u32> = ranked.into_iter().map(|(s, _)| s).collect();
        out.sort_unstable();
        out
    }

    fn best(&self, vector: &Weighted, probe: &Probe<'_>) -> Option<(usize, f64)> {
        let day = probe.day;
        let threshold = if probe.title_only { self.config.title_only_threshold } else { self.config.threshold };
        let mut best: Option<(usize, f64)> = None;
        for c in self.candidates(vector, SCORED_CANDIDATES) {
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
                let (sum, closest) = s
                    .members
                    .iter()
                    .map(|m| dot(&vector.by_id, m))
                    .fold((0.0, 0.0), |(sum, max), c| (sum + c, f64::max(max, c)));
                let mean = sum / s.members.len() as f64;
                let share = self.config.closest_member_share;
                score = (1.0 - lambda) * score + lambda * ((1.0 - share) * mean + share * closest);
            }
            if score >= threshold && best.is_none_or(|(_, b)| score > b) {
                best = Some((c as usize, score));
            }
        }
        best
    }

    fn add_to(&mut self, i: usize, vector: &Weighted, mut info: MemberInfo) {
        let day = info.day;
        let story = &mut self.stories[i];
        story.headlines += u32::from(info.headline);
        let before = std::mem::take(&mut story.centroid);
        story.centroid = merge_add(&before, &vector.by_id);
        story.size += 1;
        if self.config.members > 0 {
            let mut m: Sparse = vector.by_weight.iter().take(self.config.member_terms).copied().collect();
            let norm = m.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
            m.iter_mut().for_each(|(_, w)| *w /= norm);
            m.sort_unstable_by_key(|x| x.0);
            info.scale = norm;
            story.push_member(m, info, self.config.members);
        }
        story.last_day = later(story.last_day, day);
        self.trim(i);
        self.post_fresh(i, &before);
    }

    /// Post story `i` under the centroid terms that `before` (its previous centroid) lacked.
    /// Only new terms are posted: a story is listed once per term, without scanning posting
    /// lists that grow with the stream. (Terms later cut from the centroid stay posted; they
    /// only add a candidate.)
    fn post_fresh(&mut self, i: usize, before: &Sparse) {
        let mut fresh = Vec::new();
        let mut old = before.iter().map(|x| x.0).peekable();
        for &(t, _) in &self.stories[i].centroid {
            while old.next_if(|&o| o < t).is_some() {}
            if old.peek() != Some(&t) {
                fresh.push(t);
            }
        }
        for t in fresh {
            self.postings.entry(t).or_default().push(i as u32);
        }
    }

    /// Cut story `i`'s centroid to its strongest terms and refresh its norm.
    fn trim(&mut self, i: usize) {
        let limit = self.config.centroid_terms;
        let terms = &self.terms;
        let story = &mut self.stories[i];
        if story.centroid.len() > limit {
            story
                .centroid
                .sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| terms[a.0 as usize].cmp(&terms[b.0 as usize])));
            story.centroid.truncate(limit);
            story.centroid.sort_unstable_by_key(|x| x.0);
        }
        story.norm = story.centroid.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    }

    /// After story `i` grew, fold in every open story that now reads as the same one: its
    /// centroid cosine reaches `merge_threshold`, within the time window, in the same
    /// language. The older story survives (its id is the one readers have seen longest).
    /// Returns the survivor's index and the ids of the stories merged away.
    fn merge_around(&mut self, mut i: usize) -> (usize, Vec<StoryId>) {
        let mut merged = Vec::new();
        if self.config.merge_threshold > 1.0 && self.config.headline_merge_threshold > 1.0 {
            return (i, merged);
        }
        loop {
            let Some(j) = self.merge_partner(i) else { return (i, merged) };
            let (keep, gone) = if j < i { (j, i) } else { (i, j) };
            merged.push(self.stories[gone].id);
            self.absorb(keep, gone);
            i = keep;
        }
    }

    /// The open story most similar to story `i` at or above the merge threshold.
    fn merge_partner(&self, i: usize) -> Option<usize> {
        let s = &self.stories[i];
        let mut best: Option<(usize, f64)> = None;
        for c in self.near(i, MERGE_CANDIDATES) {
            let o = &self.stories[c];
            if s.members.is_empty() || o.members.is_empty() {
                continue;
            }
            let pairs = (s.members.len() * o.members.len()) as f64;
            let cos = s.members.iter().flat_map(|a| o.members.iter().map(move |b| dot(a, b))).sum::<f64>() / pairs;
            let threshold = if s.headlines == s.size && o.headlines == o.size {
                self.config.headline_merge_threshold
            } else {
                self.config.merge_threshold
            };
            if cos >= threshold && best.is_none_or(|(_, b)| cos > b) {
                best = Some((c, cos));
            }
        }
        best.map(|(c, _)| c)
    }

    /// Merge story `gone` into story `keep`.
    fn absorb(&mut self, keep: usize, gone: usize) {
        let (gone_id, keep_id) = (self.stories[gone].id, self.stories[keep].id);
        let g = std::mem::replace(
            &mut self.stories[gone],
            StoryState {
                id: gone_id,
                centroid: Vec::new(),
                norm: 0.0,
                size: 0,
                last_day: None,
                language: None,
                members: Vec::new(),
                merged_into: Some(keep_id),
                headlines: 0,
                member_info: Vec::new(),
            },
        );
        let before = std::mem::take(&mut self.stories[keep].centroid);
        let k = &mut self.stories[keep];
        k.centroid = merge_add(&before, &g.centroid);
        k.size += g.size;
        k.headlines += g.headlines;
        k.last_day = later(k.last_day, g.last_day);
        k.name_members();
        k.members.extend(g.members);
        k.member_info.extend(g.member_info);
        k.name_members();
        let excess = k.members.len().saturating_sub(self.config.members);
        k.members.drain(..excess);
        k.member_info.drain(..excess);
        self.trim(keep);
        self.post_fresh(keep, &before);
    }

    /// The story `id` lives on as: itself, or the story it was (transitively) merged into.
    pub fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(next) = self.stories.get((id.0 as usize).wrapping_sub(1)).and_then(|s| s.merged_into) {
            id = next;
        }
        id
    }

    /// The index of the story `story` lives on as.
    fn index_of(&self, story: StoryId) -> Option<usize> {
        let story = self.resolve(story);
        let i = (story.0 as usize).checked_sub(1)?;
        (self.stories.get(i)?.id == story).then_some(i)
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

mod rehome;
#[cfg(test)]
mod tests;
