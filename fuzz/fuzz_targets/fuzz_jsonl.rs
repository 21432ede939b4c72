//! Fuzzes the JSONL reader through the public ingest API: any bytes (gzip, binary, any charset)
//! must yield at least one result per call, never a panic, and every article must carry text
//! and a `FILE#KEY` path.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let out = storyline::ingest::read_jsonl(bytes, "fuzz.jsonl");
    assert!(!out.is_empty(), "no result at all");
    for article in out.iter().flatten() {
        assert!(article.path.starts_with("fuzz.jsonl#"), "bad path {}", article.path);
        assert!(!article.content.trim().is_empty(), "empty content");
    }
});
