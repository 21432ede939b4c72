//! The language of an article: the page's declared language when the text bears it out,
//! else whatlang's detection.
//!
//! whatlang scores a text's trigrams against some forty Latin-script profiles, about a
//! million instructions a page whatever its length: the largest single cost of extraction.
//! Most pages say what language they are in (`<html lang>`, `og:locale`, JSON-LD), but about
//! one in thirty says it wrongly (an English template around German text: 36 of 1,169 pages
//! of the extraction sets). So a declaration is only taken when the text's own function words
//! confirm it: at least a fifth of the sample's words are common function words of the
//! declared language, and of the words that tell it apart from any other language listed here
//! (close relatives too, which are never taken on declaration alone: Catalan against Spanish,
//! Afrikaans against Dutch), its own outnumber the other's two to one. Everything else, and every language not listed, goes to whatlang.
//! Hand-written because no crate checks a declared language; the lists are the commonest
//! words of each language, not learned from our evaluation sets.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How many characters of the body decide the language.
const SAMPLE_CHARS: usize = 1000;
/// A declaration is checked only on at least this many words.
const MIN_WORDS: usize = 40;

/// Commonest function words: languages taken on declaration, then rivals that are never taken
/// but can veto a neighbour.
const FUNCTION_WORDS: &[(&str, bool, &[&str])] = &[
    (
        "en",
        true,
        &[
            "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on", "was", "with", "as", "at", "by",
            "be", "this", "are", "from", "have", "has", "not", "an", "or", "but", "his", "her", "he", "she", "they",
            "we", "you", "their", "which", "were", "will", "said", "been", "its", "had", "who", "would", "than",
            "also",
        ],
    ),
    (
        "de",
        true,
        &[
            "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im",
            "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie",
            "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "zum", "war", "haben",
            "nur", "oder", "aber", "vor", "zur", "bis", "durch", "wurde", "ich", "wir",
        ],
    ),
    (
        "fr",
        true,
        &[
            "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui", "dans", "il",
            "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "sont", "avec", "aux", "son", "ou", "mais", "nous",
            "vous", "elle", "ont", "été", "cette", "leur", "sa", "ses", "lui", "ces",
        ],
    ),
    (
        "es",
        true,
        &[
            "de", "la", "que", "el", "en", "y", "a", "los", "se", "del", "las", "un", "por", "con", "no", "una", "su",
            "para", "es", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "fue", "este", "ha", "porque", "esta",
            "son", "entre", "cuando", "muy", "sin", "sobre", "también", "hasta", "hay", "donde", "desde",
        ],
    ),
    (
        "it",
        true,
        &[
            "di", "e", "il", "la", "che", "è", "per", "un", "in", "del", "non", "una", "a", "le", "i", "della", "si",
            "da", "con", "sono", "al", "ha", "dei", "come", "lo", "gli", "più", "nel", "ma", "anche", "alla", "delle",
            "degli", "questo", "nella",
        ],
    ),
    (
        "pt",
        true,
        &[
            "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no", "se",
            "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu", "sua", "ou",
            "ser", "quando", "muito", "já", "está", "também", "pelo", "pela",
        ],
    ),
    (
        "nl",
        true,
        &[
            "de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "voor", "met", "die", "niet",
            "aan", "er", "om", "ook", "als", "bij", "of", "door", "naar", "maar", "wordt", "dan", "nog", "wel",
            "heeft", "over", "uit", "worden", "tot", "hij", "ze",
        ],
    ),
    (
        "ca",
        false,
        &[
            "de", "la", "el", "i", "que", "a", "les", "en", "per", "del", "un", "una", "amb", "els", "no", "es", "és",
            "va", "al", "com", "més", "dels", "però", "ha", "són", "aquest", "hi", "ser", "també", "seva",
        ],
    ),
    (
        "gl",
        false,
        &[
            "de", "a", "o", "que", "e", "do", "da", "en", "un", "para", "é", "con", "non", "unha", "os", "no", "se",
            "na", "por", "máis", "as", "dos", "como", "pero", "foi", "ao", "das", "ten", "á", "seu", "súa",
        ],
    ),
    (
        "af",
        false,
        &[
            "die", "van", "en", "in", "is", "het", "nie", "te", "dat", "op", "vir", "met", "wat", "sy", "word", "hy",
            "aan", "ons", "sal", "was", "om", "as", "ook", "deur", "jy", "ek", "hulle",
        ],
    ),
];

