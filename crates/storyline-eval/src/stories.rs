//! Stage 5 (stories) against three gold clusterings: NeuS, ECB+ and the UCI News Aggregator.
//!
//! Every set is cut into a *tuning* part and a disjoint *test* part; settings (ours and the
//! baseline's threshold) are chosen on the tuning part only, and the test part is the headline
//! number. The parts and the arrival order:
//!
//! - `neus` — `multisource/neus`: every `.source` line is one story of three articles
//!   (`TITLE=> … ARTICLE=> … [SEP] …`). Test: the val split (307 stories, 921 articles).
//!   Tuning: the first 800 lines of the train split. No dates; each part's articles are shuffled
//!   with a fixed seed and clustered in that order.
//! - `ecbplus` — `clustering/ecbplus`: 982 tokenized documents; gold = topic + `ecb`/`ecbplus`
//!   suffix (86 events, two of the same kind per topic). The text is rebuilt from the tokens
//!   (a leading URL goes to `url`, the first sentence stands as the title). Test: topics 36–45,
//!   the usual ECB+ test topics; tuning: topics 1–35 (the part ALGORITHMS.md's dev numbers use).
//!   The documents carry no dates, so each part is shuffled with a fixed seed.
//! - `uci` — `clustering/uci-news-aggregator`: headlines only, in timestamp order, with the
//!   timestamp as publication time. Tuning: the first half in time; test: the second half. The
//!   file's last row is cut off (no story, no timestamp) and is skipped: 6,366 headlines.
//!
//! Scores are B-cubed precision/recall/F1 (per-article averages, Bagga & Baldwin 1998) and the
//! adjusted Rand index (Hubert & Arabie 1985), both computed here. The baseline, TF-IDF +
//! scikit-learn agglomerative clustering with the linkage and distance threshold tuned on the
//! tuning part, runs from `peers/stories_sklearn.py` in `target/peers-venv` when that exists.

use crate::Report;
use anyhow::{bail, Context};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use storyline::cluster::{Clusterer, Config};
use storyline::model::{Article, StoryId};

/// The sets this stage can be scored on.
pub const SETS: &[&str] = &["neus", "ecbplus", "uci"];

/// Lines of NeuS train used as the tuning part (keeps the baseline's O(n²) tuning quick).
const NEUS_TUNE_STORIES: usize = 800;

/// The fixed shuffle seed for the dateless sets.
const SEED: u64 = 0x5eed_0005;

/// One gold-labelled document, ready to become an [`Article`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct Doc {
    /// Headline (for ECB+, the first sentence).
    pub title: String,
    /// Body text, paragraphs separated by a blank line (empty for headline-only sets).
    pub body: String,
    /// Publication time (RFC 3339), when the set has one.
    pub published: Option<String>,
    /// URL, when the set has one.
    pub url: Option<String>,
    /// Gold story label.
    pub gold: String,
}

/// A set cut into a tuning part and a test part, each in arrival order.
#[derive(Debug, Clone)]
pub struct Split {
    /// The set's name.
    pub set: &'static str,
    /// What the tuning part is.
    pub tune_name: &'static str,
    /// Documents for choosing settings.
    pub tune: Vec<Doc>,
    /// What the test part is.
    pub test_name: &'static str,
    /// Documents for the reported score.
    pub test: Vec<Doc>,
}

/// Clustering scores against gold.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Articles scored.
    pub articles: usize,
    /// Predicted clusters.
    pub clusters: usize,
    /// Gold clusters.
    pub gold_clusters: usize,
    /// B-cubed precision.
    pub precision: f64,
    /// B-cubed recall.
    pub recall: f64,
    /// B-cubed F1 (harmonic mean of the averaged precision and recall).
    pub f1: f64,
    /// Adjusted Rand index.
    pub ari: f64,
}

/// Load `set` from the shared data directory.
pub fn load(set: &str, data: &Path) -> anyhow::Result<Split> {
    match set {
        "neus" => load_neus(data),
        "ecbplus" => load_ecbplus(data),
        "uci" => load_uci(data),
        _ => bail!("unknown stories set {set:?}; sets: {SETS:?}"),
    }
}

