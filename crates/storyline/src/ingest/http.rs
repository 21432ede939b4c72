//! The HTTP response inside a WARC `response` record: is it a page, in which charset, and its
//! body with the transfer and content encodings undone.
//!
//! Archives store the response as it came off the wire, so the body may still be chunked or
//! gzipped (crawlers that undo this rename the header, e.g. `X-Crawler-Transfer-Encoding`,
//! and then it is not seen here). Every step is bounded by [`MAX_FILE_BYTES`].

use super::MAX_FILE_BYTES;
use encoding_rs::Encoding;
use std::io::Read;

/// The most header lines one response may have.
const MAX_HEADERS: usize = 128;

/// What a response record holds.
#[derive(Debug)]
pub(super) enum Payload {
    /// An HTML page: its body and the charset the `Content-Type` header declares.
    Page {
        /// The body, dechunked and decompressed.
        body: Vec<u8>,
        /// The header's charset, when it names one `encoding_rs` knows.
        charset: Option<&'static Encoding>,
    },
    /// Not an article, with the reason it is skipped.
    Other(&'static str),
}

/// Reads the HTTP response in `block` (a response record's content). `Err` says what is wrong
/// with it; a well-formed response that is not a page is [`Payload::Other`].
pub(super) fn payload(block: &[u8]) -> Result<Payload, String> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(block) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Err("incomplete HTTP header".into()),
        Err(e) => return Err(format!("bad HTTP header ({e})")),
    };
    if !response.code.is_some_and(|code| (200..300).contains(&code)) {
        return Ok(Payload::Other("not a 2xx response"));
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type");
    let mut body = block[head_len..].to_vec();
    if header("transfer-encoding").is_some_and(|te| te.contains("chunked")) {
        body = dechunk(&body).unwrap_or(body);
    }
    match header("content-encoding").as_deref().map(str::trim) {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") => body = inflate(flate2::read::MultiGzDecoder::new(body.as_slice()), "gzip")?,
        Some("deflate") => {
            // "deflate" is zlib-wrapped by the standard and raw deflate by some servers.
            body = inflate(flate2::read::ZlibDecoder::new(body.as_slice()), "deflate")
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(body.as_slice()), "deflate"))?;
        }
        Some(_) => return Ok(Payload::Other("unsupported content encoding")),
    }
    let is_page = match content_type.as_deref() {
        Some(ct) => matches!(ct.split(';').next().map(str::trim), Some("text/html" | "application/xhtml+xml")),
        // No header: a body that opens like markup is taken for a page.
        None => body.trim_ascii_start().first() == Some(&b'<'),
    };
    if !is_page {
        return Ok(Payload::Other("not HTML"));
    }
    Ok(Payload::Page { body, charset: content_type.as_deref().and_then(charset) })
}

/// The encoding named by the `charset` parameter of a `Content-Type` value.
fn charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        (key.trim() == "charset").then(|| Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes()))?
    })
}

/// Undoes `Transfer-Encoding: chunked`. `None` when the body is not chunked after all (a
/// header that lies); a body cut short keeps the chunks that are complete.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(rest.len());
    loop {
        let line_end = rest.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?.trim();
        // Chunk extensions (`1a;name=value`) are allowed and ignored.
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        if size > rest.len() {
            out.extend_from_slice(rest);
            return Some(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
}

/// Reads a decompressing reader to its end, capped at [`MAX_FILE_BYTES`].
fn inflate(reader: impl Read, what: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt {what} content encoding ({e})"))?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("{what} content unpacks to more than the 64 MiB limit"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn page(response: &[u8]) -> (Vec<u8>, Option<&'static str>) {
        match payload(response).unwrap() {
            Payload::Page { body, charset } => (body, charset.map(Encoding::name)),
            Payload::Other(why) => panic!("not a page: {why}"),
        }
    }

    fn other(response: &[u8]) -> &'static str {
        match payload(response).unwrap() {
            Payload::Other(why) => why,
            Payload::Page { .. } => panic!("a page"),
        }
    }

    #[test]
    fn pages_with_their_charset() {
        let (body, charset) =
            page(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<p>Caf\xe9</p>");
        assert_eq!((body.as_slice(), charset), (&b"<p>Caf\xe9</p>"[..], Some("windows-1252")));
        let (_, charset) = page(b"HTTP/1.0 200 OK\r\ncontent-type: application/xhtml+xml\r\n\r\n<html/>");
        assert_eq!(charset, None);
        let (body, _) = page(b"HTTP/1.1 200 OK\r\n\r\n  <html>no header</html>");
        assert!(body.ends_with(b"</html>"));
    }

    #[test]
    fn other_responses_are_skipped_with_a_reason() {
        assert_eq!(other(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"), "not HTML");
        assert_eq!(
            other(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Type: text/html\r\n\r\n<a>"),
            "not a 2xx response"
        );
        assert_eq!(other(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx"), "unsupported content encoding");
        assert!(payload(b"HTTP/1.1 200 OK\r\nContent-Type: text/ht").unwrap_err().contains("incomplete"));
        assert!(payload(b"\x00\x01junk").unwrap_err().contains("bad HTTP header"));
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_undone() {
        let (body, _) = page(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\n<p>Hi\r\n4\r\n</p>\r\n0\r\n\r\n",
        );
        assert_eq!(body, b"<p>Hi</p>");
        assert_eq!(dechunk(b"<html>not chunked"), None);
        assert_eq!(dechunk(b"10\r\nshort").unwrap(), b"short");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>Packed</p>").unwrap();
        let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        response.extend(gz.finish().unwrap());
        assert_eq!(page(&response).0, b"<p>Packed</p>");
        response.truncate(response.len() - 12);
        assert!(payload(&response).err().unwrap().contains("corrupt gzip"));
    }
}
