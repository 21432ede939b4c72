//! Ingest through the public API on real files: directory walks, gzip, JSONL line errors, binary
//! files, charsets and stdin sniffing. Every fixture is written here, into a temporary directory.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use storyline::ingest::{read_jsonl, read_paths, read_stdin};
use storyline::model::{Format, RawArticle};
use storyline::ErrorKind;

/// Writes `bytes` to `dir/name`, creating parent directories.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Paths relative to `dir`, for readable assertions.
fn relative(dir: &Path, raw: &RawArticle) -> String {
    raw.path.strip_prefix(&format!("{}/", dir.display())).unwrap_or(&raw.path).to_owned()
}

#[test]
fn directory_is_read_recursively_sorted_and_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b.txt", b"Tram line opens\n\nThe new tram line opened on Monday.");
    write(root, "a/page.html", b"<html><body><p>Council votes on the budget.</p></body></html>");
    write(root, "a/feed.jsonl", b"{\"id\":\"k1\",\"title\":\"Lighthouse\",\"text\":\"The lighthouse was relit.\"}\n");
    write(root, "c/old.txt.gz", &gzip(b"Archive story\n\nFrom the archive."));
    write(root, "c/more.jsonl.gz", &gzip(b"{\"body\":\"Packed line.\"}\n"));
    write(root, "c/page.htm.gz", &gzip(b"<p>Packed page.</p>"));
    // Gzipped data behind a plain name is still unpacked (found by its magic bytes).
    write(root, "c/sneaky.txt", &gzip(b"Unpacked by magic."));
    // Skipped silently: hidden files and folders, README, unknown extensions.
    write(root, ".hidden.txt", b"secret");
    write(root, ".git/HEAD.txt", b"ref");
    write(root, "README.md", b"# data");
    write(root, "README.txt", b"about this folder");
    write(root, "notes.csv", b"a,b");

    let out = read_paths(&[root.to_path_buf()]);
    let got: Vec<(String, Format, String)> = out
        .into_iter()
        .map(|r| r.expect("every file reads"))
        .map(|raw| (relative(root, &raw), raw.format, raw.content.clone()))
        .collect();
    let expected = [
        ("a/feed.jsonl#k1", Format::Json, "The lighthouse was relit."),
        ("a/page.html", Format::Html, "<html><body><p>Council votes on the budget.</p></body></html>"),
        ("b.txt", Format::Text, "Tram line opens\n\nThe new tram line opened on Monday."),
        ("c/more.jsonl.gz#1", Format::Json, "Packed line."),
        ("c/old.txt.gz", Format::Text, "Archive story\n\nFrom the archive."),
        ("c/page.htm.gz", Format::Html, "<p>Packed page.</p>"),
        ("c/sneaky.txt", Format::Text, "Unpacked by magic."),
    ];
    let expected: Vec<(String, Format, String)> =
        expected.iter().map(|(p, f, c)| (p.to_string(), *f, c.to_string())).collect();
    assert_eq!(got, expected);
}

#[test]
fn jsonl_bad_line_is_reported_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "n1", "title": "Bridge repaired", "text": "Crews finished the bridge.", "url": "https://news.example/b", "published": "2031-06-01", "outlet": "Example News", "tags": ["x"]}"#,
        "",
        r#"{"id": "n2", "title": "Broken", "text": "unterminated"#,
        r#"{"title": "No body at all"}"#,
        r#"{"content": "Line five has content."}"#,
    ];
    let path = write(dir.path(), "feed.jsonl", lines.join("\n").as_bytes());
    let out = read_paths(std::slice::from_ref(&path));
    assert_eq!(out.len(), 4);
    let file = path.display().to_string();

    let first = out[0].as_ref().unwrap();
    assert_eq!(first.path, format!("{file}#n1"));
    assert_eq!(first.hints.title.as_deref(), Some("Bridge repaired"));
    assert_eq!(first.hints.url.as_deref(), Some("https://news.example/b"));
    assert_eq!(first.hints.published.as_deref(), Some("2031-06-01"));
    assert_eq!(first.hints.outlet.as_deref(), Some("Example News"));

    let bad = out[1].as_ref().unwrap_err();
    assert_eq!(bad.kind(), ErrorKind::InvalidInput);
    assert!(bad.to_string().starts_with(&format!("{file}:3: invalid JSON")), "{bad}");
    let missing = out[2].as_ref().unwrap_err();
    assert!(missing.to_string().starts_with(&format!("{file}:4: no text field")), "{missing}");

    let last = out[3].as_ref().unwrap();
    assert_eq!(last.path, format!("{file}#5"));
    assert_eq!(last.content, "Line five has content.");
}

