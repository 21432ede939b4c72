//! Grammatical gender of people, so "she said" skips the last man named.
//!
//! A person's gender is read from evidence in the article, strongest first: a title before the
//! name ("Mr.", "Mrs.", "Ms."), a common first name, then the pronouns that follow the name in
//! its sentence ("Kelly said she asked …"). Unknown gender never blocks a resolution.

/// He or she.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    /// he / him / his, Mr.
    Male,
    /// she / her / hers, Mrs., Ms.
    Female,
}

/// The gender a pronoun refers to ("he" → male); `None` for I / we / they.
pub(crate) fn of_pronoun(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender an honorific gives the name after it ("Mrs. Clinton").
pub(crate) fn of_title(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.').to_lowercase().as_str() {
        "mr" | "sir" | "lord" | "king" | "prince" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender an office word suggests ("congresswoman"): weak evidence, counted like one
/// pronoun. "Spokesman" and "chairman" suggest none: papers write "Trump spokesman Hope Hicks".
pub(crate) fn of_office(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "congressman" | "businessman" => Some(Gender::Male),
        "congresswoman" | "spokeswoman" | "chairwoman" | "businesswoman" => Some(Gender::Female),
        _ => None,
    }
}

/// Common English first names used almost only by men.
#[rustfmt::skip]
const MALE: &[&str] = &[
    "aaron", "adam", "alan", "albert", "alex", "alexander", "andrew", "andy", "anthony", "arthur",
    "barack", "barry", "ben", "benjamin", "bernard", "bernie", "bill", "bob", "bobby", "brad",
    "brandon", "brian", "bruce", "carl", "charles", "charlie", "chris", "christopher", "chuck",
    "craig", "dan", "daniel", "danny", "dave", "david", "dennis", "donald", "doug", "douglas",
    "ed", "eddie", "edward", "eric", "frank", "fred", "gary", "george", "gerald", "greg",
    "gregory", "harold", "harry", "henry", "howard", "jack", "jacob", "jake", "james", "jason",
    "jeb", "jeff", "jeffrey", "jeremy", "jerry", "jim", "jimmy", "joe", "joel", "john", "johnny",
    "jonathan", "jose", "joseph", "josh", "joshua", "juan", "justin", "keith", "ken", "kenneth",
    "kevin", "larry", "lawrence", "louis", "luis", "marco", "mark", "martin", "matt", "matthew",
    "michael", "mike", "mitch", "nathan", "newt", "nicholas", "nick", "patrick", "paul", "peter",
    "phil", "philip", "ralph", "randy", "raymond", "reince", "richard", "rick", "rob", "robert",
    "roger", "ron", "ronald", "roy", "rudy", "russell", "ryan", "sam", "samuel", "scott", "sean",
    "sergei", "stephen", "steve", "steven", "ted", "thomas", "tim", "timothy", "todd", "tom",
    "tony", "vladimir", "walter", "wayne", "william", "willie", "xi",
];

/// Common English first names used almost only by women.
#[rustfmt::skip]
const FEMALE: &[&str] = &[
    "abigail", "alice", "alison", "amanda", "amy", "andrea", "angela", "ann", "anna", "anne",
    "annalena", "barbara", "betty", "beverly", "brenda", "carly", "carol", "caroline", "catherine",
    "chelsea", "cheryl", "christina", "christine", "cindy", "claire", "claudia", "cynthia",
    "deborah", "debbie", "debra", "denise", "diana", "diane", "donna", "doris", "dorothy", "elaine",
    "elizabeth", "ellen", "emily", "emma", "evelyn", "frances", "gloria", "hannah", "heather",
    "heidi", "helen", "hillary", "huma", "ivanka", "jane", "janet", "janice", "jean", "jennifer",
    "jessica", "jill", "joan", "joyce", "judith", "judy", "julia", "julie", "karen", "katherine",
    "kathleen", "kathy", "katie", "kellyanne", "kim", "kimberly", "laura", "lauren", "linda",
    "lisa", "loretta", "lori", "louise", "madeleine", "maggie", "margaret", "maria", "marie",
    "marilyn", "martha", "mary", "megan", "megyn", "melania", "melissa", "michelle", "nancy",
    "nicole", "nikki", "olivia", "pamela", "patricia", "paula", "rachel", "rebecca", "rose",
    "ruth", "sandra", "sara", "sarah", "sharon", "shirley", "stephanie", "susan", "tammy",
    "teresa", "theresa", "ursula", "victoria", "virginia", "wendy",
];

/// The gender a first name usually carries.
pub(crate) fn of_first_name(word: &str) -> Option<Gender> {
    let lower = word.to_lowercase();
    if MALE.contains(&lower.as_str()) {
        Some(Gender::Male)
    } else if FEMALE.contains(&lower.as_str()) {
        Some(Gender::Female)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_kinds() {
        assert_eq!(of_pronoun("She"), Some(Gender::Female));
        assert_eq!(of_pronoun("they"), None);
        assert_eq!(of_title("Mr."), Some(Gender::Male));
        assert_eq!(of_title("Ms"), Some(Gender::Female));
        assert_eq!(of_title("spokesman"), None);
        assert_eq!(of_office("Spokeswoman"), Some(Gender::Female));
        assert_eq!(of_first_name("Susan"), Some(Gender::Female));
        assert_eq!(of_first_name("Ilse"), None);
    }
}
