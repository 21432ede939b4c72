//! Raw text: the bodies of `<title>` and `<textarea>` (RCDATA), `<style>`, `<xmp>`, `<iframe>`,
//! `<noembed>`, `<noframes>`, `<noscript>` (RAWTEXT), `<script>` (script data) and everything
//! after `<plaintext>`. Which one the tokenizer is in is the tree builder's call; here a body is
//! found with memchr/memmem scans that follow the tokenizer's end-tag and script-escape states,
//! and handed over as one text run.

use super::{State, Tokenizer};
use html5ever::local_name;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{TagKind, TokenSink};
use memchr::{memchr, memmem};

impl<S: TokenSink> Tokenizer<'_, S> {
    /// A raw-text element's body (RCDATA, RAWTEXT or script data), then its end tag.
    pub(super) fn raw(&mut self, kind: RawKind) {
        let name = self.last_start.clone().unwrap_or(local_name!(""));
        let end = match kind {
            RawKind::ScriptData | RawKind::ScriptDataEscaped(_) => script_end(self.b, self.pos),
            RawKind::Rcdata | RawKind::Rawtext => closing(self.b, self.pos, name.as_bytes()),
        };
        if self.skip_raw {
            self.skip_raw = false;
        } else if kind == RawKind::Rcdata {
            self.decode_refs(self.pos, end, false);
        } else {
            self.raw_text(self.pos, end);
        }
        self.pos = end;
        if end < self.b.len() {
            // `</name` and a space, `/` or `>`: the rest is read as any end tag's.
            self.state = State::Data;
            self.tag_rest(end + 2 + name.len(), TagKind::EndTag, name);
        }
    }

    /// Text read verbatim but for NUL, which becomes U+FFFD.
    pub(super) fn raw_text(&mut self, from: usize, to: usize) {
        let mut i = from;
        while let Some(off) = memchr(0, &self.b[i..to]) {
            self.text.push_str(&self.src[i..i + off]);
            self.text.push('\u{fffd}');
            i += off + 1;
        }
        self.text.push_str(&self.src[i..to]);
    }
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

#[cfg(test)]
mod tests {
    use super::{closing, script_end};

    #[test]
    fn a_script_ends_where_the_tokenizer_ends_it() {
        // Inside `<!-- … -->` a `<script>` opens a stretch where `</script>` does not end the
        // outer script; the body runs to the second `</script>`.
        let page = b"<!-- document.write('<script></script>') --></script><p>x</p>";
        assert_eq!(script_end(page, 0), 44);
        let page = b"<!--></script><p>y</p>";
        assert_eq!(script_end(page, 0), 5);
        assert_eq!(script_end(b"a --> b</script >", 0), 7);
        assert_eq!(script_end(b"<!--<script>a", 0), 13);
    }

    #[test]
    fn raw_text_ends_at_the_appropriate_end_tag() {
        assert_eq!(closing(b"a</tit</titles></TITLE >", 0, b"title"), 15);
        assert_eq!(closing(b"a</title", 0, b"title"), 8);
    }
}
