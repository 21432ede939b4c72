//! Finding the source next to a cue: `X said`, `said X`, `according to X`.
//!
//! The subject is read off the tokens around the cue verb, then split into a name and a role
//! ("Deputy Foreign Minister" + "Sergei Ryabkov") by peeling title, organization and place
//! words off the left of the capitalized run. Pronouns and descriptions ("the minister") are
//! left for [`super::speakers`] to resolve against earlier mentions.

use super::lexicon;
use super::tokens::{is_possessive, strip_possessive, Tok};

/// Who a cue verb points at, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A name next to the cue: a person ("Sergei Ryabkov") or an organization ("State Department").
    Named {
        /// The name without titles.
        name: String,
        /// Titles and office given before the name ("Deputy Foreign Minister").
        role: Option<String>,
    },
    /// he / she / they / I / we.
    Pronoun,
    /// A lower-case description: "the spokesman", "Biden’s top diplomat".
    Description,
    /// Someone not in particular: "a person close to the Venns", "one party activist",
    /// "another Varen Democrat". Never resolved to an earlier name.
    Anonymous,
}

/// Whether `tok` is an indefinite determiner opening a subject. A capital "A" followed by a
/// period is an initial ("Jock A. Finlayson"), not the article.
fn indefinite(toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k).filter(|t| t.is_word()) else { return false };
    lexicon::is_indefinite_determiner(&t.lower()) && toks.get(k + 1).is_some_and(|n| n.is_word())
}

/// A subject and its cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// Who.
    pub subject: Subject,
    /// The cue as written, lower-case ("said", "according to").
    pub cue: String,
    /// Byte offset where the subject starts: resolution looks only at mentions before it, so
    /// the subject's own modifiers ("Biden’s top diplomat") never resolve it.
    pub at: usize,
    /// Byte offset just past the subject-and-cue.
    pub end: usize,
}

/// Titles whose abbreviation period belongs to the token ("Mr.", "U.S.").
fn takes_period(tok: &Tok) -> bool {
    tok.text.contains('.')
        || is_initial(tok)
        || matches!(
            tok.lower().as_str(),
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "gen"
                | "sen"
                | "rep"
                | "gov"
                | "st"
                | "jr"
                | "prof"
                | "col"
                | "lt"
                | "capt"
                | "rev"
                | "del"
        )
}

/// Whether `tok` is a middle initial ("Mark C. Thurber"): one capital letter, not the
/// pronoun "I" or the article "A".
pub(crate) fn is_initial(tok: &Tok) -> bool {
    let mut c = tok.text.chars();
    c.next().is_some_and(|c| c.is_uppercase() && c != 'I' && c != 'A') && c.next().is_none()
}

/// Whether `tok` may be part of a subject phrase.
fn phrase_word(tok: &Tok) -> bool {
    if !tok.is_word() {
        return false;
    }
    let lower = tok.lower();
    let acronym = tok.text.len() > 1 && !tok.text.chars().any(char::is_lowercase);
    // A middle initial ("Mark S. Mellman"): "s" is also a stopword.
    if acronym || is_initial(tok) {
        return true;
    }
    if tok.is_capitalized() {
        return !lexicon::is_pronoun(&lower)
            && (lower == "the" || lexicon::is_role(&lower) || !lexicon::is_opener(&lower) || given_name(tok));
    }
    lexicon::is_role(&lower) || lexicon::is_particle(&lower) || lower == "the" || lower == "s"
}

/// Indices of the phrase ending just before `end`, scanning left.
fn collect_left(toks: &[Tok], end: usize) -> Vec<usize> {
    let mut idx = Vec::new();
    let mut k = end;
    while k > 0 && idx.len() < 10 {
        let t = &toks[k - 1];
        if idx.is_empty() && t.is_word() && lexicon::is_pronoun(&t.lower()) {
            return vec![k - 1];
        }
        let dot_after_abbr = t.is('.') && k >= 2 && takes_period(&toks[k - 2]) && !idx.is_empty();
        if !(phrase_word(t) || dot_after_abbr) {
            break;
        }
        idx.push(k - 1);
        if t.lower() == "the" {
            break;
        }
        k -= 1;
    }
    idx.reverse();
    idx
}

/// Number of lower-case words opening a subject after its cue, up to a name: "said his
/// campaign manager Jeff Weaver", "added one senior aide", "said retired neurosurgeon Ben
/// Carson". Without a determiner the words must lead to a name (a bare "said officials" is not
/// a subject); stops at an adjunct ("on Monday") or a clause word.
fn lowercase_lead(toks: &[Tok], start: usize) -> usize {
    // "said Clinton’s top foreign policy aide Jake Sullivan": a capitalized possessive opens
    // the subject like a determiner, and the lower-case words after it must reach a name.
    if toks.get(start).is_some_and(|t| t.is_capitalized() && is_possessive(t.text)) {
        let n = lowercase_lead(toks, start + 1);
        let mut k = start + 1;
        while k < toks.len() && k - start <= 6 && toks[k].is_word() && !toks[k].is_capitalized() {
            let l = toks[k].lower();
            if lexicon::is_cue(&l) || lexicon::is_adjunct(&l) || matches!(l.as_str(), "who" | "that" | "which" | "and")
            {
                return 0;
            }
            k += 1;
        }
        let reaches = k > start + 1 && toks.get(k).is_some_and(|t| t.is_word() && name_like(t));
        return if reaches { k - start } else { n };
    }
    let Some(first) = toks.get(start).filter(|t| t.is_word() && !t.is_capitalized()) else { return 0 };
    let determiner = DETERMINERS.contains(&first.text);
    let mut k = start + usize::from(determiner);
    while k < toks.len() && k - start < 6 {
        let t = &toks[k];
        if !t.is_word() {
            break;
        }
        if t.is_capitalized() {
            return k - start;
        }
        let l = t.lower();
        if lexicon::is_cue(&l)
            || lexicon::is_adjunct(&l)
            || matches!(l.as_str(), "who" | "that" | "which" | "and" | "but" | "or")
        {
            break;
        }
        k += 1;
    }
    if !determiner || k - start < 2 {
        return 0;
    }
    let heads = toks[k - 1].is_word() && lexicon::is_description(toks[k - 1].lower().trim_end_matches('s'));
    if heads {
        k - start
    } else {
        0
    }
}

