//! Quotation marks as scrapers leave them: paired, unpaired, or half-stripped.
//!
//! Marks are paired inside one paragraph only, so an opening mark that is never closed ends its
//! quote at the end of the paragraph instead of swallowing the rest of the article. A closing
//! mark with no opening before it in its paragraph means the opening was stripped: the quote
//! starts at the paragraph's start (the caller keeps it only when an attribution or a
//! continuing quote vouches for it). Single marks (‘ ’) are apostrophes or nested quotes and
//! never delimit a quote on their own.

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

/// How the mark `c` at char index `i` of `chars` reads, given whether a quote is open.
fn classify(chars: &[(usize, char)], i: usize, inside: bool) -> Option<Mark> {
    match chars[i].1 {
        '“' | '«' | '„' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => {
            if inside {
                return Some(Mark::Close);
            }
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(i + 1).map(|c| c.1);
            let open_like = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
                && next.is_some_and(|n| !n.is_whitespace());
            Some(if open_like { Mark::Open } else { Mark::Close })
        }
        _ => None,
    }
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
    // An open quote: the byte where its words start.
    let mut open: Option<usize> = None;
    let mut seen_mark = false;
    let quoted = |o: usize, end: usize, closed: bool, close_end: usize| Segment {
        start: o,
        end,
        para,
        opened: true,
        closed,
        open_at: prev_char(body, o),
        close_end,
    };
    for i in 0..chars.len() {
        let (pos, c) = chars[i];
        let Some(mark) = classify(&chars, i, open.is_some()) else { continue };
        let after = pos + c.len_utf8();
        match (mark, open) {
            // A new opening inside an open quote: the closing mark was lost.
            (Mark::Open, Some(o)) => {
                push(body, out, quoted(o, pos, false, pos));
                open = Some(after);
            }
            (Mark::Open, None) => open = Some(after),
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

/// Byte offset of the character before `pos` (the opening mark of a segment starting at `pos`).
fn prev_char(body: &str, pos: usize) -> usize {
    body[..pos].char_indices().next_back().map_or(pos, |(i, _)| i)
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
    fn single_marks_are_ignored() {
        assert!(texts("Venn’s ‘difficult’ talks").is_empty());
    }
}
