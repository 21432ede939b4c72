//! Quotes whose quotation marks were stripped by the scraper.
//!
//! Only two shapes are taken, because they are the shapes of a direct quote with its marks
//! removed, not of indirect speech:
//! - `<clause>, <speaker> <cue> [adjunct].` — "Talks were hard, she said on Monday." The cue
//!   must end the sentence or be followed by a place/time/manner adjunct; "X said that …" or
//!   "X said dialogue …" carries the content after the cue and is indirect speech.
//! - `<speaker> <cue>: <Capitalized sentence>` — "he insisted: We have no plans."
//!
//! Plain "X said (that) …" is never a quote, and neither is a statement relayed through another
//! outlet ("…, she said, according to the state news agency").

use super::attribution::{self, Attribution, Subject};
use super::lexicon;
use super::quotes::Draft;
use super::tokens::{tokenize, Tok};
use crate::text;

/// Fewest words a stripped quote's content must have.
const MIN_WORDS: usize = 5;

/// Verbs and auxiliaries that show a word string is a clause, not a phrase.
#[rustfmt::skip]
const VERBISH: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "can", "could",
    "should", "must", "may", "might", "have", "has", "had", "do", "does", "did", "dont", "doesnt",
    "cant", "wont", "think", "want", "need", "know", "believe", "expect", "see", "hope", "remains",
    "stays", "goes", "go", "get", "make", "made", "takes", "take",
];

fn verbish(t: &Tok) -> bool {
    let l = t.text.to_lowercase();
    let bare: String = l.chars().filter(|c| c.is_alphanumeric()).collect();
    VERBISH.contains(&bare.as_str())
        || (l.len() > 4 && l.ends_with("ed"))
        || ["’s", "'s", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’m", "n’t", "n't"].iter().any(|e| l.ends_with(e))
}

/// Running counts over a sentence's tokens, so each comma is checked in constant time:
/// `words[i]` and `verbs[i]` count the words and verb-like words in `toks[..i]`.
struct Counts {
    words: Vec<usize>,
    verbs: Vec<usize>,
}

impl Counts {
    fn new(toks: &[Tok]) -> Counts {
        let (mut words, mut verbs) = (vec![0], vec![0]);
        for t in toks {
            words.push(words.last().unwrap_or(&0) + usize::from(t.is_word()));
            verbs.push(verbs.last().unwrap_or(&0) + usize::from(t.is_word() && verbish(t)));
        }
        Counts { words, verbs }
    }

    /// Whether `toks[..i]` reads as a full clause that can stand as a quote.
    fn is_clause(&self, toks: &[Tok], i: usize) -> bool {
        let starts_well = toks
            .first()
            .is_some_and(|t| t.is_word() && (t.is_capitalized() || t.text.starts_with(|c: char| c.is_ascii_digit())));
        self.words[i] >= MIN_WORDS && starts_well && self.verbs[i] > 0
    }
}

/// Whether the content opens with its own named attribution ("Sherman stressed …, Price
/// said"): then it is someone's paraphrase of a third person, not a quote.
fn opens_with_attribution(body: &str, toks: &[Tok]) -> bool {
    (0..toks.len().min(6)).any(|c| {
        toks[c].is_word()
            && lexicon::is_cue(&toks[c].lower())
            && attribution::before_cue(body, toks, c).is_some_and(|a| matches!(a.subject, Subject::Named { .. }))
    })
}

/// Whether the sentence can go on after the cue at token `j` without carrying content:
/// nothing, punctuation other than a colon, or an adjunct; "told" may first take its addressee
/// ("told reporters in Brussels").
fn rest_is_adjunct(toks: &[Tok], mut j: usize, cue: &str) -> bool {
    if matches!(cue, "told" | "tells" | "telling") {
        let from = j;
        while j < toks.len() && j - from < 4 && toks[j].is_word() {
            let l = toks[j].lower();
            if l == "that" || lexicon::is_adjunct(&l) {
                break;
            }
            j += 1;
        }
    }
    match toks.get(j) {
        None => true,
        Some(t) if !t.is_word() => !t.is(':'),
        Some(t) => lexicon::is_adjunct(&t.lower()),
    }
}

/// Where the sentence's last "according to" starts. After an attribution, it relays the
/// statement through another outlet ("…, Ryabkov said, according to the state news agency"):
/// the words are then the outlet's report, usually translated or paraphrased, not a quote
/// whose marks were lost. Found once per sentence, so each comma's check is constant time.
fn last_according(toks: &[Tok]) -> Option<usize> {
    toks.windows(2).rposition(|w| w[0].lower() == "according" && w[1].lower() == "to")
}

/// Index of the first token starting at or after byte `pos`.
fn index_at(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.start < pos)
}

