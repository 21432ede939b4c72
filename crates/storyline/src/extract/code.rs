//! Emptying the page's code before the HTML parser reads it.
//!
//! More than half the bytes of a modern news page are the bodies of `<script>` and `<style>`
//! elements (54% on the Zyte benchmark's pages). html5ever tokenizes every character of them and
//! builds text nodes that extraction then throws away; that was the largest single cost of the
//! stage. [`empty_code`] finds those elements with a tag scanner that follows the HTML tokenizer's
//! rules for comments, tags, attribute quoting and raw-text elements, and returns the page with
//! their bodies removed (the tags stay, so the tree has the same shape).
//!
//! Hand-written rather than a rewriting crate (lol_html) because the point is speed: the scan
//! jumps from `<` to `<` with memchr at several GB/s, where a second full tokenizer pass would
//! cost about what it saves.
//!
//! The scanner must never remove text the parser would read as page content. So it keeps, when
//! unsure:
//! - JSON-LD (`type="application/ld+json"`), which the metadata reader parses;
//! - scripts and styles inside `<svg>`, where they are markup, not raw text; and everything
//!   from the first such element or CDATA section on once the SVG holds anything but plain SVG
//!   elements (an integration point like `<title>`, or a tag like `<p>` that breaks out of it),
//!   where whether a body is raw text depends on the parser's whole stack;
//! - the bodies of other raw-text elements (`<title>`, `<textarea>`, `<noscript>`, …), which it
//!   skips without looking inside, and everything after `<plaintext>`.
//!
//! Skipping too much is always safe (a script is then left for the parser); only a wrong idea of
//! where a script starts or ends could lose text, and every such boundary is the tokenizer's own.

use memchr::{memchr, memmem};
use std::borrow::Cow;