/// The evaluation: storyline and the baseline on both parts of `set` (default `neus`).
pub fn run(set: Option<&str>, data: &Path) -> anyhow::Result<Report> {
    let set = set.unwrap_or("neus");
    let split = load(set, data)?;
    let config = Config::default();
    let ours_test = score(&cluster(&split.test, &config), &split.test);
    let ours_tune = score(&cluster(&split.tune, &config), &split.tune);
    let mut rows = vec![row("storyline", split.test_name, &ours_test)];
    let mut notes = vec![format!(
        "tuning part: {} ({} articles); test part: {} ({} articles); settings were chosen on the tuning part only",
        split.tune_name,
        split.tune.len(),
        split.test_name,
        split.test.len()
    )];
    match baseline(&split) {
        Ok(Some(b)) => {
            rows.push(row("sklearn TF-IDF + agglomerative", split.test_name, &score(&b.test, &split.test)));
            rows.push(row("storyline", split.tune_name, &ours_tune));
            rows.push(row("sklearn TF-IDF + agglomerative", split.tune_name, &score(&b.tune, &split.tune)));
            notes.push(format!("baseline settings tuned on the tuning part: {}", b.setting));
            if let Some((labels, setting)) = &b.ceiling {
                let name = "sklearn, settings picked on the test part (a bound, not a result)";
                rows.push(row(name, split.test_name, &score(labels, &split.test)));
                notes.push(format!(
                    "bound: the best B³ F1 any TF-IDF agglomerative clustering reaches on the test part when the \
                     vectorizer (unigram or unigram+bigram), linkage and threshold (0.300–0.995 by 0.005) are \
                     picked with the test part's own gold: {setting}"
                ));
            }
        }
        Ok(None) => {
            rows.push(row("storyline", split.tune_name, &ours_tune));
            notes.push(format!(
                "baseline skipped: no {} (python3 -m venv target/peers-venv && target/peers-venv/bin/pip install scikit-learn)",
                venv_python().display()
            ));
        }
        Err(e) => {
            rows.push(row("storyline", split.tune_name, &ours_tune));
            notes.push(format!("baseline failed: {e:#}"));
        }
    }
    rows.extend(reference(set));
    notes.push(order_note(set).into());
    notes.push("B³ = per-article B-cubed averages; ARI = adjusted Rand index; reference rows are ALGORITHMS.md's dev numbers (B³ F1 only)".into());
    Ok(Report {
        title: format!("stories / {set}"),
        columns: ["system", "part", "articles", "clusters (gold)", "B³ P", "B³ R", "B³ F1", "ARI"]
            .map(String::from)
            .to_vec(),
        rows,
        notes,
    })
}

/// Run the real clusterer over `docs` in order; the story of each document.
pub fn cluster(docs: &[Doc], config: &Config) -> Vec<StoryId> {
    let mut clusterer = Clusterer::new(config.clone());
    let mut placed: Vec<StoryId> = Vec::with_capacity(docs.len());
    let mut by_id: HashMap<storyline::model::ArticleId, Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let a = article(d, i);
        let assignment = clusterer.assign(&a, None);
        // Articles moved to another story follow (two documents with one text move together).
        for m in &assignment.moved {
            for &j in by_id.get(&m.article).map(Vec::as_slice).unwrap_or(&[]) {
                placed[j] = m.to;
            }
        }
        placed.push(assignment.story);
        by_id.entry(a.id).or_default().push(i);
    }
    // Stories merged later in the stream take their articles with them.
    placed.into_iter().map(|s| clusterer.resolve(s)).collect()
}

/// Score `predicted` stories against the gold labels of `docs`.
pub fn score(predicted: &[StoryId], docs: &[Doc]) -> Scores {
    let gold: Vec<&str> = docs.iter().map(|d| d.gold.as_str()).collect();
    let (precision, recall) = b_cubed(predicted, &gold);
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Scores {
        articles: docs.len(),
        clusters: distinct(predicted),
        gold_clusters: distinct(&gold),
        precision,
        recall,
        f1,
        ari: ari(predicted, &gold),
    }
}