/// Word → bit set of the languages (indexes into [`FUNCTION_WORDS`]) it is a function word of.
static WORD_LANGUAGES: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, u16> = HashMap::new();
    for (i, (_, _, words)) in FUNCTION_WORDS.iter().enumerate() {
        for w in *words {
            *map.entry(w).or_default() |= 1 << i;
        }
    }
    map
});

/// ISO 639-1 code of the text's language: `declared` (a primary subtag such as `en`, from the
/// page's markup) when the text confirms it, else whatlang's answer when it is confident.
pub fn language(text: &str, declared: Option<&str>) -> Option<String> {
    let end = text.char_indices().nth(SAMPLE_CHARS).map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    if let Some(code) = declared.filter(|code| confirms(sample, code)) {
        return Some(code.to_string());
    }
    detect(sample)
}

/// `en-US`, `en_us`, `EN` → `en`; anything that is not a 2–3 letter primary subtag → `None`.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let valid = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    (valid && !matches!(primary.as_str(), "und" | "mul" | "zxx")).then_some(primary)
}

/// Whether the sample's function words bear out the declared language: a fifth of its words
/// are the language's function words, and against every other listed language, the words
/// only the declared language has outnumber the words only the other has by two to one (so
/// the many words Spanish shares with Catalan decide nothing between them).
fn confirms(sample: &str, declared: &str) -> bool {
    let Some(index) = FUNCTION_WORDS.iter().position(|&(code, taken, _)| taken && code == declared) else {
        return false;
    };
    let own_bit = 1u16 << index;
    let (mut words, mut own) = (0usize, 0usize);
    // For each other language: words only the declared one has, words only the other has.
    let mut only_own = [0usize; FUNCTION_WORDS.len()];
    let mut only_other = [0usize; FUNCTION_WORDS.len()];
    let mut lower = String::new();
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let Some(&set) = WORD_LANGUAGES.get(lower.as_str()) else {
            continue;
        };
        let has_own = set & own_bit != 0;
        own += usize::from(has_own);
        for i in 0..FUNCTION_WORDS.len() {
            let has_other = set & (1 << i) != 0;
            only_own[i] += usize::from(has_own && !has_other);
            only_other[i] += usize::from(has_other && !has_own);
        }
    }
    words >= MIN_WORDS
        && own * 5 >= words
        && (0..FUNCTION_WORDS.len()).all(|i| i == index || only_own[i] >= 2 * only_other[i] + 2)
}

/// whatlang on the sample: its language when it is confident (or the sample too short to be).
fn detect(sample: &str) -> Option<String> {
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && sample.len() > 200 {
        return None;
    }
    Some(iso_639_1(info.lang().code()).to_string())
}

