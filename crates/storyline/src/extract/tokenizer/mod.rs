//! Our own HTML tokenizer, driving html5ever's tree builder into scraper's DOM.
//!
//! Profiling the extraction stage showed html5ever's tokenizer as its largest cost (about 30%
//! of all samples): it moves every character through a buffer queue one at a time, pushes tag
//! and attribute names char by char into tendrils, and interns every attribute name. The tree
//! builder and scraper's sink cost a tenth of that. So this module replaces only the tokenizer,
//! and hands the same tokens to html5ever's own [`TreeBuilder`] with scraper's [`HtmlTreeSink`]:
//! the tree is html5ever's, down to quirks mode, foster parenting and adoption agency, and the
//! tree builder still decides when text is raw (`RawData`, `Plaintext`) and when `<![CDATA[`
//! opens a CDATA section.
//!
//! Hand-written on purpose: the point is speed. It works on the page's bytes (every byte that
//! ends a token is ASCII, so UTF-8 is never split), jumps to the next `<` or `&` with memchr,
//! builds one tendril per text run, reads tag and attribute names as slices (lower-cased into a
//! scratch buffer only when they hold an upper-case letter) and interns a name only once per
//! tag or attribute.
//!
//! It follows the WHATWG tokenizer as html5ever implements it, wherever that can change the
//! tree: names lower-cased, the first of duplicate attributes kept, attribute quoting, the
//! self-closing flag, comments (`<!-->`, `--!>`, nested `<!--`, unterminated), bogus comments
//! (`<?…>`, `</ …>`, `<!x…>`), `</>` dropped, the doctype and its identifiers (quirks mode),
//! character references (`charref.rs`), CR and CRLF as LF, NUL, the raw-text, RCDATA and script
//! states with their escapes (`raw.rs`), PLAINTEXT, and the end of the input inside any of them
//! (a tag cut off by the end of the page is dropped). Parse errors are not reported, except the
//! two the tree builder notices: after `<pre>`, `<listing>` or `<textarea>` any token, an error
//! too, keeps the newline that would otherwise be dropped, so `</>` and a bad reference that
//! decodes to a newline (`&#10`) send one. Proptests check on soups of tricky fragments that the
//! tree is the one html5ever builds.

mod charref;
mod markup;
mod raw;
#[cfg(test)]
mod tests;

use ego_tree::Tree;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use memchr::{memchr, memchr2, memchr3};
use scraper::{Html, HtmlTreeSink, Node};
use std::borrow::Cow;

/// Parses a whole page to the tree `scraper::Html::parse_document` builds, faster.
pub fn parse_document(html: &str) -> Html {
    parse(html, false)
}

/// [`parse_document`] without the text of `<script>` elements (except JSON-LD) and `<style>`
/// elements in HTML: extraction never reads it, and on news pages it is half the bytes. Nor
/// does the tree keep the attributes no one reads ([`kept_attribute`]). The page is parsed as
/// a browser without scripting would, so a `<noscript>` holds markup, not text: Blogger and
/// other script-rendered pages put the post there.
pub(super) fn parse_without_code(html: &str) -> Html {
    parse(html, true)
}

fn parse(html: &str, empty_code: bool) -> Html {
    let opts = TreeBuilderOpts { scripting_enabled: !empty_code, ..TreeBuilderOpts::default() };
    // The tree's nodes live in one vector: grown by doubling from one node, it was copied over
    // and over on every page (`realloc` was 3% of extraction). Pages run from about 25 to 270
    // bytes of HTML per node, so this is enough for most; capacity never touched costs only
    // address space, and the tree is the same whatever it is.
    let mut doc = Html::new_document();
    doc.tree = Tree::with_capacity(Node::Document, html.len() / 32 + 16);
    let sink = TreeBuilder::new(HtmlTreeSink::new(doc), opts);
    let sink = run(html, sink, empty_code);
    sink.sink.finish()
}

/// Whether extraction keeps an attribute of this (lower-case) name in the tree: those that
/// `html.rs` reads (through its `attr`, which asserts it) and those html5ever's tree builder
/// looks at (`<input type>`, `<font color face size>`, a `<meta>` charset, `form`, the
/// `encoding` of MathML's `<annotation-xml>`, declarative shadow roots). A news page's many
/// other attributes (`data-*`, `src`, `srcset`, `alt`, `width`, …) would each cost a copy of
/// the value, an interned name and a slot in the element, and would never be read.
pub(super) fn kept_attribute(name: &str) -> bool {
    matches!(
        name,
        "class"
            | "id"
            | "style"
            | "hidden"
            | "aria-hidden"
            | "role"
            | "href"
            | "itemprop"
            | "lang"
            | "rel"
            | "type"
            | "content"
            | "datetime"
            | "pubdate"
            | "property"
            | "name"
            | "http-equiv"
            | "charset"
            | "color"
            | "face"
            | "size"
            | "form"
            | "encoding"
            | "shadowrootmode"
            | "shadowrootdelegatesfocus"
            | "shadowrootclonable"
            | "shadowrootserializable"
    )
}

