//! End-to-end tests of the claims stage on invented prose about fictional people.

use super::*;
use crate::model::Fact;

fn find<'a>(qs: &'a [Quote], needle: &str) -> &'a Quote {
    qs.iter().find(|q| q.text.contains(needle)).unwrap_or_else(|| panic!("no quote with {needle:?} in {qs:#?}"))
}

fn speaker(qs: &[Quote], needle: &str) -> Option<String> {
    find(qs, needle).speaker.clone()
}

#[test]
fn named_speakers_with_roles() {
    let body = "Deputy Harbour Minister Ilse Marrow said on Monday that the pier was safe.\n\n\
        “We have no intention to close the pier,” Marrow said.\n\n\
        “The cranes are old,” said Port Authority spokesman Tomas Venn.\n\n\
        Pia Holt said: “Ferries will run all winter.”";
    let qs = quotes(body);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    let q = find(&qs, "no intention");
    assert_eq!(q.speaker.as_deref(), Some("Ilse Marrow"));
    assert_eq!(q.role.as_deref(), Some("Deputy Harbour Minister"));
    assert_eq!(q.evidence, SpeakerEvidence::Named);
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert!(q.marked);
    let q = find(&qs, "cranes");
    assert_eq!(q.speaker.as_deref(), Some("Tomas Venn"));
    assert_eq!(q.role.as_deref(), Some("Port Authority spokesman"));
    assert_eq!(speaker(&qs, "Ferries"), Some("Pia Holt".into()));
    assert!(body[q.start..q.end].starts_with(&q.text));
}

#[test]
fn pronouns_and_descriptions_resolve_to_the_last_person() {
    let body = "Harbour Secretary-General Pia Holt met fishermen.\n\n\
        “Nobody told Oskar Brandt about the fees,” she said.\n\n\
        “The fees will stay,” the minister added, as Holt left.\n\n\
        “We will talk again in spring about all of it.”";
    let qs = quotes(body);
    let q = find(&qs, "Nobody told");
    assert_eq!(q.speaker.as_deref(), Some("Pia Holt"), "never a name inside the quote");
    assert_eq!(q.evidence, SpeakerEvidence::Resolved);
    assert_eq!(q.role.as_deref(), Some("Harbour Secretary-General"));
    assert_eq!(speaker(&qs, "fees will stay"), Some("Pia Holt".into()));
    assert_eq!(speaker(&qs, "talk again"), Some("Pia Holt".into()));
}

#[test]
fn possessive_modifiers_do_not_resolve_pronouns() {
    let body = "Tomas Venn spoke first.\n\n\
        “We will need patience,” Mayor Ola Brim’s top aide said.\n\n\
        “Patience is all we have left,” he told radio listeners on Friday.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "need patience"), Some("Tomas Venn".into()));
    assert_eq!(speaker(&qs, "all we have"), Some("Tomas Venn".into()));
}

