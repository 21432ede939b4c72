//! HTML page → headline, metadata and the main text as paragraphs, without site chrome.
//!
//! Metadata is read from every place publishers put it, most reliable first: JSON-LD
//! (`NewsArticle` and kin), OpenGraph and `article:` meta tags, `<link rel=canonical>`,
//! `<time datetime>`, `<html lang>` and `<title>`.
//!
//! The body is picked readability-style, in one iterative pass and a scoring step:
//! - subtrees that are never article text are dropped: scripts, navigation, forms, figures, hidden
//!   elements, and elements whose class or id says comments, sharing, newsletter, caption, … —
//!   unless they hold `<article>`/`<main>` markup or a box named as the article's text
//!   (`entry-content`), or the page's headline (the first `<h1>` whose words are the title's):
//!   themes wrap whole pages in a `sticky-sidebar` div or a `for_sidebar` section;
//! - every prose block (`<p>`, `<li>`, `<blockquote>`, and a `<div>` holding loose text, as on
//!   `<br>`-separated pages) votes its text length less its link text for the containers above
//!   it: all of it for the nearest, half for the next, less further up;
//! - the best-weighted container wins (link density, `<article>` and class names weigh in); when
//!   an ancestor keeps most of its score, or what an ancestor adds (through wrappers) is mostly
//!   prose with few links — a lead before it, or half as much prose again — the article was
//!   split over boxes and the ancestor is taken; strong siblings join it. Other `<article>`s
//!   around a post with an `<h1>` are other posts (teasers, a feed) and never join it, and a
//!   container whose prose sits mostly in nested `<article>`s (a list of posts) weighs half;
//! - the winner is flattened into blocks in document order. Link-heavy blocks (with a title
//!   right before them: "Read also:"), a title that ends the text, byline and date
//!   lines (a dating word in six languages, or a numeric date with little else) are skipped; short first and last paragraphs are kept on purpose (ledes, sign-offs).
//!   When the winner holds little text, every low-link `<p>` of the body is taken instead.
//!   When even that is under 100 characters, the page is read again without class-name drops
//!   (as readability retries without its "unlikely candidates" rule).
//!
//! Nothing here recurses over the document: walks use `ego_tree`'s iterative traversal, so a
//! page nested ten thousand levels deep costs time, not stack, and every per-element look-around
//! is bounded, so the pass stays linear. No input panics. (html5ever's own tree building is
//! quadratic in the depth of nested *block* elements; a hostile page can be slow, never unsafe.)

use aho_corasick::AhoCorasick;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use html5ever::{local_name, ns, LocalName};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// What an HTML page yields: its metadata, and its main text as paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlPage {
    /// Headline, without a trailing (or leading) " | Site name".
    pub title: Option<String>,
    /// The main text, one entry per block, whitespace collapsed, in document order.
    pub paragraphs: Vec<String>,
    /// Publication date or time, as the page gives it (not normalized).
    pub published: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site or publisher name.
    pub outlet: Option<String>,
    /// Author name(s), without a leading "By ", joined by ", " when several.
    pub byline: Option<String>,
    /// Declared language: the primary subtag, lowercase (`en`, `de`).
    pub language: Option<String>,
}

/// Parses an HTML page. Never panics; a page with nothing recognizable yields an empty
/// [`HtmlPage`].
pub fn parse(html: &str) -> HtmlPage {
    let doc = super::tokenizer::parse_without_code(html);
    let meta = Meta::collect(&doc);
    let byline = meta.pick("ld:author meta:author byline");
    let outlet = meta.pick("og:site_name ld:publisher application-name");
    let url = meta.pick("canonical og:url ld:url");
    let title = meta.pick("ld:headline og:title title twitter:title h1");
    let paragraphs = main_text(&doc, byline.as_deref(), title.as_deref());
    HtmlPage {
        title: title.map(|title| strip_site(&title, outlet.as_deref(), url.as_deref())),
        paragraphs,
        published: meta.pick("ld:datePublished article:published_time meta:date time"),
        url,
        outlet,
        byline,
        language: meta.pick("html:lang content-language ld:inLanguage og:locale"),
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata

/// Metadata candidates by source key (`og:title`, `ld:headline`, …); the first value seen for a
/// key wins, so the page's first JSON-LD article beats a later one.
#[derive(Default)]
struct Meta(HashMap<&'static str, String>);

impl Meta {
    /// Reads every element of the document once (arena order, which is document order).
    fn collect(doc: &Html) -> Meta {
        let mut meta = Meta::default();
        for node in doc.tree.nodes() {
            if let Some(element) = ElementRef::wrap(node) {
                meta.read_element(element);
            }
        }
        meta
    }

    /// Records `value` (whitespace collapsed) under `key` unless `key` already has one.
    fn set(&mut self, key: &'static str, value: &str) {
        let value = collapse(value);
        if !value.is_empty() {
            self.0.entry(key).or_insert(value);
        }
    }

    /// The value of the first of the space-separated `keys` that has one.
    fn pick(&self, keys: &str) -> Option<String> {
        keys.split(' ').find_map(|key| self.0.get(key).cloned())
    }

    fn read_element(&mut self, element: ElementRef<'_>) {
        let e = element.value();
        match e.name() {
            "html" => self.set_language("html:lang", attr(e, &local_name!("lang"))),
            // In `<head>`, or right in `<body>` when a `<noscript>` in the head holding an image
            // ended the head early (it does without scripting); an SVG's `<title>` is neither.
            "title"
                if element
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|p| matches!(p.value().name(), "head" | "body")) =>
            {
                self.set("title", &text_of(element))
            }
            "h1" if !self.0.contains_key("h1") => self.set("h1", &text_of(element)),
            "meta" => self.read_meta(e),
            "link" if has_token(attr(e, &local_name!("rel")), "canonical") => {
                self.set("canonical", attr(e, &local_name!("href")).unwrap_or(""))
            }
            "time" => {
                let published = attr(e, &LocalName::from("pubdate")).is_some()
                    || has_token(attr(e, &local_name!("itemprop")), "datepublished");
                let key = if published { "meta:date" } else { "time" };
                self.set(key, attr(e, &local_name!("datetime")).unwrap_or(""));
            }
            "script"
                if attr(e, &local_name!("type"))
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.read_json_ld(&text_of_raw(element))
            }
            _ => {}
        }
        if e.attrs.is_empty() {
            return; // what follows reads attributes, and most elements keep none
        }
        if has_token(attr(e, &local_name!("itemprop")), "datepublished") {
            self.set("meta:date", attr(e, &local_name!("content")).or(attr(e, &local_name!("datetime"))).unwrap_or(""));
        }
        let byline_like = has_token(attr(e, &local_name!("rel")), "author")
            || has_token(attr(e, &local_name!("itemprop")), "author")
            || [attr(e, &local_name!("class")), attr(e, &local_name!("id"))].into_iter().flatten().any(mentions_byline);
        // The size check comes first and is bounded: nested byline boxes stay linear.
        if byline_like && !self.0.contains_key("byline") && short_text(*element, 100) {
            self.set("byline", strip_by(&text_of(element)));
        }
    }

    fn read_meta(&mut self, e: &Element) {
        let key = [local_name!("property"), local_name!("name"), local_name!("itemprop"), local_name!("http-equiv")]
            .iter()
            .find_map(|a| attr(e, a));
        let (Some(key), Some(content)) = (key, attr(e, &local_name!("content"))) else {
            return;
        };
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "og:title" => "og:title",
            "og:site_name" => "og:site_name",
            "og:url" => "og:url",
            "twitter:title" => "twitter:title",
            "application-name" => "application-name",
            "article:published_time" | "og:article:published_time" | "article:published" => "article:published_time",
            "date" | "pubdate" | "publishdate" | "publish-date" | "publish_date" | "dc.date" | "dc.date.issued"
            | "dcterms.created" | "dcterms.date" | "sailthru.date" | "parsely-pub-date" | "datepublished" => {
                "meta:date"
            }
            "author" | "byl" | "dc.creator" | "article:author" | "sailthru.author" | "parsely-author" => {
                if !looks_like_url(content) {
                    self.set("meta:author", strip_by(content));
                }
                return;
            }
            "og:locale" => return self.set_language("og:locale", Some(content)),
            "content-language" => return self.set_language("content-language", Some(content)),
            _ => return,
        };
        self.set(slot, content);
    }

    fn set_language(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(code) = value.and_then(super::lang::primary_subtag) {
            self.set(key, &code);
        }
    }

    /// Reads the first article-typed object of a JSON-LD block (top level, array or `@graph`).
    fn read_json_ld(&mut self, raw: &str) {
        let raw = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        let raw = raw.trim_start_matches("//").trim_start_matches("<![CDATA[");
        let raw = raw.trim_end_matches("]]>").trim_end().trim_end_matches("//").trim();
        // serde_json stops at 128 nesting levels, so the walk below is bounded too.
        let parsed = serde_json::from_str::<Value>(raw).or_else(|_| serde_json::from_str(&lenient_json(raw)));
        let Ok(value) = parsed else {
            return;
        };
        let mut pending = vec![&value];
        while let Some(value) = pending.pop() {
            match value {
                Value::Array(items) => pending.extend(items.iter().rev()),
                Value::Object(object) if is_article(object) => return self.read_ld_article(object),
                Value::Object(object) => pending.extend(["mainEntity", "@graph"].iter().filter_map(|k| object.get(*k))),
                _ => {}
            }
        }
    }

    fn read_ld_article(&mut self, o: &Map<String, Value>) {
        let string = |key: &str| o.get(key).and_then(Value::as_str).map(unescape_entities);
        if let Some(headline) = string("headline").or_else(|| string("name")) {
            self.set("ld:headline", &headline);
        }
        if let Some(date) = string("datePublished").or_else(|| string("dateCreated")) {
            self.set("ld:datePublished", &date);
        }
        let authors = o.get("author").map(ld_names).unwrap_or_default();
        self.set("ld:author", &authors.join(", "));
        if let Some(publisher) = o.get("publisher").map(ld_names) {
            self.set("ld:publisher", publisher.first().map_or("", String::as_str));
        }
        let page = o.get("mainEntityOfPage").and_then(|v| v.as_str().or_else(|| v.get("@id")?.as_str()));
        if let Some(url) = string("url").or_else(|| page.map(str::to_owned)).filter(|u| looks_like_url(u)) {
            self.set("ld:url", &url);
        }
        self.set_language("ld:inLanguage", o.get("inLanguage").and_then(Value::as_str));
    }
}