/// Indices of the phrase starting at `start`, scanning right.
fn collect_right(toks: &[Tok], start: usize) -> Vec<usize> {
    // "On Friday, he joined other Republicans in …": a pronoun is the whole subject, never the
    // start of a lower-case lead up to the next capitalized word.
    if toks.get(start).is_some_and(|t| t.is_word() && lexicon::is_pronoun(&t.lower())) {
        return vec![start];
    }
    let lead = lowercase_lead(toks, start);
    let mut idx: Vec<usize> = (start..start + lead).collect();
    let mut k = start + lead;
    while k < toks.len() && idx.len() < 10 {
        let t = &toks[k];
        if idx.is_empty() && t.is_word() && lexicon::is_pronoun(&t.lower()) {
            return vec![k];
        }
        // "Jock A. Finlayson": "A" is a middle initial, not the article.
        let initial_a = |j: usize| {
            toks[j].text == "A"
                && j > start
                && toks.get(j + 1).is_some_and(|n| n.is('.'))
                && toks.get(j + 2).is_some_and(|n| n.is_capitalized())
        };
        let dot_after_abbr = t.is('.') && k > start && (takes_period(&toks[k - 1]) || initial_a(k - 1));
        let after_connector = idx.last().is_some_and(|&p: &usize| matches!(toks[p].lower().as_str(), "of" | "for"));
        let leading_the = t.lower() == "the" && (idx.is_empty() || after_connector);
        if !(leading_the
            || dot_after_abbr
            || initial_a(k)
            || (phrase_word(t) && t.lower() != "the")
            || function_word_surname(toks, k, &idx))
        {
            break;
        }
        if dot_after_abbr && toks.get(k + 1).is_none_or(|n| !n.is_capitalized()) {
            break;
        }
        idx.push(k);
        k += 1;
    }
    // "said Stu Rothenberg of the non-partisan …": a connector ends no name.
    while idx.len() > 1 && idx.last().is_some_and(|&l| matches!(toks[l].lower().as_str(), "of" | "for" | "the" | "and"))
    {
        idx.pop();
    }
    idx
}

/// Whether token `k`, a capitalized function word, is a surname closing a name after a cue
/// ("said Al From, who …", "said Tomas Still."): mid-sentence, right after a name word that is
/// not the first of the phrase, and with punctuation after it.
fn function_word_surname(toks: &[Tok], k: usize, idx: &[usize]) -> bool {
    let t = &toks[k];
    let after_name = idx.last().is_some_and(|&p| p + 1 == k && name_like(&toks[p]));
    let closes = toks.get(k + 1).is_none_or(|n| n.is(',') || n.is('.') || n.is(';'));
    t.is_word() && t.is_capitalized() && !t.text.chars().skip(1).any(char::is_uppercase) && after_name && closes
}

/// Whether a capitalized word can be part of a person's name.
pub(crate) fn name_like(tok: &Tok) -> bool {
    let lower = tok.lower();
    let acronym = tok.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if is_initial(tok) {
        return true;
    }
    // "Prize-winning", "American-born": a compound with a lower-case tail is no name.
    let lower_tail = tok.text.split(['-', '‑']).skip(1).any(|p| p.chars().next().is_some_and(char::is_lowercase));
    // "Agence France-Presse", "the Sun-Times": a compound holding a place or organization word.
    let non_name_part =
        tok.text.contains(['-', '‑']) && tok.text.split(['-', '‑']).any(|p| lexicon::is_non_name(&p.to_lowercase()));
    tok.is_capitalized()
        && !acronym
        && !lower_tail
        && !non_name_part
        && !is_possessive(tok.text)
        && !tok.text.contains('.')
        && !lexicon::is_role(&lower)
        && !lexicon::is_non_name(&lower)
        && (!lexicon::is_opener(&lower) || given_name(tok))
        && lexicon::weekday(&lower).is_none()
}

/// A first name that is also a common word ("said Will Doyle"): the capitalized form is the
/// name; a sentence opening with the verb ("Will the council agree?") has no cue next to it.
fn given_name(tok: &Tok) -> bool {
    tok.text == "Will"
}

/// Splits a phrase into subject kinds (see [`Subject`]).
fn classify(text: &str, toks: &[Tok], idx: &[usize]) -> Option<Subject> {
    // "another friend, Mariam Emara told CNN": a name set off after the description is named.
    if idx.len() > 1 && indefinite(toks, idx[0]) && !idx.iter().any(|&i| toks[i].is(',')) {
        return Some(Subject::Anonymous);
    }
    let words: Vec<&Tok> = idx.iter().map(|&i| &toks[i]).filter(|t| t.is_word()).collect();
    let words: Vec<&Tok> = match words.first() {
        Some(t) if t.lower() == "the" => words[1..].to_vec(),
        _ => words,
    };
    let last = *words.last()?;
    if words.len() == 1 && lexicon::is_pronoun(&last.lower()) {
        return Some(Subject::Pronoun);
    }
    // "Stu Rothenberg of the Rothenberg Report": a person's name before the connector is the
    // name; what follows is an affiliation ("Department of Justice" has no person before it).
    let connector = words.iter().position(|t| matches!(t.lower().as_str(), "of" | "for"));
    let words = match connector {
        Some(c) if c > 1 && name_like(words[c - 1]) && name_like(words[c - 2]) => words[..c].to_vec(),
        _ => words,
    };
    let last = *words.last()?;
    let mut cut = words.len();
    while cut > 0 && words.len() - cut < 4 {
        let w = words[cut - 1];
        let inner = cut < words.len() && cut > 1;
        let inner_particle = inner && (lexicon::is_particle(&w.lower()) || w.text == "A");
        if !(name_like(w) || inner_particle) {
            break;
        }
        cut -= 1;
    }
    while cut < words.len() && !words[cut].is_capitalized() {
        cut += 1;
    }
    if cut < words.len() {
        let name = words[cut..].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
        return Some(Subject::Named { name, role: role_text(text, &words[..cut]) });
    }
    // The head of "spokesperson for the Department" is the word before the first connector.
    let connector = words.iter().position(|t| matches!(t.lower().as_str(), "of" | "for"));
    let head_tok = connector.and_then(|c| c.checked_sub(1)).map_or(last, |h| words[h]);
    // "Tuesday, he said": a day is when, not who.
    if lexicon::weekday(&head_tok.lower()).is_some() {
        return None;
    }
    // "the IMF report stated", "the White House statement said": a document speaks for the
    // name that is all of the phrase before it.
    let head_at = connector.and_then(|c| c.checked_sub(1)).unwrap_or(words.len() - 1);
    if head_at > 0
        && !head_tok.is_capitalized()
        && lexicon::is_document(&head_tok.lower())
        && words[..head_at].iter().all(|t| t.is_capitalized())
    {
        let (a, b) = (words[0].start, words[head_at - 1].end);
        let name = strip_possessive(&text[a..b]).to_string();
        return Some(Subject::Named { name, role: None });
    }
    if head_tok.is_capitalized() && head_tok.text != "S" {
        let first = words.first()?;
        return Some(Subject::Named { name: text[first.start..last.end].to_string(), role: None });
    }
    let head = head_tok.lower();
    let head = head.strip_suffix('s').filter(|h| lexicon::is_description(h)).unwrap_or(&head);
    lexicon::is_description(head).then_some(Subject::Description)
}

