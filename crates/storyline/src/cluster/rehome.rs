//! Re-homing: an article placed early may fit a story that formed after it better.
//!
//! Decided in arrival order, an article joins the best story *there was*: the first report of
//! an event can land in a look-alike story because its own had not started yet, and stays
//! there. After each arrival, the recent members of the article's story and of the 4 open
//! stories nearest it (found through the index, as the merge step finds its candidates) are
//! scored against each of those stories as an arriving article would be, a member against its
//! own story with itself left out; a member that scores `rehome_margin` higher in another story,
//! and above the joining threshold, moves there (the best gain first, at most `rehome_limit`
//! per arrival). The [`Move`]s go out on the [`Assignment`] so the store can follow. Only the
//! remembered latest members can move, and never the arriving article, a headline without a
//! body, or a member pinned to its copies. A lone article (a story of one: its own score,
//! itself left out, is 0) moves only where it scores `rehome_lone_threshold`, and its empty
//! story is merged into the one it went to. The work per arrival is bounded (5 stories × 8 members), so
//! assignment time stays flat as the store grows.

use super::{dot, merge_add, Clusterer, Move, Sparse, Weighted};
use crate::model::{ArticleId, StoryId};

/// Stories near the arriving article's whose members are re-checked (as many as 2–16 score
/// alike on the tuning parts; each more costs a full member check).
const NEAR_STORIES: usize = 4;

/// A possible move: (from story, member index, to story, score there, gain).
type Candidate = (usize, usize, usize, f64, f64);

impl Clusterer {
    /// After an article (`arriving`) landed in `story`, move recent members of it and of the
    /// open stories near it to where they fit better.
    pub fn rehome(&mut self, story: StoryId, arriving: &ArticleId) -> Vec<Move> {
        let mut moves = Vec::new();
        let Some(i) = self.index_of(story) else { return moves };
        if self.config.rehome_margin > 1.0 || self.config.rehome_limit == 0 {
            return moves;
        }
        let mut group = self.near(i, NEAR_STORIES);
        group.push(i);
        group.sort_unstable();
        for &g in &group {
            self.stories[g].name_members();
        }
        for _ in 0..self.config.rehome_limit {
            let Some(c) = self.best_move(&group, i, arriving) else { break };
            moves.push(self.move_member(c));
        }
        moves
    }

    /// Keep `id` (a copy, or an article copied), placed in `story`, with its copies: a pinned
    /// member never moves.
    pub fn pin(&mut self, story: StoryId, id: &ArticleId) {
        let Some(i) = self.index_of(story) else { return };
        if let Some(info) = self.stories[i].member_info.iter_mut().find(|m| &m.id == id) {
            info.pinned = true;
        }
    }