/// Repairs the two faults hand-written JSON-LD commonly has: trailing commas (`[1, 2, ]`) and
/// raw line breaks or tabs inside strings.
fn lenient_json(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            out.push(if c.is_control() { ' ' } else { c });
            continue;
        }
        in_string = c == '"';
        if c == ',' {
            let rest = chars.clone().find(|c| !c.is_whitespace());
            if matches!(rest, Some(']' | '}')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Whether a JSON-LD object's `@type` is an article kind (`NewsArticle`, `schema:Article`,
/// `BlogPosting`, `ReportageNewsArticle`, …).
fn is_article(object: &Map<String, Value>) -> bool {
    let is_article_type = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report"
    };
    match object.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article_type),
        _ => false,
    }
}

/// The names in a JSON-LD person/organization value: a string, `{ "name" }`, or a list of them.
fn ld_names(value: &Value) -> Vec<String> {
    let items = match value {
        Value::Array(items) => items.iter().collect(),
        single => vec![single],
    };
    items
        .into_iter()
        .filter_map(|v| v.as_str().or_else(|| v.get("name")?.as_str()))
        .map(|name| collapse(strip_by(&unescape_entities(name))))
        .filter(|name| !name.is_empty() && !looks_like_url(name))
        .collect()
}

/// Removes " | Site" (or "Site | ") from a title when the other side names the site: its name
/// or its host (`valleypost.example` names "Valley Post").
fn strip_site(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let host = url.and_then(|u| u.split("://").nth(1)).and_then(|rest| rest.split(['/', ':', '?']).next());
    let host = host.map(|h| h.trim_start_matches("www.")).unwrap_or("");
    let host_name = host.rsplit_once('.').map_or(host, |(name, _tld)| name);
    let names: Vec<String> =
        [site.unwrap_or(""), host, host_name].iter().map(|s| squash(s)).filter(|s| !s.is_empty()).collect();
    let names_site = |part: &str| names.contains(&squash(part));
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            if names_site(tail) && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
        if let Some((head, tail)) = title.split_once(separator) {
            if names_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Lowercase letters and digits only: "The Valley-Post" and "thevalleypost" compare equal.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Decodes the few entities that JSON-LD writers leave in strings (`&amp;`, `&#8217;`, …).
fn unescape_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.get(1..rest.find(';').filter(|&end| end <= 10).unwrap_or(0)).and_then(entity);
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity name (between `&` and `;`) stands for, with the name's length.
fn entity(name: &str) -> Option<(char, usize)> {
    let c = match name {
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => ' ',
        _ => {
            let code = name.strip_prefix('#')?;
            let value = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(value)?
        }
    };
    Some((c, name.len()))
}

// ---------------------------------------------------------------------------------------------
// Main text

// Tag sets are `match`es on the name (a jump on length, then a compare or two; a list scan
// per element was a measurable share of the walks); class-word lists go through [`mentions`].

/// Defines `fn $name(tag: &str) -> bool`: whether `tag` is one of the listed tags.
macro_rules! tag_set {
    ($(#[$doc:meta])* $name:ident: $($tag:literal)+) => {
        $(#[$doc])*
        fn $name(tag: &str) -> bool {
            matches!(tag, $($tag)|+)
        }
    };
}

tag_set! {
    /// Tags whose subtree is never article text (a `<figure>` is a picture and its caption, an
    /// `<rt>` the reading of the ruby base before it: 子<rt>こ</rt> is 子, not 子こ).
    is_drop_tag:
    "script" "style" "noscript" "nav" "header" "footer" "aside" "form" "iframe" "svg" "button" "template"
    "select" "textarea" "input" "object" "embed" "canvas" "video" "audio" "figcaption" "dialog" "menu" "figure"
    "rt" "rp"
}

/// Class/id words that mark chrome (photo captions, credits and legends included: they describe a
/// picture, not the story; star-rating widgets too). Not "kommentar": German papers tag their
/// opinion pieces `category-kommentar`.
#[rustfmt::skip]
const JUNK_WORDS: &[&str] = &[
    "comment", "share", "social", "related", "newsletter", "subscri", "cookie", "promo", "advert", "sidebar",
    "menu", "breadcrumb", "footer", "sponsor", "popup", "trending", "outbrain", "taboola", "disqus", "signup",
    "gdpr", "consent", "caption", "credit", "captcha", "legend", "rating",
];

/// Class/id words that mark content: an element with one is not dropped for a junk word too
/// (`article-body share-enabled`), as in readability.
const OK_WORDS: &[&str] = &["article", "content", "main", "body", "story", "entry", "column"];

/// Class/id words of byline, author and timestamp boxes (a short one, up to an author's bio):
/// captured as metadata, kept out of the text.
const META_WORDS: &[&str] = &["byline", "author", "timestamp"];

tag_set! {
    /// Elements that start a new block of text.
    is_block_tag:
    "p" "div" "section" "article" "main" "body" "h1" "h2" "h3" "h4" "h5" "h6" "li" "ul" "ol" "dl" "dt" "dd"
    "blockquote" "pre" "table" "tr" "td" "th" "thead" "tbody" "caption" "figure" "hr" "address" "details"
    "summary" "center" "fieldset" "legend"
}

tag_set! {
    /// Blocks whose text is not body text: the headline (`h1`, already the title), minor headings,
    /// table headers and captions.
    is_skip_block:
    "h1" "h5" "h6" "th" "caption" "legend" "summary"
}

tag_set! {
    /// Blocks that are paragraphs of prose: they vote for the containers above them.
    is_voter_tag:
    "p" "li" "blockquote" "pre"
}

tag_set! {
    /// Containers that can hold an article's paragraphs.
    is_container_tag:
    "div" "article" "main" "section" "td" "body"
}

/// A voter shorter than this casts no vote: too short to tell content from chrome.
const MIN_VOTE_CHARS: usize = 25;

/// How many levels above the picked container [`widen`] looks.
const MAX_WIDEN_LEVELS: usize = 8;

/// Below this many characters the picked container is thought to have missed the article.
const ENOUGH_CHARS: usize = 200;

/// Below this many characters nothing like an article was found, and the page is read a second
/// time without class-name drops.
const RETRY_CHARS: usize = 100;

/// Text counts over an element's kept subtree (non-whitespace characters).
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    chars: usize,
    link_chars: usize,
    /// Characters of voters' own text (less links) in the subtree: the paragraph prose.
    voted: usize,
    /// Of `voted`, the characters inside `<article>` elements below this one (not this one
    /// itself): other posts, when this element is a post or a list of them.
    posts: usize,
    /// `<h1>`s in the subtree: an `<article>` with one is the page's headed post.
    h1s: usize,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.chars += other.chars;
        self.link_chars += other.link_chars;
        self.voted += other.voted;
        self.posts += other.posts;
        self.h1s += other.h1s;
    }

    /// The prose of this element that its parent sees inside `<article>`s: all of it when
    /// the element is an `<article>`.
    fn posts_seen_above(self, node: NodeRef<'_, Node>) -> usize {
        if node.value().as_element().is_some_and(|e| e.name() == "article") {
            self.voted
        } else {
            self.posts
        }
    }

    fn link_density(self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// The body after one pass: what is dropped, each kept element's text counts, and the voters.
#[derive(Default)]
struct Analysis<'a> {
    /// The page's headline `<h1>` (see [`article_holders`]).
    headline: Option<NodeRef<'a, Node>>,
    dropped: HashSet<NodeId>,
    stats: HashMap<NodeId, Stats>,
    /// Prose blocks ([`is_voter_tag`]) and containers holding loose text
    /// (`<div>text<br><br>text</div>`, which readability would turn into `<p>`s), each with the
    /// text of its own (not of nested blocks).
    voters: Vec<(NodeRef<'a, Node>, Stats)>,
}

/// The main text of the document, as paragraphs. A page whose text comes out short is read
/// again without dropping anything for its class names, and the longer text wins: a layout
/// class such as `for_sidebar` on the box around the whole article would otherwise drop the
/// article (readability retries without its "unlikely candidates" rule the same way).
fn main_text(doc: &Html, byline: Option<&str>, title: Option<&str>) -> Vec<String> {
    let root = *doc.root_element();
    let body = root.children().find(|n| n.value().as_element().is_some_and(|e| e.name() == "body")).unwrap_or(root);
    let first = text_of_body(body, byline, title, Drops::ByClass);
    if total_chars(&first) >= RETRY_CHARS {
        return first;
    }
    let second = text_of_body(body, byline, title, Drops::NotByClass);
    if total_chars(&second) > 2 * total_chars(&first) + ENOUGH_CHARS {
        second
    } else {
        first
    }
}

/// Which subtrees [`analyze`] may drop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Drops {
    /// Chrome tags, hidden elements, and boxes whose class or id names chrome.
    ByClass,
    /// Chrome tags and hidden elements only: the second reading of a page that came out short.
    NotByClass,
}

/// The main text under `body`, with the given drops.
fn text_of_body(body: NodeRef<'_, Node>, byline: Option<&str>, title: Option<&str>, drops: Drops) -> Vec<String> {
    let analysis = analyze(body, title, drops);
    let picked: Vec<String> = pick_container(&analysis)
        .into_iter()
        .flatten()
        .flat_map(|node| flatten(node, &analysis.dropped, Mode::Blocks, byline))
        .collect();
    if total_chars(&picked) >= ENOUGH_CHARS {
        return picked;
    }
    let every_p = flatten(body, &analysis.dropped, Mode::OnlyP, byline);
    let best = if total_chars(&every_p) > total_chars(&picked) { every_p } else { picked };
    if best.is_empty() {
        // Pages without <p> (text in <div>s and <br>s): every kept block of the body.
        return flatten(body, &analysis.dropped, Mode::Blocks, byline);
    }
    best
}

fn total_chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(String::len).sum()
}

/// Text counts of an element being walked: its whole kept subtree, and its own inline text.
#[derive(Default)]
struct Frame {
    all: Stats,
    inline: Stats,
}

/// One iterative pass over the body: marks dropped subtrees, counts text per element, and
/// collects the voters.
fn analyze<'a>(body: NodeRef<'a, Node>, title: Option<&str>, drops: Drops) -> Analysis<'a> {
    let (holders, headline) = article_holders(body, title);
    let headline_boxes: HashSet<NodeId> = headline.iter().flat_map(|h| h.ancestors()).map(|a| a.id()).collect();
    let guard = |id: NodeId| {
        if holders.contains(&id) {
            Guard::Article
        } else if drops == Drops::NotByClass || headline_boxes.contains(&id) {
            Guard::NotByClass
        } else {
            Guard::None
        }
    };
    let mut analysis = Analysis { headline, ..Analysis::default() };
    let mut frames: Vec<Frame> = Vec::new();
    let (mut anchors, mut articles) = (0usize, 0usize);
    let mut skip: Option<NodeId> = None;
    let mut label = String::new();
    for edge in body.traverse() {
        match edge {
            Edge::Open(_) if skip.is_some() => {}
            Edge::Open(node) => match node.value() {
                Node::Element(e) if should_drop(node, e, guard(node.id()), articles > 0, &mut label) => {
                    analysis.dropped.insert(node.id());
                    skip = Some(node.id());
                }
                Node::Element(e) => {
                    anchors += usize::from(is_link(e));
                    articles += usize::from(is_article_markup(e));
                    frames.push(Frame::default());
                }
                Node::Text(text) => {
                    if let Some(top) = frames.last_mut() {
                        let n = visible_chars(text);
                        let counted =
                            Stats { chars: n, link_chars: if anchors > 0 { n } else { 0 }, ..Stats::default() };
                        top.all.add(counted);
                        top.inline.add(counted);
                    }
                }
                _ => {}
            },
            Edge::Close(node) if skip.is_some() => {
                if skip == Some(node.id()) {
                    skip = None;
                }
            }
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let mut frame = frames.pop().unwrap_or_default();
                let name = e.name();
                anchors = anchors.saturating_sub(usize::from(is_link(e)));
                articles = articles.saturating_sub(usize::from(is_article_markup(e)));
                let voter = is_voter_tag(name) || (name != "body" && is_container_tag(name));
                if voter && frame.inline.chars >= MIN_VOTE_CHARS {
                    frame.all.voted += frame.inline.chars.saturating_sub(frame.inline.link_chars);
                    analysis.voters.push((node, frame.inline));
                }
                let block = is_block_tag(name);
                frame.all.h1s += usize::from(name == "h1");
                if let Some(parent) = frames.last_mut() {
                    parent.all.add(frame.all);
                    if name == "article" {
                        parent.all.posts += frame.all.voted.saturating_sub(frame.all.posts);
                    }
                    if !block {
                        parent.inline.add(frame.inline);
                    }
                }
                analysis.stats.insert(node.id(), frame.all);
            }
        }
    }
    analysis
}