/// A function from a (lower-case) name to its interned [`LocalName`]: a `match` arm per listed
/// name returns its static atom, anything else goes through `LocalName::from`, which hashes the
/// name and probes the static set (a fortieth of extraction when every tag and attribute name
/// took that way); a test holds each arm equal to it.
macro_rules! interned {
    ($(#[$doc:meta])* $name:ident: $($atom:tt)+) => {
        $(#[$doc])*
        fn $name(name: &str) -> LocalName {
            match name {
                $($atom => local_name!($atom),)+
                _ => LocalName::from(name),
            }
        }
    };
}

interned! {
    /// The interned name of a tag; the tags most pages are made of, by frequency (`div`, `a` and
    /// `li` are half of them), have arms.
    tag_name:
    "div" "a" "li" "span" "script" "p" "ul" "meta" "path" "link" "img" "svg" "td" "strong" "br" "h3" "i"
    "button" "h4" "option" "symbol" "style" "h2" "section" "article" "noscript" "header" "label" "em" "input"
    "use" "g" "aside" "source" "tr" "picture" "figure" "h1" "nav" "title"
}

interned! {
    /// The interned name of a [kept attribute](kept_attribute): every kept attribute but `pubdate`
    /// has a static atom.
    attribute_name:
    "class" "href" "id" "type" "rel" "style" "content" "name" "property" "role" "aria-hidden" "itemprop"
    "lang" "hidden" "datetime"
}

/// Tokenizes `html` into `sink`, then ends it, and gives the sink back.
fn run<S: TokenSink>(html: &str, sink: S, empty_code: bool) -> S {
    // Input stream preprocessing: CR and CRLF become LF once, up front.
    let html = normalize_newlines(html);
    let html = html.strip_prefix('\u{feff}').unwrap_or(&html);
    let mut t = Tokenizer {
        src: html,
        b: html.as_bytes(),
        pos: 0,
        state: State::Data,
        sink,
        text: String::new(),
        last_start: None,
        skip_raw: false,
        empty_code,
        name: String::new(),
        value: String::new(),
        left_out: Vec::new(),
    };
    t.tokenize();
    t.flush();
    let _ = t.sink.process_token(Token::EOFToken, 1);
    t.sink.end();
    t.sink
}

/// CRLF and lone CR as LF. One pass from CR to CR (what `replace("\r\n", "\n")` then
/// `replace('\r', "\n")` give, without searching the page twice): many pages are CRLF
/// throughout.
fn normalize_newlines(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    if memchr(b'\r', b).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for cr in memchr::memchr_iter(b'\r', b) {
        out.push_str(&html[from..cr]);
        out.push('\n');
        from = if b.get(cr + 1) == Some(&b'\n') { cr + 2 } else { cr + 1 };
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// The tokenizer states that span text; tags, comments and doctypes are read whole.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Data,
    Raw(RawKind),
    Plaintext,
}

struct Tokenizer<'a, S> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    state: State,
    sink: S,
    /// Character data not yet handed to the sink.
    text: String,
    /// The last start tag's name: what ends a raw-text element.
    last_start: Option<LocalName>,
    /// The raw text being read is code that extraction never reads.
    skip_raw: bool,
    empty_code: bool,
    /// Scratch buffers for names and attribute values.
    name: String,
    value: String,
    /// Scratch list of the names of a tag's attributes left out of the tree.
    left_out: Vec<Cow<'a, str>>,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b' ')
}

impl<'a, S: TokenSink> Tokenizer<'a, S> {
    fn tokenize(&mut self) {
        while self.pos < self.b.len() {
            match self.state {
                State::Data => self.data(),
                State::Raw(kind) => self.raw(kind),
                State::Plaintext => {
                    let end = self.b.len();
                    self.raw_text(self.pos, end);
                    self.pos = end;
                }
            }
        }
    }

    /// Hands the pending character data to the sink.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let text = StrTendril::from_slice(&self.text);
            self.text.clear();
            let _ = self.sink.process_token(Token::CharacterTokens(text), 1);
        }
    }

    /// Flushes the text, then hands `token` to the sink.
    fn emit(&mut self, token: Token) -> TokenSinkResult<S::Handle> {
        self.flush();
        self.sink.process_token(token, 1)
    }

    /// The data state, up to the next tag (which may change the state) or the end.
    fn data(&mut self) {
        let b = self.b;
        while self.pos < b.len() {
            let Some(off) = memchr3(b'<', b'&', 0, &b[self.pos..]) else {
                self.text.push_str(&self.src[self.pos..]);
                self.pos = b.len();
                return;
            };
            let at = self.pos + off;
            self.text.push_str(&self.src[self.pos..at]);
            match b[at] {
                b'&' => self.pos = self.char_ref(at + 1, None),
                0 => {
                    self.pos = at + 1;
                    let _ = self.emit(Token::NullCharacterToken);
                }
                _ => {
                    if self.markup(at) {
                        return;
                    }
                }
            }
        }
    }

    /// Decodes the character reference after the `&` at `at - 1` into the text or, for an
    /// attribute value that ends at `value_end`, into the value; returns where reading goes on.
    fn char_ref(&mut self, at: usize, value_end: Option<usize>) -> usize {
        // A reference in a value cannot run past it: it stops at a quote, a space or `>`.
        let b = value_end.map_or(self.b, |end| &self.b[..end]);
        let r = charref::decode(b, at, value_end.is_some());
        if value_end.is_none() && r.error && self.text.is_empty() && r.chars[0] == '\n' {
            // html5ever's error token lands between a `<pre>` and this newline, and the tree
            // builder then keeps the newline it would drop after `<pre>`.
            let _ = self.sink.process_token(Token::ParseError(Cow::Borrowed("character reference")), 1);
        }
        let out = if value_end.is_some() { &mut self.value } else { &mut self.text };
        if r.len == 0 {
            out.push('&');
        } else {
            out.extend(r.chars());
        }
        r.end
    }

    /// Decodes `from..to` (character references, NUL as U+FFFD) into the text (RCDATA) or
    /// into `self.value` (an attribute value).
    fn decode_refs(&mut self, from: usize, to: usize, attribute: bool) {
        let (b, src) = (self.b, self.src);
        let mut i = from;
        loop {
            let found = memchr2(b'&', 0, &b[i..to]).map(|off| i + off);
            let out = if attribute { &mut self.value } else { &mut self.text };
            out.push_str(&src[i..found.unwrap_or(to)]);
            let Some(at) = found else { return };
            if b[at] == 0 {
                out.push('\u{fffd}');
                i = at + 1;
            } else {
                i = self.char_ref(at + 1, attribute.then_some(to));
            }
        }
    }

    /// Reads the markup at the `<` at `lt`. Returns true when a tag was emitted.
    fn markup(&mut self, lt: usize) -> bool {
        let b = self.b;
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                self.tag(lt + 1, TagKind::StartTag);
                return true;
            }
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    self.tag(lt + 2, TagKind::EndTag);
                    return true;
                }
                Some(b'>') => {
                    // `</>` is dropped, but html5ever's error token for it reaches the tree
                    // builder (which then keeps a newline right after `<pre>`).
                    let _ = self.emit(Token::ParseError(Cow::Borrowed("</>")));
                    self.pos = lt + 3;
                }
                Some(_) => self.pos = self.bogus_comment(lt + 2),
                None => {
                    self.text.push_str("</");
                    self.pos = lt + 2;
                }
            },
            Some(b'!') => self.pos = self.declaration(lt + 2),
            Some(b'?') => self.pos = self.bogus_comment(lt + 1),
            _ => {
                self.text.push('<');
                self.pos = lt + 1;
            }
        }
        false
    }

    /// A tag whose name starts at `start`.
    fn tag(&mut self, start: usize, kind: TagKind) {
        let b = self.b;
        let mut end = start;
        let mut plain = true;
        while end < b.len() && !is_space(b[end]) && b[end] != b'/' && b[end] != b'>' {
            plain &= !b[end].is_ascii_uppercase() && b[end] != 0;
            end += 1;
        }
        if end == b.len() {
            // Cut off by the end of the page: no tag.
            self.pos = end;
            return;
        }
        let name = if plain {
            tag_name(&self.src[start..end])
        } else {
            lower_into(&mut self.name, &self.src[start..end]);
            tag_name(self.name.as_str())
        };
        self.tag_rest(end, kind, name);
    }

    /// The rest of a tag after its name, from `i`: attributes and the self-closing flag, as the
    /// tokenizer's attribute states read them. Emits the tag, unless the page ends inside it.
    fn tag_rest(&mut self, mut i: usize, kind: TagKind, name: LocalName) {
        let b = self.b;
        let mut attrs: Vec<Attribute> = Vec::new();
        // Names of the attributes left out of `attrs` (extraction only), for the duplicate flag.
        let mut left_out = std::mem::take(&mut self.left_out);
        left_out.clear();
        let mut duplicate = false;
        let mut self_closing = false;
        // The before-attribute-name state.
        loop {
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let Some(&c) = b.get(i) else { return self.cut_off() };
            match c {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => match b.get(i + 1) {
                    Some(b'>') => {
                        self_closing = true;
                        i += 2;
                        break;
                    }
                    Some(_) => i += 1,
                    None => return self.cut_off(),
                },
                _ => {
                    let Some(next) = self.attribute(i, &mut attrs, &mut left_out, &mut duplicate) else {
                        return self.cut_off();
                    };
                    i = next;
                }
            }
        }
        self.left_out = left_out;
        self.pos = i;
        if kind == TagKind::StartTag {
            self.last_start = Some(name.clone());
        }
        let code = self.empty_code && kind == TagKind::StartTag && is_code(&name, &attrs);
        let tag = Tag { kind, name, self_closing, attrs, had_duplicate_attributes: duplicate };
        let result = self.emit(Token::TagToken(tag));
        self.state = match result {
            TokenSinkResult::Continue => State::Data,
            TokenSinkResult::Plaintext => State::Plaintext,
            TokenSinkResult::RawData(kind) => {
                self.skip_raw = code;
                State::Raw(kind)
            }
            TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => {
                // html5ever's driver feeds the tokenizer again after these, and every feed
                // drops a byte order mark at the front of the input.
                if self.src[self.pos..].starts_with('\u{feff}') {
                    self.pos += 3;
                }
                State::Data
            }
        };
    }

    fn cut_off(&mut self) {
        self.pos = self.b.len();
    }

    /// One attribute starting at `i` (its first character is taken as part of the name,
    /// whatever it is). Returns where the before-attribute-name state goes on, or `None` at the
    /// end of the page.
    fn attribute(
        &mut self,
        mut i: usize,
        attrs: &mut Vec<Attribute>,
        left_out: &mut Vec<Cow<'a, str>>,
        duplicate: &mut bool,
    ) -> Option<usize> {
        let (b, src) = (self.b, self.src);
        let start = i;
        let mut plain = true;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        for &c in &b[start..i] {
            plain &= !c.is_ascii_uppercase() && c != 0;
        }
        let raw_name = &src[start..i];
        if !plain {
            lower_into(&mut self.name, raw_name);
        }
        let keep = !self.empty_code || kept_attribute(if plain { raw_name } else { &self.name });
        // The after-attribute-name state: spaces, then `=` or the next attribute.
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let has_value = b.get(i) == Some(&b'=');
        // Where the value is in the page: it is decoded only for an attribute that is kept.
        let mut span = None;
        if has_value {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            i = match *b.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = i + 1 + memchr(q, &b[i + 1..])?;
                    span = Some((i + 1, close));
                    close + 1
                }
                b'>' => i,
                _ => {
                    let mut end = i;
                    while end < b.len() && !is_space(b[end]) && b[end] != b'>' {
                        end += 1;
                    }
                    if end == b.len() {
                        return None;
                    }
                    span = Some((i, end));
                    end
                }
            };
        } else if i >= b.len() {
            return None;
        }
        let name: &str = if plain { raw_name } else { &self.name };
        if !keep {
            if left_out.iter().any(|n| n == name) {
                *duplicate = true;
            } else {
                left_out.push(if plain { Cow::Borrowed(raw_name) } else { Cow::Owned(self.name.clone()) });
            }
        } else if attrs.iter().any(|a| &*a.name.local == name) {
            *duplicate = true;
        } else {
            let name = attribute_name(name);
            let value = match span {
                None => StrTendril::new(),
                // Nothing to decode (most values): the tendril straight from the page.
                Some((from, to)) if memchr2(b'&', 0, &b[from..to]).is_none() => StrTendril::from_slice(&src[from..to]),
                Some((from, to)) => {
                    self.value.clear();
                    self.decode_refs(from, to, true);
                    StrTendril::from_slice(&self.value)
                }
            };
            attrs.push(Attribute { name: QualName::new(None, ns!(), name), value });
        }
        Some(i)
    }
}

/// `src` lower-cased (ASCII) into `buf`, with NUL as U+FFFD.
fn lower_into(buf: &mut String, src: &str) {
    buf.clear();
    for c in src.chars() {
        buf.push(if c == '\0' { '\u{fffd}' } else { c.to_ascii_lowercase() });
    }
}

/// A start tag whose raw text extraction never reads: a script that is not JSON-LD, a style
/// sheet. (Whether its body is raw text at all is the tree builder's answer, not ours.)
fn is_code(name: &LocalName, attrs: &[Attribute]) -> bool {
    match *name {
        local_name!("style") => true,
        local_name!("script") => !attrs
            .iter()
            .any(|a| a.name.local == local_name!("type") && a.value.trim().eq_ignore_ascii_case("application/ld+json")),
        _ => false,
    }
}
