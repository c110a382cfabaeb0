"""Sentiment word lists: geolib's diplomatic cues over VADER's general lexicon.

Libraries weighed (issue 22):
- VADER's lexicon (``vaderSentiment`` on PyPI ships ``vader_lexicon.txt``, MIT): used, read as
  a word list only; 7,500 hand-rated words are a far wider net than TextBlob's adjectives.
  VADER's sentence rules are not used: they score a whole sentence, not one target.
- TextBlob: the whole-quote baseline in the stance table (``records.py``); its adjective
  lexicon (pattern's ``en-sentiment.xml``, PDDL: polarity and subjectivity of 2,900
  adjectives) is read as a second word list, less the words the cues call neutral ("many",
  "more", "certainly", which it scores as praise). Cross-validation on NewsMTSC train: +0.003.
- asent (rule-based sentiment on spaCy): not used; its English lexicon is VADER's, and its
  negation and contrast rules need a dependency parse, which geolib's blank pipeline lacks.

``data/sentiment_cues.toml`` overrides the general lexicon where diplomacy reads words
differently ("foe", "hoodlums", "mutual trust", "unprecedented level") and lists words that
general lexicons wrongly take for praise or blame ("great" in "great power", "half").
"""

from __future__ import annotations

import importlib.util
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geolib.paths import PACKAGE_DATA
from geolib.text.words import word_forms

CUES_TOML = PACKAGE_DATA / "sentiment_cues.toml"
VADER_SCALE = 4.0  # VADER rates words -4..4; geolib's priors run -1..1


@dataclass(frozen=True)
class SentimentCues:
    """Word lists that steer target-dependent sentiment (see ``data/sentiment_cues.toml``)."""

    negators: frozenset[str]
    negation_window: int
    intensifiers: dict[str, float]
    contrast: frozenset[str]
    breaks: frozenset[str]
    reporting: dict[str, str]  # verb -> "neutral" | "negative" | "positive"
    phrases: dict[tuple[str, ...], float]  # geolib's cue phrases (one word or more) -> polarity
    general: dict[str, float]  # VADER's words -> polarity, less the neutral ones
    neutral: frozenset[tuple[str, ...]]  # words and phrases that carry no sentiment
    longest_phrase: int
    openers: frozenset[str]  # first words of the phrases of two words or more
    rated: dict[str, tuple[float, float]]  # TextBlob's adjectives -> (polarity, subjectivity)

    def general_prior(self, word: str) -> float | None:
        """VADER's polarity of ``word``, or of its stem when VADER or the cues list only
        the stem ("recklessly" -> "reckless", "wrecking" -> "wreck"); None when neither is."""
        found = self.general.get(word)
        if found is not None or len(word) < 5:
            return found
        for suffix, replacement in _SUFFIXES:
            if word.endswith(suffix):
                stem = word[: -len(suffix)] + replacement
                if (stem,) in self.neutral:
                    return None
                found = self.general.get(stem, self.phrases.get((stem,)))
                if found is not None:
                    return found
        return None


# Inflections tried, in order, to reach a word VADER lists ("wrecking" -> "wreck",
# "responsibly" -> "responsible").
_SUFFIXES = (("ly", ""), ("ly", "le"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
             ("s", ""), ("ness", ""))


def _inflections(word: str) -> tuple[str, ...]:
    """Regular forms of a phrase's first word: "stir" -> "stirs", "stirred", "stirring"...
    (a form that is no word is never met in text; irregular forms are listed as phrases)."""
    if len(word) < 3 or not word.isalpha() or word.endswith(("ed", "ing", "s")):
        return ()  # already a form of its own
    stem = word[:-1] if word.endswith("e") else word
    forms = {word + "s", word + "es", stem + "ed", stem + "ing", word + "d"}
    if word[-1] not in "aeiouywx" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "stir" -> "stirred"
    if word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return tuple(sorted(forms - {word}))


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(word_forms(text))


def load_cues(path: Path | None = None) -> SentimentCues:
    """Read a cues TOML file (default: the package's) over VADER's lexicon."""
    with open(path or CUES_TOML, "rb") as handle:
        data = tomllib.load(handle)
    reporting = {
        verb: tone for tone, verbs in data.get("reporting", {}).items() for verb in verbs
    }
    phrases: dict[tuple[str, ...], float] = {}
    for group in ("hostility", "praise", "evaluative"):
        for phrase, value in data.get(group, {}).items():
            words = _phrase(phrase)
            if len(words) > 1:  # a phrase's first word in its other forms ("stirs up")
                for form in _inflections(words[0]):
                    phrases.setdefault((form, *words[1:]), float(value))
            phrases[words] = float(value)
    neutral = frozenset(_phrase(p) for p in data.get("neutral", []))
    general = {
        word: value for word, value in vader_lexicon().items()
        if (word,) not in neutral and (word,) not in phrases
    }
    clauses = data.get("clauses", {})
    return SentimentCues(
        negators=frozenset(data.get("negators", [])),
        negation_window=int(data.get("negation_window", 4)),
        intensifiers={k: float(v) for k, v in data.get("intensifiers", {}).items()},
        contrast=frozenset(clauses.get("contrast", [])),
        breaks=frozenset(clauses.get("breaks", [])),
        reporting=reporting,
        phrases={p: v for p, v in phrases.items() if p},
        general=general,
        neutral=frozenset(p for p in neutral if p),
        longest_phrase=max((len(p) for p in [*phrases, *neutral]), default=1),
        openers=frozenset(p[0] for p in [*phrases, *neutral] if len(p) > 1),
        rated={w: r for w, r in adjective_ratings().items() if (w,) not in neutral},
    )


@lru_cache(maxsize=1)
def default_cues() -> SentimentCues:
    return load_cues()


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's single words (no emoticons) and their mean rating, scaled to -1..1."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    lexicon = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].replace("'", "").replace("-", "").isalpha():
            lexicon[parts[0].lower()] = float(parts[1]) / VADER_SCALE
    return lexicon


@lru_cache(maxsize=1)
def adjective_ratings() -> dict[str, tuple[float, float]]:
    """TextBlob's adjectives (pattern's lexicon): word -> (polarity -1..1, subjectivity
    0..1), each the mean over the word's senses; words rated 0 on both are left out."""
    # found, not imported: importing textblob loads NLTK, a second's work for one file
    package = importlib.util.find_spec("textblob").submodule_search_locations[0]
    text = (Path(package) / "en" / "en-sentiment.xml").read_bytes()
    senses: dict[str, list[tuple[float, float]]] = {}
    for word in ET.fromstring(text).iter("word"):
        form = word.get("form", "").lower()
        if form.replace("-", "").replace("'", "").isalpha():
            senses.setdefault(form, []).append(
                (float(word.get("polarity", 0)), float(word.get("subjectivity", 0))))
    ratings = {}
    for form, rated in senses.items():
        polarity = sum(r[0] for r in rated) / len(rated)
        subjectivity = sum(r[1] for r in rated) / len(rated)
        if polarity or subjectivity:
            ratings[form] = (polarity, subjectivity)
    return ratings
