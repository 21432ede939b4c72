//! Which files an input path stands for, and how each is to be read.
//!
//! Directories are walked recursively in file-name order, so the same tree always yields the
//! same batch in the same order (article ids do not depend on it, but reports and tests do).
//! Inside a directory only files with a known extension are taken; hidden entries and README
//! files are skipped silently because data folders routinely carry them next to the articles.

use super::io_error;
use crate::error::{Error, ErrorKind};
use crate::Result;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// The files under `root` with their format; `root` itself when it is a file (format `None`
/// when its extension is unknown: the caller sniffs it).
pub(super) fn files(root: &Path) -> Vec<Result<(PathBuf, Option<Kind>)>> {
    let name = root.display().to_string();
    match std::fs::metadata(root) {
        Err(e) => vec![Err(io_error(&name, e))],
        Ok(meta) if !meta.is_dir() => vec![Ok((root.to_path_buf(), kind_of(root)))],
        Ok(_) => walk_dir(root),
    }
}

/// The readable files under the directory `root`, sorted, with walk failures as `Err`s.
fn walk_dir(root: &Path) -> Vec<Result<(PathBuf, Option<Kind>)>> {
    // Links are followed so a data folder may be assembled from symlinks; walkdir reports a
    // link cycle as an error instead of looping.
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    let mut out = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && !is_readme(entry.path()) => {
                if let Some(kind) = kind_of(entry.path()) {
                    out.push(Ok((entry.into_path(), Some(kind))));
                }
            }
            Ok(_) => {}
            Err(e) => out.push(Err(walk_error(root, e))),
        }
    }
    out
}

/// How a file is to be read, as its name announces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Scraped plain text: one article.
    Text,
    /// An HTML page: one article.
    Html,
    /// JSON lines: one article per line.
    Jsonl,
    /// An RSS or Atom feed: one article per item.
    Feed,
    /// Some XML (`.xml`): a feed or an XHTML page, told apart by its root element.
    Xml,
    /// A web archive: one article per HTML response record.
    Warc,
}

/// The kind a file name announces: `.txt`, `.html`/`.htm`, `.jsonl` (also `.ndjson`),
/// `.rss`/`.atom`, `.xml`, `.warc` (not the older `.arc`, whose layout differs), each optionally
/// followed by `.gz`. `None` for anything else.
pub(super) fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    match ext {
        "txt" | "text" => Some(Kind::Text),
        "html" | "htm" | "xhtml" => Some(Kind::Html),
        "jsonl" | "ndjson" => Some(Kind::Jsonl),
        "rss" | "atom" => Some(Kind::Feed),
        "xml" => Some(Kind::Xml),
        "warc" => Some(Kind::Warc),
        _ => None,
    }
}

/// Dot files and dot directories (`.git`, `.DS_Store`, editor swap files).
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// `README`, `README.md`, `readme.txt`: a data folder's description, not an article.
fn is_readme(path: &Path) -> bool {
    path.file_stem()
        .map(|stem| {
            let stem = stem.to_string_lossy();
            let stem = stem.split('.').next().unwrap_or_default();
            stem.eq_ignore_ascii_case("readme")
        })
        .unwrap_or(false)
}

/// A walk failure, naming the entry it concerns (or the root when walkdir does not say).
fn walk_error(root: &Path, e: walkdir::Error) -> Error {
    let name = e.path().unwrap_or(root).display().to_string();
    match e.into_io_error() {
        Some(io) => io_error(&name, io),
        None => Error::new(ErrorKind::Io, format!("{name}: symlink loop")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of(Path::new("a/b.TXT")), Some(Kind::Text));
        assert_eq!(kind_of(Path::new("b.htm.gz")), Some(Kind::Html));
        assert_eq!(kind_of(Path::new("feed.jsonl.gz")), Some(Kind::Jsonl));
        assert_eq!(kind_of(Path::new("news.rss")), Some(Kind::Feed));
        assert_eq!(kind_of(Path::new("news.Atom")), Some(Kind::Feed));
        assert_eq!(kind_of(Path::new("feed.xml")), Some(Kind::Xml));
        assert_eq!(kind_of(Path::new("crawl-00001.warc.gz")), Some(Kind::Warc));
        assert_eq!(kind_of(Path::new("notes.md")), None);
        assert_eq!(kind_of(Path::new("archive.gz")), None);
        assert_eq!(kind_of(Path::new("noext")), None);
    }

    #[test]
    fn readme_files_are_recognized() {
        assert!(is_readme(Path::new("data/README.md")));
        assert!(is_readme(Path::new("data/readme.txt")));
        assert!(is_readme(Path::new("data/README.txt.gz")));
        assert!(!is_readme(Path::new("data/readmission.txt")));
    }
}