fn article(d: &Doc, i: usize) -> Article {
    Article {
        id: storyline::extract::article_id(&d.title, &d.body),
        path: format!("#{i}"),
        title: d.title.clone(),
        body: d.body.clone(),
        published: d.published.clone(),
        url: d.url.clone(),
        outlet: None,
        byline: None,
        dateline: None,
        wire: None,
        repost: false,
        language: Some("en".into()),
        repairs: Vec::new(),
    }
}

fn row(system: &str, part: &str, s: &Scores) -> Vec<String> {
    vec![
        system.into(),
        part.into(),
        s.articles.to_string(),
        format!("{} ({})", s.clusters, s.gold_clusters),
        format!("{:.3}", s.precision),
        format!("{:.3}", s.recall),
        format!("{:.3}", s.f1),
        format!("{:.3}", s.ari),
    ]
}

fn reference(set: &str) -> Vec<Vec<String>> {
    let (part, agglomerative, single_pass) = match set {
        "neus" => ("NeuS val", "0.857", "0.833"),
        "ecbplus" => ("topics 1–35", "0.885", "0.886"),
        _ => ("first half", "0.767", "0.796"),
    };
    let dash = || "–".to_string();
    [("reference: TF-IDF + agglomerative", agglomerative), ("reference: single-pass online", single_pass)]
        .into_iter()
        .map(|(name, f1)| vec![name.into(), part.into(), dash(), dash(), dash(), dash(), f1.into(), dash()])
        .collect()
}

fn order_note(set: &str) -> &'static str {
    match set {
        "neus" => "order: NeuS has no dates; each part's articles are shuffled with a fixed seed",
        "ecbplus" => {
            "order: ECB+ documents have no dates; each part is shuffled with a fixed seed (topic order would hand the clusterer the answer)"
        }
        _ => "order: UCI headlines in timestamp order, headline only, timestamp as publication time",
    }
}

fn distinct<T: std::hash::Hash + Eq>(labels: &[T]) -> usize {
    labels.iter().collect::<std::collections::HashSet<_>>().len()
}

/// B-cubed precision and recall: for each item, the share of its predicted cluster that shares
/// its gold cluster (precision) and the share of its gold cluster inside its predicted cluster
/// (recall), averaged over items.
pub fn b_cubed<P: std::hash::Hash + Eq, G: std::hash::Hash + Eq>(predicted: &[P], gold: &[G]) -> (f64, f64) {
    assert_eq!(predicted.len(), gold.len(), "one prediction per gold label");
    if predicted.is_empty() {
        return (0.0, 0.0);
    }
    let mut pred_size: HashMap<&P, f64> = HashMap::new();
    let mut gold_size: HashMap<&G, f64> = HashMap::new();
    let mut both: HashMap<(&P, &G), f64> = HashMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *pred_size.entry(p).or_default() += 1.0;
        *gold_size.entry(g).or_default() += 1.0;
        *both.entry((p, g)).or_default() += 1.0;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (p, g) in predicted.iter().zip(gold) {
        let shared = both[&(p, g)];
        precision += shared / pred_size[p];
        recall += shared / gold_size[g];
    }
    let n = predicted.len() as f64;
    (precision / n, recall / n)
}

/// The adjusted Rand index from the contingency table (1 = identical, ~0 = chance).
pub fn ari<P: std::hash::Hash + Eq, G: std::hash::Hash + Eq>(predicted: &[P], gold: &[G]) -> f64 {
    assert_eq!(predicted.len(), gold.len(), "one prediction per gold label");
    let pairs = |n: f64| n * (n - 1.0) / 2.0;
    let mut pred_size: HashMap<&P, f64> = HashMap::new();
    let mut gold_size: HashMap<&G, f64> = HashMap::new();
    let mut both: HashMap<(&P, &G), f64> = HashMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *pred_size.entry(p).or_default() += 1.0;
        *gold_size.entry(g).or_default() += 1.0;
        *both.entry((p, g)).or_default() += 1.0;
    }
    let index: f64 = both.values().copied().map(pairs).sum();
    let a: f64 = pred_size.values().copied().map(pairs).sum();
    let b: f64 = gold_size.values().copied().map(pairs).sum();
    let total = pairs(predicted.len() as f64);
    let expected = if total > 0.0 { a * b / total } else { 0.0 };
    let max = (a + b) / 2.0;
    if (max - expected).abs() < 1e-12 {
        // Both clusterings trivial (all singletons or one cluster): identical means 1.
        return if index == max { 1.0 } else { 0.0 };
    }
    (index - expected) / (max - expected)
}

