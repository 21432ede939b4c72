//! Reading numbers as news writes them: "100,000", "5-1/2", "5½", "eight", "a dozen",
//! "twenty-five", "4.5 billion", "$4.5bn", and the vague "tens of thousands".

use super::tokens::Tok;

/// A number found at a token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number {
    /// The value, scale words applied.
    pub value: f64,
    /// Index of the first token.
    pub first: usize,
    /// Index just past the last token.
    pub next: usize,
    /// Written in words ("eight").
    pub words: bool,
    /// Vague ("tens of thousands", "dozens"): no value to compare, the caller skips it.
    pub vague: bool,
    /// A range ("10-12"); `value` is its lower end.
    pub range: bool,
    /// The word glued on with a hyphen ("57-member" → "member").
    pub suffix: Option<String>,
    /// The digits as written had no separator and four or more digits ("2014", "20220110").
    pub bare_digits: usize,
}

const SMALL: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// The value of a scale word ("thousand") or "dozen".
fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// The value of a simple number word or a hyphenated compound ("twenty-five").
fn word_value(word: &str) -> Option<f64> {
    let mut total = 0.0;
    for part in word.split('-') {
        total += if let Some(i) = SMALL.iter().position(|w| *w == part) {
            i as f64
        } else {
            (TENS.iter().position(|w| *w == part)? as f64 + 2.0) * 10.0
        };
    }
    Some(total)
}

/// The value of a vulgar-fraction character.
fn fraction_char(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅛' => 0.125,
        _ => return None,
    })
}

/// "1/2" → 0.5.
fn slash_fraction(s: &str) -> Option<f64> {
    let (a, b) = s.split_once('/')?;
    let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
    (b != 0.0 && a < b).then(|| a / b)
}

/// "100,000", "4.5", "5½", "½", "1/2" → value.
fn plain_value(s: &str) -> Option<f64> {
    if let Some(f) = slash_fraction(s) {
        return Some(f);
    }
    let (head, frac) = match s.chars().last().and_then(fraction_char) {
        Some(f) => (&s[..s.len() - s.chars().last()?.len_utf8()], f),
        None => (s, 0.0),
    };
    if head.is_empty() {
        return (frac > 0.0).then_some(frac);
    }
    if !head.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') || head.starts_with(',') {
        return None;
    }
    let clean: String = head.chars().filter(|c| *c != ',').collect();
    Some(clean.parse::<f64>().ok()? + frac)
}

/// A digit token: value, glued word, range flag.
fn digits(s: &str) -> Option<(f64, Option<String>, bool)> {
    if let Some(v) = plain_value(s) {
        return Some((v, None, false));
    }
    if let Some((a, b)) = s.split_once(['-', '‑']) {
        let whole = plain_value(a)?;
        if let Some(f) =
            slash_fraction(b).or_else(|| b.chars().next().and_then(fraction_char).filter(|_| b.chars().count() == 1))
        {
            return Some((whole + f, None, false));
        }
        if let Some(v) = plain_value(b) {
            return (v > whole).then_some((whole, None, true));
        }
        let word = b.to_lowercase();
        return word.chars().all(|c| c.is_alphabetic() || c == '-').then_some((whole, Some(word), false));
    }
    let split = s.find(|c: char| c.is_alphabetic())?;
    let (num, tail) = s.split_at(split);
    let v = plain_value(num)?;
    scale(&tail.to_lowercase()).or(if tail == "m" { Some(1e6) } else { None }).map(|m| (v * m, None, false))
}

/// Whether `word` (lower-case) is a plural scale that makes a number vague ("thousands").
fn vague_word(word: &str) -> bool {
    matches!(word, "tens" | "dozens" | "hundreds" | "thousands" | "millions" | "billions" | "scores")
}

/// Consumes "of thousands of" chains after a vague word; returns the index past them.
fn skip_vague(toks: &[Tok], mut k: usize) -> usize {
    while toks.get(k).is_some_and(|t| t.lower() == "of") && toks.get(k + 1).is_some_and(|t| vague_word(&t.lower())) {
        k += 2;
    }
    k
}