/// `<clause>, <speaker> <cue> [adjunct]`.
fn comma_shape(body: &str, toks: &[Tok]) -> Option<(usize, usize, Attribution)> {
    let counts = Counts::new(toks);
    let according = last_according(toks);
    for i in 1..toks.len() {
        if !toks[i].is(',') || counts.words[i] < MIN_WORDS {
            continue;
        }
        let Some(a) = attribution::starting_at(body, toks, i + 1) else { continue };
        // "…, according to Holt." is itself the attribution; "…, Holt said, according to the
        // agency" relays it, and then no later comma may take "Holt said" into a quote either.
        if a.cue != "according to" && according.is_some_and(|k| k > i) {
            return None;
        }
        if !rest_is_adjunct(toks, index_at(toks, a.end), &a.cue) {
            continue;
        }
        if counts.is_clause(toks, i) && !opens_with_attribution(body, &toks[..i]) {
            return Some((toks[0].start, toks[i - 1].end, a));
        }
    }
    None
}

/// `<speaker> <cue> [addressee]: <Capitalized sentence>`.
fn colon_shape(body: &str, toks: &[Tok]) -> Option<(usize, usize, Attribution)> {
    let i = toks.iter().position(|t| t.is(':'))?;
    let after = toks.get(i + 1)?;
    let words_after = toks[i + 1..].iter().filter(|t| t.is_word()).count();
    if !after.is_capitalized() || words_after < 3 {
        return None;
    }
    let c = (i.saturating_sub(4)..i).find(|&c| toks[c].is_word() && lexicon::is_cue(&toks[c].lower()))?;
    let a = attribution::before_cue(body, toks, c)?;
    Some((after.start, toks.last()?.end, a))
}

/// Stripped quotes in sentences that no marked quote covers.
pub(crate) fn unmarked(body: &str, paragraphs: &[(usize, usize)], covered: &[(usize, usize)]) -> Vec<Draft> {
    let mut out = Vec::new();
    for (para, &(pa, pb)) in paragraphs.iter().enumerate() {
        for (sa, sb) in text::sentences(&body[pa..pb]) {
            let (sa, sb) = (sa + pa, sb + pa);
            let i = covered.partition_point(|c| c.1 <= sa);
            if covered.get(i).is_some_and(|c| c.0 < sb) {
                continue;
            }
            if body[sa..sb].contains(['“', '”', '"', '«', '»']) {
                continue;
            }
            let toks = tokenize(&body[sa..sb], sa);
            let Some((a, b, attribution)) = comma_shape(body, &toks).or_else(|| colon_shape(body, &toks)) else {
                continue;
            };
            out.push(Draft {
                parts: vec![(a, b)],
                attribution: Some(attribution),
                marked: false,
                para,
                span: (a, b),
                quoted: vec![(a, b)],
                context: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::marks::paragraphs;
    use super::*;

    fn found(body: &str) -> Vec<(String, Subject)> {
        unmarked(body, &paragraphs(body), &[])
            .into_iter()
            .map(|d| (body[d.parts[0].0..d.parts[0].1].to_string(), d.attribution.unwrap().subject))
            .collect()
    }

    #[test]
    fn comma_shape_with_adjuncts() {
        let f = found("I dont think the ferries will run on time, he told reporters in Port Varen on Monday.");
        assert_eq!(f, vec![("I dont think the ferries will run on time".to_string(), Subject::Pronoun)]);
        let f = found(
            "Without new cranes the harbour would be stuck for years, she added, apparently alluding to the strike.",
        );
        assert_eq!(f.len(), 1);
        let f = found("The harbour will stay open all winter, Harbour Department spokesman Tomas Venn said Sunday.");
        assert_eq!(
            f[0].1,
            Subject::Named { name: "Tomas Venn".into(), role: Some("Harbour Department spokesman".into()) }
        );
    }

    #[test]
    fn indirect_speech_is_not_a_quote() {
        assert!(found("During a visit to Port Varen, Mayor Ilse Marrow said dialogue was the only way.").is_empty());
        assert!(found("Ahead of the vote, Venn told local radio that the pier would close.").is_empty());
        assert!(found("Instead, he said the pier would close.").is_empty());
        assert!(found("Marrow stressed the harbour was safe at the dinner, said spokesman Tomas Venn.").is_empty());
        assert!(found(
            "The port entered the talks ready to discuss new cranes, Venn said, according to the Varen Gazette."
        )
        .is_empty());
    }

    #[test]
    fn colon_shape() {
        let f = found("Asked whether the pier would close, he said: The pier stays open for now.");
        assert_eq!(f, vec![("The pier stays open for now.".to_string(), Subject::Pronoun)]);
    }
}