/// The role before a name: the prefix without leading sentence openers, when it holds a title,
/// organization, place or acronym ("Deputy Foreign Minister", "State Department spokesman").
pub(crate) fn role_text(text: &str, prefix: &[&Tok]) -> Option<String> {
    let first = prefix.iter().position(|t| !lexicon::is_opener(&t.lower()) || t.lower() == "us")?;
    let rest = &prefix[first..];
    let roleish = rest.iter().any(|t| {
        let l = t.lower();
        lexicon::is_role(&l) || lexicon::is_non_name(&l) || !t.text.chars().any(char::is_lowercase)
    });
    let (a, b) = (rest.first()?.start, rest.last()?.end);
    let role = text[a..b].trim_end_matches([',', ' ']).to_string();
    let stripped = role.trim_end_matches('.');
    let only_title = matches!(stripped.to_lowercase().as_str(), "mr" | "mrs" | "ms" | "dr" | "prof" | "sir");
    (roleish && !only_title && !role.is_empty()).then_some(role)
}

/// Skips cue fillers leftwards from `k` (exclusive); returns the new exclusive end. A verb
/// that leads into the cue ("went on to say", "was prompted to say") is skipped too.
fn skip_fillers_left(toks: &[Tok], mut k: usize) -> usize {
    let word = |j: usize, w: &str| toks.get(j).is_some_and(|t| t.is_word() && t.lower() == w);
    if k >= 3 && word(k - 1, "to") && (word(k - 2, "prompted") || (word(k - 2, "on") && word(k - 3, "went"))) {
        k -= if word(k - 2, "on") { 3 } else { 2 };
    }
    let start = k;
    while k > 0 && start - k < 4 && toks[k - 1].is_word() && filler(&toks[k - 1]) {
        k -= 1;
    }
    k
}

/// Whether `tok` may stand between a speaker and the cue: a filler or a date word ("Priebus
/// later Thursday told").
fn filler(tok: &Tok) -> bool {
    let lower = tok.lower();
    lexicon::is_cue_filler(&lower) || lexicon::weekday(&lower).is_some() || lexicon::is_month(&lower)
}

/// The subject before the cue at `cue` (`Ryabkov said`, `he also told`).
pub(crate) fn before_cue(text: &str, toks: &[Tok], cue: usize) -> Option<Attribution> {
    if let Some(a) = passive_ask(text, toks, cue) {
        return Some(a);
    }
    let mut k = skip_fillers_left(toks, cue);
    // A participle takes no subject right before it ("on Facebook writing"), only through
    // fillers ("was quoted as saying"); see `participle_subject`.
    if k == cue && toks[cue].lower().ends_with("ing") {
        return None;
    }
    // "Gov. John Kasich (R-OH), said": the parenthesis follows the name.
    if k > 1 && toks[k - 1].is(',') && toks[k - 2].is(')') {
        k -= 1;
    }
    if k > 0 && toks[k - 1].is(')') {
        k = (k.saturating_sub(10)..k - 1).rev().find(|&j| toks[j].is('(')).unwrap_or(k);
    }
    if k > 0 && toks[k - 1].is(',') {
        k = set_off_after_description(toks, k - 1).or_else(|| apposition_start(toks, k - 1)).unwrap_or(k);
    }
    if k > 0 && toks[k - 1].lower() == "and" {
        k = coordinated_subject(toks, k - 1)?;
    }
    let idx = collect_left(toks, k);
    if idx.is_empty() {
        return unnamed_noun_phrase(text, toks, k).map(|at| Attribution {
            subject: Subject::Anonymous,
            cue: toks[cue].lower(),
            at,
            end: toks[cue].end,
        });
    }
    let subject = classify(text, toks, &idx)?;
    let first = *idx.first()?;
    // "a Harbour Department official said", "another Varen Democrat added", and a name after a
    // preposition inside such a subject ("another source speaking to Radio Varen said").
    let opener = if first > 0 && indefinite(toks, first - 1) {
        Some(first - 1)
    } else {
        indefinite_before_preposition(toks, first)
    };
    if let Some(opener) = opener.filter(|_| !matches!(subject, Subject::Pronoun)) {
        return Some(Attribution {
            subject: Subject::Anonymous,
            cue: toks[cue].lower(),
            at: toks[opener].start,
            end: toks[cue].end,
        });
    }
    let at = toks[first].start;
    Some(Attribution { subject, cue: toks[cue].lower(), at, end: toks[cue].end })
}

