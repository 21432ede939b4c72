//! Stage 8 (the brief's summary) against NeuS: three articles of one story from outlets of the
//! left, centre and right, and the editors' neutral roundup of them (AllSides).
//!
//! - Set `neus` — `multisource/neus/val.source` (one story per line, the three articles as
//!   `TITLE=> … ARTICLE=> …` joined by `[SEP]`) and `val.target` (the roundup, same markers).
//!   The reference is the roundup's `ARTICLE=>` text; its title is not scored, since no system
//!   here writes a headline.
//! - Systems: storyline (the brief's summary sentences, in the brief's order, of the three
//!   articles run through copy detection and `brief`), lead-3 of the line's first article (the
//!   set's article order is not known to be left/centre/right, so no article is the centre one),
//!   lead-3 of the most central article (the one whose content stems are closest, by summed
//!   cosine, to the other two: ALGORITHMS.md's stronger lead baseline), and LexRank over the three
//!   (our own: TF-IDF cosine graph over content stems, threshold 0.1, power iteration with
//!   damping 0.85, top sentences without redundancy).
//! - Two oracles that read the roundup, printed as upper references and never counted as a
//!   baseline: the best of the three articles' lead-3, and greedy sentence extraction that adds,
//!   while ROUGE-2 F1 rises, the sentence that raises it most. They show where extraction could
//!   go if it knew what the editors wrote.
//! - Every system is cut to the same word budget: the references' mean length in words, rounded
//!   (ROUGE-1.5.5's `-l`), so no system wins by length.
//! - ROUGE as ROUGE-1.5.5 `-m` computes it: lower case, tokens are runs of `[a-z0-9]`, each
//!   stemmed (rust-stemmers' Snowball English, the revised Porter stemmer; ROUGE-1.5.5 has the
//!   original Porter, which differs on a few suffixes), stopwords kept. ROUGE-N F1 on clipped
//!   n-gram counts; ROUGE-L F1 from the LCS of the whole summary and the whole reference as
//!   token sequences (`rougeL` of Google's rouge-score, not the sentence-union `rougeLsum`).
//!   F1 per story, averaged over stories; an empty summary scores 0.

use crate::Report;
use anyhow::Context;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use storyline::model::{Article, StoryId};

/// The sets this module evaluates.
pub const SETS: &[&str] = &["neus"];

/// One story: its articles (title, body) and the editors' roundup.
#[derive(Debug, Clone)]
pub struct Story {
    /// The articles as (title, body).
    pub articles: Vec<(String, String)>,
    /// The reference summary (the roundup's body).
    pub reference: String,
}

/// ROUGE-1, ROUGE-2 and ROUGE-L F1 (0–1), averaged over stories.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// ROUGE-1 F1.
    pub r1: f64,
    /// ROUGE-2 F1.
    pub r2: f64,
    /// ROUGE-L F1 (whole-summary LCS).
    pub rl: f64,
    /// Mean summary length in words, after the budget cut.
    pub words: f64,
}

/// The systems compared, in report order.
pub const SYSTEMS: &[&str] =
    &["storyline", "lead-3 (first article)", "lead-3 (most central article)", "LexRank (three articles)"];

/// The oracles, which read the reference; scored after [`SYSTEMS`], never a baseline.
pub const ORACLES: &[&str] = &["oracle: best article's lead-3", "oracle: greedy sentences"];

/// Read the NeuS val split.
pub fn load(data: &Path) -> anyhow::Result<Vec<Story>> {
    load_split(data, "val")
}

