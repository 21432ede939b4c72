//! Linear classifiers for the paraphrase features: an L2-regularized logistic regression fitted
//! by Newton's method over the dense features ([`Logistic`]), and a squared-hinge linear SVM
//! fitted by truncated Newton steps over dense features plus thousands of sparse stem
//! indicators ([`LinearSvm`]).
//!
//! Our own small code rather than a crate: the problems here are a few thousand pairs and at most
//! a few hundred features, where Newton's method (a Cholesky solve of the regularized Hessian per
//! step) converges in a handful of iterations to the exact optimum, with no learning rate to
//! tune; the machine-learning crates that offer it pull in a BLAS/LAPACK stack for a 60-line job.
//! Dense features are standardized on the training data first, so one L2 weight fits every
//! feature.

/// A fitted linear classifier: `P(paraphrase) = σ(w · z(x) + b)` with `z` the standardization.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    /// Per-feature mean of the training data.
    pub mean: Vec<f64>,
    /// Per-feature scale (standard deviation, 1 for a constant feature).
    pub scale: Vec<f64>,
    /// Weights over the standardized features.
    pub weights: Vec<f64>,
    /// Intercept.
    pub bias: f64,
}

/// Per-column mean and standard deviation (1 for a constant column) of the first `d` values of
/// each row.
fn standardization<'r>(rows: impl Iterator<Item = &'r [f64]> + Clone, d: usize) -> (Vec<f64>, Vec<f64>) {
    let n = rows.clone().count().max(1) as f64;
    let mut mean = vec![0.0; d];
    for row in rows.clone() {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v / n;
        }
    }
    let mut scale = vec![0.0; d];
    for row in rows {
        for ((s, v), m) in scale.iter_mut().zip(row).zip(&mean) {
            *s += (v - m) * (v - m) / n;
        }
    }
    for s in &mut scale {
        *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
    }
    (mean, scale)
}

fn sigmoid(t: f64) -> f64 {
    1.0 / (1.0 + (-t).exp())
}

/// Solve `a x = b` for a symmetric positive definite `a` (row-major `n × n`) by Cholesky.
/// `None` when `a` is not positive definite.
pub fn cholesky_solve(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let d = a[i * n + i] - dot;
                if d <= 0.0 {
                    return None;
                }
                l[i * n + i] = d.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - dot) / l[j * n + j];
            }
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| l[i * n + k] * y[k]).sum::<f64>()) / l[i * n + i];
    }
    for i in (0..n).rev() {
        y[i] = (y[i] - (i + 1..n).map(|k| l[k * n + i] * y[k]).sum::<f64>()) / l[i * n + i];
    }
    Some(y)
}

impl Logistic {
    /// Fit on rows `x` with labels `y`, minimizing the mean log loss plus `l2 / 2 · |w|²` (the
    /// intercept is not penalized).
    pub fn fit(x: &[Vec<f64>], y: &[bool], l2: f64) -> Logistic {
        let d = x.first().map_or(0, Vec::len);
        let n = x.len().max(1) as f64;
        let (mean, scale) = standardization(x.iter().map(|row| row.as_slice()), d);
        let z: Vec<Vec<f64>> =
            x.iter().map(|row| row.iter().zip(&mean).zip(&scale).map(|((v, m), s)| (v - m) / s).collect()).collect();
        // Parameters θ = (w, b); the intercept is the last coordinate.
        let p = d + 1;
        let mut theta = vec![0.0; p];
        for _ in 0..50 {
            let mut grad = vec![0.0; p];
            let mut hess = vec![0.0; p * p];
            let mut row1 = vec![1.0; p];
            for (row, &label) in z.iter().zip(y) {
                row1[..d].copy_from_slice(row);
                let t: f64 = row1.iter().zip(&theta).map(|(a, b)| a * b).sum();
                let q = sigmoid(t);
                let (r, w) = (q - f64::from(u8::from(label)), q * (1.0 - q) / n);
                for i in 0..p {
                    grad[i] += r * row1[i] / n;
                    let wi = w * row1[i];
                    for (h, xj) in hess[i * p..i * p + i + 1].iter_mut().zip(&row1[..=i]) {
                        *h += wi * xj;
                    }
                }
            }
            for i in 0..p {
                for j in 0..i {
                    hess[j * p + i] = hess[i * p + j];
                }
                // A tiny ridge on the intercept too keeps a separable set's Hessian definite.
                let penalty = if i < d { l2 } else { 1e-9 };
                grad[i] += penalty * theta[i];
                hess[i * p + i] += penalty;
            }
            let Some(step) = cholesky_solve(&hess, &grad) else { break };
            let mut largest: f64 = 0.0;
            for (t, s) in theta.iter_mut().zip(&step) {
                *t -= s;
                largest = largest.max(s.abs());
            }
            if largest < 1e-6 {
                break;
            }
        }
        let bias = theta.pop().unwrap_or(0.0);
        Logistic { mean, scale, weights: theta, bias }
    }

