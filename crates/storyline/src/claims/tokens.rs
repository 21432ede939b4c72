//! A small tokenizer with byte offsets, tuned for attribution and numbers.
//!
//! `text::words` normalizes away punctuation, but attribution needs it (the comma before
//! "he said", the colon after "insisted") and facts need "100,000" and "5-1/2" as one token, so
//! claims keeps its own token stream.

/// One token: a word (letters/digits with inner joiners) or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Byte offset in the text passed to [`tokenize`] plus its base.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

impl Tok<'_> {
    /// Whether the token is a word (starts with a letter or digit).
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// Whether the token is exactly the punctuation character `c`.
    pub fn is(&self, c: char) -> bool {
        let mut it = self.text.chars();
        it.next() == Some(c) && it.next().is_none()
    }

    /// Whether the word starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The word lower-cased, with a possessive ending removed ("Russia’s" → "russia").
    pub fn lower(&self) -> String {
        strip_possessive(self.text).to_lowercase()
    }
}

/// `word` without a trailing `’s` / `'s`.
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix("’S"))
        .or_else(|| word.strip_suffix("s’").or_else(|| word.strip_suffix("s'")).map(|w| &word[..w.len() + 1]))
        .unwrap_or(word)
}

/// Whether the apostrophe at char `j` makes a plural or s-final possessive of the word before
/// it ("Sanders’ campaign manager", "the Jones' home"): it follows an `s` and a space follows.
/// A closing single quote after such a word reads the same and is glued too, which costs
/// nothing: single marks never delimit quotes.
fn plural_possessive(chars: &[(usize, char)], j: usize) -> bool {
    matches!(chars[j].1, '’' | '\'')
        && j > 0
        && chars[j - 1].1 == 's'
        && chars.get(j + 1).is_some_and(|c| c.1 == ' ')
        && chars.get(j + 2).is_some_and(|c| c.1.is_alphabetic())
}

/// Whether the word ends in a possessive `’s` / `'s` (or the bare apostrophe of `Sanders’`).
pub(crate) fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

/// Characters that join two alphanumeric runs into one word ("U.S", "Secretary-General",
/// "doesn’t"); `,` and `/` join digits only ("100,000", "1/2").
fn joins(c: char, prev: char, next: char) -> bool {
    match c {
        '-' | '\'' | '’' | '.' | '‑' => prev.is_alphanumeric() && next.is_alphanumeric(),
        ',' | '/' => prev.is_numeric() && next.is_numeric(),
        _ => false,
    }
}

/// Tokens of `text`, with offsets shifted by `base`. Runs in one pass; white space is dropped.
pub(crate) fn tokenize(text: &str, base: usize) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            let end = pos + c.len_utf8();
            out.push(Tok { text: &text[pos..end], start: base + pos, end: base + end });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let cj = chars[j].1;
            if cj.is_alphanumeric() {
                j += 1;
            } else if j + 1 < chars.len() && joins(cj, chars[j - 1].1, chars[j + 1].1) {
                j += 2;
            } else if plural_possessive(&chars, j) {
                j += 1;
            } else {
                break;
            }
        }
        let end = if j < chars.len() { chars[j].0 } else { text.len() };
        out.push(Tok { text: &text[pos..end], start: base + pos, end: base + end });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joiners() {
        let t: Vec<&str> = tokenize("U.S. envoy’s 5-1/2 hours, 100,000 men", 0).iter().map(|t| t.text).collect();
        assert_eq!(t, vec!["U.S", ".", "envoy’s", "5-1/2", "hours", ",", "100,000", "men"]);
    }

    #[test]
    fn plural_possessives_keep_their_apostrophe() {
        let t: Vec<&str> = tokenize("Brandes’ aide, the boys' boat 'fine'", 0).iter().map(|t| t.text).collect();
        assert_eq!(t, vec!["Brandes’", "aide", ",", "the", "boys'", "boat", "'", "fine", "'"]);
        assert_eq!(strip_possessive("Brandes’"), "Brandes");
        assert!(is_possessive("boys'") && !is_possessive("boys"));
    }

    #[test]
    fn offsets_are_shifted() {
        let toks = tokenize("“Hi,” he", 10);
        assert_eq!(toks[0].start, 10);
        assert_eq!(toks[1].text, "Hi");
        assert_eq!(toks[1].start, 13);
    }
}
