"""Fit the sentiment model: multinomial logistic regression over sparse features.

Hand-written in numpy (about 40 lines) so fitting needs nothing beyond the runtime's
own dependencies; scikit-learn's LogisticRegression would give the same model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

CLASSES = ("negative", "neutral", "positive")


class SparseRows:
    """Feature dicts as coordinate arrays over a fixed vocabulary."""

    def __init__(self, rows: Sequence[dict[str, float]], vocabulary: dict[str, int]):
        r, c, v = [], [], []
        for i, row in enumerate(rows):
            for name, value in row.items():
                j = vocabulary.get(name)
                if j is not None:
                    r.append(i)
                    c.append(j)
                    v.append(value)
        self.rows = np.asarray(r, dtype=np.int64)
        self.cols = np.asarray(c, dtype=np.int64)
        self.vals = np.asarray(v, dtype=np.float64)
        self.n, self.d = len(rows), len(vocabulary)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """X @ W, one class column at a time."""
        return np.stack(
            [np.bincount(self.rows, self.vals * weights[self.cols, k], self.n)
             for k in range(weights.shape[1])],
            axis=1,
        )

    def tdot(self, grad: np.ndarray) -> np.ndarray:
        """X.T @ G."""
        return np.stack(
            [np.bincount(self.cols, self.vals * grad[self.rows, k], self.d)
             for k in range(grad.shape[1])],
            axis=1,
        )


def build_vocabulary(rows: Sequence[dict[str, float]], min_count: int = 2) -> dict[str, int]:
    """Features seen in at least ``min_count`` rows (dense features always kept)."""
    counts = Counter(name for row in rows for name in row)
    keep = [name for name, n in counts.items() if n >= min_count or ":" not in name]
    return {name: j for j, name in enumerate(sorted(keep))}


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_softmax(
    rows: Sequence[dict[str, float]],
    labels: Sequence[int],
    l2: float = 1.0,
    iterations: int = 300,
    learning_rate: float = 0.1,
    class_weight: bool = True,
    min_count: int = 2,
) -> dict[str, list[float]]:
    """Weights per feature name, fitted by Adam on the L2-penalised log-loss.

    ``class_weight`` balances the classes, since the metric is macro-F1."""
    vocabulary = build_vocabulary(rows, min_count)
    x = SparseRows(rows, vocabulary)
    y = np.zeros((x.n, len(CLASSES)))
    y[np.arange(x.n), np.asarray(labels)] = 1.0
    sample = np.ones(x.n)
    if class_weight:
        freq = y.mean(axis=0)
        sample = (y / (len(CLASSES) * np.maximum(freq, 1e-9))).sum(axis=1)
    w = np.zeros((x.d, len(CLASSES)))
    m, v = np.zeros_like(w), np.zeros_like(w)
    unpenalised = vocabulary.get("bias")
    for t in range(1, iterations + 1):
        grad = x.tdot((softmax(x.dot(w)) - y) * sample[:, None]) / x.n
        penalty = l2 * w / x.n
        if unpenalised is not None:
            penalty[unpenalised] = 0.0
        grad += penalty
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= learning_rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    names = sorted(vocabulary, key=vocabulary.get)
    return {name: [round(float(x), 5) for x in w[j]] for j, name in enumerate(names)}


def predict_proba(rows: Sequence[dict[str, float]], weights: dict[str, list[float]]) -> np.ndarray:
    vocabulary = {name: j for j, name in enumerate(weights)}
    w = np.asarray(list(weights.values()))
    return softmax(SparseRows(rows, vocabulary).dot(w))


def macro_f1(gold: Sequence[int], predicted: Sequence[int], classes: int = 3) -> float:
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    scores = []
    for k in range(classes):
        tp = np.sum((gold == k) & (predicted == k))
        fp = np.sum((gold != k) & (predicted == k))
        fn = np.sum((gold == k) & (predicted != k))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))
