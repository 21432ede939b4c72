//! Sentence-pair paraphrase features, for a trained rewrite detector.
//!
//! [`super::align::score`] decides "same sentence, reworded" by two hand-set thresholds. A
//! paraphrase classifier trained on labelled pairs can weigh many weak signals instead: the
//! fine-grained overlap features of Wan et al. (2006) and the MT-metric features of Madnani et
//! al. (2012) — word, stem and n-gram precision and recall, BLEU-like n-gram precisions, the
//! longest common subsequence, character n-grams — plus the things a rewording must keep
//! (numbers, names, negation). Every feature is symmetric in the two sentences (a pair has no
//! order), so each precision/recall pair is given as its smaller and larger value.
//!
//! - [`features`]: the feature vector of a pair (names in [`FEATURES`]);
//! - [`stem_bags`]: the stems only one sentence has and those both have, for a classifier to
//!   weigh word by word;
//! - [`learn`]: an L2-regularized logistic regression to weigh the features, and a linear SVM
//!   to weigh them together with the stem indicators;
//! - [`latent`]: TF-KLD term weights and a truncated SVD, the distributional part of Ji &
//!   Eisenstein (2013), for a corpus-trained detector.
//!
//! The features are our own small code: each is a few lines over the shared text primitives, and
//! no crate computes this particular set.

pub mod latent;
pub mod learn;

use crate::text;
use std::collections::{HashMap, HashSet};

/// The names of the entries of [`features`], in order.
pub const FEATURES: &[&str] = &[
    "word 1-gram P/R min",
    "word 1-gram P/R max",
    "word 1-gram F",
    "word 2-gram P/R min",
    "word 2-gram P/R max",
    "word 2-gram F",
    "word 3-gram P/R min",
    "word 3-gram P/R max",
    "word 3-gram F",
    "stem 1-gram P/R min",
    "stem 1-gram P/R max",
    "stem 1-gram F",
    "stem 2-gram P/R min",
    "stem 2-gram P/R max",
    "stem 2-gram F",
    "content stem P/R min",
    "content stem P/R max",
    "content stem F",
    "content stems only in one (fewer)",
    "content stems only in one (more)",
    "BLEU min",
    "BLEU max",
    "stem BLEU min",
    "stem BLEU max",
    "LCS / shorter",
    "LCS / longer",
    "char 3-gram Dice",
    "char 4-gram Dice",
    "length ratio",
    "length difference (log)",
    "shorter length (log)",
    "numbers equal",
    "numbers only in one",
    "any numbers",
    "names only in one",
    "name recall min",
    "negation differs",
    "char 1-gram P/R min",
    "char 1-gram P/R max",
    "char 2-gram P/R min",
    "char 2-gram P/R max",
    "char 3-gram P/R min",
    "char 3-gram P/R max",
    "char 4-gram P/R min",
    "char 4-gram P/R max",
    "char 5-gram P/R min",
    "char 5-gram P/R max",
    "char 6-gram P/R min",
    "char 6-gram P/R max",
    "chrF2 min",
    "chrF2 max",
    "word edit distance / longer",
    "word edit distance / shorter",
    "content word edit distance / longer",
    "character length ratio",
    "quotation differs",
    "number Jaccard",
];

/// One sentence tokenized for comparison.
#[derive(Debug, Clone)]
pub struct Side {
    words: Vec<String>,
    stems: Vec<String>,
    content: Vec<String>,
    numbers: Vec<String>,
    names: HashSet<String>,
    negated: bool,
    quoted: bool,
    chars: String,
    length: usize,
}

/// Negation words, with the "n't" contractions as [`text::words`] normalizes them ("didn't" →
/// "didnt"): a rewording keeps the polarity.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "none", "nothing", "cannot", "dont", "doesnt", "didnt", "isnt",
    "arent", "wasnt", "werent", "cant", "couldnt", "wouldnt", "shouldnt", "wont", "havent",
    "hasnt", "hadnt",
];

