//! RSS and Atom feeds: one article per item.
//!
//! feed-rs reads every flavour (RSS 0.9x, 1.0 and 2.0, Atom) into one model. Each item becomes
//! an HTML article, so it goes through the same extraction as a `.html` file: its body
//! (`content:encoded` or Atom `<content>`, else the summary) is wrapped in a small page whose
//! head carries the item's author (the byline) and the feed's title (the outlet, which any
//! better evidence in the item overrides only where extraction ranks it higher). The item's own
//! title, link and date travel as [`Hints`]: a feed states them exactly, so they beat guessing.
//!
//! The article path is `FILE#GUID` (the item's `<guid>` or Atom `<id>`), else `FILE#N` (the
//! 1-based item index). A feed that does not parse is one `Err` naming the file; an item
//! without any text is one `Err` naming the file and the item; the other items still come out.

use super::Batch;
use crate::error::Error;
use crate::model::{Format, Hints, RawArticle};
use feed_rs::model::{Entry, Text};

/// Parses the decoded feed `text` of the file `name` into `batch`.
pub(super) fn parse(text: &str, name: &str, batch: &mut Batch) {
    // The text is already decoded: a declaration still naming the file's original encoding
    // would make the parser decode it a second time.
    let parser = feed_rs::parser::Builder::new()
        // No generated ids: an item without a guid is named by its position instead.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match parser.parse(without_declaration(text).as_bytes()) {
        Ok(feed) => feed,
        Err(e) => {
            return batch
                .fail("broken feed", Error::invalid(format!("{name}: not a valid RSS or Atom feed")).with_source(e))
        }
    };
    if feed.entries.is_empty() {
        return batch.fail("empty feed", Error::invalid(format!("{name}: feed has no items")));
    }
    let outlet = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
    for (index, entry) in feed.entries.iter().enumerate() {
        match item(entry, index + 1, name, outlet.as_deref(), feed.language.as_deref()) {
            Ok(raw) => batch.articles.push(Ok(raw)),
            Err(e) => batch.fail("feed item without text", e),
        }
    }
}

/// One feed item → one HTML article, or an `Err` naming the file and the item.
/// `language` is the channel's (`<language>`, `xml:lang`).
fn item(
    entry: &Entry,
    number: usize,
    name: &str,
    outlet: Option<&str>,
    language: Option<&str>,
) -> crate::Result<RawArticle> {
    let guid = entry.id.trim();
    let key = if guid.is_empty() { number.to_string() } else { guid.to_owned() };
    let Some(body) = body_html(entry) else {
        let which = if guid.is_empty() { String::new() } else { format!(" ({guid})") };
        return Err(Error::invalid(format!("{name}: item {number}{which}: no content or summary")));
    };
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let authors: Vec<&str> =
        entry.authors.iter().filter_map(|p| p.name.as_deref()).map(str::trim).filter(|n| !n.is_empty()).collect();
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_owned())
        .filter(|href| !href.is_empty());
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    Ok(RawArticle {
        path: format!("{name}#{key}"),
        format: Format::Html,
        content: page(title.as_deref(), &authors.join(", "), outlet, &body),
        hints: Hints { title, url, published, outlet: None, language: language.map(str::to_owned) },
    })
}

/// The item's body as HTML: its full content, else its summary; plain text is escaped and
/// split into paragraphs at blank lines. `None` when both are missing or blank.
fn body_html(entry: &Entry) -> Option<String> {
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        Some((body, is_plain(&c.content_type)))
    });
    let summary = entry.summary.as_ref().map(|s| (s.content.as_str(), is_plain(&s.content_type)));
    let (body, plain_text) = [content, summary].into_iter().flatten().find(|(body, _)| !body.trim().is_empty())?;
    // RSS says nothing about the type: a "plain" description holding tags is HTML.
    if plain_text && !looks_like_html(body) {
        let paragraphs: Vec<String> = body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>", escape(p)))
            .collect();
        return Some(paragraphs.join("\n"));
    }
    Some(body.to_owned())
}

/// Whether a declared media type is `text/plain`.
fn is_plain(media_type: &impl std::fmt::Display) -> bool {
    media_type.to_string().to_ascii_lowercase().starts_with("text/plain")
}

/// Whether text carries HTML markup (a paragraph, a line break, a closing tag).
fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["</", "<p>", "<p ", "<br", "<div"].iter().any(|tag| lower.contains(tag))
}

/// A small page around an item's body whose head carries what extraction reads as byline and
/// outlet.
fn page(title: Option<&str>, author: &str, outlet: Option<&str>, body: &str) -> String {
    let mut head = String::from("<!doctype html>\n<html><head><meta charset=\"utf-8\">");
    if let Some(title) = title {
        head.push_str(&format!("<title>{}</title>", escape(title)));
    }
    if !author.is_empty() {
        head.push_str(&format!("<meta name=\"author\" content=\"{}\">", escape(author)));
    }
    if let Some(outlet) = outlet {
        head.push_str(&format!("<meta name=\"application-name\" content=\"{}\">", escape(outlet)));
    }
    format!("{head}</head>\n<body><article>\n{body}\n</article></body></html>\n")
}

