//! `storyline`: turn news articles into stories and print one cited brief per story.
//!
//! Data goes to stdout, diagnostics to stderr. Exit codes: 0 success, 1 ran but found nothing,
//! 2 error. A closed pipe (`storyline analyze … | head`) ends quietly.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use storyline::brief::render;
use storyline::model::{Brief, Report, StoryId};
use storyline::pipeline::{IngestReport, Pipeline};
use storyline::{claims, extract, ingest};

/// mimalloc rather than the system allocator: extraction and ingest allocate many small strings
/// and DOM nodes per page, and mimalloc serves and frees them faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn a pile or a stream of news articles into stories, and collate each story into one cited
/// brief: what happened, who said what, where the independent sources agree and conflict, what
/// only one reports, and who copied whom.
#[derive(Parser)]
#[command(name = "storyline", version)]
struct Cli {
    /// The store (SQLite file) used by ingest, stories, brief and copies.
    #[arg(long, global = true, env = "STORYLINE_DB", default_value = "storyline.db")]
    db: PathBuf,
    /// Print only data; no progress or summary lines on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// Output formats.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// Markdown, for people.
    Md,
    /// JSON, the stable contract.
    Json,
    /// One self-contained HTML page.
    Html,
}

#[derive(clap::Args)]
struct Output {
    /// Machine output (same as --format json).
    #[arg(long)]
    json: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Summary sentences at most.
    #[arg(long, value_name = "N", default_value_t = storyline::brief::Options::default().summary_sentences)]
    summary_sentences: usize,
    /// Summary words at most: the best sentences are taken until this many words (the last
    /// may run over), instead of the earliest.
    #[arg(long, value_name = "N")]
    summary_words: Option<usize>,
}

impl Output {
    fn brief_options(&self) -> storyline::brief::Options {
        storyline::brief::Options { summary_sentences: self.summary_sentences, summary_words: self.summary_words }
    }

    fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files or directories into a temporary store and print every story's brief.
    Analyze {
        /// Files or directories (recursively); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Ingest files or directories into the store (idempotent: nothing is stored twice).
    Ingest {
        /// Files or directories (recursively); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the ingest report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the stored stories, largest first.
    Stories {
        /// Machine output.
        #[arg(long)]
        json: bool,
        /// Explain why each article of this story joined it.
        #[arg(long, value_name = "ID")]
        explain: Option<u64>,
    },
    /// Print one stored story's brief.
    Brief {
        /// Story id (from `storyline stories`).
        id: u64,
        #[command(flatten)]
        output: Output,
    },
    /// List the stored copy relations with their evidence.
    Copies {
        /// Machine output.
        #[arg(long)]
        json: bool,
    },
    /// Near-duplicate pairs at scale: every pair of articles whose word-shingle Jaccard is at
    /// least the threshold (MinHash/LSH candidates, verified exactly). One line per pair:
    /// `PATH_A<TAB>PATH_B<TAB>JACCARD`.
    NearDuplicates {
        /// Files or directories (recursively); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Minimum Jaccard similarity of the shingle sets.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        /// Words per shingle.
        #[arg(long, default_value_t = 5)]
        shingle: usize,
        /// Compare the raw text as given, without extraction (chrome and all).
        #[arg(long)]
        raw: bool,
    },
    /// Score a stage against the gold data in ../shared/data (or $STORYLINE_DATA) and print it
    /// next to the published scores.
    Eval {
        /// The stage: one of the stages listed by `storyline eval --help`'s error message.
        stage: String,
        /// The data set (the stage's default when omitted).
        #[arg(long)]
        set: Option<String>,
        /// The shared data directory.
        #[arg(long, env = "STORYLINE_DATA")]
        data: Option<PathBuf>,
        /// Machine output.
        #[arg(long)]
        json: bool,
    },
    /// Extract one article: cleaned body, metadata, quotes and facts.
    Extract {
        /// The article file (.txt, .html, or a .jsonl's first line).
        file: PathBuf,
        /// Machine output.
        #[arg(long)]
        json: bool,
    },
    /// Serve the JSON API and the web pages over the store (loopback unless --addr says otherwise).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: std::net::SocketAddr,
        /// Bearer token that `POST /api/ingest` requires; without one, ingest is disabled.
        #[arg(long, env = "STORYLINE_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
}

/// mimalloc's `purge_delay` option (the same index in mimalloc v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For `near-duplicates` only: freed memory goes back to the OS at once rather than after 10 ms.
/// The finder frees its shingle sets in bursts, and a delayed purge kept them resident (peak 60
/// against 47 MiB on Reuters-21578; the system allocator's is 40). Not for the other commands:
/// extraction frees a page's tree every page, and purging at once cost it 15% of its speed.
/// The one unsafe call in the workspace.
#[allow(unsafe_code)]
fn purge_at_once() {
    // SAFETY: `mi_option_set` writes one option value and takes no pointers; it runs before the
    // command starts any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("STORYLINE_LOG"))
        .with_writer(io::stderr)
        .init();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            if e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("storyline: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Run a command; `Ok(false)` when it ran but found nothing.
fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Analyze { paths, output } => {
            let mut pipeline = Pipeline::in_memory()?;
            let (report, skipped) = ingest_all(&mut pipeline, &paths, cli.quiet)?;
            summarize(&report, &skipped, cli.quiet);
            let briefs = pipeline.briefs_with(&output.brief_options())?;
            emit(&output, &briefs)?;
            Ok(!briefs.is_empty())
        }
        Command::Ingest { paths, json } => {
            let mut pipeline = Pipeline::open(&cli.db)?;
            let (report, skipped) = ingest_all(&mut pipeline, &paths, cli.quiet || json)?;
            if json {
                let mut value = serde_json::to_value(&report)?;
                let reasons: serde_json::Map<String, serde_json::Value> =
                    skipped.iter().map(|(reason, n)| (reason.clone(), (*n).into())).collect();
                value["skipped_reasons"] = reasons.into();
                print(&serde_json::to_string_pretty(&value)?)?;
            } else {
                summarize(&report, &skipped, false);
            }
            Ok(report.read > 0)
        }
        Command::Stories { json, explain } => stories(&cli.db, json, explain),
        Command::Brief { id, output } => {
            let pipeline = open_existing(&cli.db)?;
            let brief = pipeline.brief_with(StoryId(id), &output.brief_options())?;
            emit(&output, &[brief])?;
            Ok(true)
        }
        Command::Copies { json } => {
            let pipeline = open_existing(&cli.db)?;
            let copies = pipeline.store().copies()?;
            if json {
                print(&serde_json::to_string_pretty(&copies)?)?;
            } else {
                let mut s = String::new();
                for c in &copies {
                    s.push_str(&format!(
                        "{} -> {}  {}  shared {:.0}%  ({:?})\n",
                        c.from,
                        c.to,
                        c.kind.as_str(),
                        c.shared * 100.0,
                        c.direction
                    ));
                    for p in c.evidence.iter().take(2) {
                        s.push_str(&format!("    {}: {}\n", p.kind, p.to));
                    }
                }
                print(&s)?;
            }
            Ok(!copies.is_empty())
        }
        Command::Extract { file, json } => extract_one(&file, json),
        Command::Serve { addr, token } => {
            storyline_server::run(storyline_server::Config { db: cli.db, addr, token, ..Default::default() })?;
            Ok(true)
        }
        Command::NearDuplicates { paths, threshold, shingle, raw } => {
            purge_at_once();
            near_duplicates(&paths, threshold, shingle, raw)
        }
        Command::Eval { stage, set, data, json } => {
            let data = data.unwrap_or_else(storyline_eval::data_dir);
            let report = storyline_eval::run(&stage, set.as_deref(), &data)?;
            print(&if json { serde_json::to_string_pretty(&report)? } else { report.markdown() })?;
            Ok(true)
        }
    }
}

/// Read inputs with a progress bar over their bytes when stderr is a terminal and the input is
/// large enough to wait for.
fn read_batch(paths: &[PathBuf], quiet: bool) -> ingest::Batch {
    let inputs = ingest::inputs(paths);
    let total: u64 = inputs.iter().flatten().map(ingest::Input::len).sum();
    let long = total >= PROGRESS_BYTES || inputs.len() >= PROGRESS_FILES;
    let bar = progress(quiet || !long, Some(total), "{bar:30} {bytes}/{total_bytes} {wide_msg}");
    let mut batch = ingest::Batch::default();
    for input in inputs {
        match input {
            Ok(input) => {
                bar.set_message(input.path().display().to_string());
                input.read(&mut batch);
                bar.inc(input.len());
            }
            Err(e) => batch.fail("unreadable", e),
        }
    }
    bar.finish_and_clear();
    batch
}

/// Inputs past this many bytes (or files) get a progress bar.
const PROGRESS_BYTES: u64 = 16 * 1024 * 1024;
/// See [`PROGRESS_BYTES`].
const PROGRESS_FILES: usize = 200;

/// A progress bar (with a known length) or spinner on stderr; hidden unless stderr is a
/// terminal and `hidden` is false, so pipes and logs never see one.
fn progress(hidden: bool, len: Option<u64>, template: &str) -> indicatif::ProgressBar {
    if hidden || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match len {
        Some(len) => indicatif::ProgressBar::new(len),
        None => indicatif::ProgressBar::new_spinner(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Reads `paths` and ingests them into `pipeline`; returns the report and the skip counts by
/// reason (read failures, records passed over, articles without text).
fn ingest_all(pipeline: &mut Pipeline, paths: &[PathBuf], quiet: bool) -> Result<(IngestReport, Vec<(String, usize)>)> {
    let batch = read_batch(paths, quiet);
    let read_failures = batch.articles.iter().filter(|r| r.is_err()).count();
    let articles = batch.articles.len() - read_failures;
    let long = articles >= PROGRESS_FILES;
    let bar = progress(quiet || !long, Some(articles as u64), "{bar:30} {pos}/{len} articles placed {wide_msg}");
    bar.set_message("(extracting…)");
    let report = pipeline.ingest_with_progress(batch.articles, &mut |done, total| {
        if done == 0 {
            // Extraction is over: `total` articles have text.
            bar.set_message("");
            bar.set_length(total as u64);
        }
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    let mut skipped: std::collections::BTreeMap<String, usize> =
        batch.skipped.iter().map(|(reason, n)| (reason.to_string(), *n)).collect();
    // The pipeline lists read failures first, then extraction failures ("FILE: no article text
    // found"): the reason of the latter is their last clause.
    for message in report.skipped.iter().skip(read_failures) {
        let reason = message.rsplit(": ").next().unwrap_or(message);
        *skipped.entry(reason.to_owned()).or_default() += 1;
    }
    let mut skipped: Vec<(String, usize)> = skipped.into_iter().collect();
    skipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok((report, skipped))
}

fn open_existing(db: &Path) -> Result<Pipeline> {
    if !db.exists() {
        bail!("no store at {} (run `storyline ingest PATH…` first, or pass --db)", db.display());
    }
    Pipeline::open(db).with_context(|| format!("opening {}", db.display()))
}

/// The ingest summary line (and each skipped input) on stderr: read, stored, duplicates,
/// skipped with the count per reason, copies, stories.
fn summarize(report: &IngestReport, skipped: &[(String, usize)], quiet: bool) {
    for s in &report.skipped {
        eprintln!("storyline: skipped: {s}");
    }
    if !quiet {
        let total: usize = skipped.iter().map(|(_, n)| n).sum();
        let reasons: Vec<String> = skipped.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
        let reasons = if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) };
        eprintln!(
            "storyline: read {}, stored {}, duplicates {}, skipped {total}{reasons}, copies {}, stories {}",
            report.read, report.stored, report.duplicates, report.copies, report.stories
        );
    }
}

fn emit(output: &Output, briefs: &[Brief]) -> Result<()> {
    let text = match output.format() {
        Format::Json => serde_json::to_string_pretty(&Report { stories: briefs.to_vec() })? + "\n",
        Format::Md => briefs.iter().map(render::markdown).collect::<Vec<_>>().join("\n---\n\n"),
        Format::Html => render::html(briefs),
    };
    match &output.out {
        Some(path) => std::fs::write(path, text).with_context(|| format!("writing {}", path.display())),
        None => print(&text),
    }
}

fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn stories(db: &Path, json: bool, explain: Option<u64>) -> Result<bool> {
    let pipeline = open_existing(db)?;
    if let Some(id) = explain {
        let members = pipeline.store().story_articles(StoryId(id))?;
        let mut s = format!("Story {id}: why each article joined it\n");
        for (a, why) in &members {
            let reason = if let Some(m) = why.moved.first() {
                format!("moved here from story {} by a later article (similarity {:.2})", m.from, m.score)
            } else if why.new {
                "started the story".to_string()
            } else if why.score == 0.0 {
                "started a story that later merged into this one".to_string()
            } else if why.score >= 1.0 {
                "a copy of an article already in the story".to_string()
            } else {
                format!("similarity {:.2} on {}", why.score, why.terms.join(", "))
            };
            s.push_str(&format!("- {} {} — {reason}\n", a.id, a.title));
        }
        print(&s)?;
        return Ok(true);
    }
    let rows = pipeline.stories()?;
    if json {
        print(&serde_json::to_string_pretty(&rows)?)?;
    } else {
        let mut s = String::new();
        for r in &rows {
            let when = r.last_seen.as_deref().map(|d| &d[..d.len().min(10)]).unwrap_or("undated");
            s.push_str(&format!("{:>5}  {:>3} articles  {when:<10}  {}\n", r.id, r.articles, r.title));
        }
        print(&s)?;
    }
    Ok(!rows.is_empty())
}

/// Lines of a JSONL input shingled at a time by `near-duplicates`.
const NEAR_CHUNK: usize = 1024;

fn near_duplicates(paths: &[PathBuf], threshold: f64, shingle: usize, raw: bool) -> Result<bool> {
    if !(0.0..=1.0).contains(&threshold) || shingle == 0 {
        bail!("--threshold must be within 0..1 and --shingle at least 1");
    }
    let config = storyline::dedup::near::NearConfig { shingle, threshold, ..Default::default() };
    // Inputs are streamed (a JSONL file in chunks of lines) and each text is reduced to its
    // shingle set at once and dropped: memory stays near the sets, whatever the input's size.
    let (mut names, mut sets): (Vec<String>, Vec<Vec<u64>>) = (Vec::new(), Vec::new());
    for input in ingest::inputs(paths) {
        let input = match input {
            Ok(input) => input,
            Err(e) => {
                eprintln!("storyline: skipped: {e}");
                continue;
            }
        };
        input.stream(NEAR_CHUNK, &mut |batch| {
            let (n, s): (Vec<String>, Vec<Vec<u64>>) = batch
                .articles
                .into_par_iter()
                .filter_map(|r| {
                    let text = match r {
                        Ok(a) if raw => Ok((a.path, a.content)),
                        Ok(a) => extract::extract(&a).map(|x| (x.path, x.body)),
                        Err(e) => Err(e),
                    };
                    match text {
                        Ok((path, body)) => Some((path, storyline::dedup::near::shingle_set(&body, shingle))),
                        Err(e) => {
                            eprintln!("storyline: skipped: {e}");
                            None
                        }
                    }
                })
                .unzip();
            names.extend(n);
            sets.extend(s);
        });
    }
    let pairs = storyline::dedup::near::near_duplicate_sets(&sets, &config);
    let mut out = String::new();
    for (a, b, j) in &pairs {
        out.push_str(&format!("{}\t{}\t{j:.3}\n", names[*a as usize], names[*b as usize]));
    }
    print(&out)?;
    Ok(!pairs.is_empty())
}

fn extract_one(file: &Path, json: bool) -> Result<bool> {
    let raws = if file.as_os_str() == "-" {
        ingest::read_stdin(io::stdin().lock(), "-")
    } else {
        ingest::read_paths(&[file.to_path_buf()])
    };
    let raw = raws.into_iter().next().with_context(|| format!("{}: not a readable article file", file.display()))??;
    let article = extract::extract(&raw)?;
    let quotes = claims::quotes(&article.body);
    let facts = claims::facts(&article.body);
    if json {
        let mut v = serde_json::to_value(&article)?;
        v["quotes"] = serde_json::to_value(&quotes)?;
        v["facts"] = serde_json::to_value(&facts)?;
        print(&serde_json::to_string_pretty(&v)?)?;
    } else {
        let mut s = format!("# {}\n\n", article.title);
        for (k, v) in [
            ("published", &article.published),
            ("url", &article.url),
            ("outlet", &article.outlet),
            ("dateline", &article.dateline),
            ("wire", &article.wire),
        ] {
            if let Some(v) = v {
                s.push_str(&format!("{k}: {v}\n"));
            }
        }
        s.push_str(&format!("\n{}\n", article.body));
        for q in &quotes {
            s.push_str(&format!("\n> {} — {}", q.text, q.speaker.as_deref().unwrap_or("?")));
        }
        print(&s)?;
    }
    let _ = io::stderr().is_terminal();
    Ok(true)
}