/// Article markup that is not itself chrome (a comment is often an `<article class="comment">`)
/// or a box named as the article's text (`entry-content`, `article__body`), and its ancestors:
/// layout wrappers named after a sidebar or share buttons (`socialicons-sticky`,
/// `layout--with-sidebar`) often hold the whole article. Each ancestor chain is walked once:
/// linear in the page. Second, the page's headline: the first `<h1>` whose words are the
/// title's ([`is_headline`]); the boxes around it are kept from class-name drops. A layout box named `for_sidebar` or
/// `zen-one-sidebar-second` around the headline holds the article, not a sidebar.
fn article_holders<'a>(body: NodeRef<'a, Node>, title: Option<&str>) -> (HashSet<NodeId>, Option<NodeRef<'a, Node>>) {
    let mut holders = HashSet::default();
    let mut headline = None;
    let title = title.map(|t| collapse(t).to_lowercase()).filter(|t| t.chars().count() >= 10);
    for node in body.descendants() {
        let Some(e) = node.value().as_element() else { continue };
        if (is_article_markup(e) || names_article_text(e)) && !class_and_id(e).contains("comment") {
            for ancestor in std::iter::once(node).chain(node.ancestors()) {
                if !holders.insert(ancestor.id()) {
                    break;
                }
            }
        }
        if e.name() == "h1" && headline.is_none() {
            if let (Some(title), Some(element)) = (&title, ElementRef::wrap(node)) {
                if is_headline(&collapse(&text_of(element)).to_lowercase(), title) {
                    headline = Some(node);
                }
            }
        }
    }
    (holders, headline)
}

/// Whether a lowercased `<h1>` text is the page's headline: most of its words (three or more)
/// are in the lowercased title, which often adds the site's name or drops a bracket.
fn is_headline(h1: &str, title: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
    };
    let (h1, title) = (words(h1), words(title));
    let found = h1.iter().filter(|w| title.contains(w)).count();
    h1.len() >= 3 && found * 4 >= h1.len() * 3
}

/// What keeps an element from being dropped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Guard {
    /// Nothing: tags, hidden elements and class names can drop it.
    None,
    /// No class name can drop it: it holds the headline, or the page is being read again.
    NotByClass,
    /// It holds the article ([`article_holders`]): no class name, region tag or landmark role
    /// can drop it.
    Article,
}

/// Whether an element's whole subtree is chrome, unless its [`Guard`] keeps it. `in_article`
/// keeps an article's own `<header>`, where the standfirst often is.
fn should_drop(node: NodeRef<'_, Node>, e: &Element, guard: Guard, in_article: bool, label: &mut String) -> bool {
    let name = e.name();
    if matches!(name, "html" | "body") {
        return false;
    }
    let holds_article = guard == Guard::Article;
    let by_class = guard == Guard::None;
    // A page region that holds the article is a tag left unclosed, which then spans the rest
    // of the page: `<header>` opened and never closed holds `<main>`.
    let region = matches!(name, "header" | "footer" | "nav");
    // A `<noscript>` holding paragraphs is the page's text for readers without script (the post
    // on Blogger pages); one holding a pixel or a "please enable JavaScript" line is chrome.
    if name == "noscript" {
        return short_text(node, 200);
    }
    if is_drop_tag(name) && !(name == "header" && in_article) && !(region && holds_article) {
        // Some CMSs wrap the whole page in one <form>; a form that holds paragraphs stays.
        return !(name == "form"
            && node.descendants().any(|d| d.value().as_element().is_some_and(|e| e.name() == "p")));
    }
    let hidden = attr(e, &local_name!("hidden")).is_some()
        || attr(e, &local_name!("aria-hidden")).is_some_and(|v| v.trim() == "true")
        || attr(e, &local_name!("style"))
            .is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none"))
        || (matches!(attr(e, &local_name!("role")), Some("navigation" | "complementary" | "contentinfo" | "banner"))
            && !holds_article);
    if hidden {
        return true;
    }
    let label = class_and_id_into(e, label);
    if label.trim().is_empty() {
        return false; // no class or id (most elements): no word below can be in it
    }
    if is_article_markup(e) {
        // Article classes carry arbitrary CMS tags (`tag-social-media`); only "comment" counts.
        return by_class && label.contains("comment");
    }
    let lists = LabelLists::of(label);
    (by_class && lists.has(Lists::Junk) && !lists.has(Lists::Ok))
        || (lists.has(Lists::Meta) && short_text(node, 500))
        || (by_class && lists.has(Lists::Paywall) && short_text(node, 400))
        || (by_class && lists.has(Lists::Cta) && short_text(node, 400))
}

/// The word lists [`should_drop`] asks about, in the order of [`LABEL_WORDS`]' patterns.
#[derive(Clone, Copy)]
enum Lists {
    Junk,
    Ok,
    Meta,
    Paywall,
    Cta,
}

/// Which of the [`Lists`] a label mentions: one pass of [`LABEL_WORDS`] over it rather than
/// one search per list, as every element with a class or id is asked about all five.
struct LabelLists(u8);

impl LabelLists {
    fn of(label: &str) -> LabelLists {
        let mut found = 0u8;
        for m in LABEL_WORDS.0.find_overlapping_iter(label) {
            found |= 1 << LABEL_WORDS.1[m.pattern().as_usize()] as u8;
        }
        LabelLists(found)
    }