/// A text construct as plain text: HTML-typed titles lose their tags and entities.
fn plain(text: &Text) -> String {
    let content = text.content.trim();
    if is_plain(&text.content_type) || !content.contains(['<', '&']) {
        return content.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let fragment = scraper::Html::parse_fragment(content);
    let words: String = fragment.root_element().text().collect();
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text without its `<?xml …?>` declarations (and byte-order mark). A declaration anywhere
/// but the start is malformed, yet the parser would act on its encoding too (and quick-xml
/// panics when told a new encoding mid-stream, found by `fuzz_feed`), so every one goes.
fn without_declaration(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let is_declaration = |at: usize| text.get(at + 2..at + 5).is_some_and(|t| t.eq_ignore_ascii_case("xml"));
    if !text.match_indices("<?").any(|(at, _)| is_declaration(at)) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<?") {
        let after = &rest[at..];
        let end = after.find("?>").filter(|_| after.get(2..5).is_some_and(|t| t.eq_ignore_ascii_case("xml")));
        match end {
            Some(end) => {
                out.push_str(&rest[..at]);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[..at + 2]);
                rest = &after[2..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Escapes text for an HTML text node or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Parses the decoded feed `text` of `name`, for tests.
#[cfg(test)]
pub(super) fn read(text: &str, name: &str) -> Batch {
    let mut batch = Batch::default();
    parse(text, name, &mut batch);
    batch
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!("{}/../../testdata/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn rss_items_become_html_articles_with_their_metadata() {
        let batch = read(&fixture("harbour.rss"), "harbour.rss");
        assert_eq!(batch.articles.len(), 3);
        let first = batch.articles[0].as_ref().unwrap();
        assert_eq!(first.path, "harbour.rss#ht-2031-0402-ferry");
        assert_eq!(first.format, Format::Html);
        assert_eq!(first.hints.title.as_deref(), Some("Varen ferry terminal reopens after storm repairs"));
        assert_eq!(first.hints.url.as_deref(), Some("https://harbour-times.example/2031/04/02/ferry-terminal-reopens"));
        assert_eq!(first.hints.published.as_deref(), Some("2031-04-02T08:30:00+00:00"));
        assert_eq!(first.hints.language.as_deref(), Some("en-gb"), "the channel's language");
        // content:encoded wins over the one-line description.
        assert!(first.content.contains("214 passengers"), "{}", first.content);
        assert!(first.content.contains("<meta name=\"author\" content=\"Mira Castell\">"));
        assert!(first.content.contains("content=\"Harbour Times\""));
        let second = batch.articles[1].as_ref().unwrap();
        assert_eq!(second.path, "harbour.rss#2", "no guid: the item number");
        assert!(second.content.contains("<p>Councillor Anja Deveraux"), "{}", second.content);
        let err = batch.articles[2].as_ref().unwrap_err().to_string();
        assert_eq!(err, "harbour.rss: item 3 (ht-2031-0322-gallery): no content or summary");
        assert_eq!(batch.skipped.get("feed item without text"), Some(&1));
    }

    #[test]
    fn atom_entries_read_content_summary_and_html_titles() {
        let batch = read(&fixture("valley.atom"), "valley.atom");
        let frost = batch.articles[0].as_ref().unwrap();
        assert_eq!(frost.path, "valley.atom#tag:valley-post.example,2031:orchard-frost");
        assert_eq!(frost.hints.title.as_deref(), Some("Orchard growers brace for late frost"));
        assert_eq!(frost.hints.published.as_deref(), Some("2031-04-03T06:15:00+00:00"), "published before updated");
        assert!(frost.content.contains("<p>Fruit growers across the Amsel valley"));
        let library = batch.articles[1].as_ref().unwrap();
        assert_eq!(library.hints.url.as_deref(), Some("https://valley-post.example/news/library-hours"));
        assert_eq!(library.hints.published.as_deref(), Some("2031-04-02T12:00:00+00:00"), "updated as a fallback");
        // A plain-text summary is escaped and split into paragraphs.
        assert!(library.content.contains("</p>\n<p>Longer hours"), "{}", library.content);
    }

    #[test]
    fn items_extract_like_pages() {
        let batch = read(&fixture("harbour.rss"), "harbour.rss");
        let article = crate::extract::extract(batch.articles[0].as_ref().unwrap()).unwrap();
        assert_eq!(article.title, "Varen ferry terminal reopens after storm repairs");
        assert_eq!(article.byline.as_deref(), Some("Mira Castell"));
        assert_eq!(article.outlet.as_deref(), Some("Harbour Times"));
        assert_eq!(article.published.as_deref().map(|d| &d[..10]), Some("2031-04-02"));
        assert_eq!(article.body.split("\n\n").count(), 3, "{}", article.body);
    }

    #[test]
    fn broken_and_empty_feeds_are_one_error_naming_the_file() {
        let batch = read(&fixture("broken.rss"), "broken.rss");
        assert_eq!(batch.articles.len(), 1);
        let err = batch.articles[0].as_ref().unwrap_err();
        assert!(err.to_string().starts_with("broken.rss: not a valid RSS or Atom feed"), "{err}");
        let empty = read("<rss version=\"2.0\"><channel><title>x</title></channel></rss>", "e.rss");
        assert_eq!(empty.articles[0].as_ref().unwrap_err().to_string(), "e.rss: feed has no items");
        let junk = read("<rss version=\"2.0\"><channel><item><title>\u{0}\u{1}", "j.rss");
        assert!(junk.articles[0].is_err());
    }

    #[test]
    fn declarations_are_dropped_and_text_escaped() {
        assert_eq!(without_declaration("\u{feff}<?xml version=\"1.0\" encoding=\"latin1\"?>\n<rss/>"), "\n<rss/>");
        assert_eq!(without_declaration("<rss/>"), "<rss/>");
        assert_eq!(without_declaration("<rss><?XML encoding=\"latin1\"?><?pi x?><?xml"), "<rss><?pi x?><?xml");
        // Found by fuzz_feed: a second declaration naming another encoding made quick-xml panic.
        let twice = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><?xml version=\"1.0\" \
                     encoding=\"ISO-8859-1\"?><item><title>Twice</title><description>Body text.</description>\
                     </item></channel></rss>";
        assert!(read(twice, "twice.rss").articles[0].is_ok());
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
