//! The distributional part of Ji & Eisenstein (2013): TF-KLD term weights learned from labelled
//! pairs, and a truncated SVD of the weighted sentence–term matrix, so two sentences that use
//! different words for one thing land near each other.
//!
//! TF-KLD weighs a term by how differently it behaves in paraphrase and non-paraphrase pairs: with
//! `p` the probability that a term in one sentence of a paraphrase pair is also in the other, and
//! `q` the same for non-paraphrase pairs, its weight is the Kullback–Leibler divergence of the
//! two Bernoulli distributions. Names and numbers, which a paraphrase must keep, weigh most.
//!
//! The SVD is a randomized range finder with power iterations (Halko, Martinsson & Tropp 2011)
//! over a sparse matrix, then an exact eigen-decomposition (cyclic Jacobi) of the small
//! `k × k` Gram matrix. Our own code: it is about a hundred lines, runs in a second on the
//! twelve thousand sentences of a paraphrase corpus, and the linear-algebra crates that do it
//! need a system LAPACK or a large dependency tree.

use std::collections::HashSet;

/// A sparse matrix stored by rows (compressed sparse rows).
#[derive(Debug, Clone, Default)]
pub struct SparseRows {
    /// Number of columns.
    pub cols: usize,
    indptr: Vec<usize>,
    entries: Vec<(u32, f64)>,
}

impl SparseRows {
    /// An empty matrix with `cols` columns.
    pub fn new(cols: usize) -> Self {
        SparseRows { cols, indptr: vec![0], entries: Vec::new() }
    }

    /// Append a row of `(column, value)` entries.
    pub fn push(&mut self, row: &[(u32, f64)]) {
        debug_assert!(row.iter().all(|(c, _)| (*c as usize) < self.cols));
        self.entries.extend_from_slice(row);
        self.indptr.push(self.entries.len());
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// The entries of row `i`.
    pub fn row(&self, i: usize) -> &[(u32, f64)] {
        &self.entries[self.indptr[i]..self.indptr[i + 1]]
    }

    /// `self · x` for a dense row-major `cols × k` matrix `x`: a dense `rows × k` matrix.
    fn times(&self, x: &[f64], k: usize) -> Vec<f64> {
        let mut out = vec![0.0; self.rows() * k];
        for i in 0..self.rows() {
            let o = &mut out[i * k..(i + 1) * k];
            for &(c, v) in self.row(i) {
                for (a, b) in o.iter_mut().zip(&x[c as usize * k..(c as usize + 1) * k]) {
                    *a += v * b;
                }
            }
        }
        out
    }

    /// `selfᵀ · y` for a dense row-major `rows × k` matrix `y`: a dense `cols × k` matrix.
    fn transpose_times(&self, y: &[f64], k: usize) -> Vec<f64> {
        let mut out = vec![0.0; self.cols * k];
        for i in 0..self.rows() {
            let yi = &y[i * k..(i + 1) * k];
            for &(c, v) in self.row(i) {
                for (a, b) in out[c as usize * k..(c as usize + 1) * k].iter_mut().zip(yi) {
                    *a += v * b;
                }
            }
        }
        out
    }
}

/// TF-KLD term weights learned from labelled pairs of term lists.
///
/// Counts are smoothed toward the corpus-wide rates with `prior` pseudo-observations, so a
/// term seen in few pairs gets about the divergence of an average term, and an unseen term
/// exactly that. A weight learned from a pair flatters that very pair (a rare term kept by one
/// paraphrase pair looks decisive), so a training pair's own sentences are weighted with
/// [`TfKld::leaving_out`] its own counts: the jackknife, exact and cheap.
#[derive(Debug, Clone)]
pub struct TfKld {
    /// Per term and class (non-paraphrase, paraphrase): (pairs with the term in both sentences,
    /// pairs with it in exactly one).
    counts: Vec<[[f64; 2]; 2]>,
    /// Corpus-wide "also in the other sentence" rates: (non-paraphrase, paraphrase).
    rates: (f64, f64),
    prior: f64,
}

/// The distinct terms of a pair, each with whether both sentences have it.
fn pair_terms(a: &[u32], b: &[u32]) -> Vec<(u32, bool)> {
    let (sa, sb): (HashSet<u32>, HashSet<u32>) = (a.iter().copied().collect(), b.iter().copied().collect());
    let mut out: Vec<(u32, bool)> = sa.union(&sb).map(|t| (*t, sa.contains(t) && sb.contains(t))).collect();
    out.sort_unstable();
    out
}

/// "In the other sentence too, given in one": a pair with the term in both counts twice (either
/// sentence can be the given one), a pair with it in one counts once. (hits, trials)
fn rate(c: [f64; 2]) -> (f64, f64) {
    (2.0 * c[0], 2.0 * c[0] + c[1])
}

impl TfKld {
    /// Count `terms` terms over labelled pairs of term lists.
    pub fn fit(pairs: &[(Vec<u32>, Vec<u32>, bool)], terms: usize, prior: f64) -> TfKld {
        let mut counts = vec![[[0.0f64; 2]; 2]; terms];
        for (a, b, label) in pairs {
            for (t, both) in pair_terms(a, b) {
                counts[t as usize][usize::from(*label)][usize::from(!both)] += 1.0;
            }
        }
        let total = |class: usize| {
            let (h, n) = counts.iter().fold((0.0, 0.0), |(h, n), c| {
                let (a, b) = rate(c[class]);
                (h + a, n + b)
            });
            h / f64::max(n, 1.0)
        };
        let rates = (total(0), total(1));
        TfKld { counts, rates, prior }
    }

