use super::{attribute_name, kept_attribute, parse_document, parse_without_code, tag_name};
use html5ever::LocalName;
use scraper::{Html, Node};

/// The whole tree, one line per node with its depth: node kinds, element names with their
/// namespace, attributes sorted (with namespace), text, comments, the doctype, quirks mode.
fn dump(doc: &Html) -> Vec<String> {
    let mut out = vec![format!("quirks {:?}", doc.quirks_mode)];
    for edge in doc.tree.root().traverse() {
        let ego_tree::iter::Edge::Open(node) = edge else { continue };
        let depth = node.ancestors().count();
        let line = match node.value() {
            Node::Document => "#document".to_string(),
            Node::Fragment => "#fragment".to_string(),
            Node::Doctype(d) => format!("<!DOCTYPE {:?} {:?} {:?}>", d.name(), d.public_id(), d.system_id()),
            Node::Comment(c) => format!("<!-- {:?} -->", &**c),
            Node::Text(t) => format!("{:?}", &**t),
            Node::Element(e) => {
                let mut attrs: Vec<String> =
                    e.attrs.iter().map(|(k, v)| format!("{}:{}={:?}", k.ns, k.local, &**v)).collect();
                attrs.sort();
                format!("<{}:{} {}>", e.name.ns, e.name.local, attrs.join(" "))
            }
            Node::ProcessingInstruction(p) => format!("<?{:?} {:?}>", &*p.target, &*p.data),
        };
        out.push(format!("{depth} {line}"));
    }
    out
}

/// html5ever's tree of `page` as a browser without scripting builds it (a `<noscript>` holds
/// markup): what [`parse_without_code`] parses like.
fn parse_without_scripting(page: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        ..Default::default()
    };
    html5ever::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), opts).one(page)
}