/// The page with the bodies of its scripts (except JSON-LD) and style sheets removed.
pub fn empty_code(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut foreign = Foreign::default();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt + 1..];
        i = match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => comment_end(b, lt + 4),
            Some(b'!') if foreign.open() && rest.starts_with(b"![CDATA[") => {
                // In plain SVG a CDATA section runs to `]]>`; anywhere less certain, where it
                // ends decides what is markup after it: stop.
                if foreign.plain {
                    after(b, lt + 9, b"]]>")
                } else {
                    b.len()
                }
            }
            // Bogus comments (`<!DOCTYPE …>`, `<?xml …>`, `</ …>`) end at the first `>`,
            // quotes or not; `</>` is dropped.
            Some(b'!' | b'?') => after(b, lt + 1, b">"),
            Some(b'/') if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) => after(b, lt + 2, b">"),
            Some(b'/') => {
                let tag = scan_tag(b, lt + 2);
                foreign.end_tag(tag.name);
                tag.end
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = scan_tag(b, lt + 1);
                let name = tag.name;
                let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
                let raw = RAW_TEXT.iter().any(|raw| is(raw));
                if is(b"svg") || is(b"math") {
                    foreign.start(is(b"math"), tag.self_closing);
                    tag.end
                } else if foreign.open() {
                    // In plain SVG a script, style or title is markup like any other element.
                    // Inside an HTML integration point (`<foreignObject>`, `<title>`, `<mi>`), or
                    // after a tag like `<p>` that breaks out of the SVG, it is raw text again;
                    // which one the parser sees then depends on its whole stack of open
                    // elements, so the scan stops and leaves the rest of the page as it is.
                    let code = raw || is(b"script") || is(b"style") || is(b"plaintext");
                    if code && !foreign.plain {
                        b.len()
                    } else {
                        foreign.start_tag(name);
                        tag.end
                    }
                } else if is(b"plaintext") {
                    b.len()
                } else if is(b"script") || is(b"style") {
                    let close = if is(b"script") { script_end(b, tag.end) } else { closing(b, tag.end, name) };
                    if !tag.json_ld && close > tag.end {
                        out.push_str(&html[copied..tag.end]);
                        copied = close;
                    }
                    close
                } else if raw {
                    closing(b, tag.end, name)
                } else {
                    tag.end
                }
            }
            _ => lt + 1,
        };
        if i >= b.len() {
            break;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// What the scan knows of the SVG or MathML it is in.
///
/// Open `<svg>` and `<math>` elements are counted apart, so that a stray `</math>` does not end
/// an SVG. `plain` holds while every tag since the outermost one opened is an SVG element that
/// is neither an HTML integration point nor a tag that breaks out to HTML: then the parser is
/// surely in SVG. When the counts drift from the parser's, they only ever say "SVG" where the
/// parser is back in HTML, and the scan then stops before anything it would empty.
struct Foreign {
    open: [usize; 2],
    plain: bool,
}

impl Default for Foreign {
    fn default() -> Self {
        Foreign { open: [0, 0], plain: true }
    }
}

impl Foreign {
    fn open(&self) -> bool {
        self.open != [0, 0]
    }

    fn start(&mut self, math: bool, self_closing: bool) {
        if !self_closing {
            self.open[usize::from(math)] += 1;
        }
        // MathML is rare on news pages and full of integration points: never plain.
        self.plain &= !math;
    }

    fn start_tag(&mut self, name: &[u8]) {
        self.plain &= PLAIN_SVG.iter().any(|n| name.eq_ignore_ascii_case(n));
    }

    fn end_tag(&mut self, name: &[u8]) {
        if name.eq_ignore_ascii_case(b"svg") {
            self.open[0] = self.open[0].saturating_sub(1);
        } else if name.eq_ignore_ascii_case(b"math") {
            self.open[1] = self.open[1].saturating_sub(1);
        } else if self.open() {
            // Another end tag may close an HTML element around the SVG, and the SVG with it.
            self.start_tag(name);
        }
        if !self.open() {
            self.plain = true;
        }
    }
}

/// SVG elements that keep the parser in SVG: all but the integration points (`foreignObject`,
/// `desc`, `title`). Script and style are here: in plain SVG their bodies are markup.
const PLAIN_SVG: [&[u8]; 58] = [
    b"a",
    b"animate",
    b"animatemotion",
    b"animatetransform",
    b"circle",
    b"clippath",
    b"defs",
    b"ellipse",
    b"feblend",
    b"fecolormatrix",
    b"fecomponenttransfer",
    b"fecomposite",
    b"feconvolvematrix",
    b"fediffuselighting",
    b"fedisplacementmap",
    b"fedistantlight",
    b"fedropshadow",
    b"feflood",
    b"fefunca",
    b"fefuncb",
    b"fefuncg",
    b"fefuncr",
    b"fegaussianblur",
    b"feimage",
    b"femerge",
    b"femergenode",
    b"femorphology",
    b"feoffset",
    b"fepointlight",
    b"fespecularlighting",
    b"fespotlight",
    b"fetile",
    b"feturbulence",
    b"filter",
    b"g",
    b"image",
    b"line",
    b"lineargradient",
    b"marker",
    b"mask",
    b"metadata",
    b"mpath",
    b"path",
    b"pattern",
    b"polygon",
    b"polyline",
    b"radialgradient",
    b"rect",
    b"script",
    b"set",
    b"stop",
    b"style",
    b"switch",
    b"symbol",
    b"text",
    b"textpath",
    b"tspan",
    b"use",
];

/// Elements other than script and style whose body the tokenizer reads as text up to the
/// matching end tag (RCDATA and RAWTEXT; `noscript` because the parser runs with scripting on).
const RAW_TEXT: [&[u8]; 7] = [b"title", b"textarea", b"xmp", b"iframe", b"noembed", b"noframes", b"noscript"];

/// The position just past the comment whose text starts at `from` (after `<!--`). As the
/// tokenizer reads it: `<!-->` and `<!--->` close at once, otherwise `-->` or `--!>` close it.
fn comment_end(b: &[u8], from: usize) -> usize {
    let text = &b[from.min(b.len())..];
    if text.starts_with(b">") {
        return from + 1;
    }
    if text.starts_with(b"->") {
        return from + 2;
    }
    let close = memmem::find(text, b"-->").map(|p| p + 3);
    let bang = memmem::find(text, b"--!>").map(|p| p + 4);
    match (close, bang) {
        (Some(a), Some(c)) => from + a.min(c),
        (Some(a), None) | (None, Some(a)) => from + a,
        (None, None) => b.len(),
    }
}

/// The position just past the first `needle` at or after `from`, or the end of the page.
fn after(b: &[u8], from: usize, needle: &[u8]) -> usize {
    let from = from.min(b.len());
    memmem::find(&b[from..], needle).map_or(b.len(), |p| from + p + needle.len())
}

/// Where the body of a raw-text element `name` that starts at `from` ends: the `<` of the first
/// `</name` followed by a space, `/` or `>` (the tokenizer's "appropriate end tag"), or the end
/// of the page.
fn closing(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from.min(b.len());
    while let Some(p) = memmem::find(&b[at..], b"</") {
        let start = at + p;
        let tail = &b[start + 2..];
        if tail.len() > name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name)
            && matches!(tail[name.len()], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
        {
            return start;
        }
        at = start + 2;
    }
    b.len()
}

/// Where the body of a script that starts at `from` ends, following the tokenizer's script
/// states: after `<!--`, a `<script>` starts a "double-escaped" stretch in which `</script>`
/// does not end the script, and `-->` leaves the escape again.
fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let tag = |at: usize| {
        let tail = &b[at..];
        tail.len() > 6
            && tail[..6].eq_ignore_ascii_case(b"script")
            && matches!(tail[6], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
    };
    let mut state = State::Data;
    let mut i = from.min(b.len());
    loop {
        // Outside an escape only `<` matters; dashes are looked for inside one (scripts with
        // `<!--` are rare, scripts full of `-` are not).
        let found = if state == State::Data { memchr(b'<', &b[i..]) } else { memchr::memchr2(b'<', b'-', &b[i..]) };
        let Some(off) = found else { break };
        let p = i + off;
        let rest = &b[p..];
        i = p + 1;
        if rest.starts_with(b"-->") {
            state = State::Data;
            i = p + 3;
        } else if rest.starts_with(b"<!--") && state == State::Data {
            state = State::Escaped;
            // The dashes may close the escape at once (`<!-->`).
            i = p + 2;
        } else if rest.starts_with(b"</") && tag(p + 2) {
            match state {
                State::DoubleEscaped => state = State::Escaped,
                _ => return p,
            }
        } else if rest.starts_with(b"<") && state == State::Escaped && tag(p + 1) {
            state = State::DoubleEscaped;
        }
    }
    b.len()
}

/// A tag as the tokenizer reads it.
struct Tag<'a> {
    name: &'a [u8],
    /// Just past the closing `>` (or the end of the page).
    end: usize,
    self_closing: bool,
    /// `type` is `application/ld+json` (or may be: it holds a character reference).
    json_ld: bool,
}

