//! Word segmentation: the words `unicode-segmentation`'s `unicode_words()` yields, found by a
//! hand-written byte scanner when the text keeps to a small character set.
//!
//! Why hand-written: every page's title and body is segmented for its id
//! ([`crate::extract::article_id`]) and every article's body for its fingerprint, and the
//! general UAX #29 state machine (a table lookup per character, a filter that looks up
//! `Alphabetic` per character again) was about a twentieth of HTML extraction. News text is
//! mostly ASCII with curly quotes, dashes and Latin or Cyrillic letters; for those characters the
//! UAX #29 rules reduce to a few byte comparisons. The words must be exactly the ones
//! `unicode_words()` gives (article ids are stored and must never change), so the scanner runs
//! only on text made entirely of the [simple characters](class_at) and anything else falls back
//! to `unicode_words()` for the whole text; the property tests below hold the two equal.
//!
//! For the simple characters the rules WB5–WB13b say: letters, digits and `_` join each other
//! in any order; one "mid" character joins a letter to a letter (`:`, `.`, `'`, `‘`, `’`,
//! `․`, `‧`) or a digit to a digit (`,`, `;`, `.`, `'`, `‘`, `’`, `․`), judged by the characters
//! right next to it; everything else stands alone. A segment is a word if it holds a letter or a
//! digit (a run of `_` is not).

use unicode_segmentation::{UnicodeSegmentation, UnicodeWords};

/// How the word rules see one character of the simple set.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Word_Break ALetter (and alphanumeric).
    Letter,
    /// Word_Break Numeric (ASCII digits).
    Digit,
    /// Word_Break ExtendNumLet (`_`): joins, but is not alphanumeric.
    Underscore,
    /// MidLetter: joins letter to letter.
    MidLetter,
    /// MidNum: joins digit to digit.
    MidNum,
    /// MidNumLet or Single_Quote: joins letter to letter and digit to digit.
    MidBoth,
    /// A character no rule joins to a word (space, CR, LF, other punctuation): a boundary.
    Other,
    /// Outside the simple set: the text goes to `unicode_words()`.
    Unknown,
}

/// Word classes of the ASCII bytes.
static ASCII: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'_' => Class::Underscore,
            b':' => Class::MidLetter,
            b',' | b';' => Class::MidNum,
            b'.' | b'\'' => Class::MidBoth,
            _ => Class::Other,
        };
        b += 1;
    }
    t
};

/// The class of the character starting at byte `i` of `s` (a char boundary before the end), and
/// its length in bytes.
///
/// The simple set: ASCII; U+00A0–U+00FF except the soft hyphen (Format), `·`, `¸` and the
/// superscripts and fractions (not letters, yet alphanumeric); the Latin letters up to U+027F
/// (Polish, Czech, Turkish, Romanian…); Cyrillic U+0400–U+04FF less the combining marks; the punctuation U+2010–U+203E except the
/// line and paragraph separators, the bidi controls and the two characters Word_Break calls
/// ExtendNumLet (U+202F, U+203F); and `€`.
#[inline(always)]
fn class_at(s: &[u8], i: usize) -> (Class, usize) {
    let b = s[i];
    if b < 0x80 {
        return (ASCII[b as usize], 1);
    }
    match b {
        0xC2 => {
            let class = match s[i + 1] {
                // ª µ º: ALetter.
                0xAA | 0xB5 | 0xBA => Class::Letter,
                // Soft hyphen (Format), ² ³ ¹ ¼ ½ ¾ (alphanumeric Other), · (MidLetter), ¸
                // (ALetter since Unicode 16, yet not alphanumeric): rare, left to the fallback.
                0xAD | 0xB2 | 0xB3 | 0xB7 | 0xB8 | 0xB9 | 0xBC..=0xBE => Class::Unknown,
                0xA0..=0xBF => Class::Other,
                // C1 controls (U+0085 is Newline): never seen in text worth a fast path.
                _ => Class::Unknown,
            };
            (class, 2)
        }
        // U+00C0–U+00FF: letters, except × and ÷.
        0xC3 => (if matches!(s[i + 1], 0x97 | 0xB7) { Class::Other } else { Class::Letter }, 2),
        // U+0100–U+027F (Latin Extended-A and -B, IPA) and U+0400–U+047F, U+04C0–U+04FF
        // (Cyrillic): letters.
        0xC4..=0xC9 | 0xD0 | 0xD1 | 0xD3 => (Class::Letter, 2),
        // U+0480–U+04BF: letters, except the thousands sign (Other) and the combining marks.
        0xD2 => {
            let class = match s[i + 1] {
                0x82 => Class::Other,
                0x83..=0x89 => Class::Unknown,
                _ => Class::Letter,
            };
            (class, 2)
        }
        0xE2 => {
            let class = match (s[i + 1], s[i + 2]) {
                // ‘ ’ (MidNumLet) and one dot leader (MidNumLet).
                (0x80, 0x98 | 0x99 | 0xA4) => Class::MidBoth,
                // Hyphenation point (MidLetter).
                (0x80, 0xA7) => Class::MidLetter,
                // Dashes, quotes (“ ” „ ‚), daggers, bullets, ellipsis, ‰, primes, ‹ ›, ‼, ‽, ‾.
                (0x80, 0x90..=0xA6 | 0xB0..=0xBE) => Class::Other,
                // €
                (0x82, 0xAC) => Class::Other,
                _ => Class::Unknown,
            };
            (class, 3)
        }
        _ => (Class::Unknown, 1),
    }
}

