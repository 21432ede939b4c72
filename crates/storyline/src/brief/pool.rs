//! The story's sentence pool: every sentence of every article, grouped with its verbatim and
//! reworded equivalents in other articles, so that the summary and the unique points can count
//! the voices that carry a sentence.
//!
//! Equivalents are found through an inverted index of content stems (a sentence is compared only
//! with earlier sentences sharing several stems), so a story with many articles stays cheap.

use crate::dedup::align::{self, Sentence};
use crate::model::Article;
use std::collections::{BTreeSet, HashMap};

/// One sentence with where it stands.
pub struct Entry<'a> {
    /// Index of its article in the story.
    pub article: usize,
    /// Its voice id.
    pub voice: &'a str,
    /// Sentence number within the article.
    pub pos: usize,
    /// The prepared sentence.
    pub sentence: Sentence<'a>,
}

/// A group of equivalent sentences.
pub struct Group {
    /// Member entries (indexes into `Pool::entries`).
    pub members: Vec<usize>,
    /// Voices that carry it.
    pub voices: BTreeSet<String>,
}

/// All sentences of a story, grouped.
pub struct Pool<'a> {
    /// Every sentence.
    pub entries: Vec<Entry<'a>>,
    /// Groups of equivalent sentences.
    pub groups: Vec<Group>,
}

/// Sentences a stem may index before it is too common to propose equivalents.
const COMMON_STEM: usize = 200;

/// Build the pool for `articles`, where `voice[i]` is article i's voice id.
pub fn build<'a>(articles: &'a [Article], voice: &[&'a str]) -> Pool<'a> {
    let mut entries = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for (pos, s) in align::prepare(&a.body).into_iter().enumerate() {
            entries.push(Entry { article: i, voice: voice[i], pos, sentence: s });
        }
    }
    let mut group_of: Vec<usize> = Vec::with_capacity(entries.len());
    let mut groups: Vec<Group> = Vec::new();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..entries.len() {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for stem in &entries[i].sentence.stems {
            let list = postings.get(stem.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            // A stem in hundreds of sentences ("said", "pct") identifies nothing; skipping it
            // keeps a large story's pool linear.
            if list.len() > COMMON_STEM {
                continue;
            }
            for &j in list {
                *overlap.entry(j).or_default() += 1;
            }
        }
        let best = overlap
            .into_iter()
            .filter(|&(j, n)| n >= 4 && entries[j].article != entries[i].article)
            .filter_map(|(j, _)| align::score(&entries[i].sentence, &entries[j].sentence).map(|(_, s)| (j, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let g = match best {
            Some((j, _)) => group_of[j],
            None => {
                groups.push(Group { members: Vec::new(), voices: BTreeSet::new() });
                groups.len() - 1
            }
        };
        groups[g].members.push(i);
        groups[g].voices.insert(entries[i].voice.to_string());
        group_of.push(g);
        for stem in &entries[i].sentence.stems {
            postings.entry(stem.as_str()).or_default().push(i);
        }
    }
    Pool { entries, groups }
}
