//! The data every stage passes along: the nouns of the newsroom.
//!
//! These serde types are shared by the library, the CLI and (later) the server, so the JSON that
//! `storyline analyze --json` prints is exactly these structures. Field names are a contract
//! (see DESIGN.md): add fields, never rename them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable article id derived from the article's cleaned content (16 hex digits of xxh3-64).
///
/// The same text ingested twice, from any path, gets the same id: that is what makes ingest
/// idempotent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A story's id: small, sequential within one store, stable once assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u64);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Scraped plain text: title line, optional date/URL header lines, body, site chrome.
    Text,
    /// An HTML page.
    Html,
    /// One JSON object (from a `.jsonl` line) with `title`, `text`/`body`/`content`, ….
    Json,
}

/// What a reader (stage 1, ingest) hands to extraction: the undigested content and whatever
/// metadata the container already knew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawArticle {
    /// Where it came from: a file path, or `FILE#KEY` for containers (see DESIGN.md).
    pub path: String,
    /// How `content` is to be read.
    pub format: Format,
    /// The text, HTML or body text.
    pub content: String,
    /// Metadata given by the container (JSONL fields); extraction fills the rest.
    pub hints: Hints,
}

/// Metadata a container supplies next to the content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    /// Headline.
    pub title: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date or time, as given.
    pub published: Option<String>,
    /// Outlet (site or publisher name).
    pub outlet: Option<String>,
    /// Declared language, as given (`en`, `en-US`): taken only when the text bears it out.
    #[serde(default)]
    pub language: Option<String>,
}

/// One edit made by text repair: what was there and what replaced it. Repairs are reported, so a
/// reader can always see that the text was touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// The damaged text, e.g. `couldn t`.
    pub from: String,
    /// The repaired text, e.g. `couldn't`.
    pub to: String,
}

/// A cleaned article (stage 2, extract): the body without site chrome, and its metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Content-derived id.
    pub id: ArticleId,
    /// Where it came from (file path, or `FILE#KEY`).
    pub path: String,
    /// Headline.
    pub title: String,
    /// Cleaned body: paragraphs separated by one blank line.
    pub body: String,
    /// Publication date (`YYYY-MM-DD`) or time (RFC 3339), normalized.
    pub published: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet (site or publisher).
    pub outlet: Option<String>,
    /// Byline ("By Jane Doe").
    pub byline: Option<String>,
    /// Dateline at the start of the body ("GENEVA (AFP)").
    pub dateline: Option<String>,
    /// Wire service credited (AP, AFP, Reuters), or the site a repost credits as origin.
    pub wire: Option<String>,
    /// The page says it is a repost ("Source link", "The post … appeared first on …").
    pub repost: bool,
    /// ISO 639-1 language code, when detectable.
    pub language: Option<String>,
    /// Text repairs applied to the body.
    pub repairs: Vec<Repair>,
}

impl Article {
    /// An article with only a path, title and body (the id derived from them, no metadata):
    /// for callers that build articles from their own data, and for tests.
    pub fn from_text(path: &str, title: &str, body: &str) -> Article {
        Article {
            id: crate::extract::article_id(title, body),
            path: path.into(),
            title: title.into(),
            body: body.into(),
            published: None,
            url: None,
            outlet: None,
            byline: None,
            dateline: None,
            wire: None,
            repost: false,
            language: None,
            repairs: Vec::new(),
        }
    }

    /// The body's paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}

/// How a copy relates to its source (stage 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CopyKind {
    /// The same text (maybe another version or update of it).
    Verbatim,
    /// The copy holds part of the source.
    Excerpt,
    /// The copy rewords the source (synonyms, reordered clauses, altered quotes).
    Rewrite,
}

impl CopyKind {
    /// The lowercase name used in JSON and briefs.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Verbatim => "verbatim",
            CopyKind::Excerpt => "excerpt",
            CopyKind::Rewrite => "rewrite",
        }
    }
}

/// One aligned passage: the text in the source and in the copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// The passage in `from`.
    pub from: String,
    /// The passage in `to`.
    pub to: String,
    /// `verbatim` (same words) or `reworded`.
    pub kind: String,
}

/// A copy relation between two articles: `to` copies `from` when `direction_known`, otherwise
/// the two are ordered by id and the direction is left open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Copy {
    /// The source (or the lower id when the direction is unknown).
    pub from: ArticleId,
    /// The copy.
    pub to: ArticleId,
    /// Verbatim, excerpt or rewrite.
    pub kind: CopyKind,
    /// Fraction of the shorter article's text that is aligned with the other (0..1).
    pub shared: f64,
    /// Whether `from` → `to` is known, and from what.
    pub direction: Direction,
    /// The aligned passages (the longest first, a handful at most).
    pub evidence: Vec<Passage>,
}