/// Whether every character of `s` is in the simple set.
fn is_simple(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let (class, len) = class_at(bytes, i);
        if class == Class::Unknown {
            return false;
        }
        i += len;
    }
    true
}

/// The words of `text` exactly as `unicode_words()` yields them (same boundaries, punctuation
/// kept inside: "U.S", "don’t", "1,000.5", "a_b"), not normalized.
pub fn split_words(text: &str) -> SplitWords<'_> {
    if is_simple(text) {
        SplitWords(Inner::Simple { text, at: 0 })
    } else {
        SplitWords(Inner::Unicode(text.unicode_words()))
    }
}

/// Iterator of [`split_words`].
pub struct SplitWords<'a>(Inner<'a>);

enum Inner<'a> {
    /// The scanner over simple text, at byte `at`.
    Simple { text: &'a str, at: usize },
    /// Anything else.
    Unicode(UnicodeWords<'a>),
}

impl<'a> SplitWords<'a> {
    /// Whether the words come from the scanner, so every character of them is in the simple
    /// set (tests check that the fallback is taken when it must be).
    pub fn is_simple(&self) -> bool {
        matches!(self.0, Inner::Simple { .. })
    }
}

impl<'a> Iterator for SplitWords<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match &mut self.0 {
            Inner::Simple { text, at } => next_simple(text, at),
            Inner::Unicode(words) => words.next(),
        }
    }
}

