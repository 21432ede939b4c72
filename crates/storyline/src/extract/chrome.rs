//! Site chrome in scraped text: the lines a scraper keeps that are not the article ("Trending
//! Stories", "Leave a comment", "Source link", related headlines, photo credits).
//!
//! Two signals, both hand-written because they are the product's craft: known chrome phrases
//! (matched on the normalized line, so case and punctuation do not matter), and position — a run
//! of short, unpunctuated lines at the end (or start) of the body is navigation, not prose.

use crate::text::push_normalized;

/// Lines that are chrome wherever they stand, normalized (lower-case, letters and digits only,
/// single spaces). A line equal to one of these, or starting with one of the `PREFIXES`, goes.
const LINES: &[&str] = &[
    "trending stories",
    "latest stories",
    "trending",
    "latest news",
    "top stories",
    "most read",
    "most popular",
    "leave a comment",
    "leave a comment cancel reply",
    "leave a reply",
    "leave a reply cancel reply",
    "comments are closed",
    "source link",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "recommended",
    "recommended for you",
    "read more",
    "advertisement",
    "sponsored",
    "subscribe",
    "sign up",
    "print",
    "email",
    "tags",
    "like this",
    "loading",
    "skip to content",
    "back to top",
];

/// Prefixes (normalized) of chrome lines that carry variable text after them.
const PREFIXES: &[&str] = &[
    "your email address will not be published",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "click to share on",
    "follow us on",
    "all rights reserved",
    "copyright",
    "this article was originally published",
    "read the full story",
    "read more ",
    "related ",
    "tags ",
    "filed under",
    "posted in ",
    "we use cookies",
    "this website uses cookies",
    "by continuing to use this site",
];

/// Headings (normalized) that open a page's tail: after one of them in the second half of the
/// text comes an author's box, related or recommended stories, or the comments, never more of
/// the article. A heading matches when it is one of these, alone or followed by a few words
/// ("Empfehlungen aus dem Garten-Shop"). Kept to phrases that head such boxes in the languages
/// of the evaluation pages and our users' outlets; "sources" and "further information" are not
/// here, as they head parts of the article as often as not.
const AUTHOR_HEADINGS: &[&str] = &["about the author", "über den autor", "über die autorin", "à propos de l auteur"];

/// Like [`AUTHOR_HEADINGS`], for boxes of other stories and comments. A "read also" box can sit
/// inside the article, so these end it only when no paragraph of prose follows.
const RELATED_HEADINGS: &[&str] = &[
    // English
    "related articles",
    "related posts",
    "related stories",
    "recommended for you",
    "more stories",
    "explore further",
    "you might also like",
    "you may also like",
    // German
    "empfohlene beiträge",
    "empfehlungen aus",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "schon gelesen",
    "zum weiterlesen",
    "mehr zum thema",
    "weitere artikel",
    "weitere aktuelle themen",
    "lesen sie auch",
    "auch interessant",
    "lust auf mehr",
    "keine kommentare",
    // French, Spanish, Italian, Polish
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "noticias relacionadas",
    "te puede interesar",
    "leggi anche",
    "czytaj także",
    "zobacz także",
];

/// The most words a tail heading line has (the phrase and a name after it).
const TAIL_HEADING_WORDS: usize = 8;

/// A paragraph this long after a "read also" heading is the article going on.
const GOES_ON_WORDS: usize = 25;

/// Phrases (lower-case) of a call to action: subscribe, sign up, follow us, get the app, share
/// or rate the article, comment, donate.
const CALLS_TO_ACTION: &[&str] = &[
    "subscribe now",
    "subscribe to our",
    "subscribe to the",
    "sign up for our",
    "sign up here",
    "signing up to our",
    "by signing up",
    "follow us on",
    "on twitter and instagram",
    "our newsletter",
    "download the app",
    "apps for ios and android",
    "if you enjoyed reading",
    "letter to the editor via",
    "jetzt abonnieren",
    "abonnieren sie",
    "newsletter abonnieren",
    "abonnez-vous",
    "suscríbete",
    "canal de telegram",
    "canal de youtube",
    "do subskrypcji",
    // Share, rate and comment prompts, donation appeals.
    "den artikel teilen",
    "war der artikel nützlich",
    "bewerten sie diesen artikel",
    "was this article helpful",
    "rate this article",
    "in den kommentaren:",
    "let us know in the comments",
    "jede kleine spende",
    "support our journalism",
    "consider supporting our work",
];

/// The most words a call to action has.
const CALL_TO_ACTION_WORDS: usize = 40;

