//! People named in an article, and speaker names across articles.
//!
//! A pronoun or a description ("the minister") is resolved to the last *person* named before
//! it outside any quotation: a person is a capitalized run of one to four name words that holds
//! no title, organization or place word ("Sergei Ryabkov"), a surname already used in such a full
//! name, or a surname right after a title ("President Putin"). A possessive ("Biden’s top
//! diplomat") is a mention but never a resolution target: the sentence is about someone else.

use super::attribution::{is_initial, name_like, role_text};
use super::gender::{self, Gender};
use super::lexicon;
use super::tokens::{is_possessive, strip_possessive, tokenize, Tok};
use crate::model::Quote;
use crate::text::normalize_word;

/// One mention of a person outside quotations.
#[derive(Debug, Clone)]
struct Mention {
    name: String,
    start: usize,
    end: usize,
    resolvable: bool,
    /// Gender from a title or first name; after the scan, the person's gender from all evidence.
    gender: Option<Gender>,
    /// The person's full name in the article (see [`People::canonical`]), set after the scan.
    canon: String,
    /// The gender of the first he/she pronoun after the mention in its sentence.
    pronoun: Option<Gender>,
    /// The first person named in its sentence outside a prepositional phrase, a subordinate
    /// clause or a clause a pronoun opens: usually the sentence's subject, whom a
    /// following "he said" most often continues.
    subject: bool,
    /// Sentence number in the article (each paragraph starts a new one).
    sentence: usize,
    /// Followed by a cue ("Venn said"): the speaker of its sentence.
    acts: bool,
}

/// A capitalized run of tokens with what surrounds it.
struct Run<'a> {
    toks: Vec<Tok<'a>>,
    /// Followed by a detached possessive `s` ("Brim s aide").
    followed_by_s: bool,
    /// A name used as a modifier between a determiner and a noun ("the Clinton campaign", "a
    /// Venn supporter"): a mention, but the sentence is about the campaign, not the person.
    modifier: bool,
    /// A role in apposition after it.
    apposition: Option<String>,
    /// The gender of the next pronoun in its sentence.
    pronoun: Option<Gender>,
    /// Sentence number in the article.
    sentence: usize,
    /// After a preposition ("a visit to Port Varen", "talks with Ilse Marrow"): not the subject.
    object: bool,
    /// Followed by a cue ("LeVell said") or a relative clause ("Rihanna, who …"): a person
    /// even when the article never gives a full name.
    acts: bool,
}

/// How far back resolution looks, in mentions: keeps a quote's resolution constant-time.
const LOOKBACK: usize = 60;

/// The people an article names, in order.
#[derive(Debug, Default)]
pub(crate) struct People {
    mentions: Vec<Mention>,
    /// Full names (two words or more) and the role first given with them.
    full: Vec<(String, Option<String>)>,
}

/// Whether byte `pos` lies inside one of the sorted, non-overlapping `spans`.
fn inside(spans: &[(usize, usize)], pos: usize) -> bool {
    let i = spans.partition_point(|s| s.1 <= pos);
    spans.get(i).is_some_and(|s| s.0 <= pos)
}

/// Whether token `k` continues a capitalized run.
fn run_word(toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if t.is_word() && t.is_capitalized() {
        return true;
    }
    let next_cap = toks.get(k + 1).is_some_and(|n| n.is_word() && n.is_capitalized());
    let lower = t.lower();
    let joiner = t.is_word() && (lexicon::is_particle(&lower) || lower == "of" || lower == "for");
    // "Mr. Obama", "Sen. Tomas Venn": an abbreviated title's period goes on with the name.
    let short_title = |p: &Tok| p.text.len() <= 4 && lexicon::is_title(&p.lower());
    let abbr_dot =
        t.is('.') && k > 0 && (toks[k - 1].text.contains('.') || is_initial(&toks[k - 1]) || short_title(&toks[k - 1]));
    // "State Department spokesman Ned Price": a lower-case office word inside a title run.
    let office = t.is_word() && lexicon::is_role(&lower) && !matches!(lower.as_str(), "of" | "for" | "and");
    k > 0 && next_cap && (joiner || abbr_dot || office)
}

