//! Metadata found in the text itself: publication dates in their many spellings, datelines
//! ("GENEVA (AFP) —"), wire credits, and an outlet suffix on the title.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Wire services and agencies recognised in credits. Datelines also credit any short
/// parenthesised upper-case token ("(NWS)"), so this list only has to cover free-text credits.
const WIRES: &[(&str, &str)] = &[
    ("associated press", "AP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("reuters", "Reuters"),
    ("bloomberg", "Bloomberg"),
    ("xinhua", "Xinhua"),
    ("press trust of india", "PTI"),
    ("united press international", "UPI"),
    ("deutsche presse-agentur", "dpa"),
];

/// Normalize a date or time as written in a header line, a feed or a meta tag: `YYYY-MM-DD`
/// for dates, RFC 3339 for times. `None` when it is not a date.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('.');
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_rfc3339());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.to_rfc3339());
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().to_rfc3339());
        }
    }
    let cleaned = s.replace([',', '.'], "");
    for f in
        ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%A %B %d %Y", "%a %b %d %Y"]
    {
        let input = if f.contains('-') || f.contains('/') { s } else { &cleaned };
        if let Ok(d) = NaiveDate::parse_from_str(input, f) {
            if (1900..=2200).contains(&chrono::Datelike::year(&d)) {
                return Some(d.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

/// The date part (`YYYY-MM-DD`) of a normalized date or time.
pub fn day_of(published: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()
}

/// A dateline found at the start of the first paragraph.
#[derive(Debug, PartialEq)]
pub struct Dateline {
    /// The dateline as written, without the separator ("GENEVA (AFP)").
    pub text: String,
    /// The credited wire, from the parentheses ("AFP").
    pub wire: Option<String>,
    /// Byte length of the dateline and its separator, to strip from the paragraph.
    pub len: usize,
}

/// Recognise "GENEVA (AFP) —", "WASHINGTON –", "Geneva:", "NEW YORK, Jan 10 (Reuters) -".
///
/// Hand-written rather than a regex because the place may be upper-case (any length) or
/// title-case (at most three words), and the credit is optional: the rule is small and exact.
pub fn dateline(paragraph: &str) -> Option<Dateline> {
    let head: String = paragraph.chars().take(80).collect();
    let sep = head.char_indices().find(|(_, c)| matches!(c, '—' | '–' | ':' | '-'))?;
    let (place_and_credit, rest) = head.split_at(sep.0);
    let after = &rest[sep.1.len_utf8()..];
    if !after.starts_with(' ') || (sep.1 == '-' && !place_and_credit.ends_with(' ')) {
        return None;
    }
    let raw = place_and_credit.trim();
    let (place, wire) = match raw.find('(') {
        Some(open) if raw.ends_with(')') => (raw[..open].trim(), Some(raw[open + 1..raw.len() - 1].trim().to_string())),
        _ => (raw, None),
    };
    let place = place.split(',').next().unwrap_or(place).trim();
    if place.is_empty() || !place.chars().next()?.is_uppercase() {
        return None;
    }
    let words: Vec<&str> = place.split_whitespace().collect();
    let upper = place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let title_case = words.len() <= 3 && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !(upper && words.len() <= 5 || title_case) || place.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if wire.as_ref().is_some_and(|w| w.is_empty() || w.len() > 30) {
        return None;
    }
    let len = sep.0 + sep.1.len_utf8() + (after.len() - after.trim_start().len());
    Some(Dateline { text: raw.to_string(), wire, len })
}

/// A wire credit in free text ("Associated Press writers … contributed", "— Reuters").
pub fn wire_credit(paragraph: &str) -> Option<String> {
    let lower = paragraph.to_lowercase();
    let credits = lower.contains("contributed") || lower.contains("reporting by") || lower.len() < 60;
    if !credits {
        return None;
    }
    WIRES.iter().find(|(name, _)| lower.contains(name)).map(|(_, short)| (*short).to_string()).or_else(|| {
        // "NWS writer Aino Kask contributed to this report.": an agency known only by its
        // initials, credited the way wires credit their staff.
        let mut words = paragraph.split_whitespace();
        let (first, role) = (words.next()?, words.next()?);
        let acronym = (2..=6).contains(&first.len()) && first.chars().all(|c| c.is_ascii_uppercase());
        let staff = matches!(role, "writer" | "writers" | "correspondent" | "reporter" | "reporters" | "staff");
        (acronym && staff && lower.contains("contributed")).then(|| first.to_string())
    })
}

/// Whether an outlet (a name or a host) is the wire `wire` itself: the same name, the wire's
/// initials ("Northern Wire Service" for NWS), its full name ("The Associated Press" for AP), a
/// known home of the wire ("apnews.com"), or a host whose first label runs the words of those
/// initials together ("northernwire.example" for NWS: every letter but a last one, each word
/// at least three letters).
pub fn outlet_is_wire(outlet: &str, wire: &str) -> bool {
    let norm = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let (o, w) = (norm(outlet), norm(wire));
    if w.is_empty() || o.is_empty() {
        return false;
    }
    let lower = outlet.to_lowercase();
    let initials: String = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty() && *x != "the")
        .filter_map(|x| x.chars().next())
        .collect();
    if o == w || (initials.len() >= 2 && initials == w) {
        return true;
    }
    if WIRES.iter().any(|(name, short)| norm(short) == w && lower.contains(name)) {
        return true;
    }
    let label = lower.split('.').next().unwrap_or("");
    let homes: &[(&str, &[&str])] = &[
        ("ap", &["apnews", "ap"]),
        ("reuters", &["reuters"]),
        ("afp", &["afp"]),
        ("bloomberg", &["bloomberg"]),
        ("upi", &["upi"]),
        ("xinhua", &["xinhuanet", "english"]),
        ("pti", &["ptinews"]),
        ("dpa", &["dpa", "dpa-international"]),
    ];
    if lower.contains('.') && homes.iter().any(|(h, labels)| *h == w && labels.contains(&label)) {
        return true;
    }
    // The run-together host label: split before each initial in turn.
    let letters: Vec<char> = w.chars().collect();
    if !lower.contains('.') || letters.len() < 3 || !label.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    (letters.len() - 1..=letters.len()).any(|k| spelled(label, &letters[..k]))
}

/// Whether `label` is `k` words of at least three letters each, the i-th starting with
/// `initials[i]`.
fn spelled(label: &str, initials: &[char]) -> bool {
    match initials {
        [] => label.is_empty(),
        [first, rest @ ..] => {
            label.starts_with(*first)
                && (3..=label.len()).any(|cut| {
                    let (word, tail) = label.split_at(cut);
                    word.len() >= 3 && (if rest.is_empty() { tail.is_empty() } else { spelled(tail, rest) })
                })
        }
    }
}

/// Split an outlet suffix off a title: "Talks stall – News-Herald" → ("Talks stall", "News-Herald").
pub fn split_title_outlet(title: &str) -> (String, Option<String>) {
    for sep in [" | ", " – ", " — ", " - "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (title[..pos].trim(), title[pos + sep.len()..].trim());
            let tail_words = tail.split_whitespace().count();
            let looks_like_site =
                tail.contains('.') || tail.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if tail_words <= 4 && head.split_whitespace().count() >= 4 && looks_like_site && !tail.is_empty() {
                return (head.to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.trim().to_string(), None)
}

/// The host of a URL, without "www." — the outlet when nothing better names it.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_many_spellings() {
        assert_eq!(normalize_date("20250314").as_deref(), Some("2025-03-14"));
        assert_eq!(normalize_date("March 14, 2025").as_deref(), Some("2025-03-14"));
        assert_eq!(normalize_date("14 Mar 2025").as_deref(), Some("2025-03-14"));
        assert_eq!(normalize_date("2025-03-14T09:30:00Z").as_deref(), Some("2025-03-14T09:30:00+00:00"));
        assert_eq!(normalize_date("Fri, 14 Mar 2025 09:30:00 GMT").as_deref(), Some("2025-03-14T09:30:00+00:00"));
        assert_eq!(normalize_date("The harbour reopened"), None);
        assert_eq!(normalize_date("12345678"), None);
    }

    #[test]
    fn datelines_and_credits() {
        let d = dateline("VARENHOLM (NWS) — Dockworkers voted on Monday.").unwrap();
        assert_eq!((d.text.as_str(), d.wire.as_deref()), ("VARENHOLM (NWS)", Some("NWS")));
        assert_eq!(&"VARENHOLM (NWS) — Dockworkers"[d.len..], "Dockworkers");
        assert_eq!(dateline("Port Varen: The ferry left.").unwrap().text, "Port Varen");
        assert_eq!(dateline("BRUSSELS – Ministers met.").unwrap().wire, None);
        assert!(dateline("The minister said: we will see.").is_none());
        assert!(dateline("In 2024 - a year of change - prices rose.").is_none());
        assert_eq!(wire_credit("Associated Press writer Ann Lee contributed.").as_deref(), Some("AP"));
        assert_eq!(wire_credit("NWS writer Aino Kask in Tessby contributed to this report.").as_deref(), Some("NWS"));
        assert_eq!(wire_credit("Staff writer Ann Lee contributed to this report."), None);
        assert_eq!(wire_credit("NATO officials contributed troops to the mission."), None);
    }

    #[test]
    fn outlet_suffix() {
        assert_eq!(
            split_title_outlet("Harbour talks end without a deal – Varen Herald"),
            ("Harbour talks end without a deal".to_string(), Some("Varen Herald".to_string()))
        );
        assert_eq!(split_title_outlet("Talks - a start").1, None);
    }

    #[test]
    fn an_outlet_is_its_wire_by_name_initials_or_home() {
        assert!(outlet_is_wire("Northern Wire Service", "NWS"));
        assert!(outlet_is_wire("northernwire.example", "NWS"));
        assert!(outlet_is_wire("The Associated Press", "AP"));
        assert!(outlet_is_wire("apnews.com", "AP"));
        assert!(outlet_is_wire("reuters.com", "Reuters"));
        assert!(outlet_is_wire("Reuters", "Reuters"));
        assert!(!outlet_is_wire("The Meridian Post", "NWS"));
        assert!(!outlet_is_wire("apple.com", "AP"));
        assert!(!outlet_is_wire("nowhere.example", "NWS"));
        assert!(!outlet_is_wire("news.example", "NWS"));
        assert!(!outlet_is_wire("", "AP"));
    }
}
