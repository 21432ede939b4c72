//! Print briefs for people: Markdown for terminals and files, and a self-contained HTML page
//! (inline CSS, no scripts, every article string escaped).
//!
//! Articles are cited by their position in the story (`[1]`, `[2]`…), with the legend under
//! "Sources"; JSON readers get the stable article ids instead.

use crate::model::{ArticleId, Brief, Direction};
use std::collections::HashMap;
use std::fmt::Write;

/// Short citation labels for a brief's articles: `[n]` by position in the story, and each
/// article's voice. Shared by every renderer of a brief (Markdown, HTML, the server's pages).
pub struct Labels<'a> {
    number: HashMap<&'a ArticleId, usize>,
    voice: HashMap<&'a ArticleId, &'a str>,
}

impl<'a> Labels<'a> {
    /// The labels of `b`'s articles.
    pub fn new(b: &'a Brief) -> Self {
        Labels {
            number: b.articles.iter().enumerate().map(|(i, a)| (&a.id, i + 1)).collect(),
            voice: b.articles.iter().map(|a| (&a.id, a.voice.as_str())).collect(),
        }
    }

    /// The numbers of the articles among `ids` that are in the brief, ascending, with their ids.
    pub fn numbered<'b>(&self, ids: &'b [ArticleId]) -> Vec<(usize, &'b ArticleId)> {
        let mut n: Vec<(usize, &ArticleId)> = ids.iter().filter_map(|i| Some((*self.number.get(i)?, i))).collect();
        n.sort_unstable();
        n
    }

    /// `[1][3]` for `ids`.
    pub fn cite(&self, ids: &[ArticleId]) -> String {
        self.numbered(ids).iter().map(|(n, _)| format!("[{n}]")).collect()
    }

    /// The distinct voices carrying `ids`.
    pub fn voices(&self, ids: &[ArticleId]) -> Vec<&'a str> {
        let mut v: Vec<&str> = ids.iter().filter_map(|i| self.voice.get(i).copied()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// `[n]` for one article, or its id when it is not in the brief.
    pub fn one(&self, id: &ArticleId) -> String {
        self.number.get(id).map(|n| format!("[{n}]")).unwrap_or_else(|| id.0.clone())
    }
}

