"""The baseline for `storyline eval stories`: TF-IDF + scikit-learn agglomerative clustering.

What a Python user would reach for: TfidfVectorizer (English stopwords, sublinear TF) and
AgglomerativeClustering over cosine distances with a distance threshold instead of a cluster
count (a stream's number of stories is unknown). The linkage and the threshold are tuned on the
tuning part by B-cubed F1, then applied to the test part. The vectorizer is fitted on the part
being clustered, as a batch tool would.

Input: argv[1] is JSON {"tune": [[text, gold], ...], "test": [[text, gold], ...]}.
Output (stdout): JSON {"tune": [label, ...], "test": [label, ...], "setting": "...",
"ceiling": {"test": [label, ...], "setting": "..."}}.
Scores are computed by the Rust side; B-cubed here is only for the tuning and the ceiling.

The ceiling is not a result: it is the best test-part clustering this family of methods gives
(unigram or unigram+bigram TF-IDF, any linkage, any threshold on a fine grid) with the settings
picked on the test part itself, with its gold labels. It bounds what a bag-of-words
agglomerative clusterer can reach on the set, tuned however well.
"""

import json
import sys
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

LINKAGES = ["average", "complete", "single"]
THRESHOLDS = [round(0.30 + 0.02 * i, 2) for i in range(35)]  # 0.30 .. 0.98


CEILING_THRESHOLDS = [round(0.30 + 0.005 * i, 3) for i in range(140)]  # 0.300 .. 0.995


def distances(texts, ngrams=(1, 1)):
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=ngrams).fit_transform(texts)
    d = cosine_distances(x)
    np.fill_diagonal(d, 0.0)
    return np.clip((d + d.T) / 2.0, 0.0, None)


def b_cubed_f1(pred, gold):
    both = Counter(zip(pred, gold))
    ps, gs = Counter(pred), Counter(gold)
    n = len(gold)
    p = sum(both[(a, b)] / ps[a] for a, b in zip(pred, gold)) / n
    r = sum(both[(a, b)] / gs[b] for a, b in zip(pred, gold)) / n
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster(d, method, threshold):
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage=method, distance_threshold=threshold
    )
    return [int(v) for v in model.fit_predict(d)]


def main():
    data = json.load(open(sys.argv[1]))
    tune_texts = [t for t, _ in data["tune"]]
    tune_gold = [g for _, g in data["tune"]]
    d = distances(tune_texts)
    # One scipy tree per linkage, cut at every threshold: the same clusterings as refitting
    # sklearn per threshold, without refitting.
    condensed = squareform(d, checks=False)
    best = (-1.0, "average", 0.5)
    for method in LINKAGES:
        tree = linkage(condensed, method=method)
        for t in THRESHOLDS:
            f1 = b_cubed_f1(list(fcluster(tree, t, criterion="distance")), tune_gold)
            if f1 > best[0]:
                best = (f1, method, t)
    _, method, threshold = best
    tune = cluster(d, method, threshold)
    test = cluster(distances([t for t, _ in data["test"]]), method, threshold)
    setting = f"{method} linkage, cosine distance threshold {threshold} (tuning B³ F1 {best[0]:.3f})"
    json.dump({"tune": tune, "test": test, "setting": setting, "ceiling": ceiling(data["test"])}, sys.stdout)


def ceiling(docs):
    """The best clustering of `docs` over vectorizers, linkages and thresholds, by its own gold."""
    texts = [t for t, _ in docs]
    gold = [g for _, g in docs]
    best = (-1.0, None, "")
    for ngrams in ((1, 1), (1, 2)):
        condensed = squareform(distances(texts, ngrams), checks=False)
        for method in LINKAGES:
            tree = linkage(condensed, method=method)
            for t in CEILING_THRESHOLDS:
                labels = [int(v) for v in fcluster(tree, t, criterion="distance")]
                f1 = b_cubed_f1(labels, gold)
                if f1 > best[0]:
                    best = (f1, labels, f"{'unigram' if ngrams == (1, 1) else 'unigram+bigram'} TF-IDF, {method} linkage, threshold {t}")
    return {"test": best[1], "setting": best[2]}


if __name__ == "__main__":
    main()
