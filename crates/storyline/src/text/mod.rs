//! Text primitives every stage shares: words, normalized tokens, sentences, stopwords, stems,
//! shingles and hashing.
//!
//! Word segmentation is `unicode-segmentation`'s, with a hand-written scanner giving the same
//! words faster for text in Latin or Cyrillic letters ([`split_words`]); stemming comes from `rust-stemmers`; the
//! sentence splitter is hand-written because news text needs abbreviation handling ("U.S.",
//! "Gen.", "Jan.") that general segmenters get wrong, and it must report byte offsets.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

mod words;

pub use words::{split_words, SplitWords};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// English function words: ignored when comparing content (rewrites change these freely).
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "no",
    "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "yours", "yourself", "said", "says", "say", "told", "according",
    "mr", "ms", "mrs", "s", "t", "would", "also", "however", "since", "yet", "still", "well",
    "one", "two", "new", "last", "first", "week", "year", "years", "like", "via", "per",
];

/// Whether a lower-cased word is a function word.
pub fn is_stopword(word: &str) -> bool {
    static SET: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

/// Lower-case a word and drop everything but letters and digits ("U.S." → "us",
/// "doesn’t" → "doesnt"), so that punctuation damage does not hide a match.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_normalized(&mut out, word);
    out
}

/// Appends [`normalize_word`]`(word)` to `out` without allocating: the hot path of ids and
/// chrome matching, where every word of every page goes through it.
pub fn push_normalized(out: &mut String, word: &str) {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Already letters and digits: copied whole and lower-cased in place (most words of
        // English text), not pushed character by character.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        for c in word.chars() {
            match quick_normalized(c) {
                Some(Some(lower)) => out.push(lower),
                Some(None) => {}
                None if c.is_alphanumeric() => out.extend(c.to_lowercase()),
                None => {}
            }
        }
    }
}

/// For a Latin-1 character (below U+0100) or a letter of the Russian alphabet (А–я), what
/// [`push_normalized`] makes of it: `Some(None)` if it is not alphanumeric, else
/// `Some(Some(lower-case))`; `None` for any other character. Spelled out because
/// `char::is_alphanumeric` and `char::to_lowercase` look up Unicode tables for every non-ASCII
/// letter ("ü", "é", "д": Russian pages spent a fiftieth of extraction there); a test holds it
/// equal to them on all these characters.
#[inline]
fn quick_normalized(c: char) -> Option<Option<char>> {
    let lower = match c as u32 {
        0x30..=0x39 | 0x61..=0x7A => c,
        0x41..=0x5A => char::from(c as u8 + 0x20),
        // ª ² ³ µ ¹ º ¼ ½ ¾, ß, à–ö, ø–ÿ: already lower-case (or caseless).
        0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE | 0xDF..=0xF6 | 0xF8..=0xFF => c,
        // À–Ö, Ø–Þ
        0xC0..=0xD6 | 0xD8..=0xDE => char::from(c as u8 + 0x20),
        0..=0xFF => return Some(None),
        // А–Я, then а–я
        0x410..=0x42F => char::from_u32(c as u32 + 0x20).expect("а–я are characters"),
        0x430..=0x44F => c,
        _ => return None,
    };
    Some(Some(lower))
}

/// The [`words`] of `text` joined by single spaces, appended to `out` (one buffer, no string
/// per word).
pub fn push_words(out: &mut String, text: &str) {
    let mut first = true;
    for w in split_words(text) {
        let start = out.len();
        if !first {
            out.push(' ');
        }
        let mark = out.len();
        push_normalized(out, w);
        if out.len() == mark {
            out.truncate(start);
        } else {
            first = false;
        }
    }
}

/// Whether `text` has any word at all (`!words(text).is_empty()`, without collecting them):
/// a word is a segment with a letter or digit, and every letter or digit is in one.
pub fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The words of `text`, normalized, in order (punctuation dropped).
pub fn words(text: &str) -> Vec<String> {
    split_words(text).map(normalize_word).filter(|w| !w.is_empty()).collect()
}