/// For a lower-case noun phrase ending before token `end` that names no one in particular ("One
/// tweet said", "as one employee told", "the protesters chanted"): where it starts. Up to three
/// lower-case words after a determiner that opens the clause; the phrase must be indefinite, a
/// plural or a plain person or crowd noun (see [`lexicon::is_anonymous`]).
fn unnamed_noun_phrase(text: &str, toks: &[Tok], end: usize) -> Option<usize> {
    let lower_word = |t: &Tok| t.is_word() && !t.is_capitalized() && !lexicon::is_cue(&t.lower());
    let mut j = end;
    while j > 0 && end - j < 3 && lower_word(&toks[j - 1]) && !DETERMINERS.contains(&toks[j - 1].text) {
        j -= 1;
    }
    let d = j.checked_sub(1).filter(|&d| j < end && DETERMINERS.contains(&toks[d].lower().as_str()))?;
    let opens =
        d == 0 || !toks[d - 1].is_word() || matches!(toks[d - 1].lower().as_str(), "as" | "and" | "but" | "when");
    let phrase = &text[toks[d].start..toks[end - 1].end];
    (opens && lexicon::is_anonymous(phrase)).then_some(toks[d].start)
}

/// For a passive question cue ("Venn was asked by host Pia Holt, “…", "Venn was asked, “…"),
/// the asker: the agent after "by", else someone not named. The subject before "was asked" is
/// the one who answers, never the speaker of the question.
fn passive_ask(text: &str, toks: &[Tok], cue: usize) -> Option<Attribution> {
    let be = cue.checked_sub(1).map(|b| toks[b].lower());
    if toks[cue].lower() != "asked" || !matches!(be.as_deref(), Some("was" | "were" | "is" | "are" | "being" | "been"))
    {
        return None;
    }
    let by = toks.get(cue + 1).filter(|t| t.lower() == "by").map(|_| cue + 1);
    if let Some(a) = by.and_then(|b| after_cue(text, toks, b, 1)).filter(|a| matches!(a.subject, Subject::Named { .. }))
    {
        return Some(Attribution { cue: "asked".to_string(), ..a });
    }
    let at = toks[cue - 1].start;
    Some(Attribution { subject: Subject::Anonymous, cue: "asked".to_string(), at, end: toks[cue].end })
}

/// For a name after a preposition ("to Radio Varen" in "another source speaking to Radio Varen
/// said"), the indefinite determiner opening the phrase it belongs to, up to five words back
/// within the clause.
fn indefinite_before_preposition(toks: &[Tok], first: usize) -> Option<usize> {
    let mut j = first.checked_sub(1)?;
    if toks[j].lower() == "the" {
        j = j.checked_sub(1)?;
    }
    if !matches!(toks[j].lower().as_str(), "to" | "for" | "of" | "with" | "at" | "from") {
        return None;
    }
    (j.saturating_sub(5)..j).rev().take_while(|&k| toks[k].is_word()).find(|&k| indefinite(toks, k))
}

/// For "her senior policy adviser, Jake Sullivan, said" (`close` is the comma before the cue),
/// the end of the name set off after the description: up to four name words between two
/// commas, the first comma right after a lower-case word.
fn set_off_after_description(toks: &[Tok], close: usize) -> Option<usize> {
    let open = (close.saturating_sub(5)..close).rev().find(|&j| toks[j].is(','))?;
    let name = &toks[open + 1..close];
    let all_name = !name.is_empty() && name.iter().all(|t| t.is_word() && (name_like(t) || is_initial(t)));
    let described = open > 0 && toks[open - 1].is_word() && !toks[open - 1].is_capitalized();
    (all_name && described).then_some(close)
}

/// For "Brian Fallon, a spokesman for the campaign, said" (`close` is the comma before the
/// cue), the comma that opens the apposition or relative clause, so the subject is read before
/// it. The aside must open with a lower-case word, a number or a possessive ("Jeff Weaver,
/// Sanders’ campaign manager, said") right after a capitalized word, within 25 tokens and the
/// same clause; "Cambridge, Mass.," inside it is skipped over.
fn apposition_start(toks: &[Tok], close: usize) -> Option<usize> {
    let from = close.saturating_sub(25);
    for j in (from.max(1)..close).rev() {
        let t = &toks[j];
        if t.is(';') || t.is(':') || t.is('!') || t.is('?') || t.is('“') || t.is('”') || t.is('"') {
            return None;
        }
        if !t.is(',') {
            continue;
        }
        let (before, after) = (&toks[j - 1], &toks[j + 1]);
        let opens = after.is_word()
            && (!after.is_capitalized() || is_possessive(after.text) || after.text.ends_with(['’', '\'']));
        if opens && before.is_word() && before.is_capitalized() {
            return Some(j);
        }
    }
    None
}

/// For "X made no promise and said", the end of the subject X: a name or pronoun opening the
/// clause that `and` continues (the clause starts after the last comma or semicolon, at most
/// 15 tokens back). "Putin met Biden and agreed" is Putin's, not Biden's.
fn coordinated_subject(toks: &[Tok], and: usize) -> Option<usize> {
    let from = and.saturating_sub(15);
    let start = (from..and).rev().find(|&j| toks[j].is(',') || toks[j].is(';')).map_or(from, |j| j + 1);
    if toks[start..and].iter().any(|t| t.is_word() && lexicon::is_cue(&t.lower())) {
        return None;
    }
    let j = (start..and.min(start + 4)).find(|&j| {
        let t = &toks[j];
        t.is_word() && (name_like(t) || lexicon::is_pronoun(&t.lower()))
    })?;
    let mut end = j + 1;
    while end < and && toks[end].is_word() && name_like(&toks[end]) {
        end += 1;
    }
    Some(end)
}

/// The subject after the cue at `cue` (`said Ned Price`), or after `according to`.
pub(crate) fn after_cue(text: &str, toks: &[Tok], cue: usize, cue_len: usize) -> Option<Attribution> {
    let cue_text = toks[cue..cue + cue_len].iter().map(|t| t.lower()).collect::<Vec<_>>().join(" ");
    let idx = collect_right(toks, cue + cue_len);
    let subject = if idx.is_empty() { None } else { classify(text, toks, &idx) };
    if !matches!(subject, Some(Subject::Named { .. })) {
        if let Some((subject, at, end)) = described_then_named(text, toks, cue + cue_len) {
            return Some(Attribution { subject, cue: cue_text, at, end });
        }
    }
    let start = cue + cue_len;
    if indefinite(toks, start) && !matches!(subject, Some(Subject::Named { .. })) {
        // "said a person close to the Venns", "added one senior aide": the words up to a
        // comma or the sentence's end describe an unnamed speaker.
        let end = (start + 1..toks.len()).find(|&j| !toks[j].is_word()).unwrap_or(toks.len());
        return Some(Attribution {
            subject: Subject::Anonymous,
            cue: cue_text,
            at: toks[start].start,
            end: toks[end - 1].end,
        });
    }
    Some(Attribution { subject: subject?, cue: cue_text, at: toks[idx[0]].start, end: toks[*idx.last()?].end })
}

