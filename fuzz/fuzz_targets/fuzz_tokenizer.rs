//! Fuzzes storyline's HTML tokenizer against html5ever's: any UTF-8 page must parse to the same
//! tree (node kinds, names with namespaces, attributes, text, comments, doctype, quirks mode).

#![no_main]

use libfuzzer_sys::fuzz_target;
use scraper::{Html, Node};

fn dump(doc: &Html) -> Vec<String> {
    let mut out = vec![format!("{:?}", doc.quirks_mode)];
    for edge in doc.tree.root().traverse() {
        let ego_tree::iter::Edge::Open(node) = edge else { continue };
        let line = match node.value() {
            Node::Element(e) => {
                let mut attrs: Vec<String> = e.attrs.iter().map(|(k, v)| format!("{k:?}={v:?}")).collect();
                attrs.sort();
                format!("{:?} {attrs:?}", e.name)
            }
            other => format!("{other:?}"),
        };
        out.push(format!("{} {line}", node.ancestors().count()));
    }
    out
}

fuzz_target!(|html: &str| {
    let ours = storyline::extract::tokenizer::parse_document(html);
    assert_eq!(dump(&ours), dump(&Html::parse_document(html)), "page: {html:?}");
});
