//! Stage 7 — align: a story's claims across its voices.
//!
//! The same quote across sources is found by word overlap (so "frank and forthright" and
//! "frank and direct" are one quote with two wordings); a wording that differs beyond
//! punctuation and case is an altered variant. The same measured thing with different values
//! across voices is a conflict — but only when the measurements refer to the same day, so a
//! Sunday dinner's two hours never contradict Monday's talks; a measurement that names no day is
//! about the day of the news (its article's publication day, else the story's latest day).
//! Agreement counts voices, not copies.

use crate::claims;
use crate::model::{AlignedFact, AlignedQuote, ArticleId, Claim, Conflict, Fact, Quote, QuoteVariant, Voice};
use crate::text;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One article's claims, as input to alignment.
pub struct ArticleClaims<'a> {
    /// The article.
    pub id: &'a ArticleId,
    /// Its voice id.
    pub voice: &'a str,
    /// Its quotes.
    pub quotes: Vec<Quote>,
    /// Its facts.
    pub facts: Vec<Fact>,
    /// The weekday (lower-case) of the news it reports: its publication day, else the story's
    /// latest day. A measurement that names no day is taken to be about this day.
    pub news_day: Option<String>,
}

/// What alignment produces for the brief.
#[derive(Debug, Default)]
pub struct Aligned {
    /// Quotes with their wordings and sources.
    pub quotes: Vec<AlignedQuote>,
    /// The voices carrying each quote (parallel to `quotes`).
    pub quote_voices: Vec<BTreeSet<String>>,
    /// Facts the voices agree on.
    pub facts: Vec<AlignedFact>,
    /// Facts the voices disagree on.
    pub conflicts: Vec<Conflict>,
}

/// Whether two quotes' word sets are the same quote (possibly altered or partial).
fn same_quote(sa: &HashSet<String>, sb: &HashSet<String>, a: &[String], b: &[String]) -> bool {
    let common = sa.intersection(sb).count();
    let small = sa.len().min(sb.len());
    if small < 3 {
        return a == b;
    }
    let jaccard = common as f64 / (sa.len() + sb.len() - common) as f64;
    jaccard >= 0.5 || common as f64 >= 0.8 * small as f64
}

struct QuoteGroup {
    words: Vec<String>,
    set: HashSet<String>,
    members: Vec<(usize, usize)>,
}

