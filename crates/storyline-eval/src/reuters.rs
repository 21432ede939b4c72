//! Reuters-21578 SGML → JSONL.
//!
//! The corpus is 22 files of `<REUTERS … NEWID="n">` records, each with `<DATE>`, usually a
//! `<TITLE>` and, for 19,043 of 21,578, a `<BODY>`. The markup is regular enough that a small
//! hand-written scanner is safer than an SGML parser: there is no nesting of the tags we read, and
//! the DTD's quirks (unquoted attributes, undeclared entities) never touch them.
//!
//! The files are 1987 teletype output, not valid UTF-8 everywhere, so bytes are read as latin-1
//! (every byte is a character; nothing is lost or rejected). The only entities are `&lt;`,
//! `&gt;`, `&amp;` and numeric ones (`&#3;` etc.), which are mostly teletype control codes; those
//! decode to control characters, which are dropped because no article text contains them.

use anyhow::{Context, Result};
use flate2::read::MultiGzDecoder;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// One article as a JSONL line, in the field order the CLI's JSONL reader documents.
#[derive(Debug, PartialEq, Serialize)]
pub struct Record {
    /// The corpus's NEWID.
    pub id: String,
    /// The TITLE element.
    pub title: String,
    /// The BODY element.
    pub text: String,
    /// `None` (JSON `null`) when the DATE element is missing or unreadable.
    pub published: Option<String>,
    /// Always "Reuters".
    pub outlet: &'static str,
}

/// What one document became: a record, or a reason it was left out.
#[derive(Debug, PartialEq)]
enum Parsed {
    Article(Record),
    /// No `<BODY>`, or an empty one (the corpus's BRIEF and UNPROC documents).
    NoBody,
}

/// Counts for the closing report on stderr.
#[derive(Default)]
struct Tally {
    written: usize,
    skipped: usize,
    undated: usize,
}

/// Every article with a body, in file and record order.
pub fn read(dir: &Path) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    for path in &sgm_files(dir)? {
        let text = read_latin1(path)?;
        out.extend(documents(&text).filter_map(|doc| match parse_document(doc) {
            Parsed::Article(record) => Some(record),
            Parsed::NoBody => None,
        }));
    }
    Ok(out)
}

/// Convert every `.sgm` (or `.sgm.gz`) file in `dir`, in file-name order, into JSONL at `out`.
pub fn convert(dir: &Path, out: &Path) -> Result<()> {
    let files = sgm_files(dir)?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let file = File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let mut writer = BufWriter::new(file);
    let mut tally = Tally::default();
    for path in &files {
        let text = read_latin1(path)?;
        for doc in documents(&text) {
            match parse_document(doc) {
                Parsed::Article(record) => {
                    tally.undated += usize::from(record.published.is_none());
                    serde_json::to_writer(&mut writer, &record)?;
                    writer.write_all(b"\n")?;
                    tally.written += 1;
                }
                Parsed::NoBody => tally.skipped += 1,
            }
        }
    }
    writer.flush().with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "reuters-jsonl: {} files, {} articles written, {} skipped (no body), {} without a readable date -> {}",
        files.len(),
        tally.written,
        tally.skipped,
        tally.undated,
        out.display()
    );
    Ok(())
}

/// The corpus files in `dir`, sorted so the output (and so every benchmark prefix) is stable.
fn sgm_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("reading {} (set --data or STORYLINE_DATA)", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".sgm") || name.ends_with(".sgm.gz") {
            files.push(path);
        }
    }
    files.sort();
    anyhow::ensure!(!files.is_empty(), "no .sgm files in {}", dir.display());
    Ok(files)
}

/// The file's bytes as latin-1 text, gunzipped first when the name ends in `.gz`.
fn read_latin1(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let read = if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("gz")) {
        MultiGzDecoder::new(file).read_to_end(&mut bytes)
    } else {
        { file }.read_to_end(&mut bytes)
    };
    read.with_context(|| format!("reading {}", path.display()))?;
    // Latin-1 maps byte b to U+00b, so this is lossless and cannot fail.
    Ok(bytes.iter().map(|&b| char::from(b)).collect())
}

/// The `<REUTERS …>…</REUTERS>` records of one file, tags included.
fn documents(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find("<REUTERS")?;
        let len = rest[start..].find("</REUTERS>").map_or(rest.len() - start, |end| end + "</REUTERS>".len());
        let doc = &rest[start..start + len];
        rest = &rest[start + len..];
        Some(doc)
    })
}

/// One record's fields; NEWID is the id because it is the corpus's own unique key.
fn parse_document(doc: &str) -> Parsed {
    let text = element(doc, "BODY").map(decode).map(|body| body.trim().to_string()).unwrap_or_default();
    if text.is_empty() {
        return Parsed::NoBody;
    }
    let open_tag = doc.split('>').next().unwrap_or_default();
    Parsed::Article(Record {
        id: attribute(open_tag, "NEWID").unwrap_or_default().to_string(),
        title: element(doc, "TITLE").map(decode).map(|title| title.trim().to_string()).unwrap_or_default(),
        text,
        published: element(doc, "DATE").and_then(iso_date),
        outlet: "Reuters",
    })
}

/// The raw content of the first `<NAME>…</NAME>` (the tags we read never carry attributes).
fn element<'a>(doc: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = doc.find(&open)? + open.len();
    let end = doc[start..].find(&format!("</{name}>"))?;
    Some(&doc[start..start + end])
}

/// The value of `NAME="value"` in an opening tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(&tag[start..start + end])
}

