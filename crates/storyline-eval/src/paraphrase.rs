//! MRPC as a trained paraphrase classifier: the engine's pair features
//! ([`storyline::dedup::paraphrase`]) weighed by logistic regression, alone ("lexical") and with
//! the TF-KLD latent vectors of Ji & Eisenstein (2013) ("full").
//!
//! Everything that learns from labels (TF-KLD weights, the regularization strength, the
//! decision threshold, the classifier) sees the train split only: settings are chosen by 5-fold
//! cross-validation on train, with the TF-KLD weights and the SVD refitted inside each fold so
//! the held-out fold's labels never leak. The SVD itself is unsupervised and, as in Ji &
//! Eisenstein, factorizes the text of every MRPC sentence, test sentences included (their
//! labels are never read).

use std::collections::HashMap;
use storyline::dedup::paraphrase::latent::{SparseRows, Svd, TfKld};
use storyline::dedup::paraphrase::learn::{best_threshold, Logistic};
use storyline::dedup::paraphrase::{features, Side};
use storyline::text;

/// One labelled pair.
pub struct Pair {
    /// Whether it is a paraphrase.
    pub label: bool,
    /// First sentence.
    pub a: String,
    /// Second sentence.
    pub b: String,
}

/// Scores of one system on the test pairs, and its cross-validated accuracy on train.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Test accuracy, percent.
    pub accuracy: f64,
    /// Test F1 of the paraphrase class, percent.
    pub f1: f64,
    /// Out-of-fold accuracy on train at the chosen settings, percent.
    pub cv_accuracy: f64,
    /// The chosen settings, for the notes.
    pub settings: String,
}

/// Settings of the latent part (chosen by cross-validation on train; see `examples/mrpc_tune.rs`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default)]
pub struct Latent {
    /// Latent dimensions of the SVD (Ji & Eisenstein use 100).
    pub dimensions: usize,
    /// Stem bigrams as terms too.
    pub bigrams: bool,
    /// Latent vectors scaled to unit length before the pair features.
    pub unit: bool,
    /// `v1 + v2` among the pair features (else only `|v1 − v2|` and the cosines).
    pub sum: bool,
    /// Pseudo-observations smoothing TF-KLD toward the corpus-wide rates. Chosen by 5-fold CV
    /// accuracy on train (full model): 1 → 74.3, 10 → 75.8, 50 → 76.6, 200 → 76.6, 1000 → 77.1,
    /// 5000 → 76.3, 10⁶ (all weights equal: plain TF) → 77.2 — the label-learned weighting
    /// does not measurably help here, and a weak prior overfits the training pairs.
    pub prior: f64,
    /// Power iterations of the randomized SVD.
    pub power: usize,
    /// The lexical features too.
    pub lexical: bool,
    /// A training pair's sentences weighted with TF-KLD learned without that pair.
    pub jackknife: bool,
}

impl Default for Latent {
    fn default() -> Self {
        Latent {
            dimensions: 100,
            bigrams: true,
            unit: false,
            sum: true,
            prior: 1000.0,
            power: 2,
            lexical: true,
            jackknife: true,
        }
    }
}
/// Cross-validation folds on train.
const FOLDS: usize = 5;
/// L2 strengths tried by cross-validation.
const L2: &[f64] = &[1e-3, 1e-2, 1e-1, 1.0];

/// Accuracy and F1 (percent) of thresholded scores.
pub fn accuracy_f1(scored: &[(f64, bool)], threshold: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_, mut correct) = (0, 0, 0, 0);
    for &(s, label) in scored {
        let yes = s > threshold;
        correct += usize::from(yes == label);
        tp += usize::from(yes && label);
        fp += usize::from(yes && !label);
        fn_ += usize::from(!yes && label);
    }
    let f1 = 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64;
    (100.0 * correct as f64 / scored.len().max(1) as f64, 100.0 * f1)
}