/// A small deterministic PRNG (splitmix64) for the fixed shuffles; no dependency needed.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn load_neus(data: &Path) -> anyhow::Result<Split> {
    let dir = data.join("multisource/neus");
    let read = |name: &str, limit: usize| -> anyhow::Result<Vec<Doc>> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut docs = Vec::new();
        for (n, line) in text.lines().take(limit).enumerate() {
            for piece in line.split("[SEP]") {
                docs.push(neus_doc(piece, format!("{name}:{}", n + 1)));
            }
        }
        shuffle(&mut docs, SEED);
        Ok(docs)
    };
    Ok(Split {
        set: "neus",
        tune_name: "train, first 800 stories",
        tune: read("train.source", NEUS_TUNE_STORIES)?,
        test_name: "val",
        test: read("val.source", usize::MAX)?,
    })
}

/// One `TITLE=> … ARTICLE=> …` piece of a NeuS line.
fn neus_doc(piece: &str, gold: String) -> Doc {
    let piece = piece.trim();
    let piece = piece.strip_prefix("TITLE=>").unwrap_or(piece);
    let (title, body) = piece.split_once("ARTICLE=>").unwrap_or((piece, ""));
    Doc { title: title.trim().into(), body: body.trim().into(), published: None, url: None, gold }
}

fn load_ecbplus(data: &Path) -> anyhow::Result<Split> {
    let root = data.join("clustering/ecbplus/ECB+_LREC2014/ECB+");
    let mut files: Vec<(u32, PathBuf)> = Vec::new();
    for topic in std::fs::read_dir(&root).with_context(|| format!("reading {}", root.display()))? {
        let topic = topic?.path();
        let Some(n) = topic.file_name().and_then(|n| n.to_str()).and_then(|n| n.parse::<u32>().ok()) else { continue };
        for f in std::fs::read_dir(&topic)? {
            let f = f?.path();
            if f.extension().is_some_and(|e| e == "xml") {
                files.push((n, f));
            }
        }
    }
    // Sorted first so the shuffle, not the directory listing, decides the order.
    files.sort();
    let mut tune = Vec::new();
    let mut test = Vec::new();
    for (topic, path) in files {
        let xml = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let kind = if name.ends_with("ecbplus") { "ecbplus" } else { "ecb" };
        let doc = ecb_doc(&xml, format!("{topic}{kind}"));
        if topic >= 36 {
            test.push(doc)
        } else {
            tune.push(doc)
        }
    }
    if tune.len() + test.len() < 900 {
        bail!("expected 982 ECB+ documents under {}, found {}", root.display(), tune.len() + test.len());
    }
    shuffle(&mut tune, SEED);
    shuffle(&mut test, SEED);
    Ok(Split { set: "ecbplus", tune_name: "topics 1–35", tune, test_name: "topics 36–45", test })
}