/// A brief's quotes grouped by speaker: most-quoted first, "Unattributed" last.
pub fn quotes_by_speaker(b: &Brief) -> Vec<(&str, Vec<&crate::model::AlignedQuote>)> {
    let mut by: Vec<(&str, Vec<&crate::model::AlignedQuote>)> = Vec::new();
    for q in &b.quotes {
        let who = q.speaker.as_deref().unwrap_or("Unattributed");
        match by.iter_mut().find(|(w, _)| *w == who) {
            Some((_, v)) => v.push(q),
            None => by.push((who, vec![q])),
        }
    }
    by.sort_by_key(|(w, v)| (*w == "Unattributed", std::cmp::Reverse(v.len())));
    by
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line count a reader checks first: "5 articles, 3 independent reports".
pub fn counts(b: &Brief) -> String {
    format!(
        "{}, {}",
        plural(b.articles.len(), "article", "articles"),
        plural(b.voices.len(), "independent report", "independent reports")
    )
}

/// Render one brief as Markdown.
pub fn markdown(b: &Brief) -> String {
    let l = Labels::new(b);
    let mut s = String::new();
    let dates = match (&b.first_seen, &b.last_seen) {
        (Some(f), Some(t)) if f != t => format!(" · {} – {}", &f[..f.len().min(10)], &t[..t.len().min(10)]),
        (Some(f), _) => format!(" · {}", &f[..f.len().min(10)]),
        _ => String::new(),
    };
    let _ = writeln!(s, "# {}\n\nStory {} · {}{dates}\n", b.title, b.id, counts(b));
    let _ = writeln!(s, "## Sources");
    for v in &b.voices {
        let kind = if v.articles.len() > 1 {
            format!(" — one report in {} copies", v.articles.len())
        } else {
            String::new()
        };
        let _ = writeln!(s, "- **{}** {}{kind}", v.id, v.label);
        for id in &v.articles {
            if let Some(a) = b.articles.iter().find(|a| &a.id == id) {
                let mut meta: Vec<&str> = Vec::new();
                meta.extend(a.outlet.as_deref());
                meta.extend(a.published.as_deref().map(|d| &d[..d.len().min(10)]));
                if v.original.as_ref() == Some(id) {
                    meta.push("original");
                }
                let meta = if meta.is_empty() { String::new() } else { format!(" ({})", meta.join(", ")) };
                let _ = writeln!(s, "  - {} {}{meta} `{}`", l.one(id), a.title, a.path);
            }
        }
    }
    if !b.summary.is_empty() {
        let _ = writeln!(s, "\n## Summary");
        for c in &b.summary {
            let v = l.voices(&c.sources);
            let only = if v.len() == 1 && b.voices.len() > 1 { format!(" — only {}", v[0]) } else { String::new() };
            let _ = writeln!(s, "- {} {}{only}", c.text, l.cite(&c.sources));
        }
    }
    if !b.timeline.is_empty() {
        let _ = writeln!(s, "\n## Timeline");
        for t in &b.timeline {
            let _ = writeln!(s, "- **{}** {} {}", t.when, t.text, l.cite(&t.sources));
        }
    }
    if !b.quotes.is_empty() {
        let _ = writeln!(s, "\n## Who said what");
        for (who, qs) in quotes_by_speaker(b) {
            let role = qs.iter().find_map(|q| q.role.as_deref()).map(|r| format!(" ({r})")).unwrap_or_default();
            let _ = writeln!(s, "\n**{who}**{role}");
            for q in qs {
                let _ = writeln!(s, "- “{}” {} ({})", q.text, l.cite(&q.sources), l.voices(&q.sources).join(", "));
                for v in &q.variants {
                    let tag = if v.altered { "altered" } else { "shorter" };
                    let _ = writeln!(s, "  - {tag} in {}: “{}”", l.cite(&v.sources), v.text);
                }
            }
        }
    }
    if !b.conflicts.is_empty() {
        let _ = writeln!(s, "\n## Where the sources disagree");
        for c in &b.conflicts {
            let claims: Vec<String> = c
                .claims
                .iter()
                .map(|k| format!("“{}” {} ({})", k.value, l.cite(&k.sources), l.voices(&k.sources).join(", ")))
                .collect();
            let _ = writeln!(s, "- **{}**: {}", c.about, claims.join(" vs "));
        }
    }
    if !b.facts.is_empty() {
        let _ = writeln!(s, "\n## Numbers the sources agree on");
        for f in &b.facts {
            let _ = writeln!(
                s,
                "- {}: “{}” {} ({})",
                f.about,
                f.value,
                l.cite(&f.sources),
                l.voices(&f.sources).join(", ")
            );
        }
    }
    if !b.unique.is_empty() {
        let _ = writeln!(s, "\n## Only one voice reports");
        for u in &b.unique {
            let label = b.voices.iter().find(|v| v.id == u.voice).map(|v| v.label.as_str()).unwrap_or("");
            let _ = writeln!(s, "\n**{}** {label}", u.voice);
            for p in &u.points {
                let _ = writeln!(s, "- {} {}", p.text, l.cite(&p.sources));
            }
        }
    }
    if !b.copies.is_empty() {
        let _ = writeln!(s, "\n## Copies");
        copy_graph(&mut s, b, &l);
    }
    s
}

/// Per voice, how each member relates to the voice's lead article, with one telling passage.
fn copy_graph(s: &mut String, b: &Brief, l: &Labels<'_>) {
    for v in b.voices.iter().filter(|v| v.articles.len() > 1) {
        let lead = v.original.as_ref().unwrap_or(&v.articles[0]);
        let _ = writeln!(s, "- **{}** {}: {}", v.id, v.label, l.one(lead));
        for member in v.articles.iter().filter(|a| *a != lead) {
            let link = |a: &ArticleId, m: &ArticleId| {
                b.copies.iter().find(|c| (&c.from == a && &c.to == m) || (&c.from == m && &c.to == a))
            };
            let best = link(lead, member).or_else(|| {
                b.copies
                    .iter()
                    .filter(|c| &c.from == member || &c.to == member)
                    .max_by(|x, y| x.shared.total_cmp(&y.shared))
            });
            let Some(c) = best else { continue };
            let other = if &c.from == member { &c.to } else { &c.from };
            let how = match c.direction {
                Direction::Time => "published later",
                Direction::Credit => "credits its source",
                Direction::Containment => "contained in the other",
                Direction::Unknown => "who copied whom unknown",
            };
            let via = if other == lead { String::new() } else { format!(" (via {})", l.one(other)) };
            let _ =
                writeln!(s, "  - {} {}{via}: {:.0}% shared, {how}", l.one(member), c.kind.as_str(), c.shared * 100.0);
            if let Some(p) = c.evidence.first() {
                let (a, b) = (clip(&p.from, 140), clip(&p.to, 140));
                if a == b {
                    let _ = writeln!(s, "    - {}", quoted(&a));
                } else {
                    let _ = writeln!(s, "    - {} → {}", quoted(&a), quoted(&b));
                }
            }
        }
    }
}

/// At most `n` characters, cut at a word boundary.
/// A passage in quotation marks. One that opens a quotation keeps its own mark rather than a
/// doubled one, and is closed where the quotation runs on past it.
fn quoted(x: &str) -> String {
    let (open, close) = (x.matches('“').count(), x.matches('”').count());
    match x.strip_prefix('“') {
        Some(_) if open > close => format!("{x}”"),
        Some(_) => x.to_string(),
        None => format!("“{x}”"),
    }
}

fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    format!("{}…", cut.rsplit_once(' ').map(|(h, _)| h).unwrap_or(&cut))
}