/// Reads the tag whose name starts at `start`: name, then attributes with the tokenizer's
/// quoting rules (a quote opens a value only right after `=`), up to `>`.
fn scan_tag(b: &[u8], start: usize) -> Tag<'_> {
    let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut i = start;
    while i < b.len() && !space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = Tag { name: &b[start..i], end: b.len(), self_closing: false, json_ld: false };
    while i < b.len() {
        match b[i] {
            b'>' => {
                tag.self_closing = i > start && b[i - 1] == b'/';
                tag.end = i + 1;
                return tag;
            }
            c if space(c) || c == b'/' => i += 1,
            _ => {
                // Attribute name: up to a space, `/`, `>` or `=` (a leading `=` belongs to it).
                let name_start = i;
                i += 1;
                while i < b.len() && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                let attr = &b[name_start..i];
                while i < b.len() && space(b[i]) {
                    i += 1;
                }
                if i >= b.len() || b[i] != b'=' {
                    continue;
                }
                i += 1;
                while i < b.len() && space(b[i]) {
                    i += 1;
                }
                let value_start;
                let value_end;
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        value_start = i + 1;
                        value_end = memchr(q, &b[value_start..]).map_or(b.len(), |p| value_start + p);
                        i = (value_end + 1).min(b.len());
                    }
                    _ => {
                        value_start = i;
                        while i < b.len() && !space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        value_end = i;
                    }
                }
                if attr.eq_ignore_ascii_case(b"type") {
                    // A value written with character references (`application&#x2F;ld&#x2B;json`,
                    // seen in the wild) is not decoded here: it counts as JSON-LD, so it is kept.
                    let value = b[value_start..value_end].trim_ascii();
                    tag.json_ld = value.eq_ignore_ascii_case(b"application/ld+json") || value.contains(&b'&');
                }
            }
        }
    }
    tag
}

#[cfg(test)]
mod tests {
    use super::empty_code;

    #[test]
    fn script_and_style_bodies_go_and_their_tags_stay() {
        let page = "<html><head><style>p{color:red}</style><SCRIPT src=a.js>var a = '<p>x</p>';</SCRIPT></head>\
                    <body><p>Text</p><script>if (a < b) {}</script ><p>More</p></body></html>";
        assert_eq!(
            empty_code(page),
            "<html><head><style></style><SCRIPT src=a.js></SCRIPT></head><body><p>Text</p><script></script ><p>More</p></body></html>"
        );
    }

    #[test]
    fn json_ld_is_kept() {
        let page = "<script type = ' application/LD+JSON '>{\"headline\": \"</p>\"}</script>\
                    <script type=\"application&#x2F;ld&#x2B;json\">{}</script><p>x</p>";
        assert_eq!(empty_code(page), page);
    }

