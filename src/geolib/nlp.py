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
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from geolib.extract.marks import QuoteSpan, pair_quotes

MODEL_ENV = "GEOLIB_SPACY_MODEL"
QUOTES_KEY = "geolib_quotes"  # doc.user_data key holding the paragraph's QuoteSpans
TEXT_KEY = "geolib_text"  # doc.user_data key holding the doc's text

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
    """Quote-aware sentence boundaries; also stores the paragraph's quotes on the doc.

    Boundaries are set with one array write (not token by token): this runs on every
    paragraph and must cost little next to the tokenizer."""
    text = doc_text(doc)
    quotes, left_open = pair_quotes(text)
    doc.user_data[QUOTES_KEY] = (quotes, left_open)
    if len(doc):
        token_starts = doc.to_array(IDX)
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[numpy.searchsorted(token_starts, sentence_starts(text, quotes))] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
    return doc


def make_docs(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Run the pipeline over ``texts``, handing each doc its text (``Doc.text`` rebuilds
    the string from tokens on every access, which costs as much as tokenizing)."""
    def tokenized() -> Iterator[Doc]:
        for text in texts:
            doc = nlp.make_doc(text)
            doc.user_data[TEXT_KEY] = text
            yield doc

    return nlp.pipe(tokenized())


def doc_text(doc: Doc) -> str:
    """The doc's text, from ``make_docs``' note when present."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, in order (fast: one array read)."""
    return doc.to_array(IDX).tolist()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges of the sentences ``geolib_sentences`` set."""
    if not len(doc):
        return []
    flags = doc.to_array(SENT_START)
    starts = [0, *(int(i) for i in numpy.flatnonzero(flags == 1) if i > 0)]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


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


def has_lazy_entities(nlp: Language) -> bool:
    """True for the blank pipeline: its EntityRuler may run on chosen sentences only
    (no statistical component needs entities from the start)."""
    return "entity_ruler" in nlp.pipe_names and not ({"ner", "parser", "tok2vec"} & set(nlp.pipe_names))


def annotate_entities(nlp: Language, doc: Doc, start: int, end: int) -> None:
    """Run the pipeline's EntityRuler over ``doc[start:end]`` only."""
    ruler = nlp.get_pipe("entity_ruler")
    ruler.set_annotations(doc, ruler.match(doc[start:end]))


@lru_cache(maxsize=4)
def _entity_labels(nlp: Language) -> dict[str, str]:
    ruler = nlp.get_pipe("entity_ruler")
    return {p["pattern"]: p["label"] for p in ruler.patterns if isinstance(p["pattern"], str)}


def entity_label(nlp: Language, name: str) -> str | None:
    """The EntityRuler's label for exactly this name ("Beijing" -> "GPE"), without a doc."""
    if "entity_ruler" not in nlp.pipe_names:
        return None
    return _entity_labels(nlp).get(name)


def doc_quotes(doc: Doc) -> tuple[list[QuoteSpan], bool]:
    """The quotes ``geolib_sentences`` found in ``doc`` (paired again if it did not run)."""
    if QUOTES_KEY not in doc.user_data:
        doc.user_data[QUOTES_KEY] = pair_quotes(doc_text(doc))
    return doc.user_data[QUOTES_KEY]
