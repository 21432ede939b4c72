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

/// How a weekday is tied to the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relative {
    /// By tense ("on Sunday", "will meet Wednesday").
    Tense,
    /// "next Friday": the first such day after the reference.
    Next,
    /// "last Friday": the last such day before it.
    Last,
}

/// Words before a weekday that make it a kind of day, not a date: "its Saturday morning
/// programme", "every Tuesday".
const NOT_A_DATE_BEFORE: &[&str] = &["its", "his", "her", "their", "our", "my", "your", "every", "each", "a"];

/// The first weekday a sentence names as a date, if any, with its byte offset and how it
/// relates to the reference date. A weekday in a range ("open Tuesday to Sunday") is a
/// schedule, and one after a possessive or "every" a recurring thing; both are skipped.
fn weekday(text: &str) -> Option<(usize, &'static str, Weekday, Relative)> {
    let name_at = |p: usize| WEEKDAYS.iter().find(|(n, _)| text[p..].starts_with(n) && whole(text, p, n.len()));
    let word_before = |p: usize| {
        let head = text[..p].trim_end();
        let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
        word.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
    };
    let mut found: Vec<(usize, &'static str, Weekday)> = Vec::new();
    for (name, wd) in WEEKDAYS {
        found.extend(text.match_indices(name).filter(|(p, _)| whole(text, *p, name.len())).map(|(p, _)| (p, name, wd)));
    }
    found.sort_by_key(|f| f.0);
    for (p, name, wd) in found {
        let before = word_before(p);
        if NOT_A_DATE_BEFORE.contains(&before.as_str()) {
            continue;
        }
        let after = text[p + name.len()..].trim_start();
        let ranged_after = ["to ", "through ", "– ", "- ", "–", "-"].iter().any(|link| {
            after.strip_prefix(link).is_some_and(|rest| name_at(text.len() - rest.trim_start().len()).is_some())
        });
        let head = text[..p].trim_end();
        let ranged_before = [" to", " through", "–", "-"].iter().any(|link| {
            head.strip_suffix(link).is_some_and(|h| WEEKDAYS.iter().any(|(n, _)| h.trim_end().ends_with(n)))
        });
        if ranged_after || ranged_before {
            continue;
        }
        let relative = match before.as_str() {
            "next" => Relative::Next,
            "last" => Relative::Last,
            _ => Relative::Tense,
        };
        return Some((p, name, wd, relative));
    }
    None
}

/// Whether `text[p..p + len]` is a whole word.
fn whole(text: &str, p: usize, len: usize) -> bool {
    let before = text[..p].chars().next_back().is_some_and(char::is_alphanumeric);
    let after = text[p + len..].chars().next().is_some_and(char::is_alphanumeric);
    !before && !after
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

/// [`resolve`] with "next" and "last": never the reference day itself.
fn resolve_relative(reference: NaiveDate, wd: Weekday, relative: Relative, future: bool) -> NaiveDate {
    match relative {
        Relative::Tense => resolve(reference, wd, future),
        Relative::Next => resolve(reference.succ_opt().unwrap_or(reference), wd, true),
        Relative::Last => resolve(reference.pred_opt().unwrap_or(reference), wd, false),
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
        let Some((at, name, wd, relative)) = weekday(text) else { continue };
        if text.split_whitespace().count() > 60 {
            continue;
        }
        let future = crate::text::refers_to_future(text, at);
        let reference = articles[e.article].published.as_deref().and_then(day_of).or(story_start);
        let when = match reference {
            Some(r) => resolve_relative(r, wd, relative, future).format("%Y-%m-%d").to_string(),
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

    #[test]
    fn schedules_and_recurring_days_are_not_dates_and_next_skips_today() {
        let saturday = NaiveDate::from_ymd_opt(2025, 3, 8).unwrap();
        assert_eq!(weekday("The museum is open Tuesday to Sunday from 10 a.m."), None);
        assert_eq!(weekday("The ferry runs Monday-Friday and on holidays."), None);
        assert_eq!(weekday("The radio will broadcast its Saturday morning programme live next weekend."), None);
        assert_eq!(weekday("Volunteers meet every Thursday at the quay."), None);
        // A range does not hide a date elsewhere in the sentence.
        let (_, name, _, _) = weekday("Open Tuesday to Sunday, the hall closed on Friday for repairs.").unwrap();
        assert_eq!(name, "Friday");
        let (at, _, wd, rel) = weekday("The vote is set for next Saturday.").unwrap();
        assert_eq!(rel, Relative::Next);
        let future = crate::text::refers_to_future("The vote is set for next Saturday.", at);
        assert_eq!(resolve_relative(saturday, wd, rel, future), NaiveDate::from_ymd_opt(2025, 3, 15).unwrap());
        let (_, _, wd, rel) = weekday("The pier closed last Saturday.").unwrap();
        assert_eq!(resolve_relative(saturday, wd, rel, false), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        // A no-break space (two bytes) before the weekday is a word boundary like any other.
        assert_eq!(weekday("Ferry crews walked\u{a0}out Monday.").map(|w| w.1), Some("Monday"));
        assert_eq!(weekday("The vote is set for next\u{a0}Saturday.").map(|w| w.3), Some(Relative::Next));
        // "until Sunday" is a date, not the end of a range.
        assert_eq!(weekday("The pier stays shut until Sunday.").map(|w| w.1), Some("Sunday"));
    }

    proptest::proptest! {
        /// Any text, any spacing or script: a weekday is found or not, never a panic.
        #[test]
        fn any_text_is_read_without_a_panic(text in "(Monday|Sunday|next|to|-|–|\u{a0}| |é|’|[a-z]{1,4}){0,12}") {
            let _ = weekday(&text);
        }
    }
}