impl People {
    /// Collects person mentions from `paragraphs` of `body`, skipping quotation `spans`.
    pub fn scan(body: &str, paragraphs: &[(usize, usize)], spans: &[(usize, usize)]) -> People {
        let mut runs = Vec::new();
        let mut sentence = 0;
        for (p, &(a, b)) in paragraphs.iter().enumerate() {
            let toks = tokenize(&body[a..b], a);
            sentence += 1;
            if is_headline(&toks, p == 0 && paragraphs.len() > 1) {
                continue;
            }
            let mut k = 0;
            // Whether the current sentence opens with a subordinate clause ("Asked about her
            // vote in the event that Clinton faces Trump, she replied"): its names are not the
            // subject, except one right after a comma (the main clause's).
            let mut subordinate = toks.first().is_some_and(|t| is_subordinator(&t.lower()));
            // Whether a pronoun opened the sentence's main clause before any name ("She
            // witnessed the Ali-Frazier fight"): the subject is the person it stands for, so
            // the names after it are not subjects.
            let mut pronoun_subject = false;
            let mut named = false;
            while k < toks.len() {
                if ends_sentence(&toks, k) {
                    sentence += 1;
                    subordinate = toks.get(k + 1).is_some_and(|t| is_subordinator(&t.lower()));
                    (pronoun_subject, named) = (false, false);
                }
                let t = &toks[k];
                if !named && !subordinate && t.is_word() && is_subject_pronoun(&t.lower()) && !inside(spans, t.start) {
                    pronoun_subject = true;
                }
                if !(toks[k].is_word() && toks[k].is_capitalized()) || inside(spans, toks[k].start) {
                    k += 1;
                    continue;
                }
                let s = k;
                while k < toks.len() && run_word(&toks, k) && !inside(spans, toks[k].start) {
                    k += 1;
                }
                let before = s.checked_sub(1).map(|p| &toks[p]).filter(|t| t.is_word()).map(|t| t.lower());
                // "On The Morning Show on Tuesday, Holt …": a sentence-opening preposition is
                // capitalized, so it starts the run instead of standing before it.
                let opener = toks[s].lower();
                let place = before.as_deref().is_some_and(is_locative) || is_locative(&opener);
                let after_preposition = before.as_deref().is_some_and(is_preposition) || is_preposition(&opener);
                if !place {
                    // A capitalized sentence opener ("But he suggested …") names no one, so the
                    // pronoun after it still opens the main clause.
                    named = named || toks[s..k].iter().any(name_like);
                    runs.push(Run {
                        toks: toks[s..k].to_vec(),
                        followed_by_s: toks.get(k).is_some_and(|t| t.text == "s"),
                        modifier: modifier(&toks, s, k),
                        apposition: appositive_role(body, &toks, k),
                        pronoun: next_pronoun(&toks, k, spans),
                        sentence,
                        object: after_preposition || (subordinate && s > 0 && !toks[s - 1].is(',')) || pronoun_subject,
                        acts: acts_after(&toks, k),
                    });
                }
            }
        }
        let mut people = People::default();
        let mut singles = Vec::new();
        for run in runs {
            people.add_run(body, &run, !run.object, &mut singles);
        }
        // A lone surname names a person who acts, who has a full name in the article, or
        // whom the article names with a title elsewhere ("President Obama" … "And Obama, …").
        let titled: std::collections::HashSet<String> = people.mentions.iter().map(|m| m.name.clone()).collect();
        for (m, acts) in singles {
            if acts || titled.contains(&m.name) || people.full.iter().any(|(f, _)| last_word(f) == m.name) {
                people.mentions.push(m);
            }
        }
        people.mentions.sort_by_key(|m| m.start);
        // The subject is the first mention in its sentence that could be one; decided only now,
        // so a capitalized word that named no one in the end ("Rowing great Ilse Marrow") does
        // not take the place.
        // Within a sentence, a name followed by a cue outranks the first one: in "Holt, Venn
        // said, has built a strange harbour" the speaker Venn is who a following "he said"
        // continues.
        let mut k = 0;
        while k < people.mentions.len() {
            let sentence = people.mentions[k].sentence;
            let end = k + people.mentions[k..].iter().take_while(|m| m.sentence == sentence).count();
            let group = &people.mentions[k..end];
            let pick = group.iter().position(|m| m.subject && m.acts).or_else(|| group.iter().position(|m| m.subject));
            for (j, m) in people.mentions[k..end].iter_mut().enumerate() {
                m.subject = Some(j) == pick;
            }
            k = end;
        }
        people.settle_genders();
        people
    }