    /// The probability that the row is a paraphrase.
    pub fn probability(&self, x: &[f64]) -> f64 {
        let t: f64 =
            x.iter().zip(&self.mean).zip(&self.scale).zip(&self.weights).map(|(((v, m), s), w)| (v - m) / s * w).sum();
        sigmoid(t + self.bias)
    }
}

/// One row for [`LinearSvm`]: `dense` real-valued features, then the columns of the sparse
/// indicator features that are on.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The real-valued features (standardized by the model).
    pub dense: Vec<f64>,
    /// Sparse indicator columns (each worth 1 before the model's indicator weight).
    pub on: Vec<u32>,
}

/// A linear classifier over dense features plus many sparse indicators (thousands of word
/// columns): an L2-regularized squared-hinge linear SVM (LIBLINEAR's default loss), fitted in
/// the primal by truncated Newton steps (conjugate gradients, a line search).
///
/// [`Logistic`]'s exact Newton method factorizes the Hessian over every column — far too large
/// once each word is a column; conjugate gradients only multiply by it, one pass over the sparse
/// rows, so a fit over four thousand pairs and ten thousand columns takes a fraction of a
/// second. Our own code for the same reason as [`Logistic`]: it is about a hundred lines, where
/// the crates that offer it bring a dense linear-algebra stack.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearSvm {
    /// Per dense feature mean of the training rows.
    pub mean: Vec<f64>,
    /// Per dense feature scale of the training rows.
    pub scale: Vec<f64>,
    /// What one indicator is worth next to a standardized dense feature: below 1 it is shrunk
    /// harder than the dense features (many indicators, each seen in few pairs).
    pub indicator: f64,
    /// Weights of the dense features (standardized) then of the indicator columns.
    pub weights: Vec<f64>,
    /// Intercept (regularized like a feature that is always 1, as LIBLINEAR does).
    pub bias: f64,
}

/// The primal squared-hinge problem of [`LinearSvm::fit`] over standardized rows, with the
/// parameters θ = (dense weights, indicator weights, intercept).
///
/// Solved by Newton's method with conjugate gradients (truncated Newton, as LIBLINEAR's TRON,
/// with a line search in place of the trust region): the generalized Hessian `I + 2c Σ xxᵀ`
/// over the rows inside the margin is never formed, only multiplied by a vector, one pass over
/// the sparse rows each. Dual coordinate descent, the other LIBLINEAR method, needed thousands
/// of passes here: the dense features are strongly correlated.
struct Primal<'a> {
    z: &'a [Vec<f64>],
    rows: &'a [Row],
    labels: &'a [bool],
    d: usize,
    indicator: f64,
    c: f64,
}