/// English stem of a normalized word.
pub fn stem(word: &str) -> String {
    // Word frequencies are Zipfian: a small per-thread cache answers most calls without running
    // the Snowball machine (stemming was a tenth of ingest time).
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, String>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    CACHE.with(|cell| {
        let mut cache = cell.borrow_mut();
        if let Some(s) = cache.get(word) {
            return s.clone();
        }
        let s = STEMMER.stem(word).into_owned();
        if cache.len() >= 100_000 {
            cache.clear();
        }
        cache.insert(word.to_string(), s.clone());
        s
    })
}

/// Stems of the content words of `text` (stopwords and one-letter words dropped).
pub fn content_stems(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| w.chars().count() > 1 && !is_stopword(w)).map(|w| stem(&w)).collect()
}

/// A 64-bit hash of a string (xxh3), the one hash every fingerprint uses.
pub fn hash64(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// Hashes of the normalized words of `text` (the same words [`words`] returns), without
/// allocating a string per word: the hot path of fingerprinting at corpus scale.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut buf = String::with_capacity(32);
    let mut out = Vec::with_capacity(text.len() / 5);
    for w in split_words(text) {
        buf.clear();
        push_normalized(&mut buf, w);
        if !buf.is_empty() {
            out.push(hash64(&buf));
        }
    }
    out
}

/// Hashes of the `k`-shingles of a sequence of word hashes (a text shorter than `k` words gives
/// one shingle of all of them). Order-sensitive: "a b" and "b a" differ.
pub fn shingle_hashes(words: &[u64], k: usize) -> Vec<u64> {
    let combine = |ws: &[u64]| {
        ws.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, &w| (h.rotate_left(23) ^ w).wrapping_mul(0x2545_f491_4f6c_dd1d))
    };
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() < k {
        return vec![combine(words)];
    }
    words.windows(k).map(combine).collect()
}

/// Hashes of the word `k`-shingles of `words` (a text shorter than `k` words gives one shingle
/// of all of them, so short texts are not invisible).
pub fn shingles(words: &[String], k: usize) -> Vec<u64> {
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() < k {
        return vec![hash64(&words.join(" "))];
    }
    words.windows(k).map(|w| hash64(&w.join(" "))).collect()
}

/// The share of a sentence's characters that stand inside quotation marks (“…” or "…").
pub fn quoted_share(text: &str) -> f64 {
    quoted_share_from(text, false).0
}

/// [`quoted_share`] for a sentence that may start inside a quotation (the middle sentences of a
/// multi-sentence quote carry no marks of their own); also returns whether it ends inside one.
pub fn quoted_share_from(text: &str, mut inside: bool) -> (f64, bool) {
    let (mut n_in, mut n) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            _ => {
                n += 1;
                n_in += usize::from(inside);
            }
        }
    }
    (n_in as f64 / n.max(1) as f64, inside)
}

const FUTURE: &[&str] =
    &["will", "would", "planned", "plans", "scheduled", "next", "due", "expected", "tomorrow", "ahead", "upcoming"];

/// Words that announce when followed by "to" ("agreed to meet on Wednesday").
const INTENT: &[&str] = &[
    "agreed", "agree", "plan", "plans", "hope", "hopes", "want", "wants", "promised", "pledged", "set", "is", "are",
    "due", "expected", "going",
];

/// Past-tense cue words that, right before a weekday, fix the tense whatever the sentence says
/// elsewhere ("… we will encounter …,” Ryabkov said Sunday").
const PAST: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "met",
    "held",
    "had",
    "did",
    "began",
    "ended",
    "spoke",
    "announced",
    "warned",
    "added",
    "last",
];

