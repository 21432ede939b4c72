//! Careful repair of punctuation damage that scrapers leave: lost apostrophes ("couldn t",
//! "Russia s", "doesnt") and words glued to a capitalized word ("talksMonday").
//!
//! The rule is to never invent content: only forms that have exactly one reading are repaired
//! ("its" and "wont" are words, so they stay), and every edit is reported as a [`Repair`].

use crate::model::Repair;

/// Apostrophe-less contractions that are not English words themselves.
const JOINED: &[(&str, &str)] = &[
    ("dont", "don't"),
    ("doesnt", "doesn't"),
    ("didnt", "didn't"),
    ("isnt", "isn't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("arent", "aren't"),
    ("couldnt", "couldn't"),
    ("wouldnt", "wouldn't"),
    ("shouldnt", "shouldn't"),
    ("hasnt", "hasn't"),
    ("havent", "haven't"),
    ("hadnt", "hadn't"),
    ("mustnt", "mustn't"),
    ("theres", "there's"),
    ("theyre", "they're"),
    ("youre", "you're"),
    ("theyve", "they've"),
    ("weve", "we've"),
    ("youve", "you've"),
    ("theyll", "they'll"),
    ("youll", "you'll"),
    ("thats", "that's"),
    ("whats", "what's"),
    ("lets", "let's"),
];

/// The shortest and longest [`JOINED`] contraction, in bytes (all are ASCII).
const JOINED_LEN: (usize, usize) = {
    let (mut min, mut max, mut i) = (usize::MAX, 0, 0);
    while i < JOINED.len() {
        let n = JOINED[i].0.len();
        min = if n < min { n } else { min };
        max = if n > max { n } else { max };
        i += 1;
    }
    (min, max)
};

/// Each [`JOINED`] contraction packed by [`pack_lower`], for [`may_be_joined`].
const JOINED_KEYS: [u64; JOINED.len()] = {
    let mut keys = [0; JOINED.len()];
    let mut i = 0;
    while i < JOINED.len() {
        keys[i] = pack_lower(JOINED[i].0.as_bytes());
        i += 1;
    }
    keys
};

/// At most 8 bytes, ASCII-lower-cased, as one little-endian `u64`: bytes that are equal ignoring
/// ASCII case pack equal, so one integer compare stands in for an `eq_ignore_ascii_case`.
const fn pack_lower(bytes: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < bytes.len() && i < 8 {
        key |= (bytes[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    key
}

/// Whether `core` may be a [`JOINED`] contraction as [`repair`] looks them up: a necessary
/// condition (an ASCII `core` equal to one ignoring case packs to its key). A non-ASCII `core`
/// never is one, because the only non-ASCII character that lower-cases to ASCII is the Kelvin
/// sign, to "k", and no contraction has a "k" (test `non_ascii_words_are_never_joined`).
fn may_be_joined(core: &str) -> bool {
    (JOINED_LEN.0..=JOINED_LEN.1).contains(&core.len())
        && core.is_ascii()
        && JOINED_KEYS.contains(&pack_lower(core.as_bytes()))
}

/// Contraction tails split off by a lost apostrophe: "we re", "couldn t", "Russia s".
fn is_tail(word: &str) -> bool {
    matches!(word, "s" | "t" | "re" | "ve" | "ll" | "m")
}

/// Whether [`repair`] could change `paragraph` at all: `false` proves that it would return the
/// paragraph as it is, with no edits, so the caller may keep its string. Almost no paragraph
/// needs a repair and the full pass was 7% of extraction time; this one reads each word once,
/// without allocating. Per word it tests a necessary condition of each repair: the word is a
/// contraction tail (the second word of a split repair), may be a `JOINED` contraction, or
/// `unglue` splits it (that test is exact and allocates only when it does).
pub fn may_need_repair(paragraph: &str) -> bool {
    let may_need = |tok: &str, lower: bool| {
        if lower {
            return is_tail(tok) || may_be_joined(tok);
        }
        let (core, _) = split_trailing_punct(tok);
        is_tail(core) || may_be_joined(core) || unglue(core).is_some()
    };
    // The tokens of `paragraph.split(' ')`, found by a plain byte loop: words are a few bytes
    // long, and `split(char)` starts a `memchr` search per word, whose setup cost more than the
    // bytes it skips (1.5% of extraction time). A space byte is always a character boundary, so
    // every slice below is one `split(' ')` gives, in the same order.
    //
    // Most tokens are ASCII lower-case letters only ("the", "harbour"), noted on the way at a
    // compare per byte (`lower`). Such a token has no trailing punctuation to split off and no capital for
    // `unglue`, so only the tail and contraction tests can say yes: the Unicode trim and the
    // `unglue` passes (half of this function's time) are skipped. An empty token passes the same
    // way: no test says yes to it.
    let mut start = 0;
    let mut lower = true;
    for (i, &b) in paragraph.as_bytes().iter().enumerate() {
        if b == b' ' {
            if may_need(&paragraph[start..i], lower) {
                return true;
            }
            start = i + 1;
            lower = true;
        } else {
            lower &= b.is_ascii_lowercase();
        }
    }
    may_need(&paragraph[start..], lower)
}

/// Contraction tails split off by a lost apostrophe ("we re", "couldn t") and the words they may
/// follow. `s` may follow any word ("Russia s" → "Russia's"), which only a possessive explains.
fn split_tail_fits(word: &str, tail: &str) -> bool {
    if !is_tail(tail) {
        return false; // the common case, decided before lower-casing the word
    }
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    match tail {
        "s" => w.chars().all(char::is_alphanumeric) && w.len() > 1,
        "t" => {
            w.ends_with('n')
                && [
                    "don", "doesn", "didn", "isn", "wasn", "weren", "aren", "couldn", "wouldn", "shouldn", "hasn",
                    "haven", "hadn", "won", "can", "ain", "mustn",
                ]
                .contains(&w.as_str())
        }
        "re" => ["we", "you", "they"].contains(&w.as_str()),
        "ve" => ["we", "you", "they", "i", "could", "would", "should"].contains(&w.as_str()),
        "ll" => ["we", "you", "they", "i", "he", "she", "it"].contains(&w.as_str()),
        "m" => w == "i",
        _ => false,
    }
}

/// Repair one paragraph; returns the new text and the edits made.
pub fn repair(paragraph: &str) -> (String, Vec<Repair>) {
    // The words are read in place, the text is written into one string and `lower` is
    // reused: every word of every article passes through here, and almost none needs a repair.
    let mut tokens = paragraph.split(' ').peekable();
    let mut out = String::with_capacity(paragraph.len() + 8);
    let mut lower = String::new();
    let mut repairs = Vec::new();
    let mut first = true;
    while let Some(tok) = tokens.next() {
        if !first {
            out.push(' ');
        }
        first = false;
        if let Some(&next) = tokens.peek() {
            let (core_next, trail) = split_trailing_punct(next);
            if !tok.is_empty()
                && tok.chars().last().is_some_and(char::is_alphanumeric)
                && split_tail_fits(tok, core_next)
            {
                let fixed = format!("{tok}'{core_next}{trail}");
                repairs.push(Repair { from: format!("{tok} {next}"), to: fixed.clone() });
                out.push_str(&fixed);
                tokens.next();
                continue;
            }
        }
        let (core, trail) = split_trailing_punct(tok);
        let joined = if core.is_ascii() {
            // ASCII lower-cases byte for byte, so no copy is needed to compare.
            JOINED.iter().find(|(bad, _)| bad.eq_ignore_ascii_case(core))
        } else {
            lower.clear();
            lower.extend(core.chars().flat_map(char::to_lowercase));
            JOINED.iter().find(|(bad, _)| *bad == lower)
        };
        if let Some((_, fixed)) = joined {
            let fixed = match_case(core, fixed);
            repairs.push(Repair { from: core.to_string(), to: fixed.clone() });
            out.push_str(&fixed);
            out.push_str(trail);
        } else if let Some(split) = unglue(core) {
            repairs.push(Repair { from: core.to_string(), to: split.clone() });
            out.push_str(&split);
            out.push_str(trail);
        } else {
            out.push_str(tok);
        }
    }
    (out, repairs)
}

fn split_trailing_punct(tok: &str) -> (&str, &str) {
    let core_len = tok.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    (&tok[..core_len], &tok[core_len..])
}

fn match_case(original: &str, fixed: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut c = fixed.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
    } else {
        fixed.to_string()
    }
}

/// "talksMonday" → "talks Monday": a lower-case word (3+ letters) glued to a capitalized word
/// (3+ letters). Words that start upper-case ("McDonald", "YouTube") or with one lower-case
/// letter ("iPhone", "eBay") are left alone.
fn unglue(word: &str) -> Option<String> {
    if word.is_ascii() {
        // The same tests on bytes: ASCII letters and cases are the Unicode ones.
        let b = word.as_bytes();
        let plausible = b.first().is_some_and(u8::is_ascii_lowercase)
            && b.iter().all(u8::is_ascii_alphabetic)
            && b.iter().any(u8::is_ascii_uppercase);
        if !plausible {
            return None;
        }
    }
    // The same three tests in any order give the same answer; the whole-word `is_alphabetic`
    // (the slowest Unicode lookup) goes last, as most other words (Cyrillic, accented, after an
    // opening quote) fail on their first character's case or on having no capital.
    if !word.chars().next()?.is_lowercase() || !word.chars().any(char::is_uppercase) {
        return None; // nothing glued: most words stop here, before any allocation
    }
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let cut = chars.iter().position(|c| c.is_uppercase())?;
    let tail = &chars[cut..];
    if cut < 3 || tail.len() < 3 || !tail[1..].iter().all(|c| c.is_lowercase()) {
        return None;
    }
    Some(format!("{} {}", chars[..cut].iter().collect::<String>(), tail.iter().collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repairs_only_unambiguous_damage() {
        let (t, r) = repair("It couldn t be easier, Varenholm s mayor said, and theyre sure it doesnt matter.");
        assert_eq!(t, "It couldn't be easier, Varenholm's mayor said, and they're sure it doesn't matter.");
        assert_eq!(r.len(), 4);
        assert_eq!(repair("“There s a way,” she said.").0, "“There's a way,” she said.");
        let (t, r) = repair("Its a wont of his, and its cost rose.");
        assert_eq!(t, "Its a wont of his, and its cost rose.");
        assert!(r.is_empty());
    }

    #[test]
    fn unglues_capitalized_words_only() {
        assert_eq!(
            repair("talks began talksMonday on YouTube with McDonald").0,
            "talks began talks Monday on YouTube with McDonald"
        );
    }

    #[test]
    fn unglues_words_in_other_letters() {
        assert_eq!(unglue("fürMontag").as_deref(), Some("für Montag"));
        assert_eq!(unglue("словоСлово").as_deref(), Some("слово Слово"));
        for word in ["ÜberMontag", "für", "“TheyMonday", "fürMON", "fü1Montag", "слово", "éaÉcole", "", "ßtraß"]
        {
            assert_eq!(unglue(word), None, "{word}");
        }
    }

    #[test]
    fn non_ascii_words_are_never_joined() {
        // `may_be_joined` skips non-ASCII words: whatever a non-ASCII character lower-cases to
        // holds a character that no contraction has.
        let letters: String = JOINED.iter().map(|(bad, _)| *bad).collect();
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            assert!(c.to_lowercase().any(|l| !letters.contains(l)), "{c:?}");
        }
    }

    #[test]
    fn the_pre_check_sees_every_repair() {
        for (bad, _) in JOINED {
            let upper = bad.to_uppercase();
            let title = format!("{}{}", bad[..1].to_uppercase(), &bad[1..]);
            for word in [bad.to_string(), upper, title, format!("{bad},”")] {
                assert!(may_need_repair(&format!("so {word} too")), "{word}");
            }
        }
        for p in ["It couldn t be", "Varenholm s mayor", "talksMonday", "we re.", "I m"] {
            assert!(may_need_repair(p), "{p}");
        }
        assert!(!may_need_repair("Its a wont of his, and its cost rose. “Fine,” she said — YouTube iPhone"));
    }

    /// One word, weighted toward what the repairs look at: tails, contractions in any case,
    /// glued and mixed-case words, punctuation around them, and other scripts.
    fn word() -> impl Strategy<Value = String> {
        let pieces = vec![
            "s", "t", "re", "ve", "ll", "m", "S", "T", "don", "couldn", "we", "you", "I", "i", "it", "Russia", "dont",
            "DOESNT", "Theyre", "lets", "wont", "its", "talks", "Monday", "ab", "Cd", "eBay", "iPhone", "McDonald",
            "straße", "Über", "éa", "K", "\u{212a}", "İ", "Ω", ".", ",", "’", "'", "”", "“", "—", "-", "!", "1", "2",
            "",
        ];
        proptest::collection::vec(proptest::sample::select(pieces), 1..4).prop_map(|ps| ps.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Wherever the pre-check says no repair is possible, the full pass makes none.
        #[test]
        fn the_pre_check_never_skips_a_repair(words in proptest::collection::vec(word(), 0..10)) {
            let paragraph = words.join(" ");
            let (fixed, repairs) = repair(&paragraph);
            if !may_need_repair(&paragraph) {
                prop_assert_eq!(&fixed, &paragraph);
                prop_assert!(repairs.is_empty());
            }
        }

        /// The byte loop in `may_need_repair` sees the tokens `split(' ')` gives, empty ones
        /// (doubled, leading and trailing spaces) included.
        #[test]
        fn the_pre_check_splits_as_split_does(
            parts in proptest::collection::vec(
                (word(), prop::sample::select(vec![" ", "  ", "", "\u{a0}", " \u{3000}"])), 0..10),
        ) {
            let paragraph: String = parts.iter().flat_map(|(w, sep)| [w.as_str(), sep]).collect();
            let by_split = paragraph.split(' ').any(|tok| {
                let (core, _) = split_trailing_punct(tok);
                is_tail(core) || may_be_joined(core) || unglue(core).is_some()
            });
            prop_assert_eq!(may_need_repair(&paragraph), by_split);
            let spaced = format!(" {paragraph} ");
            prop_assert_eq!(may_need_repair(&spaced), spaced.split(' ').any(|tok| {
                let (core, _) = split_trailing_punct(tok);
                is_tail(core) || may_be_joined(core) || unglue(core).is_some()
            }));
        }
    }
}
