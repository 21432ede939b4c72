//! Markup declarations: comments, bogus comments, the doctype and CDATA sections, read as
//! html5ever's tokenizer reads them (its comment states differ from the standard's in small
//! ways, e.g. after `-` a `<` does not start the nested-comment check; those are followed).

use super::{is_space, Tokenizer};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Doctype, Token, TokenSink};
use memchr::{memchr, memchr3};

/// The length of the UTF-8 sequence that starts with `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The comment states after `<!--`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Comment {
    Start,
    StartDash,
    Text,
    LessThan,
    LessThanBang,
    LessThanBangDash,
    LessThanBangDashDash,
    EndDash,
    End,
    EndBang,
}

impl<S: TokenSink> Tokenizer<'_, S> {
    /// The markup declaration after `<!` (at `i`); returns where the data goes on.
    pub(super) fn declaration(&mut self, i: usize) -> usize {
        let rest = &self.b[i..];
        if rest.starts_with(b"--") {
            self.comment(i + 2)
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            self.doctype(i + 7)
        } else if rest.starts_with(b"[CDATA[") && self.in_foreign_content() {
            self.cdata(i + 7)
        } else {
            self.bogus_comment(i)
        }
    }

    /// Whether the tree builder's adjusted current node is foreign, where `<![CDATA[` opens a
    /// CDATA section. The pending text goes first: it can change the node (text reopens
    /// formatting elements, `<font>` in `<math><mi>`).
    fn in_foreign_content(&mut self) -> bool {
        self.flush();
        self.sink.adjusted_current_node_present_but_not_in_html_namespace()
    }

    fn emit_comment(&mut self, text: &str) {
        let _ = self.emit(Token::CommentToken(StrTendril::from_slice(text)));
    }

    /// A bogus comment whose text starts at `from` and runs to the next `>`.
    pub(super) fn bogus_comment(&mut self, from: usize) -> usize {
        let end = memchr(b'>', &self.b[from..]).map_or(self.b.len(), |p| from + p);
        let text = self.src[from..end].replace('\0', "\u{fffd}");
        self.emit_comment(&text);
        (end + 1).min(self.b.len())
    }

    /// A comment whose text starts at `i` (after `<!--`).
    fn comment(&mut self, mut i: usize) -> usize {
        let (b, src) = (self.b, self.src);
        let mut text = String::new();
        let mut state = Comment::Start;
        loop {
            if state == Comment::Text {
                let off = memchr3(b'-', b'<', 0, &b[i..]).unwrap_or(b.len() - i);
                text.push_str(&src[i..i + off]);
                i += off;
            }
            let Some(&c) = b.get(i) else { break };
            let ch = &src[i..i + char_len(c)];
            let mut next = i + ch.len();
            state = match (state, c) {
                (Comment::Start | Comment::StartDash | Comment::End | Comment::EndBang, b'>') => {
                    self.emit_comment(&text);
                    return next;
                }
                (Comment::Start, b'-') => Comment::StartDash,
                (Comment::StartDash | Comment::EndDash, b'-') => Comment::End,
                (Comment::Text, b'-') => Comment::EndDash,
                (Comment::Text, b'<') => {
                    text.push('<');
                    Comment::LessThan
                }
                (Comment::LessThan, b'!') => {
                    text.push('!');
                    Comment::LessThanBang
                }
                (Comment::LessThan, b'<') => {
                    text.push('<');
                    Comment::LessThan
                }
                (Comment::LessThanBang, b'-') => Comment::LessThanBangDash,
                (Comment::LessThanBangDash, b'-') => Comment::LessThanBangDashDash,
                (Comment::LessThan | Comment::LessThanBang, _) => {
                    next = i;
                    Comment::Text
                }
                (Comment::LessThanBangDash, _) => {
                    next = i;
                    Comment::EndDash
                }
                (Comment::LessThanBangDashDash, _) => {
                    next = i;
                    Comment::End
                }
                (Comment::End, b'!') => Comment::EndBang,
                (Comment::End, b'-') => {
                    text.push('-');
                    Comment::End
                }
                (Comment::End, _) => {
                    text.push_str("--");
                    next = i;
                    Comment::Text
                }
                (Comment::EndBang, b'-') => {
                    text.push_str("--!");
                    Comment::EndDash
                }
                (prev, _) => {
                    // Any other character goes into the text, after the dashes (and `!`) the
                    // state held back.
                    text.push_str(match prev {
                        Comment::StartDash | Comment::EndDash => "-",
                        Comment::EndBang => "--!",
                        _ => "",
                    });
                    text.push_str(if c == 0 { "\u{fffd}" } else { ch });
                    Comment::Text
                }
            };
            i = next;
        }
        self.emit_comment(&text);
        b.len()
    }

    /// A CDATA section in foreign content, from `i` (after `<![CDATA[`) to `]]>`.
    fn cdata(&mut self, i: usize) -> usize {
        let b = self.b;
        let (end, next) = match memchr::memmem::find(&b[i..], b"]]>") {
            Some(p) => (i + p, i + p + 3),
            None => (b.len(), b.len()),
        };
        self.flush();
        // html5ever hands the text over at every NUL (as a NUL token) and at the end, even
        // when empty.
        let mut from = i;
        loop {
            let nul = memchr(0, &b[from..end]).map(|p| from + p);
            let to = nul.unwrap_or(end);
            let text = StrTendril::from_slice(&self.src[from..to]);
            let _ = self.sink.process_token(Token::CharacterTokens(text), 1);
            let Some(nul) = nul else { break };
            let _ = self.sink.process_token(Token::NullCharacterToken, 1);
            from = nul + 1;
        }
        next
    }

    /// The doctype after `<!DOCTYPE` (at `i`), through html5ever's doctype states.
    fn doctype(&mut self, mut i: usize) -> usize {
        let b = self.b;
        let mut d = Doctype::default();
        let skip_spaces = |i: &mut usize| {
            while *i < b.len() && is_space(b[*i]) {
                *i += 1;
            }
        };
        if b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        skip_spaces(&mut i);
        let end = 'doctype: {
            match b.get(i) {
                None => {
                    d.force_quirks = true;
                    break 'doctype b.len();
                }
                Some(b'>') => {
                    d.force_quirks = true;
                    break 'doctype i + 1;
                }
                _ => {}
            }
            // The name, up to a space or `>`.
            let start = i;
            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                i += 1;
            }
            let mut name = String::new();
            super::lower_into(&mut name, &self.src[start..i]);
            d.name = Some(StrTendril::from_slice(&name));
            if i == b.len() {
                d.force_quirks = true;
                break 'doctype i;
            }
            if b[i] == b'>' {
                break 'doctype i + 1;
            }
            skip_spaces(&mut i);
            let system = match b.get(i..i + 6) {
                Some(k) if k.eq_ignore_ascii_case(b"public") => false,
                Some(k) if k.eq_ignore_ascii_case(b"system") => true,
                _ => match b.get(i) {
                    None => {
                        d.force_quirks = true;
                        break 'doctype i;
                    }
                    Some(b'>') => break 'doctype i + 1,
                    Some(_) => {
                        d.force_quirks = true;
                        break 'doctype bogus_doctype(b, i);
                    }
                },
            };
            self.doctype_ids(&mut d, i + 6, system)
        };
        let _ = self.emit(Token::DoctypeToken(d));
        end
    }

    /// The identifiers after the keyword (`SYSTEM` when `system`, else `PUBLIC`), from `i`;
    /// returns where the doctype ends.
    fn doctype_ids(&self, d: &mut Doctype, mut i: usize, system: bool) -> usize {
        // After the keyword an identifier is wanted (`>` there is a quirk); after a public
        // identifier a system identifier may follow.
        i = match self.doctype_id(d, i, system, true) {
            Ok(next) => next,
            Err(end) => return end,
        };
        if !system {
            i = match self.doctype_id(d, i, true, false) {
                Ok(next) => next,
                Err(end) => return end,
            };
        }
        // After the system identifier only spaces and `>` are expected.
        let b = self.b;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None => {
                d.force_quirks = true;
                i
            }
            Some(b'>') => i + 1,
            Some(_) => bogus_doctype(b, i),
        }
    }

    /// Spaces, then the quoted identifier: `Ok` past its closing quote, or `Err` where the
    /// doctype ends (at `>`, a quirk if `wanted`, or at anything else, or inside the quotes).
    fn doctype_id(&self, d: &mut Doctype, mut i: usize, system: bool, wanted: bool) -> Result<usize, usize> {
        let b = self.b;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(b'"' | b'\'') => {}
            None => {
                d.force_quirks = true;
                return Err(i);
            }
            Some(b'>') => {
                d.force_quirks |= wanted;
                return Err(i + 1);
            }
            Some(_) => {
                d.force_quirks = true;
                return Err(bogus_doctype(b, i));
            }
        }
        let q = b[i];
        let stop = memchr::memchr2(q, b'>', &b[i + 1..]).map_or(b.len(), |p| i + 1 + p);
        let id = StrTendril::from_slice(&self.src[i + 1..stop].replace('\0', "\u{fffd}"));
        if system {
            d.system_id = Some(id);
        } else {
            d.public_id = Some(id);
        }
        if stop < b.len() && b[stop] == q {
            Ok(stop + 1)
        } else {
            d.force_quirks = true;
            Err((stop + 1).min(b.len()))
        }
    }
}

/// The bogus doctype state: everything up to `>` is ignored.
fn bogus_doctype(b: &[u8], i: usize) -> usize {
    memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1)
}
