//! Which files an input path stands for, and how each is to be read.
//!
//! Directories are walked recursively in file-name order, so the same tree always yields the
//! same batch in the same order (article ids do not depend on it, but reports and tests do).
//! Inside a directory only files with a known extension are taken; hidden entries and README
//! files are skipped silently because data folders routinely carry them next to the articles.

use super::io_error;
use crate::error::{Error, ErrorKind};
use crate::model::Format;
use crate::Result;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// The files under `root` with their format; `root` itself when it is a file (format `None`
/// when its extension is unknown: the caller sniffs it).
pub(super) fn files(root: &Path) -> Vec<Result<(PathBuf, Option<Format>)>> {
    let name = root.display().to_string();
    match std::fs::metadata(root) {
        Err(e) => vec![Err(io_error(&name, e))],
        Ok(meta) if !meta.is_dir() => vec![Ok((root.to_path_buf(), format_of(root)))],
        Ok(_) => walk_dir(root),
    }
}

/// The readable files under the directory `root`, sorted, with walk failures as `Err`s.
fn walk_dir(root: &Path) -> Vec<Result<(PathBuf, Option<Format>)>> {
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
                if let Some(format) = format_of(entry.path()) {
                    out.push(Ok((entry.into_path(), Some(format))));
                }
            }
            Ok(_) => {}
            Err(e) => out.push(Err(walk_error(root, e))),
        }
    }
    out
}

/// The format a file name announces: `.txt`, `.html`/`.htm`, `.jsonl` (also `.ndjson`), each
/// optionally followed by `.gz`. `None` for anything else.
pub(super) fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    match ext {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Json),
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
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(format_of(Path::new("b.htm.gz")), Some(Format::Html));
        assert_eq!(format_of(Path::new("feed.jsonl.gz")), Some(Format::Json));
        assert_eq!(format_of(Path::new("notes.md")), None);
        assert_eq!(format_of(Path::new("archive.gz")), None);
        assert_eq!(format_of(Path::new("noext")), None);
    }

    #[test]
    fn readme_files_are_recognized() {
        assert!(is_readme(Path::new("data/README.md")));
        assert!(is_readme(Path::new("data/readme.txt")));
        assert!(is_readme(Path::new("data/README.txt.gz")));
        assert!(!is_readme(Path::new("data/readmission.txt")));
    }
}