/// Drops the short calls to action ([`CALLS_TO_ACTION`]) in the last third of the text:
/// "Subscribe now to our e-edition for the full story", "Follow us on Twitter". An article
/// about subscriptions says such things in its body, not as a short line at its end.
fn drop_calls_to_action(kept: &mut Vec<String>) {
    let total: usize = kept.iter().map(String::len).sum();
    let mut before = 0;
    kept.retain(|p| {
        let in_tail = before * 3 >= total * 2;
        before += p.len();
        let call = in_tail && p.split_whitespace().nth(CALL_TO_ACTION_WORDS).is_none() && {
            let lower = p.to_lowercase();
            CALLS_TO_ACTION.iter().any(|c| lower.contains(c))
        };
        !call
    });
}

/// Cuts the text at the first tail heading ([`AUTHOR_HEADINGS`], [`RELATED_HEADINGS`]) that
/// stands in its second half.
fn cut_tail(kept: &mut Vec<String>) {
    let total: usize = kept.iter().map(String::len).sum();
    let mut before = 0;
    for (i, p) in kept.iter().enumerate() {
        if before * 2 >= total && p.split_whitespace().count() <= TAIL_HEADING_WORDS {
            let n = normalize_line(p);
            let heads = |h: &&str| n.strip_prefix(*h).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
            let goes_on = || kept[i + 1..].iter().any(|q| q.split_whitespace().count() >= GOES_ON_WORDS);
            if AUTHOR_HEADINGS.iter().any(heads) || (RELATED_HEADINGS.iter().any(heads) && !goes_on()) {
                kept.truncate(i);
                return;
            }
        }
        before += p.len();
    }
}

/// What chrome removal found besides the lines it dropped.
#[derive(Debug, Default, PartialEq)]
pub struct Signals {
    /// "Source link" or "The post … appeared first on …": this page reposts another's article.
    pub repost: bool,
    /// The outlet a repost credits ("appeared first on The Frontier Post").
    pub origin: Option<String>,
}

/// The line lower-cased with only letters, digits and single spaces.
fn normalize_line(line: &str) -> String {
    normalize_line_head(line, usize::MAX)
}

/// [`normalize_line`] stopped once past `limit` bytes: every comparison [`strip`] makes is an
/// equality with, or a prefix test of, a string no longer than `limit`, and such a head decides
/// them as the whole line would. One buffer for the line rather than a string per word: every
/// paragraph of every page passes through here.
fn normalize_line_head(line: &str, limit: usize) -> String {
    let mut out = String::with_capacity(line.len().min(limit.saturating_add(16)));
    for word in line.split_whitespace() {
        if out.len() > limit {
            break;
        }
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let mark = out.len();
        push_normalized(&mut out, word);
        if out.len() == mark {
            out.truncate(start);
        }
    }
    out
}

/// Whether a whole line is known chrome.
pub fn is_chrome(line: &str) -> bool {
    is_chrome_normalized(line, &normalize_line(line))
}

/// [`is_chrome`] for a line already normalized to `n`.
fn is_chrome_normalized(line: &str, n: &str) -> bool {
    if n.is_empty() {
        return !line.trim().is_empty(); // only punctuation: "___", "* * *"
    }
    LINES.contains(&n) || PREFIXES.iter().any(|p| n.starts_with(p))
}

/// "The post TITLE appeared first on OUTLET." → the outlet.
pub fn appeared_first_on(line: &str) -> Option<String> {
    let t = line.trim();
    if !t.starts_with("The post ") {
        return None;
    }
    let pos = t.rfind(" appeared first on ")?;
    let outlet = t[pos + " appeared first on ".len()..].trim().trim_end_matches('.').trim();
    (!outlet.is_empty()).then(|| outlet.to_string())
}

/// A photo caption with its credit ("… meet in Geneva © Reuters", "Photo: AFP", "Roman
/// Prymula, photo: Archives", "(Quelle: Foto X)", "Abbildung: …").
fn is_caption(line: &str) -> bool {
    let t = line.trim();
    // The marks first and the words only up to the 41st: every paragraph is asked.
    let marked = t.contains('©') || t.starts_with("Photo:") || t.starts_with("Image:") || t.ends_with("(Photo)");
    // A credit label inside a short line ("Roman Prymula, photo: Archives", "(Quelle: Foto X)",
    // "Abbildung: …"): asked only of lines of up to 25 words.
    let short = || t.split_whitespace().nth(25).is_none();
    let credited = || {
        let lower = t.to_lowercase();
        ["photo:", "foto:", "bild:", "image:", "credit:", "quelle: foto"].iter().any(|m| lower.contains(m))
            || ["abbildung:", "abb.:", "vergrößern "].iter().any(|m| lower.starts_with(m))
    };
    (marked && t.split_whitespace().nth(40).is_none()) || (t.len() < 300 && short() && credited())
}