/// Applies scale words and a trailing fraction after a value ending before `k`.
fn scaled(toks: &[Tok], mut value: f64, mut k: usize) -> (f64, usize) {
    if let Some(f) =
        toks.get(k).and_then(|t| slash_fraction(t.text).or_else(|| t.text.chars().next().and_then(fraction_char)))
    {
        value += f;
        k += 1;
    }
    while let Some(m) = toks.get(k).and_then(|t| scale(&t.lower())) {
        value *= m;
        k += 1;
    }
    (value, k)
}

/// The number that starts at token `i`, if any.
pub(crate) fn parse_at(toks: &[Tok], i: usize) -> Option<Number> {
    let t = toks.get(i)?;
    let lower = t.lower();
    let base = Number {
        value: 0.0,
        first: i,
        next: i + 1,
        words: false,
        vague: false,
        range: false,
        suffix: None,
        bare_digits: 0,
    };
    if vague_word(&lower) {
        return Some(Number { vague: true, next: skip_vague(toks, i + 1), ..base });
    }
    let starts_digit = t.text.starts_with(|c: char| c.is_ascii_digit() || fraction_char(c).is_some());
    if starts_digit {
        let (v, suffix, range) = digits(t.text)?;
        let bare = t.text.chars().all(|c| c.is_ascii_digit());
        let bare_digits = if bare { t.text.len() } else { 0 };
        let (value, next) = if suffix.is_none() { scaled(toks, v, i + 1) } else { (v, i + 1) };
        return Some(Number { value, next, range, suffix, bare_digits, ..base });
    }
    let article = matches!(lower.as_str(), "a" | "an");
    if article {
        let m = toks.get(i + 1).and_then(|n| scale(&n.lower()))?;
        let (value, next) = scaled(toks, m, i + 2);
        return Some(Number { value, next, words: true, ..base });
    }
    if lower == "half"
        && toks.get(i + 1).is_some_and(|n| n.lower() == "a")
        && toks.get(i + 2).is_some_and(|n| n.lower() == "dozen")
    {
        return Some(Number { value: 6.0, next: i + 3, words: true, ..base });
    }
    let mut value = word_value(&lower)?;
    let mut k = i + 1;
    while let Some(v) = toks.get(k).and_then(|t| word_value(&t.lower())) {
        value += v;
        k += 1;
    }
    let (value, next) = scaled(toks, value, k);
    Some(Number { value, next, words: true, ..base })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn value(s: &str) -> Option<f64> {
        let toks = tokenize(s, 0);
        parse_at(&toks, 0).filter(|n| !n.vague).map(|n| n.value)
    }

    #[test]
    fn digits_fractions_and_scales() {
        assert_eq!(value("100,000 men"), Some(100_000.0));
        assert_eq!(value("5-1/2 hours"), Some(5.5));
        assert_eq!(value("5½ hours"), Some(5.5));
        assert_eq!(value("5 1/2 hours"), Some(5.5));
        assert_eq!(value("½ hour"), Some(0.5));
        assert_eq!(value("4.5 billion"), Some(4.5e9));
        assert_eq!(value("4.5bn"), Some(4.5e9));
        assert_eq!(value("10th"), None);
    }

    #[test]
    fn words() {
        assert_eq!(value("eight hours"), Some(8.0));
        assert_eq!(value("a dozen ships"), Some(12.0));
        assert_eq!(value("half a dozen ships"), Some(6.0));
        assert_eq!(value("twenty-five ships"), Some(25.0));
        assert_eq!(value("forty million euros"), Some(4e7));
        assert_eq!(value("a ship"), None);
        let toks = tokenize("tens of thousands of troops", 0);
        let n = parse_at(&toks, 0).unwrap();
        assert!(n.vague);
        assert_eq!(toks[n.next].text, "of");
    }

    #[test]
    fn compounds_and_ranges() {
        let toks = tokenize("57-member group", 0);
        assert_eq!(parse_at(&toks, 0).unwrap().suffix.as_deref(), Some("member"));
        let toks = tokenize("10-12 ships", 0);
        let n = parse_at(&toks, 0).unwrap();
        assert!(n.range);
        assert_eq!(n.value, 10.0);
    }
}