/// The next word of simple `text` from byte `*at`, moving `*at` past it.
#[inline]
fn next_simple<'a>(text: &'a str, at: &mut usize) -> Option<&'a str> {
    let s = text.as_bytes();
    let n = s.len();
    let mut i = *at;
    loop {
        // Skip to the next letter, digit or underscore: nothing else starts a segment that
        // joins anything.
        let (mut prev, start) = loop {
            if i >= n {
                *at = n;
                return None;
            }
            let (class, len) = class_at(s, i);
            let start = i;
            i += len;
            if matches!(class, Class::Letter | Class::Digit | Class::Underscore) {
                break (class, start);
            }
        };
        let mut alnum = prev != Class::Underscore;
        while i < n {
            let (class, len) = class_at(s, i);
            let joins = match class {
                Class::Letter | Class::Digit => {
                    alnum = true;
                    true
                }
                Class::Underscore => true,
                Class::MidLetter | Class::MidNum | Class::MidBoth if i + len < n => {
                    // WB6/WB7 and WB11/WB12: the characters on both sides decide.
                    let (next, _) = class_at(s, i + len);
                    let letters = prev == Class::Letter && next == Class::Letter && class != Class::MidNum;
                    let digits = prev == Class::Digit && next == Class::Digit && class != Class::MidLetter;
                    letters || digits
                }
                _ => false,
            };
            if !joins {
                break;
            }
            prev = class;
            i += len;
        }
        if alnum {
            *at = i;
            return Some(&text[start..i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(text: &str) -> (Vec<&str>, Vec<&str>) {
        (split_words(text).collect(), text.unicode_words().collect())
    }

    #[test]
    fn tricky_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            ("The U.S. said", &["The", "U.S", "said"]),
            ("1,000.5 and 3,5; 7;8 x,y", &["1,000.5", "and", "3,5", "7;8", "x", "y"]),
            ("don’t ‘quote’ it’s o'clock", &["don’t", "quote", "it’s", "o'clock"]),
            ("a_b _ __x 1_2 _5_", &["a_b", "__x", "1_2", "_5_"]),
            ("“Hello,” she said… – fine—ok", &["Hello", "she", "said", "fine", "ok"]),
            (
                "a1b 2c3 a.1 1.a a:b 1:2 a..b 1''2",
                &["a1b", "2c3", "a", "1", "1", "a", "a:b", "1", "2", "a", "b", "1", "2"],
            ),
            ("'lead trail. .5 end.", &["lead", "trail", "5", "end"]),
            ("Größe Straße\u{a0}Übermaß ½ × ÷ é", &["Größe", "Straße", "Übermaß", "½", "é"]),
            ("a’’b a’1 1’a 9’0", &["a", "b", "a", "1", "1", "a", "9’0"]),
            ("x\r\ny\n\nz\tw", &["x", "y", "z", "w"]),
            ("Łódź’s İzmir «Москва» ҂1 Ǆ", &["Łódź’s", "İzmir", "Москва", "1", "Ǆ"]),
        ];
        for (text, expected) in cases {
            let (fast, reference) = both(text);
            assert_eq!(reference, *expected, "reference on {text:?}");
            assert_eq!(fast, *expected, "{text:?}");
        }
    }

    #[test]
    fn other_scripts_take_the_fallback() {
        for text in
            ["café\u{301}", "日本語", "a\u{200d}b", "👍 ok", "שלום", "カタカナ", "🇩🇪", "Ελλάδα", "x\u{ad}y", "2²"]
        {
            let (fast, reference) = both(text);
            assert!(!split_words(text).is_simple(), "{text:?}");
            assert_eq!(fast, reference, "{text:?}");
        }
        assert!(split_words("“Größe” – don’t… €5 „so“ «non» © Łódź İzmir Москва ҂1").is_simple());
    }

    /// One character, weighted toward what makes boundaries interesting: letters, digits and
    /// every joining mark next to them, the simple set's punctuation, and now and then a
    /// character outside the set.
    fn character() -> impl Strategy<Value = char> {
        prop_oneof![
            10 => proptest::char::range('a', 'e'),
            4 => proptest::char::range('A', 'C'),
            4 => proptest::sample::select(vec!['é', 'ü', 'Ö', 'ß', 'ª', 'µ', 'º', 'ÿ', 'À']),
            6 => proptest::char::range('0', '3'),
            5 => Just(' '),
            12 => proptest::sample::select(vec!['.', ',', ';', ':', '\'', '’', '‘', '_', '\u{2024}', '\u{2027}']),
            4 => proptest::sample::select(vec![
                '“', '”', '–', '—', '…', '„', '‚', '\u{a0}', '€', '\r', '\n', '\t', '-', '(', '"', '!', '×', '÷', '«'
            ]),
            2 => proptest::char::range('\u{a0}', '\u{ff}'),
            2 => proptest::char::range('\u{100}', '\u{2ff}'),
            2 => proptest::char::range('\u{3f0}', '\u{52f}'),
            2 => proptest::char::range('\u{2010}', '\u{203f}'),
            1 => proptest::sample::select(vec![
                '\u{301}', '\u{200d}', '\u{ad}', '·', '¸', '²', 'Ω', '日', 'カ', 'ש', '"', '👍', '🇩', '\u{2028}', '\u{85}', 'ω'
            ]),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(character(), 0..48).prop_map(|cs| cs.into_iter().collect())
    }

    fn cases(default: u32) -> u32 {
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

        /// The scanner's words are `unicode_words()`'s, on the text alone (ASCII text takes
        /// `unicode-segmentation`'s own ASCII path) and behind a no-break space (its general path).
        #[test]
        fn the_words_are_unicode_words(text in text()) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference, "{:?}", text);
            let behind = format!("\u{a0}{text}");
            let (fast, reference) = both(&behind);
            prop_assert_eq!(fast, reference, "{:?}", behind);
        }

        /// Any text at all (mostly the fallback).
        #[test]
        fn any_text_gives_unicode_words(text in any::<String>()) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference, "{:?}", text);
        }
    }
}