    /// Gives every mention its person's gender: a title or first name anywhere in the article
    /// decides; otherwise the pronouns that follow the person's mentions, by majority.
    fn settle_genders(&mut self) {
        // Each distinct mention name is canonicalized once: `canonical` compares it with every
        // full name, and articles mention the same few people again and again.
        let mut canon: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        for m in &self.mentions {
            if !canon.contains_key(m.name.as_str()) {
                canon.insert(m.name.as_str(), self.canonical(&m.name));
            }
        }
        let mut evidence: Vec<(String, Option<Gender>, i32)> = Vec::new();
        for m in &self.mentions {
            let name = canon[m.name.as_str()].clone();
            let vote = match m.pronoun {
                Some(Gender::Male) => 1,
                Some(Gender::Female) => -1,
                None => 0,
            };
            match evidence.iter_mut().find(|e| e.0 == name) {
                Some(e) => {
                    e.1 = e.1.or(m.gender);
                    e.2 += vote;
                }
                None => evidence.push((name, m.gender, vote)),
            }
        }
        let decided = |name: &str| -> Option<Gender> {
            let (_, g, votes) = evidence.iter().find(|e| e.0 == name)?;
            g.or(match votes.signum() {
                1 => Some(Gender::Male),
                -1 => Some(Gender::Female),
                _ => None,
            })
        };
        let settled: Vec<(Option<Gender>, String)> = self
            .mentions
            .iter()
            .map(|m| {
                let c = &canon[m.name.as_str()];
                (decided(c), c.clone())
            })
            .collect();
        // A mention's own title or first name outranks its person's: "Mr. Clinton" and "Mrs.
        // Clinton" share the surname "Clinton" but not a gender.
        for (m, (g, c)) in self.mentions.iter_mut().zip(settled) {
            m.gender = m.gender.or(g);
            m.canon = c;
        }
    }

