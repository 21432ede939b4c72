//! Stage 4 — voices: copies grouped into independent sources.
//!
//! A voice is a wire story with its reprints and rewrites. Groups are joined by average
//! linkage, not single linkage: two groups merge only when at least half of the article pairs
//! between them are copy links. This is what stops chaining (A≈B, B≈C gluing unrelated A and C
//! into one voice), the known failure of MinHash clustering in other tools.

use crate::model::{Article, ArticleId, Copy, Direction, Voice};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Group `articles` into voices using the copy links among them.
pub fn voices(articles: &[&Article], copies: &[Copy]) -> Vec<Voice> {
    let index: HashMap<&ArticleId, usize> = articles.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
    let mut links: HashSet<(usize, usize)> = HashSet::new();
    let mut ordered: Vec<&Copy> =
        copies.iter().filter(|c| index.contains_key(&c.from) && index.contains_key(&c.to)).collect();
    ordered
        .sort_by(|x, y| y.shared.total_cmp(&x.shared).then_with(|| x.from.cmp(&y.from)).then_with(|| x.to.cmp(&y.to)));
    for c in &ordered {
        let (i, j) = (index[&c.from], index[&c.to]);
        links.insert((i.min(j), i.max(j)));
    }
    let mut group: Vec<usize> = (0..articles.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..articles.len()).map(|i| vec![i]).collect();
    for c in &ordered {
        let (gi, gj) = (group[index[&c.from]], group[index[&c.to]]);
        if gi == gj {
            continue;
        }
        let linked = members[gi]
            .iter()
            .flat_map(|&x| members[gj].iter().map(move |&y| (x.min(y), x.max(y))))
            .filter(|p| links.contains(p))
            .count();
        if linked * 2 < members[gi].len() * members[gj].len() {
            continue;
        }
        let moved = std::mem::take(&mut members[gj]);
        for &m in &moved {
            group[m] = gi;
        }
        members[gi].extend(moved);
    }
    let mut out: Vec<Voice> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| voice(m.iter().map(|&i| articles[i]).collect(), &ordered))
        .collect();
    out.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then_with(|| a.articles.cmp(&b.articles)));
    for (n, v) in out.iter_mut().enumerate() {
        v.id = format!("V{}", n + 1);
    }
    out
}

fn voice(mut members: Vec<&Article>, copies: &[&Copy]) -> Voice {
    // Dated members first, earliest first; among them the non-reposts lead.
    members.sort_by(|a, b| {
        (a.published.is_none(), &a.published, a.repost, &a.id).cmp(&(
            b.published.is_none(),
            &b.published,
            b.repost,
            &b.id,
        ))
    });
    let ids: HashSet<&ArticleId> = members.iter().map(|a| &a.id).collect();
    // The original: the one member that others are known to copy and that copies no member.
    let mut incoming: BTreeMap<&ArticleId, usize> = BTreeMap::new();
    let mut outgoing: BTreeMap<&ArticleId, usize> = BTreeMap::new();
    for c in copies.iter().filter(|c| c.direction != Direction::Unknown && ids.contains(&c.from) && ids.contains(&c.to))
    {
        *outgoing.entry(&c.from).or_default() += 1;
        *incoming.entry(&c.to).or_default() += 1;
    }
    let roots: Vec<&ArticleId> = outgoing.keys().filter(|id| !incoming.contains_key(*id)).copied().collect();
    let original = (roots.len() == 1).then(|| roots[0].clone());
    let lead = original.as_ref().and_then(|o| members.iter().find(|a| &a.id == o)).unwrap_or(&members[0]);
    let label = members
        .iter()
        .find_map(|a| a.wire.clone().filter(|w| w.len() <= 12))
        .unwrap_or_else(|| outlets(lead, &members));
    Voice { id: String::new(), label, articles: members.iter().map(|a| a.id.clone()).collect(), original }
}

/// A voice without a wire credit is named by its outlets (the original's first), or by its
/// headline when no member names its outlet.
fn outlets(lead: &Article, members: &[&Article]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for a in std::iter::once(&lead).chain(members.iter()) {
        if let Some(o) = a.outlet.as_deref() {
            if !names.contains(&o) {
                names.push(o);
            }
        }
    }
    match names.len() {
        0 => format!("“{}”", lead.title),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CopyKind;

    fn art(id: &str) -> Article {
        Article { id: ArticleId(id.into()), ..Article::from_text(id, id, "") }
    }

    fn link(a: &str, b: &str, shared: f64) -> Copy {
        Copy {
            from: ArticleId(a.into()),
            to: ArticleId(b.into()),
            kind: CopyKind::Verbatim,
            shared,
            direction: Direction::Unknown,
            evidence: vec![],
        }
    }

    #[test]
    fn copies_form_one_voice_and_chains_do_not_glue() {
        let arts: Vec<Article> = ["a", "b", "c", "d", "e"].iter().map(|s| art(s)).collect();
        let refs: Vec<&Article> = arts.iter().collect();
        // a-b-c is a real copy group; d hangs on c only through a weak chain link to e.
        let copies = vec![
            link("a", "b", 0.9),
            link("b", "c", 0.8),
            link("a", "c", 0.7),
            link("d", "e", 0.9),
            link("c", "d", 0.3),
        ];
        let v = voices(&refs, &copies);
        let sizes: Vec<usize> = v.iter().map(|v| v.articles.len()).collect();
        assert_eq!(sizes, vec![3, 2]);
    }
}