/// Whether the time word (a weekday) at byte `at` of the sentence `text` refers to the future. The nearest tense cue among
/// the six words before it decides ("… will encounter …,” Ryabkov said Sunday" is past); else a
/// future cue anywhere in the sentence; else a past cue; a sentence in the present tense
/// ("Talks resume on Wednesday") announces.
pub fn refers_to_future(text: &str, at: usize) -> bool {
    let before = text[..at].to_lowercase();
    let window: Vec<&str> =
        before.split_whitespace().rev().take(6).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let past = |w: &str| PAST.contains(&w) || (w.ends_with("ed") && w.len() > 4 && !FUTURE.contains(&w));
    for (i, w) in window.iter().enumerate() {
        let prev = window.get(i + 1).copied().unwrap_or("");
        let future_pair = *w == "to" && INTENT.contains(&prev);
        if future_pair || FUTURE.contains(w) {
            return true;
        }
        if past(w) {
            return false;
        }
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    if words.iter().any(|w| FUTURE.contains(w)) || lower.contains(" to follow") {
        return true;
    }
    !words.iter().any(|w| past(w))
}

/// Abbreviations after which a period does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "aug",
    "sept", "sep", "oct", "nov", "dec", "u", "s", "e", "g", "i", "m", "etc", "approx", "dept", "est",
    "ft", "mt", "pres", "rev", "v", "sens", "reps", "adm", "maj",
];

/// Words that open a sentence far more often than they follow "U.S." or "a.m." inside one: after
/// a dotted abbreviation, one of them means the period also ended the sentence ("… asylum in the
/// U.S. The numbers …"), while "U.S. Army" or "10 a.m. Wednesday" go on.
#[rustfmt::skip]
const SENTENCE_OPENERS: &[&str] = &[
    "The", "A", "An", "But", "And", "It", "He", "She", "They", "We", "I", "In", "This", "That",
    "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "After", "If", "When", "While",
    "Some", "Many", "Most", "Meanwhile", "However", "Still", "Yet",
];

/// Byte ranges of the sentences of one paragraph.
///
/// A sentence ends at `.`, `!` or `?` (plus closing quotes/brackets) followed by white space and
/// an upper-case letter, digit or opening quote, unless the period closes an abbreviation or an
/// initial ("U.S.", "J. Smith").
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j].1, '"' | '”' | '’' | '\'' | ')' | '»' | '.') {
                j += 1;
            }
            let end = if j < bytes.len() { bytes[j].0 } else { text.len() };
            let followed_by_space = j < bytes.len() && bytes[j].1.is_whitespace();
            let mut k = j;
            while k < bytes.len() && bytes[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = k < bytes.len()
                && (bytes[k].1.is_uppercase()
                    || bytes[k].1.is_ascii_digit()
                    || matches!(bytes[k].1, '"' | '“' | '‘' | '\'' | '«' | '('));
            let abbreviation =
                c == '.' && is_abbreviation(text, start, pos, &text[bytes.get(k).map_or(text.len(), |b| b.0)..]);
            if followed_by_space && next_starts && !abbreviation {
                if !text[start..end].trim().is_empty() {
                    out.push(trim_range(text, start, end));
                }
                start = bytes[k].0;
                i = k;
                continue;
            }
            let _ = pos;
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(trim_range(text, start, text.len()));
    }
    out
}

fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (start + lead, end - trail)
}

/// Whether `rest` starts with one of the [`SENTENCE_OPENERS`] as a whole word.
fn opens(rest: &str) -> bool {
    let word: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    SENTENCE_OPENERS.contains(&word)
}