    /// Splits one capitalized run into role and name and records it; whether it named someone.
    /// `subject`: it may be its sentence's subject (not after a preposition or a pronoun
    /// subject); [`People::scan`] keeps the flag only on the first such mention.
    fn add_run(&mut self, body: &str, run: &Run, subject: bool, singles: &mut Vec<(Mention, bool)>) -> bool {
        let (acts, sentence) = (run.acts, run.sentence);
        let Run { toks: run, followed_by_s, apposition, pronoun, modifier, .. } = run;
        let (followed_by_s, pronoun) = (*followed_by_s, *pronoun);
        let mut words: Vec<&Tok> = run.iter().filter(|t| t.is_word()).collect();
        // "Rep. Lee Zeldin of New York": a person's name before the connector is the name; the
        // place or body after it is an affiliation (in "Department of Justice" no person
        // precedes it).
        let connector = words.iter().position(|t| matches!(t.text, "of" | "for"));
        let affiliated = connector.filter(|&c| c > 1 && name_like(words[c - 1]) && name_like(words[c - 2]));
        if let Some(c) = affiliated {
            words.truncate(c);
        }
        let Some(last) = words.last() else { return false };
        let possessive = (followed_by_s && affiliated.is_none()) || is_possessive(last.text);
        let mut cut = words.len();
        while cut > 0 && words.len() - cut < 4 {
            let w = words[cut - 1];
            let ok = if cut == words.len() && is_possessive(w.text) {
                name_like(&Tok { text: strip_possessive(w.text), ..*w })
            } else {
                name_like(w)
                    || (lexicon::is_particle(&w.lower()) && cut < words.len() && cut > 1)
                    || compass_surname(&words, cut - 1)
                    || month_first_name(&words, cut - 1)
            };
            if !ok {
                break;
            }
            cut -= 1;
        }
        // "West" alone, in an article that names "Cornel West": a surname, never a person on
        // its own (see the filter on singles in [`People::scan`]).
        let lone_compass = words.len() == 1 && lexicon::is_compass(&words[0].lower()) && words[0].is_capitalized();
        if cut == words.len() && !lone_compass {
            return false;
        }
        if lone_compass {
            cut = 0;
        }
        let name_words: Vec<&str> = words[cut..].iter().map(|t| strip_possessive(t.text)).collect();
        let name = name_words.join(" ");
        let (start, end) = (words[cut].start, last.end);
        let titled = cut.checked_sub(1).and_then(|c| gender::of_title(words[c].text));
        let first = (name_words.len() >= 2).then(|| gender::of_first_name(name_words[0])).flatten();
        let gender = titled.or(first);
        let office = cut.checked_sub(1).and_then(|c| gender::of_office(words[c].text));
        let pronoun = pronoun.or(office);
        let mention = Mention {
            name: name.clone(),
            start,
            end,
            resolvable: !possessive && !modifier,
            gender,
            canon: String::new(),
            pronoun,
            subject,
            sentence,
            acts,
        };
        if name_words.len() >= 2 {
            if !self.full.iter().any(|(f, _)| *f == name) {
                let role = role_text(body, &words[..cut]).or_else(|| apposition.clone());
                self.full.push((name, role));
            }
            self.mentions.push(mention);
        } else if cut > 0 && lexicon::is_title(&words[cut - 1].lower()) {
            self.mentions.push(mention);
        } else {
            singles.push((mention, acts && !lone_compass));
        }
        true
    }

    /// Whether `name` (canonical) is a person the article names outside quotations.
    pub fn knows(&self, name: &str) -> bool {
        self.mentions.iter().any(|m| m.canon == name)
    }

    /// The person last named before byte `before`, canonicalized, preferring sentence
    /// subjects; with `gender`, skipping people known to be of the other one.
    pub fn resolve(&self, before: usize, gender: Option<Gender>) -> Option<String> {
        let i = self.mentions.partition_point(|m| m.end <= before);
        let fits = |m: &&Mention| m.resolvable && (gender.is_none() || m.gender.is_none() || m.gender == gender);
        let recent = || self.mentions[..i].iter().rev().take(LOOKBACK);
        let found = recent().find(|m| m.subject && fits(m)).or_else(|| recent().find(fits));
        // Past everyone who fits, a he/she may still stand for a person named only in a
        // possessive ("Bill Venn’s hair was whiter … he told them"), never for one known to be
        // of the other gender; without a gender, the last person named at all.
        let agrees = |m: &&Mention| gender.is_some() && m.gender == gender;
        let any = |m: &&Mention| gender.is_none() && m.resolvable;
        found
            .or_else(|| recent().find(agrees))
            .or_else(|| self.mentions[..i].iter().rev().find(any))
            .map(|m| m.canon.clone())
    }

    /// Whether someone other than `except` who may be of `gender` is named between bytes `from`
    /// and `to`: a new person a following pronoun could stand for.
    pub fn named_between(&self, (from, to): (usize, usize), gender: Option<Gender>, except: &str) -> bool {
        let (a, b) =
            (self.mentions.partition_point(|m| m.start < from), self.mentions.partition_point(|m| m.end <= to));
        self.mentions[a..b.max(a)].iter().any(|m| {
            m.resolvable && m.canon != except && (gender.is_none() || m.gender.is_none() || m.gender == gender)
        })
    }

