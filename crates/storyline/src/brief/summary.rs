//! The cited extractive summary: sentences that several independent voices carry come first,
//! each citing every article that carries it or a reworded equivalent.
//!
//! Score = voices carrying the sentence + centrality (how much of the story's vocabulary, counted
//! by voices, it holds) + an early-position bonus; selection is greedy with a redundancy check
//! (MMR-style) and a cap on sentences that only one voice carries.

use super::pool::{Group, Pool};
use crate::model::{Article, ArticleId, Cited};
use std::collections::{HashMap, HashSet};

/// Whether a sentence is fit for a summary: a statement of reasonable length, not mostly a
/// quote (quotes belong to "who said what"), not a question or fragment.
fn fit(text: &str, words: usize) -> bool {
    if !(8..=60).contains(&words) || text.ends_with('?') || !text.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let marks = text.chars().filter(|c| matches!(c, '“' | '”' | '"')).count();
    if marks % 2 == 1 {
        return false;
    }
    let quoted = crate::text::quoted_share(text);
    quoted < 0.5
}

/// The member of a group that best represents it: from a non-repost, undamaged, early article.
pub fn representative(pool: &Pool<'_>, group: &Group, articles: &[Article]) -> usize {
    *group
        .members
        .iter()
        .min_by_key(|&&m| {
            let e = &pool.entries[m];
            let a = &articles[e.article];
            (a.repost, a.repairs.len(), e.pos, e.article)
        })
        .expect("groups are never empty")
}

/// Articles carrying any member of a group, in story order.
pub fn sources(pool: &Pool<'_>, group: &Group, articles: &[Article]) -> Vec<ArticleId> {
    let mut idx: Vec<usize> = group.members.iter().map(|&m| pool.entries[m].article).collect();
    idx.sort_unstable();
    idx.dedup();
    idx.into_iter().map(|i| articles[i].id.clone()).collect()
}

/// Pick up to `k` summary sentences.
pub fn summarize(pool: &Pool<'_>, articles: &[Article], k: usize) -> Vec<Cited> {
    let voices_total: HashSet<&str> = pool.entries.iter().map(|e| e.voice).collect();
    // Story vocabulary, counted once per voice.
    let mut vocab: HashMap<&str, usize> = HashMap::new();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for e in &pool.entries {
        for s in &e.sentence.stems {
            if seen.insert((e.voice, s.as_str())) {
                *vocab.entry(s.as_str()).or_default() += 1;
            }
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (g, group) in pool.groups.iter().enumerate() {
        let rep = representative(pool, group, articles);
        let e = &pool.entries[rep];
        if !fit(e.sentence.text, e.sentence.words) {
            continue;
        }
        let stems = &e.sentence.stems;
        let central = stems.iter().map(|s| vocab.get(s.as_str()).copied().unwrap_or(0) as f64).sum::<f64>()
            / (stems.len().max(1) as f64).sqrt()
            / voices_total.len().max(1) as f64;
        let pos = group.members.iter().map(|&m| pool.entries[m].pos).min().unwrap_or(0);
        let score = group.voices.len() as f64 + 0.3 * central + 1.0 / (2.0 + pos as f64);
        scored.push((score, g, rep));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // One voice may supply at most half of the summary on its own.
    let single_cap = k.div_ceil(2);
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    let mut singles: HashMap<&str, usize> = HashMap::new();
    for (_, g, rep) in scored {
        if chosen.len() >= k {
            break;
        }
        let group = &pool.groups[g];
        let single = group.voices.len() == 1 && voices_total.len() > 1;
        let voice = pool.entries[rep].voice;
        if single && singles.get(voice).copied().unwrap_or(0) >= single_cap {
            continue;
        }
        let stems = &pool.entries[rep].sentence.stems;
        let redundant = chosen.iter().any(|&(_, r)| {
            let other = &pool.entries[r].sentence.stems;
            let common = stems.intersection(other).count();
            common as f64 / (stems.len() + other.len() - common).max(1) as f64 > 0.35
        });
        if redundant {
            continue;
        }
        if single {
            *singles.entry(voice).or_default() += 1;
        }
        chosen.push((g, rep));
    }
    // Reading order: the lead first — by the earliest position any source gives the sentence.
    chosen.sort_by_key(|&(g, _)| {
        pool.groups[g].members.iter().map(|&m| (pool.entries[m].pos, pool.entries[m].article)).min()
    });
    chosen
        .into_iter()
        .map(|(g, rep)| Cited {
            text: pool.entries[rep].sentence.text.to_string(),
            sources: sources(pool, &pool.groups[g], articles),
        })
        .collect()
}