/// The tree with the text of HTML scripts (except JSON-LD) and style sheets left out, and only
/// the attributes extraction keeps: what parsing with `empty_code` must give.
fn dump_without_code(doc: &Html) -> Vec<String> {
    let mut doc = doc.clone();
    let elements: Vec<_> = doc.tree.nodes().filter(|n| n.value().is_element()).map(|n| n.id()).collect();
    for id in elements {
        if let Some(mut n) = doc.tree.get_mut(id) {
            if let Node::Element(e) = n.value() {
                // By the name as written: the tree builder renames `xlink:href` in SVG to `href`.
                e.attrs.retain(|(q, _)| q.prefix.is_none() && super::kept_attribute(&q.local));
            }
        }
    }
    let code: Vec<_> = doc
        .tree
        .nodes()
        .filter(|n| n.value().is_text())
        .filter(|n| {
            n.parent().and_then(|p| p.value().as_element().cloned()).is_some_and(|e| {
                e.name.ns == html5ever::ns!(html)
                    && (&*e.name.local == "style"
                        || &*e.name.local == "script"
                            && !e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
            })
        })
        .map(|n| n.id())
        .collect();
    for id in code {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
    dump(&doc)
}

#[track_caller]
fn same_tree(page: &str) {
    let ours = dump(&parse_document(page));
    let theirs = dump(&Html::parse_document(page));
    assert_eq!(ours, theirs, "page: {page:?}");
}

#[test]
fn tags_attributes_and_names() {
    same_tree("<DIV Class=a CLASS=b id='x' data-x=\"1\" data-y=2 data-z>t</Div>");
    same_tree("<p =a \"b\"=c 'd e<f/g>x<p a=1/>y<p a=\"1\"/>z<br/ ><img / src=x>");
    same_tree("<a href=x?a=1&amp;b=2&ampc=3&amp=4&copy;&copy=5>l</a><a title='&notit; &notin;'>m</a>");
    same_tree("<p\u{0}x a\u{0}=\u{0}>\u{0}</p><p TITLE=\"\u{e9}\u{0}\">\u{e9}</p>");
}

#[test]
fn text_references_and_newlines() {
    same_tree("a &amp b &amp; c &notit; d &#x80; &#0; &#x110000; &#65 &#x; &# &bogus; &; &AMP;");
    same_tree("<p>one\r\ntwo\rthree\n\r\nfour</p>\r");
    same_tree("<pre></>\nw</pre><pre>\nx</pre><pre>&#10;y</pre><pre>&#10z</pre><textarea>\n&#10a</textarea><listing>\r\nb</listing>");
    same_tree("\u{feff}<p>bom</p><script></script>\u{feff}x<meta charset=utf-8>\u{feff}y");
}

#[test]
fn comments_and_declarations() {
    for page in [
        "<!-->a<!--->b<!---->c<!-- x -- y --!>d<!-- <!-- e -->f<!--g--!h-->i<!--",
        "<!--a-<b--><!--<!-->c<!--<!--->d<!--x--!-y-->e<!---x-->f<!-- -- ->g",
        "<?xml x?>a</ b>c</>d<!x y>e<!>f<!-",
        "<!DOCTYPE html>x",
        "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">x",
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'>",
        "<!DOCTYPE html SYSTEM \"about:legacy-compat\" junk>x",
        "<!DOCTYPE>x",
        "<!DOCTYPE html PUBLIC>x",
        "<!DOCTYPE html PUBLIC \"x>y",
        "<!DOCTYPE html bogus>x",
        "<!DOCTYPE",
        "<!DOCTYPEhtml>",
        "<!DOCTYPE html PUBLIC \"a\"\"b\">",
        "<!DOCTYPE html PUBLIC \"-//W3O//DTD W3 HTML 3.0//EN//\"",
    ] {
        same_tree(page);
    }
}

#[test]
fn raw_text_script_states_and_foreign_content() {
    for page in [
        "<title>a &amp; <b> </title x=\"</title>\">c</title ><textarea></textarea\n>d",
        "<style>a</style/>b</STYLE>c<xmp><p></xmp><iframe>&amp;</iframe><noscript><p></noscript>",
        "<script><!--<script></script>--></script>x<script>a<!--b--></script>y",
        "<script><!--<script>--></script>z<script><!-- </script> x-->",
        "<script>a</scripty></script ><plaintext></plaintext><p>",
        "<svg><![CDATA[a]]]>b<![CDATA[\u{0}c]]><script>d</script><style>e</style></svg><![CDATA[f]]>",
        "<math><mi><p/><font color=red></p>-<![CDATA[x]]>",
        "<math><mi><![CDATA[x]]></mi><mtext><pre>\ny</pre></mtext></math><svg><title><p>z</svg>",
        "<table><tr>a<td>b</td>c</tr></table><table>\u{0} <!--x--> y</table>",
        "<svg viewBox=\"0 0 1 1\" xlink:href=x XML:lang=en><foreignObject><p>a</svg>",
        "<p>a<script>b",
        "<p a='b",
        "<p a=b",
        "<p a",
        "<p a=",
        "<p/",
        "<",
        "</",
        "<!",
        "&",
        "&#x",
        "<textarea>&amp",
        "<title>x</tit",
        "<script><!--<script>a",
        "<svg><![CDATA[a]]",
        "<svg><![CDATA[a]",
        "<script>var a",
        "<script",
        "<!--",
        "<![CDATA[",
        "<style>x</sty",
        "<scr\u{e9}",
        "<p a=\"\u{e9}",
    ] {
        same_tree(page);
    }
}

#[test]
fn empty_code_drops_only_script_and_style_text() {
    let page = "<style>p{}</style><script>var a</script><script type=' application/LD+json '>{}</script>\
                <svg><script>b</script><style>c</style></svg><noscript>d</noscript><p>e</p>";
    let ours = dump(&parse_without_code(page));
    assert_eq!(ours, dump_without_code(&parse_without_scripting(page)));
    for kept in ["\"{}\"", "\"b\"", "\"c\"", "\"d\"", "\"e\""] {
        assert!(ours.iter().any(|l| l.ends_with(kept)), "{kept} lost: {ours:?}");
    }
    assert!(!ours.iter().any(|l| l.ends_with("\"var a\"") || l.ends_with("\"p{}\"")));
}

const FRAGMENTS: &[&str] = &[
    "<script>",
    "</script>",
    "<script type=application/ld+json>",
    "<style>",
    "</style>",
    "<SCRIPT/>",
    "<!--",
    "-->",
    "<!-->",
    "--!>",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<?x>",
    "<p>",
    "</p>",
    "<div class=\"a>b\">",
    "<p title='<script>'>",
    "<a href=x/>",
    "\"",
    "'",
    "=",
    ">",
    "<",
    "</",
    "<title>",
    "</title>",
    "<textarea>",
    "</textarea>",
    "<svg>",
    "</svg>",
    "<svg/>",
    "<math>",
    "</math>",
    "<noscript>",
    "</noscript>",
    "<iframe>",
    "</iframe>",
    "<xmp>",
    "</xmp>",
    "<plaintext>",
    "</script ",
    "<table>",
    "<td>",
    "word",
    " ",
    "\u{e9}t\u{e9}",
    "\n",
    "</scripts>",
    "<scripty>",
    "<b>",
    "<select>",
    "<path d=\"M0 0\"/>",
    "<g>",
    "</g>",
    "<foreignObject>",
    "</foreignObject>",
    "<desc>",
    "<mi>",
    "<div>",
    "</div>",
    "<font color=red>",
    "-",
    "<!--<script>",
    "</script>-->",
    "</br>",
    "<image/>",
    "<use/>",
    // References, names, newlines, NUL, doctypes, tables, foreign content.
    "&amp",
    "&amp;",
    "&notit;",
    "&#x80;",
    "&#0;",
    "&#10",
    "&ampx=",
    "&",
    "&#",
    "&#x",
    ";",
    "&NotEqualTilde;",
    "<a href=\"?a=1&amp;b=2&copy=3&notin\">",
    "<a title=&lt;x&gt; title=dup>",
    "<P CLASS=X Class=Y>",
    "<DIV>",
    "</DIV>",
    "\r\n",
    "\r",
    "\u{0}",
    "<pre>",
    "</pre>",
    "<listing>",
    "<!DOCTYPE>",
    "<!doctype html public \"-//W3C//DTD HTML 4.0 Transitional//EN\">",
    "<!DOCTYPE html SYSTEM 'x'>",
    "<tr>",
    "</table>",
    "<caption>",
    "<colgroup>",
    "<template>",
    "</template>",
    "<frameset>",
    "<head>",
    "<body>",
    "</body>",
    "</html>",
    "<html lang=en>",
    "<meta charset=utf-8>",
    "\u{feff}",
    "<svg><![CDATA[",
    "<math><mi>",
    "<mtext>",
    "<annotation-xml encoding=\"text/html\">",
    "<svg:svg>",
    "<linearGradient>",
    "<!x>",
    "</ x>",
    "</>",
    "<a/b>",
    "<li>",
    "<option>",
    "<form>",
    "<input type=hidden>",
    "<p/>",
    "\t",
    "\x0c",
    "<p\x0cid=a\tclass=b>",
    "<br\t/>",
    "&#13;",
    "&#x0a;",
    "<pre\n>",
    "<textarea\r\n>",
    "<math>",
];

/// A page stitched from fragments (with a lone character now and then).
fn soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    proptest::collection::vec(
        prop_oneof![9 => proptest::sample::select(FRAGMENTS).prop_map(String::from), 1 => any::<char>().prop_map(String::from)],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Soups of the fragments that trip tokenizers parse to html5ever's tree, node for node.
    #[test]
    fn the_tree_is_html5evers(page in soup()) {
        proptest::prop_assert_eq!(dump(&parse_document(&page)), dump(&Html::parse_document(&page)), "page: {:?}", page);
    }

    /// With `empty_code`, only the text of HTML scripts and style sheets goes (and the page is
    /// parsed without scripting).
    #[test]
    fn emptying_code_drops_only_code(page in soup()) {
        proptest::prop_assert_eq!(
            dump(&parse_without_code(&page)),
            dump_without_code(&parse_without_scripting(&page)),
            "page: {:?}",
            page
        );
    }
}

/// Every page of the extraction sets parses to html5ever's tree. Needs the data:
/// `STORYLINE_DATA=… cargo test -p storyline --lib real_pages -- --ignored`.
#[test]
#[ignore]
fn real_pages_parse_to_html5evers_tree() {
    let data = std::path::PathBuf::from(std::env::var("STORYLINE_DATA").expect("STORYLINE_DATA"));
    let mut files = Vec::new();
    for dir in ["zyte/html", "trafilatura-eval/cache", "trafilatura-eval/eval"] {
        let Ok(entries) = std::fs::read_dir(data.join("extraction").join(dir)) else { continue };
        files.extend(entries.flatten().map(|e| e.path()));
    }
    assert!(!files.is_empty(), "no pages under {}", data.display());
    let mut checked = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // Named as `eval extraction` names them: the decoder sniffs gzip and the charset.
        let name = "page.html";
        for raw in crate::ingest::read_bytes(&bytes, name).into_iter().flatten() {
            let page = &raw.content;
            assert!(dump(&parse_document(page)) == dump(&Html::parse_document(page)), "{}", path.display());
            checked += 1;
        }
    }
    eprintln!("{checked} pages");
}

#[test]
fn newlines_are_normalized_as_two_replaces_would() {
    for s in ["", "a", "\r", "\n", "\r\n", "\r\r\n", "\r\n\r", "\n\r", "a\rb\r\nc\n\rd\r", "é\r\n€\r"] {
        assert_eq!(super::normalize_newlines(s), s.replace("\r\n", "\n").replace('\r', "\n"), "{s:?}");
    }
}

#[test]
#[rustfmt::skip]
fn names_are_the_atoms_interning_finds() {
    let tags = [
        "div", "a", "li", "span", "script", "p", "ul", "meta", "path", "link", "img", "svg", "td", "strong", "br",
        "h3", "i", "button", "h4", "option", "symbol", "style", "h2", "section", "article", "noscript", "header",
        "label", "em", "input", "use", "g", "aside", "source", "tr", "picture", "figure", "h1", "nav", "title",
        "pubdate", "x-custom", "lineargradient"
    ];
    let attributes = [
        "class", "href", "id", "type", "rel", "style", "content", "name", "property", "role", "aria-hidden",
        "itemprop", "lang", "hidden", "datetime", "pubdate", "charset", "shadowrootmode", "data-x"
    ];
    let intern: fn(&str) -> LocalName = tag_name;
    for (names, intern) in [(&tags[..], intern), (&attributes[..], attribute_name)] {
        for name in names {
            assert_eq!(intern(name), LocalName::from(*name), "{name}");
        }
    }
    // Every attribute with its own arm is one the tokenizer keeps.
    assert!(attributes[..15].iter().all(|name| kept_attribute(name)));
}