/// A labelled line that is not text: a source credit ("Quelle: Landesregierung", "Source:
/// Reuters"), a category ("Kategorie: News"), an advertising label ("Anzeige, enthält
/// Affiliate Links", "*Werbung. Dieser Beitrag enthält Werbung für X"), or a bare time of day
/// ("19:49"). Short lines only: a label opening a long paragraph is the paragraph's.
fn is_label_line(line: &str) -> bool {
    let t = line.trim().trim_start_matches('*');
    let head = t[..t.floor_char_boundary(16)].to_lowercase();
    let words = || t.split_whitespace().count();
    let credit = [
        "quelle:",
        "quellen:",
        "quellenangaben",
        "source:",
        "sources:",
        "fuente:",
        "źródło:",
        "kategorie:",
        "category:",
        "category :",
        "categories:",
    ];
    let advert = ["anzeige", "werbung", "advertorial", "sponsored content", "publicidad"];
    let time = t.len() <= 9 && {
        let (h, m) = t.trim_end_matches(" Uhr").split_once(':').unwrap_or(("", ""));
        (1..=2).contains(&h.len()) && m.len() == 2 && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    };
    // The label alone, then punctuation: "Anzeige gegen Unbekannt" is a police report and
    // "Werbungskosten" a tax term.
    let labelled = |a: &&str| {
        head.strip_prefix(*a).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with([',', '.', ':', '-', '–', '|', ')'])
        })
    };
    time || (credit.iter().any(|c| head.starts_with(c)) && words() <= 8)
        || (advert.iter().any(labelled) && words() <= 12)
}

/// Whether a line reads as prose: long enough, or ending like a sentence.
fn is_prose(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().take(14).count(); // only compared with 14 and 4
    let ends = t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', ':', ';']);
    words >= 14 || (ends && words >= 4)
}

/// The paragraph without a section rule typed at its end ("… it’s progress. ___", the
/// newswire's separator before the contributors' line, run into the last paragraph): words of
/// only `_ - * = ~ #`, three characters or more in all, after a sentence's end.
fn trim_rule(p: &str) -> &str {
    let rule = |w: &str| w.chars().all(|c| matches!(c, '_' | '-' | '*' | '=' | '~' | '#'));
    let mut end = p.trim_end().len();
    let mut marks = 0;
    while let Some((head, word)) = p[..end].rsplit_once(char::is_whitespace) {
        if !rule(word) || head.trim().is_empty() {
            break;
        }
        marks += word.chars().count();
        end = head.trim_end().len();
    }
    // Only after a sentence's end: "--- Quote ends ---" is a label between rules, kept whole.
    let after_sentence = p[..end].ends_with(['.', '!', '?', '"', '”', '’', ')']);
    if marks >= 3 && after_sentence {
        &p[..end]
    } else {
        p
    }
}

