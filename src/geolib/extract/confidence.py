"""How far to trust an attribution: a 0-1 confidence for each quote from the rules that made it.

The confidence is a logistic model over plain features of a quote (its kind, each rule id in
its ``rule`` chain, whether a speaker was found and what kind, whether the speaker phrase
holds a name). Its weights are data, ``data/attribution_confidence.json``, fitted by
``benchmarks/fit_confidence.py`` on real news (PolNeAR's train split: a quote counts as right
when its span matches an annotated attribution and its speaker matches the annotated
source); the file records what it was fitted and checked on. A ``term`` (quoted words
nobody is said to speak) gets no confidence: it is not an attribution.

Written here rather than taken from scikit-learn: scoring is one dot product, and the
package should not need a model library at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache

from geolib.paths import PACKAGE_DATA

CONFIDENCE_JSON = PACKAGE_DATA / "attribution_confidence.json"


def features(kind: str, rule: str | None, speaker: str | None, speaker_kind: str | None,
             speaker_mention: str | None) -> list[str]:
    """The names of the features a quote has (each worth 1)."""
    names = [f"kind={kind}"]
    names += [f"rule={part}" for part in (rule or "").split("/") if part]
    if speaker is None:
        names.append("speaker=none")
    else:
        names.append(f"speaker_kind={speaker_kind or 'unknown'}")
        mention = speaker_mention or ""
        if not any(word[:1].isupper() for word in mention.split()):
            names.append("mention=no-name")  # "the spokesman", "he", "the company"
    return names


@lru_cache(maxsize=1)
def _weights() -> tuple[float, dict[str, float]]:
    data = json.loads(CONFIDENCE_JSON.read_text(encoding="utf-8"))
    return float(data["bias"]), {name: float(w) for name, w in data["weights"].items()}


def score(names: Iterable[str]) -> float:
    """The model's confidence for a quote with these features (unknown features weigh 0)."""
    bias, weights = _weights()
    z = bias + sum(weights.get(name, 0.0) for name in names)
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def confidence(kind: str, rule: str | None, speaker: str | None, speaker_kind: str | None,
               speaker_mention: str | None) -> float | None:
    """0-1 confidence that this attribution (span and speaker) is right; None for a term."""
    if kind == "term":
        return None
    return score(features(kind, rule, speaker, speaker_kind, speaker_mention))
