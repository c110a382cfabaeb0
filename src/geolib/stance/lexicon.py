"""Sentiment cue data: geolib's hand-written cues plus TextBlob's adjective lexicon."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.paths import PACKAGE_DATA

CUES_TOML = PACKAGE_DATA / "sentiment_cues.toml"


@dataclass(frozen=True)
class SentimentCues:
    """Word lists that steer target-dependent sentiment (see ``data/sentiment_cues.toml``)."""

    negators: frozenset[str]
    negation_window: int
    intensifiers: dict[str, float]
    contrast: frozenset[str]
    breaks: frozenset[str]
    reporting: dict[str, str]  # verb -> "neutral" | "negative" | "positive"
    evaluative: dict[tuple[str, ...], float]  # token sequence -> polarity
    longest_phrase: int
    verdict_subjects: frozenset[str]
    verdict_copulas: frozenset[str]


def load_cues(path: Path | None = None) -> SentimentCues:
    """Read a cues TOML file (default: the package's)."""
    with open(path or CUES_TOML, "rb") as handle:
        data = tomllib.load(handle)
    reporting = {
        verb: tone for tone, verbs in data.get("reporting", {}).items() for verb in verbs
    }
    evaluative = {
        tuple(phrase.lower().replace("’", "'").split()): float(value)
        for phrase, value in data.get("evaluative", {}).items()
    }
    return SentimentCues(
        negators=frozenset(data.get("negators", [])),
        negation_window=int(data.get("negation_window", 4)),
        intensifiers={k: float(v) for k, v in data.get("intensifiers", {}).items()},
        contrast=frozenset(data.get("clauses", {}).get("contrast", [])),
        breaks=frozenset(data.get("clauses", {}).get("breaks", [])),
        reporting=reporting,
        evaluative=evaluative,
        longest_phrase=max((len(p) for p in evaluative), default=1),
        verdict_subjects=frozenset(data.get("verdict_subjects", [])),
        verdict_copulas=frozenset(data.get("verdict_copulas", [])),
    )


@lru_cache(maxsize=1)
def default_cues() -> SentimentCues:
    return load_cues()


@lru_cache(maxsize=1)
def textblob_polarity() -> dict[str, float]:
    """TextBlob's (pattern's) word polarities, -1..1, for words that carry any."""
    from textblob.en import sentiment as lexicon

    lexicon.load()
    polarities = {}
    for word, senses in lexicon.items():
        polarity = senses.get(None, next(iter(senses.values())))[0]
        if polarity:
            polarities[word.lower()] = float(polarity)
    return polarities
