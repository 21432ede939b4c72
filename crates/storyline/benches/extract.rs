//! Stage 2 (extract) on an invented news page built the way real ones are: a head full of meta
//! tags, JSON-LD and inline scripts and styles, navigation, the article, related links,
//! comments and a footer (about 35 KB, a third of it the article's text).
//!
//! `extract/page` is the whole stage as `eval extraction` times it (charset decoding, HTML
//! parsing, main-text pick, chrome, repairs, id, language); `extract/parse_only` is the parse
//! alone (our tokenizer into html5ever's tree builder), the floor the stage cannot go under, and
//! `extract/parse_html5ever` the same tree with html5ever's own tokenizer (scraper), to compare.
//! Each iteration checks what it produced. `cargo bench -p storyline --bench extract`.
//!
//! `words/*` times the word segmentation behind the id (`text::push_words`) and fingerprints
//! (`text::word_hashes`) on an English paragraph with curly quotes and a German one, next to
//! `unicode_words()` normalized the way the text module did before its own scanner (`*_before`),
//! in the same run so the two compare.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// One invented page: the fictional Varen ferry story among the usual site furniture.
fn page() -> String {
    let mut html = String::from(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Night ferries return to Port Varen after winter pause | Varen Coast Herald</title>
<meta property="og:site_name" content="Varen Coast Herald">
<meta property="og:title" content="Night ferries return to Port Varen after winter pause">
<meta property="article:published_time" content="2031-03-04T06:15:00Z">
<meta name="author" content="Ilse Marrow">
<link rel="canonical" href="https://coastherald.example/news/night-ferries-return">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Night ferries return to Port Varen after winter pause","datePublished":"2031-03-04",
"author":{"@type":"Person","name":"Ilse Marrow"},"publisher":{"name":"Varen Coast Herald"}}</script>
"#,
    );
    for i in 0..40 {
        html += &format!(
            "<script>window.__cfg{i} = {{\"slot\": \"top-{i}\", \"sizes\": [[300, 250], [728, 90]], \
             \"targeting\": {{\"section\": \"news\", \"tags\": [\"ferries\", \"harbour\"]}}}};</script>\n\
             <style>.promo-{i} {{ margin: 0 auto; padding: {i}px; font: 14px/1.4 sans-serif; }} \
             .promo-{i}:hover {{ color: #0a0a{i:02}; }}</style>\n"
        );
    }
    html += "</head><body><header class=\"site-header\"><nav><ul>";
    for section in ["News", "Harbour", "Weather", "Sport", "Culture", "Opinion", "Tides", "Jobs"] {
        html += &format!(
            "<li class=\"nav-item\"><a href=\"/{s}\" data-track=\"nav-{s}\">{section}</a></li>",
            s = section.to_lowercase()
        );
    }
    html += "</ul></nav></header>\n<div class=\"share-tools\"><a href=\"#\">Share on social media</a></div>\n";
    html += "<main><article class=\"story\"><h1>Night ferries return to Port Varen after winter pause</h1>\
             <p class=\"byline\">By Ilse Marrow</p><p><time datetime=\"2031-03-04\">4 March 2031</time></p>\
             <div class=\"story-body\">";
    for i in 0..24 {
        html += &format!(
            "<p>PARAGRAPH {i}: The evening crossing between Port Varen and Holm Island ran again on \
             Tuesday for the first time since November, the harbour office said, after crews agreed a \
             new rota that pays night shifts {i} percent more. <a href=\"/rota\">The rota</a> covers \
             three boats, and the first sailing carried 212 passengers and 40 bicycles.</p>\n\
             <figure class=\"inline-photo\"><img src=\"/img/{i}.jpg\" alt=\"\" loading=\"lazy\" \
             srcset=\"/img/{i}-320.jpg 320w, /img/{i}-640.jpg 640w, /img/{i}-1280.jpg 1280w\">\
             <figcaption>The ferry Holm Star at dusk. Photo: Varen Coast Herald</figcaption></figure>\n"
        );
    }
    html += "</div></article></main>\n<aside class=\"related\"><h3>Related</h3><ul>";
    for i in 0..30 {
        html += &format!("<li><a href=\"/news/related-{i}\">Harbour story number {i} you may have missed</a></li>");
    }
    html += "</ul></aside>\n<div id=\"comments\">";
    for i in 0..20 {
        html += &format!("<div class=\"comment\"><p>Reader {i}: about time the boats ran at night again.</p></div>");
    }
    html += "</div><footer><p>© Varen Coast Herald. All rights reserved.</p></footer>";
    for i in 0..30 {
        html +=
            &format!("<script>(function(){{var s{i}=document.createElement('script');s{i}.async=true;}})();</script>");
    }
    html + "</body></html>"
}

