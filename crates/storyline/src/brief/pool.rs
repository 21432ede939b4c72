//! The story's sentence pool: every sentence of every article, grouped with its verbatim and
//! reworded equivalents in other articles, so that the summary and the unique points can count
//! the voices that carry a sentence.
//!
//! Equivalents are found through an inverted index of content stems (a sentence is compared only
//! with earlier sentences sharing several stems), so a story with many articles stays cheap.

use crate::dedup::align::{self, Sentence};
use crate::model::Article;
use std::collections::{BTreeSet, HashMap};

/// One sentence with where it stands.
pub struct Entry<'a> {
    /// Index of its article in the story.
    pub article: usize,
    /// Its voice id.
    pub voice: &'a str,
    /// Sentence number within the article.
    pub pos: usize,
    /// The prepared sentence.
    pub sentence: Sentence<'a>,
}

/// A group of equivalent sentences.
pub struct Group {
    /// Member entries (indexes into `Pool::entries`).
    pub members: Vec<usize>,
    /// Voices that carry it.
    pub voices: BTreeSet<String>,
}

/// All sentences of a story, grouped.
pub struct Pool<'a> {
    /// Every sentence.
    pub entries: Vec<Entry<'a>>,
    /// Groups of equivalent sentences.
    pub groups: Vec<Group>,
}

/// Sentences a stem may index before it is too common to propose equivalents.
const COMMON_STEM: usize = 200;

/// Build the pool for `articles`, where `voice[i]` is article i's voice id.
pub fn build<'a>(articles: &'a [Article], voice: &[&'a str]) -> Pool<'a> {
    let prepared: Vec<Vec<Sentence<'a>>> = articles.iter().map(|a| align::prepare(&a.body)).collect();
    let links = copy_links(&prepared, voice);
    let mut first_entry = Vec::with_capacity(articles.len());
    let mut entries = Vec::new();
    for (i, sentences) in prepared.into_iter().enumerate() {
        first_entry.push(entries.len());
        for (pos, s) in sentences.into_iter().enumerate() {
            entries.push(Entry { article: i, voice: voice[i], pos, sentence: s });
        }
    }
    let mut group_of: Vec<usize> = Vec::with_capacity(entries.len());
    let mut groups: Vec<Group> = Vec::new();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..entries.len() {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for stem in &entries[i].sentence.stems {
            let list = postings.get(stem.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            // A stem in hundreds of sentences ("said", "pct") identifies nothing; skipping it
            // keeps a large story's pool linear.
            if list.len() > COMMON_STEM {
                continue;
            }
            for &j in list {
                *overlap.entry(j).or_default() += 1;
            }
        }
        let best = overlap
            .into_iter()
            .filter(|&(j, n)| n >= 4 && entries[j].article != entries[i].article)
            .filter_map(|(j, _)| align::score(&entries[i].sentence, &entries[j].sentence).map(|(_, s)| (j, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let g = match best {
            Some((j, _)) => group_of[j],
            None => {
                groups.push(Group { members: Vec::new(), voices: BTreeSet::new() });
                groups.len() - 1
            }
        };
        groups[g].members.push(i);
        groups[g].voices.insert(entries[i].voice.to_string());
        group_of.push(g);
        for stem in &entries[i].sentence.stems {
            postings.entry(stem.as_str()).or_default().push(i);
        }
    }
    let groups =
        join_linked(groups, &group_of, links.iter().map(|&((x, i), (y, j))| (first_entry[x] + i, first_entry[y] + j)));
    Pool { entries, groups }
}

/// Sentence pairs of copies within one voice, as ((article, sentence), (article, sentence)):
/// each article of a voice aligned with the voice's first article, gaps filled
/// ([`align::fill_gaps`]). A rewriter's heaviest rewordings escape the per-sentence match, and
/// without these links the summary would cite the original without its rewrite and the unique
/// points would list one report's sentence twice.
fn copy_links(prepared: &[Vec<Sentence<'_>>], voice: &[&str]) -> Vec<((usize, usize), (usize, usize))> {
    let mut hub: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, v) in voice.iter().enumerate() {
        let h = *hub.entry(v).or_insert(i);
        if h == i {
            continue;
        }
        let pairs = align::align(&prepared[h], &prepared[i]);
        let filled = align::fill_gaps(&prepared[h], &prepared[i], &pairs);
        out.extend(pairs.iter().chain(&filled).map(|p| ((h, p.a), (i, p.b))));
    }
    out
}

/// Merge the groups of linked entries (union-find over groups), keeping groups in the order of
/// their first member.
fn join_linked(groups: Vec<Group>, group_of: &[usize], links: impl Iterator<Item = (usize, usize)>) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn root(parent: &mut [usize], mut g: usize) -> usize {
        while parent[g] != g {
            parent[g] = parent[parent[g]];
            g = parent[g];
        }
        g
    }
    let mut joined = false;
    for (x, y) in links {
        let (rx, ry) = (root(&mut parent, group_of[x]), root(&mut parent, group_of[y]));
        if rx != ry {
            // The earlier group absorbs the later, so group order stays first-member order.
            parent[rx.max(ry)] = rx.min(ry);
            joined = true;
        }
    }
    if !joined {
        return groups;
    }
    let mut merged: Vec<Group> = Vec::with_capacity(groups.len());
    let mut index: Vec<usize> = vec![usize::MAX; groups.len()];
    for (g, group) in groups.into_iter().enumerate() {
        let r = root(&mut parent, g);
        if index[r] == usize::MAX {
            index[r] = merged.len();
            merged.push(Group { members: Vec::new(), voices: BTreeSet::new() });
        }
        let target = &mut merged[index[r]];
        target.members.extend(group.members);
        target.voices.extend(group.voices);
    }
    merged.iter_mut().for_each(|g| g.members.sort_unstable());
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrites_heaviest_rewording_joins_its_originals_sentence_within_a_voice_only() {
        let original = "Ferry operators in Port Varen halted all crossings on Tuesday after a storm tore the roof off the main terminal.\n\n\
             Harbour master Ilse Marrow said the terminal would stay closed until engineers had inspected it.\n\n\
             Some 40 passengers spent the night in a school gym, the town council said.";
        let rewrite = "Ship companies in Port Varen suspended every voyage on Tuesday once a gale ripped the terminal's roof away.\n\n\
             Harbour master Ilse Marrow said the terminal would remain closed until engineers had inspected it.\n\n\
             Some 40 passengers spent the night in a school gym, the town council stated.";
        let articles: Vec<Article> = [("a", original), ("b", rewrite)]
            .iter()
            .map(|(id, body)| Article::from_text(id, "Storm closes Port Varen ferry terminal", body))
            .collect();
        let lead_group = |pool: &Pool<'_>| {
            pool.groups.iter().find(|g| g.members.contains(&0)).map(|g| g.members.clone()).unwrap_or_default()
        };
        // One voice (b copies a): the leads are one sentence.
        let pool = build(&articles, &["v1", "v1"]);
        assert_eq!(lead_group(&pool), vec![0, 3]);
        assert_eq!(pool.groups.len(), 3);
        // Two voices: nothing says b copied a, so the leads stay apart.
        let pool = build(&articles, &["v1", "v2"]);
        assert_eq!(lead_group(&pool), vec![0]);
    }
}