#[test]
fn binary_file_is_an_error_naming_it_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(dir.path(), "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let good = write(dir.path(), "story.txt", b"Harbour news\n\nBoats returned.");
    let missing = dir.path().join("gone.txt");
    let out = read_paths(&[binary.clone(), missing.clone(), good]);
    assert_eq!(out.len(), 3);
    let err = out[0].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains(&binary.display().to_string()));
    assert!(err.to_string().contains("binary"));
    let err = out[1].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains(&missing.display().to_string()));
    assert_eq!(out[2].as_ref().unwrap().content, "Harbour news\n\nBoats returned.");
}

#[test]
fn latin1_html_with_meta_charset_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\
        <title>Caf\xe9 reopens</title></head><body><p>The caf\xe9 in S\xe3o Vicente reopened \x96 at last.</p></body></html>";
    let path = write(dir.path(), "latin1.html", page);
    let out = read_paths(&[path]);
    let raw = out[0].as_ref().unwrap();
    assert_eq!(raw.format, Format::Html);
    assert!(raw.content.contains("<title>Café reopens</title>"));
    // 0x96 is an en dash in Windows-1252, which is how browsers read "ISO-8859-1".
    assert!(raw.content.contains("São Vicente reopened – at last."));
    let parsed = storyline::extract::html::parse(&raw.content);
    assert_eq!(parsed.title.as_deref(), Some("Café reopens"));
    assert_eq!(parsed.paragraphs, ["The café in São Vicente reopened – at last."]);
}

#[test]
fn stdin_is_sniffed() {
    let jsonl = read_stdin("\n{\"id\": 1, \"text\": \"From a pipe.\"}\n".as_bytes(), "-");
    assert_eq!(jsonl[0].as_ref().unwrap().path, "-#1");
    assert_eq!(jsonl[0].as_ref().unwrap().format, Format::Json);

    let html = read_stdin("  <!doctype html><p>Hi</p>".as_bytes(), "-");
    assert_eq!(html[0].as_ref().unwrap().format, Format::Html);

    let text = read_stdin("Plain headline\n\nPlain body.".as_bytes(), "stdin");
    assert_eq!(text[0].as_ref().unwrap().format, Format::Text);
    assert_eq!(text[0].as_ref().unwrap().path, "stdin");

    let packed = read_stdin(gzip(b"<p>Gzipped page.</p>").as_slice(), "-");
    assert_eq!(packed[0].as_ref().unwrap().format, Format::Html);
    assert_eq!(packed[0].as_ref().unwrap().content, "<p>Gzipped page.</p>");

    let binary = read_stdin(&b"\0\x01\x02"[..], "-");
    assert!(binary[0].as_ref().unwrap_err().to_string().starts_with("-: binary file"));
}

#[test]
fn read_jsonl_survives_arbitrary_bytes() {
    for bytes in [&b""[..], b"\xff\xfe\x00", b"{", b"\x1f\x8b\x08garbage", b"{\"text\":\"ok\"}\n\xff\n", b"[]\n1\nnull"]
    {
        let out = read_jsonl(bytes, "fuzz.jsonl");
        assert!(!out.is_empty(), "every input yields at least one result");
    }
}