impl Primal<'_> {
    /// `θ · x_i`.
    fn dot(&self, i: usize, theta: &[f64]) -> f64 {
        let dense: f64 = self.z[i].iter().zip(theta).map(|(v, w)| v * w).sum();
        let on: f64 = self.rows[i].on.iter().map(|&col| theta[self.d + col as usize]).sum();
        dense + on * self.indicator + theta[theta.len() - 1]
    }

    /// `out += a · x_i`.
    fn add(&self, i: usize, a: f64, out: &mut [f64]) {
        for (o, v) in out.iter_mut().zip(&self.z[i]) {
            *o += a * v;
        }
        for &col in &self.rows[i].on {
            out[self.d + col as usize] += a * self.indicator;
        }
        let last = out.len() - 1;
        out[last] += a;
    }

    fn sign(&self, i: usize) -> f64 {
        if self.labels[i] {
            1.0
        } else {
            -1.0
        }
    }

    /// The objective at θ, its gradient, and the rows inside the margin.
    fn evaluate(&self, theta: &[f64]) -> (f64, Vec<f64>, Vec<usize>) {
        let mut loss = 0.5 * theta.iter().map(|w| w * w).sum::<f64>();
        let mut grad = theta.to_vec();
        let mut active = Vec::new();
        for i in 0..self.z.len() {
            let slack = 1.0 - self.sign(i) * self.dot(i, theta);
            if slack > 0.0 {
                loss += self.c * slack * slack;
                self.add(i, -2.0 * self.c * slack * self.sign(i), &mut grad);
                active.push(i);
            }
        }
        (loss, grad, active)
    }

    /// `H v` for the generalized Hessian over the `active` rows.
    fn hessian_times(&self, active: &[usize], v: &[f64]) -> Vec<f64> {
        let mut out = v.to_vec();
        for &i in active {
            self.add(i, 2.0 * self.c * self.dot(i, v), &mut out);
        }
        out
    }

    /// Solve `H s = −grad` by conjugate gradients until the residual is below `tolerance`.
    fn newton_step(&self, grad: &[f64], active: &[usize], tolerance: f64) -> Vec<f64> {
        let mut s = vec![0.0; grad.len()];
        let mut r: Vec<f64> = grad.iter().map(|g| -g).collect();
        let mut p = r.clone();
        let mut rr: f64 = r.iter().map(|x| x * x).sum();
        for _ in 0..500 {
            if rr.sqrt() <= tolerance {
                break;
            }
            let hp = self.hessian_times(active, &p);
            let alpha = rr / p.iter().zip(&hp).map(|(a, b)| a * b).sum::<f64>();
            for ((si, ri), (pi, hi)) in s.iter_mut().zip(r.iter_mut()).zip(p.iter().zip(&hp)) {
                *si += alpha * pi;
                *ri -= alpha * hi;
            }
            let next: f64 = r.iter().map(|x| x * x).sum();
            for (pi, ri) in p.iter_mut().zip(&r) {
                *pi = ri + next / rr * *pi;
            }
            rr = next;
        }
        s
    }
}

impl LinearSvm {
    /// Fit on `rows` with `labels`: minimize `|w|² / 2 + c · Σ max(0, 1 − y·f(x))²` over rows
    /// with `columns` indicator columns, the indicators weighted by `indicator`.
    pub fn fit(rows: &[Row], labels: &[bool], columns: usize, c: f64, indicator: f64) -> LinearSvm {
        let d = rows.first().map_or(0, |r| r.dense.len());
        let (mean, scale) = standardization(rows.iter().map(|r| r.dense.as_slice()), d);
        let mut svm = LinearSvm { mean, scale, indicator, weights: vec![0.0; d + columns], bias: 0.0 };
        let z: Vec<Vec<f64>> = rows.iter().map(|r| svm.standardized(&r.dense).collect()).collect();
        let problem = Primal { z: &z, rows, labels, d, indicator, c };
        // θ = (w, b), the intercept last.
        let mut theta = vec![0.0; d + columns + 1];
        let mut first = None;
        for _ in 0..50 {
            let (loss, grad, active) = problem.evaluate(&theta);
            let norm = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
            let first = *first.get_or_insert(norm);
            if norm <= 1e-4 * first {
                break;
            }
            let step = problem.newton_step(&grad, &active, 0.1 * norm);
            // Backtracking line search (Armijo) on the exact objective.
            let slope: f64 = grad.iter().zip(&step).map(|(g, s)| g * s).sum();
            let mut t = 1.0;
            while t > 1e-8 {
                let trial: Vec<f64> = theta.iter().zip(&step).map(|(w, s)| w + t * s).collect();
                if problem.evaluate(&trial).0 <= loss + 1e-4 * t * slope {
                    theta = trial;
                    break;
                }
                t /= 2.0;
            }
            if t <= 1e-8 {
                break;
            }
        }
        svm.bias = theta.pop().unwrap_or(0.0);
        svm.weights = theta;
        svm
    }

    fn standardized<'a>(&'a self, dense: &'a [f64]) -> impl Iterator<Item = f64> + 'a {
        dense.iter().zip(&self.mean).zip(&self.scale).map(|((v, m), s)| (v - m) / s)
    }

    fn margin(&self, z: &[f64], on: &[u32]) -> f64 {
        let d = self.mean.len();
        let dense: f64 = z.iter().zip(&self.weights).map(|(v, w)| v * w).sum();
        let sparse: f64 = on.iter().filter_map(|&c| self.weights.get(d + c as usize)).sum();
        dense + sparse * self.indicator + self.bias
    }