/// Escape text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Render briefs as one self-contained HTML page: the Markdown structure as HTML.
pub fn html(briefs: &[Brief]) -> String {
    let mut s = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>storyline briefs</title>\
         <style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}\
         h1{font-size:1.5rem;margin-top:3rem}h2{font-size:1.1rem;border-bottom:1px solid #ddd}\
         .meta{color:#666}.only{color:#a60}.conflict{background:#fff3f0;border-left:4px solid #d33;padding:.3rem .6rem}\
         code{font-size:.85em;color:#555}</style></head><body>",
    );
    for b in briefs {
        s.push_str("<article>");
        let md = markdown(b);
        let mut in_list = 0usize;
        for line in md.lines() {
            let depth = if line.starts_with("  - ") {
                2
            } else if line.starts_with("- ") {
                1
            } else {
                0
            };
            while in_list > depth {
                s.push_str("</ul>");
                in_list -= 1;
            }
            while in_list < depth {
                s.push_str("<ul>");
                in_list += 1;
            }
            let text = line.trim_start().trim_start_matches("- ");
            if let Some(h) = line.strip_prefix("# ") {
                let _ = write!(s, "<h1>{}</h1>", escape(h));
            } else if let Some(h) = line.strip_prefix("## ") {
                let _ = write!(s, "<h2>{}</h2>", escape(h));
            } else if depth > 0 {
                let class =
                    if md_section_is(&md, line, "## Where the sources disagree") { " class=\"conflict\"" } else { "" };
                let _ = write!(s, "<li{class}>{}</li>", inline(text));
            } else if !line.is_empty() {
                let _ = write!(s, "<p class=\"meta\">{}</p>", inline(text));
            }
        }
        while in_list > 0 {
            s.push_str("</ul>");
            in_list -= 1;
        }
        s.push_str("</article>");
    }
    s.push_str("</body></html>\n");
    s
}

/// Whether `line` stands under the section `heading` of `md`.
fn md_section_is(md: &str, line: &str, heading: &str) -> bool {
    let Some(pos) = md.find(line) else { return false };
    md[..pos].rfind("\n## ").is_some_and(|h| md[h + 1..].starts_with(heading))
}

/// Markdown's `**bold**` and `` `code` `` as HTML, everything escaped.
fn inline(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::new();
    let mut bold = false;
    for (i, part) in escaped.split("**").enumerate() {
        if i > 0 {
            out.push_str(if bold { "</b>" } else { "<b>" });
            bold = !bold;
        }
        let mut code = false;
        for (j, p) in part.split('`').enumerate() {
            if j > 0 {
                out.push_str(if code { "</code>" } else { "<code>" });
                code = !code;
            }
            out.push_str(p);
        }
        if code {
            out.push_str("</code>");
        }
    }
    if bold {
        out.push_str("</b>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_article_text() {
        assert_eq!(inline("**<script>** `a&b`"), "<b>&lt;script&gt;</b> <code>a&amp;b</code>");
    }

    #[test]
    fn passages_get_one_pair_of_quotation_marks() {
        assert_eq!(quoted("The talks failed."), "“The talks failed.”");
        assert_eq!(quoted("“We agreed,” she said."), "“We agreed,” she said.");
        assert_eq!(quoted("“We had a frank discussion."), "“We had a frank discussion.”");
    }
}