fn bench_extract(c: &mut Criterion) {
    let html = page();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("page", |b| {
        b.iter(|| {
            let raw = storyline::ingest::read_bytes(black_box(html.as_bytes()), "page.html").remove(0).unwrap();
            let article = storyline::extract::extract(&raw).unwrap();
            assert_eq!(article.title, "Night ferries return to Port Varen after winter pause");
            assert_eq!(article.paragraphs().count(), 24, "{}", article.body);
            assert!(!article.body.contains("Reader") && !article.body.contains("Related"));
            article
        })
    });
    group.bench_function("parse_only", |b| {
        b.iter(|| {
            let doc = storyline::extract::tokenizer::parse_document(black_box(&html));
            assert_eq!(doc.tree.nodes().count(), 789, "the page parses to the same tree every time");
            doc
        })
    });
    group.bench_function("parse_html5ever", |b| {
        b.iter(|| {
            let doc = scraper::Html::parse_document(black_box(&html));
            assert_eq!(doc.tree.nodes().count(), 789, "the page parses to the same tree every time");
            doc
        })
    });
    group.finish();
}

/// An English news paragraph with curly quotes, dashes and numbers.
const ENGLISH: &str = "Night ferries will return to Port Varen on Monday after a four-month winter pause, \
the harbour authority said on Friday. “We’re confident the boats can run safely again — the new \
radar is in, and the crews have trained for it,” said Ilse Marrow, the authority’s director. The \
U.S.-built vessels, which cost $12.5 million each, carried 1,240 passengers a night last year; \
the company doesn’t expect that many before June… Critics weren’t convinced: ‘It’s too early,’ \
one captain told the Herald.";

/// A German news paragraph with umlauts, ß and German quotation marks.
const GERMAN: &str = "Die Nachtfähren nach Port Varen fahren ab Montag wieder, teilte die Hafenbehörde \
am Freitag mit. „Wir sind überzeugt, dass die Schiffe wieder sicher fahren können – das neue \
Radargerät ist eingebaut, und die Besatzungen haben geübt“, sagte Direktorin Ilse Marrow. Die \
Fähren kosteten je 12,5 Millionen Euro und beförderten im vergangenen Jahr 1.240 Fahrgäste pro \
Nacht; größere Schiffe seien vorerst nicht geplant. Kritiker äußerten sich zurückhaltend: „Es ist \
zu früh.“";

/// `text::push_words` as it was: `unicode_words()`, each word normalized through `char` methods.
fn push_words_before(out: &mut String, text: &str) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut first = true;
    for w in text.unicode_words() {
        let start = out.len();
        if !first {
            out.push(' ');
        }
        let mark = out.len();
        if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
        }
        if out.len() == mark {
            out.truncate(start);
        } else {
            first = false;
        }
    }
}

/// `text::word_hashes` as it was.
fn word_hashes_before(text: &str) -> Vec<u64> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut buf = String::with_capacity(32);
    let mut out = Vec::with_capacity(text.len() / 5);
    for w in text.unicode_words() {
        buf.clear();
        buf.extend(w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
        if !buf.is_empty() {
            out.push(storyline::text::hash64(&buf));
        }
    }
    out
}

fn bench_words(c: &mut Criterion) {
    let mut group = c.benchmark_group("words");
    for (name, text) in [("english", ENGLISH), ("german", GERMAN)] {
        let mut joined = String::new();
        push_words_before(&mut joined, text);
        let hashes = word_hashes_before(text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("push_words_{name}"), |b| {
            let mut out = String::with_capacity(text.len());
            b.iter(|| {
                out.clear();
                storyline::text::push_words(&mut out, black_box(text));
                assert_eq!(out, joined);
            })
        });
        group.bench_function(format!("push_words_{name}_before"), |b| {
            let mut out = String::with_capacity(text.len());
            b.iter(|| {
                out.clear();
                push_words_before(&mut out, black_box(text));
                assert_eq!(out, joined);
            })
        });
        group.bench_function(format!("word_hashes_{name}"), |b| {
            b.iter(|| assert_eq!(storyline::text::word_hashes(black_box(text)), hashes))
        });
        group.bench_function(format!("word_hashes_{name}_before"), |b| {
            b.iter(|| assert_eq!(word_hashes_before(black_box(text)), hashes))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract, bench_words);
criterion_main!(benches);