/// Rebuild an ECB+ document from its `<token sentence=…>` elements.
fn ecb_doc(xml: &str, gold: String) -> Doc {
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut current = None;
    let mut rest = xml;
    while let Some(start) = rest.find("<token ") {
        rest = &rest[start..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let Some(end) = rest.find("</token>") else { break };
        let token = unescape(&rest[close + 1..end]);
        let sentence = attribute(tag, "sentence").unwrap_or_default();
        if current.as_deref() != Some(sentence) {
            current = Some(sentence.to_string());
            sentences.push(Vec::new());
        }
        if let Some(s) = sentences.last_mut() {
            s.push(token);
        }
        rest = &rest[end + "</token>".len()..];
    }
    let mut url = None;
    if let Some(first) = sentences.first_mut() {
        if first.first().is_some_and(|t| t.starts_with("http")) {
            let n = url_tokens(first);
            url = Some(first.drain(..n).collect::<String>());
        }
    }
    let mut lines: Vec<String> = sentences.iter().map(|s| detokenize(s)).filter(|s| !s.is_empty()).collect();
    let title = if lines.is_empty() { String::new() } else { lines.remove(0) };
    Doc { title, body: lines.join("\n\n"), published: None, url, gold }
}

/// How many leading tokens form the URL: the tokenizer split it at punctuation, so the URL
/// ends where two word tokens meet (a URL never has a space between two words).
fn url_tokens(tokens: &[String]) -> usize {
    let wordy = |t: &str| t.chars().any(char::is_alphanumeric);
    let mut n = 1;
    while n < tokens.len() && !(wordy(&tokens[n - 1]) && wordy(&tokens[n])) {
        n += 1;
    }
    n
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    tag[at..].split('"').next()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Tokens back to text: a space between tokens except before closing punctuation and after
/// opening brackets.
fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    for t in tokens {
        let closing = matches!(t.as_str(), "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "'s" | "n't")
            || t.starts_with('\'');
        if !out.is_empty() && !closing && !out.ends_with(['(', '[', '$']) {
            out.push(' ');
        }
        out.push_str(t);
    }
    out.trim().to_string()
}

fn load_uci(data: &Path) -> anyhow::Result<Split> {
    let path = data.join("clustering/uci-news-aggregator/uci-news-aggregator.first6367.csv");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<(i64, usize, Doc)> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f = csv_fields(line);
        // ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP; a cut-off row has no timestamp.
        let Some(ms) = f.get(7).and_then(|t| t.trim().parse::<i64>().ok()) else { continue };
        let doc = Doc {
            title: f[1].clone(),
            body: String::new(),
            published: Some(rfc3339(ms)),
            url: Some(f[2].clone()),
            gold: f[5].clone(),
        };
        docs.push((ms, n, doc));
    }
    docs.sort_by_key(|d| (d.0, d.1));
    let mut docs: Vec<Doc> = docs.into_iter().map(|d| d.2).collect();
    let test = docs.split_off(docs.len() / 2);
    Ok(Split { set: "uci", tune_name: "first half", tune: docs, test_name: "second half", test })
}

/// The fields of one CSV line (RFC 4180 quoting; the file has no multi-line fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("one field").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            _ => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// Milliseconds since the Unix epoch as an RFC 3339 UTC time (civil-from-days, Hinnant).
fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", sod / 3600, sod % 3600 / 60, sod % 60)
}

/// The baseline's predictions for both parts.
struct Baseline {
    tune: Vec<StoryId>,
    test: Vec<StoryId>,
    setting: String,
    /// The family's best test-part clustering, settings picked on the test part's own gold:
    /// a bound, not a result.
    ceiling: Option<(Vec<StoryId>, String)>,
}

fn venv_python() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/peers-venv/bin/python")
}