/// The longest description read before an appositive name, in tokens.
const APPOSED_DESCRIPTION: usize = 8;

/// For "said his best friend at Lehigh, Bruce Turry, who …" or "said Venn’s deputy campaign
/// manager, Pia Holt.", the name set off after a description that opens with a determiner or a
/// possessive; the description is the role. Returns the subject and its byte span.
fn described_then_named(text: &str, toks: &[Tok], start: usize) -> Option<(Subject, usize, usize)> {
    let first = toks.get(start).filter(|t| t.is_word())?;
    let opens = DETERMINERS.contains(&first.text) || (first.is_capitalized() && is_possessive(first.text));
    if !opens {
        return None;
    }
    let comma = (start + 1..toks.len().min(start + APPOSED_DESCRIPTION + 1)).find(|&j| !toks[j].is_word())?;
    if !toks[comma].is(',') || toks[start + 1..comma].iter().any(|t| lexicon::is_cue(&t.lower())) {
        return None;
    }
    let mut end = comma + 1;
    while end < toks.len() && (name_like(&toks[end]) || (toks[end].is('.') && is_initial(&toks[end - 1]))) {
        end += 1;
    }
    let words = toks[comma + 1..end].iter().filter(|t| t.is_word()).count();
    // "…, Tomas Venn of the Port Authority.": an affiliation after the name closes it too.
    let affiliation = toks.get(end).is_some_and(|t| matches!(t.text, "of" | "from"));
    let closed = affiliation || toks.get(end).is_none_or(|t| t.is(',') || t.is('.') || t.is(';'));
    if words < 2 || !closed {
        return None;
    }
    let (a, b) = (toks[comma + 1].start, toks[end - 1].end);
    let role = text[first.start..toks[comma - 1].end].to_string();
    Some((Subject::Named { name: text[a..b].to_string(), role: Some(role) }, first.start, b))
}

/// Whether token `k` is a cue verb, counting the phrasal ones ("shot back", "put it").
fn cue_at(toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k).filter(|t| t.is_word()) else { return false };
    let lower = t.lower();
    let next = || toks.get(k + 1).map(|n| n.lower()).unwrap_or_default();
    lexicon::is_cue(&lower)
        || (matches!(lower.as_str(), "shot" | "fired") && next() == "back")
        || (lower == "went" && next() == "on")
        || (lower == "put" && next() == "it")
}

/// Whether `toks[i..]` starts with `according to`.
fn according_to(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.lower() == "according") && toks.get(i + 1).is_some_and(|t| t.lower() == "to")
}

/// An attribution starting at token `i` (right after a closing mark or a comma): `he said`,
/// `said X`, `X told reporters`, `according to X`.
pub(crate) fn starting_at(text: &str, toks: &[Tok], mut i: usize) -> Option<Attribution> {
    while toks.get(i).is_some_and(|t| t.is(',')) {
        i += 1;
    }
    let first = toks.get(i)?;
    if according_to(toks, i) {
        return after_cue(text, toks, i, 2);
    }
    if first.is_word() && lexicon::is_cue(&first.lower()) {
        return after_cue(text, toks, i, 1);
    }
    let idx = collect_right(toks, i);
    let mut k = i + idx.len();
    let filler_start = k;
    while k < toks.len() && k - filler_start < 4 && toks[k].is_word() && lexicon::is_cue_filler(&toks[k].lower()) {
        k += 1;
    }
    let tight = toks.get(k).filter(|_| !idx.is_empty() && cue_at(toks, k));
    let (subject, cue) = tight.and_then(|cue| Some((classify(text, toks, &idx)?, cue)))?;
    Some(Attribution { subject, cue: cue.lower(), at: toks[i].start, end: cue.end })
}

/// [`starting_at`], then, right after a closing quotation mark where nothing but an
/// attribution is expected, a subject of any shape ([`loose_subject`]), then a credit after a
/// dash ([`dash_credit`]).
pub(crate) fn after_close(text: &str, toks: &[Tok]) -> Option<Attribution> {
    starting_at(text, toks, 0)
        .or_else(|| {
            let i = toks.iter().position(|t| !t.is(','))?;
            loose_subject(text, toks, i)
        })
        .or_else(|| dash_credit(text, toks))
}

/// The credit line of a testimonial or an epigraph, right after a closing mark: `…” ― Ana Ruiz`,
/// `…” — Tomas Venn, a dock worker.`, `…" -- Pia Holt`. A name after the dash that ends the
/// line or is closed by punctuation is the speaker; `— Venn said` is read as any attribution.
/// A dash that opens an aside (`“Fake news” — Venn’s phrase — …`) names no one: the words
/// after it are no name, or the name goes on into the sentence.
fn dash_credit(text: &str, toks: &[Tok]) -> Option<Attribution> {
    let dashes = toks.iter().take_while(|t| matches!(t.text, "―" | "—" | "–" | "-")).count();
    let dash = toks.first().filter(|_| (1..=2).contains(&dashes))?;
    if let Some(a) = starting_at(text, toks, dashes) {
        return Some(a);
    }
    // "-- and Pia Holt, wrote": the credit opens with the name.
    if !toks.get(dashes).is_some_and(|t| t.is_capitalized()) {
        return None;
    }
    let idx = collect_right(toks, dashes);
    let subject = classify(text, toks, &idx).filter(|s| matches!(s, Subject::Named { .. }))?;
    let last = *idx.last()?;
    let closed = toks.get(last + 1).is_none_or(|t| t.is(',') || t.is('.') || t.is(';') || t.is('('));
    closed.then(|| Attribution { subject, cue: dash.text.to_string(), at: toks[idx[0]].start, end: toks[last].end })
}

/// Determiners that open a description ("one aide", "his campaign manager Jeff Weaver").
const DETERMINERS: &[&str] = &["the", "a", "an", "one", "his", "her", "their", "its", "another", "some", "several"];