    /// The signed score of a row: positive leans paraphrase.
    pub fn score(&self, row: &Row) -> f64 {
        let z: Vec<f64> = self.standardized(&row.dense).collect();
        self.margin(&z, &row.on)
    }
}

/// The threshold on scores that maximizes accuracy on `(score, label)` pairs: the midpoint
/// between two adjacent scores, so it generalizes to unseen scores between them.
pub fn best_threshold(scored: &[(f64, bool)]) -> f64 {
    let mut s: Vec<(f64, bool)> = scored.to_vec();
    s.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Start with everything positive (threshold below the lowest score).
    let mut correct = s.iter().filter(|x| x.1).count();
    let (mut best, mut best_at) = (correct, s.first().map_or(0.5, |x| x.0 - 1e-9));
    for i in 0..s.len() {
        correct = if s[i].1 { correct - 1 } else { correct + 1 };
        let next = s.get(i + 1).map_or(s[i].0 + 1e-9, |x| x.0);
        if correct > best && next > s[i].0 {
            (best, best_at) = (correct, (s[i].0 + next) / 2.0);
        }
    }
    best_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_solves_a_small_system() {
        let a = [4.0, 2.0, 2.0, 3.0];
        let x = cholesky_solve(&a, &[6.0, 5.0]).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 1.0).abs() < 1e-12);
        assert!(cholesky_solve(&[1.0, 2.0, 2.0, 1.0], &[1.0, 1.0]).is_none());
    }

    #[test]
    fn separates_a_linearly_separable_set() {
        // Points above the line y = 2x - 1 are positive, with a margin; plus a useless feature.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..20 {
            for j in 0..20 {
                let (a, b) = (i as f64 / 10.0, j as f64 / 5.0);
                let side = b - (2.0 * a - 1.0);
                if side.abs() < 0.3 {
                    continue;
                }
                x.push(vec![a, b, ((i * 7 + j * 3) % 5) as f64]);
                y.push(side > 0.0);
            }
        }
        let model = Logistic::fit(&x, &y, 1e-3);
        let correct = x.iter().zip(&y).filter(|(r, l)| (model.probability(r) > 0.5) == **l).count();
        assert_eq!(correct, x.len());
        // The direction is right: b counts for, a against, the noise barely.
        let w: Vec<f64> = model.weights.iter().zip(&model.scale).map(|(w, s)| w / s).collect();
        assert!(w[1] > 0.0 && w[0] < 0.0 && w[2].abs() < 0.2 * w[1]);
        assert!((w[0] / w[1] + 2.0).abs() < 0.5, "slope {}", -w[0] / w[1]);
    }

    #[test]
    fn svm_learns_from_dense_features_and_indicators() {
        // The label is "a > 0.5, unless indicator 1 is on"; indicator 0 is noise.
        let (mut rows, mut labels) = (Vec::new(), Vec::new());
        for i in 0..200 {
            let a = (i % 20) as f64 / 20.0 + 0.025;
            let on: Vec<u32> = [(i % 3 == 0, 0), (i % 7 == 0, 1)].iter().filter(|x| x.0).map(|x| x.1).collect();
            labels.push(a > 0.5 && !on.contains(&1));
            rows.push(Row { dense: vec![a, ((i * 13) % 5) as f64], on });
        }
        let svm = LinearSvm::fit(&rows, &labels, 2, 10.0, 1.0);
        let correct = rows.iter().zip(&labels).filter(|(r, l)| (svm.score(r) > 0.0) == **l).count();
        assert!(correct >= 196, "{correct} of {}", rows.len());
        assert!(svm.weights[3] < -1.0 && svm.weights[0] > 1.0 && svm.weights[2].abs() < 0.5, "{:?}", svm.weights);
        // Unknown indicator columns are ignored when scoring.
        let unseen = Row { dense: vec![0.9, 1.0], on: vec![7] };
        assert!(svm.score(&unseen) > 0.0);
    }

    #[test]
    fn threshold_maximizes_accuracy() {
        let s = [(0.1, false), (0.2, false), (0.35, true), (0.4, false), (0.6, true), (0.9, true)];
        let t = best_threshold(&s);
        assert!(t > 0.2 && t < 0.35 || t > 0.4 && t < 0.6, "{t}");
        let correct = s.iter().filter(|(v, l)| (*v > t) == *l).count();
        assert_eq!(correct, 5);
    }
}
