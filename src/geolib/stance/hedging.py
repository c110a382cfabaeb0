"""Hedging and certainty: how sure a speaker sounds, with the words that say so.

Hedges ("may", "some sort of") and boosters ("certainly", "just", "will") come from
``data/hedges.toml``. The score runs from -1 (certain) to 1 (hedged); it lowers the
confidence of a stance (``confidence_factor``) and never flips its polarity.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.paths import PACKAGE_DATA
from geolib.stance.patterns import find_patterns
from geolib.text.words import word_forms

HEDGES_TOML = PACKAGE_DATA / "hedges.toml"


@dataclass(frozen=True)
class Hedging:
    """Net hedging in -1 (certain) .. 1 (hedged), and the cues behind it."""

    score: float
    cues: tuple[str, ...]

    @property
    def confidence_factor(self) -> float:
        """Multiplier for a stance's confidence: 1 when unhedged, down to 0.5."""
        return 1.0 - 0.5 * max(self.score, 0.0)


@dataclass(frozen=True)
class HedgeLexicon:
    weights: dict[str, float]  # pattern -> +weight (hedge) or -weight (booster)
    negation: frozenset[str]
    negation_window: int


def load_hedges(path: Path | None = None) -> HedgeLexicon:
    """Read a hedges TOML file (default: the package's)."""
    with open(path or HEDGES_TOML, "rb") as handle:
        data = tomllib.load(handle)
    weights = {p: float(w) for p, w in data.get("hedges", {}).items()}
    weights.update({p: -float(w) for p, w in data.get("boosters", {}).items()})
    negation = data.get("negation", {})
    return HedgeLexicon(
        weights, frozenset(negation.get("words", [])), int(negation.get("window", 2))
    )


@lru_cache(maxsize=1)
def default_hedges() -> HedgeLexicon:
    return load_hedges()


def _negated(text: str, start: int, lexicon: HedgeLexicon) -> bool:
    before = word_forms(text[max(0, start - 60) : start])[-lexicon.negation_window :]
    return any(w in lexicon.negation or w.endswith("n't") for w in before)


def hedging(text: str, lexicon: HedgeLexicon | None = None) -> Hedging:
    """Hedging of ``text``: hedges minus boosters, squashed into -1..1 by tanh."""
    lexicon = lexicon or default_hedges()
    total, cues = 0.0, []
    for match in find_patterns(text, list(lexicon.weights)):
        weight = lexicon.weights[match.pattern]
        words = text[match.start : match.end]
        if weight < 0 and _negated(text, match.start, lexicon):
            weight = -weight
            cues.append(f"hedge: not … '{words}'")
        else:
            cues.append(f"{'hedge' if weight > 0 else 'certainty'}: '{words}'")
        total += weight
    return Hedging(round(math.tanh(total), 3), tuple(cues))