/// Read a NeuS split (`train` or `val`): tuning happens on `train`, scores are reported on `val`.
pub fn load_split(data: &Path, split: &str) -> anyhow::Result<Vec<Story>> {
    let dir = data.join("multisource/neus");
    let read = |name: &str| -> anyhow::Result<String> {
        let path = dir.join(name);
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let (source, target) = (read(&format!("{split}.source"))?, read(&format!("{split}.target"))?);
    let stories: Vec<Story> = source
        .lines()
        .zip(target.lines())
        .map(|(s, t)| Story { articles: s.split("[SEP]").map(piece).collect(), reference: piece(t).1 })
        .collect();
    anyhow::ensure!(source.lines().count() == stories.len(), "{split}.source and {split}.target differ in length");
    Ok(stories)
}

/// One `TITLE=> … ARTICLE=> …` piece as (title, body).
fn piece(text: &str) -> (String, String) {
    let text = text.trim();
    let text = text.strip_prefix("TITLE=>").unwrap_or(text);
    let (title, body) = text.split_once("ARTICLE=>").unwrap_or(("", text));
    (title.trim().to_string(), body.trim().to_string())
}

/// The word budget: the references' mean length in words, rounded.
pub fn budget(stories: &[Story]) -> usize {
    let total: usize = stories.iter().map(|s| s.reference.split_whitespace().count()).sum();
    (total as f64 / stories.len().max(1) as f64).round() as usize
}

/// The summaries of every system for one story, each cut to `budget` words, in [`SYSTEMS`] order.
pub fn summaries(story: &Story, budget: usize) -> Vec<String> {
    let central = central_article(story).map(|i| story.articles[i].1.as_str()).unwrap_or("");
    vec![
        cut(&storyline(story, budget), budget),
        cut(&lead(story.articles.first().map(|a| a.1.as_str()).unwrap_or(""), 3), budget),
        cut(&lead(central, 3), budget),
        cut(&lexrank(story, budget), budget),
    ]
}

/// The oracles' summaries for one story, each cut to `budget` words, in [`ORACLES`] order.
pub fn oracles(story: &Story, budget: usize) -> Vec<String> {
    let refr = tokens(&story.reference);
    let r2 = |text: &str| rouge_n(&tokens(&cut(text, budget)), &refr, 2);
    let best_lead =
        story.articles.iter().map(|a| lead(&a.1, 3)).max_by(|a, b| r2(a).total_cmp(&r2(b))).unwrap_or_default();
    vec![cut(&best_lead, budget), cut(&greedy_oracle(story, budget), budget)]
}

/// Greedy extractive oracle: starting empty, add the sentence (of any article) whose addition
/// raises the cut summary's ROUGE-2 F1 most, while one does and the budget is not filled.
fn greedy_oracle(story: &Story, budget: usize) -> String {
    let refr = tokens(&story.reference);
    let sents: Vec<&str> = story.articles.iter().flat_map(|a| sentences(&a.1)).collect();
    let mut chosen: Vec<usize> = Vec::new();
    let text = |chosen: &[usize]| chosen.iter().map(|&i| sents[i]).collect::<Vec<_>>().join(" ");
    let mut score = 0.0;
    while text(&chosen).split_whitespace().count() < budget {
        let mut best: Option<(f64, usize)> = None;
        for i in (0..sents.len()).filter(|i| !chosen.contains(i)) {
            let mut with = chosen.clone();
            with.push(i);
            let s = rouge_n(&tokens(&cut(&text(&with), budget)), &refr, 2);
            if s > score && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, i));
            }
        }
        let Some((s, i)) = best else { break };
        chosen.push(i);
        score = s;
    }
    text(&chosen)
}

/// The article whose content stems are closest to the others': the largest sum of term-frequency
/// cosines with every other article of the story (ties: the earliest). `None` for no articles.
pub fn central_article(story: &Story) -> Option<usize> {
    let bags: Vec<HashMap<String, f64>> =
        story.articles.iter().map(|(t, b)| stem_counts(&format!("{t} {b}"))).collect();
    let centrality =
        |i: usize| -> f64 { (0..bags.len()).filter(|&j| j != i).map(|j| cosine(&bags[i], &bags[j])).sum() };
    (0..bags.len())
        .fold(None, |best: Option<(usize, f64)>, i| {
            let c = centrality(i);
            match best {
                Some((_, b)) if b >= c => best,
                _ => Some((i, c)),
            }
        })
        .map(|(i, _)| i)
}

/// Score every system over `stories`, in [`SYSTEMS`] order.
pub fn evaluate(stories: &[Story], budget: usize) -> Vec<Scores> {
    score_all(stories, budget, summaries)
}

/// Score the oracles over `stories`, in [`ORACLES`] order.
pub fn evaluate_oracles(stories: &[Story], budget: usize) -> Vec<Scores> {
    score_all(stories, budget, oracles)
}

