//! Direct quotes: quoted segments grouped into quotes and attributed.
//!
//! Segments join into one quote when only an attribution stands between them (“A,” she said,
//! “B.”) or when a paragraph ends inside a quote and the next one opens again (the newsroom
//! convention for multi-paragraph quotes). The attribution is looked for right after a closing
//! mark (`,” Ryabkov said`), then before the opening mark in the same sentence
//! (`Ryabkov said: “…`, `Sherman said she would “…”`).

use super::attribution::{self, Attribution, Subject};
use super::lexicon;
use super::marks::Segment;
use super::tokens::{tokenize, Tok};
use crate::text;

/// A quote before its speaker is resolved.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// Byte ranges of the quoted words, in order.
    pub parts: Vec<(usize, usize)>,
    /// The attribution found, if any.
    pub attribution: Option<Attribution>,
    /// Whether the words stood in quotation marks.
    pub marked: bool,
    /// Paragraph index of the first part.
    pub para: usize,
    /// The whole stretch the quote covers, marks included, attributions between its parts too.
    pub span: (usize, usize),
    /// The subject of the sentence the quote opens in, for a quote without an attribution.
    pub context: Option<Attribution>,
    /// The quoted stretches alone, marks included: names inside them are not mentions, while
    /// the speaker named between two parts (“A,” Venn said. “B.”) is one.
    pub quoted: Vec<(usize, usize)>,
}

/// The longest stretch after a closing mark or before an opening one searched for a cue.
const WINDOW: usize = 400;

/// Whether a quote of this many words needs no attribution to be kept (shorter unattributed
/// quoted phrases are scare quotes or titles).
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// A segment with the attributions found around it.
struct Info {
    seg: Segment,
    right: Option<Attribution>,
    left: Option<Attribution>,
    /// For a segment whose opening mark was stripped and that holds a named cue: the
    /// narrative before it was cut off and this is its attribution.
    cut: Option<Attribution>,
    /// The subject of the sentence the quote opens in, when no cue was found before it.
    context: Option<Attribution>,
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Tokens of `body[a..b]`, at most [`WINDOW`] bytes from `a`.
fn window_after(body: &str, a: usize, b: usize) -> Vec<Tok<'_>> {
    let b = floor_boundary(body, b.min(a + WINDOW)).max(a);
    tokenize(&body[a..b], a)
}

/// Tokens of `body[a..b]`, at most [`WINDOW`] bytes before `b`.
fn window_before(body: &str, a: usize, b: usize) -> Vec<Tok<'_>> {
    let a = ceil_boundary(body, a.max(b.saturating_sub(WINDOW))).min(b);
    tokenize(&body[a..b], a)
}

/// Number of word tokens in `body[a..b]`.
fn word_count(body: &str, a: usize, b: usize) -> usize {
    if a >= b {
        return 0;
    }
    tokenize(&body[a..b], a).iter().filter(|t| t.is_word()).count()
}

/// Cuts a segment whose opening mark was stripped at a named cue inside it ("Echoing Blinken,
/// Sherman said progress could only happen if …”"): the words before are narrative.
fn cut_narrative(body: &str, seg: &mut Segment) -> Option<Attribution> {
    let toks = tokenize(&body[seg.start..seg.end], seg.start);
    for (c, t) in toks.iter().enumerate() {
        if !(t.is_word() && lexicon::is_cue(&t.lower())) {
            continue;
        }
        let Some(a) = attribution::before_cue(body, &toks, c) else { continue };
        if !matches!(a.subject, Subject::Named { .. }) {
            continue;
        }
        let mut k = c + 1;
        if toks.get(k).is_some_and(|t| t.lower() == "that") {
            k += 1;
        }
        let rest = toks.get(k)?;
        if toks.len() - k < 3 {
            return None;
        }
        seg.start = rest.start;
        return Some(a);
    }
    None
}

