//! Web archives (WARC 1.0 and 1.1, plain or `.warc.gz`): one HTML article per response record.
//!
//! A record is a `WARC/1.x` line, header lines, a blank line, then exactly `Content-Length`
//! bytes of content (and two line breaks). A `response` record's content is the HTTP response;
//! a 2xx HTML one becomes an article whose path is `FILE#N` (N the 1-based record number), URL
//! the `WARC-Target-URI`, and charset the HTTP header's ([`super::http`]). Every other record
//! (`warcinfo`, `request`, `metadata`, `revisit`, images, redirects) is counted by reason in
//! [`Batch::skipped`], not reported one by one: a crawl holds thousands.
//!
//! The reader is written here rather than taken from the `warc` crate because ingest needs what
//! that crate does not give: memory bounded by record (it reads a whole body of any declared
//! length, and headers without a limit), records skipped without buffering them, and a per-record
//! error that keeps the records before it (its iterator cannot go on after a bad record). It
//! would also bring a second inflate implementation and an old `uuid`. The format is small:
//! the few fields used here are read with care and every length is checked.
//!
//! A `.warc.gz` is normally one gzip member per record; `MultiGzDecoder` reads them in turn, so a
//! file cut short loses only the record it cuts, reported by number.

use super::{decode, http, Batch, MAX_FILE_BYTES};
use crate::error::Error;
use crate::model::{Format, Hints, RawArticle};
use std::io::{BufRead, BufReader, Read};

/// The gzip magic number.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The most bytes a record's header block may take (the longest seen in crawls is a few KiB).
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// Whether `bytes` look like a web archive: `WARC/` at the start, or a gzip member that unpacks
/// to it.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    if bytes.starts_with(&GZIP_MAGIC) {
        let mut head = [0u8; 5];
        let mut decoder = flate2::read::GzDecoder::new(bytes);
        return decoder.read_exact(&mut head).is_ok() && &head == b"WARC/";
    }
    bytes.starts_with(b"WARC/")
}

/// Reads every record of the archive `name` from `input` (gzipped or not) into `batch`.
pub(super) fn read(mut input: impl BufRead, name: &str, batch: &mut Batch) {
    let gzipped = match input.fill_buf() {
        Ok(head) => head.starts_with(&GZIP_MAGIC),
        Err(e) => return batch.fail("unreadable", super::io_error(name, e)),
    };
    if gzipped {
        let members = flate2::bufread::MultiGzDecoder::new(input);
        read_records(BufReader::with_capacity(256 * 1024, members), name, batch);
    } else {
        read_records(input, name, batch);
    }
}

/// Reads records until the end, or until one leaves the stream out of step (a truncated or
/// malformed record: nothing after it can be found reliably).
fn read_records(mut input: impl BufRead, name: &str, batch: &mut Batch) {
    let mut number = 0;
    loop {
        number += 1;
        match next_record(&mut input, name, number) {
            Ok(None) => break,
            Ok(Some(record)) => record.into_batch(name, number, batch),
            Err((reason, e)) => return batch.fail(reason, e),
        }
    }
    if number == 1 {
        batch.fail("empty file", Error::invalid(format!("{name}: empty file")));
    }
}

/// One record: its headers, and its content when it may be an article.
struct Record {
    headers: Vec<(String, String)>,
    /// The content of a `response` record; `None` for other types (their content is skipped).
    content: Option<Vec<u8>>,
}

