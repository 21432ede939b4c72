//! Stage 8 — brief: a story becomes one cited [`Brief`]: a summary whose sentences cite the
//! articles carrying them, a timeline, who said what, the numbers sources agree and disagree
//! on, what only one voice reports, and the copy graph. [`render`] prints it as Markdown or a
//! self-contained HTML page; JSON is the serde form of [`Brief`].

pub mod pool;
pub mod render;
pub mod summary;
pub mod timeline;

use crate::align::{self, ArticleClaims};

use crate::claims;
use crate::dedup::voices;
use crate::extract::meta::day_of;
use crate::model::{Article, ArticleRef, Brief, Cited, Copy, StoryId, Unique, Voice};
use std::collections::HashMap;

/// Summary sentences at most.
const SUMMARY_SENTENCES: usize = 6;
/// Timeline entries at most.
const TIMELINE_ENTRIES: usize = 8;
/// Unique points per voice at most.
const UNIQUE_POINTS: usize = 4;

/// How long a brief's summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Summary sentences at most.
    pub summary_sentences: usize,
    /// Summary words at most, when set: sentences are taken best first until the next would
    /// start past this many words (the last one may run over; a reader cuts it, as ROUGE's
    /// `-l` does), so the budget goes to the best sentences rather than the earliest.
    pub summary_words: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options { summary_sentences: SUMMARY_SENTENCES, summary_words: None }
    }
}

/// Build the brief of one story from its articles (in arrival order) and the copies among them.
pub fn brief(id: StoryId, articles: &[Article], copies: Vec<Copy>) -> Brief {
    brief_with(id, articles, copies, &Options::default())
}

/// [`brief`] with a summary of the length `options` asks for.
pub fn brief_with(id: StoryId, articles: &[Article], copies: Vec<Copy>, options: &Options) -> Brief {
    let refs: Vec<&Article> = articles.iter().collect();
    let voices = voices::voices(&refs, &copies);
    let voice_of: HashMap<_, _> =
        align::voice_of(&voices).into_iter().map(|(a, v)| (a.clone(), v.to_string())).collect();
    let voice_ids: Vec<&str> =
        articles.iter().map(|a| voice_of.get(&a.id).map(String::as_str).unwrap_or("V?")).collect();
    let dates: Vec<&str> = articles.iter().filter_map(|a| a.published.as_deref()).collect();
    let first_seen = dates.iter().min().map(|d| d.to_string());
    let last_seen = dates.iter().max().map(|d| d.to_string());
    let weekday = |d: Option<&str>| d.and_then(day_of).map(|d| d.format("%A").to_string().to_lowercase());
    let mut items: Vec<ArticleClaims<'_>> = articles
        .iter()
        .zip(&voice_ids)
        .map(|(a, v)| ArticleClaims {
            id: &a.id,
            voice: v,
            quotes: claims::quotes(&a.body),
            facts: claims::facts(&a.body),
            news_day: weekday(a.published.as_deref()).or_else(|| weekday(last_seen.as_deref())),
        })
        .collect();
    let aligned = align::align(&mut items);
    let pool = pool::build(articles, &voice_ids);
    // Undated articles are read against the story's latest date: the day of the news.
    let story_day = last_seen.as_deref().and_then(day_of);
    let summary = summary::summarize(&pool, articles, options.summary_sentences, options.summary_words);
    let timeline = timeline::timeline(&pool, articles, story_day, TIMELINE_ENTRIES);
    let unique = unique_points(&pool, articles, &voices, &aligned);
    Brief {
        id,
        title: headline(articles, &voices),
        first_seen,
        last_seen,
        articles: articles
            .iter()
            .zip(&voice_ids)
            .map(|(a, v)| ArticleRef {
                id: a.id.clone(),
                path: a.path.clone(),
                title: a.title.clone(),
                outlet: a.outlet.clone(),
                published: a.published.clone(),
                url: a.url.clone(),
                voice: v.to_string(),
            })
            .collect(),
        voices,
        copies,
        summary,
        timeline,
        quotes: aligned.quotes,
        facts: aligned.facts,
        conflicts: aligned.conflicts,
        unique,
    }
}

/// The story's headline: the original of its largest voice, else that voice's first member
/// (voices list dated, non-repost members first).
fn headline(articles: &[Article], voices: &[Voice]) -> String {
    let lead = voices.first().and_then(|v| v.original.as_ref().or(v.articles.first()));
    lead.and_then(|id| articles.iter().find(|a| &a.id == id))
        .or(articles.first())
        .map(|a| a.title.clone())
        .unwrap_or_default()
}

/// Whether a sentence begins inside quotation marks (its first mark closes a quote): the tail of
/// a quote cut at one of its sentence ends ("It could not have gone any other way,” she told …").
fn opens_inside_a_quote(text: &str) -> bool {
    text.chars().find(|c| matches!(c, '“' | '”' | '«' | '»')).is_some_and(|c| matches!(c, '”' | '»'))
}

/// What only one voice reports: its quotes no other voice carries, then its earliest narrative
/// sentences no other voice carries. Only meaningful when there are several voices.
fn unique_points(
    pool: &pool::Pool<'_>,
    articles: &[Article],
    voices: &[Voice],
    aligned: &align::Aligned,
) -> Vec<Unique> {
    if voices.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for v in voices {
        let mut points: Vec<Cited> = Vec::new();
        let mut listed: Vec<&str> = Vec::new();
        for (q, qv) in aligned.quotes.iter().zip(&aligned.quote_voices) {
            if qv.len() == 1 && qv.contains(&v.id) && q.text.split_whitespace().count() >= 6 {
                let who = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
                points.push(Cited { text: format!("{who}: “{}”", q.text), sources: q.sources.clone() });
                listed.push(&q.text);
            }
        }
        points.truncate(UNIQUE_POINTS / 2);
        listed.truncate(points.len());
        let mut sentences: Vec<(usize, usize)> = pool
            .groups
            .iter()
            .filter(|g| g.voices.len() == 1 && g.voices.contains(&v.id))
            .map(|g| summary::representative(pool, g, articles))
            .filter(|&r| {
                let e = &pool.entries[r];
                // A sentence that is mostly quotation is the speaker's point, and "Who said what"
                // lists it whole (a fragment of it, cut at a sentence end inside the marks,
                // reads as noise here).
                (10..=50).contains(&e.sentence.words)
                    && e.sentence.quoted < 0.5
                    && !opens_inside_a_quote(e.sentence.text)
                    && !points.iter().any(|p| p.text.contains(e.sentence.text))
                    && !listed.iter().any(|q| e.sentence.text.contains(q))
            })
            .map(|r| (pool.entries[r].pos, r))
            .collect();
        sentences.sort();
        for (_, r) in sentences.into_iter().take(UNIQUE_POINTS - points.len()) {
            let e = &pool.entries[r];
            points.push(Cited { text: e.sentence.text.to_string(), sources: vec![articles[e.article].id.clone()] });
        }
        if !points.is_empty() {
            out.push(Unique { voice: v.id.clone(), points });
        }
    }
    out
}