/// Attributions around each segment.
fn infos(body: &str, paragraphs: &[(usize, usize)], segs: &[Segment]) -> Vec<Info> {
    let mut out: Vec<Info> = Vec::with_capacity(segs.len());
    let mut sentences: (usize, Vec<(usize, usize)>) = (usize::MAX, Vec::new());
    for (i, seg) in segs.iter().enumerate() {
        let mut seg = *seg;
        let (pa, pb) = paragraphs[seg.para];
        let next_open = segs.get(i + 1).filter(|n| n.para == seg.para).map_or(pb, |n| n.open_at);
        let right = if seg.closed {
            let toks = window_after(body, seg.close_end, next_open.max(seg.close_end));
            // “We are refugees.” Venn said: “…”: a cue ending in a colon introduces the quote
            // after it, not the one before.
            // “It's not true.” He said the plan … : after a quote that ends its sentence, a new
            // sentence whose cue goes on with a clause reports speech of its own.
            let ends_sentence = body[seg.start..seg.end].trim_end().ends_with(['.', '?', '!']);
            // Cues that take an object ("Todd asked the mogul") and participles are left alone.
            let clause_after = |a: &Attribution| {
                let objects =
                    a.cue.ends_with("ing") || matches!(a.cue.as_str(), "asked" | "asks" | "told" | "tells" | "tell");
                let next = tokenize(&body[a.end..floor_boundary(body, (a.end + 40).min(body.len()))], a.end);
                let starts = next.first().is_some_and(|t| {
                    let l = t.lower();
                    let aside =
                        lexicon::is_adjunct(&l) || lexicon::is_cue_filler(&l) || matches!(l.as_str(), "about" | "of");
                    t.is_word() && !aside
                });
                !objects && starts
            };
            attribution::after_close(body, &toks)
                .filter(|a| !body[a.end..].starts_with(':'))
                .filter(|a| !(ends_sentence && clause_after(a)))
        } else {
            None
        };
        let cut = if seg.opened { None } else { cut_narrative(body, &mut seg) };
        if cut.is_some() {
            seg.open_at = seg.start;
        }
        let mut context = None;
        let left = if seg.opened {
            if sentences.0 != seg.para {
                let s = text::sentences(&body[pa..pb]).into_iter().map(|(a, b)| (a + pa, b + pa));
                sentences = (seg.para, s.collect());
            }
            let s_start = sentences.1.iter().rev().find(|s| s.0 <= seg.open_at).map_or(pa, |s| s.0);
            let prev_end = out.last().filter(|p| p.seg.para == seg.para).map_or(pa, |p| p.seg.close_end);
            let toks = window_before(body, s_start.max(prev_end), seg.open_at);
            // A scare-quoted phrase earlier in the sentence (Venn needled the “reporter,”
            // saying, “…”) does not cut the sentence off: its subject still leads to the cue.
            let scare = out.last().filter(|p| {
                p.seg.para == seg.para
                    && p.right.is_none()
                    && word_count(body, p.seg.start, p.seg.end) < MIN_UNATTRIBUTED_WORDS
            });
            let before_scare =
                out.iter().rev().skip(1).find(|p| p.seg.para == seg.para).map_or(pa, |p| p.seg.close_end);
            // Only a cue after the phrase whose subject lies before it: “…,” saying, “…”.
            let has_cue = toks.iter().any(|t| t.is_word() && lexicon::is_cue(&t.lower()));
            let widen = has_cue && attribution::last_in(body, &toks, true).is_none();
            let wide = scare
                .filter(|p| widen && p.seg.open_at > s_start && before_scare <= s_start)
                .map(|_| window_before(body, s_start, seg.open_at));
            // A colon with no cue falls back on the sentence's subject only when the window holds
            // the sentence's start (not just the words after an earlier quote in it).
            let whole = s_start >= prev_end || wide.is_some();
            let toks = wide.unwrap_or(toks);
            let colon = if whole { attribution::colon_subject } else { attribution::colon_name };
            let mut left = attribution::last_in(body, &toks, true).or_else(|| colon(body, &toks));
            // Only a sentence that starts before the quote and after any earlier one in the
            // paragraph has a subject of its own.
            if left.is_none() && s_start >= prev_end && s_start < seg.open_at {
                context = attribution::opening_subject(body, &toks);
            }
            // A quote opening the sentence right after “…, Venn said.” is Venn's too.
            let opens_sentence = s_start >= prev_end && word_count(body, s_start, seg.open_at) == 0;
            if left.is_none() && context.is_none() && opens_sentence {
                left = attribution::ending_cue(body, &window_before(body, prev_end, s_start));
            }
            left
        } else {
            None
        };
        out.push(Info { seg, right, left, cut, context });
    }
    out
}

