//! Numeric facts: a number, its hedge, and what it counts ("roughly 5-1/2 hours of talks").
//!
//! What is measured is decided by the counted noun and its head context, normalized so that
//! sources can be compared: "hours of discussions" and "talks, which lasted two hours" both
//! measure `hours of talks`. Numbers that do not measure anything comparable — years, dates,
//! times of day, ordinals, ages, page numbers, parts of names ("Nord Stream 2") and vague
//! amounts ("tens of thousands") — are skipped.

use super::lexicon;
use super::marks;
use super::numbers::{self, Number};
use super::tokens::Tok;
use crate::model::Fact;
use crate::text;

/// Hedges, longest first so "a little over" wins over "over".
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "a little more than", "a bit more than", "a little over", "a little under", "as many as",
    "as much as", "no fewer than", "no more than", "more than", "less than", "fewer than",
    "an estimated", "up to", "at least", "at most", "close to", "just over", "just under",
    "well over", "nearly", "roughly", "about", "almost", "around", "some", "approximately", "over",
    "under", "estimated", "circa", "only", "barely",
];

/// Words that end a counted-noun phrase.
#[rustfmt::skip]
const PHRASE_STOPS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "near", "along",
    "between", "and", "or", "but", "that", "which", "who", "have", "has", "had", "is", "are", "was",
    "were", "be", "been", "will", "would", "could", "should", "may", "might", "can", "as", "than",
    "into", "over", "under", "after", "before", "during", "since", "about", "around", "per", "its",
    "their", "his", "her", "our", "this", "these", "those", "it", "they", "he", "she", "we", "so",
    "if", "when", "while", "across", "inside", "outside", "against", "each",
];

/// Words before a number that make it a label, not a quantity ("page 5", "aged 45").
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "page", "p", "pp", "no", "number", "aged", "age", "chapter", "article", "section", "paragraph",
    "version", "phase", "stage", "flight", "route", "room", "gate", "platform",
];

/// Nouns that mean "meeting" when a duration is given: all measure `talks`.
#[rustfmt::skip]
const TALKS: &[&str] = &[
    "talks", "talk", "discussions", "discussion", "negotiations", "negotiation", "meeting",
    "meetings", "session", "sessions", "conversation", "conversations", "dinner",
];

/// The normalized unit or counted noun.
fn normalize(noun: &str) -> String {
    let n = match noun {
        "hour" | "hours" | "hrs" | "hr" => "hours",
        "minute" | "minutes" | "mins" => "minutes",
        "day" | "days" => "days",
        "week" | "weeks" => "weeks",
        "month" | "months" => "months",
        "year" | "years" => "years",
        "percent" | "pct" | "%" => "percent",
        "troop" | "troops" | "soldiers" | "servicemen" => "troops",
        "person" | "persons" | "people" => "people",
        "member" | "members" => "members",
        "euro" | "euros" | "€" => "euros",
        "dollar" | "dollars" | "$" => "dollars",
        "pound" | "pounds" | "£" => "pounds",
        "rouble" | "roubles" | "ruble" | "rubles" => "roubles",
        "deaths" | "dead" | "fatalities" => "people killed",
        other => other,
    };
    n.to_string()
}

fn is_duration(unit: &str) -> bool {
    matches!(unit, "hours" | "minutes" | "days" | "weeks")
}

/// The hedge right before token `first`, and the index where it starts.
fn hedge(toks: &[Tok], first: usize) -> Option<(String, usize)> {
    for h in HEDGES {
        let n = h.split(' ').count();
        if n > first {
            continue;
        }
        let before: Vec<String> = toks[first - n..first].iter().map(|t| t.lower()).collect();
        if before.join(" ") == *h {
            return Some((h.to_string(), first - n));
        }
    }
    None
}