/// Average ROUGE of the summaries `make` writes for each story.
fn score_all(stories: &[Story], budget: usize, make: fn(&Story, usize) -> Vec<String>) -> Vec<Scores> {
    let per_story: Vec<Vec<(f64, f64, f64, usize)>> = stories
        .par_iter()
        .map(|s| {
            make(s, budget)
                .iter()
                .map(|sum| {
                    let (c, r) = (tokens(sum), tokens(&s.reference));
                    (rouge_n(&c, &r, 1), rouge_n(&c, &r, 2), rouge_l(&c, &r), sum.split_whitespace().count())
                })
                .collect()
        })
        .collect();
    let n = per_story.len().max(1) as f64;
    (0..per_story.first().map_or(0, Vec::len))
        .map(|i| {
            let mut s = Scores::default();
            for story in &per_story {
                let (r1, r2, rl, w) = story[i];
                s.r1 += r1 / n;
                s.r2 += r2 / n;
                s.rl += rl / n;
                s.words += w as f64 / n;
            }
            s
        })
        .collect()
}

/// The evaluation of `set` (only `neus`).
pub fn run(set: Option<&str>, data: &Path) -> anyhow::Result<Report> {
    let set = set.unwrap_or("neus");
    anyhow::ensure!(set == "neus", "no summary set {set:?}; sets: {SETS:?}");
    let stories = load(data)?;
    let budget = budget(&stories);
    let scores = evaluate(&stories, budget);
    let oracle_scores = evaluate_oracles(&stories, budget);
    let pct = |x: f64| format!("{:.2}", 100.0 * x);
    let rows = SYSTEMS
        .iter()
        .zip(&scores)
        .chain(ORACLES.iter().zip(&oracle_scores))
        .map(|(name, s)| vec![name.to_string(), pct(s.r1), pct(s.r2), pct(s.rl), format!("{:.1}", s.words)])
        .collect();
    let best = scores[1..].iter().map(|s| s.r2).fold(0.0, f64::max);
    Ok(Report {
        title: format!("summary / NeuS val ({} stories of three articles)", stories.len()),
        columns: ["system", "ROUGE-1 F1", "ROUGE-2 F1", "ROUGE-L F1", "words"].map(String::from).to_vec(),
        rows,
        notes: vec![
            format!(
                "storyline ROUGE-2 / best baseline ROUGE-2 = {:.2} (issue 7 target: ≥ 1.20)",
                scores[0].r2 / best.max(f64::EPSILON)
            ),
            format!("every system is cut to {budget} words, the mean length of the references (the roundups' bodies; titles not scored)"),
            "ROUGE-1.5.5 -m style: lower case, [a-z0-9] tokens, Snowball English stems, stopwords kept; F1 per story, averaged; ROUGE-L = LCS over the whole summary (rouge-score's rougeL)".into(),
            "storyline = the brief's summary sentences in the brief's order, the budget given as its word limit (copies detected among the three articles); lead-3 (first) = the line's first article (the set's article order is not left/centre/right); lead-3 (central) = the article with the largest summed cosine of content stems to the other two; LexRank = our own, TF-IDF cosine threshold 0.1, damping 0.85, redundancy cosine ≤ 0.5".into(),
            "the two oracles read the roundup (best lead-3 of the three articles; greedy sentences while ROUGE-2 F1 rises): upper references, not baselines".into(),
            "published: the data README lists no ROUGE numbers for this protocol (the NeuS paper scores generated title + article)".into(),
        ],
    })
}

/// storyline's summary: the three articles through copy detection and the brief.
pub fn storyline(story: &Story, budget: usize) -> String {
    let articles: Vec<Article> =
        story.articles.iter().enumerate().map(|(i, (t, b))| Article::from_text(&format!("#{i}"), t, b)).collect();
    let config = storyline::dedup::Config::default();
    let mut copies = Vec::new();
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            copies.extend(storyline::dedup::compare(&articles[i], &articles[j], &config));
        }
    }
    let options = storyline::brief::Options { summary_words: Some(budget), ..Default::default() };
    let brief = storyline::brief::brief_with(StoryId(0), &articles, copies, &options);
    brief.summary.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The sentences of a body, trimmed.
pub fn sentences(body: &str) -> Vec<&str> {
    storyline::text::sentences(body).into_iter().map(|(a, b)| body[a..b].trim()).filter(|s| !s.is_empty()).collect()
}

/// The first `k` sentences of a body.
fn lead(body: &str, k: usize) -> String {
    sentences(body).into_iter().take(k).collect::<Vec<_>>().join(" ")
}