    /// Whether the person `name` (canonical) may be of `gender`: nothing in the article says
    /// otherwise.
    pub fn may_be(&self, name: &str, gender: Option<Gender>) -> bool {
        gender.is_none()
            || self.mentions.iter().filter(|m| m.canon == name).all(|m| m.gender.is_none() || m.gender == gender)
    }

    /// The person a description before byte `before` stands for ("the former governor"): the
    /// last one named whose role shares a word with it, else the last one named.
    pub fn resolve_described(&self, before: usize, description: &str) -> Option<String> {
        let words: Vec<String> = description
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| w.len() > 2 && !matches!(*w, "the" | "one" | "his" | "her" | "their" | "its" | "former"))
            .map(normalize_word)
            .collect();
        let i = self.mentions.partition_point(|m| m.end <= before);
        let described = self.mentions[..i].iter().rev().take(LOOKBACK).filter(|m| m.resolvable).find(|m| {
            let name = m.canon.clone();
            self.role_of(&name).is_some_and(|r| r.split_whitespace().any(|w| words.contains(&normalize_word(w))))
        });
        match described {
            Some(m) => Some(m.canon.clone()),
            None => self.resolve(before, None),
        }
    }

    /// The longest full name in the article that `name` is a short form of, else `name`.
    pub fn canonical(&self, name: &str) -> String {
        let mut best: Option<&str> = None;
        for (full, _) in &self.full {
            if full.len() > name.len() && same_speaker(full, name) {
                match best {
                    Some(b) if !same_speaker(b, full) => return name.to_string(),
                    Some(b) if b.len() >= full.len() => {}
                    _ => best = Some(full),
                }
            }
        }
        best.unwrap_or(name).to_string()
    }

    /// The role given with a full name somewhere in the article.
    pub fn role_of(&self, name: &str) -> Option<String> {
        self.full.iter().find(|(f, _)| f == name).and_then(|(_, r)| r.clone())
    }
}

/// A role given in apposition after a name: "Wendy Marsh, the harbour's deputy director, said"
/// → "the harbour's deputy director". Only a short comma-delimited phrase holding a
/// description word (director, minister, spokesman …) and no verb-like cue counts.
fn appositive_role(body: &str, toks: &[Tok], k: usize) -> Option<String> {
    if !toks.get(k)?.is(',') {
        return None;
    }
    let first = toks.get(k + 1)?;
    if matches!(first.lower().as_str(), "who" | "which" | "that" | "said" | "and" | "but" | "he" | "she") {
        return None;
    }
    let mut end = k + 1;
    while end < toks.len() && end - k <= 9 && !toks[end].is(',') && !toks[end].is('.') {
        if toks[end].is_word() && lexicon::is_cue(&toks[end].lower()) {
            return None;
        }
        end += 1;
    }
    let closed = toks.get(end).is_some_and(|t| t.is(',') || t.is('.'));
    let phrase = &toks[k + 1..end];
    let described = phrase.iter().any(|t| !t.is_capitalized() && lexicon::is_description(&t.lower()));
    (closed && described && end > k + 1).then(|| body[first.start..toks[end - 1].end].to_string())
}

/// Whether a paragraph is a headline or subhead in title case ("History Makes Latinos Feel
/// Left Out"), ending without a full stop unless it is the article's `first` paragraph (a
/// one-sentence title in strict title case, which some sources end with one): its capitalized runs cannot be split into names,
/// so it names no one.
fn is_headline(toks: &[Tok], first: bool) -> bool {
    if toks.last().is_none_or(|t| !first && (t.is('.') || t.is('”') || t.is('"'))) {
        return false;
    }
    if first && (0..toks.len().saturating_sub(2)).any(|k| ends_sentence(toks, k)) {
        return false;
    }
    let words = toks.iter().filter(|t| t.is_word() && t.text.len() > 3);
    let (n, caps) = words.fold((0, 0), |(n, c), t| (n + 1, c + usize::from(t.is_capitalized())));
    let stop = toks.last().is_some_and(|t| t.is('.') || t.is('”') || t.is('"'));
    n >= 3 && if stop { caps == n } else { caps * 4 >= n * 3 }
}

