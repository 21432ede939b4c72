//! Closed word lists for attribution: cue verbs, titles and roles, organization and place words.
//!
//! Attribution in news prose is formulaic (PARC/PolNeAR: source, cue, content), so closed lists
//! carry most of the weight. Every list holds lower-case words; callers lower-case first.

/// Verbs that introduce speech ("said", "told", "warned").
#[rustfmt::skip]
const CUES: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "warned", "warns", "insisted",
    "insists", "stressed", "stresses", "noted", "notes", "explained", "explains", "asked",
    "replied", "declared", "argued", "argues", "wrote", "writes", "written", "tweeted", "continued",
    "emphasised", "emphasized", "emphasises", "emphasizes", "acknowledged", "admitted", "claimed",
    "claims", "conceded", "predicted", "urged", "announced", "remarked", "recalled", "suggested",
    "complained", "cautioned", "reiterated", "observed", "answered", "responded", "confirmed",
    "vowed", "pledged", "promised", "stated", "threatened", "maintained", "countered", "quipped",
    "joked", "lamented", "underlined", "underscored", "saying", "adding", "insisting", "warning",
    "telling", "opined", "barked", "riffed", "mused", "posted", "shouted", "yelled", "chanted",
    "exclaimed", "asserted", "contended", "concluded", "testified", "texted", "emailed", "retorted",
    "snapped", "boasted", "bragged", "scoffed", "wondered", "recounted", "reasoned", "proclaimed",
    "charged", "alleged", "demanded", "stressing", "explaining", "noting", "arguing",
    "asking", "declaring", "tweeting", "writing", "joking", "reads", "asks", "recalls",
    "continues", "interjected", "responds", "replies", "reported", "pressed", "mocked", "mocks",
    "affirms", "concludes", "recommended", "repeated", "cracked", "declares", "surmised", "questioned",
    "remembered", "agrees", "fumed", "sighed", "groaned", "whispered", "pleaded", "boomed",
    "thundered", "bellowed", "marveled", "marvelled", "gushed", "griped", "objected", "protested",
    "elaborated", "chided", "scolded", "grumbled", "muttered", "deadpanned", "interrupted",
    // Present tense of the past-tense cues above, for narration in the present ("he promises").
    "promises", "vows", "admits", "concedes", "acknowledges", "suggests", "predicts", "jokes",
    "quips", "complains", "laments", "observes", "counters", "boasts", "muses", "wonders",
    "asserts", "contends", "cautions", "shouts", "yells", "exclaims", "recounts", "remembers",
    "proclaims", "whispers", "announces", "confirms", "pledges", "maintains",
];

/// Verbs that characterise rather than quote ("called the talks “frank”"): good enough to
/// attribute a short marked phrase, never enough to turn unmarked text into a quote.
const WEAK_CUES: &[&str] = &["called", "described", "dubbed", "labelled", "labeled", "termed", "branded"];

/// Words that may sit between a speaker and the cue ("Ryabkov also said", "was quoted as saying").
#[rustfmt::skip]
const CUE_FILLERS: &[&str] = &[
    "also", "later", "then", "again", "further", "has", "had", "have", "was", "is", "were",
    "quoted", "as", "once", "previously", "earlier", "repeatedly", "separately", "had", "will",
    "would", "has", "reportedly", "just", "recently", "last", "week", "bluntly", "often",
    "usually", "always", "never", "frequently", "sometimes", "still", "privately", "publicly",
    "openly", "angrily", "simply", "flatly", "quickly", "immediately",
];

/// Titles and office words: part of a role, never of a person's name.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "president", "vice", "prime", "minister", "foreign", "deputy", "secretary", "secretary-general",
    "general", "state", "defense", "defence", "chancellor", "senator", "sen", "rep", "gov",
    "governor", "mayor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "director",
    "director-general", "chief", "chairman", "chairwoman", "chair", "head", "leader", "commander",
    "envoy", "adviser", "advisor", "premier", "king", "queen", "prince", "princess", "pope",
    "judge", "justice", "attorney", "officer", "executive", "ceo", "mr", "mrs", "ms", "dr", "prof",
    "professor", "sir", "dame", "lord", "lady", "gen", "col", "lt", "capt", "sgt", "admiral", "adm", "rev", "reverend", "pastor", "rabbi",
    "representative", "speaker", "colonel", "captain", "lieutenant", "sergeant", "official",
    "officials", "diplomat", "negotiator", "analyst", "expert", "lawmaker", "senior", "top",
    "former", "acting", "assistant", "undersecretary", "under", "interior", "finance", "economy",
    "trade", "health", "affairs", "press", "national", "security", "counterpart", "special",
    "delegate", "del", "staff", "aide", "department", "ministry", "of", "for", "and", "u.s", "us", "uk",
    "eu", "un", "nato",
];

