//! Fuzzes the HTML extractor: any UTF-8 page must parse without panicking, and whatever it
//! returns must be clean text (no empty paragraphs, whitespace already collapsed).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let page = storyline::extract::html::parse(html);
    for paragraph in &page.paragraphs {
        assert!(!paragraph.is_empty(), "empty paragraph");
        assert_eq!(paragraph.trim(), paragraph, "paragraph not trimmed");
        assert!(!paragraph.contains("  "), "whitespace not collapsed");
    }
});
