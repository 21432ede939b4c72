//! The web pages, rendered on the server: the story list, a story's brief with its pictures, an
//! article's cleaned text, search results.
//!
//! Every string that came from an article (titles, bodies, quotes, outlets, URLs, paths) goes
//! through [`escape`] before it touches the page; the only markup is ours. The stylesheet and the
//! little script are files of this crate embedded at build time.

use crate::api::{self, StoriesQuery};
use crate::error::ApiError;
use crate::state::App;
use crate::svg;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::fmt::Write;
use storyline::brief::render::{counts, escape, quotes_by_speaker, Labels};
use storyline::model::{Article, ArticleId, Brief, Copy, StoryId};
use storyline::store::{MARK_END, MARK_START};

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");

/// The page routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/", get(index))
        .route("/search", get(search))
        .route("/stories/{id}", get(story))
        .route("/articles/{id}", get(article))
        .route("/assets/style.css", get(|| async { ([(header::CONTENT_TYPE, "text/css")], STYLE) }))
        .route("/assets/app.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], SCRIPT) }))
}

/// A whole page around `body`.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · storyline</title><link rel=\"stylesheet\" href=\"/assets/style.css\">\
         <script src=\"/assets/app.js\" defer></script></head><body>\
         <header><a class=\"home\" href=\"/\">storyline</a>\
         <form id=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" placeholder=\"Search articles\" aria-label=\"Search articles\">\
         <button type=\"submit\">Search</button></form></header><main>{body}</main></body></html>\n",
        escape(title)
    )
}

/// An error as a page with its status.
fn fail(e: ApiError) -> Response {
    let body = format!("<h1>{}</h1><p>{}</p>", e.status.as_u16(), escape(&e.message));
    (e.status, Html(page("Error", &body))).into_response()
}

/// The page for an unknown path.
pub fn not_found(message: &str) -> Response {
    fail(ApiError::new(StatusCode::NOT_FOUND, "not_found", message))
}

type PageResult = Result<Html<String>, Response>;

/// "today", "3 days ago": how long since a story was last reported.
fn freshness(last: Option<&str>, today: chrono::NaiveDate) -> String {
    let Some(day) = last.and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()) else {
        return "undated".into();
    };
    match (today - day).num_days() {
        d if d <= 0 => "today".into(),
        1 => "yesterday".into(),
        d => format!("{d} days ago"),
    }
}

fn day(d: &Option<String>) -> &str {
    d.as_deref().map_or("", |d| &d[..d.len().min(10)])
}

async fn index(State(app): State<App>, q: Result<Query<StoriesQuery>, QueryRejection>) -> PageResult {
    let q = q.map_err(|e| fail(ApiError::bad_request(e.body_text())))?.0;
    let filter = q.filter().map_err(fail)?;
    let items = app.read(move |store| api::list(store, &filter)).await.map_err(fail)?;
    let today = chrono::Utc::now().date_naive();
    let mut s = String::from("<h1>Stories</h1>");
    if items.is_empty() {
        s.push_str("<p class=\"empty\">No stories yet. Ingest articles with <code>storyline ingest PATH</code>.</p>");
    }
    s.push_str("<ol class=\"stories\">");
    for it in &items {
        let r = &it.row;
        let dates = match (day(&r.first_seen), day(&r.last_seen)) {
            ("", _) => String::new(),
            (f, t) if f == t => f.to_string(),
            (f, t) => format!("{f} – {t}"),
        };
        let _ = write!(
            s,
            "<li class=\"story\"><a href=\"/stories/{}\">{}</a><div class=\"meta\"><span class=\"counts\">{} \
             {}, <b>{} {}</b></span> · {} · <span class=\"fresh\">{}</span></div></li>",
            r.id,
            escape(&r.title),
            r.articles,
            if r.articles == 1 { "article" } else { "articles" },
            it.voices,
            if it.voices == 1 { "independent report" } else { "independent reports" },
            dates,
            freshness(r.last_seen.as_deref(), today)
        );
    }
    s.push_str("</ol>");
    Ok(Html(page("Stories", &s)))
}