    fn divergence(&self, c: [[f64; 2]; 2]) -> f64 {
        let ((hq, nq), (hp, np)) = (rate(c[0]), rate(c[1]));
        let p = ((hp + self.prior * self.rates.1) / (np + self.prior)).clamp(1e-6, 1.0 - 1e-6);
        let q = ((hq + self.prior * self.rates.0) / (nq + self.prior)).clamp(1e-6, 1.0 - 1e-6);
        p * (p / q).ln() + (1.0 - p) * ((1.0 - p) / (1.0 - q)).ln()
    }

    /// The weight of every term.
    pub fn weights(&self) -> Vec<f64> {
        self.counts.iter().map(|c| self.divergence(*c)).collect()
    }

    /// The weights of the terms of one counted pair as if it had not been counted.
    pub fn leaving_out(&self, a: &[u32], b: &[u32], label: bool) -> Vec<(u32, f64)> {
        pair_terms(a, b)
            .into_iter()
            .map(|(t, both)| {
                let mut c = self.counts[t as usize];
                let cell = &mut c[usize::from(label)][usize::from(!both)];
                *cell = (*cell - 1.0).max(0.0);
                (t, self.divergence(c))
            })
            .collect()
    }
}

/// A truncated SVD `A ≈ U Σ Vᵀ` of a sentence–term matrix, kept as what projects a sentence:
/// its latent vector is `a · V` (`= u Σ` for a row of the factorized matrix).
#[derive(Debug, Clone)]
pub struct Svd {
    /// Number of latent dimensions.
    pub k: usize,
    /// Singular values, largest first.
    pub sigma: Vec<f64>,
    /// `V`, row-major `cols × k`.
    v: Vec<f64>,
}

/// splitmix64, for the reproducible random test matrix of the range finder.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Orthonormalize the `k` columns of a row-major `n × k` matrix in place (modified
/// Gram–Schmidt, twice for stability); a column that vanishes becomes zero.
fn orthonormalize(m: &mut [f64], n: usize, k: usize) {
    // Work on contiguous columns: the row-major layout suits the sparse products, not this.
    let mut cols: Vec<Vec<f64>> = (0..k).map(|j| (0..n).map(|i| m[i * k + j]).collect()).collect();
    for _ in 0..2 {
        for j in 0..k {
            let (done, rest) = cols.split_at_mut(j);
            let col = &mut rest[0];
            for p in done.iter() {
                let dot: f64 = col.iter().zip(p).map(|(a, b)| a * b).sum();
                for (a, b) in col.iter_mut().zip(p) {
                    *a -= dot * b;
                }
            }
            let norm = col.iter().map(|a| a * a).sum::<f64>().sqrt();
            let inv = if norm > 1e-12 { 1.0 / norm } else { 0.0 };
            col.iter_mut().for_each(|a| *a *= inv);
        }
    }
    for (j, col) in cols.iter().enumerate() {
        for (i, v) in col.iter().enumerate() {
            m[i * k + j] = *v;
        }
    }
}

/// Eigen-decomposition of a symmetric row-major `n × n` matrix by cyclic Jacobi rotations:
/// (eigenvalues, eigenvectors as the columns of a row-major matrix), unsorted.
pub fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..60 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j].powi(2))
            .sum();
        let diag: f64 = (0..n).map(|i| a[i * n + i].powi(2)).sum();
        if off <= 1e-22 * diag.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}