/// The counted-noun phrase from token `j`: its lower-case words and the index past it.
fn noun_phrase(toks: &[Tok], mut j: usize) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut last = j;
    while j < toks.len() && words.len() < 3 {
        let t = &toks[j];
        let lower = t.lower();
        let stop = !t.is_word()
            || t.text.starts_with(|c: char| c.is_ascii_digit())
            || PHRASE_STOPS.contains(&lower.as_str())
            || lexicon::weekday(&lower).is_some()
            || lexicon::is_month(&lower)
            || (!words.is_empty() && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly")));
        if stop {
            break;
        }
        if !t.is_capitalized() {
            words.push(lower);
            last = j + 1;
        }
        j += 1;
    }
    (words, last)
}

/// Whether the number is a label, year, date or time rather than a quantity.
fn skipped(toks: &[Tok], n: &Number, first: usize) -> bool {
    let prev = first.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(n.next);
    let prev_lower = prev.map(|p| p.lower()).unwrap_or_default();
    let next_lower = next.map(|t| t.lower()).unwrap_or_default();
    let year = n.bare_digits == 4 && (1900.0..=2100.0).contains(&n.value);
    let name_part = prev.is_some_and(|p| p.is_word() && p.is_capitalized() && first > 1)
        && hedge(toks, first).is_none()
        && !prev.is_some_and(|p| p.text.ends_with("’s") || p.text.ends_with("'s"));
    let clock = next.is_some_and(|t| t.is(':'))
        || prev
            .is_some_and(|p| p.is(':') && first >= 2 && toks[first - 2].text.starts_with(|c: char| c.is_ascii_digit()))
        || matches!(next_lower.as_str(), "a.m" | "p.m" | "am" | "pm" | "gmt" | "utc");
    let determiner =
        matches!(prev_lower.as_str(), "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "both");
    let age = n.suffix.as_deref().is_some_and(|s| s.starts_with("year-old") || s == "old")
        || (next_lower.starts_with("year") && toks.get(n.next + 1).is_some_and(|t| t.lower() == "old"));
    year || n.bare_digits >= 5
        || name_part
        || clock
        || age
        || lexicon::is_month(&prev_lower)
        || lexicon::is_month(&next_lower)
        || LABELS.contains(&prev_lower.as_str())
        || (n.words && n.value < 10.0 && determiner)
        || n.suffix.as_deref().is_some_and(|s| s.ends_with("st") || s.ends_with("th"))
}

/// What the number at `n` measures, and the index past the words that say so.
fn about(toks: &[Tok], n: &Number, currency: Option<&str>) -> Option<(String, usize)> {
    if let Some(c) = currency {
        return Some((normalize(c), n.next));
    }
    if toks.get(n.next).is_some_and(|t| t.is('%')) {
        return Some(("percent".into(), n.next + 1));
    }
    let (head, mut end) = match &n.suffix {
        Some(s) => (normalize(s), n.next),
        None => {
            let (words, end) = noun_phrase(toks, n.next);
            let head = normalize(words.last()?);
            let phrase = if head == *words.last()? { words.join(" ") } else { head };
            (phrase, end)
        }
    };
    if n.value == 1.0 && n.words && !is_duration(&head) && head != "percent" {
        return None;
    }
    if is_duration(&head) {
        let after = toks.get(end).map(|t| t.lower()).unwrap_or_default();
        let of_talks = after == "of" && toks.get(end + 1).is_some_and(|t| TALKS.contains(&t.lower().as_str()));
        if of_talks {
            return Some((format!("{head} of talks"), end + 2));
        }
        if n.suffix.is_some() && TALKS.contains(&after.as_str()) {
            return Some((format!("{head} of talks"), end + 1));
        }
        let talks_before = toks[..n.first].iter().any(|t| TALKS.contains(&t.lower().as_str()));
        return Some((if talks_before { format!("{head} of talks") } else { head }, end));
    }
    if head == "people" {
        let mut k = end;
        while toks
            .get(k)
            .is_some_and(|t| matches!(t.lower().as_str(), "have" | "has" | "had" | "were" | "was" | "are" | "been"))
        {
            k += 1;
        }
        if toks.get(k).is_some_and(|t| matches!(t.lower().as_str(), "died" | "killed" | "dead")) {
            return Some(("people killed".into(), k + 1));
        }
    }
    if toks.get(end).is_some_and(|t| t.lower() == "of") {
        if let Some(t) = toks.get(end + 1).filter(|t| t.is_word() && !t.is_capitalized()) {
            let l = t.lower();
            if !PHRASE_STOPS.contains(&l.as_str()) && !l.starts_with(|c: char| c.is_ascii_digit()) {
                end += 2;
                return Some((format!("{head} of {}", normalize(&l)), end));
            }
        }
    }
    Some((head, end))
}

/// One fact at token `i` of a sentence; returns it (without its day) and the index to go on from.
fn fact_at(body: &str, toks: &[Tok], i: usize) -> Option<(Option<Fact>, usize)> {
    let t = &toks[i];
    let currency = match t.text {
        "$" | "€" | "£" => Some(t.text),
        _ => None,
    };
    let n = numbers::parse_at(toks, i + usize::from(currency.is_some()))?;
    if n.vague {
        return Some((None, n.next));
    }
    if skipped(toks, &n, i) {
        return Some((None, n.next));
    }
    let Some((about, end)) = about(toks, &n, currency) else { return Some((None, n.next)) };
    let (hedge, start_tok) = match hedge(toks, i) {
        Some((h, s)) => (Some(h), s),
        None => (n.range.then(|| "between".to_string()), i),
    };
    let (start, end_byte) = (toks[start_tok].start, toks[end - 1].end);
    let fact =
        Fact { about, value: n.value, hedge, text: body[start..end_byte].to_string(), day: None, start, end: end_byte };
    Some((Some(fact), end.max(i + 1)))
}

/// Weekdays named in the body: (byte offset, lower-case day, whether it refers to the future).
fn weekdays(body: &str) -> Vec<(usize, &'static str, bool)> {
    let mut out = Vec::new();
    for (pa, pb) in marks::paragraphs(body) {
        for (sa, sb) in text::sentences(&body[pa..pb]) {
            let (sa, sb) = (sa + pa, sb + pa);
            for t in super::tokens::tokenize(&body[sa..sb], sa).iter().filter(|t| t.is_word() && t.is_capitalized()) {
                if let Some(d) = lexicon::weekday(t.text) {
                    out.push((t.start, d, text::refers_to_future(&body[sa..sb], t.start - sa)));
                }
            }
        }
    }
    out
}

/// The weekday a fact in sentence `[sa, sb)` at `pos` refers to: the nearest one named in its
/// sentence (one in the past tense first), else the last past-tense one named before it — an
/// announced "meet again on Wednesday" in the lead does not date the talks that follow.
fn day_for(days: &[(usize, &'static str, bool)], sa: usize, sb: usize, pos: usize) -> Option<String> {
    let in_sentence = days.iter().filter(|d| d.0 >= sa && d.0 < sb).min_by_key(|d| (d.2, d.0.abs_diff(pos)));
    let earlier = || days.iter().rev().find(|d| d.0 < sa && !d.2);
    in_sentence.or_else(earlier).map(|d| d.1.to_string())
}

/// Numeric facts of `body`, in order.
pub fn facts(body: &str) -> Vec<Fact> {
    let days = weekdays(body);
    let mut out = Vec::new();
    for (pa, pb) in marks::paragraphs(body) {
        for (sa, sb) in text::sentences(&body[pa..pb]) {
            let (sa, sb) = (sa + pa, sb + pa);
            let toks = super::tokens::tokenize(&body[sa..sb], sa);
            let mut i = 0;
            while i < toks.len() {
                match fact_at(body, &toks, i) {
                    Some((fact, next)) => {
                        if let Some(mut f) = fact {
                            f.day = day_for(&days, sa, sb, f.start);
                            out.push(f);
                        }
                        i = next.max(i + 1);
                    }
                    None => i += 1,
                }
            }
        }
    }
    out
}