/// whatlang's ISO 639-3 code → the ISO 639-1 code pages declare (every language whatlang knows
/// has one); Norwegian Bokmål is `no`, as most Norwegian pages say.
fn iso_639_1(code: &str) -> &str {
    match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "no",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The harbour authority said on Monday that the ferry to the islands would not sail again \
        until the dockworkers and the port company had agreed on a new contract. The strike, which began \
        twelve days ago, has left hundreds of lorries waiting at the gates, and the mayor said that the town \
        was losing trade with every day that passed.";
    const DE: &str = "Die Hafenbehörde teilte am Montag mit, dass die Fähre zu den Inseln erst wieder fahren werde, \
        wenn sich die Hafenarbeiter und die Betreibergesellschaft auf einen neuen Vertrag geeinigt hätten. Der \
        Streik, der vor zwölf Tagen begann, hat Hunderte von Lastwagen vor den Toren warten lassen, und der \
        Bürgermeister sagte, die Stadt verliere mit jedem Tag an Handel und an Vertrauen bei den Kunden.";
    const ES: &str = "La autoridad portuaria dijo el lunes que el transbordador a las islas no volverá a zarpar \
        hasta que los estibadores y la empresa del puerto acuerden un nuevo contrato. La huelga, que empezó hace \
        doce días, ha dejado a cientos de camiones esperando en las puertas, y el alcalde dijo que la ciudad \
        pierde comercio con cada día que pasa sin una solución para los trabajadores.";
    const CA: &str = "L'autoritat portuària va dir dilluns que el transbordador a les illes no tornarà a salpar \
        fins que els estibadors i l'empresa del port acordin un nou contracte. La vaga, que va començar fa dotze \
        dies, ha deixat centenars de camions esperant a les portes, i l'alcalde va dir que la ciutat perd \
        comerç amb cada dia que passa sense una solució per als treballadors del port.";
    const ID: &str = "Otoritas pelabuhan mengatakan pada hari Senin bahwa kapal feri ke pulau-pulau tidak akan \
        berlayar lagi sampai para pekerja pelabuhan dan perusahaan pelabuhan menyepakati kontrak baru. Mogok \
        kerja yang dimulai dua belas hari lalu telah membuat ratusan truk menunggu di gerbang, dan wali kota \
        mengatakan bahwa kota itu kehilangan perdagangan setiap hari yang berlalu.";

    #[test]
    fn a_declaration_the_text_bears_out_is_taken() {
        assert!(confirms(EN, "en"));
        assert!(confirms(DE, "de"));
        assert!(confirms(ES, "es"));
        assert_eq!(language(DE, Some("de")).as_deref(), Some("de"));
        // Whatlang agrees wherever a declaration is taken, so taking it changes no answer.
        for (text, code) in [(EN, "en"), (DE, "de"), (ES, "es")] {
            assert_eq!(detect(text).as_deref(), Some(code));
        }
    }

    #[test]
    fn a_wrong_or_unchecked_declaration_goes_to_whatlang() {
        // An English template around German text.
        assert!(!confirms(DE, "en"));
        assert_eq!(language(DE, Some("en")).as_deref(), Some("de"));
        // Catalan shares most of Spanish's function words, so it vetoes a Spanish declaration.
        assert!(!confirms(CA, "es"));
        assert_eq!(language(CA, Some("es")).as_deref(), Some("ca"));
        // Languages without a word list are never taken on declaration.
        assert!(!confirms(ID, "id"));
        assert_eq!(language(ID, Some("id")).as_deref(), Some("id"));
        // Too few words to check.
        assert!(!confirms("The ferry sails again on Monday.", "en"));
        assert_eq!(language(EN, None).as_deref(), Some("en"));
    }

    #[test]
    fn a_container_declares_the_language_before_the_page() {
        use crate::model::{Format, Hints, RawArticle};
        let raw = |content: &str, hinted: Option<&str>| RawArticle {
            path: "a.jsonl#1".into(),
            format: Format::Html,
            content: content.into(),
            hints: Hints { language: hinted.map(str::to_owned), ..Hints::default() },
        };
        let page = format!("<html lang=\"en\"><body><article><p>{DE}</p></article></body></html>");
        let extract = |hinted| crate::extract::extract(&raw(&page, hinted)).unwrap().language;
        // The text decides against a wrong declaration, the container's or the page's.
        assert_eq!(extract(None).as_deref(), Some("de"));
        assert_eq!(extract(Some("de-AT")).as_deref(), Some("de"));
        assert_eq!(extract(Some("fr")).as_deref(), Some("de"));
        assert!(confirms(DE, &primary_subtag("de-AT").unwrap()));
    }

    #[test]
    fn language_tags_give_their_primary_subtag() {
        assert_eq!(primary_subtag("EN_us").as_deref(), Some("en"));
        assert_eq!(primary_subtag(" de-AT ").as_deref(), Some("de"));
        assert_eq!(primary_subtag("und"), None);
        assert_eq!(primary_subtag("x1"), None);
    }

    #[test]
    fn whatlang_codes_become_two_letters() {
        assert_eq!(iso_639_1("ind"), "id");
        assert_eq!(iso_639_1("nob"), "no");
        assert_eq!(iso_639_1("xyz"), "xyz");
    }
}