/// Whether the words after a capitalized run ending before token `k` make it someone who
/// acts: a cue, perhaps after fillers ("LeVell also said"), or a relative clause ("Rihanna,
/// who …").
fn acts_after(toks: &[Tok], k: usize) -> bool {
    if toks.get(k).is_some_and(|t| t.is(',')) {
        return toks.get(k + 1).is_some_and(|t| t.text == "who");
    }
    let mut j = k;
    while j < toks.len() && j - k < 3 && toks[j].is_word() && lexicon::is_cue_filler(&toks[j].lower()) {
        j += 1;
    }
    toks.get(j).is_some_and(|t| t.is_word() && lexicon::is_cue(&t.lower()))
}

/// Whether `word` opens a subordinate clause at the start of a sentence.
fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "asked"
            | "when"
            | "after"
            | "if"
            | "while"
            | "although"
            | "though"
            | "because"
            | "since"
            | "before"
            | "as"
            | "despite"
            | "during"
            | "following"
            | "amid"
            | "unlike"
            | "with"
            | "once"
    )
}

/// Whether `word` (lower-case) is a pronoun that can be a sentence's subject and stand for a
/// person named before.
fn is_subject_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she")
}

/// Whether `word` is a preposition whose object is not the sentence's subject.
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "to" | "from"
            | "with"
            | "of"
            | "for"
            | "by"
            | "about"
            | "against"
            | "on"
            | "than"
            | "like"
            | "under"
            | "around"
            | "after"
            | "behind"
            | "among"
            | "between"
            | "over"
            | "beside"
    )
}

/// Whether token `k` ends a sentence: a full stop, question or exclamation mark that does not
/// close an abbreviation or an initial ("Mr.", "U.S.", "J.") or a parenthesis ("Rep. Tomas
/// Venn (D-Vt.) said": the state's abbreviation goes on inside the sentence).
fn ends_sentence(toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if !(t.is('.') || t.is('!') || t.is('?')) || toks.get(k + 1).is_some_and(|n| n.is(')')) {
        return false;
    }
    // "Tulsa, Okla., police officer …": a period before a comma or a lower-case word closes an
    // abbreviation, not the sentence.
    let goes_on = |n: &Tok| n.is(',') || n.is(';') || (n.is_word() && n.text.starts_with(char::is_lowercase));
    if t.is('.') && toks.get(k + 1).is_some_and(goes_on) {
        return false;
    }
    let prev = k.checked_sub(1).map(|p| &toks[p]);
    // "Sen. Tomas Venn": an abbreviated title before a name.
    let titled = |p: &Tok| {
        lexicon::is_title(&p.lower()) && p.text.len() <= 4 && toks.get(k + 1).is_some_and(|n| n.is_capitalized())
    };
    !(t.is('.') && prev.is_some_and(|p| is_initial(p) || p.text.contains('.') || is_title(p.text) || titled(p)))
}

/// Whether the capitalized run `toks[s..k]` is a modifier between a determiner and a lower-case
/// noun ("the Clinton campaign", "a Venn supporter"); a titled run ("the Rev. Ana Ruiz said") or a
/// cue after it ("the Venns said") is a subject.
fn modifier(toks: &[Tok], s: usize, k: usize) -> bool {
    // The determiner stands before the run, or opens it at a sentence's start ("The Holt
    // campaign …").
    let det = |t: &Tok| matches!(t.lower().as_str(), "the" | "a" | "an");
    let determiner = s.checked_sub(1).is_some_and(|p| det(&toks[p])) || det(&toks[s]);
    let noun = toks.get(k).is_some_and(|n| {
        let l = n.lower();
        n.is_word() && n.text.starts_with(char::is_lowercase) && !lexicon::is_cue(&l) && !lexicon::is_cue_filler(&l)
    });
    let titled = toks[s..k].iter().any(|t| lexicon::is_title(&t.lower()));
    determiner && noun && !titled
}

