//! Stage 6, claims: an article's quotes with resolved speakers, and its numeric facts.
//!
//! News attribution has a fixed anatomy — source, cue, content (PARC / PolNeAR) — and a handful
//! of surface patterns carry most of it, so this stage is deterministic pattern work over a
//! small tokenizer, in four steps:
//!
//! 1. `marks`: quotation marks paired per paragraph, tolerant of what scrapers break (an
//!    opening mark never closed, a closing mark whose opening was stripped).
//! 2. `quotes`: segments grouped into quotes (“A,” she said, “B.”; paragraph-spanning quotes)
//!    and attributed by `attribution` (`,” X said`, `said X`, `X said: “`).
//! 3. `reported`: quotes whose marks were stripped entirely, taken only in the two shapes
//!    that cannot be indirect speech (`<clause>, X said.` and `X said: <Sentence>`).
//! 4. `speakers`: pronouns and descriptions resolved to the last person named outside
//!    quotations (a pronoun goes on with the last speaker when no one new was named since);
//!    short names mapped to the article's full names.
//!
//! [`facts`](fn@facts) reads numbers with their hedge and counted noun. Everything is a pure
//! function of the body text, linear in its length.

mod attribution;
mod facts;
mod gender;
mod lexicon;
mod marks;
mod numbers;
mod quotes;
mod reported;
mod speakers;
mod tokens;

pub use facts::facts;
pub use speakers::{canonicalize, same_speaker};

use crate::model::{Quote, SpeakerEvidence};
use attribution::Subject;
use quotes::Draft;
use speakers::{clean_name, People};

/// Quotes of one article body (paragraphs separated by blank lines or line breaks), in order.
///
/// Speakers are full names where the article gives one ("Ryabkov" → "Sergei Ryabkov");
/// `marked` is false for quotes whose quotation marks were stripped.
///
/// ```
/// let body = "Harbour master Ilse Marrow met the crews on Monday.\n\n\
///             “The pier stays open,” she said. The ships were late again, Marrow told reporters.";
/// let quotes = storyline::claims::quotes(body);
/// assert_eq!(quotes[0].speaker.as_deref(), Some("Ilse Marrow"));
/// assert_eq!(quotes[1].text, "The ships were late again");
/// assert!(!quotes[1].marked);
/// ```
pub fn quotes(body: &str) -> Vec<Quote> {
    let paragraphs = marks::paragraphs(body);
    let segments = marks::segments(body, &paragraphs);
    let mut drafts = quotes::marked(body, &paragraphs, &segments);
    let covered: Vec<(usize, usize)> = drafts.iter().map(|d| d.span).collect();
    drafts.extend(reported::unmarked(body, &paragraphs, &covered));
    drafts.sort_by_key(|d| d.span.0);
    let spans: Vec<(usize, usize)> = merge_spans(drafts.iter().flat_map(|d| d.quoted.iter().copied()).collect());
    let people = People::scan(body, &paragraphs, &spans);
    let mut out: Vec<Quote> = Vec::with_capacity(drafts.len());
    let mut last: Option<Previous> = None;
    for d in &drafts {
        let q = resolve(body, d, &people, last.as_ref());
        let anonymous = q.speaker.is_none() && unnamed(d, &people, last.as_ref());
        // Names inside its own attribution ("said one aide to Venn") are not new people.
        let end = d.attribution.as_ref().map_or(d.span.1, |a| a.end.max(d.span.1));
        last = Some(Previous { para: d.para, end, speaker: q.speaker.clone(), anonymous });
        out.push(q);
    }
    out
}

/// Whether a draft's speaker is someone not in particular: its cue's subject ("said one aide"),
/// else its sentence's subject ("One man wrote, “…”"), else, unattributed, the quote before it
/// (see [`goes_on_unnamed`]).
fn unnamed(d: &Draft, people: &People, previous: Option<&Previous>) -> bool {
    let anonymous = |a: &Option<attribution::Attribution>| a.as_ref().map(|a| a.subject == Subject::Anonymous);
    anonymous(&d.attribution).or_else(|| anonymous(&d.context)).unwrap_or_else(|| goes_on_unnamed(d, people, previous))
}

/// Whether an unattributed quote goes on from an unnamed speaker's quote just before it (“…,”
/// said one aide. “…”): within [`CONTINUES`] paragraphs, with no one named in between.
fn goes_on_unnamed(d: &Draft, people: &People, previous: Option<&Previous>) -> bool {
    previous.is_some_and(|p| {
        p.anonymous && d.para <= p.para + CONTINUES && !people.named_between((p.end, d.span.0), None, "")
    })
}

/// How many paragraphs after a quote an unattributed quote still continues its speaker: the
/// next one, or the one after a single paragraph of narrative between them (“A,” Venn said. /
/// The pier closed on Monday. / “B.”). Two was best on PolNeAR train (one: 0.878, three: 0.879).
const CONTINUES: usize = 2;

/// The quote before the one being resolved.
struct Previous {
    /// Paragraph index of its first part.
    para: usize,
    /// Byte offset just past it.
    end: usize,
    /// Its speaker.
    speaker: Option<String>,
    /// Whether its speaker is someone not in particular ("said one aide"): an unattributed
    /// quote that goes on from it is that unnamed speaker's too.
    anonymous: bool,
}