    fn has(&self, list: Lists) -> bool {
        self.0 & (1 << list as u8) != 0
    }
}

/// The words of the five lists in one automaton, with the list of each pattern.
static LABEL_WORDS: LazyLock<(AhoCorasick, Vec<Lists>)> = LazyLock::new(|| {
    let lists = [
        (Lists::Junk, JUNK_WORDS),
        (Lists::Ok, OK_WORDS),
        (Lists::Meta, META_WORDS),
        (Lists::Paywall, PAYWALL_WORDS),
        (Lists::Cta, CTA_WORDS),
    ];
    let words: Vec<&str> = lists.iter().flat_map(|(_, words)| words.iter().copied()).collect();
    let list_of = lists.iter().flat_map(|&(list, words)| words.iter().map(move |_| list)).collect();
    (automaton(&words), list_of)
});

/// Whether a class or id names the article's text: a word for the piece (`article`, `post`,
/// `entry`, `story`) with a word for its text (`content`, `body`, `text`), and no chrome word.
fn names_article_text(e: &Element) -> bool {
    let named = |a: Option<&str>| a.is_some_and(|a| TEXT_OWNER.is_match(a) && TEXT_PART.is_match(a));
    (named(attr(e, &local_name!("class"))) || named(attr(e, &local_name!("id")))) && !mentions(&class_and_id(e), &JUNK)
}

/// An `<a>` that links somewhere: an anchor without `href` (`<a name="part-2">`) marks a place in
/// the text and is text.
fn is_link(e: &Element) -> bool {
    e.name() == "a" && attr(e, &local_name!("href")).is_some()
}

/// `<article>`, `<main>` or `itemprop=articleBody`.
fn is_article_markup(e: &Element) -> bool {
    matches!(e.name(), "article" | "main") || has_token(attr(e, &local_name!("itemprop")), "articlebody")
}

/// The lowercased class and id of an element, for word matching.
fn class_and_id(e: &Element) -> String {
    let mut label = String::new();
    class_and_id_into(e, &mut label);
    label
}

/// [`class_and_id`] written into `buf` (the walk over every element reuses one).
fn class_and_id_into<'b>(e: &Element, buf: &'b mut String) -> &'b str {
    buf.clear();
    buf.push_str(attr(e, &local_name!("class")).unwrap_or(""));
    buf.push(' ');
    buf.push_str(attr(e, &local_name!("id")).unwrap_or(""));
    buf.make_ascii_lowercase();
    buf
}

/// Whether `node` holds at most `max` visible characters; stops looking early so a deep tree
/// of such elements stays linear.
fn short_text(node: NodeRef<'_, Node>, max: usize) -> bool {
    let mut chars = 0;
    for (visited, d) in node.descendants().enumerate() {
        if visited > 4 * max {
            return false;
        }
        if let Node::Text(text) = d.value() {
            chars += visible_chars(text);
            if chars > max {
                return false;
            }
        }
    }
    true
}

/// How much of a voter's text each containing level receives, nearest first (readability's
/// 1, 1/2, then 1/(3·level)).
const LEVEL_SHARES: [f64; 5] = [1.0, 0.5, 1.0 / 6.0, 1.0 / 9.0, 1.0 / 12.0];

/// The best-scored container and the siblings strong enough to belong with it.
fn pick_container<'a>(analysis: &Analysis<'a>) -> Option<Vec<NodeRef<'a, Node>>> {
    let scores = score_containers(analysis);
    let (mut best, mut top) =
        scores.iter().fold(
            None,
            |best: Option<(NodeRef<'a, Node>, f64)>, &(node, s)| {
                if best.is_none_or(|(_, top)| s > top) {
                    Some((node, s))
                } else {
                    best
                }
            },
        )?;
    let score_of: HashMap<NodeId, f64> = scores.iter().map(|(node, s)| (node.id(), *s)).collect();
    // An article split over many small boxes (one per paragraph) scores highest in its biggest
    // box: walk up while the ancestors keep most of the score, and take one that beats it.
    let (mut node, mut last) = (best, top);
    while let Some(parent) = node.parent().filter(|p| !is_body(p)) {
        node = parent;
        let Some(&s) = score_of.get(&parent.id()) else { continue };
        if s < top / 3.0 {
            break;
        }
        if s > last {
            (best, top) = (parent, s);
            break;
        }
        last = s;
    }
    best = widen(analysis, best);
    best = headline_post(analysis, best).unwrap_or(best);
    let lead_box = named_lead(analysis, best);
    let Some(parent) = best.parent().filter(|p| !is_body(p) && !is_body(&best)) else {
        return Some(lead_box.into_iter().chain(std::iter::once(best)).collect());
    };
    // A sibling paragraph: a <p>, or a box that is all prose of its own (a lead or standfirst
    // such as `<div class="teaser">text</div>` beside the article's box).
    let strong_p = |node: &NodeRef<'a, Node>| {
        let is_p = node.value().as_element().is_some_and(|e| e.name() == "p");
        let stats = analysis.stats.get(&node.id()).copied();
        stats.is_some_and(|s| s.chars >= 80 && s.link_density() < 0.25 && (is_p || s.voted * 10 >= s.chars * 9))
    };
    let stat = |node: &NodeRef<'a, Node>| analysis.stats.get(&node.id()).copied().unwrap_or_default();
    // Beside a post with a headline (`<article>` with an `<h1>`), a sibling whose prose sits in
    // `<article>`s is another post or a list of them (teasers, a feed), not more of the text.
    // Posts without a headline are a thread's, which belong together.
    let headed = std::iter::once(best)
        .chain(best.ancestors().take(12))
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "article"))
        .is_some_and(|n| stat(&n).h1s > 0);
    let other_post = |node: &NodeRef<'a, Node>| headed && stat(node).posts_seen_above(*node) * 2 > stat(node).voted;
    let strong = |node: &NodeRef<'a, Node>| {
        score_of.get(&node.id()).is_some_and(|&s| s >= (0.2 * top).max(50.0)) && !other_post(node)
    };
    // Only a lead box right before the article's box; other boxes of prose are author notes
    // and teasers more often than text.
    let lead = best.prev_siblings().find(|n| n.value().is_element()).map(|n| n.id());
    let siblings = parent.children().filter(|node| {
        let is_p = node.value().as_element().is_some_and(|e| e.name() == "p");
        *node == best
            || (analysis.stats.contains_key(&node.id())
                && (strong(node) || ((is_p || lead == Some(node.id())) && strong_p(node))))
    });
    let siblings: Vec<_> = siblings.collect();
    let first = siblings.first().copied().unwrap_or(best);
    let lead_box = named_lead(analysis, first);
    Some(lead_box.into_iter().chain(siblings).collect())
}

/// The `<article>` holding the page's headline when the picked container is another headed
/// post, or a box holding several: an endless-scroll page appends the next stories, each an
/// `<article>` with its `<h1>`, below the one the page is for, and the next story can outscore
/// it. The headline's post needs prose of its own (a header `<article>` holding only the
/// headline is not the text).
fn headline_post<'a>(analysis: &Analysis<'a>, best: NodeRef<'a, Node>) -> Option<NodeRef<'a, Node>> {
    let headline = analysis.headline?;
    let is_article = |n: &NodeRef<'a, Node>| n.value().as_element().is_some_and(|e| e.name() == "article");
    let post = headline.ancestors().find(is_article)?;
    let stat = |n: &NodeRef<'a, Node>| analysis.stats.get(&n.id()).copied().unwrap_or_default();
    if post == best || best.ancestors().any(|a| a == post) || stat(&post).voted < ENOUGH_CHARS {
        return None;
    }
    let holds_headline = headline.ancestors().any(|a| a == best);
    let switch = if holds_headline {
        stat(&best).h1s >= 2 && post.ancestors().any(|a| a == best)
    } else {
        std::iter::once(best).chain(best.ancestors()).find(is_article).is_some_and(|other| stat(&other).h1s >= 1)
    };
    switch.then_some(post)
}

/// A lead named as one (`intro`, `lead`, `excerpt`, `standfirst`, `chapo`) shortly before the
/// picked boxes and outside them: among the few element siblings before them or before one of
/// their three nearest ancestors, a box of low-link text.
fn named_lead<'a>(analysis: &Analysis<'a>, first: NodeRef<'a, Node>) -> Option<NodeRef<'a, Node>> {
    let mut node = first;
    for _ in 0..3 {
        for sibling in node.prev_siblings().filter(|n| n.value().is_element()).take(3) {
            for d in sibling.descendants().take(60) {
                let (Some(e), Some(s)) = (d.value().as_element(), analysis.stats.get(&d.id())) else { continue };
                if s.voted >= 40 && s.link_density() < 0.25 && mentions(&class_and_id(e), &LEAD) {
                    return Some(d);
                }
            }
        }
        node = node.parent().filter(|p| !is_body(p))?;
    }
    None
}