/// Whether `body[a..b]`, after an attribution, only says where or when ("at a news conference
/// in Port Varen."), so the quotes on both sides are one. A second cue ("adding that he …")
/// starts a new, partial quote.
fn only_adjunct(body: &str, a: usize, b: usize) -> bool {
    if a >= b {
        return true;
    }
    let toks = tokenize(&body[a..b], a);
    let words: Vec<&Tok> = toks.iter().filter(|t| t.is_word()).collect();
    words.len() <= 8 && !words.iter().any(|t| lexicon::is_cue(&t.lower()) || t.lower() == "that")
}

/// Whether a marked segment is a title read on into the sentence (`On “Good Morning Harbour”
/// Tuesday, he said, “…”`): a few capitalized words with no punctuation of their own, followed
/// by a word. The first half of a split quote ends in punctuation or is followed by it.
fn names_a_title(body: &str, seg: &Segment) -> bool {
    let words: Vec<&str> = body[seg.start..seg.end].split_whitespace().collect();
    let capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let ends_bare = body[seg.start..seg.end].trim_end().ends_with(char::is_alphanumeric);
    let followed_by_word = body[seg.close_end..].trim_start().starts_with(char::is_alphanumeric);
    (1..=6).contains(&words.len()) && words.iter().all(capitalized) && ends_bare && followed_by_word
}

/// Whether the attribution `b` after the next segment ends its sentence and names someone other
/// than the attribution `a` between the two: “A,” said Pia Holt. “B,” added Tomas Venn. holds
/// two quotes, not one quote split around its cue. An attribution that goes on ("Venn said he
/// …", "Venn said, “…") may be new narrative, not the next segment's.
fn someone_else(body: &str, a: Option<&Attribution>, b: Option<&Attribution>) -> bool {
    let ends = b.is_some_and(|b| body[b.end..].trim_start_matches([' ', '\t']).starts_with(['.', '\n']));
    match (a.map(|a| &a.subject), b.map(|b| &b.subject)) {
        (Some(Subject::Named { name: x, .. }), Some(Subject::Named { name: y, .. })) => {
            ends && !super::speakers::same_speaker(x, y)
        }
        _ => false,
    }
}

/// Whether segment `next` continues the quote that `prev` belongs to.
fn continues(body: &str, paragraphs: &[(usize, usize)], prev: &Info, next: &Info, prev_is_last: bool) -> bool {
    let (p, n) = (&prev.seg, &next.seg);
    if p.para == n.para {
        return !names_a_title(body, p)
            && prev.right.as_ref().is_some_and(|a| only_adjunct(body, a.end, n.open_at))
            && !someone_else(body, prev.right.as_ref(), next.right.as_ref());
    }
    let starts_para = n.open_at == paragraphs[n.para].0 || !n.opened;
    n.para == p.para + 1 && p.opened && !p.closed && prev_is_last && starts_para && next.cut.is_none()
}

