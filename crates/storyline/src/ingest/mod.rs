//! Stage 1, ingest: files, directories and stdin → [`RawArticle`]s.
//!
//! Ingest is the only stage that touches the file system. It decides *how* to read a file
//! (`.txt`, `.html`/`.htm`, `.jsonl`, RSS/Atom feeds, WARC web archives, each optionally
//! gzipped), turns its bytes into text whatever their charset, and hands the content on
//! undigested: cleaning is [`extract`](crate::extract)'s job. Containers (JSONL, feeds, WARC)
//! give one article per line, item or record, with the path `FILE#KEY`.
//!
//! Every input yields its own `Result`, in a deterministic order: a missing, unreadable, binary,
//! oversized or malformed file — or one bad line, feed item or WARC record — is an `Err` naming
//! the file (and line, item or record), and the rest of the batch still comes out. Nothing here
//! panics on bad input. Records that are not articles (a WARC's requests, its images) are not
//! errors: they are counted by reason in [`Batch::skipped`].
//!
//! - [`read_paths`] reads files and directories (recursively, sorted by name; hidden files,
//!   README files and unknown extensions in directories are skipped silently). `-` is stdin.
//! - [`inputs`] and [`Input::read`] do the same one input at a time, for a progress bar, and
//!   keep the skip counts in a [`Batch`].
//! - [`read_stdin`] reads a stream, sniffing its format from its first bytes.
//! - [`read_bytes`] and [`read_jsonl`] read bytes already in memory (uploads, fuzzing).

mod decode;
mod feed;
mod http;
mod jsonl;
mod walk;
mod warc;

use crate::error::{Error, ErrorKind};
use crate::model::{Format, Hints, RawArticle};
use crate::Result;
use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use walk::Kind;

/// The largest input read, in bytes (64 MiB), before or after gunzip: past it a file is an
/// `Err`, so one stray dump cannot exhaust memory. A WARC file is streamed record by record, so
/// the limit holds for each of its records instead.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What reading produced: the articles and errors in input order, and why inputs were skipped.
#[derive(Debug, Default)]
pub struct Batch {
    /// One `Result` per article (a container gives one per line, item or record).
    pub articles: Vec<Result<RawArticle>>,
    /// How many inputs or records were skipped, by reason ("binary file", "not HTML", "not a
    /// response record", …): every `Err` in `articles` counts once under its reason, and so
    /// does every record passed over on purpose (which leaves no `Err`).
    pub skipped: BTreeMap<&'static str, usize>,
}

impl Batch {
    /// Records `error` as the result of one input, counted under `reason`.
    pub fn fail(&mut self, reason: &'static str, error: Error) {
        *self.skipped.entry(reason).or_default() += 1;
        self.articles.push(Err(error));
    }

    /// Counts one record passed over on purpose.
    fn pass_over(&mut self, reason: &'static str) {
        *self.skipped.entry(reason).or_default() += 1;
    }

    /// Adds results that may hold errors, all counted under `reason`.
    fn extend(&mut self, reason: &'static str, results: Vec<Result<RawArticle>>) {
        for result in results {
            match result {
                Ok(raw) => self.articles.push(Ok(raw)),
                Err(e) => self.fail(reason, e),
            }
        }
    }
}

/// One input to read: a file with the kind its name announces, or stdin.
#[derive(Debug, Clone)]
pub struct Input {
    path: PathBuf,
    kind: Option<Kind>,
    len: u64,
}

impl Input {
    /// The file (`-` for stdin).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's size in bytes when it was listed (0 for stdin), to size a progress bar.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file was empty (or is stdin) when listed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads the input in pieces, handing `sink` one [`Batch`] at a time: a JSONL file in
    /// chunks of up to `chunk` lines (in bounded memory, whatever the file's size), any other
    /// input as one batch.
    pub fn stream(&self, chunk: usize, sink: &mut dyn FnMut(Batch)) {
        if self.kind == Some(Kind::Jsonl) && self.path.as_os_str() != "-" {
            stream_jsonl(&self.path, chunk.max(1), sink);
        } else {
            let mut batch = Batch::default();
            self.read(&mut batch);
            sink(batch);
        }
    }