/// Lower-case heads of a description that stands for a person ("the minister said").
#[rustfmt::skip]
const DESCRIPTIONS: &[&str] = &[
    "minister", "spokesman", "spokeswoman", "spokesperson", "official", "diplomat", "president",
    "secretary", "ambassador", "envoy", "chancellor", "negotiator", "leader", "chief", "general",
    "commander", "director", "premier", "counterpart", "adviser", "advisor", "senator", "governor",
    "mayor", "analyst", "expert", "lawmaker", "prosecutor", "officer", "source", "aide",
];

/// Documents that speak for whoever is named before them ("the IMF report stated", "the
/// White House statement said").
#[rustfmt::skip]
const DOCUMENTS: &[&str] = &[
    "report", "statement", "letter", "release", "ruling", "memo", "filing", "complaint",
    "lawsuit", "study", "survey", "analysis", "book", "editorial", "tweet", "email", "post",
    "website", "ad", "advertisement", "video", "order", "opinion", "decision", "indictment",
    "notice", "document", "proposal", "announcement", "newsletter", "blog", "memoir",
];

/// Titles that make a lone capitalized word after them a person ("President Putin").
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "minister", "secretary", "chancellor", "senator", "sen", "rep", "gov", "governor",
    "mayor", "ambassador", "spokesman", "spokeswoman", "director", "chief", "chairman", "leader",
    "commander", "envoy", "premier", "king", "queen", "prince", "princess", "pope", "judge", "mr",
    "mrs", "ms", "dr", "prof", "professor", "sir", "dame", "gen", "col", "lt", "capt", "sgt",
    "admiral", "general", "colonel", "captain", "lieutenant", "sergeant", "pm", "rev", "reverend", "pastor", "rabbi", "father",
    "del",
];

/// Personal pronouns that can stand for a speaker.
const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we"];

/// Capitalized words that name organizations, places, events or page furniture, so a
/// capitalized run holding one is not a person.
#[rustfmt::skip]
const NON_NAMES: &[&str] = &[
    "department", "ministry", "office", "agency", "council", "committee", "commission", "bank",
    "union", "organization", "organisation", "party", "government", "administration", "parliament",
    "congress", "senate", "house", "court", "army", "navy", "police", "service", "forces",
    "institute", "university", "center", "centre", "foundation", "association", "group", "company",
    "corp", "inc", "news", "times", "post", "kremlin", "pentagon", "security", "cooperation",
    "co-operation", "dialogue", "treaty", "alliance", "stories", "story", "week", "day", "mission",
    "embassy", "nations", "states", "kingdom", "republic", "federation", "fund", "board",
    "authority", "network", "channel", "television", "radio", "tass", "interfax", "reuters", "afp",
    "ap", "integration", "summit", "forum", "conference", "programme", "program", "show", "music", "pact", "war",
    "stream", "pipeline", "club", "league", "cup", "airlines", "airport", "station", "hospital",
    "school", "college", "street", "square", "avenue", "road", "river", "sea", "ocean", "island",
    "islands", "peninsula", "city", "county", "province", "region", "district", "europe", "asia",
    "africa", "america", "americas", "east", "west", "north", "south", "eastern", "western",
    "northern", "southern", "central", "middle", "gulf", "bay", "coast", "strategic", "comment",
    "comments", "reply", "link", "cancel", "source", "trending", "latest", "leave", "white",
    "policy", "affairs", "studies", "research", "russia", "ukraine", "moscow", "washington",
    "geneva", "brussels", "vienna", "rome", "berlin", "paris", "london", "beijing", "china",
    "germany", "france", "britain", "italy", "spain", "poland", "crimea", "kyiv", "kiev",
    "lithuania", "taiwan", "japan", "india", "iran", "iraq", "syria", "israel", "turkey", "belarus",
    "osce", "usa", "canada", "mexico", "brazil", "korea", "nato", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "russian", "american",
    "german", "ukrainian", "european", "french", "british", "chinese", "italian", "spanish",
    "polish", "swiss", "belarusian", "georgian", "turkish", "japanese", "indian", "iranian",
    "israeli", "syrian", "soviet", "nordic", "baltic", "atlantic", "euro-atlantic", "lithuanian",
    "english", "canadian", "australian", "mexican", "brazilian", "korean", "african", "arab",
    "saudi", "dutch", "belgian", "austrian", "swedish", "norwegian", "danish", "finnish", "greek",
    "irish", "scottish", "welsh", "hungarian", "czech", "romanian", "serbian", "estonian",
    "latvian", "egyptian", "pakistani", "afghan", "palestinian", "lebanese", "western", "cold",
    "world", "global", "international", "federal", "supreme", "royal", "democratic", "republican",
    "democrat", "democrats", "republicans", "socialist", "communist", "report", "technologies",
    "technology", "museum", "prize", "plan", "standard", "act", "books", "matter", "grounds",
    "memorial", "institution", "journal", "magazine", "review", "watch", "project", "campaign",
    "coalition", "initiative", "partnership", "corporation", "industries", "systems", "holdings",
    "partners", "media", "tribune", "herald", "daily", "observer", "chronicle", "gazette",
    "caucus", "society", "academy", "bureau", "poll", "survey", "award", "festival", "convention",
    "muslim", "catholic", "protestant", "evangelical", "mormon", "jewish", "islamic",
    "sunni", "shiite", "hispanic", "latino", "latina", "footwear", "apparel",
    "amendment", "village", "bowl", "stadium", "shield", "church", "cathedral",
    "temple", "mosque", "index", "exchange", "airways", "motors", "energy", "transcript",
    "san", "los", "las", "santa", "puerto", "fort", "mount", "command", "arena", "alabama", "alaska",
    "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida", "hawaii",
    "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
    "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "nebraska", "nevada",
    "hampshire", "jersey", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode", "carolina",
    "dakota", "tennessee", "texas", "utah", "vermont", "wisconsin", "wyoming",
];

