//! Fuzzes the feed reader through the public ingest API: any bytes named like a feed (gzip,
//! binary, any charset, any XML) must yield at least one result, never a panic, and every
//! article must be a `FILE#KEY` HTML page that extraction takes without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline::model::Format;

fuzz_target!(|bytes: &[u8]| {
    let out = storyline::ingest::read_bytes(bytes, "fuzz.rss");
    assert!(!out.is_empty(), "no result at all");
    for article in out.iter().flatten() {
        assert!(article.path.starts_with("fuzz.rss#"), "bad path {}", article.path);
        assert_eq!(article.format, Format::Html);
        let _ = storyline::extract::extract(article);
    }
});