    #[test]
    fn a_script_ends_where_the_tokenizer_ends_it() {
        // Inside `<!-- … -->` a `<script>` opens a stretch where `</script>` does not end the
        // outer script; the body runs to the second `</script>`.
        let page = "<script><!-- document.write('<script></script>') --></script><p>x</p>";
        assert_eq!(empty_code(page), "<script></script><p>x</p>");
        let page = "<script><!--></script><p>y</p><script>a --> b</script>";
        assert_eq!(empty_code(page), "<script></script><p>y</p><script></script>");
    }

    #[test]
    fn a_page_without_code_is_borrowed() {
        assert!(matches!(empty_code("<p>plain</p>"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn script_tags_inside_comments_attributes_and_raw_text_are_not_scripts() {
        let page = "<!-- <script> --><p title=\"<script>\">One</p><textarea><script></textarea>\
                    <p>Two</p><title><style></title><p>Three</p><script>x</script>";
        let kept = empty_code(page);
        for text in ["One", "Two", "Three"] {
            assert!(kept.contains(text), "{text} lost: {kept}");
        }
        assert!(kept.ends_with("<script></script>"));
    }

    #[test]
    fn code_inside_svg_is_left_alone() {
        // In SVG a self-closing <script/> has no body; taking it for an HTML script would
        // swallow the paragraph up to the next </script>.
        let page = "<svg><script href=\"a\"/><style>.a{}</style></svg><p>Kept</p><script>x</script>";
        let kept = empty_code(page);
        assert!(kept.contains("<p>Kept</p>"));
        assert!(kept.contains(".a{}"));
        assert!(kept.ends_with("<script></script>"));
    }

    #[test]
    fn unclosed_script_and_truncated_tags_do_not_panic() {
        for page in ["<script>var a", "<script", "<p a='", "<!--", "<![CDATA[", "<style>x</sty", "<scr\u{e9}"] {
            let _ = empty_code(page);
        }
        assert_eq!(empty_code("<p>a</p><script>var a = 1"), "<p>a</p><script>");
    }

    #[test]
    fn plaintext_ends_the_scan() {
        let page = "<plaintext><script>x</script>";
        assert_eq!(empty_code(page), page);
    }

    /// The parsed page as a flat list of elements (with attributes) and texts, leaving out the
    /// text inside script and style elements: what emptying the code must not change.
    fn shape(html: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(html);
        doc.tree
            .nodes()
            .filter_map(|node| match node.value() {
                scraper::Node::Element(e) => {
                    let mut attrs: Vec<_> = e.attrs().map(|(k, v)| format!("{k}={v}")).collect();
                    attrs.sort();
                    Some(format!("<{} {}>", e.name(), attrs.join(" ")))
                }
                scraper::Node::Text(t) => {
                    let parent = node.parent().and_then(|p| p.value().as_element().map(|e| e.name().to_string()));
                    (!matches!(parent.as_deref(), Some("script" | "style"))).then(|| t.to_string())
                }
                _ => None,
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// Pages stitched from the fragments that trip tag scanners (comments, quotes in and out
        /// of attributes, raw-text elements, SVG, self-closing scripts, unclosed tags) parse to
        /// the same tree, script and style text aside, with and without their code.
        #[test]
        fn emptying_code_never_changes_the_page(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<script>", "</script>", "<script type=application/ld+json>", "<style>", "</style>", "<SCRIPT/>",
            "<!--", "-->", "<!-->", "--!>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?x>", "<p>", "</p>",
            "<div class=\"a>b\">", "<p title='<script>'>", "<a href=x/>", "\"", "'", "=", ">", "<", "</",
            "<title>", "</title>", "<textarea>", "</textarea>", "<svg>", "</svg>", "<svg/>", "<math>", "</math>",
            "<noscript>", "</noscript>", "<iframe>", "</iframe>", "<xmp>", "</xmp>", "<plaintext>", "</script ",
            "<table>", "<td>", "word", " ", "\u{e9}t\u{e9}", "\n", "</scripts>", "<scripty>", "<b>", "<select>",
            "<path d=\"M0 0\"/>", "<g>", "</g>", "<foreignObject>", "</foreignObject>", "<desc>", "<mi>", "<div>",
            "</div>", "<font color=red>", "-", "<!--<script>", "</script>-->", "</br>", "<image/>", "<use/>",
        ]), 0..40)) {
            let page = parts.concat();
            proptest::prop_assert_eq!(shape(&empty_code(&page)), shape(&page), "page: {:?}", page);
        }
    }
}