/// The longest subject phrase read loosely, in tokens.
const LOOSE_SUBJECT: usize = 14;

/// The longest subject phrase read loosely when a name and a comma open it, in tokens.
const LOOSE_APPOSITION: usize = 30;

/// A subject of any shape running up to a cue, right after a closing mark: `,” Trump campaign
/// spokeswoman Hope Hicks said`, `,” the Republican vice-presidential nominee riffed`,
/// `,” Ana Ruiz, a lawyer in Port Varen, said`. Only words, commas, parentheses and
/// abbreviation periods may stand before the cue; an apposition after a comma is not the name.
/// A phrase with no name and no known head is still a description: the cue vouches for it.
fn loose_subject(text: &str, toks: &[Tok], mut i: usize) -> Option<Attribution> {
    // "But, Mr. Ryan said": a connective set off by a comma opens the clause, not the subject.
    if toks.get(i).is_some_and(|t| t.is_word() && lexicon::is_opener(&t.lower()))
        && toks.get(i + 1).is_some_and(|t| t.is(','))
    {
        i += 2;
    }
    let mut k = i;
    let mut paren = false;
    // A name closed by a comma early on may carry a long apposition ("Steve Rosenthal, a former
    // political director of the A.F.L.-C.I.O. and progressive political organizer, said").
    let mut limit = LOOSE_SUBJECT;
    while k < toks.len() && k - i < limit {
        let t = &toks[k];
        if cue_at(toks, k) {
            break;
        }
        let long = limit == LOOSE_APPOSITION;
        // "Mitch McConnell, R-Ky., said": a state's abbreviation closed by a comma.
        let state = k > i && toks.get(k + 1).is_some_and(|n| n.is(',')) && toks[k - 1].is_capitalized();
        let abbr = t.is('.') && k > i && (paren || long || state || takes_period(&toks[k - 1]));
        // "Compass Point Research & Trading", "Fight for $15", "the A.F.L.-C.I.O.".
        let inner = k > i && (t.is('&') || t.is('$') || t.is('-'));
        let opens_name = name_like(&toks[i]) || (toks[i].is_capitalized() && lexicon::is_title(&toks[i].lower()));
        if t.is(',') && k - i <= 6 && opens_name {
            limit = LOOSE_APPOSITION;
        }
        paren = (paren || t.is('(')) && !t.is(')');
        if !(t.is_word() || abbr || inner || t.is(',') || t.is('(') || t.is(')')) {
            return None;
        }
        k += 1;
    }
    let cue = toks.get(k).filter(|_| k > i && cue_at(toks, k))?;
    // Past a parenthesis or a long apposition, a cue that goes on with its own clause ("on
    // “Face the Nation,” House Speaker Paul D. Ryan (R-Wis.) said the recent …") is not about
    // the marked text before it.
    let stretched = limit == LOOSE_APPOSITION || toks[i..k].iter().any(|t| t.is('('));
    let says = matches!(cue.lower().as_str(), "said" | "says");
    let clause = says && toks.get(k + 1).is_some_and(|n| matches!(n.text, "the" | "that" | "a" | "an" | "this"));
    if stretched && clause {
        return None;
    }
    let end = skip_fillers_left(toks, k);
    // "Therefore any attempt to rebut him, he said, is hopeless": a pronoun set off before the
    // cue, with the sentence going on after it, is the subject of a parenthetical inside a new
    // sentence of narrative, so the words after the mark are not the quote's attribution; so
    // is a clause of three words or more before it ("a note he wrote last year, he said, “…":
    // the cue is the next quote's). "Tuesday, he said, “…" and "Later, he said, adding …"
    // still are the quote's.
    let goes_on = toks.get(k + 1).is_some_and(|t| t.is(','))
        && toks.get(k + 2).is_some_and(|t| t.is_word() && !t.is_capitalized() && !lexicon::is_cue(&t.lower()));
    let clause = toks[i..end.saturating_sub(2).max(i)].iter().filter(|t| t.is_word()).count() >= 3;
    let pronoun_aside = end > i + 1
        && (goes_on || clause)
        && toks[end - 1].is_word()
        && lexicon::is_pronoun(&toks[end - 1].lower())
        && toks[end - 2].is(',');
    if pronoun_aside {
        return None;
    }
    let head_end = (i..end).find(|&j| toks[j].is(',') || toks[j].is('(')).unwrap_or(end);
    let idx: Vec<usize> = (i..head_end).collect();
    let first = toks.get(i)?;
    let lower_first = first.is_word() && !first.is_capitalized() && !DETERMINERS.contains(&first.lower().as_str());
    // A lower-case opening is a role before a name ("former State policy planning director
    // Anne Kell wrote"), never a description by itself ("campaign officials said").
    let named_head = || idx.last().is_some_and(|&l| name_like(&toks[l]));
    if idx.is_empty() || (lower_first && !named_head()) {
        return None;
    }
    let subject = classify(text, toks, &idx).unwrap_or(Subject::Description);
    let subject = match subject {
        s @ (Subject::Description | Subject::Anonymous) => set_off_name(text, toks, &idx, head_end, end).unwrap_or(s),
        s => s,
    };
    if lower_first && !matches!(subject, Subject::Named { .. }) {
        return None;
    }
    Some(Attribution { subject, cue: cue.lower(), at: first.start, end: cue.end })
}

/// The name set off by commas after a description before the cue: `,” the harbour pilot, Tomas
/// Venn, told reporters` → Tomas Venn, with the description as his role. `head` is the
/// description's tokens, `comma` the comma after it and `end` where the cue (or its fillers)
/// starts; the name must fill the stretch up to the next comma or the cue.
fn set_off_name(text: &str, toks: &[Tok], head: &[usize], comma: usize, end: usize) -> Option<Subject> {
    if comma >= end || !toks[comma].is(',') {
        return None;
    }
    let close = (comma + 1..end).find(|&j| toks[j].is(',')).unwrap_or(end);
    let idx: Vec<usize> = (comma + 1..close).collect();
    let plain = idx.iter().all(|&j| toks[j].is_word() || (toks[j].is('.') && j > 0 && takes_period(&toks[j - 1])));
    if idx.is_empty() || idx.len() > 6 || !plain || !idx.iter().any(|&j| name_like(&toks[j])) {
        return None;
    }
    let Some(Subject::Named { name, role }) = classify(text, toks, &idx) else { return None };
    let described = head.first().zip(head.last()).map(|(&a, &b)| text[toks[a].start..toks[b].end].to_string());
    Some(Subject::Named { name, role: role.or(described) })
}