/// Remove chrome from a body's paragraphs and report what the chrome said.
pub fn strip(paragraphs: Vec<String>, title: &str) -> (Vec<String>, Signals) {
    let mut signals = Signals::default();
    let title_norm = normalize_line(title);
    let longest = LINES.iter().chain(PREFIXES).map(|l| l.len()).max().unwrap_or(0);
    let limit = longest.max(title_norm.len());
    let mut kept: Vec<String> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if let Some(origin) = appeared_first_on(&p) {
            signals.repost = true;
            signals.origin = Some(origin);
            continue;
        }
        let n = normalize_line_head(&p, limit);
        if n == "source link" {
            signals.repost = true;
            continue;
        }
        if is_chrome_normalized(&p, &n)
            || is_caption(&p)
            || is_label_line(&p)
            || (!title_norm.is_empty() && n == title_norm)
        {
            continue;
        }
        kept.push(match trim_rule(&p) {
            t if t.len() < p.len() => t.to_string(),
            _ => p,
        });
    }
    // Trailing navigation: related headlines and menu items after the last paragraph of prose.
    // Lines with digits are tables or figures (newswire results), never navigation; and a body
    // with no prose at all is kept whole rather than emptied.
    cut_tail(&mut kept);
    drop_calls_to_action(&mut kept);
    let nav = |p: &String| !is_prose(p) && !p.chars().any(|c| c.is_ascii_digit());
    if kept.iter().any(|p| is_prose(p)) {
        while kept.last().is_some_and(nav) {
            kept.pop();
        }
        let lead = kept.iter().take_while(|p| nav(p)).count();
        kept.drain(..lead);
    }
    (kept, signals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_lines(lines: &[&str]) -> (Vec<String>, Signals) {
        strip(lines.iter().map(|s| s.to_string()).collect(), "Ferry strike ends")
    }

    #[test]
    fn drops_known_chrome_and_trailing_headlines() {
        let (kept, signals) = strip_lines(&[
            "Ferry strike ends",
            "Dockworkers in Port Varen returned to work on Tuesday after a nine-day strike.",
            "“We got what we came for,” union leader Mara Kelt said.",
            "Mayor opens new library wing",
            "Trending Stories",
            "Leave a comment Cancel reply",
            "Source link",
        ]);
        assert_eq!(kept.len(), 2);
        assert!(signals.repost);
    }

    #[test]
    fn the_tail_after_an_author_box_or_a_related_list_goes() {
        let body = "Dockworkers in Port Varen returned to work on Tuesday after a nine-day strike over pay \
            and night shifts, the union said, and the first ferries left on time.";
        let (kept, _) =
            strip_lines(&[body, body, "Über den Autor", "Pia Holt schreibt seit 2010 über Häfen und Fähren."]);
        assert_eq!(kept, [body, body]);
        let (kept, _) = strip_lines(&[body, body, "Related Stories", "Mayor opens new library wing", "Rain due"]);
        assert_eq!(kept, [body, body]);
        // A "read also" box inside the article: the article goes on after it.
        let (kept, _) = strip_lines(&[body, body, "Leggi anche", body]);
        assert_eq!(kept, [body, body, "Leggi anche", body]);
        // In the first half of the text a heading is the article's own.
        let (kept, _) = strip_lines(&[body, "About the author", body, body, body]);
        assert_eq!(kept.len(), 5);
    }

    #[test]
    fn photo_captions_with_a_credit_go_and_prose_about_photos_stays() {
        assert!(is_caption("Harbour master Ilse Varn, photo: Port Authority of Varenholm"));
        assert!(is_caption("(Quelle: Foto Pia Holt)"));
        assert!(is_caption("Abbildung: Die Fähre vor Anker in Varenholm"));
        assert!(is_caption("Dockworkers at the gate on Tuesday © Northern Wire"));
        assert!(!is_caption("The photographer said the light was poor on Tuesday morning."));
        let long = "Photo: ".to_string() + &"word ".repeat(60);
        assert!(!is_caption(&long));
    }

    #[test]
    fn source_category_advert_and_time_labels_go() {
        for label in [
            "Quelle: Hafenbehörde Varenholm",
            "Source: Northern Wire",
            "Kategorie: News, Hafen",
            "Anzeige, enthält Affiliate Links",
            "*Werbung. Dieser Beitrag enthält Werbung für Kallvik Fähren.",
            "ANZEIGE - Heute mal ausgehen?",
            "19:49",
            "9:05 Uhr",
        ] {
            assert!(is_label_line(label), "{label}");
        }
        for text in [
            "Anzeige gegen Unbekannt erstattet",
            "Werbungskosten richtig absetzen",
            "Source: the harbour master, who asked not to be named, said the talks had collapsed late on Tuesday.",
            "19:49 Uhr, und die Fähre legt ab.",
        ] {
            assert!(!is_label_line(text), "{text}");
        }
    }

    #[test]
    fn calls_to_action_at_the_end_go_and_in_the_body_stay() {
        let body = "Dockworkers in Port Varen returned to work on Tuesday after a nine-day strike over pay \
            and night shifts, the union said, and the first ferries left on time.";
        let call = "Subscribe now to our e-edition for the full story.";
        let app = "For the latest stories download the Varen Daily apps for iOS and Android.";
        let (kept, _) = strip_lines(&[body, body, body, call, app]);
        assert_eq!(kept, [body, body, body]);
        // In the first two thirds a line about subscribing is the article's.
        let (kept, _) = strip_lines(&[call, body, body, body]);
        assert_eq!(kept.len(), 4);
    }

    #[test]
    fn reads_the_repost_credit() {
        let (kept, signals) = strip_lines(&[
            "Dockworkers in Port Varen returned to work on Tuesday after a nine-day strike.",
            "The post Ferry strike ends appeared first on Varen Daily.",
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(signals.origin.as_deref(), Some("Varen Daily"));
    }

    #[test]
    fn a_rule_typed_at_a_paragraphs_end_goes() {
        let (kept, _) = strip_lines(&[
            "“And in that sense, for me, it’s progress. ___",
            "The harbour reopens on Friday. * * *",
            "--- Quote ends ---",
            "Scores were level at 2 -- 2.",
        ]);
        assert_eq!(
            kept,
            [
                "“And in that sense, for me, it’s progress.",
                "The harbour reopens on Friday.",
                "--- Quote ends ---",
                "Scores were level at 2 -- 2."
            ]
        );
        assert_eq!(trim_rule("___"), "___", "a line of only a rule is dropped elsewhere, not emptied here");
    }

    #[test]
    fn keeps_short_prose_paragraphs() {
        let (kept, _) = strip_lines(&["He did not elaborate.", "The vote is on Friday."]);
        assert_eq!(kept.len(), 2);
    }
}