impl Side {
    /// Tokenize one sentence.
    pub fn new(sentence: &str) -> Side {
        let words = text::words(sentence);
        let stems: Vec<String> = words.iter().map(|w| text::stem(w)).collect();
        let content = text::content_stems(sentence);
        let numbers = super::align::numbers(&words);
        // Names: capitalized words past the first (the first is capitalized by position).
        let names = sentence
            .split_whitespace()
            .skip(1)
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(text::normalize_word)
            .filter(|w| w.len() > 1 && !text::is_stopword(w))
            .collect();
        let negated = words.iter().any(|w| NEGATIONS.contains(&w.as_str()));
        let quoted = sentence.contains(['"', '“', '”']);
        let length = sentence.chars().count();
        Side { chars: words.join(" "), words, stems, content, numbers, names, negated, quoted, length }
    }
}

/// Precision/recall of `n`-gram overlap as (smaller, larger, F1).
fn overlap(a: &[String], b: &[String], n: usize) -> [f64; 3] {
    let (common, ta, tb) = text::clipped_matches(a, b, n);
    if ta == 0 || tb == 0 {
        return [0.0; 3];
    }
    let (p, r) = (common as f64 / ta as f64, common as f64 / tb as f64);
    let f = if common == 0 { 0.0 } else { 2.0 * p * r / (p + r) };
    [p.min(r), p.max(r), f]
}

/// BLEU-like score of `a` against `b`: geometric mean of the clipped 1–4-gram precisions,
/// add-one smoothed (sentences are short), without the brevity penalty (length has its own
/// features).
fn bleu(a: &[String], b: &[String]) -> f64 {
    let mut log = 0.0;
    for n in 1..=4 {
        let (common, ta, _) = text::clipped_matches(a, b, n);
        log += ((common as f64 + 1.0) / (ta as f64 + 1.0)).ln();
    }
    (log / 4.0).exp()
}

