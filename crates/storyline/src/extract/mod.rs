//! Stage 2 — extract: a [`RawArticle`] becomes an [`Article`]: the body without site chrome, with
//! its metadata (title, date, URL, outlet, dateline, wire credit, language) and careful text
//! repair.
//!
//! Scraped text (`.txt`) is read as the seeds show it: the first line is the title, optional
//! header lines give the date and URL, then the body, then trailing chrome. HTML goes through
//! [`html::parse`]; JSON lines carry their metadata in [`Hints`](crate::model::Hints).

pub mod chrome;
pub mod html;
pub mod lang;
pub mod meta;
pub mod repair;
pub mod tokenizer;

use crate::model::{Article, ArticleId, Format, RawArticle, Repair};
use crate::{text, Error, Result};

/// What the format-specific readers produce before the shared cleaning steps.
struct Parsed {
    title: String,
    paragraphs: Vec<String>,
    published: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    byline: Option<String>,
    /// Declared language (primary subtag), checked against the text before it is taken.
    language: Option<String>,
}

/// Extract one article. An article with no body text is an error naming its path.
pub fn extract(raw: &RawArticle) -> Result<Article> {
    let parsed = match raw.format {
        Format::Text => parse_text(&raw.content),
        Format::Html => parse_html(&raw.content),
        Format::Json => Parsed {
            title: String::new(),
            paragraphs: split_paragraphs(&raw.content),
            published: None,
            url: None,
            outlet: None,
            byline: None,
            language: None,
        },
    };
    let hints = &raw.hints;
    let title = hints.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or(parsed.title);
    let (title, title_outlet) = meta::split_title_outlet(&title);
    let (paragraphs, signals) = chrome::strip(parsed.paragraphs, &title);
    let mut paragraphs: Vec<String> = paragraphs;
    let mut dateline = None;
    let mut wire = None;
    // The dateline opens the story: the first paragraph, or the second when the first is a
    // standfirst (a short summary line under the headline, as many article pages carry). Only
    // the first paragraph's is cut from the body; a second paragraph's is read for its credit
    // and kept, as the extraction gold keeps it.
    let standfirst = paragraphs.first().is_some_and(|p| p.split_whitespace().count() <= 40);
    let at = (0..paragraphs.len().min(if standfirst { 2 } else { 1 }))
        .find_map(|i| meta::dateline(&paragraphs[i]).map(|d| (i, d)));
    if let Some((i, d)) = at {
        wire = d.wire.clone();
        if i == 0 {
            paragraphs[0] = paragraphs[0][d.len..].trim_start().to_string();
        }
        dateline = Some(d.text);
    }
    if wire.is_none() {
        wire = paragraphs.iter().rev().take(3).find_map(|p| meta::wire_credit(p));
    }

    let mut repairs: Vec<Repair> = Vec::new();
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| {
            // Almost no paragraph needs a repair: those keep their string, uncopied.
            if !repair::may_need_repair(&p) {
                return p;
            }
            let (fixed, r) = repair::repair(&p);
            repairs.extend(r);
            fixed
        })
        .filter(|p| !p.trim().is_empty())
        .collect();
    let body = paragraphs.join("\n\n");
    if !text::has_words(&body) {
        return Err(Error::invalid(format!("{}: no article text found", raw.path)));
    }
    let published = hints.published.as_deref().and_then(meta::normalize_date).or(parsed.published);
    let url = hints.url.clone().or(parsed.url);
    let outlet = hints
        .outlet
        .clone()
        .or(parsed.outlet)
        .or(title_outlet)
        // "The post … appeared first on X": the text is X's, reposted here.
        .or(signals.origin)
        .or_else(|| url.as_deref().and_then(meta::host));
    let title = if title.is_empty() { first_words(&body, 12) } else { title };
    // A container's language (a JSONL field, a feed's channel) before the page's own.
    let declared = hints.language.as_deref().and_then(lang::primary_subtag).or(parsed.language);
    Ok(Article {
        id: article_id(&title, &body),
        path: raw.path.clone(),
        language: lang::language(&body, declared.as_deref()),
        title,
        body,
        published,
        url,
        outlet,
        byline: parsed.byline,
        dateline,
        wire,
        repost: signals.repost,
        repairs,
    })
}

/// The content-derived id: the same title and body (ignoring case, punctuation and spacing)
/// always give the same id.
pub fn article_id(title: &str, body: &str) -> ArticleId {
    let mut key = String::with_capacity(title.len() + body.len() + 1);
    text::push_words(&mut key, title);
    key.push('\n');
    text::push_words(&mut key, body);
    ArticleId(format!("{:016x}", text::hash64(&key)))
}

fn first_words(body: &str, n: usize) -> String {
    let words: Vec<&str> = body.split_whitespace().take(n).collect();
    words.join(" ")
}

