//! JSON lines: one article object per line.
//!
//! Each non-blank line is read on its own, so one malformed line costs that line only. The
//! article's path is `FILE#ID` (the line's `id`) or `FILE#LINE` (1-based), which joins any result
//! back to its input line. Field names vary between scrapers, so a few common aliases are read;
//! every other field is ignored.

use crate::error::Error;
use crate::model::{Format, Hints, RawArticle};
use crate::Result;
use serde_json::{Map, Value};
use std::io::{BufRead, Read};

/// Where the article text may be, in order of preference.
const TEXT_FIELDS: [&str; 3] = ["text", "body", "content"];

/// Parses every line of `text` (the decoded file `path`).
pub(super) fn parse(text: &str, path: &str) -> Vec<Result<RawArticle>> {
    let out: Vec<_> = text
        .split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| parse_line(line, path, index + 1))
        .collect();
    if out.is_empty() {
        return vec![Err(Error::invalid(format!("{path}: no JSON lines in file")))];
    }
    out
}

/// Streams the lines of `reader` (the file `path`), handing `sink` the results of up to `chunk`
/// lines at a time, so a JSONL dump of any size is read in bounded memory: only the current
/// chunk and one line are held, and the 64 MiB limit applies to each line instead of the file.
/// A line over the limit is an `Err` naming it, and reading goes on at the next line. Lines
/// that are not UTF-8 are decoded as Windows-1252 (as a whole file would be). Returns the
/// number of non-blank lines, or the `Err` that stopped reading (an I/O error mid-file: the
/// lines before it have been handed over).
pub(super) fn stream(
    reader: impl BufRead,
    path: &str,
    chunk: usize,
    sink: &mut dyn FnMut(Vec<Result<RawArticle>>),
) -> Result<usize> {
    stream_limited(reader, path, chunk, super::MAX_FILE_BYTES, sink)
}

