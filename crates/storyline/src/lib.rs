//! # storyline
//!
//! Turns a pile or a stream of news articles into stories, and collates each story into one
//! cited brief: what happened, who said what, what the independent sources agree on, where they
//! conflict, what only one of them reports, and who copied whom.
//!
//! ## The stages, in pipeline order
//!
//! Each stage is a pure function over plain data (no I/O, no global state) — except
//! [`ingest`], which reads files, and [`store`], which persists. [`pipeline`] is the only place
//! that orders them.
//!
//! 1. [`ingest`] — files, directories and stdin (`.txt`, `.html`, `.jsonl`, gzip) → [`RawArticle`]s,
//!    with a per-file/per-line error for bad input.
//! 2. [`extract`] — [`RawArticle`] → [`Article`]: body without site chrome, metadata (date, URL,
//!    outlet, dateline, wire credit), careful text repair, language.
//! 3. [`dedup`] — MinHash/LSH candidates, then passage alignment → [`Copy`](struct@Copy) relations
//!    (verbatim / excerpt / rewrite) with evidence and direction.
//! 4. [`dedup::voices`] — copies → [`Voice`]s: the independent sources.
//! 5. [`cluster`] — online, time-aware assignment of articles to stories.
//! 6. [`claims`] — an article's quotes (with resolved speakers) and numeric facts.
//! 7. [`align`] — a story's claims across voices: quote variants, conflicts, unique points.
//! 8. [`brief`] — a story → [`Brief`]: cited summary, timeline, who said what; Markdown/JSON/HTML.
//!
//! [`text`] holds the primitives the stages share; [`model`] the types they pass along.
//!
//! ## Example
//!
//! ```
//! use storyline::{pipeline::Pipeline, model::{RawArticle, Format, Hints}};
//!
//! let raw = |path: &str, text: &str| RawArticle {
//!     path: path.into(),
//!     format: Format::Text,
//!     content: text.into(),
//!     hints: Hints::default(),
//! };
//! let body = "Harbour officials in Port Varen said on Tuesday that the new ferry terminal \
//!     would open in March after two years of delays and a budget that grew to 40 million euros.\n\n\
//!     “We are finally ready,” said harbour master Ilse Marrow.";
//! let mut pipeline = Pipeline::in_memory().unwrap();
//! let report = pipeline
//!     .ingest(vec![Ok(raw("a.txt", &format!("Ferry terminal to open\n\n{body}"))),
//!                  Ok(raw("b.txt", &format!("Port Varen terminal opens in March\n\n{body}")))])
//!     .unwrap();
//! assert_eq!(report.stored, 2);
//! let briefs = pipeline.briefs().unwrap();
//! assert_eq!(briefs.len(), 1);
//! assert_eq!(briefs[0].voices.len(), 1); // a copy is not a second source
//! ```

pub mod align;
pub mod brief;
pub mod claims;
pub mod cluster;
pub mod dedup;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod store;
pub mod text;

pub use error::{Error, ErrorKind, Result};
pub use model::{Article, Brief, Copy, Fact, Quote, RawArticle, Voice};
