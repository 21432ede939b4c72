//! Passage alignment of a candidate pair: which sentences of one article appear in the other
//! verbatim, nearly verbatim, or reworded.
//!
//! This is the product's own craft. Verbatim passages are found on word 3-shingles (robust to
//! punctuation damage: "doesn’t" = "doesnt", "U.S." = "US"); reworded ones on content-word stems,
//! because machine rewriters swap function words, synonyms and clause order but keep names,
//! numbers and rare words (the METER/Media Cloud observation).

use crate::text;
use std::collections::HashSet;

/// One sentence prepared for comparison.
pub struct Sentence<'a> {
    /// The sentence as written.
    pub text: &'a str,
    /// Byte offset of the sentence in the body.
    pub start: usize,
    /// Number of words.
    pub words: usize,
    /// Share of the sentence inside quotation marks.
    pub quoted: f64,
    shingles: HashSet<u64>,
    /// Content-word stems.
    pub stems: HashSet<String>,
    /// Words with digits ("2,300", "1987"), normalized.
    numbers: Vec<String>,
}

/// Number words, spelled out as newswire style does below ten, with their digits.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("fifty", "50"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("million", "mln"),
    ("billion", "bln"),
];

/// The numbers of a sentence (words with digits, and number words as digits): a rewording
/// keeps its numbers.
pub(crate) fn numbers(words: &[String]) -> Vec<String> {
    let mut n: Vec<String> = words
        .iter()
        .filter_map(|w| {
            if w.chars().any(|c| c.is_ascii_digit()) {
                return Some(w.clone());
            }
            NUMBER_WORDS.iter().find(|(word, _)| word == w).map(|(_, digits)| (*digits).to_string())
        })
        .collect();
    n.sort_unstable();
    n.dedup();
    n
}

/// One text taken whole as a comparable sentence (no splitting, no minimum length).
pub fn sentence(text: &str) -> Sentence<'_> {
    let words = text::words(text);
    Sentence {
        text,
        start: 0,
        words: words.len(),
        quoted: text::quoted_share(text),
        shingles: text::shingles(&words, 3).into_iter().collect(),
        stems: text::content_stems(text).into_iter().collect(),
        numbers: numbers(&words),
    }
}

/// Split a body into comparable sentences (very short ones are dropped: they match by chance).
pub fn prepare(body: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    for para in body.split("\n\n") {
        let base = para.as_ptr() as usize - body.as_ptr() as usize;
        let mut inside = false;
        for (s, e) in text::sentences(para) {
            let t = &body[base + s..base + e];
            let (quoted, ends_inside) = text::quoted_share_from(t, inside);
            inside = ends_inside;
            let words = text::words(t);
            if words.len() < 5 {
                continue;
            }
            out.push(Sentence {
                text: t,
                start: base + s,
                quoted,
                words: words.len(),
                shingles: text::shingles(&words, 3).into_iter().collect(),
                stems: text::content_stems(t).into_iter().collect(),
                numbers: numbers(&words),
            });
        }
    }
    out
}

/// How two sentences match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Same words (Dice over 3-shingles ≥ 0.85).
    Verbatim,
    /// Same content words, other wording.
    Reworded,
}

/// An aligned sentence pair: indexes into the two prepared lists.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    /// Sentence index in A.
    pub a: usize,
    /// Sentence index in B.
    pub b: usize,
    /// How they match.
    pub kind: Match,
    /// Match strength (higher is closer).
    pub score: f64,
}

