//! Evaluation of storyline's stages against the gold data in `../shared/data` (see its README).
//!
//! Each stage has one module with a `run(set, data_dir)` that reads a data set, runs the stage,
//! scores it the way the benchmark defines it, and returns a report with storyline's score next
//! to the published scores (and, where the issue asks, a peer tool run in the same evaluation).
//! This crate does I/O and may be slow; the engine crate stays pure.

pub mod copies;
pub mod extraction;
pub mod paraphrase;
pub mod quotes;
pub mod reuters;
pub mod stories;
pub mod summary;

use std::path::{Path, PathBuf};

/// The shared data directory: `$STORYLINE_DATA`, else `../shared/data` beside the workspace.
pub fn data_dir() -> PathBuf {
    std::env::var_os("STORYLINE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// A scored evaluation: a table for people and the numbers for machines.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The stage and set, e.g. `quotes / polnear (dev)`.
    pub title: String,
    /// Column names of `rows`.
    pub columns: Vec<String>,
    /// One row per system: name, then the scores.
    pub rows: Vec<Vec<String>>,
    /// Notes: how it was scored, what was skipped.
    pub notes: Vec<String>,
}

impl Report {
    /// The report as a Markdown table with its notes.
    pub fn markdown(&self) -> String {
        let mut s =
            format!("## {}\n\n| {} |\n|{}\n", self.title, self.columns.join(" | "), "---|".repeat(self.columns.len()));
        for r in &self.rows {
            s.push_str(&format!("| {} |\n", r.join(" | ")));
        }
        for n in &self.notes {
            s.push_str(&format!("\n- {n}"));
        }
        s.push('\n');
        s
    }
}

/// The stages that can be evaluated and their sets.
pub const STAGES: &[(&str, &[&str])] = &[
    ("extraction", &["zyte", "trafilatura-eval"]),
    ("copies", &["seeds", "reuters", "mrpc"]),
    ("stories", &["neus", "ecbplus", "uci"]),
    ("quotes", &["polnear", "polnear-train"]),
    ("summary", &["neus"]),
];

/// Run the evaluation of `stage` on `set` (the stage's default set when `None`).
pub fn run(stage: &str, set: Option<&str>, data: &Path) -> anyhow::Result<Report> {
    match stage {
        // One arm per stage, in pipeline order: `"name" => module::run(set, data),`
        "extraction" => extraction::run(set, data),
        "copies" => copies::run(set, data),
        "stories" => stories::run(set, data),
        "quotes" => quotes::run(set, data),
        "summary" => summary::run(set, data),
        _ => anyhow::bail!(
            "no evaluation for stage {stage:?}; stages: {:?}",
            STAGES.iter().map(|s| s.0).collect::<Vec<_>>()
        ),
    }
}
