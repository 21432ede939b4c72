//! Pictures of a brief, drawn as SVG by our own code: the copy graph and the timeline.
//!
//! Both are plain strings of SVG meant to be inlined in a page (no fonts, images or scripts
//! fetched). Every article string goes through [`escape`], as in HTML. Articles are numbered as in
//! the brief (`[1]`, `[2]`…) and link to their page.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use storyline::brief::render::escape;
use storyline::model::{ArticleId, Brief, CopyKind, Direction};

const COLUMN: f64 = 230.0;
const ROW: f64 = 64.0;
const TOP: f64 = 56.0;
const LEFT: f64 = 40.0;

/// At most `n` characters, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n.saturating_sub(1)).collect::<String>().trim_end())
    }
}

/// How far a link between two nodes of one voice, `dy` apart, bows out.
fn bow(dy: f64) -> f64 {
    30.0 + dy * 0.35
}

/// The colour and dash of a copy kind (the legend repeats them).
fn stroke(kind: CopyKind) -> (&'static str, &'static str) {
    match kind {
        CopyKind::Verbatim => ("#2b6cb0", ""),
        CopyKind::Excerpt => ("#2f855a", "8 4"),
        CopyKind::Rewrite => ("#c05621", "2 4"),
    }
}

/// The copy graph: one column per voice with its articles as nodes, copy links as edges coloured
/// by kind, with an arrow from source to copy when the direction is known.
pub fn copy_graph(b: &Brief) -> String {
    let number: HashMap<&ArticleId, usize> = b.articles.iter().enumerate().map(|(i, a)| (&a.id, i + 1)).collect();
    let mut pos: HashMap<&ArticleId, (f64, f64)> = HashMap::new();
    let rows = b.voices.iter().map(|v| v.articles.len()).max().unwrap_or(1);
    // Links within a voice bow out to the left (labels are on the right); leave room for the widest.
    let left = LEFT + bow(rows.saturating_sub(1) as f64 * ROW);
    for (i, v) in b.voices.iter().enumerate() {
        for (j, id) in v.articles.iter().enumerate() {
            pos.insert(id, (left + i as f64 * COLUMN, TOP + j as f64 * ROW));
        }
    }
    let width = left + b.voices.len().max(1) as f64 * COLUMN;
    let height = TOP + rows as f64 * ROW + 40.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"copy-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Copy graph: articles grouped by voice\">\
         <defs>{}</defs>",
        ["verbatim", "excerpt", "rewrite"]
            .iter()
            .zip([CopyKind::Verbatim, CopyKind::Excerpt, CopyKind::Rewrite])
            .map(|(name, k)| format!(
                "<marker id=\"arrow-{name}\" viewBox=\"0 0 10 10\" refX=\"24\" refY=\"5\" markerWidth=\"7\" \
                 markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"{}\"/></marker>",
                stroke(k).0
            ))
            .collect::<String>()
    );
    for (i, v) in b.voices.iter().enumerate() {
        let x = left + i as f64 * COLUMN;
        let _ = write!(
            s,
            "<text class=\"voice\" x=\"{}\" y=\"24\" font-weight=\"bold\">{} {}</text>",
            x - 14.0,
            escape(&v.id),
            escape(&clip(&v.label, 24))
        );
    }
    for c in &b.copies {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(&c.from), pos.get(&c.to)) else { continue };
        let (colour, dash) = stroke(c.kind);
        let path = if (x1 - x2).abs() < 1.0 {
            // Same voice: bow out to the left, further for longer links, so stacked edges stay apart.
            let out = bow((y1 - y2).abs());
            format!("M{x1} {y1}C{} {y1},{} {y2},{x2} {y2}", x1 - out, x2 - out)
        } else {
            format!("M{x1} {y1}L{x2} {y2}")
        };
        let arrow = if c.direction == Direction::Unknown {
            String::new()
        } else {
            format!(" marker-end=\"url(#arrow-{})\"", c.kind.as_str())
        };
        let n = |id: &ArticleId| number.get(id).map_or_else(|| id.0.clone(), |n| format!("[{n}]"));
        let _ = write!(
            s,
            "<path class=\"copy {kind}\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" \
             stroke-dasharray=\"{dash}\"{arrow}><title>{} → {} {kind}, {:.0}% shared</title></path>",
            n(&c.from),
            n(&c.to),
            c.shared * 100.0,
            kind = c.kind.as_str()
        );
    }
    for (id, &(x, y)) in &pos {
        let Some(a) = b.articles.iter().find(|a| &a.id == *id) else { continue };
        let original = b.voices.iter().any(|v| v.original.as_ref() == Some(*id));
        let label = a.outlet.as_deref().unwrap_or(&a.title);
        let _ = write!(
            s,
            "<a href=\"/articles/{}\"><circle class=\"article\" cx=\"{x}\" cy=\"{y}\" r=\"15\" fill=\"{}\" \
             stroke=\"#333\"><title>{}</title></circle><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" \
             font-size=\"12\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{}</text></a>",
            escape(&a.id.0),
            if original { "#fde68a" } else { "#fff" },
            escape(&a.title),
            y + 4.0,
            number[*id],
            x + 20.0,
            y + 4.0,
            escape(&clip(label, 26))
        );
    }
    let ly = height - 14.0;
    for (i, k) in [CopyKind::Verbatim, CopyKind::Excerpt, CopyKind::Rewrite].into_iter().enumerate() {
        let (colour, dash) = stroke(k);
        let x = LEFT + i as f64 * 120.0;
        let _ = write!(
            s,
            "<line x1=\"{x}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\" \
             stroke-dasharray=\"{dash}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            x + 30.0,
            x + 36.0,
            ly + 4.0,
            k.as_str()
        );
    }
    s.push_str("</svg>");
    s
}