/// A failure with its skip reason.
type Failure = (&'static str, Error);

/// Reads the next record, or `None` at the end of the stream.
fn next_record(input: &mut impl BufRead, name: &str, number: usize) -> Result<Option<Record>, Failure> {
    let at = |what: String| Error::invalid(format!("{name}: record {number}: {what}"));
    let read_error = |e: std::io::Error| ("truncated record", at(format!("cannot read ({e})")));
    let mut line = Vec::new();
    // Blank lines between records (the two after each record's content) are skipped.
    loop {
        line.clear();
        if read_line(input, &mut line).map_err(read_error)? == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        let what =
            if number == 1 { "not a WARC file (no WARC/1.x line)" } else { "not a WARC record (no WARC/1.x line)" };
        return Err(("bad WARC record", at(what.into())));
    }
    let headers = read_headers(input).map_err(|what| ("bad WARC record", at(what)))?;
    let field = |key: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str());
    let Some(length) = field("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
        return Err(("bad WARC record", at("no valid Content-Length".into())));
    };
    let is_response = field("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
    let mut content = Vec::new();
    let got = if is_response && length <= MAX_FILE_BYTES {
        content.reserve(length.min(1 << 20) as usize);
        input.take(length).read_to_end(&mut content).map_err(read_error)? as u64
    } else {
        std::io::copy(&mut input.take(length), &mut std::io::sink()).map_err(read_error)?
    };
    if got < length {
        let uri = field("WARC-Target-URI").map(|u| format!(" ({u})")).unwrap_or_default();
        let what = format!("{name}: record {number}{uri}: truncated: {length} bytes declared, {got} found");
        return Err(("truncated record", Error::invalid(what)));
    }
    if is_response && length > MAX_FILE_BYTES {
        return Err(("too large", at("larger than the 64 MiB limit; skipped".into())));
    }
    Ok(Some(Record { content: is_response.then_some(content), headers }))
}

/// Reads header lines up to the blank line that ends them; folded lines (starting with a space
/// or tab) continue the previous value.
fn read_headers(input: &mut impl BufRead) -> Result<Vec<(String, String)>, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    let mut total = 0;
    loop {
        line.clear();
        let n = read_line(input, &mut line).map_err(|e| format!("cannot read ({e})"))?;
        total += n as u64;
        if total > MAX_HEADER_BYTES {
            return Err("header longer than 64 KiB".into());
        }
        if !line.ends_with(b"\n") {
            return Err("truncated in its header".into());
        }
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            return Ok(headers);
        }
        match (text.starts_with([' ', '\t']), headers.last_mut(), text.split_once(':')) {
            (true, Some((_, value)), _) => {
                value.push(' ');
                value.push_str(text.trim());
            }
            (_, _, Some((key, value))) => headers.push((key.trim().to_owned(), value.trim().to_owned())),
            _ => return Err(format!("bad header line {:?}", text.trim())),
        }
    }
}

/// Reads one line (with its `\n`) of at most [`MAX_HEADER_BYTES`] into `line`.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    input.take(MAX_HEADER_BYTES + 1).read_until(b'\n', line)
}