/// Whether a capitalized run after `word` names a place, not a person ("in Boca Raton").
fn is_locative(word: &str) -> bool {
    matches!(word, "in" | "at" | "near" | "across" | "outside" | "inside" | "into" | "throughout" | "toward")
}

/// The gender of the first he/she pronoun after token `k`, before the sentence ends or another
/// capitalized word (another candidate) comes; none inside quotations.
fn next_pronoun(toks: &[Tok], k: usize, spans: &[(usize, usize)]) -> Option<Gender> {
    for t in toks.iter().skip(k).take(25) {
        if t.is('.') || t.is('!') || t.is('?') || t.is('“') || t.is('"') {
            return None;
        }
        if t.is_word() {
            if let Some(g) = gender::of_pronoun(t.text).filter(|_| t.text.chars().all(char::is_lowercase)) {
                return (!inside(spans, t.start)).then_some(g);
            }
            if t.is_capitalized() {
                return None;
            }
        }
    }
    None
}

/// Whether `words[i]` is a compass word closing a name after a first name ("Cornel West",
/// "Ilse North"): the last word of the run, right after two name words or a name word that
/// opens the run ("author Cornel West"), so "Kansas City North" is no name.
fn compass_surname(words: &[&Tok], i: usize) -> bool {
    let w = words[i];
    let closes = i + 1 == words.len() && i > 0 && lexicon::is_compass(&w.lower());
    closes && name_like(words[i - 1]) && (i == 1 || !words[i - 2].is_capitalized() || name_like(words[i - 2]))
}