#[test]
fn split_and_multi_paragraph_quotes() {
    let body = "Ilse Marrow spoke at the pier.\n\n\
        “The ferries are late,” she said, “and nobody knows why.”\n\n\
        “We checked the engines.\n\n\
        “We checked the crews,” said Tomas Venn.";
    let qs = quotes(body);
    assert_eq!(find(&qs, "ferries").text, "The ferries are late, and nobody knows why.");
    // An attribution that ends a sentence splits the speaker's two sentences: the comma before
    // it becomes a full stop in the joined quote.
    let two = quotes("“We came to talk about the ferries,” Marrow said. “We leave having talked about the weather.”");
    assert_eq!(
        find(&two, "ferries").text,
        "We came to talk about the ferries. We leave having talked about the weather."
    );
    let q = find(&qs, "engines");
    assert!(q.text.contains("crews"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Tomas Venn"));
}

#[test]
fn unbalanced_marks() {
    let body = "Ilse Marrow met the crews.\n\n\
        We were firm on the fees for every ship in the port,” Marrow said, adding more.\n\n\
        “We will not forgo the winter service for the islands.\n\n\
        Echoing the crews, Marrow said the service could only end if the islands agreed to it.”\n\n\
        “Unclosed quote that runs to the end of its paragraph\n\n\
        Tomas Venn disagreed with everyone.";
    let qs = quotes(body);
    assert_eq!(find(&qs, "We were firm").text, "We were firm on the fees for every ship in the port");
    assert_eq!(speaker(&qs, "forgo"), Some("Ilse Marrow".into()));
    let q = find(&qs, "could only end");
    assert_eq!(q.text, "the service could only end if the islands agreed to it.");
    assert!(!qs.iter().any(|q| q.text.contains("Echoing")));
    assert!(!qs.iter().any(|q| q.text.contains("disagreed")), "never swallow the next paragraph");
}

#[test]
fn stripped_marks() {
    let body = "Harbour master Oskar Brandt spoke on Monday.\n\n\
        Today was a discussion of each other’s priorities and concerns, he said.\n\n\
        During a visit to Port Varen, Pia Holt said dialogue was the only way out.\n\n\
        At the same time, it’s equally clear that the fees would have grave consequences, she told reporters.\n\n\
        Asked whether the pier would close, she said: The pier stays open for now.";
    let qs = quotes(body);
    let q = find(&qs, "Today was");
    assert!(!q.marked);
    assert_eq!(q.speaker.as_deref(), Some("Oskar Brandt"));
    assert_eq!(q.text, "Today was a discussion of each other’s priorities and concerns");
    assert!(!qs.iter().any(|q| q.text.contains("dialogue")), "indirect speech is not a quote");
    assert_eq!(speaker(&qs, "equally clear"), Some("Pia Holt".into()));
    assert_eq!(find(&qs, "stays open").text, "The pier stays open for now.");
    let qs = quotes("Pia Holt told reporters: The ferries will sail again on Friday.");
    assert_eq!(speaker(&qs, "ferries will sail"), Some("Pia Holt".into()));
    let qs = quotes("Pia Holt told reporters: “The ferries will sail.”\n\n“We are ready,” according to Oskar Brandt.");
    assert_eq!(speaker(&qs, "ferries will sail"), Some("Pia Holt".into()));
    assert_eq!(speaker(&qs, "ready"), Some("Oskar Brandt".into()));
}

#[test]
fn organizations_and_according_to() {
    let body = "“The harbour is safe,” the Harbour Department said in a statement.\n\n\
        The pier will reopen in spring, according to Pia Holt.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "harbour is safe"), Some("Harbour Department".into()));
    assert_eq!(speaker(&qs, "pier will reopen"), Some("Pia Holt".into()));
}

#[test]
fn ascii_and_guillemet_marks() {
    let body = "\"The ships are ready to sail,\" Pia Holt said.\n\n«Nous sommes prêts à partir», said Oskar Brandt.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "ships are ready"), Some("Pia Holt".into()));
    assert_eq!(speaker(&qs, "prêts"), Some("Oskar Brandt".into()));
}

#[test]
fn canonical_names_within_an_article() {
    let body = "Oskar Brandt arrived.\n\n“We are late,” Brandt said.";
    assert_eq!(quotes(body)[0].speaker.as_deref(), Some("Oskar Brandt"));
}

/// A deterministic generator: no dependency, same garbage on every run.
fn garbage(seed: u64, len: usize) -> String {
    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "«",
        "»",
        " ",
        "\n\n",
        "\n",
        ",",
        ".",
        ":",
        " said ",
        " he ",
        "Ilse Marrow",
        " told ",
        "Holt",
        "5-1/2",
        "100,000",
        " hours ",
        "½",
        "a",
        "é",
        "—",
        "$",
        " of ",
        "talks",
        "Monday",
        " according to ",
        "-",
        "/",
        "'s",
        "’s",
    ];
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::new();
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
    }
    out
}

#[test]
fn garbage_never_panics_and_offsets_are_valid() {
    for seed in 0..300 {
        let body = garbage(seed, 2_000);
        for q in quotes(&body) {
            assert!(q.start <= q.end && q.end <= body.len());
            assert!(body.is_char_boundary(q.start) && body.is_char_boundary(q.end));
        }
        for f in facts(&body) {
            assert_eq!(&body[f.start..f.end], f.text);
        }
    }
}

#[test]
fn ten_thousand_marks_are_linear() {
    let body = "“".repeat(10_000) + &"” said Holt ".repeat(5_000) + &"\"".repeat(10_000);
    let started = std::time::Instant::now();
    let _ = quotes(&body);
    let _ = facts(&body);
    let commas = "the ships, he said, ".repeat(20_000);
    let _ = quotes(&commas);
    let many = "“Ships sail,” Ilse Marrow said.\n\n".repeat(5_000);
    let qs = quotes(&many);
    assert_eq!(qs.len(), 5_000);
    // Generous: a quadratic pass over these inputs takes minutes, not seconds.
    assert!(started.elapsed().as_secs() < 20);
}

fn fact<'a>(fs: &'a [Fact], about: &str) -> &'a Fact {
    fs.iter().find(|f| f.about == about).unwrap_or_else(|| panic!("no fact about {about:?} in {fs:#?}"))
}

#[test]
fn facts_with_units_and_hedges() {
    let body = "The harbour council met on Monday.\n\n\
        Officials held roughly 5-1/2 hours of talks with the crews. \
        The port has massed an estimated 100,000 tonnes of grain. \
        More than 13,000 people have died in the floods. \
        The 57-member council approved $4.5 billion for the pier and 40 million euros for cranes; \
        fees rose 12 percent.";
    let fs = facts(body);
    let f = fact(&fs, "hours of talks");
    assert_eq!((f.value, f.hedge.as_deref(), f.day.as_deref()), (5.5, Some("roughly"), Some("monday")));
    assert_eq!(f.text, "roughly 5-1/2 hours of talks");
    let f = fact(&fs, "tonnes of grain");
    assert_eq!((f.value, f.hedge.as_deref()), (100_000.0, Some("an estimated")));
    let f = fact(&fs, "people killed");
    assert_eq!((f.value, f.hedge.as_deref()), (13_000.0, Some("more than")));
    assert_eq!(fact(&fs, "members").value, 57.0);
    assert_eq!(fact(&fs, "dollars").value, 4.5e9);
    assert_eq!(fact(&fs, "euros").value, 4e7);
    assert_eq!(fact(&fs, "percent").value, 12.0);
}