/// The first `budget` words of a text (ROUGE-1.5.5's `-l`).
pub fn cut(text: &str, budget: usize) -> String {
    text.split_whitespace().take(budget).collect::<Vec<_>>().join(" ")
}

/// LexRank (Erkan & Radev 2004) over the sentences of all articles: TF-IDF vectors of content
/// stems (IDF over the story's sentences), an edge where the cosine is ≥ 0.1, degree-normalized,
/// power iteration with damping 0.85; then the best sentences whose cosine with every one
/// already picked is ≤ 0.5, until `budget` words.
pub fn lexrank(story: &Story, budget: usize) -> String {
    let sents: Vec<&str> = story.articles.iter().flat_map(|a| sentences(&a.1)).collect();
    let n = sents.len();
    if n == 0 {
        return String::new();
    }
    let bags: Vec<HashMap<String, f64>> = sents.iter().map(|s| stem_counts(s)).collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for b in &bags {
        for w in b.keys() {
            *df.entry(w.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let vecs: Vec<HashMap<&str, f64>> = bags
        .iter()
        .map(|b| b.iter().map(|(w, tf)| (w.as_str(), tf * (n as f64 / df[w.as_str()]).ln().max(0.0))).collect())
        .collect();
    let sim: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| cosine(&vecs[i], &vecs[j])).collect()).collect();
    let scores = centrality(&sim, 0.1, 0.85);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::new();
    let mut words = 0;
    for i in order {
        if words >= budget {
            break;
        }
        if chosen.iter().any(|&c| sim[i][c] > 0.5) {
            continue;
        }
        words += sents[i].split_whitespace().count();
        chosen.push(i);
    }
    chosen.iter().map(|&i| sents[i]).collect::<Vec<_>>().join(" ")
}

/// How often each content stem occurs in `text`.
fn stem_counts(text: &str) -> HashMap<String, f64> {
    let mut tf = HashMap::new();
    for w in storyline::text::content_stems(text) {
        *tf.entry(w).or_insert(0.0) += 1.0;
    }
    tf
}

/// Cosine of two sparse vectors (0 when either is empty).
fn cosine<K: std::hash::Hash + Eq>(a: &HashMap<K, f64>, b: &HashMap<K, f64>) -> f64 {
    let dot: f64 = a.iter().filter_map(|(w, x)| b.get(w).map(|y| x * y)).sum();
    let norm = |v: &HashMap<K, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let d = norm(a) * norm(b);
    if d == 0.0 {
        0.0
    } else {
        dot / d
    }
}

/// Stationary scores of the thresholded similarity graph (each sentence links to itself, so no
/// row is empty), by power iteration.
pub fn centrality(sim: &[Vec<f64>], threshold: f64, damping: f64) -> Vec<f64> {
    let n = sim.len();
    let adj: Vec<Vec<usize>> = (0..n).map(|i| (0..n).filter(|&j| i == j || sim[i][j] >= threshold).collect()).collect();
    let mut p = vec![1.0 / n as f64; n];
    for _ in 0..100 {
        let mut next = vec![(1.0 - damping) / n as f64; n];
        for (i, links) in adj.iter().enumerate() {
            let share = damping * p[i] / links.len() as f64;
            for &j in links {
                next[j] += share;
            }
        }
        let delta: f64 = next.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        p = next;
        if delta < 1e-9 {
            break;
        }
    }
    p
}

/// ROUGE tokens: lower case, runs of `[a-z0-9]`, stemmed.
pub fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(storyline::text::stem)
        .collect()
}

/// F1 from overlap and the two lengths.
fn f1(hit: usize, cand: usize, refr: usize) -> f64 {
    if hit == 0 || cand == 0 || refr == 0 {
        return 0.0;
    }
    let (p, r) = (hit as f64 / cand as f64, hit as f64 / refr as f64);
    2.0 * p * r / (p + r)
}

/// ROUGE-N F1: n-gram overlap with counts clipped to the reference's.
pub fn rouge_n(cand: &[String], refr: &[String], n: usize) -> f64 {
    let (hit, c, r) = storyline::text::clipped_matches(cand, refr, n);
    f1(hit, c, r)
}

