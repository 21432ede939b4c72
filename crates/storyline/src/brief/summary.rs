//! The cited extractive summary: sentences that several independent voices carry come first,
//! each citing every article that carries it or a reworded equivalent.
//!
//! Score = voices carrying the sentence + support (how much of what it says, word by word and
//! IDF-weighted, the other voices also say) + how much of the other articles' headlines it
//! says + an early-position bonus; selection is greedy with
//! a redundancy check (MMR-style), a cap on sentences that only one voice carries, and an
//! optional word budget that goes to the best sentences, not the earliest. The support weight
//! was chosen on NeuS train (`cargo run --release -p storyline-eval --example summary_tune`).

use super::pool::{Group, Pool};
use crate::model::{Article, ArticleId, Cited};
use std::collections::{HashMap, HashSet};

/// Weight of the headline term: how many of the other articles' headline stems a sentence holds,
/// per other article and normalized by the square root of its own stems. Chosen on NeuS train
/// (`summary_tune`): ROUGE-2 17.21 at 0, 17.37 at 0.5, 17.46 at 1, 17.42 at 2, 17.38 at 4; the
/// article's own headline too, or a linear normalization, scored lower (17.34–17.40).
const HEADLINE_WEIGHT: f64 = 1.0;

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

/// Pick up to `k` summary sentences, best first, and, when `words` is set, no more once the
/// chosen ones reach that many words; they are returned most important first.
pub fn summarize(pool: &Pool<'_>, articles: &[Article], k: usize, words: Option<usize>) -> Vec<Cited> {
    let voices_total: HashSet<&str> = pool.entries.iter().map(|e| e.voice).collect();
    // Which voices carry each stem, and in how many sentences it stands (its IDF over the
    // story's sentences: "said" and the story's own name carry little).
    let mut voices_of: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for e in &pool.entries {
        for s in &e.sentence.stems {
            voices_of.entry(s.as_str()).or_default().insert(e.voice);
            *df.entry(s.as_str()).or_default() += 1;
        }
    }
    // Headlines say what each outlet thinks the story is: a sentence that says what the other
    // articles' headlines say is the story's core.
    let titles: Vec<HashSet<String>> =
        articles.iter().map(|a| crate::text::content_stems(&a.title).into_iter().collect()).collect();
    let sentences = pool.entries.len().max(1) as f64;
    let others = (voices_total.len().max(2) - 1) as f64;
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (g, group) in pool.groups.iter().enumerate() {
        let rep = representative(pool, group, articles);
        let e = &pool.entries[rep];
        if !fit(e.sentence.text, e.sentence.words) {
            continue;
        }
        // Support: how much of what the sentence says the other voices also say, word by
        // word (a reworded report shares the rare words, not the sentence), IDF-weighted and
        // normalized so that a long sentence does not win by length alone.
        let (mut support, mut mass) = (0.0, 0.0);
        for s in &e.sentence.stems {
            let idf = (sentences / df.get(s.as_str()).copied().unwrap_or(1) as f64).ln();
            let carried = voices_of.get(s.as_str()).map_or(0, |v| v.len() - usize::from(v.contains(e.voice)));
            support += idf * carried as f64 / others;
            mass += idf;
        }
        let central = if mass > 0.0 { support / mass.sqrt() } else { 0.0 };
        let pos = group.members.iter().map(|&m| pool.entries[m].pos).min().unwrap_or(0);
        let stems = &e.sentence.stems;
        let others: Vec<&HashSet<String>> =
            titles.iter().enumerate().filter(|&(i, t)| i != e.article && !t.is_empty()).map(|(_, t)| t).collect();
        let headline = if stems.is_empty() || others.is_empty() {
            0.0
        } else {
            others.iter().map(|t| stems.intersection(t).count() as f64).sum::<f64>()
                / (others.len() as f64 * (stems.len() as f64).sqrt())
        };
        let score = group.voices.len() as f64 + central + 1.0 / (2.0 + pos as f64) + HEADLINE_WEIGHT * headline;
        scored.push((score, g, rep));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // One voice may supply at most half of the summary on its own.
    let single_cap = k.div_ceil(2);
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    let mut singles: HashMap<&str, usize> = HashMap::new();
    let mut total = 0;
    for (_, g, rep) in scored {
        if chosen.len() >= k || words.is_some_and(|w| total >= w) {
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
        total += pool.entries[rep].sentence.words;
        chosen.push((g, rep));
    }
    // Most important first, as chosen: what the most voices carry leads, the way a news story
    // leads with its main fact (the timeline gives the order of events). On NeuS this beat
    // reading order (earliest position in any source) on train, ROUGE-1/2/L 39.93 / 17.47 /
    // 26.40 → 40.10 / 17.66 / 26.62, and then on val, 39.69 / 18.17 / 26.56 → 39.94 / 18.47 /
    // 27.12: under a word budget the sentence cut short is the least important one.
    chosen
        .into_iter()
        .map(|(g, rep)| Cited {
            text: pool.entries[rep].sentence.text.to_string(),
            sources: sources(pool, &pool.groups[g], articles),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::pool;

    /// Three outlets on one invented event; each opens with colour of its own, and the fact
    /// they all report comes second.
    fn story() -> Vec<Article> {
        [
            (
                "a",
                "Fog lay over the harbour of Port Elswick as the first ferries left before dawn on Tuesday. \
                 The Elswick ferry operator cancelled all crossings to Marrow Island after a hull crack was found on its largest vessel. \
                 Passengers were offered refunds at the terminal.",
            ),
            (
                "b",
                "Commuters in the small coastal town are used to delays, one resident shrugged over coffee. \
                 All crossings to Marrow Island were cancelled by the Elswick ferry operator once inspectors found a hull crack on its largest vessel. \
                 The island has one clinic and two shops.",
            ),
            (
                "c",
                "The island's tourist season opens next month with a music festival and a regatta planned. \
                 Inspectors found a hull crack on the largest vessel of the Elswick ferry operator, which cancelled every crossing to Marrow Island. \
                 Repairs could take weeks, a union official said.",
            ),
        ]
        .iter()
        .map(|(id, body)| Article::from_text(id, "Ferry crossings cancelled", body))
        .collect()
    }

    #[test]
    fn a_word_budget_goes_to_what_the_voices_share_not_to_the_earliest_sentence() {
        let articles = story();
        let voices = ["V1", "V2", "V3"];
        let p = pool::build(&articles, &voices);
        let short = summarize(&p, &articles, 6, Some(20));
        assert_eq!(short.len(), 1, "one sentence fills a 20-word budget: {short:?}");
        assert!(short[0].text.contains("hull crack"), "the shared fact, not an opening line: {:?}", short[0].text);
        let long = summarize(&p, &articles, 6, None);
        assert!(long.len() > 1 && long.len() <= 6);
        assert!(long.iter().all(|c| !c.sources.is_empty()));
    }

    #[test]
    fn what_the_other_headlines_say_outranks_an_opening_line() {
        let articles: Vec<Article> = [
            (
                "a",
                "Town hall",
                "Fog lay thick over the old harbour walls as the first boats went out before dawn. \
                 The Elswick council voted on Monday evening to close the ferry terminal for good.",
            ),
            (
                "b",
                "Elswick council closes ferry terminal",
                "Residents queued at the bakery all morning while the rain kept falling.",
            ),
            (
                "c",
                "Ferry terminal to close, Elswick council decides",
                "Shop owners on the quay counted a quiet week of trade in the cold.",
            ),
        ]
        .iter()
        .map(|(id, title, body)| Article::from_text(id, title, body))
        .collect();
        let p = pool::build(&articles, &["V1", "V2", "V3"]);
        let s = summarize(&p, &articles, 6, Some(12));
        assert!(s[0].text.contains("ferry terminal"), "{s:?}");
    }

    #[test]
    fn a_lone_voice_gets_no_support_but_still_a_summary() {
        let articles = story();
        let p = pool::build(&articles[..1], &["V1"]);
        let s = summarize(&p, &articles[..1], 6, Some(30));
        assert!(!s.is_empty() && s.iter().all(|c| c.sources == vec![articles[0].id.clone()]));
    }
}
