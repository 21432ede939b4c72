//! Careful repair of punctuation damage that scrapers leave: lost apostrophes ("couldn t",
//! "Russia s", "doesnt") and words glued to a capitalized word ("talksMonday").
//!
//! The rule is to never invent content: only forms that have exactly one reading are repaired
//! ("its" and "wont" are words, so they stay), and every edit is reported as a [`Repair`].

use crate::model::Repair;

/// Apostrophe-less contractions that are not English words themselves.
const JOINED: &[(&str, &str)] = &[
    ("dont", "don't"),
    ("doesnt", "doesn't"),
    ("didnt", "didn't"),
    ("isnt", "isn't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("arent", "aren't"),
    ("couldnt", "couldn't"),
    ("wouldnt", "wouldn't"),
    ("shouldnt", "shouldn't"),
    ("hasnt", "hasn't"),
    ("havent", "haven't"),
    ("hadnt", "hadn't"),
    ("mustnt", "mustn't"),
    ("theres", "there's"),
    ("theyre", "they're"),
    ("youre", "you're"),
    ("theyve", "they've"),
    ("weve", "we've"),
    ("youve", "you've"),
    ("theyll", "they'll"),
    ("youll", "you'll"),
    ("thats", "that's"),
    ("whats", "what's"),
    ("lets", "let's"),
];

/// Contraction tails split off by a lost apostrophe ("we re", "couldn t") and the words they may
/// follow. `s` may follow any word ("Russia s" → "Russia's"), which only a possessive explains.
fn split_tail_fits(word: &str, tail: &str) -> bool {
    if !matches!(tail, "s" | "t" | "re" | "ve" | "ll" | "m") {
        return false; // the common case, decided before lower-casing the word
    }
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    match tail {
        "s" => w.chars().all(char::is_alphanumeric) && w.len() > 1,
        "t" => {
            w.ends_with('n')
                && [
                    "don", "doesn", "didn", "isn", "wasn", "weren", "aren", "couldn", "wouldn", "shouldn", "hasn",
                    "haven", "hadn", "won", "can", "ain", "mustn",
                ]
                .contains(&w.as_str())
        }
        "re" => ["we", "you", "they"].contains(&w.as_str()),
        "ve" => ["we", "you", "they", "i", "could", "would", "should"].contains(&w.as_str()),
        "ll" => ["we", "you", "they", "i", "he", "she", "it"].contains(&w.as_str()),
        "m" => w == "i",
        _ => false,
    }
}

/// Repair one paragraph; returns the new text and the edits made.
pub fn repair(paragraph: &str) -> (String, Vec<Repair>) {
    // The words are read in place, the text is written into one string and `lower` is
    // reused: every word of every article passes through here, and almost none needs a repair.
    let mut tokens = paragraph.split(' ').peekable();
    let mut out = String::with_capacity(paragraph.len() + 8);
    let mut lower = String::new();
    let mut repairs = Vec::new();
    let mut first = true;
    while let Some(tok) = tokens.next() {
        if !first {
            out.push(' ');
        }
        first = false;
        if let Some(&next) = tokens.peek() {
            let (core_next, trail) = split_trailing_punct(next);
            if !tok.is_empty()
                && tok.chars().last().is_some_and(char::is_alphanumeric)
                && split_tail_fits(tok, core_next)
            {
                let fixed = format!("{tok}'{core_next}{trail}");
                repairs.push(Repair { from: format!("{tok} {next}"), to: fixed.clone() });
                out.push_str(&fixed);
                tokens.next();
                continue;
            }
        }
        let (core, trail) = split_trailing_punct(tok);
        let joined = if core.is_ascii() {
            // ASCII lower-cases byte for byte, so no copy is needed to compare.
            JOINED.iter().find(|(bad, _)| bad.eq_ignore_ascii_case(core))
        } else {
            lower.clear();
            lower.extend(core.chars().flat_map(char::to_lowercase));
            JOINED.iter().find(|(bad, _)| *bad == lower)
        };
        if let Some((_, fixed)) = joined {
            let fixed = match_case(core, fixed);
            repairs.push(Repair { from: core.to_string(), to: fixed.clone() });
            out.push_str(&fixed);
            out.push_str(trail);
        } else if let Some(split) = unglue(core) {
            repairs.push(Repair { from: core.to_string(), to: split.clone() });
            out.push_str(&split);
            out.push_str(trail);
        } else {
            out.push_str(tok);
        }
    }
    (out, repairs)
}

fn split_trailing_punct(tok: &str) -> (&str, &str) {
    let core_len = tok.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    (&tok[..core_len], &tok[core_len..])
}

fn match_case(original: &str, fixed: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut c = fixed.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
    } else {
        fixed.to_string()
    }
}

/// "talksMonday" → "talks Monday": a lower-case word (3+ letters) glued to a capitalized word
/// (3+ letters). Words that start upper-case ("McDonald", "YouTube") or with one lower-case
/// letter ("iPhone", "eBay") are left alone.
fn unglue(word: &str) -> Option<String> {
    if word.is_ascii() {
        // The same tests on bytes: ASCII letters and cases are the Unicode ones.
        let b = word.as_bytes();
        let plausible = b.first().is_some_and(u8::is_ascii_lowercase)
            && b.iter().all(u8::is_ascii_alphabetic)
            && b.iter().any(u8::is_ascii_uppercase);
        if !plausible {
            return None;
        }
    }
    if !word.chars().all(char::is_alphabetic) || !word.chars().next()?.is_lowercase() {
        return None;
    }
    if !word.chars().any(char::is_uppercase) {
        return None; // nothing glued: most words stop here, before any allocation
    }
    let chars: Vec<char> = word.chars().collect();
    let cut = chars.iter().position(|c| c.is_uppercase())?;
    let tail = &chars[cut..];
    if cut < 3 || tail.len() < 3 || !tail[1..].iter().all(|c| c.is_lowercase()) {
        return None;
    }
    Some(format!("{} {}", chars[..cut].iter().collect::<String>(), tail.iter().collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_only_unambiguous_damage() {
        let (t, r) = repair("It couldn t be easier, Varenholm s mayor said, and theyre sure it doesnt matter.");
        assert_eq!(t, "It couldn't be easier, Varenholm's mayor said, and they're sure it doesn't matter.");
        assert_eq!(r.len(), 4);
        assert_eq!(repair("“There s a way,” she said.").0, "“There's a way,” she said.");
        let (t, r) = repair("Its a wont of his, and its cost rose.");
        assert_eq!(t, "Its a wont of his, and its cost rose.");
        assert!(r.is_empty());
    }

    #[test]
    fn unglues_capitalized_words_only() {
        assert_eq!(
            repair("talks began talksMonday on YouTube with McDonald").0,
            "talks began talks Monday on YouTube with McDonald"
        );
    }
}