/// For a participle cue ("Weaver shrugged it off, telling reporters, “…"), the sentence's
/// subject: a name or pronoun among its first tokens (`toks` starts the sentence), not the
/// object of a preposition ("Here in Columbia, Sanders stepped up …, saying").
fn participle_subject(text: &str, toks: &[Tok], cue: usize) -> Option<Attribution> {
    if !toks[cue].lower().ends_with("ing") || cue == 0 {
        return None;
    }
    let (j, subject) = sentence_subject(text, toks, cue)?;
    Some(Attribution { subject, cue: toks[cue].lower(), at: toks[j].start, end: toks[cue].end })
}

/// The subject opening a sentence (`toks` starts it): a name or pronoun among its first eight
/// tokens before `limit`, not the object of a preposition ("Here in Columbia, Sanders …").
fn sentence_subject(text: &str, toks: &[Tok], limit: usize) -> Option<(usize, Subject)> {
    let after_preposition = |j: usize| j > 0 && toks[j - 1].is_word() && lexicon::is_adjunct(&toks[j - 1].lower());
    // A title opens a name ("Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying").
    let titled = |t: &Tok| t.is_capitalized() && lexicon::is_title(&t.lower());
    // "In a Fox interview later that day, Trump went further:": an opening prepositional
    // phrase holds no subject; the search starts after its comma.
    // So does an opening participial clause ("Filling in for Holt at the pier, Venn landed …").
    let participle = |t: &Tok| t.is_capitalized() && t.text.len() > 4 && t.text.ends_with("ing");
    let from = match toks.first() {
        Some(t) if t.is_word() && (lexicon::is_adjunct(&t.lower()) || participle(t)) => {
            toks[..limit].iter().position(|t| t.is(',')).map_or(0, |c| c + 1)
        }
        _ => 0,
    };
    let j = (from..limit.min(from + 8)).find(|&j| {
        let t = &toks[j];
        t.is_word()
            && (name_like(t) || titled(t) || lexicon::is_pronoun(&t.lower()) || compass_subject(toks, j))
            && !after_preposition(j)
    })?;
    let idx = collect_right(toks, j);
    Some((j, classify(text, toks, &idx)?))
}

/// Whether token `j`, a capitalized compass word, stands as a surname ("…, West landed a sharp
/// dig"): opening its clause (first token or after a comma) with a lower-case word after it, so
/// not a place ("the West", "West Virginia", "out West,").
fn compass_subject(toks: &[Tok], j: usize) -> bool {
    let t = &toks[j];
    let opens = j == 0 || toks[j - 1].is(',');
    let verb = toks.get(j + 1).is_some_and(|n| n.is_word() && !n.is_capitalized() && !lexicon::is_opener(&n.lower()));
    t.is_capitalized() && lexicon::is_compass(&t.lower()) && opens && verb
}

/// For a quote that opens inside a sentence with no cue verb ("Moore thanked him for “…”",
/// "When Venn finally wrapped up — “…”"), the sentence's subject: who the sentence is about is
/// the likeliest speaker. Not an attribution (it vouches for no quote), only a resolution hint.
pub(crate) fn opening_subject(text: &str, toks: &[Tok]) -> Option<Attribution> {
    let (j, subject) = sentence_subject(text, toks, toks.len())?;
    let end = toks.last()?.end;
    Some(Attribution { subject, cue: String::new(), at: toks[j].start, end })
}

/// For a sentence that ends with its cue (“… the pier will close, Venn said.”), the subject
/// before that cue when it is a name or a pronoun: a quote opening the next sentence goes on
/// with the same speaker. `toks` ends where the next sentence starts.
pub(crate) fn ending_cue(text: &str, toks: &[Tok]) -> Option<Attribution> {
    let stop = toks.len().checked_sub(1).filter(|&s| toks[s].is('.'))?;
    // Up to a short adjunct after the cue ("Venn said in an interview."), no clause.
    let cue = (stop.saturating_sub(5)..stop)
        .rev()
        .take_while(|&c| toks[c].is_word())
        .find(|&c| lexicon::is_cue(&toks[c].lower()))?;
    before_cue(text, toks, cue).filter(|a| matches!(a.subject, Subject::Named { .. } | Subject::Pronoun))
}

/// For a quote introduced by a colon with no cue verb (`Trump leaned in and boomed: “…`,
/// `Pollsters agree - Carl Bialik: “…`), the name right before the colon, else the sentence's
/// subject. `toks` is the sentence up to the opening mark and must end with the colon.
pub(crate) fn colon_subject(text: &str, toks: &[Tok]) -> Option<Attribution> {
    if let Some(a) = colon_name(text, toks) {
        return Some(a);
    }
    let colon = toks.len().checked_sub(1).filter(|&c| toks[c].is(':'))?;
    let end = toks[colon].end;
    let verb = colon.checked_sub(1).map(|v| &toks[v]).filter(|v| v.is_word() && !v.is_capitalized());
    let cue = verb.map_or_else(|| ":".to_string(), |v| v.lower());
    let (j, subject) = sentence_subject(text, toks, colon)?;
    Some(Attribution { subject, cue, at: toks[j].start, end })
}

/// The name right before a colon with no cue verb (`Pollsters agree - Carl Bialik: “…`, `Pia
/// Holt leaned in and boomed: “…`), not the object of a preposition.
pub(crate) fn colon_name(text: &str, toks: &[Tok]) -> Option<Attribution> {
    let colon = toks.len().checked_sub(1).filter(|&c| toks[c].is(':'))?;
    let end = toks[colon].end;
    // The verb before the colon stands as the cue ("boomed"); after a bare name, the colon.
    let verb = colon.checked_sub(1).map(|v| &toks[v]).filter(|v| v.is_word() && !v.is_capitalized());
    let cue = verb.map_or_else(|| ":".to_string(), |v| v.lower());
    let idx = collect_left(toks, colon);
    // "in an interview with CNN on Tuesday:", "in a post on Twitter:": not the speaker.
    let object = idx
        .first()
        .and_then(|&f| f.checked_sub(1))
        .is_some_and(|p| toks[p].is_word() && lexicon::is_adjunct(&toks[p].lower()));
    let named = classify(text, toks, &idx).filter(|_| !object);
    if let Some(Subject::Named { name, role }) = named {
        let at = toks[*idx.first()?].start;
        return Some(Attribution { subject: Subject::Named { name, role }, cue, at, end });
    }
    None
}