/// Capitalized sentence openers that are not names ("Meanwhile Sergei Ryabkov said").
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "meanwhile", "instead", "still", "now", "later", "earlier", "separately", "speaking", "asked",
    "echoing", "during", "after", "before", "although", "though", "despite", "while", "when", "if",
    "since", "because", "today", "yesterday", "tonight", "overnight", "also", "moreover",
    "furthermore", "nonetheless", "nevertheless", "indeed", "yes", "unlike", "according",
    "following", "ahead", "amid", "under", "over", "however", "but", "and", "so", "for", "in", "on",
    "at", "as", "with", "without", "by", "from", "to", "of", "the", "a", "an", "this", "that",
    "these", "those", "it", "its", "there", "here", "what", "who", "why", "how", "where", "we",
    "our", "my", "his", "her", "their", "your", "i", "he", "she", "they", "you", "not", "no", "all",
    "some", "many", "most", "each", "every", "one", "two", "three", "then", "thus", "until", "once",
    "only", "even", "back", "hours", "days", "weeks", "months", "years", "minutes", "moments",
    "unless", "among", "whether", "ever", "regarding", "likewise", "perhaps", "maybe",
];

/// Lower-case particles inside names ("Ursula von der Leyen").
const PARTICLES: &[&str] = &["von", "van", "der", "de", "da", "di", "del", "la", "le", "bin", "al", "ibn", "dos"];

/// Words after a cue that show the sentence goes on with place, time or manner, not with the
/// reported content ("he told reporters in Brussels", "Price said Sunday").
#[rustfmt::skip]
const ADJUNCTS: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "to", "from", "by", "via", "while", "when",
    "according", "late", "earlier", "later", "today", "yesterday", "tonight", "this", "last",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "as", "with",
    "afterwards", "recently", "again", "repeatedly", "also", "then", "separately", "apparently",
    "without", "over", "outside", "inside", "ahead", "following", "shortly", "just",
];

/// Determiners that open a subject phrase naming no one in particular ("a spokesman", "one
/// aide"): the narrow set the subject parser trusts next to a cue.
const INDEFINITE_DETERMINERS: &[&str] = &["a", "an", "one", "another", "some", "several"];

/// Words that open a description of no one in particular ("one person", "another supporter"):
/// [`INDEFINITE_DETERMINERS`] and the pronouns, numerals and quantifiers that also do, checked
/// on a description already known to be the subject.
#[rustfmt::skip]
const INDEFINITES: &[&str] = &[
    "a", "an", "one", "another", "some", "someone", "somebody", "several", "many", "few", "two",
    "three", "four", "five", "various", "numerous", "other", "others", "most", "certain",
];