/// The terms of a sentence for the sentence–term matrix: word stems and stem bigrams.
fn terms(sentence: &str, bigrams: bool) -> Vec<String> {
    let stems: Vec<String> = text::words(sentence).iter().map(|w| text::stem(w)).collect();
    let mut out = stems.clone();
    if bigrams {
        out.extend(stems.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    }
    out
}

/// A sparse weighted term row of one sentence.
type Row = Vec<(u32, f64)>;

/// Sentences as term-id lists over one vocabulary.
struct Corpus {
    /// Term ids of sentence `a` and `b` of each pair, train pairs first.
    ids: Vec<(Vec<u32>, Vec<u32>)>,
    vocabulary: usize,
}

impl Corpus {
    fn new(pairs: &[&Pair], bigrams: bool) -> Corpus {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut id = |s: &str| {
            terms(s, bigrams)
                .into_iter()
                .map(|t| {
                    let n = vocab.len() as u32;
                    *vocab.entry(t).or_insert(n)
                })
                .collect::<Vec<u32>>()
        };
        let ids = pairs.iter().map(|p| (id(&p.a), id(&p.b))).collect();
        Corpus { ids, vocabulary: vocab.len() }
    }

    /// A sentence's weighted term-frequency row.
    fn row(ids: &[u32], weights: &[f64]) -> Vec<(u32, f64)> {
        let mut tf: HashMap<u32, f64> = HashMap::new();
        for t in ids {
            *tf.entry(*t).or_default() += 1.0;
        }
        let mut row: Vec<(u32, f64)> = tf.into_iter().map(|(t, c)| (t, c * weights[t as usize])).collect();
        row.sort_unstable_by_key(|e| e.0);
        row
    }

    /// A sentence's weighted term-frequency row with its pair's own weights (sorted by term).
    fn row_with(ids: &[u32], weights: &[(u32, f64)]) -> Vec<(u32, f64)> {
        let mut row: Vec<(u32, f64)> = Vec::new();
        for t in ids {
            let w = weights[weights.binary_search_by_key(t, |e| e.0).expect("a term of the pair")].1;
            row.push((*t, w));
        }
        row.sort_unstable_by_key(|e| e.0);
        row.dedup_by(|x, y| {
            let same = x.0 == y.0;
            if same {
                y.1 += x.1;
            }
            same
        });
        row
    }

    /// Latent pair features `[v1 + v2, |v1 − v2|, cos(v1, v2), cos of the weighted rows]` for
    /// every pair, with TF-KLD weights learned on the labelled pairs `fit` only.
    fn latent(&self, labels: &[bool], fit: &[usize], config: &Latent) -> Vec<Vec<f64>> {
        let labelled: Vec<(Vec<u32>, Vec<u32>, bool)> =
            fit.iter().map(|&i| (self.ids[i].0.clone(), self.ids[i].1.clone(), labels[i])).collect();
        let kld = TfKld::fit(&labelled, self.vocabulary, config.prior);
        let weights = kld.weights();
        let mut own: HashMap<usize, Vec<(u32, f64)>> = HashMap::new();
        if config.jackknife {
            for &i in fit {
                own.insert(i, kld.leaving_out(&self.ids[i].0, &self.ids[i].1, labels[i]));
            }
        }
        let rows: Vec<(Row, Row)> = self
            .ids
            .iter()
            .enumerate()
            .map(|(i, (a, b))| match own.get(&i) {
                Some(w) => (Corpus::row_with(a, w), Corpus::row_with(b, w)),
                None => (Corpus::row(a, &weights), Corpus::row(b, &weights)),
            })
            .collect();
        let mut matrix = SparseRows::new(self.vocabulary);
        for (a, b) in &rows {
            matrix.push(a);
            matrix.push(b);
        }
        let svd = Svd::fit(&matrix, config.dimensions, config.power, 0x5eed);
        let unit = |mut v: Vec<f64>| {
            if config.unit {
                let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
                v.iter_mut().for_each(|x| *x /= norm);
            }
            v
        };
        rows.iter()
            .map(|(a, b)| {
                let (va, vb) = (unit(svd.project(a)), unit(svd.project(b)));
                let mut f: Vec<f64> =
                    if config.sum { va.iter().zip(&vb).map(|(x, y)| x + y).collect() } else { Vec::new() };
                f.extend(va.iter().zip(&vb).map(|(x, y)| (x - y).abs()));
                f.push(cosine(&va, &vb));
                f.push(sparse_cosine(a, b));
                f
            })
            .collect()
    }
}

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    dot / (norm(a) * norm(b)).max(1e-12)
}

fn sparse_cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    let norm = |v: &[(u32, f64)]| v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
    dot / (norm(a) * norm(b)).max(1e-12)
}

/// The settings cross-validation chose: L2 strength, threshold, out-of-fold accuracy.
pub type Chosen = (f64, f64, f64);

