//! `cargo xtask`: project automation that is easier to keep correct in Rust than in shell.
//!
//! - `reuters-jsonl` converts the Reuters-21578 SGML corpus into the JSONL that `storyline`
//!   ingests, so the throughput corpus can be fed to the real CLI.
//! - `bench-analyze` times the release `storyline analyze` on growing prefixes of that JSONL and
//!   reports articles per second, to show whether the whole pipeline scales linearly.
//! - `bench-scale` replicates that JSONL with per-copy edits from 20k to 1M articles and reports
//!   how near-duplicate search (wall, peak memory) and story assignment (p50/p99) grow.
//! - `bench-claims` measures quote and fact extraction in MB of text per second on one core.
//! - `bench-serve` loads the Reuters JSONL into a store, runs the release `storyline serve` on it
//!   and drives the brief, page and search endpoints with `wrk`.
//!
//! The evaluation data is third-party and stays outside the repository: it is read at run time
//! from `$STORYLINE_DATA` (default `<workspace>/../shared/data`) and nothing derived from it is
//! written anywhere but `target/`.

mod bench;
mod claims_bench;
mod scale_bench;
mod serve_bench;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Project automation for storyline.
#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Convert Reuters-21578 SGML into JSONL, one article per line.
    ReutersJsonl {
        /// The evaluation data folder (holding `corpus/reuters21578`).
        #[arg(long, env = "STORYLINE_DATA")]
        data: Option<PathBuf>,
        /// Where to write the JSONL [default: target/reuters.jsonl].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Time `storyline analyze` on growing prefixes of a JSONL file and print articles/second.
    BenchAnalyze {
        /// The JSONL input [default: target/reuters.jsonl].
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// Largest prefix to run (lines); the standard sizes above it are dropped.
        #[arg(long)]
        limit: Option<usize>,
        /// Runs per size; the fastest is reported, to damp noise from other processes.
        #[arg(long, default_value_t = 1)]
        runs: usize,
        /// The storyline binary [default: target/release/storyline].
        #[arg(long)]
        bin: Option<PathBuf>,
    },
    /// Near-duplicate search and story assignment from 20k to 1M articles (Reuters replicated
    /// with per-copy edits): wall time, peak memory, assignment p50/p99.
    BenchScale {
        /// The Reuters JSONL [default: target/reuters.jsonl].
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// The storyline binary [default: target/release/storyline].
        #[arg(long)]
        bin: Option<PathBuf>,
        /// Sizes to measure.
        #[arg(long, value_delimiter = ',', default_values_t = [20_000, 100_000, 200_000, 500_000, 1_000_000])]
        sizes: Vec<usize>,
        /// Skip timing story assignment in process.
        #[arg(long)]
        no_cluster: bool,
    },
    /// Quote and fact extraction throughput (MB/s, one core) on the PolNeAR train texts.
    BenchClaims {
        /// The evaluation data folder (holding `quotes/polnear`).
        #[arg(long, env = "STORYLINE_DATA")]
        data: Option<PathBuf>,
        /// Passes over the texts; the fastest is reported.
        #[arg(long, default_value_t = 3)]
        passes: usize,
    },
    /// HTTP load test: `storyline serve` on the Reuters store under `wrk` (requests/s, p99, errors).
    BenchServe {
        /// The JSONL corpus ingested when the store is missing [default: target/reuters.jsonl].
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// The store, reused when present [default: target/bench-serve.db].
        #[arg(long)]
        db: Option<PathBuf>,
        /// The storyline binary [default: build target/release/storyline first].
        #[arg(long)]
        bin: Option<PathBuf>,
        /// Loopback address for the server.
        #[arg(long, default_value = "127.0.0.1:7979")]
        addr: std::net::SocketAddr,
        /// Concurrent connections.
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// wrk threads.
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Seconds per endpoint.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
}

fn main() -> Result<()> {
    let root = workspace_root();
    match Cli::parse().task {
        Task::ReutersJsonl { data, out } => {
            let data = data.unwrap_or_else(|| root.join("../shared/data"));
            let out = out.unwrap_or_else(|| root.join("target/reuters.jsonl"));
            storyline_eval::reuters::convert(&data.join("corpus/reuters21578"), &out)
        }
        Task::BenchAnalyze { jsonl, limit, runs, bin } => bench::run(&bench::Config {
            jsonl: jsonl.unwrap_or_else(|| root.join("target/reuters.jsonl")),
            bin: bin.unwrap_or_else(|| root.join("target/release/storyline")),
            limit,
            runs: runs.max(1),
        }),
        Task::BenchScale { jsonl, bin, sizes, no_cluster } => scale_bench::run(&scale_bench::Config {
            jsonl: jsonl.unwrap_or_else(|| root.join("target/reuters.jsonl")),
            bin: bin.unwrap_or_else(|| root.join("target/release/storyline")),
            sizes,
            cluster: !no_cluster,
        }),
        Task::BenchClaims { data, passes } => {
            let data = data.unwrap_or_else(|| root.join("../shared/data"));
            claims_bench::run(&data.join("quotes/polnear/train/text"), passes)
        }
        Task::BenchServe { jsonl, db, bin, addr, connections, threads, seconds } => {
            serve_bench::run(&serve_bench::Config {
                jsonl: jsonl.unwrap_or_else(|| root.join("target/reuters.jsonl")),
                db: db.unwrap_or_else(|| root.join("target/bench-serve.db")),
                bin,
                root: root.clone(),
                addr,
                connections,
                threads,
                seconds,
            })
        }
    }
}

/// The workspace root: this crate sits one level below it, so defaults do not depend on the
/// directory `cargo xtask` was started from.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