/// Align quotes and facts across the story's articles.
pub fn align(items: &mut [ArticleClaims<'_>]) -> Aligned {
    let mut pooled: Vec<&mut Quote> = items.iter_mut().flat_map(|i| i.quotes.iter_mut()).collect();
    let mut owned: Vec<Quote> = pooled.iter().map(|q| (**q).clone()).collect();
    claims::canonicalize(&mut owned);
    for (slot, q) in pooled.iter_mut().zip(owned) {
        **slot = q;
    }
    let mut aligned = Aligned::default();
    align_quotes(items, &mut aligned);
    align_facts(items, &mut aligned);
    aligned
}

fn align_quotes(items: &[ArticleClaims<'_>], out: &mut Aligned) {
    let mut groups: Vec<QuoteGroup> = Vec::new();
    // Word → groups whose first wording holds it: only groups sharing words are compared.
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        for (j, q) in item.quotes.iter().enumerate() {
            let words = text::words(&q.text);
            if words.len() < 3 {
                continue;
            }
            let set: HashSet<String> = words.iter().cloned().collect();
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for w in &set {
                for &g in index.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                    *shared.entry(g).or_default() += 1;
                }
            }
            let mut candidates: Vec<usize> = shared.into_iter().filter(|&(_, n)| n >= 2).map(|(g, _)| g).collect();
            candidates.sort_unstable();
            match candidates.into_iter().find(|&g| same_quote(&groups[g].set, &set, &groups[g].words, &words)) {
                Some(g) => groups[g].members.push((i, j)),
                None => {
                    for w in &set {
                        index.entry(w.clone()).or_default().push(groups.len());
                    }
                    groups.push(QuoteGroup { words, set, members: vec![(i, j)] });
                }
            }
        }
    }
    for g in groups {
        let quotes: Vec<(&ArticleClaims<'_>, &Quote)> =
            g.members.iter().map(|&(i, j)| (&items[i], &items[i].quotes[j])).collect();
        let speaker = vote_speaker(&quotes);
        let role =
            quotes.iter().find(|(_, q)| q.speaker == speaker && q.role.is_some()).and_then(|(_, q)| q.role.clone());
        let mut wordings = wordings(&quotes);
        let mut sources: Vec<ArticleId> = Vec::new();
        let mut voices = BTreeSet::new();
        for w in &wordings {
            w.sources.iter().for_each(|s| push_unique(&mut sources, s));
            voices.extend(w.voices.iter().cloned());
        }
        let main = wordings.remove(0);
        let variants = wordings
            .into_iter()
            .map(|w| QuoteVariant { altered: !is_part(&w.words, &main.words), text: w.text, sources: w.sources })
            .collect();
        out.quotes.push(AlignedQuote { speaker, role, text: main.text, sources, variants });
        out.quote_voices.push(voices);
    }
}

/// The speaker by vote: a name next to the cue counts twice a resolved pronoun; ties go to the
/// earliest source.
fn vote_speaker(quotes: &[(&ArticleClaims<'_>, &Quote)]) -> Option<String> {
    let mut votes: BTreeMap<&str, (u32, std::cmp::Reverse<usize>)> = BTreeMap::new();
    for (n, (_, q)) in quotes.iter().enumerate() {
        if let Some(s) = q.speaker.as_deref() {
            let w = if q.evidence == crate::model::SpeakerEvidence::Named { 2 } else { 1 };
            votes.entry(s).or_insert((0, std::cmp::Reverse(n))).0 += w;
        }
    }
    votes.into_iter().max_by_key(|(_, v)| *v).map(|(s, _)| s.to_string())
}

/// One wording of a quote and who carries it.
struct Wording {
    words: Vec<String>,
    text: String,
    sources: Vec<ArticleId>,
    voices: BTreeSet<String>,
}

/// The distinct wordings (identical after dropping case, punctuation and spacing), most voices
/// first.
fn wordings(quotes: &[(&ArticleClaims<'_>, &Quote)]) -> Vec<Wording> {
    let mut out: Vec<Wording> = Vec::new();
    for (item, q) in quotes {
        let words = text::words(&q.text);
        // Spacing aside: a copy that lost a space ("resumeat 10 a.m.") says the same words.
        match out.iter_mut().find(|x| x.words.concat() == words.concat()) {
            Some(x) => {
                push_unique(&mut x.sources, item.id);
                x.voices.insert(item.voice.to_string());
                // Same words, but a scraper may have dropped the apostrophes or a space of one
                // copy ("Its very hard" for "It’s very hard"): show the copy that kept them.
                if (words.len(), apostrophes(&q.text)) > (x.words.len(), apostrophes(&x.text)) {
                    x.text = q.text.clone();
                    x.words = words;
                }
            }
            None => out.push(Wording {
                words,
                text: q.text.clone(),
                sources: vec![item.id.clone()],
                voices: BTreeSet::from([item.voice.to_string()]),
            }),
        }
    }
    out.sort_by(|a, b| b.voices.len().cmp(&a.voices.len()).then(b.sources.len().cmp(&a.sources.len())));
    out
}

/// Apostrophes in a text, straight or curly.
fn apostrophes(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, '\'' | '’')).count()
}

/// Whether `a` is a contiguous run of `b` or the reverse (a shorter excerpt is not an alteration).
fn is_part(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

fn push_unique(v: &mut Vec<ArticleId>, id: &ArticleId) {
    if !v.contains(id) {
        v.push(id.clone());
    }
}

/// A measurement with where it came from.
struct Measured<'a> {
    fact: &'a Fact,
    news_day: Option<String>,
    article: &'a ArticleId,
    voice: &'a str,
}

fn align_facts(items: &[ArticleClaims<'_>], out: &mut Aligned) {
    let all: Vec<Measured<'_>> = items
        .iter()
        .flat_map(|i| {
            i.facts.iter().map(move |f| Measured {
                fact: f,
                news_day: i.news_day.clone(),
                article: i.id,
                voice: i.voice,
            })
        })
        .collect();
    let mut groups: BTreeMap<&str, Vec<&Measured<'_>>> = BTreeMap::new();
    for m in &all {
        groups.entry(m.fact.about.as_str()).or_default().push(m);
    }
    for (about, ms) in groups {
        // Agreement: the same value from two or more voices, whatever day each names.
        for c in value_clusters(&ms) {
            if voices_of(&c).len() >= 2 {
                out.facts.push(AlignedFact {
                    about: about.to_string(),
                    value: c[0].fact.text.clone(),
                    sources: sources(&c),
                });
            }
        }
        if BARE_UNITS.contains(&about) {
            continue;
        }
        let mut by_day: BTreeMap<Option<String>, Vec<&Measured<'_>>> = BTreeMap::new();
        for m in ms {
            by_day.entry(m.fact.day.clone().or_else(|| m.news_day.clone())).or_default().push(m);
        }
        for day_ms in by_day.into_values() {
            if let Some(conflict) = conflict(about, &day_ms) {
                out.conflicts.push(conflict);
            }
        }
    }
}

/// Units that say nothing of what they measure ("four years" of what?): never a conflict.
const BARE_UNITS: &[&str] = &["years", "months", "weeks", "days", "hours", "minutes", "seconds", "percent", "times"];

/// A conflict needs two values, each carried by a voice that does not also carry the other.
fn conflict(about: &str, ms: &[&Measured<'_>]) -> Option<Conflict> {
    let clusters = value_clusters(ms);
    let distinct: Vec<&Vec<&Measured<'_>>> = clusters
        .iter()
        .filter(|c| {
            let own = voices_of(c);
            clusters.iter().filter(|o| !std::ptr::eq(*o, *c)).all(|o| own.difference(&voices_of(o)).count() > 0)
        })
        .collect();
    (distinct.len() >= 2).then(|| Conflict {
        about: about.to_string(),
        claims: distinct.iter().map(|c| Claim { value: c[0].fact.text.clone(), sources: sources(c) }).collect(),
    })
}

fn voices_of<'a>(c: &[&Measured<'a>]) -> BTreeSet<&'a str> {
    c.iter().map(|m| m.voice).collect()
}

fn sources(ms: &[&Measured<'_>]) -> Vec<ArticleId> {
    let mut v = Vec::new();
    for m in ms {
        push_unique(&mut v, m.article);
    }
    v
}

/// Group values within 10% of each other.
fn value_clusters<'a, 'b>(ms: &[&'b Measured<'a>]) -> Vec<Vec<&'b Measured<'a>>> {
    let mut sorted: Vec<&Measured<'_>> = ms.to_vec();
    sorted.sort_by(|a, b| a.fact.value.total_cmp(&b.fact.value));
    let mut out: Vec<Vec<&Measured<'_>>> = Vec::new();
    for m in sorted {
        match out.last_mut() {
            Some(c)
                if (m.fact.value - c[0].fact.value).abs() <= 0.1 * m.fact.value.abs().max(c[0].fact.value.abs()) =>
            {
                c.push(m)
            }
            _ => out.push(vec![m]),
        }
    }
    out
}

/// Group articles' claims by voice id for quick lookup.
pub fn voice_of(voices: &[Voice]) -> HashMap<&ArticleId, &str> {
    voices.iter().flat_map(|v| v.articles.iter().map(move |a| (a, v.id.as_str()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims;

    /// The quotes of one voice's copies, aligned.
    fn aligned(bodies: [&str; 2]) -> Aligned {
        let ids = [ArticleId("a".into()), ArticleId("b".into())];
        let mut items: Vec<ArticleClaims<'_>> = ids
            .iter()
            .zip(bodies)
            .map(|(id, body)| ArticleClaims {
                id,
                voice: "v1",
                quotes: claims::quotes(body),
                facts: Vec::new(),
                news_day: None,
            })
            .collect();
        align(&mut items)
    }

    /// Two copies of one quote, one damaged: aligned as one quote in the undamaged wording,
    /// carried by both, with no variant.
    fn assert_one_wording(bodies: [&str; 2], shown: &str) {
        let aligned = aligned(bodies);
        assert_eq!(aligned.quotes.len(), 1);
        assert_eq!(aligned.quotes[0].text, shown);
        assert_eq!(aligned.quotes[0].sources.len(), 2);
        assert!(aligned.quotes[0].variants.is_empty(), "{:?}", aligned.quotes[0].variants);
    }

    #[test]
    fn a_quote_whose_apostrophes_one_copy_lost_is_shown_as_written() {
        assert_one_wording(
            [
                "“Its hard to see the ferry running before spring,” harbour master Ilse Marrow said.",
                "“It’s hard to see the ferry running before spring,” harbour master Ilse Marrow said.",
            ],
            "It’s hard to see the ferry running before spring",
        );
    }

    #[test]
    fn a_copy_that_lost_a_space_is_not_an_altered_quote() {
        assert_one_wording(
            [
                "“The ferry will resumeat noon on Friday,” harbour master Ilse Marrow said.",
                "“The ferry will resume at noon on Friday,” harbour master Ilse Marrow said.",
            ],
            "The ferry will resume at noon on Friday",
        );
    }
}