/// [`stream`] with the line limit as a parameter.
fn stream_limited(
    mut reader: impl BufRead,
    path: &str,
    chunk: usize,
    limit: u64,
    sink: &mut dyn FnMut(Vec<Result<RawArticle>>),
) -> Result<usize> {
    let mut out = Vec::with_capacity(chunk.min(4096));
    let mut line = Vec::new();
    let (mut line_no, mut lines) = (0usize, 0usize);
    loop {
        line.clear();
        let n = Read::by_ref(&mut reader)
            .take(limit + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::invalid(format!("{path}:{}: read failed", line_no + 1)).with_source(e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if line.len() as u64 > limit && line.last() != Some(&b'\n') {
            // Skip the rest of the over-long line.
            let mut rest = Vec::new();
            while reader
                .read_until(b'\n', &mut rest)
                .map_err(|e| Error::invalid(format!("{path}: read failed")).with_source(e))?
                > 0
            {
                if rest.last() == Some(&b'\n') {
                    break;
                }
                rest.clear();
            }
            lines += 1;
            out.push(Err(Error::invalid(format!(
                "{path}:{line_no}: line longer than the {limit}-byte limit; skipped"
            ))));
        } else {
            let text = match std::str::from_utf8(&line) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => std::borrow::Cow::Owned(super::decode::decode(line.clone(), false)),
            };
            let text = if line_no == 1 { text.trim_start_matches('\u{feff}') } else { &text };
            if text.trim().is_empty() {
                continue;
            }
            lines += 1;
            out.push(parse_line(text, path, line_no));
        }
        if out.len() >= chunk {
            sink(std::mem::take(&mut out));
        }
    }
    if lines == 0 {
        out.push(Err(Error::invalid(format!("{path}: no JSON lines in file"))));
    }
    if !out.is_empty() {
        sink(out);
    }
    Ok(lines)
}

/// One line → one article, or an `Err` naming `path:line` and what is wrong with it.
fn parse_line(line: &str, path: &str, line_no: usize) -> Result<RawArticle> {
    let at = || format!("{path}:{line_no}");
    let value: Value = serde_json::from_str(line.trim())
        .map_err(|e| Error::invalid(format!("{}: invalid JSON", at())).with_source(e))?;
    let Value::Object(object) = value else {
        return Err(Error::invalid(format!("{}: expected a JSON object, found {}", at(), kind(&value))));
    };
    let content = body_text(&object).map_err(|what| Error::invalid(format!("{}: {what}", at())))?;
    let key = scalar(object.get("id")).unwrap_or_else(|| line_no.to_string());
    Ok(RawArticle {
        path: format!("{path}#{key}"),
        format: Format::Json,
        content,
        hints: Hints {
            title: first_of(&object, &["title", "headline"]),
            url: first_of(&object, &["url", "link"]),
            published: first_of(&object, &["published", "date", "published_at", "publishedAt"]),
            outlet: first_of(&object, &["outlet", "source", "site", "publisher"]),
            language: first_of(&object, &["language", "lang"]),
        },
    })
}

/// The first non-empty text field, or what is wrong with the text fields there are.
fn body_text(object: &Map<String, Value>) -> std::result::Result<String, String> {
    let mut problem = None;
    for field in TEXT_FIELDS {
        match object.get(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => return Ok(s.clone()),
            Some(Value::String(_)) | Some(Value::Null) => {
                problem.get_or_insert_with(|| format!("empty `{field}` field"));
            }
            Some(other) => {
                problem.get_or_insert_with(|| format!("`{field}` is {}, not a string", kind(other)));
            }
            None => {}
        }
    }
    Err(problem.unwrap_or_else(|| "no text field (expected `text`, `body` or `content`)".into()))
}

/// The first of `fields` that holds a usable value: a string, a number, or an object with a
/// `name` (as in `"source": {"name": "Harbour Times"}`).
fn first_of(object: &Map<String, Value>, fields: &[&str]) -> Option<String> {
    fields.iter().find_map(|field| match object.get(*field) {
        Some(Value::Object(inner)) => scalar(inner.get("name")),
        other => scalar(other),
    })
}

/// A string (trimmed, non-empty) or number as text.
fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A JSON value's kind, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(input: &str, chunk: usize, limit: u64) -> (Vec<usize>, Vec<String>) {
        let mut sizes = Vec::new();
        let mut out = Vec::new();
        stream_limited(input.as_bytes(), "s.jsonl", chunk, limit, &mut |c| {
            sizes.push(c.len());
            out.extend(c.into_iter().map(|r| match r {
                Ok(a) => a.path,
                Err(e) => e.to_string(),
            }));
        })
        .unwrap();
        (sizes, out)
    }

    #[test]
    fn streams_in_chunks_with_line_numbers() {
        let input =
            "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\nnot json\n{\"id\": \"x\", \"text\": \"c\"}\n{\"text\": \"d\"}";
        let (sizes, out) = streamed(input, 2, 1 << 20);
        assert_eq!(sizes, vec![2, 2, 1]);
        assert_eq!(out[0], "s.jsonl#1");
        assert_eq!(out[1], "s.jsonl#3");
        assert!(out[2].starts_with("s.jsonl:4: invalid JSON"), "{}", out[2]);
        assert_eq!(out[3..], ["s.jsonl#x".to_string(), "s.jsonl#6".to_string()]);
    }

    #[test]
    fn an_overlong_line_costs_only_itself() {
        let long = format!("{{\"text\": \"{}\"}}", "w".repeat(100));
        let input = format!("{{\"text\": \"a\"}}\n{long}\n{{\"text\": \"b\"}}\n");
        let (_, out) = streamed(&input, 10, 40);
        assert_eq!(out.len(), 3);
        assert!(out[1].contains("s.jsonl:2: line longer than the 40-byte limit"), "{}", out[1]);
        assert_eq!(out[2], "s.jsonl#3");
    }

    #[test]
    fn streaming_an_empty_file_is_one_error() {
        let (_, out) = streamed("\n  \n", 10, 1 << 20);
        assert_eq!(out, vec!["s.jsonl: no JSON lines in file".to_string()]);
    }

    #[test]
    fn reads_fields_and_aliases() {
        let line = r#"{"id": 7, "headline": "Bridge closes", "body": "The bridge closed.",
            "link": "https://example.test/b", "date": "2031-04-02",
            "source": {"name": "Valley Post"}, "lang": "en-US", "extra": [1, 2]}"#
            .replace('\n', " ");
        let out = parse(&line, "feed.jsonl");
        let raw = out[0].as_ref().unwrap();
        assert_eq!(raw.path, "feed.jsonl#7");
        assert_eq!(raw.format, Format::Json);
        assert_eq!(raw.content, "The bridge closed.");
        assert_eq!(raw.hints.title.as_deref(), Some("Bridge closes"));
        assert_eq!(raw.hints.url.as_deref(), Some("https://example.test/b"));
        assert_eq!(raw.hints.published.as_deref(), Some("2031-04-02"));
        assert_eq!(raw.hints.outlet.as_deref(), Some("Valley Post"));
        assert_eq!(raw.hints.language.as_deref(), Some("en-US"));
    }

    #[test]
    fn text_wins_over_body_and_content() {
        let out = parse(r#"{"content": "c", "text": "t", "body": "b"}"#, "f");
        assert_eq!(out[0].as_ref().unwrap().content, "t");
        let out = parse(r#"{"text": "", "content": "c"}"#, "f");
        assert_eq!(out[0].as_ref().unwrap().content, "c");
    }

    #[test]
    fn bad_lines_name_file_and_line_and_the_rest_survive() {
        let text = "{\"text\": \"first\"}\n\n{oops\n[1]\n{\"title\": \"x\"}\n{\"text\": \"  \"}\n{\"text\": 3}\r\n{\"text\": \"last\"}";
        let out = parse(text, "d.jsonl");
        let shown: Vec<String> = out
            .iter()
            .map(|r| match r {
                Ok(raw) => raw.path.clone(),
                Err(e) => e.context().to_owned(),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "d.jsonl#1",
                "d.jsonl:3: invalid JSON",
                "d.jsonl:4: expected a JSON object, found an array",
                "d.jsonl:5: no text field (expected `text`, `body` or `content`)",
                "d.jsonl:6: empty `text` field",
                "d.jsonl:7: `text` is a number, not a string",
                "d.jsonl#8",
            ]
        );
    }

    #[test]
    fn file_without_lines_is_an_error() {
        let out = parse("\n \n", "empty.jsonl");
        assert_eq!(out.len(), 1);
        assert!(out[0].as_ref().unwrap_err().to_string().contains("empty.jsonl"));
    }
}