/// The nearest attribution in `toks` (the text before a quote in its sentence), scanning
/// cues from right to left; weak cues ("called") count when `weak` is set.
pub(crate) fn last_in(text: &str, toks: &[Tok], weak: bool) -> Option<Attribution> {
    for c in (0..toks.len()).rev() {
        let t = &toks[c];
        if !t.is_word() {
            continue;
        }
        let lower = t.lower();
        if c > 0 && lower == "to" && according_to(toks, c - 1) {
            if let Some(a) = after_cue(text, toks, c - 1, 2) {
                return Some(a);
            }
        }
        if cue_at(toks, c) || (weak && lexicon::is_weak_cue(&lower)) {
            // "Spicer said, adding, “…": the participle continues the cue before it.
            let chained = c >= 2 && lower.ends_with("ing") && toks[c - 1].is(',') && cue_at(toks, c - 2);
            if chained {
                if let Some(a) = before_cue(text, toks, c - 2) {
                    return Some(a);
                }
            }
            if let Some(a) = before_cue(text, toks, c).or_else(|| participle_subject(text, toks, c)) {
                return Some(a);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn at_start(s: &str) -> Option<Attribution> {
        starting_at(s, &tokenize(s, 0), 0)
    }

    fn named(name: &str, role: Option<&str>) -> Subject {
        Subject::Named { name: name.into(), role: role.map(Into::into) }
    }

    #[test]
    fn named_subjects_split_role_and_name() {
        let a = at_start("Deputy Harbour Minister Ilse Marrow said.").unwrap();
        assert_eq!(a.subject, named("Ilse Marrow", Some("Deputy Harbour Minister")));
        let a = at_start("said retired harbour pilot Tomas Venn of the Port Authority").unwrap();
        assert_eq!(a.subject, named("Tomas Venn", None));
        let a = at_start("said Port Authority spokesman Tomas Venn on Friday").unwrap();
        assert_eq!(a.subject, named("Tomas Venn", Some("Port Authority spokesman")));
        assert_eq!(a.cue, "said");
        let a = at_start("U.S. Secretary of State Dana Quill told reporters").unwrap();
        assert_eq!(a.subject, named("Dana Quill", Some("U.S. Secretary of State")));
        let a = at_start("NATO Secretary-General Pim Holt said").unwrap();
        assert_eq!(a.subject, named("Pim Holt", Some("NATO Secretary-General")));
    }

    #[test]
    fn organizations_pronouns_and_descriptions() {
        assert_eq!(
            at_start("the Harbour Department said in a statement").unwrap().subject,
            named("Harbour Department", None)
        );
        assert_eq!(at_start("she added.").unwrap().subject, Subject::Pronoun);
        assert_eq!(at_start("the spokesman said").unwrap().subject, Subject::Description);
        let s = "Mayor Ola Brim s top aide said.";
        assert_eq!(at_start(s).unwrap().subject, Subject::Description);
        assert_eq!(at_start("Mr. Venn said").unwrap().subject, named("Venn", None));
        assert!(at_start("for the harbour").is_none());
        assert!(at_start("A full day of talks").is_none());
    }

    #[test]
    fn cue_before_quote() {
        let s = "Tomas Venn, a spokesman for the Port Authority, said ";
        let a = last_in(s, &tokenize(s, 0), false).unwrap();
        assert_eq!(a.subject, named("Tomas Venn", None));
        let s = "Hours later, Venn left the pier, telling reporters ";
        assert_eq!(last_in(s, &tokenize(s, 0), false).unwrap().subject, named("Venn", None));
        let s = "Ilse Marrow also said Port Varen ";
        let a = last_in(s, &tokenize(s, 0), false).unwrap();
        assert_eq!(a.subject, named("Ilse Marrow", None));
        let s = "Pia Holt leaned in and boomed:";
        let a = colon_subject(s, &tokenize(s, 0)).unwrap();
        assert_eq!((a.subject, a.cue.as_str()), (named("Pia Holt", None), "boomed"));
        let s = "Harbour talks - Ilse Marrow:";
        assert_eq!(colon_subject(s, &tokenize(s, 0)).unwrap().subject, named("Ilse Marrow", None));
        let s = "The ferry was late, according to spokesman Ilse Marrow";
        let a = last_in(s, &tokenize(s, 0), false).unwrap();
        assert_eq!(a.subject, named("Ilse Marrow", Some("spokesman")));
        assert_eq!(a.cue, "according to");
    }

    #[test]
    fn name_set_off_after_a_description() {
        let a = at_start("said his oldest friend at Varen College, Tomas Venn, who sailed with him").unwrap();
        assert_eq!(a.subject, named("Tomas Venn", Some("his oldest friend at Varen College")));
        let a = at_start("said Holt’s deputy campaign manager, Ilse Marrow.").unwrap();
        assert_eq!(a.subject, named("Ilse Marrow", Some("Holt’s deputy campaign manager")));
        assert_eq!(at_start("said the harbour minister, adding more").unwrap().subject, Subject::Description);
    }

    #[test]
    fn phrasal_and_lead_in_cues() {
        let s = " Ilse Marrow went on, smiling.";
        assert_eq!(at_start(s).unwrap().subject, named("Ilse Marrow", None));
        let s = "Tomas Venn was prompted to say ";
        assert_eq!(last_in(s, &tokenize(s, 0), false).unwrap().subject, named("Tomas Venn", None));
        let s = "The harbour minister went on to say ";
        assert_eq!(last_in(s, &tokenize(s, 0), false).unwrap().subject, Subject::Description);
        let s = "during the hearing, Pia Holt cracked, ";
        assert_eq!(last_in(s, &tokenize(s, 0), false).unwrap().subject, named("Pia Holt", None));
    }
}