/// Whether the period at byte `dot` closes an abbreviation or a single initial rather than the
/// sentence; `rest` is the text after the white space that follows it.
fn is_abbreviation(text: &str, start: usize, dot: usize, rest: &str) -> bool {
    let before = &text[start..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // A word glued to digits or after an apostrophe ("the 1950s.", "Mr. Putin's.") is a suffix,
    // not an abbreviation, even where the letters alone would be one ("s" as in "U.S.").
    if before[..before.len() - word.len()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '\'' | '’'))
    {
        return false;
    }
    // A dotted abbreviation ("U.S.", "a.m.") before a sentence opener also ends the sentence.
    if word.contains('.') && opens(rest) {
        return false;
    }
    let last = word.rsplit('.').next().unwrap_or("");
    let lower = last.to_lowercase();
    if last.chars().count() == 1 && last.chars().all(char::is_uppercase) {
        return true;
    }
    // "No." abbreviates a number ("No. 2"); before a word it is the answer ("voters said no.").
    if lower == "no" {
        return rest.starts_with(|c: char| c.is_ascii_digit());
    }
    ABBREVIATIONS.contains(&lower.as_str()) && !lower.is_empty()
}

/// Clipped n-gram matches of two token sequences: how many of `a`'s `n`-grams `b` also has
/// (each counted at most as often as `b` has it), with both n-gram totals — the count behind
/// ROUGE-N and BLEU precisions.
pub fn clipped_matches(a: &[String], b: &[String], n: usize) -> (usize, usize, usize) {
    fn grams(s: &[String], n: usize) -> std::collections::HashMap<&[String], usize> {
        let mut m: std::collections::HashMap<&[String], usize> = std::collections::HashMap::new();
        for g in s.windows(n) {
            *m.entry(g).or_default() += 1;
        }
        m
    }
    let (ga, gb) = (grams(a, n), grams(b, n));
    let common = ga.iter().map(|(g, c)| (*c).min(gb.get(g).copied().unwrap_or(0))).sum();
    (common, a.len().saturating_sub(n - 1), b.len().saturating_sub(n - 1))
}