#[test]
fn durations_take_the_meeting_from_context() {
    let body = "The crews met on Sunday.\n\n\
        Holt described her talks with Venn, which lasted a little over two hours, as useful. \
        A full day of talks follows Monday.\n\n\
        After nearly eight hours of negotiations the strike ended. A dozen ships sailed.";
    let fs = facts(body);
    let two = fs.iter().find(|f| f.value == 2.0).unwrap();
    assert_eq!(
        (two.about.as_str(), two.hedge.as_deref(), two.day.as_deref()),
        ("hours of talks", Some("a little over"), Some("sunday"))
    );
    let eight = fs.iter().find(|f| f.value == 8.0).unwrap();
    assert_eq!((eight.about.as_str(), eight.hedge.as_deref()), ("hours of talks", Some("nearly")));
    assert_eq!(fact(&fs, "ships").value, 12.0);
}

#[test]
fn non_quantities_are_skipped() {
    let body = "In 2014 the pier opened on June 5 at 10:30 a.m. and the 1997 borders held. \
        Page 7 lists the Nord Stream 2 pipeline, the 10th ship and a 45-year-old captain. \
        Tens of thousands of visitors came; the two towns agreed.";
    let fs = facts(body);
    assert!(fs.is_empty(), "{fs:#?}");
}

#[test]
fn day_is_none_without_any_weekday() {
    let fs = facts("There was no deal after nearly eight hours of discussions.");
    assert_eq!(fs[0].day, None);
    assert_eq!(fs[0].about, "hours of talks");
}