impl Svd {
    /// The `k` leading singular triplets of `a` (randomized: `k + 10` probe vectors, `power`
    /// power iterations; `seed` makes it reproducible).
    pub fn fit(a: &SparseRows, k: usize, power: usize, seed: u64) -> Svd {
        let (n, l) = (a.rows(), (k + 10).min(a.rows()).min(a.cols));
        let k = k.min(l);
        let omega: Vec<f64> =
            (0..a.cols * l).map(|i| (mix(seed ^ mix(i as u64)) >> 11) as f64 / (1u64 << 53) as f64 - 0.5).collect();
        let mut y = a.times(&omega, l);
        orthonormalize(&mut y, n, l);
        for _ in 0..power {
            let mut z = a.transpose_times(&y, l);
            orthonormalize(&mut z, a.cols, l);
            y = a.times(&z, l);
            orthonormalize(&mut y, n, l);
        }
        // B = Qᵀ A, kept transposed as C = Aᵀ Q (cols × l); B Bᵀ = Cᵀ C = W Λ Wᵀ, so B's right
        // singular vectors are V = C W Λ^{-1/2}.
        let c = a.transpose_times(&y, l);
        let mut gram = vec![0.0; l * l];
        for row in c.chunks_exact(l) {
            for i in 0..l {
                for j in 0..=i {
                    gram[i * l + j] += row[i] * row[j];
                }
            }
        }
        for i in 0..l {
            for j in 0..i {
                gram[j * l + i] = gram[i * l + j];
            }
        }
        let (values, w) = symmetric_eigen(gram, l);
        let mut order: Vec<usize> = (0..l).collect();
        order.sort_by(|&x, &y| values[y].total_cmp(&values[x]));
        order.truncate(k);
        let sigma: Vec<f64> = order.iter().map(|&i| values[i].max(0.0).sqrt()).collect();
        let mut v = vec![0.0; a.cols * k];
        for (row, out) in c.chunks_exact(l).zip(v.chunks_exact_mut(k)) {
            for (o, (&col, s)) in out.iter_mut().zip(order.iter().zip(&sigma)) {
                let dot: f64 = (0..l).map(|p| row[p] * w[p * l + col]).sum();
                *o = if *s > 1e-12 { dot / s } else { 0.0 };
            }
        }
        Svd { k, sigma, v }
    }

    /// The latent vector `a · V` of a sparse row over the same columns.
    pub fn project(&self, row: &[(u32, f64)]) -> Vec<f64> {
        let mut out = vec![0.0; self.k];
        for &(c, x) in row {
            for (o, v) in out.iter_mut().zip(&self.v[c as usize * self.k..(c as usize + 1) * self.k]) {
                *o += x * v;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_small_matrix() {
        let (mut values, _) = symmetric_eigen(vec![2.0, 1.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, 5.0], 3);
        values.sort_by(f64::total_cmp);
        for (got, want) in values.iter().zip([1.0, 3.0, 5.0]) {
            assert!((got - want).abs() < 1e-10, "{values:?}");
        }
    }

    #[test]
    fn svd_recovers_a_planted_low_rank_matrix() {
        // A = Σ_r s_r x_r y_rᵀ with orthogonal x, y built from disjoint supports, rank 3.
        let (n, m) = (60, 40);
        let sigma = [9.0, 4.0, 2.0];
        let x = |r: usize, i: usize| if i % 3 == r { 1.0 + (i % 7) as f64 * 0.1 } else { 0.0 };
        let y = |r: usize, j: usize| if j % 3 == r { 1.0 + (j % 5) as f64 * 0.2 } else { 0.0 };
        let nx = |r: usize| (0..n).map(|i| x(r, i).powi(2)).sum::<f64>().sqrt();
        let ny = |r: usize| (0..m).map(|j| y(r, j).powi(2)).sum::<f64>().sqrt();
        let entry = |i: usize, j: usize| (0..3).map(|r| sigma[r] * x(r, i) / nx(r) * y(r, j) / ny(r)).sum::<f64>();
        let mut a = SparseRows::new(m);
        for i in 0..n {
            let row: Vec<(u32, f64)> = (0..m).map(|j| (j as u32, entry(i, j))).filter(|(_, v)| *v != 0.0).collect();
            a.push(&row);
        }
        let svd = Svd::fit(&a, 3, 2, 7);
        for (got, want) in svd.sigma.iter().zip(sigma) {
            assert!((got - want).abs() < 1e-8, "{:?}", svd.sigma);
        }
        // Projections preserve inner products of rows inside the planted subspace.
        for (i, j) in [(0, 3), (1, 4), (2, 2), (5, 7)] {
            let (pi, pj) = (svd.project(a.row(i)), svd.project(a.row(j)));
            let dot: f64 = pi.iter().zip(&pj).map(|(a, b)| a * b).sum();
            let exact: f64 = (0..m).map(|c| entry(i, c) * entry(j, c)).sum();
            assert!((dot - exact).abs() < 1e-8, "{i},{j}: {dot} vs {exact}");
        }
    }

    #[test]
    fn kld_weighs_terms_that_separate_the_classes() {
        // Term 0 is kept by every paraphrase and dropped by every non-paraphrase; term 1 is
        // shared by both classes alike.
        let mut pairs = Vec::new();
        for _ in 0..20 {
            pairs.push((vec![0, 1], vec![0, 1], true));
            pairs.push((vec![0, 1], vec![1], false));
        }
        let kld = TfKld::fit(&pairs, 3, 1.0);
        let w = kld.weights();
        assert!(w[0] > 10.0 * w[1], "{w:?}");
        assert!(w[1] < 0.05 && w[2] >= 0.0);
        // A term only one pair has: left out of its own pair, it weighs what an unseen term does.
        pairs.push((vec![2], vec![2], false));
        let kld = TfKld::fit(&pairs, 4, 1.0);
        let (w, alone) = (kld.weights(), kld.leaving_out(&[2], &[2], false));
        assert_eq!(alone[0].0, 2);
        assert!((alone[0].1 - w[3]).abs() < 1e-12 && (w[2] - w[3]).abs() > 0.1, "{w:?} {alone:?}");
    }
}
