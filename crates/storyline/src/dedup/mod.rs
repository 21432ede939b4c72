//! Stage 3 — copies: which articles reprint, excerpt or reword which.
//!
//! Two MinHash/LSH sketches find candidates without comparing all pairs: word 4-shingles catch
//! verbatim and partial copies, content-word stems catch machine rewrites (which destroy
//! shingles but keep names, numbers and rare words). Each candidate pair is then verified by
//! sentence [`align`]ment, classified (verbatim / excerpt / rewrite), and oriented (who copied
//! whom) from publication time, repost credits and containment — or left open.
//!
//! Stage 4, [`voices`], groups copies into independent sources.

pub mod align;
pub mod minhash;
pub mod near;
pub mod paraphrase;
pub mod voices;

use crate::model::{Article, Copy, CopyKind, Direction, Passage};
use crate::text;
use minhash::Signature;

/// Copy detection settings. The defaults are tuned on our demo corpus and the seeds; see
/// ARCHITECTURE.md for what each threshold means.
#[derive(Debug, Clone)]
pub struct Config {
    /// Words per shingle for the verbatim sketch.
    pub shingle: usize,
    /// MinHash permutations per sketch (= bands × rows).
    pub perms: usize,
    /// LSH bands of the shingle sketch (rows = perms / bands). 32 × 2 puts the threshold near a
    /// shingle Jaccard of 0.18, low enough for partial copies (one version inside another).
    pub shingle_bands: usize,
    /// LSH bands of the stem sketch. 16 × 4: threshold near a stem Jaccard of 0.5.
    pub stem_bands: usize,
    /// Minimum fraction of the shorter article that must be aligned for a copy.
    pub min_shared: f64,
    /// Minimum number of aligned sentences (a shared quote or one sentence is not a copy).
    pub min_sentences: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { shingle: 4, perms: 64, shingle_bands: 32, stem_bands: 16, min_shared: 0.2, min_sentences: 3 }
    }
}

/// An article's sketches, stored so that the index can be rebuilt without re-reading text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// MinHash of word shingles.
    pub shingles: Signature,
    /// MinHash of content-word stems.
    pub stems: Signature,
}

/// Sketch an article.
pub fn fingerprint(article: &Article, config: &Config) -> Fingerprint {
    let shingles = text::shingle_hashes(&text::word_hashes(&article.body), config.shingle);
    let mut stems: Vec<u64> = text::content_stems(&article.body).iter().map(|s| text::hash64(s)).collect();
    stems.sort_unstable();
    stems.dedup();
    Fingerprint {
        shingles: minhash::signature(&shingles, config.perms),
        stems: minhash::signature(&stems, config.perms),
    }
}

/// The LSH indexes over stored fingerprints; documents are numbered by the caller.
#[derive(Debug)]
pub struct Index {
    shingles: minhash::Lsh,
    stems: minhash::Lsh,
}

impl Index {
    /// An empty index for `config`.
    pub fn new(config: &Config) -> Self {
        Index {
            shingles: minhash::Lsh::new(config.shingle_bands, config.perms / config.shingle_bands),
            stems: minhash::Lsh::new(config.stem_bands, config.perms / config.stem_bands),
        }
    }