/// Decode `&lt;`, `&gt;`, `&amp;` and `&#N;`, dropping control characters other than newline
/// and tab; anything that only looks like an entity is kept as written.
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        push_text(&mut out, &rest[..amp]);
        rest = &rest[amp..];
        let entity = rest.find(';').map(|semi| (&rest[1..semi], semi + 1));
        match entity.and_then(|(name, len)| entity_char(name).map(|c| (c, len))) {
            Some((c, len)) => {
                push_text(&mut out, c.encode_utf8(&mut [0; 4]));
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_text(&mut out, rest);
    out
}

/// The character an entity name (between `&` and `;`) stands for.
fn entity_char(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        _ => name.strip_prefix('#')?.parse::<u32>().ok().and_then(char::from_u32),
    }
}

/// Append `text` without control characters (teletype framing such as `&#3;` end-of-text).
fn push_text(out: &mut String, text: &str) {
    out.extend(text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t'));
}

/// `26-FEB-1987 15:01:01.79` → `1987-02-26T15:01:01Z`. Leading spaces, doubled spaces and the
/// trailing teletype codes some records carry are tolerated; hundredths are dropped. The corpus
/// does not say its time zone, so the clock time is kept as written and marked UTC.
fn iso_date(raw: &str) -> Option<String> {
    let raw = raw.split('&').next().unwrap_or_default();
    let mut words = raw.split_whitespace();
    let (date, time) = (words.next()?, words.next()?);
    let mut parts = date.split('-');
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: u32 = parts.next()?.parse().ok()?;
    let mut clock = time.split('.').next()?.split(':').map(|part| part.parse::<u32>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    let valid = (1..=31).contains(&day) && hour < 24 && minute < 60 && second < 61;
    valid.then(|| format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z"))
}

/// `JAN` → 1 … `DEC` → 12, any case.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    let position = MONTHS.iter().position(|month| month.eq_ignore_ascii_case(name))?;
    u32::try_from(position + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two invented records in the corpus's layout: one complete, one title-only brief.
    const SAMPLE: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" OLDID=\"9001\" NEWID=\"42\">\n\
<DATE> 3-MAR-1987  09:05:07.12&#5;&#5;F</DATE>\n\
<TOPICS><D>marmalade</D></TOPICS>\n\
<TEXT>&#2;\n\
<TITLE>ZEMBLA JAM OUTPUT &lt;UP&gt; 5 PCT</TITLE>\n\
<DATELINE>    ONHAVA, March 3 - </DATELINE><BODY>Zembla Preserves &amp; Co &lt;ZPC&gt; said\n\
jam output rose to 12 mln jars.\n Reuter\n&#3;</BODY></TEXT>\n\
</REUTERS>\n\
<REUTERS TOPICS=\"NO\" OLDID=\"9002\" NEWID=\"43\">\n\
<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>ZEMBLA SETS JAM QUOTA</TITLE>\n&#3;</TEXT>\n\
</REUTERS>\n";

    #[test]
    fn splits_records_and_skips_bodiless_ones() {
        let parsed: Vec<Parsed> = documents(SAMPLE).map(parse_document).collect();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1], Parsed::NoBody);
        let Parsed::Article(record) = &parsed[0] else { panic!("first record has a body") };
        assert_eq!(record.id, "42");
        assert_eq!(record.title, "ZEMBLA JAM OUTPUT <UP> 5 PCT");
        assert_eq!(record.text, "Zembla Preserves & Co <ZPC> said\njam output rose to 12 mln jars.\n Reuter");
        assert_eq!(record.published.as_deref(), Some("1987-03-03T09:05:07Z"));
        assert_eq!(record.outlet, "Reuters");
    }

    #[test]
    fn serializes_one_line_in_field_order() {
        let Parsed::Article(record) = parse_document(documents(SAMPLE).next().unwrap()) else { panic!() };
        let line = serde_json::to_string(&record).unwrap();
        assert!(!line.contains('\n'));
        assert!(line.starts_with(r#"{"id":"42","title":"#), "{line}");
        assert!(line.ends_with(r#""published":"1987-03-03T09:05:07Z","outlet":"Reuters"}"#), "{line}");
    }

    #[test]
    fn decodes_entities_and_drops_control_codes() {
        assert_eq!(decode("a &lt;b&gt; &amp; c&#5;&#233;"), "a <b> & c\u{e9}");
        // Not entities: kept as written.
        assert_eq!(decode("AT&T & co &bogus; &#x;"), "AT&T & co &bogus; &#x;");
    }

    #[test]
    fn normalizes_dates() {
        assert_eq!(iso_date("26-FEB-1987 15:01:01.79").as_deref(), Some("1987-02-26T15:01:01Z"));
        assert_eq!(iso_date("  2-JUN-1987 13:10:10.20").as_deref(), Some("1987-06-02T13:10:10Z"));
        assert_eq!(iso_date("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM").as_deref(), Some("1987-03-27T00:02:59Z"));
        assert_eq!(iso_date("31-XYZ-1987 00:00:00.00"), None);
        assert_eq!(iso_date(""), None);
    }

    #[test]
    fn reads_bytes_as_latin1() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sgm");
        std::fs::write(&path, b"caf\xe9 \xff").unwrap();
        assert_eq!(read_latin1(&path).unwrap(), "caf\u{e9} \u{ff}");
    }

    #[test]
    fn reads_gzipped_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sgm.gz");
        let mut gz = flate2::write::GzEncoder::new(File::create(&path).unwrap(), flate2::Compression::fast());
        gz.write_all(SAMPLE.as_bytes()).unwrap();
        gz.finish().unwrap();
        assert_eq!(read_latin1(&path).unwrap(), SAMPLE);
    }
}
