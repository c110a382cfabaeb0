"""Target-dependent sentiment: how a sentence treats the mention at ``[start, end)``.

A linear model over interpretable features (``geolib.stance.features``: words near
the target, negation scope, contrast side, reporting verbs, evaluative predicates,
TextBlob as one signal). Its weights ship as ``data/sentiment_weights.json``, fitted
on NewsMTSC by ``benchmarks/bench_sentiment.py --write``; scoring needs no numpy or
fitting library. ``cues`` lists the features that pushed hardest toward the label.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from geolib.paths import PACKAGE_DATA
from geolib.stance.features import extract_features

WEIGHTS_JSON = PACKAGE_DATA / "sentiment_weights.json"
LABELS = ("negative", "neutral", "positive")
# Fitting settings used for the shipped weights (the benchmark reads them too).
FIT = {"l2": 16.0, "iterations": 300, "learning_rate": 0.1, "min_count": 2}
MAX_CUES = 4


@dataclass(frozen=True)
class TargetSentiment:
    """Sentiment toward one target: label, score in -1..1 (P(pos) - P(neg)), and cues."""

    label: str
    score: float
    cues: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"label": self.label, "score": self.score, "cues": list(self.cues)}


@lru_cache(maxsize=1)
def _model(path: Path = WEIGHTS_JSON) -> dict[str, list[float]]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["weights"]


def save_weights(weights: dict[str, list[float]], path: Path = WEIGHTS_JSON) -> None:
    """Write fitted weights (feature -> [negative, neutral, positive])."""
    document = {"classes": list(LABELS), "fit": FIT, "weights": weights}
    path.write_text(json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n")
    _model.cache_clear()


def sentiment_toward(sentence: str, start: int, end: int) -> TargetSentiment:
    """The sentiment ``sentence`` expresses toward ``sentence[start:end]``."""
    weights = _model()
    features = extract_features(sentence, start, end)
    scores = [0.0, 0.0, 0.0]
    known = []
    for name, value in features.values.items():
        w = weights.get(name)
        if w is None:
            continue
        known.append((name, value, w))
        for k in range(3):
            scores[k] += value * w[k]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    proba = [e / total for e in exp]
    best = max(range(3), key=proba.__getitem__)
    return TargetSentiment(
        label=LABELS[best],
        score=round(proba[2] - proba[0], 3),
        cues=_cues(known, best, features.evidence),
    )


def _cues(known: list, best: int, evidence: dict[str, str]) -> tuple[str, ...]:
    """Evidence of the features that favour the chosen label over the others most."""
    pushes = []
    for name, value, w in known:
        if name == "bias" or _is_function_word(name):
            continue
        push = value * (w[best] - max(w[k] for k in range(3) if k != best))
        if push > 0.05:
            pushes.append((push, name))
    pushes.sort(reverse=True)
    cues, seen = [], set()
    for _, name in pushes:
        text = evidence[name]
        if text not in seen:
            seen.add(text)
            cues.append(text)
        if len(cues) == MAX_CUES:
            break
    return tuple(cues)


def _is_function_word(feature: str) -> bool:
    """A bag-of-words feature on a stop word ("the", "all"): real weight, poor explanation."""
    if not feature.startswith(("w:", "n:", "b:", "a:")):
        return False
    word = feature[2:].removeprefix("not_")
    return word in STOP_WORDS or word.split("'")[0] in STOP_WORDS