/// Dice coefficient of the character `n`-gram sets of two strings.
fn char_dice(a: &str, b: &str, n: usize) -> f64 {
    let grams = |s: &str| {
        let c: Vec<char> = s.chars().collect();
        c.windows(n).map(|w| w.iter().collect::<String>()).collect::<HashSet<String>>()
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    2.0 * ga.intersection(&gb).count() as f64 / (ga.len() + gb.len()) as f64
}

/// Clipped character `n`-gram precision of `a` against `b` and of `b` against `a`, the
/// counts behind chrF (Popović 2015).
fn char_precisions(a: &str, b: &str, n: usize) -> (f64, f64) {
    fn grams(s: &str, n: usize) -> HashMap<&str, usize> {
        let ends: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let mut m: HashMap<&str, usize> = HashMap::new();
        for w in ends.windows(n + 1) {
            *m.entry(&s[w[0]..w[n]]).or_default() += 1;
        }
        m
    }
    let (ga, gb) = (grams(a, n), grams(b, n));
    let common: usize = ga.iter().map(|(g, c)| (*c).min(gb.get(g).copied().unwrap_or(0))).sum();
    let (ta, tb): (usize, usize) = (ga.values().sum(), gb.values().sum());
    if ta == 0 || tb == 0 {
        return (0.0, 0.0);
    }
    (common as f64 / ta as f64, common as f64 / tb as f64)
}

/// F-score weighing recall `beta` times as much as precision.
fn f_beta(p: f64, r: f64, beta: f64) -> f64 {
    let b2 = beta * beta;
    if p + r == 0.0 {
        0.0
    } else {
        (1.0 + b2) * p * r / (b2 * p + r)
    }
}

/// The character n-gram features: clipped 1–6-gram precision and recall as (smaller, larger),
/// then chrF with β = 2 (average precision and recall over the orders) read both ways.
fn char_features(a: &Side, b: &Side, f: &mut Vec<f64>) {
    let (mut pa, mut pb) = (0.0, 0.0);
    for n in 1..=6 {
        let (x, y) = char_precisions(&a.chars, &b.chars, n);
        f.extend([x.min(y), x.max(y)]);
        (pa, pb) = (pa + x / 6.0, pb + y / 6.0);
    }
    let (ab, ba) = (f_beta(pa, pb, 2.0), f_beta(pb, pa, 2.0));
    f.extend([ab.min(ba), ab.max(ba)]);
}

/// Word edit distance (Levenshtein over tokens, a TER without shifts) over the longer and the
/// shorter sentence, and over the longer sentence's content words.
fn edit_features(a: &Side, b: &Side, f: &mut Vec<f64>) {
    let (short, long) = (a.words.len().min(b.words.len()).max(1), a.words.len().max(b.words.len()).max(1));
    let edits = strsim::generic_levenshtein(&a.words, &b.words) as f64;
    let content = strsim::generic_levenshtein(&a.content, &b.content) as f64;
    f.extend([edits / long as f64, edits / short as f64, content / a.content.len().max(b.content.len()).max(1) as f64]);
}

/// The feature vector of a sentence pair, in the order of [`FEATURES`]. Symmetric:
/// `features(a, b) == features(b, a)`.
pub fn features(a: &Side, b: &Side) -> Vec<f64> {
    let mut f = Vec::with_capacity(FEATURES.len());
    for n in 1..=3 {
        f.extend(overlap(&a.words, &b.words, n));
    }
    for n in 1..=2 {
        f.extend(overlap(&a.stems, &b.stems, n));
    }
    let (ca, cb): (HashSet<&String>, HashSet<&String>) = (a.content.iter().collect(), b.content.iter().collect());
    let (ua, ub) = (ca.difference(&cb).count() as f64, cb.difference(&ca).count() as f64);
    let (cva, cvb): (Vec<String>, Vec<String>) =
        (ca.iter().map(|s| s.to_string()).collect(), cb.iter().map(|s| s.to_string()).collect());
    f.extend(overlap(&cva, &cvb, 1));
    f.extend([ua.min(ub).ln_1p(), ua.max(ub).ln_1p()]);
    let (b1, b2) = (bleu(&a.words, &b.words), bleu(&b.words, &a.words));
    f.extend([b1.min(b2), b1.max(b2)]);
    let (s1, s2) = (bleu(&a.stems, &b.stems), bleu(&b.stems, &a.stems));
    f.extend([s1.min(s2), s1.max(s2)]);
    let (short, long) = (a.words.len().min(b.words.len()), a.words.len().max(b.words.len()));
    let common = text::lcs_len(&a.words, &b.words) as f64;
    f.extend([common / short.max(1) as f64, common / long.max(1) as f64]);
    f.extend([char_dice(&a.chars, &b.chars, 3), char_dice(&a.chars, &b.chars, 4)]);
    f.extend([short as f64 / long.max(1) as f64, ((long - short) as f64).ln_1p(), (short as f64).ln_1p()]);
    let only = |x: &[String], y: &[String]| x.iter().filter(|n| !y.contains(n)).count();
    let unmatched = only(&a.numbers, &b.numbers) + only(&b.numbers, &a.numbers);
    let any = !a.numbers.is_empty() || !b.numbers.is_empty();
    f.extend([f64::from(u8::from(any && unmatched == 0)), (unmatched as f64).ln_1p(), f64::from(u8::from(any))]);
    let (na, nb) = (a.names.difference(&b.names).count(), b.names.difference(&a.names).count());
    let recall =
        |x: &HashSet<String>, missing: usize| if x.is_empty() { 1.0 } else { 1.0 - missing as f64 / x.len() as f64 };
    f.extend([((na + nb) as f64).ln_1p(), recall(&a.names, na).min(recall(&b.names, nb))]);
    f.push(f64::from(u8::from(a.negated != b.negated)));
    char_features(a, b, &mut f);
    edit_features(a, b, &mut f);
    f.push(a.length.min(b.length) as f64 / a.length.max(b.length).max(1) as f64);
    f.push(f64::from(u8::from(a.quoted != b.quoted)));
    let (na, nb): (HashSet<&String>, HashSet<&String>) = (a.numbers.iter().collect(), b.numbers.iter().collect());
    let union = na.union(&nb).count();
    f.push(if union == 0 { 1.0 } else { na.intersection(&nb).count() as f64 / union as f64 });
    debug_assert_eq!(f.len(), FEATURES.len());
    f
}

/// The word stems of a pair in two bags, each sorted and without repeats: those only one of
/// the sentences has, and those both have. A classifier weighing each stem learns which words
/// a rewording may drop or add ("also", "said", a weekday) and which it must keep — the
/// discriminative counterpart of TF-KLD's term weights.
pub fn stem_bags<'s>(a: &'s Side, b: &'s Side) -> (Vec<&'s str>, Vec<&'s str>) {
    let (sa, sb): (HashSet<&str>, HashSet<&str>) =
        (a.stems.iter().map(String::as_str).collect(), b.stems.iter().map(String::as_str).collect());
    let mut only: Vec<&str> = sa.symmetric_difference(&sb).copied().collect();
    let mut both: Vec<&str> = sa.intersection(&sb).copied().collect();
    only.sort_unstable();
    both.sort_unstable();
    (only, both)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The harbour authority of Port Varen agreed on Monday to raise night-shift pay by 4 percent.";
    const B: &str = "On Monday, Port Varen's harbour authority accepted a 4 percent rise in night-shift pay.";
    const C: &str = "Ferries to the northern islands were cancelled for a third day because of the storm.";

    fn get(f: &[f64], name: &str) -> f64 {
        f[FEATURES.iter().position(|n| *n == name).unwrap()]
    }

    #[test]
    fn identical_sentences_overlap_fully() {
        let f = features(&Side::new(A), &Side::new(A));
        for name in ["word 1-gram F", "word 3-gram P/R min", "stem 2-gram F", "content stem F", "LCS / longer"] {
            assert_eq!(get(&f, name), 1.0, "{name}");
        }
        assert!(get(&f, "BLEU min") > 0.99 && get(&f, "char 4-gram Dice") == 1.0);
        assert_eq!(get(&f, "length ratio"), 1.0);
        for name in ["char 6-gram P/R min", "chrF2 min", "character length ratio", "number Jaccard"] {
            assert!((get(&f, name) - 1.0).abs() < 1e-12, "{name}");
        }
        assert_eq!((get(&f, "word edit distance / shorter"), get(&f, "quotation differs")), (0.0, 0.0));
        assert_eq!(
            (get(&f, "numbers equal"), get(&f, "names only in one"), get(&f, "negation differs")),
            (1.0, 0.0, 0.0)
        );
    }

    #[test]
    fn a_rewording_overlaps_more_than_another_event_and_order_does_not_matter() {
        let (a, b, c) = (Side::new(A), Side::new(B), Side::new(C));
        let (ab, ac) = (features(&a, &b), features(&a, &c));
        assert_eq!(ab, features(&b, &a));
        for name in ["word 1-gram F", "content stem F", "BLEU max", "char 3-gram Dice", "LCS / shorter"] {
            assert!(get(&ab, name) > get(&ac, name), "{name}: {} vs {}", get(&ab, name), get(&ac, name));
        }
        assert_eq!(get(&ab, "numbers equal"), 1.0);
        let other =
            Side::new("The harbour authority of Port Varen agreed on Monday to raise night-shift pay by 6 percent.");
        assert_eq!(get(&features(&a, &other), "numbers equal"), 0.0);
        let negated =
            Side::new("The harbour authority of Port Varen did not agree on Monday to raise night-shift pay.");
        assert_eq!(get(&features(&a, &negated), "negation differs"), 1.0);
        assert!(get(&ab, "word edit distance / longer") < get(&ac, "word edit distance / longer"));
        assert!(get(&ab, "chrF2 max") > get(&ac, "chrF2 max"));
    }

    #[test]
    fn stem_bags_split_shared_and_unshared_stems() {
        let (a, b) = (Side::new("Ferries were cancelled again."), Side::new("The ferry was cancelled."));
        let (only, both) = stem_bags(&a, &b);
        assert_eq!(both, ["cancel", "ferri"]);
        assert_eq!(only, ["again", "the", "was", "were"]);
        assert_eq!(stem_bags(&b, &a), (only, both));
    }
}