    /// Reads the input's articles into `batch`.
    pub fn read(&self, batch: &mut Batch) {
        if self.path.as_os_str() == "-" {
            read_stream(std::io::stdin().lock(), "-", batch);
        } else {
            read_file(&self.path, self.kind, batch);
        }
    }
}

/// Lists the files `paths` stand for, in reading order: files as given, directories walked
/// (recursively, sorted; only known extensions), `-` as stdin. A missing path or a walk failure
/// is an `Err` naming it.
pub fn inputs(paths: &[PathBuf]) -> Vec<Result<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input { path: path.clone(), kind: None, len: 0 }));
            continue;
        }
        for file in walk::files(path) {
            out.push(file.map(|(path, kind)| {
                let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                Input { path, kind, len }
            }));
        }
    }
    out
}

/// Reads every article in `paths`: files, directories (recursively), or `-` for stdin.
///
/// Files named explicitly are read whatever their extension (an unknown one is sniffed like
/// stdin); inside directories only `.txt`, `.html`/`.htm`, `.jsonl`, `.rss`/`.atom`/`.xml` and
/// `.warc` (also `.text`, `.xhtml`, `.ndjson`; each optionally `.gz`) are read, in sorted order.
/// An empty file is an `Err` too. One `Result` per article (a JSONL file gives one per line, a
/// feed one per item, a WARC one per HTML response); each failure is an `Err` that names its
/// file, and never stops the rest.
pub fn read_paths(paths: &[PathBuf]) -> Vec<Result<RawArticle>> {
    read_batch(paths).articles
}

/// [`read_paths`], keeping the skip counts.
pub fn read_batch(paths: &[PathBuf]) -> Batch {
    let _span = tracing::info_span!("ingest", inputs = paths.len()).entered();
    let mut batch = Batch::default();
    for input in inputs(paths) {
        match input {
            Ok(input) => input.read(&mut batch),
            Err(e) => batch.fail(reason_of_io(&e), e),
        }
    }
    let failed = batch.articles.iter().filter(|r| r.is_err()).count();
    tracing::debug!(read = batch.articles.len() - failed, failed, "ingest done");
    batch
}

/// Reads one stream (stdin, an upload) named `name_hint`, sniffing its format: a WARC archive
/// when it starts with `WARC/`, JSON lines when the first non-blank character is `{`, a feed
/// when the XML root is `<rss>`, `<feed>` or `<rdf:RDF>`, HTML when it starts with `<`, plain
/// text otherwise. Gzipped streams are unpacked first.
pub fn read_stdin(reader: impl Read, name_hint: &str) -> Vec<Result<RawArticle>> {
    let mut batch = Batch::default();
    read_stream(reader, name_hint, &mut batch);
    batch.articles
}

/// Reads bytes already in memory as if they were the file `path`: the format comes from the
/// extension of `path` (after any `.gz`) or, when that is unknown, is sniffed as in
/// [`read_stdin`].
pub fn read_bytes(bytes: &[u8], path: &str) -> Vec<Result<RawArticle>> {
    let mut batch = Batch::default();
    read_as(bytes.to_vec(), path, walk::kind_of(Path::new(path)), &mut batch);
    batch.articles
}

/// Reads bytes as a JSONL file named `path`: one [`Format::Json`] article per non-blank line,
/// or an `Err` naming `path:LINE` for a bad line. Gzip and charset are handled as for files.
pub fn read_jsonl(bytes: &[u8], path: &str) -> Vec<Result<RawArticle>> {
    let mut batch = Batch::default();
    read_as(bytes.to_vec(), path, Some(Kind::Jsonl), &mut batch);
    batch.articles
}

/// Reads a whole stream (capped at [`MAX_FILE_BYTES`]), then interprets it by sniffing.
fn read_stream(reader: impl Read, name: &str, batch: &mut Batch) {
    match read_capped(reader, name) {
        Ok(bytes) => read_as(bytes, name, None, batch),
        Err(e) => batch.fail(reason_of_io(&e), e),
    }
}

