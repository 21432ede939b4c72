//! L2-regularized logistic regression fitted by Newton's method, for the paraphrase features.
//!
//! Our own small code rather than a crate: the problems here are a few thousand pairs and at most
//! a few hundred features, where Newton's method (a Cholesky solve of the regularized Hessian per
//! step) converges in a handful of iterations to the exact optimum, with no learning rate to
//! tune; the machine-learning crates that offer it pull in a BLAS/LAPACK stack for a 60-line job.
//! Features are standardized on the training data first, so one L2 weight fits every feature.

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
        let mut mean = vec![0.0; d];
        for row in x {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v / n;
            }
        }
        let mut scale = vec![0.0; d];
        for row in x {
            for ((s, v), m) in scale.iter_mut().zip(row).zip(&mean) {
                *s += (v - m) * (v - m) / n;
            }
        }
        for s in &mut scale {
            *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
        }
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
    fn threshold_maximizes_accuracy() {
        let s = [(0.1, false), (0.2, false), (0.35, true), (0.4, false), (0.6, true), (0.9, true)];
        let t = best_threshold(&s);
        assert!(t > 0.2 && t < 0.35 || t > 0.4 && t < 0.6, "{t}");
        let correct = s.iter().filter(|(v, l)| (*v > t) == *l).count();
        assert_eq!(correct, 5);
    }
}
