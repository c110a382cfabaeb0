"""The spaCy pipeline geolib runs: blank English plus geolib's own components.

``get_nlp()`` builds (once) a blank English pipeline with

* ``geolib_sentences`` — sentence boundaries that never split inside a quotation;
* ``entity_ruler`` — actors (``geolib.actors``) and institutions
  (``geolib.extract.institutions``) as entities, extensible through their data files.

A trained pipeline (``get_nlp("en_core_web_sm")`` or env ``GEOLIB_SPACY_MODEL``) is
used when installed, with the same components added; it is never downloaded.
"""

from __future__ import annotations

import os
import re
import warnings
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from geolib.extract.marks import QuoteSpan, pair_quotes

MODEL_ENV = "GEOLIB_SPACY_MODEL"
QUOTES_KEY = "geolib_quotes"  # doc.user_data key holding the paragraph's QuoteSpans

# A sentence ends at . ! ? … (plus closing marks/brackets) before a space and a capital,
# digit or opening mark.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+(?=[A-Z0-9“\"‘«(\[])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|al)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)


def sentence_starts(text: str, quotes: list[QuoteSpan]) -> list[int]:
    """Character offsets where sentences start; never inside a quotation, never after
    an abbreviation or an initial."""
    inside = [(q.open_at, q.outer_end) for q in quotes]
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        at = match.end()
        if any(lo < at < hi for lo, hi in inside):
            continue
        if _ABBREVIATION.search(text[max(0, match.start() - 12) : match.start() + 1]):
            continue
        starts.append(at)
    return starts


@Language.component("geolib_sentences")
def geolib_sentences(doc: Doc) -> Doc:
    """Quote-aware sentence boundaries; also stores the paragraph's quotes on the doc."""
    quotes, left_open = pair_quotes(doc.text)
    doc.user_data[QUOTES_KEY] = (quotes, left_open)
    starts = set(sentence_starts(doc.text, quotes))
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc


def _add_geolib_components(nlp: Language) -> Language:
    from geolib.extract.institutions import entity_ruler_patterns as institution_patterns

    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("geolib_sentences", before=before) if before else nlp.add_pipe("geolib_sentences")
    ruler_config = {"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config=ruler_config)
    else:
        ruler = nlp.add_pipe("entity_ruler", config=ruler_config)
    patterns = list(institution_patterns())
    try:
        from geolib.actors import entity_ruler_patterns as actor_patterns

        patterns.extend(actor_patterns())
    except ImportError:  # actor data is optional for the pipeline
        pass
    ruler.add_patterns(patterns)
    return nlp


@lru_cache(maxsize=4)
def _build(model: str | None) -> Language:
    if model:
        try:
            nlp = spacy.load(model)
        except OSError:
            warnings.warn(
                f"spaCy pipeline {model!r} is not installed; using blank English (no download).",
                stacklevel=3,
            )
            nlp = spacy.blank("en")
    else:
        nlp = spacy.blank("en")
    return _add_geolib_components(nlp)


def get_nlp(model: str | None = None) -> Language:
    """The cached pipeline: ``model``, else env ``GEOLIB_SPACY_MODEL``, else blank English."""
    return _build(model or os.environ.get(MODEL_ENV) or None)


def doc_quotes(doc: Doc) -> tuple[list[QuoteSpan], bool]:
    """The quotes ``geolib_sentences`` found in ``doc`` (paired again if it did not run)."""
    if QUOTES_KEY not in doc.user_data:
        doc.user_data[QUOTES_KEY] = pair_quotes(doc.text)
    return doc.user_data[QUOTES_KEY]