/// An article split over sibling boxes (a page builder's one box per paragraph, a lead box
/// before the text box): climbs from the picked container through its ancestors and takes
/// each one whose text beyond the container's is mostly prose with few links, and either
/// stands before it (a lead) or adds at least half as much prose again. Wrappers that add
/// nothing are passed through; the climb stops where the text added since the last taken
/// ancestor is more chrome than half the prose taken.
fn widen<'a>(analysis: &Analysis<'a>, mut best: NodeRef<'a, Node>) -> NodeRef<'a, Node> {
    let stat = |node: NodeRef<'a, Node>| analysis.stats.get(&node.id()).copied().unwrap_or_default();
    let (mut node, mut before) = (best, Stats::default());
    let (mut own_posts, mut headed) = (0, false);
    for _ in 0..MAX_WIDEN_LEVELS {
        let Some(parent) = node.parent().filter(|p| !is_body(p)) else { break };
        before = node.prev_siblings().fold(before, |mut sum, sibling| {
            sum.add(stat(sibling));
            sum
        });
        let is_article = node.value().as_element().is_some_and(|e| e.name() == "article");
        if node == best || is_article {
            own_posts = stat(node).posts_seen_above(node);
            headed = is_article && stat(node).h1s > 0;
        }
        node = parent;
        let (inner, outer) = (stat(best), stat(parent));
        let added = Stats {
            chars: outer.chars.saturating_sub(inner.chars),
            link_chars: outer.link_chars.saturating_sub(inner.link_chars),
            voted: outer.voted.saturating_sub(inner.voted),
            posts: outer.posts.saturating_sub(own_posts),
            h1s: 0,
        };
        // Other `<article>`s around a headed post are other posts (teasers, a feed).
        let other_posts = headed && added.posts * 2 > added.voted;
        let prose = added.chars.saturating_sub(added.link_chars);
        let lead = before.voted * 2 >= added.voted;
        let mostly_prose =
            !other_posts && added.voted > 0 && added.link_density() < 0.25 && added.voted * 5 >= prose * 3;
        if mostly_prose && (lead || added.voted * 2 >= inner.voted) {
            (best, before) = (parent, Stats::default());
        } else if added.chars.saturating_sub(added.voted) * 2 > inner.voted {
            break;
        }
    }
    best
}

/// Every container's score, in the order first voted for: its share of its voters' text
/// (less link text), weighted by [`weight`].
fn score_containers<'a>(analysis: &Analysis<'a>) -> Vec<(NodeRef<'a, Node>, f64)> {
    let mut votes: HashMap<NodeId, f64> = HashMap::default();
    let mut candidates = Vec::new();
    for &(voter, stats) in &analysis.voters {
        let value = stats.chars.saturating_sub(stats.link_chars) as f64;
        // A <p> votes for the containers above it; a container with loose text for itself
        // first (it is both the paragraph and its container).
        let own = voter.value().as_element().is_some_and(|e| !is_voter_tag(e.name()));
        let chain = std::iter::once(voter).filter(|_| own).chain(voter.ancestors().take(12));
        for (share, container) in LEVEL_SHARES.into_iter().zip(chain.filter(is_container)) {
            *votes.entry(container.id()).or_insert_with(|| {
                candidates.push(container);
                0.0
            }) += value * share;
        }
    }
    candidates
        .into_iter()
        .map(|node| {
            let stats = analysis.stats.get(&node.id()).copied().unwrap_or_default();
            (node, votes.get(&node.id()).copied().unwrap_or(0.0) * weight(node, stats))
        })
        .collect()
}

fn is_body(node: &NodeRef<'_, Node>) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == "body")
}

fn is_container(node: &NodeRef<'_, Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| is_container_tag(e.name()) || has_token(attr(e, &local_name!("itemprop")), "articlebody"))
}

/// How much a container's votes count: link-heavy containers are navigation; article markup
/// and content-ish class names are evidence for; chrome-ish class names against.
fn weight(node: NodeRef<'_, Node>, stats: Stats) -> f64 {
    let Some(e) = node.value().as_element() else {
        return 0.0;
    };
    let label = class_and_id(e);
    let mut weight = 1.0 - stats.link_density();
    if has_token(attr(e, &local_name!("itemprop")), "articlebody") || names_article_text(e) {
        weight *= 1.5;
    }
    match e.name() {
        "article" => weight *= 1.25,
        "main" => weight *= 1.1,
        _ => {}
    }
    if mentions(&label, &OK) {
        weight *= 1.2;
    }
    if mentions(&label, &JUNK) {
        weight *= 0.6;
    }
    if stats.posts * 2 > stats.voted {
        weight *= 0.5; // a list of posts: its prose is in nested `<article>`s
    }
    weight
}

/// Which blocks [`flatten`] emits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every kept block (`p`, `h2`–`h4`, `li`, `blockquote`, loose text in containers).
    Blocks,
    /// Only `<p>` text: the fallback when no container stands out.
    OnlyP,
}

/// Collects block texts in document order; one instance per [`flatten`] call.
struct Blocks<'a, 'b> {
    mode: Mode,
    byline: Option<&'b str>,
    out: Vec<String>,
    text: String,
    /// Open block elements, innermost last: the top decides what kind of block `text` is.
    open: Vec<&'a str>,
    chars: usize,
    link_chars: usize,
    time_chars: usize,
    /// `<br>`s since the last text: two in a row split a paragraph (`<div>` + `<br>` pages).
    breaks: usize,
    /// The last emitted block when it is a title for what follows (a heading, or a short line
    /// ending in a colon): a link list right after it makes it the list's title.
    title: Option<usize>,
}

/// The text blocks under `root` (skipping dropped subtrees), filtered for chrome.
fn flatten<'a>(root: NodeRef<'a, Node>, dropped: &HashSet<NodeId>, mode: Mode, byline: Option<&str>) -> Vec<String> {
    let mut blocks = Blocks {
        mode,
        byline,
        out: Vec::new(),
        text: String::new(),
        open: Vec::new(),
        chars: 0,
        link_chars: 0,
        time_chars: 0,
        breaks: 0,
        title: None,
    };
    let (mut anchors, mut times) = (0usize, 0usize);
    let mut skip: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(_) if skip.is_some() => {}
            Edge::Open(node) => match node.value() {
                Node::Element(_) if dropped.contains(&node.id()) => skip = Some(node.id()),
                Node::Element(e) => {
                    let name = e.name();
                    anchors += usize::from(is_link(e));
                    times += usize::from(name == "time");
                    if name == "br" {
                        blocks.breaks += 1;
                        blocks.text.push(' ');
                    } else if is_block_tag(name) {
                        blocks.flush();
                        blocks.open.push(name);
                    }
                }
                Node::Text(text) => blocks.push(text, anchors > 0, times > 0),
                _ => {}
            },
            Edge::Close(node) if skip.is_some() => {
                if skip == Some(node.id()) {
                    skip = None;
                }
            }
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                anchors = anchors.saturating_sub(usize::from(is_link(e)));
                times = times.saturating_sub(usize::from(e.name() == "time"));
                if is_block_tag(e.name()) {
                    blocks.flush();
                    blocks.open.pop();
                }
            }
        }
    }
    blocks.flush();
    // A heading that ends the text titles something that was left out (an author box).
    if blocks.title.is_some_and(|i| i + 1 == blocks.out.len()) {
        blocks.out.pop();
    }
    blocks.out
}

impl Blocks<'_, '_> {
    fn push(&mut self, text: &str, in_link: bool, in_time: bool) {
        let n = visible_chars(text);
        if n > 0 && self.breaks >= 2 {
            self.flush();
        }
        if n > 0 {
            self.breaks = 0;
        }
        self.text.push_str(text);
        self.chars += n;
        self.link_chars += if in_link { n } else { 0 };
        self.time_chars += if in_time { n } else { 0 };
    }

    /// Ends the current block: emits its text unless it is empty, of a skipped kind,
    /// link-heavy (density over one half), or a byline or date line. A link-heavy block right
    /// after a title (a heading, a short line ending in a colon) takes the title with it.
    fn flush(&mut self) {
        let text = collapse(&std::mem::take(&mut self.text));
        let (chars, links, times) = (self.chars, self.link_chars, self.time_chars);
        (self.chars, self.link_chars, self.time_chars, self.breaks) = (0, 0, 0, 0);
        let kind = self.open.last().copied().unwrap_or("body");
        let wanted = match self.mode {
            Mode::Blocks => !is_skip_block(kind),
            Mode::OnlyP => kind == "p",
        };
        if text.is_empty() || !wanted {
            return;
        }
        if links * 2 > chars {
            // A link list right after a title: "Read also:", "Recommended" and its links.
            if self.title.is_some_and(|i| i + 1 == self.out.len()) {
                self.out.pop();
            }
            self.title = None;
            return;
        }
        let date_line = (times * 2 >= chars && chars < 80) || is_date_line(&text);
        if !date_line && !is_byline(&text, self.byline) {
            let heading = matches!(kind, "h2" | "h3" | "h4");
            self.title = (heading || (chars < 80 && text.ends_with(':'))).then_some(self.out.len());
            self.out.push(text);
        }
    }
}

/// "Published 3 March 2031", "Updated: 14:05 GMT", "Pubblicato il 19 Febbraio 2020": a short
/// dated line with a dating word first; or a line that is a numeric date and little else
/// ("23.10.2018", "2021-10-16 | Botschaft", "24.01.2022 11:38 Kategorie: News").
fn is_date_line(text: &str) -> bool {
    if text.len() >= 70 {
        return false; // before lower-casing: most blocks are paragraphs
    }
    let words = text.split_whitespace().count();
    let lower = text.to_lowercase();
    let dated = [
        "published",
        "updated",
        "posted",
        "last updated",
        "first published",
        "veröffentlicht",
        "aktualisiert",
        "publié",
        "mis à jour",
        "publicado",
        "actualizado",
        "pubblicato",
        "aggiornato",
        "opublikowano",
    ]
    .iter()
    .any(|w| lower.starts_with(w));
    // A date after a label is information ("Termin: 29.02.2020, 19 Uhr", "Deadline: 3.11.2019").
    let mut tokens = text.split(|c: char| c.is_whitespace() || c == '|' || c == ',').filter(|t| !t.is_empty());
    let numeric = tokens.find(|t| t.ends_with(':') || is_numeric_date(t)).is_some_and(|t| !t.ends_with(':'));
    text.bytes().any(|b| b.is_ascii_digit())
        && ((dated && words <= 10) || (numeric && words <= 5 && !text.trim_end().ends_with('.')))
}