/// How closely two sentences match, if at all: verbatim, reworded, or not.
pub fn score(x: &Sentence<'_>, y: &Sentence<'_>) -> Option<(Match, f64)> {
    let common = x.shingles.intersection(&y.shingles).count();
    let dice = 2.0 * common as f64 / (x.shingles.len() + y.shingles.len()).max(1) as f64;
    // Copies that only lost punctuation stay near 1.0 after normalization; light machine edits
    // ("offered" → "was", a dropped clause) land between 0.5 and 0.85 and count as rewording.
    if dice >= 0.85 {
        return Some((Match::Verbatim, 1.0 + dice));
    }
    // A rewording keeps the numbers: two short template lines ("Qtly div 10 cts vs 12 cts") with
    // mostly different figures are different news, however alike their words. (Long prose
    // paraphrases restate figures freely: "2.5 percent" / "2-1/2 pct".)
    if !x.numbers.is_empty() && !y.numbers.is_empty() && x.words.min(y.words) < 12 {
        let common = x.numbers.iter().filter(|n| y.numbers.contains(n)).count();
        if common * 2 < x.numbers.len().max(y.numbers.len()) {
            return None;
        }
    }
    if dice >= 0.5 {
        return Some((Match::Reworded, dice));
    }
    let shared = x.stems.intersection(&y.stems).count();
    let union = x.stems.len() + y.stems.len() - shared;
    let jaccard = shared as f64 / union.max(1) as f64;
    (shared >= 4 && jaccard >= 0.45).then_some((Match::Reworded, jaccard))
}

/// Align two articles' sentences one-to-one, best matches first.
///
/// All pairs of sentences are scored: articles have tens of sentences and this runs only on
/// LSH candidates, so the quadratic inner loop is bounded and cheap.
pub fn align(a: &[Sentence<'_>], b: &[Sentence<'_>]) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            if let Some((kind, score)) = score(x, y) {
                pairs.push(Pair { a: i, b: j, kind, score });
            }
        }
    }
    pairs.sort_by(|p, q| q.score.total_cmp(&p.score).then(p.a.cmp(&q.a)).then(p.b.cmp(&q.b)));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut chosen = Vec::new();
    for p in pairs {
        if !used_a[p.a] && !used_b[p.b] {
            used_a[p.a] = true;
            used_b[p.b] = true;
            chosen.push(p);
        }
    }
    chosen.sort_by_key(|p| p.a);
    chosen
}

/// The unaligned sentences that sit, in order, between two aligned pairs of a copy: pairs them
/// when they still share a few content stems.
///
/// A heavy rewriter ("negotiators failed" → "arbitrators fell short") leaves too little of a
/// sentence for [`score`] alone, but a copy keeps the original's order, so a sentence that stands
/// between the same two anchors in both articles and shares some rare words is its rewording
/// (the anchoring step of monolingual aligners). Only gaps of equal length (one to three
/// sentences) on both sides are filled, the article's start and end count as anchors, and at
/// least two aligned pairs must exist, so articles that merely share a quote gain nothing.
pub fn fill_gaps(a: &[Sentence<'_>], b: &[Sentence<'_>], pairs: &[Pair]) -> Vec<Pair> {
    let mut out = Vec::new();
    if pairs.len() < 2 {
        return out;
    }
    let mut anchors: Vec<(isize, isize)> = vec![(-1, -1)];
    let mut sorted: Vec<&Pair> = pairs.iter().collect();
    sorted.sort_by_key(|p| p.a);
    anchors.extend(sorted.iter().map(|p| (p.a as isize, p.b as isize)));
    anchors.push((a.len() as isize, b.len() as isize));
    for w in anchors.windows(2) {
        let ((pa, pb), (qa, qb)) = (w[0], w[1]);
        let gap = qa - pa - 1;
        if !(1..=3).contains(&gap) || qb - pb - 1 != gap {
            continue;
        }
        for k in 1..=gap {
            let (i, j) = ((pa + k) as usize, (pb + k) as usize);
            if let Some(score) = loose(&a[i], &b[j]) {
                out.push(Pair { a: i, b: j, kind: Match::Reworded, score });
            }
        }
    }
    out
}