/// ROUGE-L F1: longest common subsequence of the two token sequences.
pub fn rouge_l(cand: &[String], refr: &[String]) -> f64 {
    f1(storyline::text::lcs_len(cand, refr), cand.len(), refr.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn tokens_lowercase_split_and_stem() {
        assert_eq!(t("The U.S. talks, running!"), ["the", "u", "s", "talk", "run"]);
    }

    #[test]
    fn rouge_by_hand() {
        // cand: the cat sat on the mat (6); ref: the cat lay on the mat today (7).
        let c = t("the cat sat on the mat");
        let r = t("the cat lay on the mat today");
        // Unigrams: the×2, cat, on, mat = 5 hits; P 5/6, R 5/7 → F 10/13.
        assert!((rouge_n(&c, &r, 1) - 10.0 / 13.0).abs() < 1e-12);
        // Bigrams: "the cat", "on the", "the mat" = 3 of 5 and 6 → F 6/11.
        assert!((rouge_n(&c, &r, 2) - 6.0 / 11.0).abs() < 1e-12);
        // LCS "the cat on the mat" = 5 → same as ROUGE-1 here.
        assert!((rouge_l(&c, &r) - 10.0 / 13.0).abs() < 1e-12);
        // Order matters for LCS but not for ROUGE-1: "mat the on cat the" keeps only "the on the"
        // in order: LCS 3, P 3/5, R 3/7 → F 1/2.
        let shuffled = t("mat the on cat the");
        assert!((rouge_n(&shuffled, &r, 1) - 10.0 / 12.0).abs() < 1e-12);
        assert!((rouge_l(&shuffled, &r) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn clipping_and_empty() {
        // "the the the" vs "the cat": one clipped hit; P 1/3, R 1/2 → F 0.4.
        assert!((rouge_n(&t("the the the"), &t("the cat"), 1) - 0.4).abs() < 1e-12);
        assert_eq!(rouge_n(&[], &t("the cat"), 1), 0.0);
        assert_eq!(rouge_n(&t("cat"), &t("the cat"), 2), 0.0);
        assert_eq!(rouge_l(&[], &t("a")), 0.0);
    }

    #[test]
    fn pieces_and_budget() {
        let (title, body) = piece(" TITLE=> A title. ARTICLE=> Body one. Body two. ");
        assert_eq!((title.as_str(), body.as_str()), ("A title.", "Body one. Body two."));
        assert_eq!(cut("a b c d", 2), "a b");
        assert_eq!(lead("One is here. Two is here. Three is here. Four is here.", 3).split(". ").count(), 3);
    }

    #[test]
    fn central_article_and_oracles() {
        let s = |t: &str, b: &str| (t.to_string(), b.to_string());
        let story = Story {
            articles: vec![
                s("Bakery wins prize", "A bakery won a prize for rye bread. The owner was pleased."),
                s("Storms flood city", "Storms flooded the coastal city on Monday. Roads were closed."),
                s("City flooded", "The coastal city was flooded by storms. Schools were closed on Monday."),
            ],
            reference: "Storms flooded the coastal city on Monday, and schools were closed.".into(),
        };
        // Article 1 shares "storm flood coastal city monday close" with 2; 0 shares nothing.
        assert_eq!(central_article(&story), Some(1));
        assert_eq!(central_article(&Story { articles: vec![], reference: String::new() }), None);
        let [best_lead, greedy] = oracles(&story, 20).try_into().unwrap();
        assert!(best_lead.starts_with("Storms flooded the coastal city"));
        // The greedy oracle takes the sentence with the most reference bigrams first and stops
        // when no sentence raises ROUGE-2 F1; the bakery never helps.
        assert!(greedy.starts_with("Storms flooded the coastal city on Monday."), "{greedy}");
        assert!(!greedy.contains("bakery"), "{greedy}");
    }

    #[test]
    fn lexrank_prefers_the_shared_point() {
        let s = |b: &str| (String::new(), b.to_string());
        let story = Story {
            articles: vec![
                s("Storms flooded the coastal city on Monday. A bakery reopened downtown."),
                s("The coastal city was flooded by storms Monday. Officials counted losses."),
                s("Storms flooded streets of the coastal city. Schools stayed closed."),
            ],
            reference: String::new(),
        };
        assert!(lexrank(&story, 8).contains("flood"));
        let c = centrality(&[vec![1.0, 0.5], vec![0.5, 1.0]], 0.1, 0.85);
        assert!((c[0] - 0.5).abs() < 1e-9 && (c[1] - 0.5).abs() < 1e-9);
    }
}