/// "23.10.2018", "2021-10-16", "6/2/2014": day, month and year in figures (a year first or
/// last, day and month of one or two figures; a phone number's "158-23-2012" is not one).
fn is_numeric_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['.', '-', '/']).collect();
    let figures =
        |p: &str, len: std::ops::RangeInclusive<usize>| len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let year = |p: &str| figures(p, 4..=4) && matches!(p.as_bytes()[0], b'1' | b'2');
    match parts[..] {
        [y, m, d] if year(y) => figures(m, 1..=2) && figures(d, 1..=2),
        [d, m, y] => figures(d, 1..=2) && figures(m, 1..=2) && (year(y) || figures(y, 2..=2)),
        _ => false,
    }
}

/// A line that is the byline: "By Jane Doe" (or the known author's name), not a sentence
/// starting with "By".
fn is_byline(text: &str, byline: Option<&str>) -> bool {
    if let Some(byline) = byline.map(str::to_lowercase).filter(|b| !b.is_empty()) {
        // Lower-casing shrinks a character at most fourfold (the Kelvin sign's three bytes
        // become `k`), so a long paragraph can equal a short byline only below this length.
        if text.len() < 120 || text.len() <= 4 * byline.len() {
            let lower = text.to_lowercase();
            if lower == byline || (lower.starts_with("by ") && lower.contains(&byline) && text.len() < 120) {
                return true;
            }
        }
    }
    let Some(names) = text.strip_prefix("By ").or_else(|| text.strip_prefix("BY ")) else {
        return false;
    };
    let words: Vec<&str> = names.split_whitespace().collect();
    let particle =
        |w: &str| matches!(w, "and" | "&" | "de" | "van" | "von" | "der" | "la" | "le" | "di" | "da" | "bin");
    words.len() <= 6
        && words.iter().all(|w| w.starts_with(char::is_uppercase) || particle(w))
        && !names.trim_end().ends_with('.')
}

/// Removes a leading "By " from a byline.
fn strip_by(text: &str) -> &str {
    let t = text.trim();
    ["By ", "by ", "BY "].iter().find_map(|p| t.strip_prefix(p)).unwrap_or(t).trim()
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

/// Text content of an element with whitespace collapsed.
fn text_of(element: ElementRef<'_>) -> String {
    collapse(&text_of_raw(element))
}

fn text_of_raw(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// Whitespace runs to one space, trimmed; zero-width characters and soft hyphens removed.
///
/// Every block of every page goes through here, so it copies runs of ASCII (neither white
/// space nor removed) in one piece and looks at other characters one by one, rather than
/// splitting into words and filtering each. A kept character gets one space before it when
/// white space came between it and the last one kept: the words of `split_whitespace`, each
/// filtered and the empty ones left out, joined by spaces (a property test holds the two equal).
fn collapse(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            let start = i;
            while i < b.len() && b[i] < 0x80 && !is_ascii_space(b[i]) {
                i += 1;
            }
            if i == start {
                space = true; // an ASCII space
                i += 1;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&text[start..i]);
        } else {
            let c = text[i..].chars().next().expect("a char boundary before the end");
            i += c.len_utf8();
            if c.is_whitespace() {
                space = true;
            } else if !matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}') {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

/// The ASCII white space of `char::is_whitespace`.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

fn visible_chars(text: &str) -> usize {
    if text.is_ascii() {
        // The ASCII white space of `char::is_whitespace`, spelled out so the count vectorizes.
        return text.bytes().filter(|&b| !is_ascii_space(b)).count();
    }
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether `label` (a class and id) contains any of the words `list` was built from.
fn mentions(label: &str, list: &AhoCorasick) -> bool {
    !label.trim().is_empty() && list.is_match(label)
}

/// A word list compiled into one automaton: class and id labels are matched against every
/// list for every element, and one pass beats a substring search per word.
fn automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::new(words).expect("a few plain words always compile")
}

static JUNK: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(JUNK_WORDS));
static OK: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(OK_WORDS));
/// Class/id words of a lead paragraph ([`named_lead`]).
static LEAD: LazyLock<AhoCorasick> =
    LazyLock::new(|| automaton(&["intro", "lead", "excerpt", "standfirst", "chapo", "summary", "abstract"]));
/// Class/id words of a call to action (`cta`, a donation or app box): a short box with one is
/// chrome.
const CTA_WORDS: &[&str] = &["cta", "donat", "spende", "support-us", "app-promo"];
/// Class/id words of a paywall or subscription prompt: a short box with one is chrome.
const PAYWALL_WORDS: &[&str] = &["paywall", "premium", "piano", "regwall", "metered", "abo-", "abo_", "plus-"];
/// The two halves of a name for the article's text ([`names_article_text`]), any case.
static TEXT_OWNER: LazyLock<AhoCorasick> = LazyLock::new(|| automaton_any_case(&["article", "post", "entry", "story"]));
static TEXT_PART: LazyLock<AhoCorasick> = LazyLock::new(|| automaton_any_case(&["content", "body", "text"]));
/// Whether a class or id holds "byline", its ASCII letters in any case (every element with a
/// class or id is asked). What an ASCII-case-insensitive automaton of the one word answers, found
/// by `memchr2` on its first letter: the automaton's per-call setup was most of the 1.5% of
/// extraction it took on short values; a test holds the two equal.
fn mentions_byline(value: &str) -> bool {
    let h = value.as_bytes();
    memchr::memchr2_iter(b'b', b'B', h).any(|i| h[i..].len() >= 6 && h[i..i + 6].eq_ignore_ascii_case(b"byline"))
}

/// [`automaton`] matching ASCII letters in any case: for raw attribute values, not lower-cased.
fn automaton_any_case(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("a few plain words always compile")
}

/// The value of the attribute `name` (no namespace), as `Element::attr` gives it. A scan of
/// the few attributes an element has, comparing interned names: `Element::attr` interns the
/// name on every call, and the walks ask each element for several attributes.
fn attr<'a>(e: &'a Element, name: &LocalName) -> Option<&'a str> {
    debug_assert!(super::tokenizer::kept_attribute(name), "the tokenizer leaves `{name}` out of the tree");
    e.attrs.iter().find(|(q, _)| q.local == *name && q.prefix.is_none() && q.ns == ns!()).map(|(_, v)| &**v)
}

/// Whether a space-separated attribute (`rel`, `itemprop`) holds `token`, ignoring case.
fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|a| a.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ARTICLE: &str = r##"<!doctype html>
<html lang="en-GB"><head>
<title>Ferry strike ends after nine days | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta property="og:title" content="Ferry strike ends | Valley Post">
<meta property="article:published_time" content="2031-04-02T09:30:00Z">
<link rel="canonical" href="https://valleypost.example/news/ferry-strike">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="share-tools"><a href="#">Share on social media</a></div>
<article>
  <h1>Ferry strike ends after nine days</h1>
  <p class="byline">By Mara Quint</p>
  <p><time datetime="2031-04-02">2 April 2031</time></p>
  <p>PORT VAREN —</p>
  <p>Ferry crews in Port Varen returned to work on Tuesday after a nine-day strike that
     stranded thousands of island commuters, the harbour authority said.</p>
  <h2>What was agreed</h2>
  <p>The deal raises pay by 4 percent this year, a union spokesman said, and adds a
     <a href="/rota">new rota</a> for night crossings.</p>
  <blockquote>“We got what we came for,” said deckhand Oli Brenn.</blockquote>
  <p><a href="/a">Read more</a> <a href="/b">about ferries</a></p>
  <p>Service resumes at 6am.</p>
</article>
<div id="comments"><p>First! This is the best comment ever written on this site.</p></div>
<aside><p>Most read: a long list of other stories that are not the article at all.</p></aside>
<footer><p>© Valley Post. All rights reserved, and then some more words here.</p></footer>
</body></html>"##;

    #[test]
    fn reads_metadata_from_meta_tags() {
        let page = parse(ARTICLE);
        assert_eq!(page.title.as_deref(), Some("Ferry strike ends"));
        assert_eq!(page.outlet.as_deref(), Some("Valley Post"));
        assert_eq!(page.url.as_deref(), Some("https://valleypost.example/news/ferry-strike"));
        assert_eq!(page.published.as_deref(), Some("2031-04-02T09:30:00Z"));
        assert_eq!(page.byline.as_deref(), Some("Mara Quint"));
        assert_eq!(page.language.as_deref(), Some("en"));
    }

    #[test]
    fn keeps_article_blocks_and_drops_chrome() {
        let page = parse(ARTICLE);
        assert_eq!(
            page.paragraphs,
            [
                "PORT VAREN —",
                "Ferry crews in Port Varen returned to work on Tuesday after a nine-day strike that \
                 stranded thousands of island commuters, the harbour authority said.",
                "What was agreed",
                "The deal raises pay by 4 percent this year, a union spokesman said, and adds a new \
                 rota for night crossings.",
                "“We got what we came for,” said deckhand Oli Brenn.",
                "Service resumes at 6am.",
            ]
        );
    }

    #[test]
    fn json_ld_wins_and_graph_is_searched() {
        let html = r#"<html><head>
<meta property="og:title" content="OG headline">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Site"},
  {"@type":["NewsArticle"],"headline":"Dam &amp; lock reopen","datePublished":"2031-05-06",
   "author":[{"@type":"Person","name":"Ada Penn"},{"name":"Rui Sol"}],
   "publisher":{"@type":"Organization","name":"Lakeside Herald"},
   "url":"https://herald.example/dam","inLanguage":"pt-BR"}]}</script>
