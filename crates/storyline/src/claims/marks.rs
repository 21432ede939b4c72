//! Quotation marks as scrapers leave them: paired, unpaired, or half-stripped.
//!
//! Marks are paired inside one paragraph only, so an opening mark that is never closed ends its
//! quote at the end of the paragraph instead of swallowing the rest of the article. A closing
//! mark with no opening before it in its paragraph means the opening was stripped: the quote
//! starts at the paragraph's start (the caller keeps it only when an attribution or a
//! continuing quote vouches for it). Single marks (‘ ’) are apostrophes or nested quotes and
//! never delimit a quote on their own; two apostrophes (`''`, the NYT's style) are one double mark.

/// A stretch of quoted words inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    /// First byte of the quoted words.
    pub start: usize,
    /// End of the quoted words (exclusive), before any closing mark.
    pub end: usize,
    /// Index of the paragraph.
    pub para: usize,
    /// An opening mark was present (false: it was stripped; the segment starts the paragraph).
    pub opened: bool,
    /// A closing mark was present.
    pub closed: bool,
    /// Byte offset of the opening mark (or `start`).
    pub open_at: usize,
    /// Byte offset just past the closing mark (or `end`).
    pub close_end: usize,
}

/// Byte ranges of the non-blank paragraphs of `body`, trimmed. Any line break separates
/// paragraphs: extracted bodies use blank lines, some scraped files single ones.
pub(crate) fn paragraphs(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in body.split('\n') {
        let end = start + line.len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push((start + lead, start + lead + trimmed.len()));
        }
        start = end + 1;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

/// How the mark at char index `i` of `chars` reads, given whether a quote is open, and how
/// many chars it takes: two apostrophes `''` are one double mark (the NYT's house style).
fn classify(chars: &[(usize, char)], i: usize, inside: bool) -> Option<(Mark, usize)> {
    let c = chars[i].1;
    // An opening mark typed where a closing one belongs (“It is late,“ said Venn): inside a
    // quote, glued to the word before it and followed by a space or the paragraph's end.
    let glued = i > 0 && !chars[i - 1].1.is_whitespace() && chars.get(i + 1).is_none_or(|n| n.1.is_whitespace());
    if c == '“' && inside && glued {
        return Some((Mark::Close, 1));
    }
    // A closing mark typed where an opening one belongs (”Fear is all he sells.” ― Ana Ruiz),
    // and the Swedish and Finnish style that uses ” on both sides: outside a quote, after a
    // space or the paragraph's start, and glued to the word after it.
    let spaced = i == 0 || chars[i - 1].1.is_whitespace();
    if c == '”' && !inside && spaced && chars.get(i + 1).is_some_and(|n| n.1.is_alphanumeric()) {
        return Some((Mark::Open, 1));
    }
    let len = match c {
        '“' | '«' | '„' => return Some((Mark::Open, 1)),
        '”' | '»' => return Some((Mark::Close, 1)),
        '"' => 1,
        '\'' if chars.get(i + 1).is_some_and(|n| n.1 == '\'') => 2,
        _ => return None,
    };
    if inside {
        return Some((Mark::Close, len));
    }
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(i + len).map(|c| c.1);
    let open_like = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
        && next.is_some_and(|n| !n.is_whitespace() && n != '\'');
    Some((if open_like { Mark::Open } else { Mark::Close }, len))
}

/// Whether an opening mark inside an open quote, its marks read from char `from` on, nests a
/// quote in it: two closing marks follow before any other opening mark, one for each. Otherwise
/// the open quote's closing mark was lost. Scans only up to the next opening mark, so a
/// paragraph is still read in linear time.
fn nests(chars: &[(usize, char)], mut from: usize) -> bool {
    let mut closes = 0;
    while from < chars.len() && closes < 2 {
        match classify(chars, from, true) {
            Some((Mark::Open, _)) => return false,
            Some((Mark::Close, len)) => {
                closes += 1;
                from += len;
            }
            None => from += 1,
        }
    }
    closes == 2
}

/// Pushes the trimmed segment `[a, b)` of paragraph `para` when it holds any words.
fn push(body: &str, out: &mut Vec<Segment>, seg: Segment) {
    let s = &body[seg.start..seg.end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let start = seg.start + lead;
        out.push(Segment { start, end: start + trimmed.len(), ..seg });
    }
}

/// The quoted segments of every paragraph, in order. Linear in the body's length.
pub(crate) fn segments(body: &str, paragraphs: &[(usize, usize)]) -> Vec<Segment> {
    let mut out = Vec::new();
    for (para, &range) in paragraphs.iter().enumerate() {
        scan_paragraph(body, para, range, &mut out);
    }
    out
}

/// Pairs the marks of paragraph `para` spanning `[a, b)`.
fn scan_paragraph(body: &str, para: usize, (a, b): (usize, usize), out: &mut Vec<Segment>) {
    let chars: Vec<(usize, char)> = body[a..b].char_indices().map(|(i, c)| (a + i, c)).collect();
    // An open quote: the byte of its opening mark and the byte where its words start.
    let mut open: Option<(usize, usize)> = None;
    let mut seen_mark = false;
    let quoted = |(mark, o): (usize, usize), end: usize, closed: bool, close_end: usize| Segment {
        start: o,
        end,
        para,
        opened: true,
        closed,
        open_at: mark,
        close_end,
    };
    // Double marks nested inside an open quote (“He calls it “hell” here.”), still to close.
    let mut nested = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        // `'''` closing a quote is a nested single mark, then the double one.
        let nested_close = c == '\'' && open.is_some() && chars.get(i + 2).is_some_and(|n| n.1 == '\'');
        let Some((mark, len)) = classify(&chars, i, open.is_some()).filter(|_| !nested_close) else {
            i += 1;
            continue;
        };
        i += len;
        let after = chars.get(i).map_or(b, |n| n.0);
        match (mark, open) {
            (Mark::Close, Some(_)) if nested > 0 => nested -= 1,
            (Mark::Open, Some(_)) if nests(&chars, i) => nested += 1,
            // A new opening inside an open quote: the closing mark was lost.
            (Mark::Open, Some(o)) => {
                push(body, out, quoted(o, pos, false, pos));
                open = Some((pos, after));
            }
            (Mark::Open, None) => open = Some((pos, after)),
            (Mark::Close, Some(o)) => {
                push(body, out, quoted(o, pos, true, after));
                open = None;
            }
            (Mark::Close, None) if !seen_mark => {
                let seg =
                    Segment { start: a, end: pos, para, opened: false, closed: true, open_at: a, close_end: after };
                push(body, out, seg);
            }
            (Mark::Close, None) => {}
        }
        seen_mark = true;
    }
    if let Some(o) = open {
        push(body, out, quoted(o, b, false, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(String, bool, bool)> {
        segments(body, &paragraphs(body))
            .into_iter()
            .map(|s| (body[s.start..s.end].to_string(), s.opened, s.closed))
            .collect()
    }

    #[test]
    fn paired_ascii_and_guillemets() {
        let body = "\"Ships are late,\" she said, \"again.\"\n\n«Oui», dit-il.";
        let t = texts(body);
        assert_eq!(t[0], ("Ships are late,".to_string(), true, true));
        assert_eq!(t[1], ("again.".to_string(), true, true));
        assert_eq!(t[2], ("Oui".to_string(), true, true));
    }

    #[test]
    fn unbalanced_marks_stay_in_their_paragraph() {
        let body = "We stayed firm on fees,” Marrow said.\n\n“Open and never closed\n\nNext paragraph.";
        let t = texts(body);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0], ("We stayed firm on fees,".to_string(), false, true));
        assert_eq!(t[1], ("Open and never closed".to_string(), true, false));
    }

    #[test]
    fn two_apostrophes_are_one_double_mark() {
        let body = "''Ships are late,'' she said. ''It was 'rough.'''\n\nThe crew's boat.";
        let t = texts(body);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0], ("Ships are late,".to_string(), true, true));
        assert_eq!(t[1], ("It was 'rough.'".to_string(), true, true));
    }

    #[test]
    fn opening_mark_used_to_close() {
        let body = "“The pier is shut,“ said Ilse Marrow. “It stays shut.“";
        let t = texts(body);
        assert_eq!(t[0], ("The pier is shut,".to_string(), true, true));
        assert_eq!(t[1], ("It stays shut.".to_string(), true, true));
    }

    #[test]
    fn single_marks_are_ignored() {
        assert!(texts("Venn’s ‘difficult’ talks").is_empty());
    }
}