/// Scraped text: title line, then header lines (a date, a URL) in any order, then the body.
fn parse_text(content: &str) -> Parsed {
    let content = content.trim_start_matches('\u{feff}');
    // Lines keep their indentation: it marks paragraphs in hard-wrapped newswire text.
    let mut lines = content.lines().skip_while(|l| l.trim().is_empty()).peekable();
    let title = lines.next().unwrap_or_default().trim().to_string();
    let mut published = None;
    let mut url = None;
    while let Some(line) = lines.peek().map(|l| l.trim()) {
        if line.is_empty() {
            lines.next();
        } else if published.is_none() && line.len() <= 40 && meta::normalize_date(line).is_some() {
            published = meta::normalize_date(line);
            lines.next();
        } else if url.is_none() && (line.starts_with("http://") || line.starts_with("https://")) && !line.contains(' ')
        {
            url = Some(line.to_string());
            lines.next();
        } else {
            break;
        }
    }
    let rest: Vec<&str> = lines.collect();
    Parsed {
        title,
        paragraphs: split_paragraphs(&rest.join("\n")),
        published,
        url,
        outlet: None,
        byline: None,
        language: None,
    }
}

/// Split body text into paragraphs. Scrapers write one paragraph per line, or hard-wrapped
/// lines with blank lines between paragraphs (recognised by blocks of several short lines);
/// newswire text wraps lines and marks each paragraph by indenting its first line.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let collapse = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let raw: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let indented = raw.iter().skip(1).filter(|l| l.starts_with(char::is_whitespace)).count();
    if !text.contains("\n\n") && indented >= 1 && raw.len() >= 3 && indented * 4 < raw.len() * 3 {
        let mut out: Vec<String> = Vec::new();
        for (i, line) in raw.iter().enumerate() {
            match out.last_mut() {
                Some(last) if i > 0 && !line.starts_with(char::is_whitespace) => {
                    last.push(' ');
                    last.push_str(&collapse(line));
                }
                _ => out.push(collapse(line)),
            }
        }
        return out;
    }
    let blocks: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|b| b.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>())
        .filter(|b: &Vec<&str>| !b.is_empty())
        .collect();
    let multi: Vec<&Vec<&str>> = blocks.iter().filter(|b| b.len() > 1).collect();
    let wrapped = !multi.is_empty() && {
        let lines: Vec<&&str> = multi.iter().flat_map(|b| b.iter()).collect();
        let avg = lines.iter().map(|l| l.len()).sum::<usize>() / lines.len().max(1);
        blocks.len() >= 2 && avg < 100 && multi.len() * 2 >= blocks.len()
    };
    let mut out = Vec::new();
    for block in blocks {
        if wrapped {
            out.push(collapse(&block.join(" ")));
        } else {
            out.extend(block.into_iter().map(collapse));
        }
    }
    out
}

fn parse_html(content: &str) -> Parsed {
    let page = html::parse(content);
    Parsed {
        title: page.title.unwrap_or_default(),
        paragraphs: page.paragraphs,
        published: page.published.as_deref().and_then(meta::normalize_date),
        url: page.url,
        outlet: page.outlet,
        byline: page.byline,
        language: page.language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Hints;

    fn raw(content: &str) -> RawArticle {
        RawArticle { path: "t.txt".into(), format: Format::Text, content: content.into(), hints: Hints::default() }
    }

    #[test]
    fn scraped_text_headers_chrome_and_dateline() {
        let a = extract(&raw("Ferry strike ends after nine days\n2025-03-14\nhttps://www.varendaily.example/strike\n\
             Ferry strike ends after nine days\n\
             VARENHOLM (NWS) — Dockworkers returned to work on Tuesday after a nine-day strike.\n\
             “We got what we came for,” union leader Mara Kelt said. It couldn t be better.\n\
             Trending Stories\nLeave a comment\n"))
        .unwrap();
        assert_eq!(a.title, "Ferry strike ends after nine days");
        assert_eq!(a.published.as_deref(), Some("2025-03-14"));
        assert_eq!(a.outlet.as_deref(), Some("varendaily.example"));
        assert_eq!(a.dateline.as_deref(), Some("VARENHOLM (NWS)"));
        assert_eq!(a.wire.as_deref(), Some("NWS"));
        assert!(a.body.starts_with("Dockworkers returned"));
        assert!(a.body.ends_with("It couldn't be better."));
        assert_eq!(a.repairs.len(), 1);
    }

    #[test]
    fn newswire_paragraphs_are_indented_and_tables_survive() {
        let body = "Harbour traffic at Port Varen rose in\nMarch, the authority said.\n    Ferry crossings rose 12 pct.\n    Cargo 1.2 mln tonnes vs 1.1 mln\n    Passengers 310,000 vs 290,000\n";
        let p = split_paragraphs(body);
        assert_eq!(p[0], "Harbour traffic at Port Varen rose in March, the authority said.");
        assert_eq!(p.len(), 4);
        let a = extract(&RawArticle {
            path: "t.jsonl#1".into(),
            format: Format::Json,
            content: "Shr 10 cts vs 12 cts\n    Net 1,234,000 vs 987,000\n    Revs 40.1 mln vs 38.2 mln\n".into(),
            hints: Hints { title: Some("VAREN FERRIES RESULTS".into()), ..Hints::default() },
        })
        .unwrap();
        assert_eq!(a.paragraphs().count(), 3, "a results table is the article: {:?}", a.body);
    }

    #[test]
    fn same_content_same_id() {
        let a = extract(&raw("Title\nBody text of the article, long enough.")).unwrap();
        let b = extract(&raw("Title\n\nBody  text of the article,  long enough.\nSource link")).unwrap();
        assert_eq!(a.id, b.id);
        assert!(b.repost);
    }

    #[test]
    fn empty_body_is_an_error() {
        let e = extract(&raw("Only a title\nTrending Stories")).unwrap_err();
        assert!(e.to_string().contains("t.txt"));
    }
}