<title>Plain title</title></head><body><p>Short.</p></body></html>"#;
        let page = parse(html);
        assert_eq!(page.title.as_deref(), Some("Dam & lock reopen"));
        assert_eq!(page.published.as_deref(), Some("2031-05-06"));
        assert_eq!(page.byline.as_deref(), Some("Ada Penn, Rui Sol"));
        assert_eq!(page.outlet.as_deref(), Some("Lakeside Herald"));
        assert_eq!(page.url.as_deref(), Some("https://herald.example/dam"));
        assert_eq!(page.language.as_deref(), Some("pt"));
        assert_eq!(page.paragraphs, ["Short."]);
    }

    #[test]
    fn title_suffix_is_stripped_only_when_it_names_the_site() {
        assert_eq!(strip_site("Rain due - The Valley Post", Some("the valley post"), None), "Rain due");
        assert_eq!(strip_site("Valley Post | Rain due", Some("Valley Post"), None), "Rain due");
        assert_eq!(strip_site("Rain due | Valley Post", None, Some("https://www.valleypost.example/x")), "Rain due");
        assert_eq!(strip_site("Cats - and dogs", Some("Valley Post"), None), "Cats - and dogs");
        assert_eq!(strip_site("Valley Post", Some("Valley Post"), None), "Valley Post");
    }

    #[test]
    fn div_and_br_pages_still_yield_text() {
        let html = "<body><div class=\"menu\"><a href=/>Home</a></div>\
            <div>First paragraph of a plain page.<br><br>Second paragraph, after two breaks.<br>same one</div></body>";
        assert_eq!(
            parse(html).paragraphs,
            ["First paragraph of a plain page.", "Second paragraph, after two breaks. same one"]
        );
    }

    #[test]
    fn strong_sibling_containers_are_included() {
        let para = "Long enough paragraph about the reservoir levels this spring, with numbers.";
        let html = format!(
            "<body><div id=wrap><div class=part><p>{para} One.</p><p>{para} Two.</p></div>\
             <div class=part><p>{para} Three.</p><p>{para} Four.</p></div>\
             <div class=related><p>{para} Five.</p></div></div></body>"
        );
        let page = parse(&html);
        let ends: Vec<_> = page.paragraphs.iter().map(|p| p.rsplit(' ').next().unwrap()).collect();
        assert_eq!(ends, ["One.", "Two.", "Three.", "Four."]);
    }

    #[test]
    fn class_names_never_drop_the_article_but_do_drop_comments() {
        let html = "<body><div class=\"sticky-sidebar\"><article class=\"post tag-social-media\">\
            <p>The orchard festival drew a record crowd of nine thousand on Saturday.</p></article>\
            <article class=\"comment\"><p>What a lovely day it was, thanks for writing this up!</p></article>\
            </div><div class=\"sidebar\"><p>Other orchards you might like to visit this autumn season.</p></div></body>";
        assert_eq!(parse(html).paragraphs, ["The orchard festival drew a record crowd of nine thousand on Saturday."]);
    }

    #[test]
    fn a_layout_box_named_sidebar_around_the_headline_is_kept() {
        let text = "The ferry council voted on Tuesday to restore the night crossing from May.";
        let html = format!(
            "<head><title>Night ferry returns in May | Valley Post</title></head><body>\
            <section class=\"l-section for_sidebar\"><h1>Night ferry returns in May</h1><p>{text}</p>\
            <p>{text}</p></section><div class=\"sidebar\"><p>Other ferries you might like this summer season.</p>\
            </div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [text, text]);
        // The same box without the headline is a sidebar.
        let html = html.replace("<h1>Night ferry returns in May</h1>", "<h1>Valley Post</h1>");
        assert!(parse(&html).paragraphs.is_empty());
    }

    #[test]
    fn a_page_that_comes_out_empty_is_read_again_without_class_drops() {
        let text = "The ferry council voted on Tuesday to restore the night crossing from May.";
        let html = format!("<body><div class=\"share-zone\"><p>{text}</p><p>{text}</p><p>{text}</p></div></body>");
        assert_eq!(parse(&html).paragraphs, [text, text, text]);
    }

    #[test]
    fn ruby_readings_are_not_text() {
        let html =
            "<body><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>法律<rt>ほうりつ</rt></ruby>が\
            できて、親が子どもを教育するために、体罰を禁止することになりました。</p></body>";
        assert_eq!(
            parse(html).paragraphs,
            ["子どもへの法律ができて、親が子どもを教育するために、体罰を禁止することになりました。"]
        );
    }

    #[test]
    fn a_post_in_noscript_is_read_and_a_pixel_in_noscript_is_not() {
        let text = "The ferry council voted on Tuesday to restore the night crossing from May onwards.";
        let html = format!(
            "<head><noscript><img src=/pixel.gif></noscript><title>Night ferry returns</title></head><body>\
            <div class=post-body><script type='text/template'><p>{text}</p></script>\
            <noscript><p>{text}</p><p>{text}</p><p>{text}</p></noscript></div>\
            <noscript>Please enable JavaScript to see the comments.</noscript></body>"
        );
        let page = parse(&html);
        assert_eq!(page.title.as_deref(), Some("Night ferry returns"));
        assert_eq!(page.paragraphs, [text, text, text]);
    }

    #[test]
    fn an_endless_scroll_page_gives_the_story_its_headline_names() {
        let first = "Capuchin friars will bless cars, buses and bicycles on Saturday along Peron Avenue, as every May.";
        let next =
            "Prosecutors charged three young men on Friday over the kidnapping of a sixteen-year-old in San Pedro.";
        let html = format!(
            "<head><title>Daily | Friars to bless vehicles on Saturday</title></head><body><div id=stories>\
            <article><h1>Friars to bless vehicles on Saturday</h1><div class=text><p>{first}</p><p>{first}</p><p>{first}</p></div></article>\
            <article><h1>Three charged over kidnapping</h1><div class=text><p>{next}</p><p>{next}</p><p>{next}</p>\
            <p>{next}</p></div></article></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [first, first, first]);
    }

    #[test]
    fn falls_back_to_every_paragraph_when_no_container_stands_out() {
        let html = "<body><div><p>Tiny.</p></div><table><tr><td><p>Also tiny.</p></td></tr></table></body>";
        assert_eq!(parse(html).paragraphs, ["Tiny.", "Also tiny."]);
    }

    #[test]
    fn byline_and_date_lines_are_recognized() {
        assert!(is_byline("By Jane Doe and Li Wei", None));
        assert!(is_byline("BY JANE DOE", None));
        assert!(!is_byline("By noon the square was empty.", None));
        assert!(is_byline("By Jane Doe, Staff Writer", Some("Jane Doe")));
        assert!(is_date_line("Published: 3 March 2031, 14:05"));
        assert!(is_date_line("Pubblicato il 19 Febbraio 2031"));
        assert!(is_date_line("23.10.2031"));
        assert!(is_date_line("2031-10-16 | Botschaft"));
        assert!(is_date_line("24.01.2031 11:38 Kategorie: News"));
        assert!(!is_date_line("On 23.10.2031 the ferry council met again."));
        assert!(!is_date_line("Version 2.1.0 is out"));
        assert!(!is_date_line("Termin: 29.02.2031, 19 Uhr"));
        assert!(!is_date_line("+81 158-23-2012"));
        assert!(!is_date_line("Updated figures released on Monday show that ferry use rose 5 percent."));
    }

    #[test]
    fn json_ld_with_trailing_commas_and_raw_newlines_is_read() {
        let html = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Two\nlines\",\
            \"keywords\": [\"a\", \"b\", ], \"author\": {\"name\": \"Q \\\"Quill\\\" Doe\", },}</script>";
        let page = parse(html);
        assert_eq!(page.title.as_deref(), Some("Two lines"));
        assert_eq!(page.byline.as_deref(), Some("Q \"Quill\" Doe"));
        assert_eq!(lenient_json(r#"{"a": ", ]", }"#), r#"{"a": ", ]" }"#);
    }

    /// Text made of what `collapse` tells apart: ASCII and other letters, every kind of white
    /// space, the characters it removes, and characters that are neither.
    fn spaced_text() -> impl Strategy<Value = String> {
        let pieces = vec![
            "a", "Bc", "é", "’", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2009}",
            "\u{3000}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{200e}", "\u{feff}", "\u{ad}", "\u{1f}", "日", ".",
            "\u{0}",
        ];
        proptest::collection::vec(proptest::sample::select(pieces), 0..16).prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// `collapse` is the words of `split_whitespace`, each without zero-width characters and
        /// soft hyphens, the empty ones left out, joined by single spaces.
        #[test]
        fn collapse_joins_the_filtered_words(text in spaced_text()) {
            let words: Vec<String> = text
                .split_whitespace()
                .map(|w| w.chars().filter(|c| !matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}')).collect())
                .filter(|w: &String| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(collapse(&text), words.join(" "));
        }

        /// `mentions_byline` answers what an ASCII-case-insensitive automaton of "byline" does,
        /// on values mixing its pieces in any case with other bytes.
        #[test]
        fn mentions_byline_is_the_automaton(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "by", "BY", "bY", "line", "LINE", "lIne", "byline", "Byl", "ine", "b", "B", "-", "_", " ", "é",
                "\u{212a}", "ı", "İ", "x",
            ]), 0..12),
        ) {
            let value = parts.concat();
            let automaton = automaton_any_case(&["byline"]);
            proptest::prop_assert_eq!(mentions_byline(&value), automaton.is_match(&value));
        }
    }

    #[test]
    fn helpers_are_total() {
        assert_eq!(collapse("  a \u{200b}\n\t b\u{ad}c  \u{200b} "), "a bc");
        assert_eq!(unescape_entities("A &amp; B &#8217; &#x41; &bogus; &"), "A & B \u{2019} A &bogus; &");
        let ascii: String = (0..128u8).map(char::from).collect();
        assert_eq!(visible_chars(&ascii), ascii.chars().filter(|c| !c.is_whitespace()).count());
    }

    #[test]
    fn never_panics_on_broken_or_hostile_input() {
        // html5ever's own cost grows with the square of nested *block* depth, so the deep
        // case that proves our walks iterative nests inline elements (linear to parse).
        let deep = "<div>".repeat(500) + &"<span>".repeat(30_000) + "deep text" + &"</div>".repeat(5);
        let inputs = [
            "",
            "<",
            "<html><body><p>cut off mid-tag <a hre",
            "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"author\":[[[[",
            "<meta charset><meta name=author content><time datetime>",
            "\u{0}\u{fffd}<p>\u{0}</p>",
            &deep,
        ];
        for input in inputs {
            let _ = parse(input);
        }
        assert_eq!(parse(&deep).paragraphs, ["deep text"]);
    }

    #[test]
    fn figures_and_photo_credits_are_not_text() {
        let para = "The new footbridge over the Arle opened on Friday, two years after the old one was washed away.";
        let html = format!(
            "<body><div class=\"story\"><p>{para}</p>\
             <figure><img src=a.jpg><p>Walkers cross the bridge on its first morning.</p></figure>\
             <div class=\"image-credit\">Photo: Ilse Varga / Arle Times</div><p>{para}</p></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [para, para]);
    }

    #[test]
    fn an_article_split_over_page_builder_boxes_is_taken_whole() {
        let boxed = |text: &str| format!("<div class=\"vc_text\"><div class=\"wrap\"><p>{text}</p></div></div>");
        let lead = "The lighthouse keepers of Skerrin Rock voted on Monday to end their watch after ninety years.";
        let one = "The rock's lamp will be run from the mainland from June, the coastal board said in a statement, \
                   and the keepers' cottage will become a small museum about the light and its crews.";
        let two = "Two of the four keepers have served for more than twenty years and plan to stay on the island.";
        let html = format!(
            "<body><div id=\"page\"><div class=\"row\"><div class=\"col\">{}</div></div>\
             <div class=\"row\"><div class=\"col\"><div class=\"inner\">{}<h2>A quiet end</h2>{}\
             </div></div></div><div class=\"more\"><a href=/a>Ferry times</a> <a href=/b>Tide tables</a></div>\
             </div></body>",
            boxed(lead),
            boxed(one),
            boxed(two)
        );
        assert_eq!(parse(&html).paragraphs, [lead, one, "A quiet end", two]);
    }

    #[test]
    fn a_sidebar_named_wrapper_around_the_article_text_is_kept() {
        let para = "The parish council approved the new allotments on Thursday after a two-year wait for the land.";
        let html = format!(
            "<body><div id=\"page\"><div class=\"layout-with-sidebar\"><div class=\"socialicons-sticky\">\
             <div class=\"entry-content\"><p>{para}</p><p>{para}</p></div></div>\
             <div class=\"sidebar-widget\"><p>Our most popular walks of the summer, chosen by our readers.</p></div>\
             </div></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [para, para]);
    }

    #[test]
    fn a_named_anchor_is_text_not_a_link() {
        let html = "<body><div class=\"story\"><p><a name=\"q1\">Which of the two harbour plans did the council \
            finally choose on Tuesday?</a></p><p>The council chose the smaller plan, which keeps the old slipway.</p>\
            <p><a href=\"/more\">More harbour stories from our archive of the past years</a></p></div></body>";
        assert_eq!(
            parse(html).paragraphs,
            [
                "Which of the two harbour plans did the council finally choose on Tuesday?",
                "The council chose the smaller plan, which keeps the old slipway."
            ]
        );
    }

    #[test]
    fn a_lead_box_before_the_article_box_is_kept() {
        let para = "Crews of the night ferry agreed a new rota on Tuesday, the harbour office said in a statement.";
        let html = format!(
            "<html><body><div class=\"story\"><h2>Night ferries return</h2>\
             <div class=\"standfirst\">The island link runs again after a winter without any evening crossings at all.</div>\
             <div class=\"text\"><p>{para}</p><p>{para}</p><p>{para}</p></div>\
             <div class=\"promo\">Our newsletter brings the best of the week to you every single Friday morning.</div>\
             </div></body></html>"
        );
        let page = parse(&html);
        let lead = page.paragraphs.iter().position(|p| p.starts_with("The island link runs again"));
        assert!(lead.is_some_and(|i| page.paragraphs[i + 1] == para), "{:?}", page.paragraphs);
        assert!(!page.paragraphs.iter().any(|p| p.contains("newsletter")), "{:?}", page.paragraphs);
    }

    #[test]
    fn teaser_posts_beside_the_headed_article_are_not_its_text() {
        let para = "The river ferry at Olme will run through the winter for the first time, the county said \
                    on Monday, after a petition signed by more than two thousand of the village's commuters. \
                    The boat will keep its summer timetable, with a last crossing at nine in the evening.";
        let teaser = |n: usize| {
            format!(
                "<article class=\"post\"><h3><a href=/p{n}>Walks of the month</a></h3><p>A short walk along the \
                 dunes, a picnic on the cliffs and a tea room at the end of it, number {n} in our series.</p></article>"
            )
        };
        let teasers: String = (0..6).map(teaser).collect();
        let html = format!(
            "<body><div id=\"primary\"><article class=\"post\"><h1>Ferry runs all winter</h1><p>{para}</p>\
             </article><article class=\"post more\"><h3>More posts</h3>{teasers}</article></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [para]);
    }

    #[test]
    fn posts_of_a_thread_without_a_headline_are_kept_together() {
        let post = |who: &str| {
            format!(
                "<article class=\"message\"><h4>{who}</h4><div class=\"message-body\"><p>Our cat did the same \
                 after the move and settled down after a fortnight, so give her time and a quiet corner, {who}.</p>\
                 </div></article>"
            )
        };
        let html = format!("<body><div class=\"thread\">{}{}{}</div></body>", post("Ana"), post("Bo"), post("Cy"));
        let page = parse(&html);
        assert_eq!(page.paragraphs.iter().filter(|p| p.starts_with("Our cat")).count(), 3, "{:?}", page.paragraphs);
    }

    #[test]
    fn an_unclosed_header_around_the_article_is_not_chrome() {
        let para = "The county library at Fenmoor reopens on Saturday after a year of repairs to its leaking roof.";
        let html = format!(
            "<body><header role=\"banner\"><div class=\"logo\">Fenmoor Weekly</div>\
             <nav><a href=/>Home</a> <a href=/news>News</a></nav>\
             <main><article><p>{para}</p><p>{para}</p><p>{para}</p></article></main>\
             <footer><p>Contact the newsroom at any time of the day or night, we answer.</p></footer></body>"
        );
        assert_eq!(parse(&html).paragraphs, [para, para, para]);
    }

    #[test]
    fn a_title_over_a_link_list_or_at_the_end_goes_with_what_it_titles() {
        let para = "The harbour board agreed on Tuesday to dredge the east basin before the autumn storms arrive.";
        let links =
            "<ul><li><a href=/a>Ferry fares rise in spring</a></li><li><a href=/b>New pier lights</a></li></ul>";
        let html = format!(
            "<body><div class=\"story\"><h2>What the board decided</h2><p>{para}</p><h3>Read also</h3>{links}\
             <p>{para}</p><p>More on this in our archive:</p>{links}<p>{para}</p>\
             <h3>About the author</h3><div class=\"author-bio\">Ann Reed covers the port.</div></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, ["What the board decided", para, para, para]);
    }

    #[test]
    fn a_named_lead_before_the_article_box_is_kept() {
        let lead = "Fenmoor's tram returns after forty years, and the first week of rides is free for everyone.";
        let para = "The line runs from the station to the harbour every twelve minutes, the council said on Friday.";
        let html = format!(
            "<body><div class=\"top\"><div class=\"wrap\"><p class=\"intro\">{lead}</p></div></div>\
             <div class=\"row\"><div class=\"col\"><div class=\"text\"><p>{para}</p><p>{para}</p><p>{para}</p>\
             </div></div></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [lead, para, para, para]);
    }

    #[test]
    fn short_paywall_donation_and_author_boxes_inside_the_text_are_chrome() {
        let para = "The tide mill at Orle will grind flour again this summer after a restoration of its wheel.";
        let bio = "Mara Quint has written about the coast and its villages for twenty years. She lives in Orle \
                   with two dogs and a boat that she is always about to repair, and she answers every letter.";
        let html = format!(
            "<body><div class=\"story\"><p>{para}</p><p>{para}</p><div class=\"paywall-prompt\"><p>Subscribe \
             today to read the rest of this story and all of our archive.</p></div><p>{para}</p>\
             <div class=\"donate-cta\"><p>Our reporting is free to read. Can you give a little to keep it?</p></div>\
             <div class=\"author-box\"><p>{bio}</p></div></div></body>"
        );
        assert_eq!(parse(&html).paragraphs, [para, para, para]);
    }
}
