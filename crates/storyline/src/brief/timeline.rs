//! The story's timeline: sentences that name a weekday ("on Sunday", "Wednesday in Brussels"),
//! resolved to dates against the article's publication date (or the story's first date).
//!
//! Resolution is by tense: a sentence that announces ("will", "planned", "scheduled", "to
//! follow") takes the next such weekday, any other the most recent one on or before the date.

use super::pool::Pool;
use super::summary;
use crate::extract::meta::day_of;
use crate::model::{Article, TimelineEntry};
use chrono::{Datelike, Days, NaiveDate, Weekday};

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// The first weekday a sentence names, if any, with its byte offset.
fn weekday(text: &str) -> Option<(usize, &'static str, Weekday)> {
    let mut best: Option<(usize, &'static str, Weekday)> = None;
    for (name, wd) in WEEKDAYS {
        if let Some(p) = text.find(name) {
            let tail = &text[p + name.len()..];
            let whole = !tail.chars().next().is_some_and(char::is_alphanumeric);
            if whole && best.is_none_or(|b| p < b.0) {
                best = Some((p, name, wd));
            }
        }
    }
    best
}

/// Resolve a weekday against a reference date.
pub fn resolve(reference: NaiveDate, wd: Weekday, future: bool) -> NaiveDate {
    let (r, w) = (i64::from(reference.weekday().num_days_from_monday()), i64::from(wd.num_days_from_monday()));
    if future {
        let ahead = (w - r).rem_euclid(7);
        reference.checked_add_days(Days::new(ahead as u64)).unwrap_or(reference)
    } else {
        let back = (r - w).rem_euclid(7);
        reference.checked_sub_days(Days::new(back as u64)).unwrap_or(reference)
    }
}

/// Build the timeline from the pool's sentence groups.
pub fn timeline(
    pool: &Pool<'_>,
    articles: &[Article],
    story_start: Option<NaiveDate>,
    limit: usize,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<(String, std::collections::BTreeSet<String>, TimelineEntry)> = Vec::new();
    for group in &pool.groups {
        let rep = summary::representative(pool, group, articles);
        let e = &pool.entries[rep];
        let text = e.sentence.text;
        let Some((at, name, wd)) = weekday(text) else { continue };
        if text.split_whitespace().count() > 60 {
            continue;
        }
        let future = crate::text::refers_to_future(text, at);
        let reference = articles[e.article].published.as_deref().and_then(day_of).or(story_start);
        let when = match reference {
            Some(r) => resolve(r, wd, future).format("%Y-%m-%d").to_string(),
            None => name.to_string(),
        };
        let sources = summary::sources(pool, group, articles);
        entries.push((when.clone(), group.voices.clone(), TimelineEntry { when, text: text.to_string(), sources }));
    }
    // Per day, the best-supported sentences, at most two, and none whose voices an earlier pick
    // of that day already covers (a rewrite of the same sentence says nothing new); date order.
    entries.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())).then(a.2.text.len().cmp(&b.2.text.len())));
    let mut out: Vec<TimelineEntry> = Vec::new();
    let mut day: Vec<&std::collections::BTreeSet<String>> = Vec::new();
    for (when, voices, entry) in &entries {
        if out.last().is_some_and(|l| &l.when != when) {
            day.clear();
        }
        if day.len() < 2 && !day.iter().any(|v| voices.is_subset(v)) {
            day.push(voices);
            out.push(entry.clone());
        }
    }
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_resolve_by_tense() {
        let monday = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        assert_eq!(resolve(monday, Weekday::Sun, false), NaiveDate::from_ymd_opt(2025, 3, 9).unwrap());
        assert_eq!(resolve(monday, Weekday::Wed, true), NaiveDate::from_ymd_opt(2025, 3, 12).unwrap());
        assert_eq!(resolve(monday, Weekday::Mon, false), monday);
        assert_eq!(weekday("Talks resume on Wednesday in Brussels").map(|w| w.1), Some("Wednesday"));
    }
}