async fn search(State(app): State<App>, q: Result<Query<api::SearchQuery>, QueryRejection>) -> PageResult {
    let q = q.map_err(|e| fail(ApiError::bad_request(e.body_text())))?.0;
    let (words, limit) = q.parts().map_err(fail)?;
    let w = words.clone();
    let hits = app.read(move |store| Ok(store.search(&w, limit)?)).await.map_err(fail)?;
    let mut s =
        format!("<h1>Search: {}</h1><p class=\"meta\">{} found</p><ol class=\"hits\">", escape(&words), hits.len());
    for h in &hits {
        // Escaping leaves the private-use match marks alone, so they become <mark> afterwards.
        let snippet = escape(&h.snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>");
        let _ = write!(
            s,
            "<li class=\"hit\"><a href=\"/articles/{}\">{}</a> <span class=\"meta\">{} {} · \
             <a href=\"/stories/{}\">story {}</a></span><p>{snippet}</p></li>",
            escape(&h.article.0),
            escape(&h.title),
            escape(h.outlet.as_deref().unwrap_or("")),
            day(&h.published),
            h.story,
            h.story
        );
    }
    s.push_str("</ol>");
    Ok(Html(page(&format!("Search: {words}"), &s)))
}

async fn story(State(app): State<App>, Path(id): Path<String>) -> PageResult {
    let id: u64 = id.parse().map_err(|_| fail(ApiError::bad_request(format!("not a story id: {id:?}"))))?;
    let a = app.clone();
    let brief = app
        .read(move |store| match store.live_story(StoryId(id))? {
            live if live.0 != id => Ok(Err(live)),
            _ => a.brief(store, StoryId(id)).map(Ok),
        })
        .await
        .map_err(fail)?;
    match brief {
        Ok(brief) => Ok(Html(page(&brief.title, &brief_html(&brief)))),
        // A story that merged into another: its page is the other's.
        Err(live) => Err(api::moved(&format!("/stories/{}", live.0))),
    }
}

/// Citation links for a brief: the shared labels, as links to the articles.
struct Cites<'a>(Labels<'a>);

impl<'a> Cites<'a> {
    fn new(b: &'a Brief) -> Self {
        Cites(Labels::new(b))
    }

    /// `[1][3]` as links to the articles.
    fn links(&self, ids: &[ArticleId]) -> String {
        self.0
            .numbered(ids)
            .iter()
            .map(|(n, id)| {
                let id = escape(&id.0);
                format!("<a class=\"cite\" data-article=\"{id}\" href=\"/articles/{id}\">[{n}]</a>")
            })
            .collect()
    }

    /// The distinct voices carrying `ids`.
    fn voices(&self, ids: &[ArticleId]) -> Vec<&'a str> {
        self.0.voices(ids)
    }
}

