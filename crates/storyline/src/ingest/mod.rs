//! Stage 1, ingest: files, directories and stdin → [`RawArticle`]s.
//!
//! Ingest is the only stage that touches the file system. It decides *how* to read a file
//! (`.txt`, `.html`/`.htm`, `.jsonl`, each optionally gzipped), turns its bytes into text
//! whatever their charset, and hands the content on undigested: cleaning is
//! [`extract`](crate::extract)'s job.
//!
//! Every input yields its own `Result`, in a deterministic order: a missing, unreadable, binary,
//! oversized or malformed file — or one bad line of a JSONL file — is an `Err` naming the file
//! (and line), and the rest of the batch still comes out. Nothing here panics on bad input.
//!
//! - [`read_paths`] reads files and directories (recursively, sorted by name; hidden files,
//!   README files and unknown extensions in directories are skipped silently). `-` is stdin.
//! - [`read_stdin`] reads a stream, sniffing its format from its first character.
//! - [`read_bytes`] and [`read_jsonl`] read bytes already in memory (uploads, fuzzing).

mod decode;
mod jsonl;
mod walk;

use crate::error::{Error, ErrorKind};
use crate::model::{Format, Hints, RawArticle};
use crate::Result;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest input read, in bytes (64 MiB), before or after gunzip: past it a file is an
/// `Err`, so one stray dump cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads every article in `paths`: files, directories (recursively), or `-` for stdin.
///
/// Files named explicitly are read whatever their extension (an unknown one is sniffed like
/// stdin); inside directories only `.txt`, `.html`/`.htm` and `.jsonl` (also `.text`, `.xhtml`,
/// `.ndjson`; each optionally `.gz`) are read, in sorted order. An empty file is an `Err` too. One `Result` per article (a JSONL file gives one per line); each
/// failure is an `Err` that names its file, and never stops the rest.
pub fn read_paths(paths: &[PathBuf]) -> Vec<Result<RawArticle>> {
    let _span = tracing::info_span!("ingest", inputs = paths.len()).entered();
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.extend(read_stdin(std::io::stdin().lock(), "-"));
            continue;
        }
        for file in walk::files(path) {
            match file {
                Ok((file, format)) => out.extend(read_file(&file, format)),
                Err(e) => out.push(Err(e)),
            }
        }
    }
    let failed = out.iter().filter(|r| r.is_err()).count();
    tracing::debug!(read = out.len() - failed, failed, "ingest done");
    out
}

/// Reads one stream (stdin, an upload) named `name_hint`, sniffing its format: JSON lines when
/// the first non-blank character is `{`, HTML when it is `<`, plain text otherwise. Gzipped
/// streams are unpacked first.
pub fn read_stdin(reader: impl Read, name_hint: &str) -> Vec<Result<RawArticle>> {
    match read_capped(reader, name_hint) {
        Ok(bytes) => read_as(bytes, name_hint, None),
        Err(e) => vec![Err(e)],
    }
}

/// Reads bytes already in memory as if they were the file `path`: the format comes from the
/// extension of `path` (after any `.gz`) or, when that is unknown, is sniffed as in
/// [`read_stdin`].
pub fn read_bytes(bytes: &[u8], path: &str) -> Vec<Result<RawArticle>> {
    read_as(bytes.to_vec(), path, walk::format_of(Path::new(path)))
}

/// Reads bytes as a JSONL file named `path`: one [`Format::Json`] article per non-blank line,
/// or an `Err` naming `path:LINE` for a bad line. Gzip and charset are handled as for files.
pub fn read_jsonl(bytes: &[u8], path: &str) -> Vec<Result<RawArticle>> {
    read_as(bytes.to_vec(), path, Some(Format::Json))
}

/// Reads one file, then interprets it as `format` (sniffed when `None`).
fn read_file(path: &Path, format: Option<Format>) -> Vec<Result<RawArticle>> {
    let name = path.display().to_string();
    let bytes = std::fs::metadata(path)
        .map_err(|e| io_error(&name, e))
        .and_then(|meta| check_size(meta.len(), &name))
        .and_then(|()| std::fs::File::open(path).map_err(|e| io_error(&name, e)))
        .and_then(|file| read_capped(file, &name));
    match bytes {
        Ok(bytes) => read_as(bytes, &name, format),
        Err(e) => vec![Err(e)],
    }
}