    /// Candidate documents for `fp`.
    pub fn candidates(&self, fp: &Fingerprint) -> Vec<u32> {
        let mut out = self.shingles.query(&fp.shingles);
        out.extend(self.stems.query(&fp.stems));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Add document `doc`.
    pub fn insert(&mut self, doc: u32, fp: &Fingerprint) {
        self.shingles.insert(doc, &fp.shingles);
        self.stems.insert(doc, &fp.stems);
    }
}

/// Whether two articles' sketches leave any chance of a copy: estimated content-stem Jaccard
/// ≥ 0.25 (rewrites measured here sit at 0.4–0.5, unrelated articles of one story at 0.1–0.3) or
/// shingle Jaccard ≥ 0.08 (a shared passage). Cheap, and it spares the sentence alignment of
/// most candidates.
pub fn plausible(a: &Fingerprint, b: &Fingerprint) -> bool {
    minhash::estimate(&a.stems, &b.stems) >= 0.25 || minhash::estimate(&a.shingles, &b.shingles) >= 0.08
}

/// Verify a candidate pair; `Some` when one copies the other.
pub fn compare(a: &Article, b: &Article, config: &Config) -> Option<Copy> {
    compare_prepared(a, &align::prepare(&a.body), b, config)
}

/// [`compare`] with `a`'s sentences prepared once by the caller, who compares one arriving
/// article with many candidates.
pub fn compare_prepared(a: &Article, sa: &[align::Sentence<'_>], b: &Article, config: &Config) -> Option<Copy> {
    if a.id == b.id {
        return None;
    }
    let sb = align::prepare(&b.body);
    let pairs = align::align(sa, &sb);
    let (total_a, covered_a) = align::coverage(sa, pairs.iter().map(|p| p.a));
    let (total_b, covered_b) = align::coverage(&sb, pairs.iter().map(|p| p.b));
    if total_a == 0 || total_b == 0 {
        return None;
    }
    // The larger of the two aligned shares.
    let share = |pairs: &[align::Pair]| {
        let a = align::coverage(sa, pairs.iter().map(|p| p.a)).1 as f64 / total_a as f64;
        let b = align::coverage(&sb, pairs.iter().map(|p| p.b)).1 as f64 / total_b as f64;
        a.max(b)
    };
    let (cont_a, cont_b) = (covered_a as f64 / total_a as f64, covered_b as f64 / total_b as f64);
    let shared = cont_a.max(cont_b);
    // A few aligned lines of a short notice are template ("Qtly div 10 cts vs 10 cts prior"):
    // they make a copy only when the headlines agree too.
    if covered_a.min(covered_b) < 30 && !similar_titles(&a.title, &b.title) {
        return None;
    }
    let enough_sentences = pairs.len() >= config.min_sentences || (shared >= 0.8 && !pairs.is_empty());
    if shared < config.min_shared || !enough_sentences {
        return None;
    }
    // Rewriters reword the narration but often keep quotes word for word (or alter a few), so
    // the kind is decided on the narrative sentences when there are any.
    let narrative: Vec<&align::Pair> = pairs.iter().filter(|p| sa[p.a].quoted.max(sb[p.b].quoted) < 0.5).collect();
    if shared_only_quotes_or_chrome(sa, &sb, &pairs, narrative.len()) {
        return None;
    }
    let judged: Vec<&align::Pair> = if narrative.is_empty() { pairs.iter().collect() } else { narrative };
    let verbatim = judged.iter().filter(|p| p.kind == align::Match::Verbatim).count();
    let kind = if verbatim * 2 < judged.len() {
        CopyKind::Rewrite
    } else if cont_a.min(cont_b) < 0.8 * shared
        && shared >= 0.8
        && total_a.min(total_b) * 10 <= total_a.max(total_b) * 7
    {
        CopyKind::Excerpt
    } else {
        CopyKind::Verbatim
    };
    let (from_is_a, direction) = orient(a, b, kind, cont_a, cont_b);
    // Decided on the sure pairs; the share a reader sees also counts the rewordings that stand
    // between two of them in both articles (a rewrite of a whole article otherwise shows as
    // a 40% copy).
    let mut pairs = pairs;
    let mut shared = shared;
    if kind == CopyKind::Rewrite {
        pairs.extend(align::fill_gaps(sa, &sb, &pairs));
        shared = share(&pairs);
    }
    // The passages that show the relation first: for a rewrite the closest reworded pairs (the
    // loosest matches make poor evidence), otherwise the longest verbatim ones.
    let telling = if kind == CopyKind::Rewrite { align::Match::Reworded } else { align::Match::Verbatim };
    let mut shown: Vec<&align::Pair> = pairs.iter().collect();
    shown.sort_by(|p, q| {
        let len = |x: &align::Pair| sa[x.a].words;
        (p.kind != telling).cmp(&(q.kind != telling)).then(q.score.total_cmp(&p.score)).then(len(q).cmp(&len(p)))
    });
    let mut evidence: Vec<Passage> = shown
        .into_iter()
        .map(|p| {
            let (x, y) = (sa[p.a].text, sb[p.b].text);
            let (from, to) = if from_is_a { (x, y) } else { (y, x) };
            let kind = if p.kind == align::Match::Verbatim { "verbatim" } else { "reworded" };
            Passage { from: from.to_string(), to: to.to_string(), kind: kind.to_string() }
        })
        .collect();
    evidence.truncate(5);
    let (from, to) = if from_is_a { (a, b) } else { (b, a) };
    Some(Copy {
        from: from.id.clone(),
        to: to.id.clone(),
        kind,
        shared: (shared * 1000.0).round() / 1000.0,
        direction,
        evidence,
    })
}

/// Two independent reports may both carry a long quote from one statement, and two sites the
/// same closing boilerplate (an "about us" block, a disclaimer): neither makes a copy. A copy
/// shares narration, and more than a block at the very end (or start) of both articles.
fn shared_only_quotes_or_chrome(
    sa: &[align::Sentence<'_>],
    sb: &[align::Sentence<'_>],
    pairs: &[align::Pair],
    narrative: usize,
) -> bool {
    if narrative == 0 {
        return true;
    }
    // Boilerplate: the aligned sentences are exactly the last (or first) k of both articles,
    // and less than half of each.
    let k = pairs.len();
    if k * 2 >= sa.len().min(sb.len()) {
        return false;
    }
    let suffix = pairs.iter().all(|p| p.a + k >= sa.len() && p.b + k >= sb.len());
    let prefix = pairs.iter().all(|p| p.a < k && p.b < k);
    suffix || prefix
}

/// Whether two headlines share at least half of their content words (Jaccard): template
/// headlines ("X SETS QUARTERLY", "Y SETS QUARTERLY") share their pattern, not their names.
fn similar_titles(a: &str, b: &str) -> bool {
    let (x, y): (std::collections::HashSet<String>, std::collections::HashSet<String>) =
        (text::content_stems(a).into_iter().collect(), text::content_stems(b).into_iter().collect());
    let common = x.intersection(&y).count();
    common * 2 >= (x.len() + y.len() - common).max(1)
}

/// Who copied whom: `(true, _)` when `a` is the source.
fn orient(a: &Article, b: &Article, kind: CopyKind, cont_a: f64, cont_b: f64) -> (bool, Direction) {
    let day = |x: &Article| x.published.as_deref().and_then(crate::extract::meta::day_of);
    if let (Some(da), Some(db)) = (day(a), day(b)) {
        if da != db {
            return (da < db, Direction::Time);
        }
    }
    if a.repost != b.repost {
        return (!a.repost, Direction::Credit);
    }
    // A wire's own copy against one that credits the wire ("VARENHOLM (NWS) —") on another
    // outlet, or on none: the wire's is the source.
    let own = |x: &Article, w: &str| {
        x.outlet.as_deref().is_some_and(|o| crate::extract::meta::outlet_is_wire(o, w))
            || x.url
                .as_deref()
                .and_then(crate::extract::meta::host)
                .is_some_and(|h| crate::extract::meta::outlet_is_wire(&h, w))
    };
    for w in [a.wire.as_deref(), b.wire.as_deref()].into_iter().flatten() {
        let (own_a, own_b) = (own(a, w), own(b, w));
        if own_a != own_b && (if own_a { b.wire.as_deref() == Some(w) } else { a.wire.as_deref() == Some(w) }) {
            return (own_a, Direction::Credit);
        }
    }
    if kind == CopyKind::Excerpt {
        // The excerpt is the article mostly contained in the other.
        return (cont_b > cont_a, Direction::Containment);
    }
    (a.id < b.id, Direction::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::model::{Format, Hints, RawArticle};

    fn article(path: &str, text: &str) -> Article {
        extract(&RawArticle { path: path.into(), format: Format::Text, content: text.into(), hints: Hints::default() })
            .unwrap()
    }

    const WIRE: &str = "Port Varen deal\n2025-03-10\n\
        Dockworkers in Port Varen ended a nine-day strike on Monday after the harbour authority agreed to raise night-shift pay.\n\
        The agreement was reached after roughly 4-1/2 hours of talks between union leader Mara Kelt and harbour master Ilse Marrow.\n\
        “We got what we came for, and the port can breathe again,” Kelt told reporters outside the authority's offices.\n\
        Marrow called the talks a frank and constructive discussion and said the first ferries would sail on Tuesday morning.\n\
        About 2,300 dockworkers had stopped work, stranding hundreds of trucks on the coastal road to Varenholm.";

    #[test]
    fn reprint_is_verbatim_and_oriented_by_time() {
        let a = article("a.txt", WIRE);
        let b = article("b.txt", &WIRE.replace("2025-03-10", "2025-03-11").replace("Port Varen deal", "Strike over"));
        let c = compare(&b, &a, &Config::default()).unwrap();
        assert_eq!((c.kind, c.direction.clone()), (CopyKind::Verbatim, Direction::Time));
        assert_eq!(c.from, a.id);
        assert!(c.shared > 0.95);
    }

    #[test]
    fn the_wire_is_the_source_of_a_copy_that_credits_it() {
        let body = WIRE.replacen("Dockworkers in Port Varen", "PORT VAREN (NWS) — Dockworkers in Port Varen", 1);
        let wire = article(
            "wire.txt",
            &body.replacen("2025-03-10\n", "2025-03-10\nhttps://www.northernwire.example/news/port-varen\n", 1),
        );
        let reprint =
            article("reprint.txt", &body.replacen("Port Varen deal\n2025-03-10\n", "Strike over in Port Varen\n", 1));
        assert_eq!((wire.wire.as_deref(), reprint.wire.as_deref()), (Some("NWS"), Some("NWS")));
        for (x, y) in [(&wire, &reprint), (&reprint, &wire)] {
            let c = compare(x, y, &Config::default()).unwrap();
            assert_eq!((c.from.clone(), c.direction.clone()), (wire.id.clone(), Direction::Credit));
        }
        // Two outlets that both credit the wire, neither of them the wire: nothing tells.
        let other = article(
            "other.txt",
            &body.replacen(
                "Port Varen deal\n2025-03-10\n",
                "Port Varen strike ends\nhttps://www.meridianpost.example/a\n",
                1,
            ),
        );
        assert_eq!(compare(&reprint, &other, &Config::default()).unwrap().direction, Direction::Unknown);
    }

    #[test]
    fn rewrite_is_detected() {
        let a = article("a.txt", WIRE);
        let b = article(
            "b.txt",
            "Varen strike over\n\
             Port Varen dockworkers finished a nine-day walkout on Monday once the harbour authority accepted a rise in night-shift pay.\n\
             The deal came after about 4-1/2 hours of negotiations between union chief Mara Kelt and harbour master Ilse Marrow.\n\
             “We obtained what we came for, and the port can breathe again,” Kelt said to reporters outside the offices of the authority.\n\
             Marrow described the talks as a frank and useful discussion and said the first ferries would sail on Tuesday morning.\n\
             Some 2,300 dockworkers had halted work, stranding hundreds of trucks on the coastal road to Varenholm.\nSource link",
        );
        let c = compare(&a, &b, &Config::default()).unwrap();
        assert_eq!(c.kind, CopyKind::Rewrite);
        assert_eq!((c.from.clone(), c.direction.clone()), (a.id.clone(), Direction::Credit));
        assert!(c.shared > 0.99, "{}", c.shared);
        // A lead reworded too heavily for the per-sentence test still sits between the start and
        // the second sentence in both, so the share counts it.
        let heavy = article(
            "c.txt",
            &format!("Varen strike over\n{}", b.body).replacen(
                "Port Varen dockworkers finished a nine-day walkout on Monday once the harbour authority accepted a rise in night-shift pay.",
                "Harbour staff in Port Varen called off a walkout of nine days on Monday, once bosses at the authority gave in on night-shift wages.",
                1,
            ),
        );
        let (sa, sh) = (align::prepare(&a.body), align::prepare(&heavy.body));
        assert!(sh[0].text.starts_with("Harbour staff"), "{}", sh[0].text);
        assert!(align::align(&sa, &sh).iter().all(|p| p.a != 0), "the lead should need gap filling");
        let c = compare(&a, &heavy, &Config::default()).unwrap();
        assert_eq!(c.kind, CopyKind::Rewrite);
        assert!(c.shared > 0.99, "{}", c.shared);
    }

    #[test]
    fn a_shared_statement_or_closing_boilerplate_is_not_a_copy() {
        let statement = "“The harbour authority regrets the disruption to shippers and passengers. \
            We remain committed to a negotiated settlement that protects every job on the quays. \
            Our door is open at any hour, and we will meet the union wherever it wishes. \
            No crane will be automated before an agreement is signed,” the authority said in a statement.";
        let a = article(
            "a.txt",
            &format!("Strike day 12\nDockworkers in Port Varen marched to the town hall on Friday.\n{statement}\nThe march ended peacefully."),
        );
        let b = article(
            "b.txt",
            &format!("Ferries idle\nThe island ferries stayed in port for a fifth day as the strike went on.\n{statement}\nTravellers were told to check timetables."),
        );
        assert!(compare(&a, &b, &Config::default()).is_none());
        let about = "About the Varen Daily. The Varen Daily is an independent newspaper founded in 1921. \
            It is owned by a reader cooperative with more than 4,000 members. \
            Its newsroom follows the code of the Varen Press Council.";
        let story = |lead: &str, body: &[&str]| format!("Local news\n{lead}\n{}\n{about}", body.join("\n"));
        let a = article(
            "a.txt",
            &story(
                "The Varenholm council approved a new cycle lane along the harbour road on Tuesday.",
                &[
                    "The lane will run for four kilometres from the ferry terminal to the old customs hall.",
                    "Cyclists have campaigned for a separate lane since a collision near the quay in 2022.",
                    "Shop owners on the harbour road said they feared losing parking spaces.",
                    "Construction is expected to start in the autumn and take about six months.",
                ],
            ),
        );
        let b = article(
            "b.txt",
            &story(
                "Lindqvist museum officials said attendance doubled after the east wing reopened.",
                &[
                    "More than 9,000 visitors came in the first month, twice as many as a year earlier.",
                    "The wing houses the museum's collection of fossils from the northern coast.",
                    "School groups have booked most weekday mornings until the summer holidays.",
                    "The museum plans to extend its opening hours on Thursdays from May.",
                ],
            ),
        );
        assert!(compare(&a, &b, &Config::default()).is_none());
    }

    #[test]
    fn a_shared_quote_alone_is_not_a_copy() {
        let a = article("a.txt", WIRE);
        let b = article(
            "b.txt",
            "Ferries sail again\n\
             The first ferry left Port Varen at dawn on Tuesday with a full load of trucks and a brass band on the quay.\n\
             “We got what we came for, and the port can breathe again,” Kelt told reporters outside the authority's offices.\n\
             Passengers said they had waited more than a week to reach relatives on the islands.",
        );
        assert!(compare(&a, &b, &Config::default()).is_none());
    }
}