    /// Up to `limit` open stories near story `i`: sharing its strongest terms, within the time
    /// window, in its language.
    pub(super) fn near(&self, i: usize, limit: usize) -> Vec<usize> {
        let s = &self.stories[i];
        if s.norm <= 0.0 {
            return Vec::new();
        }
        let mut by_weight: Sparse = s.centroid.iter().map(|&(t, w)| (t, w / s.norm)).collect();
        by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let query = Weighted { by_weight, by_id: s.centroid.clone() };
        let mut out = Vec::new();
        for c in self.candidates(&query, limit) {
            let c = c as usize;
            let o = &self.stories[c];
            if c == i || o.norm <= 0.0 {
                continue;
            }
            if let (Some(a), Some(b)) = (s.last_day, o.last_day) {
                if (a - b).abs() > self.config.window_days {
                    continue;
                }
            }
            if let (Some(a), Some(b)) = (s.language.as_deref(), o.language.as_deref()) {
                if a != b {
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    /// The move with the largest gain among `group`'s members, if any reaches the margin.
    /// Only moves into or out of story `centre` (the one that just changed) are looked at:
    /// between the others nothing changed since they were last checked.
    fn best_move(&self, group: &[usize], centre: usize, arriving: &ArticleId) -> Option<Candidate> {
        let mut best: Option<Candidate> = None;
        for &from in group {
            let s = &self.stories[from];
            // A lone article needs a higher bar: whatever it resembles wins over its empty story.
            let lone = s.size < 2;
            if lone && self.config.rehome_lone_threshold > 1.0 {
                continue;
            }
            for (k, (m, info)) in s.members.iter().zip(&s.member_info).enumerate() {
                // A headline's few terms are too few to judge it twice (on the UCI tuning half,
                // moving headlines cost 0.003–0.009 B³ F1).
                if info.pinned || info.headline || &info.id == arriving {
                    continue;
                }
                let mut own = None;
                for &to in group.iter().filter(|&&to| to != from && (from == centre || to == centre)) {
                    let score = self.member_score(m, to, None);
                    if score < self.config.threshold || (lone && score < self.config.rehome_lone_threshold) {
                        continue;
                    }
                    // Scored against its own story only when it could go elsewhere.
                    let own = *own.get_or_insert_with(|| self.member_score(m, from, Some((k, info.scale))));
                    let gain = score - own;
                    if gain >= self.config.rehome_margin && best.is_none_or(|b| gain > b.4) {
                        best = Some((from, k, to, score, gain));
                    }
                }
            }
        }
        best
    }

    /// A remembered member's score against story `i` (as `best` scores an article with a
    /// body), leaving out member `exclude` (its index and scale) when it is one of the story's.
    fn member_score(&self, m: &Sparse, i: usize, exclude: Option<(usize, f64)>) -> f64 {
        let s = &self.stories[i];
        let mut along = dot(m, &s.centroid);
        let mut norm2 = s.norm * s.norm;
        if let Some((_, scale)) = exclude {
            if s.size <= 1 {
                return 0.0;
            }
            // The member added its full unit vector, of which its kept terms are `scale` long.
            norm2 = (norm2 - 2.0 * scale * along + 1.0).max(0.0);
            along -= scale;
        }
        let mut score = if norm2 > 1e-12 { along / norm2.sqrt() } else { 0.0 };
        let lambda = self.config.member_weight;
        let others = s.members.len() - usize::from(exclude.is_some());
        if lambda > 0.0 && others > 0 {
            let (sum, closest) = s
                .members
                .iter()
                .enumerate()
                .filter(|(k, _)| exclude.is_none_or(|(x, _)| x != *k))
                .map(|(_, o)| dot(m, o))
                .fold((0.0, 0.0), |(sum, max), c| (sum + c, f64::max(max, c)));
            let mean = sum / others as f64;
            let share = self.config.closest_member_share;
            score = (1.0 - lambda) * score + lambda * ((1.0 - share) * mean + share * closest);
        }
        score
    }

    /// Move member `k` of story `from` to story `to`.
    pub(super) fn move_member(&mut self, (from, k, to, score, _): Candidate) -> Move {
        let m = self.stories[from].members.remove(k);
        let info = self.stories[from].member_info.remove(k);
        let weighted: Sparse = m.iter().map(|&(t, w)| (t, w * info.scale)).collect();
        let f = &mut self.stories[from];
        f.centroid = subtract(&f.centroid, &weighted);
        f.size -= 1;
        f.headlines -= u32::from(info.headline);
        self.trim(from);
        let from_id = self.stories[from].id;
        let to_id = self.stories[to].id;
        if self.stories[from].size == 0 {
            // Its only article left: the story lives on in the one it went to.
            self.stories[from].merged_into = Some(to_id);
        }
        let t = &mut self.stories[to];
        let before = std::mem::take(&mut t.centroid);
        t.centroid = merge_add(&before, &weighted);
        t.size += 1;
        t.headlines += u32::from(info.headline);
        t.last_day = super::later(t.last_day, info.day);
        let mv = Move { article: info.id.clone(), from: from_id, to: to_id, score };
        t.push_member(m, info, self.config.members);
        self.trim(to);
        self.post_fresh(to, &before);
        mv
    }
}

/// `a - b` for sparse vectors sorted by term id, dropping terms that fall to (about) zero.
fn subtract(a: &[(u32, f64)], b: &[(u32, f64)]) -> Sparse {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &(t, w) in a {
        while j < b.len() && b[j].0 < t {
            j += 1;
        }
        let w = if j < b.len() && b[j].0 == t { w - b[j].1 } else { w };
        if w > 1e-9 {
            out.push((t, w));
        }
    }
    out
}