/// Whether `words[i]`, a month word, is a first name before a surname ("Jan Brewer", "April
/// Holt"): a name word follows it after a single space, where a date has a number or a period
/// ("Jan. 21", "April 3").
fn month_first_name(words: &[&Tok], i: usize) -> bool {
    let w = words[i];
    let next = words.get(i + 1).filter(|n| n.start == w.end + 1);
    lexicon::is_month(&w.lower()) && w.is_capitalized() && next.is_some_and(|n| name_like(n))
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// A speaker name cleaned for output: no possessive, no leading title, no trailing comma.
pub(crate) fn clean_name(name: &str) -> String {
    let name = name.trim().trim_end_matches([',', ';', ':', '.']).trim();
    let name = strip_possessive(name);
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && is_title(words[0]) {
        words.remove(0);
    }
    words.join(" ")
}

fn is_title(word: &str) -> bool {
    matches!(normalize_word(word).as_str(), "mr" | "mrs" | "ms" | "dr" | "prof" | "sir" | "dame" | "rev")
}

/// Normalized name words, without titles or possessives.
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .filter(|w| !is_title(w))
        .map(|w| normalize_word(strip_possessive(w)))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether two speaker names can denote the same speaker: equal after normalization, or the
/// same surname where one side is a bare surname or the first names agree (or one is the
/// other's initial). "Ryabkov" = "Sergei Ryabkov" = "Mr. Ryabkov"; "Joe Biden" ≠ "Jill Biden".
pub fn same_speaker(a: &str, b: &str) -> bool {
    let (wa, wb) = (name_words(a), name_words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    if wa == wb {
        return true;
    }
    if wa.last() != wb.last() {
        return false;
    }
    if wa.len() == 1 || wb.len() == 1 {
        return true;
    }
    let (fa, fb) = (&wa[0], &wb[0]);
    fa == fb || (fa.len() == 1 && fb.starts_with(fa.as_str())) || (fb.len() == 1 && fa.starts_with(fb.as_str()))
}

/// Maps every speaker to the longest name that [`same_speaker`] matches among `quotes` ("Ryabkov"
/// → "Sergei Ryabkov"), and fills a missing role from another quote by the same speaker.
/// A short form that matches two different full names ("Biden": "Joe Biden", "Jill Biden") is
/// left as it is. Meant for one article's quotes or a whole story's pooled quotes.
pub fn canonicalize(quotes: &mut [Quote]) {
    let mut names: Vec<String> = quotes.iter().filter_map(|q| q.speaker.clone()).collect();
    names.sort();
    names.dedup();
    let pick = |name: &str| -> String {
        let longer: Vec<&String> =
            names.iter().filter(|n| name_words(n).len() > name_words(name).len() && same_speaker(n, name)).collect();
        let Some(best) = longer.iter().max_by_key(|n| (name_words(n).len(), n.len())) else {
            return name.to_string();
        };
        if longer.iter().all(|n| same_speaker(n, best)) {
            best.to_string()
        } else {
            name.to_string()
        }
    };
    for q in quotes.iter_mut() {
        if let Some(s) = &q.speaker {
            q.speaker = Some(pick(s));
        }
    }
    let roles: Vec<(String, String)> =
        quotes.iter().filter_map(|q| Some((q.speaker.clone()?, q.role.clone()?))).collect();
    for q in quotes.iter_mut().filter(|q| q.role.is_none()) {
        if let Some(s) = &q.speaker {
            q.role = roles.iter().find(|(n, _)| n == s).map(|(_, r)| r.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpeakerEvidence;

    fn people(body: &str) -> People {
        People::scan(body, &[(0, body.len())], &[])
    }

    #[test]
    fn mentions_resolve_to_the_last_person() {
        let body = "Harbour Minister Ilse Marrow met Tomas Venn. Venn left. The Port Authority agreed.";
        let p = people(body);
        assert_eq!(p.resolve(body.len(), None).as_deref(), Some("Tomas Venn"));
        assert_eq!(p.resolve(30, None).as_deref(), Some("Ilse Marrow"));
        assert_eq!(p.role_of("Ilse Marrow").as_deref(), Some("Harbour Minister"));
        assert_eq!(p.canonical("Venn"), "Tomas Venn");
    }

    #[test]
    fn possessives_and_quotes_are_not_targets() {
        let body = "Ilse Marrow spoke. “Ask Tomas Venn,” she said. Mayor Ola Brim s aide agreed.";
        let q = body.find("Ask").unwrap();
        let p = People::scan(body, &[(0, body.len())], &[(q, q + 13)]);
        assert_eq!(p.resolve(body.len(), None).as_deref(), Some("Ilse Marrow"));
    }

    #[test]
    fn an_abbreviated_title_ends_no_sentence() {
        let body = "Ilse Marrow would not say whether she backs Pia Holt or Sen. Tomas Venn. The minister left.";
        assert_eq!(people(body).resolve(body.len(), None).as_deref(), Some("Ilse Marrow"));
    }

    #[test]
    fn same_speaker_by_surname() {
        assert!(same_speaker("Ilse Marrow", "Marrow"));
        assert!(same_speaker("Mr. Marrow’s", "Ilse Marrow"));
        assert!(same_speaker("I. Marrow", "Ilse Marrow"));
        assert!(!same_speaker("Ilse Marrow", "Pia Marrow"));
        assert!(!same_speaker("Ilse Marrow", "Tomas Venn"));
    }

    #[test]
    fn canonicalize_pools_short_forms() {
        let q = |s: &str, role: Option<&str>| Quote {
            speaker: Some(s.into()),
            role: role.map(Into::into),
            text: "x".into(),
            cue: None,
            marked: true,
            evidence: SpeakerEvidence::Named,
            start: 0,
            end: 1,
        };
        let mut qs = vec![q("Marrow", None), q("Ilse Marrow", Some("harbour master")), q("Venn", None)];
        canonicalize(&mut qs);
        assert_eq!(qs[0].speaker.as_deref(), Some("Ilse Marrow"));
        assert_eq!(qs[0].role.as_deref(), Some("harbour master"));
        assert_eq!(qs[2].speaker.as_deref(), Some("Venn"));
        assert_eq!(clean_name("Mr. Venn’s,"), "Venn");
    }
}