/// What decided who copied whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Publication times differ.
    Time,
    /// One article marks itself as a repost, or credits the other's outlet.
    Credit,
    /// The copy is contained in the source.
    Containment,
    /// Nothing tells; `from`/`to` are ordered by id.
    Unknown,
}

/// A group of articles that are one source: a story and its reprints and rewrites (stage 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voice {
    /// `V1`, `V2`, … within a story.
    pub id: String,
    /// A human label: the wire or outlet of the original.
    pub label: String,
    /// Member articles.
    pub articles: Vec<ArticleId>,
    /// The original, when known.
    pub original: Option<ArticleId>,
}

/// How a quote's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerEvidence {
    /// Named next to the cue verb.
    Named,
    /// A pronoun or description resolved to the last fitting named speaker.
    Resolved,
    /// No speaker found.
    None,
}

/// Direct or reported speech (stage 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Canonical speaker name, when found.
    pub speaker: Option<String>,
    /// The speaker's role or title, when given ("Deputy Foreign Minister").
    pub role: Option<String>,
    /// The quoted words.
    pub text: String,
    /// The cue verb ("said", "told").
    pub cue: Option<String>,
    /// Whether the words stood in quotation marks (false: reported speech or stripped marks).
    pub marked: bool,
    /// How the speaker was found.
    pub evidence: SpeakerEvidence,
    /// Byte offsets of the quote in the article body.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// A number with its unit and what it measures (stage 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// What is measured, normalized: `hours of talks`, `troops`.
    pub about: String,
    /// The value, normalized ("5-1/2" → 5.5, "eight" → 8).
    pub value: f64,
    /// Hedge word kept with it ("roughly", "nearly", "an estimated").
    pub hedge: Option<String>,
    /// The surface text ("roughly 5-1/2 hours of talks").
    pub text: String,
    /// Weekday the fact refers to, when the text says ("monday").
    pub day: Option<String>,
    /// Byte offset in the body.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// A sentence of the summary, with the articles that carry it or a reworded equivalent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cited {
    /// The sentence or point.
    pub text: String,
    /// Articles that carry it.
    pub sources: Vec<ArticleId>,
}

/// A timeline entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Resolved date (`YYYY-MM-DD`) or the weekday as written when no date resolves it.
    pub when: String,
    /// What happened.
    pub text: String,
    /// Articles that say so.
    pub sources: Vec<ArticleId>,
}

/// A variant wording of a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteVariant {
    /// The variant's words.
    pub text: String,
    /// Articles that carry this wording.
    pub sources: Vec<ArticleId>,
    /// The words differ beyond punctuation and case (an altered quote).
    pub altered: bool,
}

/// One quote as the story's sources carry it (stage 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedQuote {
    /// Canonical speaker.
    pub speaker: Option<String>,
    /// Speaker's role, when some source gave it.
    pub role: Option<String>,
    /// The most widely carried wording.
    pub text: String,
    /// Articles carrying it in any wording.
    pub sources: Vec<ArticleId>,
    /// Other wordings.
    pub variants: Vec<QuoteVariant>,
}

/// A fact as the story's sources carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedFact {
    /// What is measured.
    pub about: String,
    /// The value as written by the first source ("roughly 5-1/2 hours").
    pub value: String,
    /// Articles that state it.
    pub sources: Vec<ArticleId>,
}

/// One value claimed in a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The value as written.
    pub value: String,
    /// Articles that claim it.
    pub sources: Vec<ArticleId>,
}

/// Sources disagree on one measured thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What is measured ("hours of talks").
    pub about: String,
    /// The competing values.
    pub claims: Vec<Claim>,
}

/// Points only one voice reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unique {
    /// Voice id.
    pub voice: String,
    /// Its points.
    pub points: Vec<Cited>,
}

/// An article as listed in a brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// Article id.
    pub id: ArticleId,
    /// Input path.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The voice it belongs to.
    pub voice: String,
}

/// One story's brief: the JSON contract of DESIGN.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// Story id.
    pub id: StoryId,
    /// Headline chosen for the story.
    pub title: String,
    /// Earliest publication date among its articles.
    pub first_seen: Option<String>,
    /// Latest publication date among its articles.
    pub last_seen: Option<String>,
    /// Member articles.
    pub articles: Vec<ArticleRef>,
    /// Independent voices.
    pub voices: Vec<Voice>,
    /// Copy relations among the members.
    pub copies: Vec<Copy>,
    /// Cited summary sentences.
    pub summary: Vec<Cited>,
    /// Dated events.
    pub timeline: Vec<TimelineEntry>,
    /// Who said what.
    pub quotes: Vec<AlignedQuote>,
    /// Numeric facts the sources agree on.
    pub facts: Vec<AlignedFact>,
    /// Numeric facts the sources disagree on.
    pub conflicts: Vec<Conflict>,
    /// Points only one voice reports.
    pub unique: Vec<Unique>,
}

/// The whole output of `analyze --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Every story's brief, largest first.
    pub stories: Vec<Brief>,
}