/// Reads one file, then interprets it as `kind` (sniffed when `None`). A WARC file is streamed,
/// so it may be larger than [`MAX_FILE_BYTES`].
fn read_file(path: &Path, kind: Option<Kind>, batch: &mut Batch) {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| io_error(&name, e));
    if kind == Some(Kind::Jsonl) {
        return stream_jsonl(path, usize::MAX, &mut |chunk| {
            batch.articles.extend(chunk.articles);
            for (reason, n) in chunk.skipped {
                *batch.skipped.entry(reason).or_default() += n;
            }
        });
    }
    if kind == Some(Kind::Warc) {
        match file {
            Ok(file) => warc::read(BufReader::with_capacity(256 * 1024, file), &name, batch),
            Err(e) => batch.fail(reason_of_io(&e), e),
        }
        return;
    }
    let bytes = file.and_then(|file| {
        let len = file.metadata().map_err(|e| io_error(&name, e))?.len();
        check_size(len, &name)?;
        read_capped(file, &name)
    });
    match bytes {
        Ok(bytes) => read_as(bytes, &name, kind, batch),
        Err(e) => batch.fail(reason_of_io(&e), e),
    }
}

/// Streams a JSONL file (gzipped or not) line by line into `sink`, `chunk` lines at a time; a
/// file that cannot be opened, is corrupt gzip or binary is one failed batch.
fn stream_jsonl(path: &Path, chunk: usize, sink: &mut dyn FnMut(Batch)) {
    let name = path.display().to_string();
    let failed = |reason: &'static str, e: Error, sink: &mut dyn FnMut(Batch)| {
        let mut batch = Batch::default();
        batch.fail(reason, e);
        sink(batch);
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => BufReader::with_capacity(256 * 1024, file),
        Err(e) => {
            let e = io_error(&name, e);
            return failed(reason_of_io(&e), e, sink);
        }
    };
    let gzipped = match std::io::BufRead::fill_buf(&mut file) {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            let e = io_error(&name, e);
            return failed(reason_of_io(&e), e, sink);
        }
    };
    let mut reader: Box<dyn std::io::BufRead> = if gzipped {
        Box::new(BufReader::with_capacity(256 * 1024, flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    };
    let head = match reader.fill_buf() {
        Ok(head) => head.to_vec(),
        Err(e) => {
            let reason = if gzipped { "corrupt gzip" } else { "unreadable" };
            return failed(reason, Error::invalid(format!("{name}: read failed")).with_source(e), sink);
        }
    };
    if let Err(e) = decode::check_binary(head, &name) {
        return failed("binary file", e, sink);
    }
    let mut emit = |results: Vec<Result<RawArticle>>| {
        let mut batch = Batch::default();
        batch.extend("bad JSON line", results);
        sink(batch);
    };
    if let Err(e) = jsonl::stream(reader, &name, chunk, &mut emit) {
        let reason = if gzipped { "corrupt gzip" } else { "unreadable" };
        failed(reason, e, sink);
    }
}

/// The common tail of every reader: gunzip, refuse binary data, decode, split by kind.
fn read_as(bytes: Vec<u8>, name: &str, kind: Option<Kind>, batch: &mut Batch) {
    // A web archive holds binary payloads and is gzipped member by member: it is read before
    // the whole-file gunzip and binary check.
    if kind == Some(Kind::Warc) || (kind.is_none() && warc::sniff(&bytes)) {
        return warc::read(bytes.as_slice(), name, batch);
    }
    let bytes = match decode::gunzip(bytes, name) {
        Ok(bytes) => bytes,
        Err(e) => return batch.fail("corrupt gzip", e),
    };
    let bytes = match decode::check_binary(bytes, name) {
        Ok(bytes) => bytes,
        Err(e) => return batch.fail("binary file", e),
    };
    let wants_meta = !matches!(kind, Some(Kind::Text | Kind::Jsonl));
    let text = decode::decode(bytes, wants_meta);
    let kind = match kind {
        Some(Kind::Xml) | None => sniff(&text),
        Some(kind) => kind,
    };
    match kind {
        Kind::Jsonl => batch.extend("bad JSON line", jsonl::parse(&text, name)),
        Kind::Feed => feed::parse(&text, name, batch),
        Kind::Xml => batch.fail(
            "not a feed",
            Error::invalid(format!("{name}: XML but not an RSS or Atom feed (root element <{}>)", xml_root(&text))),
        ),
        // Not reached (archives are read above, and never sniffed from decoded text).
        Kind::Warc => warc::read(text.as_bytes(), name, batch),
        Kind::Text | Kind::Html if text.trim().is_empty() => {
            batch.fail("empty file", Error::invalid(format!("{name}: empty file")))
        }
        Kind::Text => batch.articles.push(Ok(article(name, Format::Text, text))),
        Kind::Html => batch.articles.push(Ok(article(name, Format::Html, text))),
    }
}

/// A whole-file article without container metadata.
fn article(name: &str, format: Format, content: String) -> RawArticle {
    RawArticle { path: name.to_owned(), format, content, hints: Hints::default() }
}

/// The kind a stream's first non-blank character suggests; XML (`<?xml`, `<rss`, `<feed`) is
/// told apart by its root element: a feed, HTML (XHTML), or other XML.
fn sniff(text: &str) -> Kind {
    match text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars().next() {
        Some('{') => Kind::Jsonl,
        Some('<') => match xml_root(text).as_str() {
            "rss" | "feed" | "rdf:rdf" => Kind::Feed,
            "html" | "" => Kind::Html,
            // `<?xml …?><urlset>`: XML, not a page. Anything else starting with `<` is HTML.
            _ if is_xml(text) => Kind::Xml,
            _ => Kind::Html,
        },
        _ => Kind::Text,
    }
}

/// Whether the text opens with an XML declaration.
fn is_xml(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').starts_with("<?xml")
}

/// The lowercased name of the first element, past the XML declaration, processing
/// instructions, comments and the doctype; empty when there is none in the first 64 KiB.
fn xml_root(text: &str) -> String {
    let mut rest = &text[..text.floor_char_boundary(64 * 1024)];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let skip_to = if rest.starts_with("<?") {
            rest.find("?>").map(|at| at + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|at| at + 3)
        } else if rest.starts_with("<!") {
            rest.find('>').map(|at| at + 1)
        } else {
            break;
        };
        match skip_to {
            Some(at) => rest = &rest[at..],
            None => return String::new(),
        }
    }
    let Some(tag) = rest.strip_prefix('<') else { return String::new() };
    let end = tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(tag.len());
    tag[..end].to_ascii_lowercase()
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

/// The skip reason of a failure to open or read a file.
fn reason_of_io(e: &Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "not found",
        ErrorKind::InvalidInput => "too large",
        _ => "unreadable",
    }
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
        assert_eq!(sniff("  \n{\"text\": 1}"), Kind::Jsonl);
        assert_eq!(sniff("\u{feff}<!doctype html>"), Kind::Html);
        assert_eq!(sniff("<p>hi</p>"), Kind::Html);
        assert_eq!(sniff("Harbour reopens\n\nBody."), Kind::Text);
        assert_eq!(sniff(""), Kind::Text);
    }

    #[test]
    fn sniffs_feeds_by_their_root_element() {
        assert_eq!(sniff("<?xml version=\"1.0\"?>\n<!-- hi --><rss version=\"2.0\">"), Kind::Feed);
        assert_eq!(sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Kind::Feed);
        assert_eq!(sniff("<?xml version=\"1.0\"?><rdf:RDF>"), Kind::Feed);
        assert_eq!(sniff("<?xml version=\"1.0\"?><!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff("<?xml version=\"1.0\"?><urlset>"), Kind::Xml);
        assert_eq!(xml_root("<?xml version=\"1.0\""), "");
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

    fn testdata(folder: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(folder)
    }

    #[test]
    fn feed_folder_reads_every_feed_and_counts_skips() {
        let batch = read_batch(&[testdata("feeds")]);
        let names: Vec<String> = batch
            .articles
            .iter()
            .map(|r| r.as_ref().map_or_else(|e| e.to_string(), |a| a.path.rsplit('/').next().unwrap().to_owned()))
            .collect();
        assert_eq!(names.len(), 7, "{names:?}");
        assert!(names[0].contains("broken.rss: not a valid RSS or Atom feed"), "{names:?}");
        assert_eq!(names[1], "courrier.xml#lc-1");
        assert_eq!(names[2], "harbour.rss#ht-2031-0402-ferry");
        let skipped: Vec<_> = batch.skipped.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(skipped, [("broken feed", 1), ("feed item without text", 1)]);
        // `.xml` in ISO-8859-1, declared in its XML declaration.
        let courrier = batch.articles[1].as_ref().unwrap();
        assert_eq!(courrier.hints.title.as_deref(), Some("Cafés du port: la terrasse rouvre"));
        assert!(courrier.content.contains("après trois semaines"), "{}", courrier.content);
    }

    #[test]
    fn archives_are_read_from_folders_files_and_streams() {
        let batch = read_batch(&[testdata("warc")]);
        let ok = batch.articles.iter().filter(|r| r.is_ok()).count();
        // crawl.warc 2, crawl.warc.gz 2, cut.warc.gz 1, truncated.warc 1.
        assert_eq!(ok, 6);
        assert_eq!(batch.skipped.get("truncated record"), Some(&2));
        assert_eq!(batch.skipped.get("bad WARC record"), Some(&1), "junk.warc");
        let gz = std::fs::read(testdata("warc/crawl.warc.gz")).unwrap();
        let streamed = read_stdin(gz.as_slice(), "-");
        assert_eq!(streamed.iter().map(|r| r.as_ref().unwrap().path.as_str()).collect::<Vec<_>>(), ["-#3", "-#5"]);
        assert_eq!(read_bytes(&gz, "upload.bin").len(), 2, "sniffed by its first gzip member");
    }

    #[test]
    fn junk_and_cut_gzip_are_errors_naming_the_file() {
        let junk: Vec<u8> = (0..600u32).map(|i| (i * 37 + 11) as u8).collect();
        let out = read_bytes(&junk, "news.rss");
        assert!(out[0].as_ref().unwrap_err().to_string().starts_with("news.rss: binary file"));
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, "Ferry delayed\n\nThe ferry is late again today.\n".repeat(40).as_bytes())
            .unwrap();
        let mut packed = enc.finish().unwrap();
        packed.truncate(packed.len() / 2);
        let out = read_bytes(&packed, "story.txt.gz");
        assert!(out[0].as_ref().unwrap_err().to_string().starts_with("story.txt.gz: corrupt gzip"));
        let out = read_bytes(b"<?xml version=\"1.0\"?><urlset><url/></urlset>", "sitemap.xml");
        assert_eq!(
            out[0].as_ref().unwrap_err().to_string(),
            "sitemap.xml: XML but not an RSS or Atom feed (root element <urlset>)"
        );
    }

    #[test]
    fn inputs_are_listed_with_their_sizes() {
        let listed = inputs(&[testdata("warc"), PathBuf::from("-")]);
        let names: Vec<String> =
            listed.iter().map(|i| i.as_ref().unwrap().path().file_name().unwrap().to_string_lossy().into()).collect();
        assert_eq!(names, ["crawl.warc", "crawl.warc.gz", "cut.warc.gz", "junk.warc", "truncated.warc", "-"]);
        assert_eq!(listed[3].as_ref().unwrap().len(), 600);
        assert!(listed[5].as_ref().unwrap().is_empty());
    }

    #[test]
    fn missing_path_is_not_found() {
        let out = read_paths(&[PathBuf::from("/nonexistent/storyline/x.txt")]);
        let err = out[0].as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.to_string().contains("/nonexistent/storyline/x.txt"));
    }
}