impl Record {
    /// Adds the record to `batch`: an article, an error, or a count of why it was passed over.
    fn into_batch(self, name: &str, number: usize, batch: &mut Batch) {
        let field = |key: &str| {
            self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.trim().to_owned())
        };
        let Some(content) = &self.content else {
            return batch.pass_over("not a response record");
        };
        let uri = field("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_owned()).filter(|u| !u.is_empty());
        let at = |what: String| {
            let uri = uri.as_deref().map(|u| format!(" ({u})")).unwrap_or_default();
            Error::invalid(format!("{name}: record {number}{uri}: {what}"))
        };
        let (body, charset) = match http::payload(content) {
            Ok(http::Payload::Page { body, charset }) => (body, charset),
            Ok(http::Payload::Other(reason)) => return batch.pass_over(reason),
            Err(what) => return batch.fail("bad HTTP response", at(what)),
        };
        let body = match decode::check_binary(body, name) {
            Ok(body) => body,
            Err(_) => return batch.fail("binary file", at("binary content (NUL bytes) served as HTML".into())),
        };
        let mut html = decode::decode_served(body, charset);
        if html.trim().is_empty() {
            return batch.fail("empty file", at("empty page".into()));
        }
        // The capture time is the date of last resort: the page's own date (JSON-LD, meta) is
        // seen first, so this tag only counts when the page has none.
        if let Some(date) = field("WARC-Date").filter(|d| !d.contains(['"', '<', '>', '&'])) {
            html.push_str(&format!("\n<meta name=\"date\" content=\"{date}\">\n"));
        }
        batch.articles.push(Ok(RawArticle {
            path: format!("{name}#{number}"),
            format: Format::Html,
            content: html,
            hints: Hints { url: uri, ..Hints::default() },
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> (Vec<u8>, Batch) {
        let path = format!("{}/../../testdata/warc/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        let mut batch = Batch::default();
        read(bytes.as_slice(), name, &mut batch);
        (bytes, batch)
    }

    fn shown(batch: &Batch) -> Vec<String> {
        batch.articles.iter().map(|r| r.as_ref().map_or_else(|e| e.to_string(), |a| a.path.clone())).collect()
    }

    fn skipped(batch: &Batch) -> Vec<(&'static str, usize)> {
        batch.skipped.iter().map(|(k, v)| (*k, *v)).collect()
    }

    #[test]
    fn html_responses_become_articles_and_the_rest_is_counted() {
        for name in ["crawl.warc", "crawl.warc.gz"] {
            let (bytes, batch) = fixture(name);
            assert!(sniff(&bytes));
            assert_eq!(shown(&batch), [format!("{name}#3"), format!("{name}#5")]);
            assert_eq!(skipped(&batch), [("not HTML", 1), ("not a response record", 3)]);
            let quay = batch.articles[0].as_ref().unwrap();
            assert_eq!(quay.format, Format::Html);
            assert_eq!(quay.hints.url.as_deref(), Some("https://harbour-times.example/quay-cafes"));
            // The HTTP header's ISO-8859-1 beats the page's (wrong) meta charset.
            assert!(quay.content.contains("The cafés along the Varen quay"), "{}", quay.content);
            assert!(quay.content.contains("«We lost the best weeks"));
            let tram = batch.articles[1].as_ref().unwrap();
            assert!(tram.content.contains("six stops between"), "dechunked: {}", tram.content);
        }
    }

    #[test]
    fn the_capture_date_only_counts_when_the_page_has_none() {
        let (_, batch) = fixture("crawl.warc");
        let quay = crate::extract::extract(batch.articles[0].as_ref().unwrap()).unwrap();
        assert_eq!(quay.published.as_deref().map(|d| &d[..10]), Some("2031-04-03"));
        assert_eq!(quay.title, "Quay cafés reopen their terraces");
        let tram = crate::extract::extract(batch.articles[1].as_ref().unwrap()).unwrap();
        assert_eq!(tram.published.as_deref().map(|d| &d[..10]), Some("2031-04-01"), "JSON-LD beats WARC-Date");
    }

    #[test]
    fn a_cut_gzip_member_costs_only_its_record() {
        let (_, batch) = fixture("cut.warc.gz");
        let shown = shown(&batch);
        assert_eq!(shown[0], "cut.warc.gz#3");
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[1].starts_with("cut.warc.gz: record 5: "), "{shown:?}");
        assert_eq!(batch.skipped.get("truncated record"), Some(&1));
    }

    #[test]
    fn a_short_record_is_an_error_naming_file_record_and_uri() {
        let (_, batch) = fixture("truncated.warc");
        assert_eq!(
            shown(&batch)[1],
            "truncated.warc: record 4 (https://harbour-times.example/tram-vote): truncated: 649 bytes declared, 41 found"
        );
    }

    #[test]
    fn junk_is_one_error() {
        let (bytes, batch) = fixture("junk.warc");
        assert!(!sniff(&bytes));
        assert_eq!(shown(&batch), ["junk.warc: record 1: not a WARC file (no WARC/1.x line)"]);
        let mut batch = Batch::default();
        read(&b""[..], "empty.warc", &mut batch);
        assert_eq!(shown(&batch), ["empty.warc: empty file"]);
    }

    #[test]
    fn bad_headers_are_errors() {
        let cases: [(&[u8], &str); 4] = [
            (b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxx", "no valid Content-Length"),
            (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5", "truncated in its header"),
            (b"WARC/1.0\r\nno colon here\r\n\r\n", "bad header line"),
            (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12\r\n\r\nNOT HTTP\r\n\r\n", "bad HTTP header"),
        ];
        for (bytes, expected) in cases {
            let mut batch = Batch::default();
            read(bytes, "x.warc", &mut batch);
            let err = batch.articles[0].as_ref().unwrap_err().to_string();
            assert!(err.starts_with("x.warc: record 1") && err.contains(expected), "{err}");
        }
        let long = [&b"WARC/1.0\r\nX: "[..], &vec![b'a'; 70_000]].concat();
        let mut batch = Batch::default();
        read(long.as_slice(), "long.warc", &mut batch);
        assert!(batch.articles[0].as_ref().unwrap_err().to_string().contains("longer than 64 KiB"));
    }
}
