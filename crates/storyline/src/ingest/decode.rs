//! Bytes → text: gzip, binary detection and charset decoding.
//!
//! Scraped files come in every encoding a web server ever sent. The order of evidence is the
//! byte-order mark, then UTF-8 validity (a non-ASCII text that happens to be valid UTF-8 almost
//! never is anything else, whatever its `<meta>` claims), then an HTML `<meta charset>`, and
//! last a guess between UTF-8 with a few damaged bytes and Windows-1252 (the WHATWG reading of
//! "Latin-1"). A charset from an HTTP `Content-Type` header (a WARC response) comes right after
//! UTF-8 validity and before the page's own `<meta>`, as browsers rank them. Decoding never
//! fails: undecodable bytes become U+FFFD.

use super::{check_size, MAX_FILE_BYTES};
use crate::error::Error;
use crate::Result;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::io::Read;

/// The gzip magic number.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How far into a file NUL bytes mark it as binary.
const BINARY_WINDOW: usize = 8 * 1024;

/// How far into an HTML file a `<meta charset>` is looked for.
const META_WINDOW: usize = 8 * 1024;

/// Unpacks `bytes` when they start with the gzip magic number (whatever the file is called);
/// returns them unchanged otherwise. The unpacked size is capped like a file's.
pub(super) fn gunzip(bytes: Vec<u8>, name: &str) -> Result<Vec<u8>> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    // MultiGzDecoder: `cat a.gz b.gz` is a valid gzip file holding both.
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::invalid(format!("{name}: corrupt gzip data")).with_source(e))?;
    check_size(out.len() as u64, name)
        .map_err(|_| Error::invalid(format!("{name}: unpacks to more than the 64 MiB limit; skipped")))?;
    Ok(out)
}

/// An `Err` naming `name` when its first 8 KiB hold a NUL byte (an image, a PDF, a database),
/// unless a UTF-16/32 byte-order mark explains them.
pub(super) fn check_binary(bytes: Vec<u8>, name: &str) -> Result<Vec<u8>> {
    let window = &bytes[..bytes.len().min(BINARY_WINDOW)];
    let utf16 = matches!(Encoding::for_bom(window), Some((enc, _)) if enc != UTF_8);
    if !utf16 && window.contains(&0) {
        return Err(Error::invalid(format!("{name}: binary file (NUL bytes), not text; skipped")));
    }
    Ok(bytes)
}

/// Decodes `bytes` to text; `html` lets a `<meta charset>` (or `<?xml encoding>`) decide when
/// the bytes are not UTF-8. A byte-order mark is removed.
pub(super) fn decode(bytes: Vec<u8>, html: bool) -> String {
    decode_with(bytes, html, None)
}

/// Decodes an HTML page served with the charset `transport` (from the HTTP header): it wins
/// over the page's `<meta>` and over guessing, but not over a byte-order mark, and bytes that
/// are valid UTF-8 stay UTF-8 (servers label UTF-8 pages "ISO-8859-1" by default far more
/// often than Latin-1 text happens to be valid UTF-8).
pub(super) fn decode_served(bytes: Vec<u8>, transport: Option<&'static Encoding>) -> String {
    decode_with(bytes, true, transport)
}

/// [`decode`] with an optional charset declared by the transport.
fn decode_with(bytes: Vec<u8>, html: bool, transport: Option<&'static Encoding>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(e) => e.into_bytes(),
    };
    let declared = transport.or_else(|| if html { declared_charset(&bytes) } else { None });
    // A page declaring UTF-16 without a BOM is, per the HTML standard, read as UTF-8.
    let encoding =
        declared.map(Encoding::output_encoding).unwrap_or_else(
            || {
                if mostly_utf8(&bytes) {
                    UTF_8
                } else {
                    WINDOWS_1252
                }
            },
        );
    encoding.decode_without_bom_handling(&bytes).0.into_owned()
}

/// Whether invalid bytes are the exception in otherwise multi-byte UTF-8 text (a damaged
/// UTF-8 file) rather than the rule (a single-byte encoding).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > invalid
}

/// The encoding named by the first `<meta … charset=…>` or `<?xml … encoding=…?>` in the head.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_WINDOW)].to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(start) = find(rest, b"<meta").or_else(|| find(rest, b"<?xml")) {
        let tag = &rest[start..];
        let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
        for key in [&b"charset"[..], b"encoding"] {
            if let Some(encoding) = find(tag, key).and_then(|at| label_after(&tag[at + key.len()..])) {
                return Some(encoding);
            }
        }
        rest = &rest[start + 5..];
    }
    None
}

/// The encoding whose label follows `key` in `= "label"` form (quotes and spaces optional).
fn label_after(after_key: &[u8]) -> Option<&'static Encoding> {
    let after = after_key.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let after = after.strip_prefix(b"\"").or_else(|| after.strip_prefix(b"'")).unwrap_or(after);
    let end = after
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'?' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(after.len());
    Encoding::for_label(&after[..end])
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn http_charset_wins_over_meta() {
        let page = b"<meta charset=\"utf-8\"><p>Fran\xe7ois \x9a</p>".to_vec();
        let latin2 = Encoding::for_label(b"windows-1250");
        assert!(decode_served(page.clone(), latin2).contains("François š"), "{}", decode_served(page.clone(), latin2));
        let cyrillic = b"<meta charset=\"iso-8859-1\">\xcd\xee\xe2\xee\xf1\xf2\xe8".to_vec();
        assert!(decode_served(cyrillic, Encoding::for_label(b"windows-1251")).ends_with("Новости"));
        // Valid UTF-8 mislabelled Latin-1 stays UTF-8; no header leaves the meta to decide.
        assert_eq!(decode_served("déjà".as_bytes().to_vec(), Encoding::for_label(b"iso-8859-1")), "déjà");
        assert!(decode_served(b"<meta charset=koi8-r>\xce".to_vec(), None).ends_with('н'));
    }

    #[test]
    fn boms_decide_first() {
        assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9".to_vec(), false), "café");
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain("Oslo".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let checked = check_binary(utf16, "u16.txt").unwrap();
        assert_eq!(decode(checked, false), "Oslo");
    }

    #[test]
    fn meta_charset_decodes_latin1_html() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Fran\xe7ois</body></html>";
        assert!(decode(page.to_vec(), true).contains("François"));
        let old = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1250'>\x9a";
        assert!(decode(old.to_vec(), true).ends_with('š'));
    }

    #[test]
    fn undeclared_bytes_fall_back_sensibly() {
        // Single-byte text: Windows-1252, where 0x93/0x94 are curly quotes.
        assert_eq!(decode(b"\x93Bonjour\x94, caf\xe9".to_vec(), false), "“Bonjour”, café");
        // UTF-8 with one damaged byte stays UTF-8.
        let damaged = b"na\xc3\xafve d\xc3\xa9j\xc3\xa0 vu \xff".to_vec();
        assert_eq!(decode(damaged, false), "naïve déjà vu \u{fffd}");
    }

    #[test]
    fn gzip_is_detected_by_magic() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"packed words").unwrap();
        let packed = enc.finish().unwrap();
        assert_eq!(gunzip(packed, "x").unwrap(), b"packed words");
        assert_eq!(gunzip(b"plain".to_vec(), "x").unwrap(), b"plain");
        let err = gunzip(vec![0x1f, 0x8b, 8, 0, 1, 2], "bad.gz").unwrap_err();
        assert!(err.to_string().starts_with("bad.gz: corrupt gzip"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = check_binary(b"PK\x03\x04\0\0".to_vec(), "a.txt").unwrap_err();
        assert!(err.to_string().contains("a.txt: binary file"));
    }
}