/// The brief as HTML sections, with the pictures.
pub fn brief_html(b: &Brief) -> String {
    let c = Cites::new(b);
    let mut s = format!(
        "<article class=\"brief\"><h1>{}</h1><p class=\"meta\">Story {} · {} · {} – {}</p>",
        escape(&b.title),
        b.id,
        counts(b),
        day(&b.first_seen),
        day(&b.last_seen)
    );
    sources(&mut s, b);
    if !b.summary.is_empty() {
        s.push_str("<section id=\"summary\"><h2>Summary</h2><ul>");
        for x in &b.summary {
            let v = c.voices(&x.sources);
            let only = if v.len() == 1 && b.voices.len() > 1 {
                format!(" <span class=\"only\">only {}</span>", escape(v[0]))
            } else {
                String::new()
            };
            let _ = write!(s, "<li>{} {}{only}</li>", escape(&x.text), c.links(&x.sources));
        }
        s.push_str("</ul></section>");
    }
    s.push_str("<section id=\"timeline\"><h2>Timeline</h2><figure>");
    s.push_str(&svg::timeline(b));
    s.push_str("</figure><ul>");
    for t in &b.timeline {
        let _ = write!(s, "<li><b>{}</b> {} {}</li>", escape(&t.when), escape(&t.text), c.links(&t.sources));
    }
    s.push_str("</ul></section>");
    quotes(&mut s, b, &c);
    if !b.conflicts.is_empty() {
        s.push_str("<section id=\"conflicts\"><h2>Where the sources disagree</h2><ul>");
        for x in &b.conflicts {
            let claims: Vec<String> = x
                .claims
                .iter()
                .map(|k| {
                    format!(
                        "<q>{}</q> {} ({})",
                        escape(&k.value),
                        c.links(&k.sources),
                        escape(&c.voices(&k.sources).join(", "))
                    )
                })
                .collect();
            let _ =
                write!(s, "<li class=\"conflict\"><b>{}</b>: {}</li>", escape(&x.about), claims.join(" <i>vs</i> "));
        }
        s.push_str("</ul></section>");
    }
    if !b.facts.is_empty() {
        s.push_str("<section id=\"facts\"><h2>Numbers the sources agree on</h2><ul>");
        for f in &b.facts {
            let _ = write!(s, "<li>{}: <q>{}</q> {}</li>", escape(&f.about), escape(&f.value), c.links(&f.sources));
        }
        s.push_str("</ul></section>");
    }
    if !b.unique.is_empty() {
        s.push_str("<section id=\"unique\"><h2>Only one voice reports</h2>");
        for u in &b.unique {
            let label = b.voices.iter().find(|v| v.id == u.voice).map_or("", |v| v.label.as_str());
            let _ = write!(s, "<h3>{} {}</h3><ul>", escape(&u.voice), escape(label));
            for p in &u.points {
                let _ = write!(s, "<li>{} {}</li>", escape(&p.text), c.links(&p.sources));
            }
            s.push_str("</ul>");
        }
        s.push_str("</section>");
    }
    s.push_str("<section id=\"copies\"><h2>Who copied whom</h2><figure>");
    s.push_str(&svg::copy_graph(b));
    s.push_str("</figure><ul>");
    for x in &b.copies {
        let _ = write!(
            s,
            "<li>{} → {} <span class=\"kind {kind}\">{kind}</span>, {:.0}% shared</li>",
            c.links(std::slice::from_ref(&x.from)),
            c.links(std::slice::from_ref(&x.to)),
            x.shared * 100.0,
            kind = x.kind.as_str()
        );
    }
    s.push_str("</ul></section></article>");
    s
}

/// The voices and their articles.
fn sources(s: &mut String, b: &Brief) {
    s.push_str("<section id=\"sources\"><h2>Sources</h2><ul>");
    for v in &b.voices {
        let copies = if v.articles.len() > 1 {
            format!(" — one report in {} copies", v.articles.len())
        } else {
            String::new()
        };
        let _ = write!(s, "<li class=\"voice\"><b>{}</b> {}{copies}<ul>", escape(&v.id), escape(&v.label));
        for id in &v.articles {
            let Some((i, a)) = b.articles.iter().enumerate().find(|(_, a)| &a.id == id) else { continue };
            let original =
                if v.original.as_ref() == Some(id) { " <span class=\"original\">original</span>" } else { "" };
            let _ = write!(
                s,
                "<li data-article=\"{id}\">[{}] <a href=\"/articles/{id}\">{}</a> <span class=\"meta\">{} {}</span>{original}</li>",
                i + 1,
                escape(&a.title),
                escape(a.outlet.as_deref().unwrap_or("")),
                day(&a.published),
                id = escape(&id.0)
            );
        }
        s.push_str("</ul></li>");
    }
    s.push_str("</ul></section>");
}