/// Length of the longest common subsequence of two token sequences (one row of the table).
pub fn lcs_len(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_buffer_word_helpers_agree_with_words() {
        for text in ["", "—", " U.S. talks, doesn’t İstanbul ‘x’ 42 ", "Ünïcode—ok", "a  . b"] {
            let mut joined = String::from("x");
            push_words(&mut joined, text);
            assert_eq!(joined, format!("x{}", words(text).join(" ")), "{text:?}");
            assert_eq!(has_words(text), !words(text).is_empty(), "{text:?}");
        }
        assert_eq!(normalize_word("U.S.-Made"), "usmade");
    }

    #[test]
    fn quick_normalization_agrees_with_char_methods() {
        for c in (0..0x100).chain(0x410..0x450).filter_map(char::from_u32) {
            let expected = c.is_alphanumeric().then(|| c.to_lowercase().collect::<String>());
            let got = quick_normalized(c).expect("latin-1 or russian").map(String::from);
            assert_eq!(got, expected, "{c:?}");
        }
        for c in ['\u{100}', '\u{40f}', '\u{450}', 'Ё', 'ё'] {
            assert_eq!(quick_normalized(c), None, "{c:?}");
        }
    }

    #[test]
    fn tense_of_a_weekday() {
        let at = |t: &str, w: &str| refers_to_future(t, t.find(w).unwrap());
        assert!(!at("“We will see,” Marrow said Sunday.", "Sunday"));
        assert!(at("Talks are planned Wednesday in Varenholm.", "Wednesday"));
        assert!(at("Talks resume at the harbour office on Wednesday.", "Wednesday"));
        assert!(at("“We have agreed to sit down again on Wednesday,” she said.", "Wednesday"));
        assert!(!at("The strike began on Monday.", "Monday"));
        assert!(at("The unions will meet the minister on Friday.", "Friday"));
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let t = "The U.S. team met Gen. Smith on Monday. “We agreed,” she said. Talks end Friday!";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(s, vec!["The U.S. team met Gen. Smith on Monday.", "“We agreed,” she said.", "Talks end Friday!"]);
    }

    #[test]
    fn possessives_versus_and_openers_after_dotted_abbreviations() {
        let split = |t: &str| -> Vec<String> { sentences(t).into_iter().map(|(a, b)| t[a..b].to_string()).collect() };
        assert_eq!(
            split("It is Mr. Putin's. Despite that, it looks bad."),
            ["It is Mr. Putin's.", "Despite that, it looks bad."]
        );
        assert_eq!(
            split("Brown v. Board of Education was decided. It stands."),
            ["Brown v. Board of Education was decided.", "It stands."]
        );
        assert_eq!(
            split("They sought asylum in the U.S. The numbers rose."),
            ["They sought asylum in the U.S.", "The numbers rose."]
        );
        // A dotted abbreviation before a name or a weekday goes on.
        assert_eq!(
            split("The U.S. Army left at 10 a.m. Wednesday. Then rain."),
            ["The U.S. Army left at 10 a.m. Wednesday.", "Then rain."]
        );
        assert_eq!(split("Sens. Ann Lee and Rev. Al Green spoke."), ["Sens. Ann Lee and Rev. Al Green spoke."]);
        assert_eq!(
            split("Voters said no. The plan died. It was No. 2 on the list."),
            ["Voters said no.", "The plan died.", "It was No. 2 on the list."]
        );
    }

    #[test]
    fn a_decade_ends_a_sentence_though_s_alone_abbreviates() {
        let t = "Records go back to the 1950s. At one point the queue reached the U.S. embassy. It fell.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec!["Records go back to the 1950s.", "At one point the queue reached the U.S. embassy.", "It fell."]
        );
    }

    #[test]
    fn normalization_hides_punctuation_damage() {
        assert_eq!(words("U.S. doesn’t"), words("US doesnt"));
    }

    #[test]
    fn word_hashes_follow_normalized_words() {
        let t = "The U.S. team doesn’t sail";
        let expected: Vec<u64> = words(t).iter().map(|w| hash64(w)).collect();
        assert_eq!(word_hashes(t), expected);
        assert_eq!(shingle_hashes(&word_hashes(t), 3).len(), 3);
        assert_ne!(shingle_hashes(&word_hashes("a b"), 2), shingle_hashes(&word_hashes("b a"), 2));
    }

    #[test]
    fn short_texts_still_have_a_shingle() {
        assert_eq!(shingles(&words("two words"), 5).len(), 1);
        assert_eq!(shingles(&words("one two three four five six"), 5).len(), 2);
    }

    mod split {
        use super::super::sentences;
        use proptest::prelude::*;

        /// Text built from the pieces the splitter decides on: abbreviations, digits glued to
        /// letters, apostrophes, quotes, dots, openers, white space and non-ASCII letters.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("U.S.".to_string()),
                Just("a.m.".to_string()),
                Just("1950s.".to_string()),
                Just("Putin's.".to_string()),
                Just("Mr.".to_string()),
                Just("The".to_string()),
                Just("v.".to_string()),
                Just("“".to_string()),
                Just("”".to_string()),
                Just("’".to_string()),
                Just("...".to_string()),
                Just("?!".to_string()),
                Just(" ".to_string()),
                Just("\u{a0}".to_string()),
                "[a-zA-Zé0-9.,'\"]{1,6}",
            ];
            proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Sentences are in order, never overlap, lie on character boundaries, are trimmed
            /// and non-empty, and every non-space character of the text is in one of them.
            #[test]
            fn sentences_cover_the_text_in_order(text in text()) {
                let spans = sentences(&text);
                let mut last = 0;
                let mut covered = 0;
                for &(a, b) in &spans {
                    prop_assert!(last <= a && a < b && b <= text.len(), "{:?} in {:?}", (a, b), text);
                    prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
                    let s = &text[a..b];
                    prop_assert_eq!(s, s.trim());
                    covered += s.chars().filter(|c| !c.is_whitespace()).count();
                    last = b;
                }
                prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count(), "{:?}", text);
            }
        }
    }
}