/// Sorted, non-overlapping version of `spans`.
fn merge_spans(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(l) if a <= l.1 => l.1 = l.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The quote's words: its parts joined, without a dangling comma. A part whose attribution ends
/// a sentence (“… about jobs,” she said. “We are leaving …”) ends with a full stop in place of
/// its comma, so the joined quote reads as the speaker's two sentences.
fn quote_text(body: &str, parts: &[(usize, usize)]) -> String {
    let mut out = String::new();
    for (k, &(a, b)) in parts.iter().enumerate() {
        let part = body[a..b].trim();
        let next = parts.get(k + 1).map(|&(c, _)| c);
        let sentence_ends = next.is_some_and(|c| {
            let between = body.get(b..c).unwrap_or("");
            between.trim_end_matches(|ch: char| ch.is_whitespace() || "“”\"‘’'«»".contains(ch)).ends_with('.')
        });
        if !out.is_empty() {
            out.push(' ');
        }
        match part.strip_suffix(',') {
            Some(head) if sentence_ends => {
                out.push_str(head);
                out.push('.');
            }
            _ => out.push_str(part),
        }
    }
    out.trim_end_matches([',', ' ']).to_string()
}

/// Turns a draft into a quote, resolving its speaker. `previous` is the paragraph and speaker
/// of the quote before it: an unattributed quote right after another continues its speaker,
/// unless the sentence it opens in has a subject of its own.
fn resolve(body: &str, d: &Draft, people: &People, previous: Option<&Previous>) -> Quote {
    let (speaker, role, evidence) = match d.attribution.as_ref().map(|a| &a.subject) {
        Some(Subject::Named { name, role }) => {
            let name = people.canonical(&clean_name(name));
            let role = role.clone().or_else(|| people.role_of(&name));
            (Some(name), role, SpeakerEvidence::Named)
        }
        // "said a person close to the Venns": an unnamed speaker stays unnamed.
        Some(Subject::Anonymous) => (None, None, SpeakerEvidence::None),
        Some(subject @ (Subject::Pronoun | Subject::Description)) => {
            let (at, end) = d.attribution.as_ref().map_or((d.span.0, d.span.0), |a| (a.at, a.end));
            let said = body.get(at..end).unwrap_or("");
            let name = if *subject == Subject::Pronoun {
                let pronoun = said.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                let gender = gender::of_pronoun(pronoun);
                // The pronoun goes on with the last speaker when no one new has been named since.
                let continued = previous
                    .filter(|p| d.para <= p.para + 1)
                    .and_then(|p| Some((p.end, p.speaker.as_deref()?)))
                    .filter(|&(end, s)| {
                        people.knows(s) && people.may_be(s, gender) && !people.named_between((end, at), gender, s)
                    });
                continued.map(|(_, s)| s.to_string()).or_else(|| people.resolve(at, gender))
            } else if lexicon::is_anonymous(said) {
                // "one person tweeted", "the protesters chanted": an unnamed speaker stays unnamed.
                None
            } else {
                people.resolve_described(at, said)
            };
            (name.clone(), name.and_then(|n| people.role_of(&n)), SpeakerEvidence::Resolved)
        }
        // "One man wrote, “…”": the sentence's subject is no one in particular.
        None if unnamed(d, people, None) => (None, None, SpeakerEvidence::None),
        None => {
            // The subject of the sentence the quote opens in ("Moore thanked him for “…”"),
            // else the speaker of the quote just before, else the last person named.
            let context = d.context.as_ref().and_then(|a| match &a.subject {
                // A capitalized participle or adverb opening the sentence ("Smiling broadly, …")
                // is no one, unless the article names such a person elsewhere.
                Subject::Named { name, .. } => {
                    let name = people.canonical(&clean_name(name));
                    let first = name.split(' ').next().unwrap_or("");
                    let verbal = ["ing", "ly", "ed"].iter().any(|s| first.ends_with(s));
                    (!verbal || people.knows(&name)).then_some(name)
                }
                Subject::Pronoun => {
                    let said = body.get(a.at..a.end).unwrap_or("");
                    let pronoun = said.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                    people.resolve(a.at, gender::of_pronoun(pronoun))
                }
                Subject::Description | Subject::Anonymous => None,
            });
            // After "…,” said one aide. “…”", the next quote is the unnamed aide's too.
            let name = match context {
                None if goes_on_unnamed(d, people, previous) => None,
                context => context.or_else(|| named_before(d, people, previous)),
            };
            (name.clone(), name.and_then(|n| people.role_of(&n)), SpeakerEvidence::Resolved)
        }
    };
    let evidence = if speaker.is_none() { SpeakerEvidence::None } else { evidence };
    let (start, end) = (d.parts[0].0, d.parts.last().map_or(d.parts[0].1, |p| p.1));
    Quote {
        speaker,
        role,
        text: quote_text(body, &d.parts),
        cue: d.attribution.as_ref().map(|a| a.cue.clone()),
        marked: d.marked,
        evidence,
        start,
        end,
    }
}

/// For an unattributed quote without a subject of its own: the speaker of the quote just
/// before, else the last person named.
fn named_before(d: &Draft, people: &People, previous: Option<&Previous>) -> Option<String> {
    previous
        .filter(|p| p.speaker.is_some() && d.para <= p.para + CONTINUES)
        .and_then(|p| p.speaker.clone())
        .or_else(|| people.resolve(d.span.0, None))
}

#[cfg(test)]
mod tests;