/// Direct quotes of the body, unresolved, in order.
pub(crate) fn marked(body: &str, paragraphs: &[(usize, usize)], segs: &[Segment]) -> Vec<Draft> {
    let infos = infos(body, paragraphs, segs);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..infos.len() {
        let joined = i > 0
            && groups.last().is_some_and(|g| {
                let prev = &infos[*g.last().unwrap_or(&0)];
                let first_in_para = infos[i - 1].seg.para != infos[i].seg.para;
                continues(body, paragraphs, prev, &infos[i], first_in_para)
            });
        match groups.last_mut() {
            Some(g) if joined => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups.iter().filter_map(|g| draft(body, &infos, g)).collect()
}

/// One group of segments as a draft quote, or `None` when nothing vouches for it.
fn draft(body: &str, infos: &[Info], group: &[usize]) -> Option<Draft> {
    let first = &infos[group[0]];
    let attribution = first
        .cut
        .clone()
        .or_else(|| first.right.clone())
        .or_else(|| first.left.clone())
        .or_else(|| group.iter().find_map(|&i| infos[i].right.clone()));
    let parts: Vec<(usize, usize)> = group.iter().map(|&i| (infos[i].seg.start, infos[i].seg.end)).collect();
    let words: usize = parts.iter().map(|&(a, b)| word_count(body, a, b)).sum();
    let continued = group.len() > 1;
    if attribution.is_none() && (words < MIN_UNATTRIBUTED_WORDS || (!first.seg.opened && !continued)) {
        return None;
    }
    let last = &infos[*group.last()?];
    let span = (first.seg.open_at.min(first.seg.start), last.seg.close_end.max(last.seg.end));
    let quoted =
        group.iter().map(|&i| &infos[i].seg).map(|s| (s.open_at.min(s.start), s.close_end.max(s.end))).collect();
    let context = first.context.clone();
    Some(Draft { parts, attribution, marked: true, para: first.seg.para, span, quoted, context })
}

#[cfg(test)]
mod tests {
    use super::super::marks::{paragraphs, segments};
    use super::*;

    fn drafts(body: &str) -> Vec<(String, Option<Subject>)> {
        let paras = paragraphs(body);
        marked(body, &paras, &segments(body, &paras))
            .into_iter()
            .map(|d| {
                let text: Vec<&str> = d.parts.iter().map(|&(a, b)| &body[a..b]).collect();
                (text.join(" "), d.attribution.map(|a| a.subject))
            })
            .collect()
    }

    fn named(n: &str) -> Option<Subject> {
        Some(Subject::Named { name: n.into(), role: None })
    }

    #[test]
    fn split_around_the_cue_is_one_quote() {
        let d = drafts("“The ferries are late,” Ilse Marrow said, “and nobody knows why.”");
        assert_eq!(d, vec![("The ferries are late, and nobody knows why.".to_string(), named("Ilse Marrow"))]);
    }

    #[test]
    fn cue_before_the_quote() {
        let d = drafts("Tomas Venn said: “The port stays open.”");
        assert_eq!(d[0].1, named("Tomas Venn"));
        let d = drafts("Venn said the port would “stay open for now” despite storms.");
        assert_eq!(d[0], ("stay open for now".to_string(), named("Venn")));
        let d = drafts("“We will reopen the pier,” he added.");
        assert_eq!(d[0].1, Some(Subject::Pronoun));
    }

    #[test]
    fn quote_after_a_sentence_ending_in_its_cue() {
        let body = "“The pier was his dream,” as the mayor hoped, Tomas Venn said in an interview. “We sail at dawn.”";
        let d = drafts(body);
        assert_eq!(d.last().unwrap(), &("We sail at dawn.".to_string(), named("Tomas Venn")));
        let d = drafts("Ilse Marrow said the old pier had closed for the long winter. “We sail at dawn.”");
        assert_eq!(d[0].1, None);
    }

    #[test]
    fn multi_paragraph_quote() {
        let body = "“The pier is closed,” said Tomas Venn. “It will stay shut.\n\n“We will decide in spring.”";
        let d = drafts(body);
        assert_eq!(d.len(), 1);
        assert!(d[0].0.ends_with("We will decide in spring."));
    }

    #[test]
    fn scare_quotes_and_unvouched_closes_are_dropped() {
        assert!(drafts("The mayor called it a “success” on Friday.").len() == 1);
        assert!(drafts("The so-called “green pier” opened.").is_empty());
        assert!(drafts("Ships were late for weeks and nobody cared.”").is_empty());
    }

    #[test]
    fn stripped_opening_mark() {
        let d = drafts("We stayed firm on the fees for the harbour,” Marrow said, adding more.");
        assert_eq!(d[0], ("We stayed firm on the fees for the harbour,".to_string(), named("Marrow")));
        let body = "“We will not close the pier.\n\nEchoing the mayor, Marrow said the pier must stay open all year.”";
        let d = drafts(body);
        assert_eq!(d[1], ("the pier must stay open all year.".to_string(), named("Marrow")));
    }
}