/// The bar for a sentence between anchors: three shared content stems, a stem Jaccard of 0.2,
/// and no figure of the one missing from the other when both give figures.
fn loose(x: &Sentence<'_>, y: &Sentence<'_>) -> Option<f64> {
    let shared = x.stems.intersection(&y.stems).count();
    let union = x.stems.len() + y.stems.len() - shared;
    let jaccard = shared as f64 / union.max(1) as f64;
    let numbers_agree = x.numbers.is_empty()
        || y.numbers.is_empty()
        || x.numbers.iter().all(|n| y.numbers.contains(n))
        || y.numbers.iter().all(|n| x.numbers.contains(n));
    (shared >= 3 && jaccard >= 0.2 && numbers_agree).then_some(jaccard)
}

/// Word counts: the total of a side, and the aligned part of it.
pub fn coverage(sents: &[Sentence<'_>], aligned: impl Iterator<Item = usize>) -> (usize, usize) {
    let total = sents.iter().map(|s| s.words).sum();
    let covered = aligned.map(|i| sents[i].words).sum();
    (total, covered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_survives_punctuation_damage_and_rewording_is_seen() {
        let a = prepare(
            "The harbour master doesn’t expect the U.S. ship before Friday, officials said.\n\n\
             Mayor Ilse Marrow called the agreement a frank and constructive step for Port Varen.",
        );
        let b = prepare(
            "Mayor Ilse Marrow described the agreement as a frank and useful step for Port Varen.\n\n\
             The harbour master doesnt expect the US ship before Friday, officials said.",
        );
        let pairs = align(&a, &b);
        assert_eq!(pairs.len(), 2);
        assert_eq!((pairs[0].a, pairs[0].b, pairs[0].kind), (0, 1, Match::Verbatim));
        assert_eq!((pairs[1].a, pairs[1].b, pairs[1].kind), (1, 0, Match::Reworded));
    }

    #[test]
    fn unrelated_sentences_do_not_align() {
        let a = prepare("The ferry to Varenholm was cancelled because of a storm on Tuesday.");
        let b = prepare("Museum officials in Lindqvist reopened the east wing after a long renovation.");
        assert!(align(&a, &b).is_empty());
    }
    #[test]
    fn a_heavy_rewording_between_two_anchors_is_paired_but_a_shared_quote_alone_fills_nothing() {
        let original = prepare(
            "Ferry operators in Port Varen halted all crossings on Tuesday after a storm tore the roof off the main terminal.\n\n\
             Harbour master Ilse Marrow said the terminal would stay closed until engineers had inspected it.\n\n\
             Some 40 passengers spent the night in a school gym, the town council said.",
        );
        let rewrite = prepare(
            "Ship companies in Port Varen suspended every voyage on Tuesday once a gale ripped the terminal's roof away.\n\n\
             Harbour master Ilse Marrow said the terminal would remain closed until engineers had inspected it.\n\n\
             Some 40 passengers spent the night in a school gym, the town council stated.",
        );
        let pairs = align(&original, &rewrite);
        assert_eq!(pairs.len(), 2, "the lead is reworded past what score() accepts");
        let filled = fill_gaps(&original, &rewrite, &pairs);
        assert_eq!(filled.len(), 1);
        assert_eq!((filled[0].a, filled[0].b, filled[0].kind), (0, 0, Match::Reworded));
        // One anchor is not enough: two reports that share a single line pair nothing else.
        assert!(fill_gaps(&original, &rewrite, &pairs[..1]).is_empty());
        // Gaps of different lengths are not a copy's order.
        let longer = prepare(
            "Ship companies in Port Varen suspended every voyage on Tuesday once a gale ripped the terminal's roof away.\n\n\
             The storm also closed two roads into the harbour district, police in Port Varen said.\n\n\
             Harbour master Ilse Marrow said the terminal would remain closed until engineers had inspected it.\n\n\
             Some 40 passengers spent the night in a school gym, the town council stated.",
        );
        let pairs = align(&original, &longer);
        assert!(fill_gaps(&original, &longer, &pairs).is_empty());
    }
}