/// Plain person and crowd nouns: "the man shouted" is an unnamed man, not the last person named.
#[rustfmt::skip]
const ANONYMOUS: &[&str] = &[
    "man", "woman", "person", "boy", "girl", "voter", "resident", "protester", "protestor",
    "demonstrator", "supporter", "witness", "bystander", "passerby", "onlooker", "attendee",
    "participant", "fan", "caller", "viewer", "reader", "user", "commenter", "crowd", "audience",
    "people", "everyone", "everybody", "nobody", "anyone",
];

fn has(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// [`NON_NAMES`] hashed: the list is long and checked for nearly every capitalized token.
static NON_NAME_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| NON_NAMES.iter().copied().collect());

/// [`CUES`] hashed, for the same reason.
static CUE_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| CUES.iter().copied().collect());

/// Whether `word` (lower-case) is a speech verb.
pub(crate) fn is_cue(word: &str) -> bool {
    CUE_SET.contains(word)
}

/// Whether `word` (lower-case) characterises speech ("called", "described").
pub(crate) fn is_weak_cue(word: &str) -> bool {
    has(WEAK_CUES, word)
}

/// Whether `word` (lower-case) may stand between a speaker and the cue.
pub(crate) fn is_cue_filler(word: &str) -> bool {
    has(CUE_FILLERS, word) || (word.len() > 4 && word.ends_with("ly"))
}

/// Whether `word` (lower-case) is a title or office word.
pub(crate) fn is_role(word: &str) -> bool {
    has(ROLES, word)
}

/// Whether `word` (lower-case) is a title that can stand before a surname.
pub(crate) fn is_title(word: &str) -> bool {
    has(TITLES, word)
}

/// Whether `word` (lower-case) is a document that speaks for whoever is named before it.
pub(crate) fn is_document(word: &str) -> bool {
    has(DOCUMENTS, word)
}

/// Whether `word` (lower-case) can head a description of a person.
pub(crate) fn is_description(word: &str) -> bool {
    has(DESCRIPTIONS, word)
}

/// Whether `word` (lower-case) is a determiner that opens an unnamed subject (see
/// [`INDEFINITE_DETERMINERS`]).
pub(crate) fn is_indefinite_determiner(word: &str) -> bool {
    has(INDEFINITE_DETERMINERS, word)
}

/// Whether a description before a cue stands for no one in particular, so no earlier name may be
/// put on it: an indefinite ("one person tweeted", "a spokesman said", "some officials said"), a
/// plural ("the protesters chanted", "officials say") or a plain person or crowd noun ("the man
/// shouted", "the audience chanted"). Speech verbs and fillers in the text are skipped.
pub(crate) fn is_anonymous(description: &str) -> bool {
    let words: Vec<String> = description
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !is_cue(w) && !is_cue_filler(w))
        .collect();
    let (Some(first), Some(head)) = (words.first(), words.last()) else { return false };
    let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us");
    has(INDEFINITES, first) || has(ANONYMOUS, head) || plural
}

/// Whether `word` (lower-case) is a compass point, a place word that is also a surname ("Cornel
/// West").
pub(crate) fn is_compass(word: &str) -> bool {
    matches!(word, "east" | "west" | "north" | "south")
}

/// Whether `word` (lower-case) is a personal pronoun.
pub(crate) fn is_pronoun(word: &str) -> bool {
    has(PRONOUNS, word)
}

/// Whether `word` (lower-case) marks an organization, place, date or demonym.
pub(crate) fn is_non_name(word: &str) -> bool {
    let non_name = |w: &str| NON_NAME_SET.contains(w);
    non_name(word) || word.strip_suffix('s').is_some_and(|w| w.len() > 3 && non_name(w)) || is_month(word)
}

/// Whether `word` (lower-case) is a sentence opener rather than a name.
pub(crate) fn is_opener(word: &str) -> bool {
    has(OPENERS, word) || crate::text::is_stopword(word)
}

/// Whether `word` (lower-case) is a name particle.
pub(crate) fn is_particle(word: &str) -> bool {
    has(PARTICLES, word)
}

/// Whether `word` (lower-case) starts an adjunct after a cue.
pub(crate) fn is_adjunct(word: &str) -> bool {
    has(ADJUNCTS, word)
}

/// The lower-case weekday named by `word`, if it is one ("Monday’s" counts).
pub(crate) fn weekday(word: &str) -> Option<&'static str> {
    const DAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let lower = word.to_lowercase();
    DAYS.iter().copied().find(|d| lower.starts_with(d) && lower.len() <= d.len() + 4)
}

/// Whether `word` (lower-case) is a month name or its abbreviation.
pub(crate) fn is_month(word: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    has(MONTHS, word)
}