/// Run `peers/stories_sklearn.py`; `None` when the venv is missing.
fn baseline(split: &Split) -> anyhow::Result<Option<Baseline>> {
    let python = venv_python();
    if !python.exists() {
        return Ok(None);
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/stories_sklearn.py");
    let dir = std::env::temp_dir().join(format!("storyline-eval-stories-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let input = dir.join("input.json");
    let docs = |d: &[Doc]| d.iter().map(|d| (format!("{}\n{}", d.title, d.body), d.gold.clone())).collect::<Vec<_>>();
    let payload = serde_json::json!({ "tune": docs(&split.tune), "test": docs(&split.test) });
    std::fs::write(&input, serde_json::to_vec(&payload)?)?;
    let out = std::process::Command::new(&python).arg(&script).arg(&input).output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = out.with_context(|| format!("running {}", script.display()))?;
    if !out.status.success() {
        bail!("{} exited with {}: {}", script.display(), out.status, String::from_utf8_lossy(&out.stderr).trim());
    }
    #[derive(serde::Deserialize)]
    struct Ceiling {
        test: Vec<u64>,
        setting: String,
    }
    #[derive(serde::Deserialize)]
    struct Output {
        tune: Vec<u64>,
        test: Vec<u64>,
        setting: String,
        ceiling: Option<Ceiling>,
    }
    let o: Output = serde_json::from_slice(&out.stdout).context("reading the baseline's output")?;
    let ids = |v: Vec<u64>| v.into_iter().map(StoryId).collect::<Vec<_>>();
    let ceiling = o.ceiling.map(|c| (ids(c.test), c.setting));
    Ok(Some(Baseline { tune: ids(o.tune), test: ids(o.test), setting: o.setting, ceiling }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_cubed_by_hand() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        // Precision: a,b 2/2; c 1/3; d,e 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
        // Recall: a,b 2/3; c 1/3; d,e 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15.
        let gold = ["x", "x", "x", "y", "y"];
        let pred = [1, 1, 2, 2, 2];
        let (p, r) = b_cubed(&pred, &gold);
        assert!((p - 11.0 / 15.0).abs() < 1e-12 && (r - 11.0 / 15.0).abs() < 1e-12);
        // All singletons: precision 1, recall (1/3·3 + 1/2·2)/5 = 2/5.
        let (p, r) = b_cubed(&[1, 2, 3, 4, 5], &gold);
        assert!((p - 1.0).abs() < 1e-12 && (r - 0.4).abs() < 1e-12);
    }

    #[test]
    fn ari_by_hand() {
        let gold = ["x", "x", "x", "y", "y"];
        assert!((ari(&[7, 7, 7, 9, 9], &gold) - 1.0).abs() < 1e-12);
        // Contingency [[2,0],[1,2]]: index = 1+0+0+1 = 2; a = C(2,2)+C(3,2) = 4; b = C(3,2)+C(2,2) = 4;
        // expected = 4·4/10 = 1.6; max = 4 → (2-1.6)/(4-1.6) = 1/6.
        assert!((ari(&[1, 1, 2, 2, 2], &gold) - 1.0 / 6.0).abs() < 1e-12);
        // All singletons against a real clustering: index 0, a 0, expected 0, max 2 → 0.
        assert!(ari(&[1, 2, 3, 4, 5], &gold).abs() < 1e-12);
    }

    #[test]
    fn ecb_tokens_become_text_and_url() {
        let xml = r#"<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http</token><token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="0" number="2">/</token><token t_id="4" sentence="0" number="3">/</token>
<token t_id="5" sentence="0" number="4">example</token><token t_id="6" sentence="0" number="5">.</token>
<token t_id="7" sentence="0" number="6">org</token><token t_id="8" sentence="0" number="7">Ferry</token>
<token t_id="9" sentence="0" number="8">sinks</token><token t_id="10" sentence="1" number="0">Varen</token>
<token t_id="11" sentence="1" number="1">'s</token><token t_id="12" sentence="1" number="2">mayor</token>
<token t_id="13" sentence="1" number="3">spoke</token><token t_id="14" sentence="1" number="4">,</token>
<token t_id="15" sentence="1" number="5">too</token><token t_id="16" sentence="1" number="6">.</token>
</Document>"#;
        let d = ecb_doc(xml, "9ecbplus".into());
        assert_eq!(d.url.as_deref(), Some("http://example.org"));
        assert_eq!(d.title, "Ferry sinks");
        assert_eq!(d.body, "Varen's mayor spoke, too.");
    }

    #[test]
    fn csv_and_times() {
        assert_eq!(csv_fields(r#"1,"A, ""quoted"" title",x"#), ["1", r#"A, "quoted" title"#, "x"]);
        assert_eq!(rfc3339(1_394_470_370_698), "2014-03-10T16:52:50Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn shuffle_is_fixed() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        shuffle(&mut a, SEED);
        shuffle(&mut b, SEED);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<_>>());
    }
}