#[test]
fn coordinated_cues_take_the_clause_subject() {
    let body = "However, Oskar Brandt made no promise and said the ferries “would keep running all winter”.\n\n\
        Pia Holt met Brandt in Port Varen and agreed on “regular” talks.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "keep running"), Some("Oskar Brandt".into()));
    assert!(!qs.iter().any(|q| q.text == "regular"), "{qs:#?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any text: no panic, offsets on char boundaries, quotes in order and inside the body.
    #[test]
    fn any_text_is_safe(body in "[“”\"«»‘’ a-zA-Z0-9,.:;$%½\\-/\n]{0,400}") {
        let qs = quotes(&body);
        for q in &qs {
            proptest::prop_assert!(q.start <= q.end && q.end <= body.len());
            proptest::prop_assert!(body.is_char_boundary(q.start) && body.is_char_boundary(q.end));
        }
        for f in facts(&body) {
            proptest::prop_assert_eq!(&body[f.start..f.end], f.text.as_str());
            proptest::prop_assert!(f.value.is_finite());
        }
    }
}

#[test]
fn middle_initials_and_long_appositions_keep_the_name() {
    let body = "The harbour tax stays.\n\n''We were not happy at first,'' said Jock A. Finlayson, head of \
        policy at the Port Council. Now, ''it works well for all of us here.''\n\n''The ferries were late \
        again,'' said Mark S. Mellman, a pilot.\n\n''The pier held,'' Mr. Daniloff, now 81 and retired in \
        Varen, Mass., said by telephone. ''I liked it.''\n\n''Ask again,'' Ilse Marrow shot back.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "not happy"), Some("Jock A Finlayson".into()));
    assert_eq!(speaker(&qs, "works well"), Some("Jock A Finlayson".into()));
    assert_eq!(speaker(&qs, "ferries"), Some("Mark S Mellman".into()));
    assert_eq!(speaker(&qs, "pier held"), Some("Daniloff".into()));
    assert_eq!(speaker(&qs, "Ask again"), Some("Ilse Marrow".into()));
}

#[test]
fn a_show_title_before_a_long_source_is_no_quote() {
    let body = "In an interview on CBS’s “Face the Nation,” House Speaker Ola Brim (R-Wis.) said the \
        recent protests demand more listening.\n\n“The pier held,” Rep. Tomas Venn (D-Wash.) said.";
    let qs = quotes(body);
    assert!(qs.iter().all(|q| !q.text.contains("Face the Nation")));
    assert_eq!(speaker(&qs, "pier held"), Some("Tomas Venn".into()));
}

#[test]
fn names_in_an_opening_subordinate_clause_are_not_the_subject() {
    let body = "“The fees are fair,” Ilse Marrow told reporters.\n\n\
        Asked about her vote in the event that Pia Holt runs, she replied: “I do not know yet.”";
    assert_eq!(speaker(&quotes(body), "do not know"), Some("Ilse Marrow".into()));
}

#[test]
fn a_speaker_named_between_two_quote_parts_is_a_mention() {
    // Issue 6: the cue between “A,” and “B.” lies inside the quote's stretch, but the name in it
    // is the story's latest speaker; only the quoted words hide names.
    let body = "Mayor Tomas Venn opened the new pier on Monday.\n\n\
        “The ferries are late,” Ilse Marrow told reporters. “Nobody knows why.”\n\n\
        “We will fix the timetable by spring,” she added.\n\n\
        “Ask Oskar Brandt about the cranes,” she said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "fix the timetable"), Some("Ilse Marrow".into()));
    assert_eq!(speaker(&qs, "Ask Oskar"), Some("Ilse Marrow".into()), "never a name inside a quote");
}

#[test]
fn names_after_a_pronoun_subject_are_not_the_subject() {
    // Issue 6: in "She watched the Venn-Brandt race", she is the subject; the names after her
    // must not take over the salience that a later "she said" resolves by.
    let body = "Rowing great Ilse Marrow remembered the old harbour on Sunday.\n\n\
        She watched the Tomas Venn-Oskar Brandt race there in 1988.\n\n\
        “He always waved at me from the boat,” she said.";
    assert_eq!(speaker(&quotes(body), "always waved"), Some("Ilse Marrow".into()));
    // Without a pronoun first, the first name is still the subject.
    let body = "Rowing great Ilse Marrow remembered the old harbour on Sunday.\n\n\
        Tomas Venn watched the race there in 1988 with Ilse Marrow.\n\n\
        “Nobody rowed faster than her,” he said.";
    assert_eq!(speaker(&quotes(body), "Nobody rowed"), Some("Tomas Venn".into()));
}

#[test]
fn an_abbreviation_in_parentheses_does_not_end_the_sentence() {
    // "(D-Va.)" closes a state's abbreviation, not the sentence: Venn stays its subject.
    let body = "Former Rep. Tomas Venn (D-Va.) backed Oskar Brandt while the vote lasted.\n\n\
        “Brandt lost me a long time ago,” he said.";
    assert_eq!(speaker(&quotes(body), "lost me"), Some("Tomas Venn".into()));
}

#[test]
fn plural_possessives_in_an_apposition() {
    let body = "“The fees will stay,” Tomas Venn, Oskar Brandes’ campaign manager, said in a statement.";
    assert_eq!(speaker(&quotes(body), "fees will stay"), Some("Tomas Venn".into()));
}

#[test]
fn loose_sources_after_the_closing_mark() {
    // Issue 6: roles before the name, possessives, abbreviations and symbols in an apposition.
    let qs = quotes("“The cranes must go,” said Brandt’s top harbour aide Ilse Marrow.");
    assert_eq!(speaker(&qs, "cranes"), Some("Ilse Marrow".into()));
    let qs = quotes("“I was never prouder of the crews,” former Port Varen ferry director Ilse Marrow wrote to Venn.");
    assert_eq!(speaker(&qs, "prouder"), Some("Ilse Marrow".into()));
    let qs = quotes("“The vote will wait,” Harbour Leader Tomas Venn, R-Va., said on Friday.");
    assert_eq!(speaker(&qs, "vote will wait"), Some("Tomas Venn".into()));
    let qs = quotes("“Fees will rise,” Oskar Brandt, an analyst at Venn Research & Trading, wrote in a note.");
    assert_eq!(speaker(&qs, "Fees will rise"), Some("Oskar Brandt".into()));
    let qs = quotes("Pia Holt spoke first. “The pier is ours.” But, Mr. Venn said, “the pier is for everyone.”");
    assert_eq!(speaker(&qs, "for everyone"), Some("Venn".into()));
    // A lower-case opening without a name is no source of its own.
    let qs = quotes("Pia Holt spoke first.\n\n“The pier is closed for the winter,” harbour officials said.");
    assert_ne!(find(&qs, "pier is closed").evidence, SpeakerEvidence::Named);
}

#[test]
fn pronouns_never_take_the_other_gender() {
    // Issue 6: "he" past every man named falls back on a man named in a possessive, never on
    // the woman named last.
    let body = "Bill Venn’s coat was older than ever on Monday.\n\n\
        He praised Susan Marrow at the pier.\n\n\
        “She built this harbour,” he told them.";
    assert_eq!(speaker(&quotes(body), "built this"), Some("Bill Venn".into()));
    let body = "Susan Marrow spoke at the pier.\n\n“We will see about the cranes,” he said.";
    assert_eq!(speaker(&quotes(body), "We will see"), None);
}

#[test]
fn a_place_after_of_is_an_affiliation_not_the_name() {
    // Issue 6: "Rep. Tomas Venn of Port Varen" names Venn, who then stands for "he".
    let body = "Pia Holt praised the deal on Monday.\n\n\
        Harbour Rep. Tomas Venn of Port Varen, a Holt ally, said it would help both sides.\n\n\
        “I don’t think it’s do or die,” he said.";
    assert_eq!(speaker(&quotes(body), "do or die"), Some("Tomas Venn".into()));
}

#[test]
fn a_quote_without_a_cue_takes_its_sentence_subject() {
    // Issue 6: no cue verb, but the sentence the quote opens in is about its speaker.
    let body = "“The pier is safe,” said Tomas Venn.\n\n\
        Ilse Marrow thanked the crews for “standing up when the council would not.”";
    assert_eq!(speaker(&quotes(body), "standing up"), Some("Ilse Marrow".into()));
    // A participle opening the sentence is nobody: the quote goes to the last speaker.
    let body = "“The pier is safe,” said Tomas Venn.\n\n\
        Smiling broadly, the crowd cheered as the band played “There is no place like the harbour at all.”";
    assert_eq!(speaker(&quotes(body), "no place like"), Some("Tomas Venn".into()));
    // A quote that opens its own sentence keeps continuing the speaker before it.
    let body = "“The pier is safe,” said Tomas Venn. Ilse Marrow nodded.\n\n“And it will stay open all winter long.”";
    assert_eq!(speaker(&quotes(body), "stay open"), Some("Tomas Venn".into()));
}

#[test]
fn clergy_titles_are_titles() {
    let qs = quotes("“We pray for the crews,” said Rev. Tomas Venn, pastor of the harbour church.");
    assert_eq!(speaker(&qs, "pray for"), Some("Tomas Venn".into()));
}

#[test]
fn a_named_speaker_outranks_the_first_name_of_its_sentence() {
    // Issue 6: "Holt, Venn said, has built …": Venn speaks, and "he said" continues him.
    let body = "Tomas Venn has watched the harbour for years.\n\n\
        Pia Holt, Venn said, has built a strange new harbour.\n\n\
        “So afterwards, the crews feel fine,” he said.";
    assert_eq!(speaker(&quotes(body), "crews feel fine"), Some("Tomas Venn".into()));
}

#[test]
fn an_opening_prepositional_phrase_holds_no_subject() {
    let body = "Tomas Venn spoke to the crews.\n\n\
        In a Harbour Radio interview later that day, Ilse Marrow went further: “The pier must close.”";
    assert_eq!(speaker(&quotes(body), "must close"), Some("Ilse Marrow".into()));
    let body = "PORT VAREN, Dec. 7 — Ilse Marrow’s deputy rallied the crews, saying: “We have to be ready.”";
    assert_ne!(speaker(&quotes(body), "ready"), Some("Dec".into()));
}

#[test]
fn an_unattributed_quote_continues_the_speaker_across_one_narrative_paragraph() {
    let body = "Mayor Pia Holt opened the pier.\n\n“The ferries will run,” said Tomas Venn.\n\n\
        Pia Holt closed the pier twice last winter after storms.\n\n\
        “And this time we have the money to keep it open.”";
    assert_eq!(speaker(&quotes(body), "this time"), Some("Tomas Venn".into()));
}

#[test]
fn a_pronoun_goes_on_with_the_last_speaker_when_no_one_new_is_named() {
    // Issue 6: the subject of an earlier sentence yields to the speaker just quoted.
    let body = "Tomas Venn sold the ferry to Ilse Marrow, the harbour minister, on Monday.\n\n\
        “We stay open,” the harbour master said.\n\n“It will pass,” she added.";
    assert_eq!(speaker(&quotes(body), "will pass"), Some("Ilse Marrow".into()));
    let body = "“We stay open,” the harbour master Ilse Marrow said. \
        Tomas Venn, the deputy, sails the night ferry.\n\n“It will pass,” he said.";
    assert_eq!(speaker(&quotes(body), "will pass"), Some("Tomas Venn".into()));
}

#[test]
fn a_name_set_off_after_a_description_is_the_speaker() {
    let body = "Oskar Brandt said the fees rose.\n\n\
        “The pier was hit,” the harbour pilot, Tomas Venn, told the paper on Monday. “We might lose it.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "pier was hit"), Some("Tomas Venn".into()));
    assert_eq!(find(&qs, "pier was hit").role.as_deref(), Some("the harbour pilot"));
}

#[test]
fn manner_of_speaking_verbs_are_cues() {
    let body = "Oskar Brandt said the fees rose.\n\n“The pier is safe,” Tomas Venn fumed on Tuesday.";
    assert_eq!(speaker(&quotes(body), "pier is safe"), Some("Tomas Venn".into()));
}

#[test]
fn places_and_states_are_no_one() {
    let body = "Tomas Venn met the crews on Monday.\n\nSan Lorenzo was quiet. “The pier is closed,” he said.\n\n\
        Nevada turned out. “We sail at dawn,” he added.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "pier is closed"), Some("Tomas Venn".into()));
    assert_eq!(speaker(&qs, "sail at dawn"), Some("Tomas Venn".into()));
}

#[test]
fn a_name_set_off_after_a_description_before_the_cue() {
    let body = "Oskar Brandt spoke first.\n\n\
        In a letter to the Varen Herald, her senior harbour adviser, Tomas Venn, said: “The pier stays shut.”";
    assert_eq!(speaker(&quotes(body), "pier stays shut"), Some("Tomas Venn".into()));
}

#[test]
fn unnamed_speakers_stay_unnamed() {
    let body = "Harbour master Tomas Venn spoke first on the pier.\n\n\
        “The drop is all about the fees,” said a person close to the Venns. “They know it.”\n\n\
        “It is his to lose,” added another Varen Democrat.\n\n\
        In a statement, a Harbour Department official said, “We do not comment on fees.”\n\n\
        “Call the roll now,” one party activist shouted.\n\n\
        “Close the pier for good,” the man shouted from the crowd.\n\n\
        Another harbour source speaking to Radio Varen said, “The cranes are sold.”\n\n\
        “She is also a mother of three young boys,” another friend, Pia Holt, told Radio Varen.";
    let qs = quotes(body);
    for needle in
        ["all about the fees", "his to lose", "do not comment", "Call the roll", "Close the pier", "cranes are"]
    {
        let q = find(&qs, needle);
        assert_eq!(q.speaker, None, "{needle}: {q:#?}");
        assert_eq!(q.evidence, SpeakerEvidence::None);
    }
    assert!(find(&qs, "all about the fees").text.contains("They know it"), "{qs:#?}");
    assert_eq!(speaker(&qs, "mother of three"), Some("Pia Holt".into()), "a name set off after the description");
}

#[test]
fn an_unnamed_speaker_goes_on_until_someone_is_named() {
    let body = "Tomas Venn runs the harbour.\n\n\
        “The fees are too high,” said one ferry captain. “Nobody can pay them.”\n\n\
        “We will stop in March.”\n\n\
        Pia Holt, the mayor, disagreed.\n\n\
        “The fees stay where they are.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "stop in March"), None, "{qs:#?}");
    assert_eq!(speaker(&qs, "fees stay"), Some("Pia Holt".into()), "{qs:#?}");
}

#[test]
fn a_weekday_is_no_speaker_and_a_title_no_half_quote() {
    let body = "Tomas Venn met the crews.\n\n\
        On Radio Varen’s “Good Morning Harbour” Tuesday, he said, “I never said I was going to pay for fees.”";
    let qs = quotes(body);
    let q = find(&qs, "never said");
    assert_eq!(q.speaker.as_deref(), Some("Tomas Venn"), "{qs:#?}");
    assert!(!q.text.contains("Good Morning"), "the title is not the quote's first half: {qs:#?}");
}

#[test]
fn names_that_are_words_and_written_cues() {
    let body = "Oskar Brandt studies ferries.\n\n\
        “It is a pretty expensive business model,” said Will Doyle, a professor at Varen University.\n\n\
        As the harbour columnist Ilse Marrow had written a few years earlier, “We just couldn’t have a pier here.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "business model"), Some("Will Doyle".into()), "{qs:#?}");
    assert_eq!(speaker(&qs, "have a pier"), Some("Ilse Marrow".into()), "{qs:#?}");
}

#[test]
fn a_pronoun_aside_after_the_mark_is_not_the_quotes_attribution() {
    let body = "Tomas Venn runs the ferries. Pia Holt sails them.\n\n\
        The fees were always too high, Venn said. But, as Holt said, “At some point you stop paying for a broken pier.” So any new fee for Mr. Venn, she said, would be refused.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "broken pier"), Some("Pia Holt".into()), "{qs:#?}");
}

#[test]
fn two_named_cues_in_a_row_are_two_quotes() {
    let body = "The harbour board met on Monday.\n\n\
        “The fees must go,” said Sen. Pia Holt. “The pier needs a new owner,” added Rep. Tomas Lee Venn.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "fees must go"), Some("Pia Holt".into()), "{qs:#?}");
    assert_eq!(speaker(&qs, "new owner"), Some("Tomas Lee Venn".into()), "{qs:#?}");
    let body = "“The fees must go,” Pia Holt said. “Nobody pays them,” she added.";
    assert_eq!(quotes(body).len(), 1);
}

#[test]
fn a_cue_ending_in_a_colon_introduces_the_next_quote() {
    let body = "Two ferry captains spoke at the pier.\n\n\
        “We are sailors,” Ms. Holt said. “We are not smugglers.” Mr. Venn said: “The fees are the work of the board. We are leaving.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "not smugglers"), Some("Holt".into()), "{qs:#?}");
    assert_eq!(speaker(&qs, "work of the board"), Some("Venn".into()), "{qs:#?}");
}

#[test]
fn a_surname_that_is_a_function_word() {
    let body = "The harbour board met on Monday.\n\n\
        “We lost the vote three times,” said Ilse From, who founded the ferry union. “The pier is next,” said Tomas Still.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "lost the vote"), Some("Ilse From".into()), "{qs:#?}");
    assert_eq!(speaker(&qs, "pier is next"), Some("Tomas Still".into()), "{qs:#?}");
}

#[test]
fn the_one_asked_is_not_the_asker() {
    let body = "Tomas Venn ran the harbour for ten years.\n\n\
        On Radio Varen, Venn was asked by host Pia Holt, who backs him, “Why did the pier close?”\n\n\
        Later, Venn was asked, “Will you sail again?”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "pier close"), Some("Pia Holt".into()), "{qs:#?}");
    assert_eq!(speaker(&qs, "sail again"), None, "{qs:#?}");
}

#[test]
fn a_lower_case_indefinite_before_the_cue_is_no_one_in_particular() {
    let body = "Tomas Venn closed the pier in March.\n\n\
        One post said: “The harbour is dead and nobody cares.”\n\n\
        As one deckhand told Radio Varen, “We were never paid for the last season.”\n\n\
        When Venn said the fees would stay, a man yelled “Go home!”";
    let qs = quotes(body);
    for needle in ["harbour is dead", "never paid", "Go home"] {
        assert_eq!(speaker(&qs, needle), None, "{needle}: {qs:#?}");
    }
}

#[test]
fn a_name_set_off_after_a_description_may_carry_an_affiliation() {
    let body = "The ferry fees went up again.\n\n\
        “Nobody will sail at these prices,” said another veteran harbour pilot, Tomas R. Venn of the Varen Pilots Guild.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "Nobody will sail"), Some("Tomas R. Venn".into()), "{qs:#?}");
}

#[test]
fn a_titled_surname_is_a_person_to_resolve_to() {
    let body = "In 2011, the port freed ten crews for Capt. Tomas Venn, who had been held for five years.\n\n\
        Mr. Brandt made clear on Sunday that meeting the families has an impact. “I have seen their anguish,” he said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "anguish"), Some("Brandt".into()), "{qs:#?}");
}

#[test]
fn a_titled_mention_keeps_its_own_gender() {
    let body = "Mr. Venn ran the harbour for a decade. His wife sailed.\n\n\
        “Everyone felt my pain,” Mrs. Venn wrote. She continued: “Nobody asked why I did not speak.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "did not speak"), Some("Venn".into()), "{qs:#?}");
    assert_eq!(find(&qs, "did not speak").evidence, SpeakerEvidence::Resolved, "{qs:#?}");
}

#[test]
fn a_pronoun_after_a_capitalized_opener_is_the_subject() {
    let body = "Mr. Brandt said there was nothing wrong with Mr. Venn’s plan for the pier. \
        But he suggested that Mr. Venn had his eyes on the voters at home. “They are under pressure,” he said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "under pressure"), Some("Brandt".into()), "{qs:#?}");
}

#[test]
fn present_tense_cues() {
    let body = "Pia Holt sold the ferry last spring.\n\n\
        And Mr. Venn vows not to take the new owner's calls. “They will call me within a day,” he promises.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "call me within"), Some("Venn".into()), "{qs:#?}");
    assert_eq!(find(&qs, "call me within").cue.as_deref(), Some("promises"), "{qs:#?}");
}

#[test]
fn a_lone_surname_known_by_its_title_is_a_person() {
    let body = "Mayor Venn opened the new pier on Monday.\n\n\
        “The pier will pay for itself,” said Pia Holt.\n\n\
        And Venn, for all the money he raised, seems to agree. “We will see,” he said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "We will see"), Some("Venn".into()), "{qs:#?}");
}

#[test]
fn a_scare_quote_does_not_cut_the_subject_off_its_participle() {
    let body = "“The fees stay where they are,” said Pia Holt.\n\n\
        Tomas Venn needled the harbour “expert,” saying, “An expert who sails only on request!”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "sails only on request"), Some("Tomas Venn".into()), "{qs:#?}");
}

#[test]
fn a_new_sentence_reporting_speech_after_the_mark_is_not_the_quotes_attribution() {
    let body = "Pia Holt said the fees had been fair, to which Tomas Venn interjected: “It is just not true.” He said Holt would never cut them.\n\n\
        “How are you today?” Ilse Marrow said pleasantly into the phone.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "just not true"), Some("Tomas Venn".into()), "{qs:#?}");
    assert_eq!(speaker(&qs, "How are you"), Some("Ilse Marrow".into()), "{qs:#?}");
}

#[test]
fn an_opening_participial_clause_holds_no_subject() {
    let body = "Ilse Marrow chairs the harbour board.\n\n\
        Regarding the letters between Tomas Venn and Pia Holt, the board wrote in a statement: “Neither letter involves the chair or the work of the harbour.”";
    let qs = quotes(body);
    // The subject is "the board", a description resolved like any other, not a name inside
    // the opening clause.
    assert_eq!(find(&qs, "Neither letter").evidence, SpeakerEvidence::Resolved, "{qs:#?}");
}

#[test]
fn a_colon_after_an_earlier_quote_in_the_sentence_takes_no_subject_from_its_tail() {
    let body = "“It shows a lack of character,” the harbour master said. \
        Tomas Venn said both Holt and Marrow are “strangers to the pier,” but he gave the Varener a compliment: “You never have to guess where she stands.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "never have to guess"), Some("Tomas Venn".into()), "{qs:#?}");
}

#[test]
fn a_pronoun_subject_is_not_the_start_of_a_lower_case_lead() {
    let body = "Ilse Marrow met the crews on Monday.\n\n\
        On Friday, she joined other Varen captains in mocking the plan, saying on the radio: “The new pier is a joke.”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "new pier is a joke"), Some("Ilse Marrow".into()), "{qs:#?}");
}

#[test]
fn a_hyphenated_compound_with_a_place_or_organization_word_is_no_name() {
    let body = "Pia Holt runs the ferry.\n\n\
        The Varen Sun-Times printed the new fees on Monday. “They are far too high,” she said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "far too high"), Some("Pia Holt".into()), "{qs:#?}");
}

#[test]
fn a_compass_word_after_a_first_name_is_a_surname() {
    let body = "The writer Ilse North spoke at the pier on Monday.\n\n\
        Filling in for Venn at the same meeting, North landed a sharp dig at “my dear friend the harbour master.”\n\n\
        Trade with the West was not mentioned.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "my dear friend"), Some("Ilse North".into()), "{qs:#?}");
}

#[test]
fn a_religious_or_ethnic_group_is_no_person() {
    let body = "Pia Holt toured the harbour.\n\n\
        The Varen Catholics gathered on the pier on Monday. “We want a new chapel by the water,” she said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "new chapel"), Some("Pia Holt".into()), "{qs:#?}");
}

#[test]
fn a_month_word_before_a_surname_is_a_first_name() {
    let body = "“We will wait and see,” said Pia Marrow.\n\n\
        Former Varen governor Jan Holt, an early backer of the pier, calls the fees “a scandal” for sailors. \
        “That will matter to every crew on the coast,” she said.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "every crew"), Some("Jan Holt".into()), "{qs:#?}");
}

#[test]
fn a_first_name_that_is_also_a_faith_word_stays_a_name() {
    let body = "“The fees stay,” said Christian Lund, the harbour master.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "fees stay"), Some("Christian Lund".into()), "{qs:#?}");
}

#[test]
fn a_credit_after_a_dash_names_the_speaker() {
    let body = "Readers wrote to us about the strike.\n\n\
        “The docks were my whole life. Now they are a car park.” ― Ilse Marrow\n\
        “Nobody asked the crane drivers what they wanted.”― Tomas Venn, a crane driver.\n\
        \"We will rebuild the pier before the winter storms.\" -- Pia Holt";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "whole life"), Some("Ilse Marrow".into()));
    assert_eq!(find(&qs, "whole life").evidence, SpeakerEvidence::Named);
    assert_eq!(speaker(&qs, "crane drivers"), Some("Tomas Venn".into()));
    assert_eq!(speaker(&qs, "rebuild the pier"), Some("Pia Holt".into()));
}

#[test]
fn a_dash_that_opens_an_aside_credits_no_one() {
    let body = "Oskar Brandt spoke at the quay on Monday.\n\n\
        He called the plan “a harbour for yachts, not for workers” — Tomas Venn’s phrase from the spring.\n\n\
        Several owners, among them Ilse Marrow -- “We pay the fees and get nothing back for them” -- and Pia Holt, wrote to the mayor.";
    let qs = quotes(body);
    assert_ne!(speaker(&qs, "harbour for yachts"), Some("Tomas Venn".into()));
    assert_ne!(speaker(&qs, "pay the fees"), Some("Pia Holt".into()));
}

#[test]
fn a_closing_mark_typed_as_the_opening_one() {
    let body = "”The pier will stay shut until spring. Nobody can promise more.” ― Ilse Marrow";
    let qs = quotes(body);
    let q = find(&qs, "pier will stay shut");
    assert_eq!(q.speaker.as_deref(), Some("Ilse Marrow"));
    assert!(q.text.ends_with("promise more."), "{q:?}");
}

#[test]
fn a_double_quote_nested_in_a_double_quote() {
    let body = "“He calls our harbour “a lost cause” and then asks for our votes,” said Tomas Venn.";
    let qs = quotes(body);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(qs[0].text.contains("asks for our votes"), "{qs:#?}");
    assert_eq!(qs[0].speaker.as_deref(), Some("Tomas Venn"));
}

#[test]
fn a_document_speaks_for_the_name_before_it() {
    let body = "Harbour economist Pia Holt presented the figures.\n\n\
        “Traffic through the port fell by a third in the quarter,” the Varen Port Authority report stated.\n\n\
        “The fall was expected,” the Varen Post reported.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "fell by a third"), Some("Varen Port Authority".into()));
    assert_ne!(speaker(&qs, "was expected"), Some("Varen".into()));
}

#[test]
fn an_abbreviated_delegate_title() {
    let body = "“This hearing is a waste of everyone's time,” said Del. Ilse Marrow of the Varen Islands.";
    assert_eq!(speaker(&quotes(body), "waste of"), Some("Ilse Marrow".into()));
}

#[test]
fn a_sentence_opening_preposition_and_a_state_abbreviation_keep_the_subject() {
    // "On The Morning Harbour Show" is where, not who; "Varen, Okla., police officer" does not
    // end the sentence at "Okla.", so Pia Brandt stays its object.
    let body = "Port Governor Ilse Marrow described Harbour Minister Anna Holt as a “disgrace” after she attacked the dock police.\n\n\
        On The Morning Harbour Show on Tuesday, Holt criticized Varen, Okla., police officer Pia Brandt for shooting and killing Tomas Venn, a 40-year-old docker.\n\n\
        “How many times do we have to see this in our port? I mean, this is just unbearable,” she said.";
    assert_eq!(speaker(&quotes(body), "How many"), Some("Anna Holt".into()));
}

#[test]
fn a_name_used_as_a_modifier_is_not_whom_a_pronoun_stands_for() {
    let body = "“The port is in panic mode,” said Ilse Marrow, who chairs the dockers' union.\n\n\
        The Anna Holt campaign took the dockers for granted, Marrow believes.\n\n\
        “They thought a few speeches would do it. It is not enough,” she said.";
    assert_eq!(speaker(&quotes(body), "few speeches"), Some("Ilse Marrow".into()));
}

#[test]
fn an_adverb_between_the_subject_and_the_cue() {
    let body = "The harbour is the town's lifeline, said Tomas Venn, who heads the port institute.\n\n\
        Lamenting their luck, Mexicans often say, ''Poor Varen, so far from the sea and so close to the mountains.''\n\n\
        “The docks will close,” Anna Holt privately told friends.";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "Poor Varen"), Some("Mexicans".into()));
    assert_eq!(speaker(&qs, "docks will close"), Some("Anna Holt".into()));
}

#[test]
fn a_music_service_is_no_person() {
    let body = "In a preview clip of Ilse Marrow’s upcoming Apple Music show, Marrow sings an old harbour song to Anna Holt.\n\n\
        “Keep your lanterns lit,” Marrow sings to Holt before asking her, “Where do the boats go from here?”";
    let qs = quotes(body);
    assert_eq!(speaker(&qs, "Where do the boats"), Some("Ilse Marrow".into()));
}
