"""Target-dependent sentiment: how a sentence treats the mention at ``[start, end)``.

A linear model over interpretable features (``geolib.stance.features``): the words near
the target and in its clause, the lexicon's evaluations by where they sit (negated,
contrasted), reporting verbs, the target's place in the sentence. Its weights ship as
``data/sentiment_weights.json``, fitted with grouped cross-validation on NewsMTSC's training
split by ``benchmarks/bench_sentiment.py --write`` (scikit-learn's logistic regression; a
development dependency only: scoring here is plain Python).

Score and label agree by construction, and a neutral target scores 0. ``score`` runs -1..1:
its sign is the likelier side (positive or negative), its size how far that side's
probability beats neutral's beyond the fitted margin for that side (``Model.band``, chosen
by grouped cross-validation on NewsMTSC train; a margin of 0 is the plain argmax). Where the
side does not beat neutral by its margin the score is 0 and the label ``neutral``. ``cues``
are the words that moved the score, each with its weight (its share of the positive-minus-
negative log-odds).

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
NO_CUES = "no word near it carries sentiment"
_SHARED_CUES = 8  # the sentence-wide words kept as cue candidates for every target


@dataclass(frozen=True)
class TargetSentiment:
    """Sentiment toward one target: label, score in -1..1 (0 when neutral; see
    ``polar_score``), and the cues: the words that moved it, with their weights."""

    label: str
    score: float
    cues: tuple[str, ...]
    probability: float = 1.0  # the model's probability of the label

    def to_dict(self) -> dict:
        return {"label": self.label, "score": self.score, "cues": list(self.cues),
                "probability": self.probability}


@dataclass(frozen=True)
class Model:
    """Fitted weights: feature -> (negative, neutral, positive), intercepts, neutral band."""

    weights: dict[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]
    band: tuple[float, float] = (0.0, 0.0)  # margin over neutral a side needs (neg, pos)

    @staticmethod
    def label(score: float) -> str:
        """The label of a score: its sign (neutral scores 0)."""
        return "negative" if score < 0 else "positive" if score > 0 else "neutral"

    def score(self, proba) -> float:
        return polar_score(proba, self.band)


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
        self._bases: dict = {}  # scope -> (class scores of the shared features, their cues)

    def _base(self, scope: tuple[int, int] | None):
        """Class scores of the target-free features of ``scope`` (the whole sentence when
        None), with the intercept, and their strongest pushes; made once per scope."""
        if scope == (0, len(self.view.text)):
            scope = None
        found = self._bases.get(scope)
        if found is None:
            base, pushes = _logits(self.view.shared_features(scope), self.model)
            base = [b + c for b, c in zip(base, self.model.intercept, strict=True)]
            ranked = sorted(pushes.items(), key=lambda kv: -abs(kv[1]))
            found = self._bases[scope] = (base, dict(ranked[:_SHARED_CUES]))
        return found

    def toward(self, start: int, end: int, scope: tuple[int, int] | None = None) -> TargetSentiment:
        """The sentiment of the sentence toward ``sentence[start:end]``; ``scope``: its
        part of the sentence when other targets stand in other clauses (``scope.scopes``)."""
        base, shared_pushes = self._base(scope)
        own, pushes = _logits(self.view.target_features(start, end, scope), self.model)
        scores = [b + o for b, o in zip(base, own, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        proba = [e / total for e in exp]
        score = round(self.model.score(proba), 3)
        label = self.model.label(score)
        for words, push in shared_pushes.items():
            pushes[words] = pushes.get(words, 0.0) + push
        return TargetSentiment(label, score, _cues(pushes, label),
                               round(proba[LABELS.index(label)], 3))


def polar_score(proba, band: tuple[float, float] = (0.0, 0.0)) -> float:
    """The score of class probabilities (negative, neutral, positive): 0 unless the likelier
    side beats neutral by more than its margin in ``band`` (negative's, positive's); then
    the excess, scaled to 0..1 and signed by the side."""
    negative, neutral, positive = proba
    side, sign, margin = (
        (positive, 1.0, band[1]) if positive >= negative else (negative, -1.0, band[0])
    )
    excess = side - neutral - margin
    return sign * excess / (1.0 - margin) if excess > 0 else 0.0


def _cues(pushes: dict[str, float], label: str) -> tuple[str, ...]:
    """The words that pushed toward the label hardest, each with its weight (their share
    of the positive-minus-negative log-odds); for a neutral label, the strongest pushes
    either way (they cancelled out or fell short)."""
    sign = {"positive": 1.0, "negative": -1.0}.get(label)
    ranked = sorted(pushes.items(), key=lambda wp: -abs(wp[1]))
    chosen = [
        (words, push) for words, push in ranked
        if abs(push) >= MIN_CUE_WEIGHT and (sign is None or push * sign > 0)
    ] or ranked  # nothing pushed hard: the words that pushed most, however little
    if not chosen:
        return (NO_CUES,)
    return tuple(f"{words} {push:+.2f}" for words, push in chosen[:MAX_CUES])


def sentiment_toward(sentence: str, start: int, end: int) -> TargetSentiment:
    """The sentiment ``sentence`` expresses toward ``sentence[start:end]``."""
    return SentenceScorer(sentence).toward(start, end)
