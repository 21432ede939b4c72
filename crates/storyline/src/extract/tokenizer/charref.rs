//! Character references (`&amp;`, `&#x2F;`, `&not`), decoded as html5ever's tokenizer decodes
//! them: the longest entity name in html5ever's own table, the legacy names that need no
//! semicolon, the attribute exception, and the numeric rules with the windows-1252 table for
//! 0x80–0x9F.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// The longest entity name in the table, `&CounterClockwiseContourIntegral;`, is 32 bytes.
const LONGEST_NAME: usize = 33;

/// A decoded reference.
pub(super) struct CharRef {
    /// Just past the reference (after the `&` when nothing was decoded).
    pub end: usize,
    /// The characters it stands for; none when the `&` is a plain ampersand.
    pub chars: [char; 2],
    pub len: u8,
    /// html5ever reports a parse error here (it matters only in one place: an error token
    /// between `<pre>` and a decoded newline keeps the newline).
    pub error: bool,
}

impl CharRef {
    fn none(at: usize, error: bool) -> CharRef {
        CharRef { end: at, chars: ['\0'; 2], len: 0, error }
    }

    /// The decoded characters.
    pub fn chars(&self) -> &[char] {
        &self.chars[..usize::from(self.len)]
    }
}

/// Decodes the reference whose text starts at `at` (just after the `&`). `in_attribute`
/// applies the historical exception: in an attribute value, a name without its semicolon
/// followed by `=` or an alphanumeric is not a reference (`?a=1&copy=2`).
pub(super) fn decode(b: &[u8], at: usize, in_attribute: bool) -> CharRef {
    match b.get(at) {
        Some(b'#') => numeric(b, at + 1),
        Some(c) if c.is_ascii_alphanumeric() => named(b, at, in_attribute),
        _ => CharRef::none(at, false),
    }
}

fn numeric(b: &[u8], mut i: usize) -> CharRef {
    let hex = matches!(b.get(i), Some(b'x' | b'X'));
    if hex {
        i += 1;
    }
    let base = if hex { 16 } else { 10 };
    let digits_start = i;
    let mut value: u32 = 0;
    let mut too_big = false;
    while let Some(d) = b.get(i).and_then(|&c| char::from(c).to_digit(base)) {
        value = value.wrapping_mul(base);
        too_big |= value > 0x10FFFF;
        value = value.wrapping_add(d);
        i += 1;
    }
    if i == digits_start {
        // `&#` or `&#x` without digits: the `&` is text and so is what follows it.
        return CharRef::none(digits_start - usize::from(hex) - 1, true);
    }
    let mut error = false;
    if b.get(i) == Some(&b';') {
        i += 1;
    } else {
        error = true;
    }
    let (c, bad) = match value {
        n if n > 0x10FFFF || too_big => ('\u{fffd}', true),
        0 | 0xD800..=0xDFFF => ('\u{fffd}', true),
        0x80..=0x9F => (C1_REPLACEMENTS[(value - 0x80) as usize].unwrap_or_else(|| char_of(value)), true),
        0x01..=0x08 | 0x0B | 0x0D..=0x1F | 0x7F | 0xFDD0..=0xFDEF => (char_of(value), true),
        n if n & 0xFFFE == 0xFFFE => (char_of(n), true),
        n => (char_of(n), false),
    };
    CharRef { end: i, chars: [c, '\0'], len: 1, error: error || bad }
}

fn char_of(n: u32) -> char {
    char::from_u32(n).unwrap_or('\u{fffd}')
}

/// The longest full match among the prefixes of the name, as html5ever finds it walking the
/// table of names and their prefixes one character at a time.
fn named(b: &[u8], at: usize, in_attribute: bool) -> CharRef {
    let mut found: Option<(usize, (u32, u32))> = None;
    let mut len = 0;
    while at + len < b.len() && len < LONGEST_NAME {
        let c = b[at + len];
        if !(c.is_ascii_alphanumeric() || c == b';') {
            break;
        }
        len += 1;
        // ASCII only, so the slice is a str.
        let name = std::str::from_utf8(&b[at..at + len]).unwrap_or_default();
        match NAMED_ENTITIES.get(name) {
            Some(&m) => {
                if m.0 != 0 {
                    found = Some((len, m));
                }
            }
            None => break,
        }
        if c == b';' {
            break;
        }
    }
    let Some((len, (c1, c2))) = found else {
        // Not a reference: html5ever reports an error only for `&name;`, and the `&` is text.
        let mut end = at;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        return CharRef::none(at, b.get(end) == Some(&b';'));
    };
    let end = at + len;
    let semicolon = b[end - 1] == b';';
    let next = b.get(end).copied();
    if !semicolon && in_attribute && next.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric()) {
        return CharRef::none(at, false);
    }
    let chars = [char_of(c1), char_of(c2)];
    CharRef { end, chars, len: if c2 == 0 { 1 } else { 2 }, error: !semicolon }
}

#[cfg(test)]
mod tests {
    use super::decode;

    fn text(s: &str, attr: bool) -> (String, usize) {
        let r = decode(s.as_bytes(), 1, attr);
        (r.chars().iter().collect(), r.end)
    }

    #[test]
    fn named_references_take_the_longest_name() {
        assert_eq!(text("&amp;x", false), ("&".into(), 5));
        assert_eq!(text("&ampx", false), ("&".into(), 4));
        assert_eq!(text("&notit;", false), ("\u{ac}".into(), 4));
        assert_eq!(text("&notin;", false), ("\u{2209}".into(), 7));
        assert_eq!(text("&bogus;", false), (String::new(), 1));
        assert_eq!(text("&NotEqualTilde;", false), ("\u{2242}\u{338}".into(), 15));
    }

    #[test]
    fn attributes_keep_legacy_names_before_equals_or_letters() {
        assert_eq!(text("&ampx=1", true), (String::new(), 1));
        assert_eq!(text("&amp=1", true), (String::new(), 1));
        assert_eq!(text("&amp;x=1", true), ("&".into(), 5));
        assert_eq!(text("&amp 1", true), ("&".into(), 4));
    }

    #[test]
    fn numeric_references_follow_the_replacement_rules() {
        assert_eq!(text("&#x80;", false), ("\u{20ac}".into(), 6));
        assert_eq!(text("&#x81;", false), ("\u{81}".into(), 6));
        assert_eq!(text("&#0;", false), ("\u{fffd}".into(), 4));
        assert_eq!(text("&#xD800;", false), ("\u{fffd}".into(), 8));
        assert_eq!(text("&#99999999999;", false), ("\u{fffd}".into(), 14));
        assert_eq!(text("&#65", false), ("A".into(), 4));
        assert_eq!(text("&#x;", false), (String::new(), 1));
        assert_eq!(text("&#", false), (String::new(), 1));
    }
}