/// The timeline: days down a line; on each, the events the brief dates to it (dots) and the
/// articles published that day (squares).
pub fn timeline(b: &Brief) -> String {
    // BTreeMap: ISO dates sort as days; weekday names that no date resolved sort after digits.
    let mut days: BTreeMap<String, (Vec<String>, Vec<usize>)> = BTreeMap::new();
    for t in &b.timeline {
        let n: Vec<String> = cites(b, &t.sources);
        days.entry(t.when.clone()).or_default().0.push(format!("{} {}", clip(&t.text, 96), n.join("")));
    }
    for (i, a) in b.articles.iter().enumerate() {
        if let Some(d) = &a.published {
            days.entry(d.chars().take(10).collect()).or_default().1.push(i + 1);
        }
    }
    let rows: usize = days.values().map(|(e, a)| 1 + e.len() + usize::from(!a.is_empty())).sum();
    let (width, height) = (760.0, 20.0 + rows as f64 * 22.0);
    let mut s = format!(
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Timeline\">\
         <line x1=\"20\" y1=\"10\" x2=\"20\" y2=\"{}\" stroke=\"#999\" stroke-width=\"2\"/>",
        height - 10.0
    );
    let mut y = 24.0;
    for (day, (events, published)) in &days {
        let _ = write!(
            s,
            "<circle cx=\"20\" cy=\"{}\" r=\"6\" fill=\"#333\"/><text x=\"34\" y=\"{y}\" font-weight=\"bold\" \
             font-size=\"13\">{}</text>",
            y - 4.0,
            escape(day)
        );
        y += 22.0;
        for e in events {
            let _ = write!(
                s,
                "<circle class=\"event\" cx=\"48\" cy=\"{}\" r=\"4\" fill=\"#c05621\"/><text x=\"60\" y=\"{y}\" \
                 font-size=\"12\">{}</text>",
                y - 4.0,
                escape(e)
            );
            y += 22.0;
        }
        if !published.is_empty() {
            let list: String = published.iter().map(|n| format!("[{n}]")).collect();
            let _ = write!(
                s,
                "<rect x=\"44\" y=\"{}\" width=\"8\" height=\"8\" fill=\"#2b6cb0\"/><text x=\"60\" y=\"{y}\" \
                 font-size=\"12\" fill=\"#555\">published: {list}</text>",
                y - 8.0
            );
            y += 22.0;
        }
    }
    s.push_str("</svg>");
    s
}

/// `[n]` labels of articles in brief order.
fn cites(b: &Brief, ids: &[ArticleId]) -> Vec<String> {
    let mut n: Vec<usize> =
        b.articles.iter().enumerate().filter(|(_, a)| ids.contains(&a.id)).map(|(i, _)| i + 1).collect();
    n.sort_unstable();
    n.into_iter().map(|i| format!("[{i}]")).collect()
}