/// Cross-validate on the first `train` pairs and pick the L2 strength and threshold. `rows(fit)`
/// gives the feature rows of every pair (train then test) for a model whose label-dependent
/// parts learn from the train pairs `fit` only.
fn cross_validate(labels: &[bool], train: usize, rows: &dyn Fn(&[usize]) -> Vec<Vec<f64>>) -> Chosen {
    // Out-of-fold scores for every L2 strength; a fold's rows are computed once.
    let mut oof: Vec<Vec<(f64, bool)>> = vec![Vec::new(); L2.len()];
    for fold in 0..FOLDS {
        let (held, fit): (Vec<usize>, Vec<usize>) = (0..train).partition(|i| i % FOLDS == fold);
        let x = rows(&fit);
        let (fx, fy): (Vec<Vec<f64>>, Vec<bool>) = fit.iter().map(|&i| (x[i].clone(), labels[i])).unzip();
        for (s, &l2) in oof.iter_mut().zip(L2) {
            let model = Logistic::fit(&fx, &fy, l2);
            s.extend(held.iter().map(|&i| (model.probability(&x[i]), labels[i])));
        }
    }
    L2.iter()
        .zip(&oof)
        .map(|(&l2, scored)| {
            let t = best_threshold(scored);
            (l2, t, accuracy_f1(scored, t).0)
        })
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .unwrap_or((L2[0], 0.5, 0.0))
}

/// Cross-validate on train, refit on all of train with the chosen settings, score test.
fn train_and_test(labels: &[bool], train: usize, rows: &dyn Fn(&[usize]) -> Vec<Vec<f64>>) -> Scores {
    let (l2, threshold, cv_accuracy) = cross_validate(labels, train, rows);
    let all: Vec<usize> = (0..train).collect();
    let x = rows(&all);
    let model = Logistic::fit(&x[..train], &labels[..train], l2);
    let scored: Vec<(f64, bool)> = (train..labels.len()).map(|i| (model.probability(&x[i]), labels[i])).collect();
    let (accuracy, f1) = accuracy_f1(&scored, threshold);
    Scores { accuracy, f1, cv_accuracy, settings: format!("L2 {l2}, threshold {threshold:.3}") }
}

/// The lexical feature rows of pairs.
fn lexical(pairs: &[&Pair]) -> Vec<Vec<f64>> {
    pairs.iter().map(|p| features(&Side::new(&p.a), &Side::new(&p.b))).collect()
}

/// The feature rows of the full model for the train pairs `fit`.
fn full_rows(corpus: &Corpus, lexical: &[Vec<f64>], labels: &[bool], fit: &[usize], config: &Latent) -> Vec<Vec<f64>> {
    let latent = corpus.latent(labels, fit, config);
    if !config.lexical {
        return latent;
    }
    latent
        .into_iter()
        .zip(lexical)
        .map(|(mut l, x)| {
            l.extend(x);
            l
        })
        .collect()
}

/// Cross-validated accuracy on train alone of the lexical and of the full model with `config`:
/// what settings are chosen by (test is not read).
pub fn tune(train: &[Pair], config: &Latent) -> (Chosen, Chosen) {
    let pairs: Vec<&Pair> = train.iter().collect();
    let labels: Vec<bool> = pairs.iter().map(|p| p.label).collect();
    let lex = lexical(&pairs);
    let corpus = Corpus::new(&pairs, config.bigrams);
    (
        cross_validate(&labels, train.len(), &|_| lex.clone()),
        cross_validate(&labels, train.len(), &|fit| full_rows(&corpus, &lex, &labels, fit, config)),
    )
}

/// Train on `train`, score `test`: (lexical features, lexical + latent with `config`).
pub fn evaluate(train: &[Pair], test: &[Pair], config: &Latent) -> (Scores, Scores) {
    let pairs: Vec<&Pair> = train.iter().chain(test).collect();
    let labels: Vec<bool> = pairs.iter().map(|p| p.label).collect();
    let lex = lexical(&pairs);
    let lexical_scores = train_and_test(&labels, train.len(), &|_| lex.clone());
    let corpus = Corpus::new(&pairs, config.bigrams);
    let full = train_and_test(&labels, train.len(), &|fit| full_rows(&corpus, &lex, &labels, fit, config));
    (lexical_scores, full)
}