/// The common tail of every reader: gunzip, refuse binary data, decode, split by format.
fn read_as(bytes: Vec<u8>, name: &str, format: Option<Format>) -> Vec<Result<RawArticle>> {
    let bytes = match decode::gunzip(bytes, name).and_then(|b| decode::check_binary(b, name)) {
        Ok(bytes) => bytes,
        Err(e) => return vec![Err(e)],
    };
    let wants_meta = format != Some(Format::Text) && format != Some(Format::Json);
    let text = decode::decode(bytes, wants_meta);
    let format = format.unwrap_or_else(|| sniff(&text));
    if format == Format::Json {
        return jsonl::parse(&text, name);
    }
    if text.trim().is_empty() {
        return vec![Err(Error::invalid(format!("{name}: empty file")))];
    }
    vec![Ok(RawArticle { path: name.to_owned(), format, content: text, hints: Hints::default() })]
}

/// The format a stream's first non-blank character suggests.
fn sniff(text: &str) -> Format {
    match text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars().next() {
        Some('{') => Format::Json,
        Some('<') => Format::Html,
        _ => Format::Text,
    }
}

/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes, so an oversized stream is caught without
/// buffering all of it.
fn read_capped(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_error(name, e))?;
    check_size(bytes.len() as u64, name)?;
    Ok(bytes)
}

/// An `Err` when `len` is past [`MAX_FILE_BYTES`].
fn check_size(len: u64, name: &str) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(Error::invalid(format!("{name}: larger than the 64 MiB limit ({len} bytes or more); skipped")));
    }
    Ok(())
}

/// An I/O failure on `name`: `NotFound` when it does not exist, `Io` otherwise.
fn io_error(name: &str, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::not_found(format!("{name}: no such file or directory")).with_source(e)
    } else {
        Error::new(ErrorKind::Io, format!("{name}: cannot read")).with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_first_character() {
        assert_eq!(sniff("  \n{\"text\": 1}"), Format::Json);
        assert_eq!(sniff("\u{feff}<!doctype html>"), Format::Html);
        assert_eq!(sniff("Harbour reopens\n\nBody."), Format::Text);
        assert_eq!(sniff(""), Format::Text);
    }

    #[test]
    fn stdin_text_keeps_whole_content() {
        let out = read_stdin("Ferry delayed\n\nThe ferry is late.\n".as_bytes(), "-");
        let raw = out.into_iter().next().unwrap().unwrap();
        assert_eq!(raw.path, "-");
        assert_eq!(raw.format, Format::Text);
        assert_eq!(raw.content, "Ferry delayed\n\nThe ferry is late.\n");
        assert_eq!(raw.hints, Hints::default());
    }

    #[test]
    fn stdin_jsonl_is_split_by_line() {
        let input = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n";
        let out = read_stdin(input.as_bytes(), "-");
        let paths: Vec<_> = out.into_iter().map(|r| r.unwrap().path).collect();
        assert_eq!(paths, ["-#a", "-#2"]);
    }

    #[test]
    fn read_bytes_uses_the_extension_then_sniffs() {
        let html = read_bytes(b"plain words", "page.html");
        assert_eq!(html[0].as_ref().unwrap().format, Format::Html);
        let sniffed = read_bytes(b"<p>hi</p>", "upload.bin");
        assert_eq!(sniffed[0].as_ref().unwrap().format, Format::Html);
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        let empty = read_bytes(b"  \n", "blank.txt");
        assert!(empty[0].as_ref().unwrap_err().to_string().contains("blank.txt: empty"));
        let binary = read_bytes(b"GIF89a\0\0\x01", "pic.txt");
        let err = binary[0].as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().contains("pic.txt"));
    }

    #[test]
    fn oversized_stream_is_an_error() {
        let err = check_size(MAX_FILE_BYTES + 1, "huge.txt").unwrap_err();
        assert!(err.to_string().contains("huge.txt: larger than the 64 MiB limit"));
        assert!(check_size(MAX_FILE_BYTES, "ok.txt").is_ok());
    }

    #[test]
    fn missing_path_is_not_found() {
        let out = read_paths(&[PathBuf::from("/nonexistent/storyline/x.txt")]);
        let err = out[0].as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.to_string().contains("/nonexistent/storyline/x.txt"));
    }
}
