"""Target-dependent sentiment: how a sentence treats the mention at ``[start, end)``.

A linear model over interpretable features (``geolib.stance.features``): the words near
the target and in its clause, the lexicon's evaluations by where they sit (negated,
contrasted), reporting verbs, the target's place in the sentence. Its weights ship as
``data/sentiment_weights.json``, fitted with grouped cross-validation on NewsMTSC's training
split by ``benchmarks/bench_sentiment.py --write`` (scikit-learn's logistic regression; a
development dependency only: scoring here is plain Python).

Score and label agree by construction: ``score`` is P(positive) - P(negative) in -1..1, and
the label is ``neutral`` inside the fitted band ``(-band_negative, band_positive)``, else the
side the score is on. ``cues`` are the words that moved the score, each with its weight
(its share of the positive-minus-negative log-odds).

``SentenceScorer`` reads a sentence once and scores any number of targets in it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.paths import PACKAGE_DATA
from geolib.stance.features import Features, SentenceView

WEIGHTS_JSON = PACKAGE_DATA / "sentiment_weights.json"
LABELS = ("negative", "neutral", "positive")
MAX_CUES = 4
MIN_CUE_WEIGHT = 0.05  # a word that moved the log-odds less than this is not a cue
_SHARED_CUES = 8  # the sentence-wide words kept as cue candidates for every target


@dataclass(frozen=True)
class TargetSentiment:
    """Sentiment toward one target: label, score in -1..1 (P(pos) - P(neg)), and cues."""

    label: str
    score: float
    cues: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"label": self.label, "score": self.score, "cues": list(self.cues)}


@dataclass(frozen=True)
class Model:
    """Fitted weights: feature -> (negative, neutral, positive), intercepts, neutral band."""

    weights: dict[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]
    band: tuple[float, float]  # (negative, positive): |score| thresholds for a side

    def label(self, score: float) -> str:
        if score <= -self.band[0]:
            return "negative"
        if score >= self.band[1]:
            return "positive"
        return "neutral"


@lru_cache(maxsize=1)
def default_model(path: Path = WEIGHTS_JSON) -> Model:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return Model(
        {name: tuple(w) for name, w in data["weights"].items()},
        tuple(data.get("intercept", (0.0, 0.0, 0.0))),
        tuple(data.get("band", (0.0, 0.0))),
    )


def save_model(
    weights: dict[str, list[float]], intercept: list[float], band: tuple[float, float],
    fit: dict, path: Path = WEIGHTS_JSON,
) -> None:
    """Write fitted weights (feature -> [negative, neutral, positive]) and the band."""
    document = {"classes": list(LABELS), "fit": fit, "intercept": intercept,
                "band": list(band), "weights": weights}
    path.write_text(json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n")
    default_model.cache_clear()


def _logits(features: Features, model: Model) -> tuple[list[float], dict[str, float]]:
    """Class scores of ``features``, and each word's push toward positive (log-odds)."""
    scores = [0.0, 0.0, 0.0]
    pushes: dict[str, float] = {}
    for name, value in features.values.items():
        w = model.weights.get(name)
        if w is None:
            continue
        for k in range(3):
            scores[k] += value * w[k]
        direction = w[2] - w[0]
        for words, part in features.parts.get(name, ()):
            pushes[words] = pushes.get(words, 0.0) + part * direction
    return scores, pushes


class SentenceScorer:
    """A sentence read once (``SentenceView``); ``toward(start, end)`` scores one target."""

    def __init__(self, sentence: str, model: Model | None = None, view: SentenceView | None = None):
        self.model = model or default_model()
        self.view = view or SentenceView(sentence)
        self._base, pushes = _logits(self.view.shared, self.model)
        self._base = [b + c for b, c in zip(self._base, self.model.intercept, strict=True)]
        ranked = sorted(pushes.items(), key=lambda kv: -abs(kv[1]))
        self._shared_pushes = dict(ranked[:_SHARED_CUES])

    def toward(self, start: int, end: int) -> TargetSentiment:
        """The sentiment of the sentence toward ``sentence[start:end]``."""
        own, pushes = _logits(self.view.target_features(start, end), self.model)
        scores = [b + o for b, o in zip(self._base, own, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        score = round((exp[2] - exp[0]) / total, 3)
        label = self.model.label(score)
        for words, push in self._shared_pushes.items():
            pushes[words] = pushes.get(words, 0.0) + push
        return TargetSentiment(label, score, _cues(pushes, label))


def _cues(pushes: dict[str, float], label: str) -> tuple[str, ...]:
    """The words that pushed toward the label hardest, each with its weight; for a
    neutral label, the strongest pushes either way (they cancelled out or fell short)."""
    sign = {"positive": 1.0, "negative": -1.0}.get(label)
    chosen = [
        (words, push) for words, push in pushes.items()
        if abs(push) >= MIN_CUE_WEIGHT and (sign is None or push * sign > 0)
    ]
    chosen.sort(key=lambda wp: -abs(wp[1]))
    return tuple(f"{words} {push:+.2f}" for words, push in chosen[:MAX_CUES])


def sentiment_toward(sentence: str, start: int, end: int) -> TargetSentiment:
    """The sentiment ``sentence`` expresses toward ``sentence[start:end]``."""
    return SentenceScorer(sentence).toward(start, end)
