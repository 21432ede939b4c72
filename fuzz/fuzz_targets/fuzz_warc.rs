//! Fuzzes the WARC reader through the public ingest API: any bytes named like an archive
//! (plain or gzipped, truncated, lying lengths, any HTTP head) must yield at least one result or
//! count every record as skipped, never panic, and every article must be an HTML `FILE#N` page.

#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline::model::Format;

fuzz_target!(|bytes: &[u8]| {
    let out = storyline::ingest::read_bytes(bytes, "fuzz.warc");
    for article in out.iter().flatten() {
        let number = article.path.strip_prefix("fuzz.warc#").expect("FILE#N path");
        assert!(number.parse::<usize>().is_ok_and(|n| n >= 1), "bad record number {number}");
        assert_eq!(article.format, Format::Html);
        assert!(!article.content.trim().is_empty(), "empty page");
    }
});