/// Who said what: quotes grouped by speaker, most quoted first, each with its variant wordings.
fn quotes(s: &mut String, b: &Brief, c: &Cites<'_>) {
    if b.quotes.is_empty() {
        return;
    }
    s.push_str("<section id=\"quotes\"><h2>Who said what</h2>");
    for (who, qs) in quotes_by_speaker(b) {
        let role =
            qs.iter().find_map(|q| q.role.as_deref()).map(|r| format!(" <span class=\"role\">{}</span>", escape(r)));
        let _ = write!(s, "<h3 class=\"speaker\">{}{}</h3><ul>", escape(who), role.unwrap_or_default());
        for q in qs {
            let _ = write!(
                s,
                "<li><q>{}</q> {} ({})",
                escape(&q.text),
                c.links(&q.sources),
                escape(&c.voices(&q.sources).join(", "))
            );
            if !q.variants.is_empty() {
                s.push_str("<ul class=\"variants\">");
                for v in &q.variants {
                    let (class, tag) = if v.altered { ("altered", "altered in") } else { ("shorter", "shorter in") };
                    let _ = write!(
                        s,
                        "<li class=\"{class}\">{tag} {}: <q>{}</q></li>",
                        c.links(&v.sources),
                        escape(&v.text)
                    );
                }
                s.push_str("</ul>");
            }
            s.push_str("</li>");
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>");
}

async fn article(State(app): State<App>, Path(id): Path<String>) -> PageResult {
    let found = app
        .read(move |store| {
            let id = ArticleId(id);
            let Some((a, story)) = store.article(&id)? else {
                return Err(ApiError::not_found(format!("no article {id}")));
            };
            let ids: Vec<ArticleId> = store.story_articles(story)?.into_iter().map(|(a, _)| a.id).collect();
            let copies: Vec<Copy> =
                store.copies_among(&ids)?.into_iter().filter(|c| c.from == a.id || c.to == a.id).collect();
            Ok((a, story, copies))
        })
        .await
        .map_err(fail)?;
    let (a, story, copies) = found;
    Ok(Html(page(&a.title, &article_html(&a, story, &copies))))
}

/// An article's cleaned text and metadata, the passages it shares with copies marked.
pub fn article_html(a: &Article, story: StoryId, copies: &[Copy]) -> String {
    let mut s = format!("<article class=\"article\"><h1>{}</h1><dl class=\"meta\">", escape(&a.title));
    let mut field = |name: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let _ = write!(s, "<dt>{name}</dt><dd>{}</dd>", escape(v));
        }
    };
    field("Outlet", a.outlet.as_deref());
    field("Published", a.published.as_deref());
    field("Byline", a.byline.as_deref());
    field("Dateline", a.dateline.as_deref());
    field("Wire", a.wire.as_deref());
    field("Language", a.language.as_deref());
    field("Source", Some(&a.path));
    if let Some(url) = a.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        // Only web addresses become links: a `javascript:` URL in an article stays text.
        let _ = write!(s, "<dt>URL</dt><dd><a href=\"{0}\" rel=\"noreferrer nofollow\">{0}</a></dd>", escape(url));
    }
    let _ = write!(s, "<dt>Story</dt><dd><a href=\"/stories/{story}\">story {story}</a></dd></dl>");
    if a.repost {
        s.push_str("<p class=\"note\">The page marks itself as a repost.</p>");
    }
    // Shared passages, as this article words them, escaped the same way the paragraphs are.
    let mut passages: Vec<String> = copies
        .iter()
        .flat_map(|c| c.evidence.iter().map(move |p| if c.from == a.id { &p.from } else { &p.to }))
        .filter(|p| p.len() > 20)
        .map(|p| escape(p))
        .collect();
    passages.sort_by_key(|p| std::cmp::Reverse(p.len()));
    passages.dedup();
    s.push_str("<div class=\"body\">");
    for para in a.paragraphs() {
        let mut html = escape(para);
        for p in &passages {
            if html.contains(p.as_str()) && !html.contains(&format!("<mark class=\"copied\">{p}")) {
                html = html.replacen(p.as_str(), &format!("<mark class=\"copied\">{p}</mark>"), 1);
            }
        }
        let _ = write!(s, "<p>{html}</p>");
    }
    s.push_str("</div>");
    if !a.repairs.is_empty() {
        s.push_str("<h2>Text repairs</h2><ul class=\"repairs\">");
        for r in &a.repairs {
            let _ = write!(s, "<li><code>{}</code> → <code>{}</code></li>", escape(&r.from), escape(&r.to));
        }
        s.push_str("</ul>");
    }
    if !copies.is_empty() {
        s.push_str("<h2>Copies</h2><ul class=\"copies\">");
        for c in copies {
            let (role, other) = if c.from == a.id { ("copied by", &c.to) } else { ("copies", &c.from) };
            let _ = write!(
                s,
                "<li>{role} <a href=\"/articles/{0}\">{0}</a> <span class=\"kind {1}\">{1}</span>, {2:.0}% shared</li>",
                escape(&other.0),
                c.kind.as_str(),
                c.shared * 100.0
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</article>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_counts_days() {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
        assert_eq!(freshness(Some("2025-03-10T18:42:00Z"), today), "2 days ago");
        assert_eq!(freshness(Some("2025-03-12"), today), "today");
        assert_eq!(freshness(None, today), "undated");
    }
}
