"""The spaCy pipeline geolib runs: blank English plus geolib's own components.

``get_nlp()`` builds (once) a blank English pipeline with

* ``geolib_sentences`` — sentence boundaries that never split inside a quotation;
* ``entity_ruler`` — actors (``geolib.actors``) and institutions
  (``geolib.institutions``) as entities, extensible through their data files
  (spaCy's EntityRuler, made cheaper per call in ``geolib.ruler``).

A trained pipeline (``get_nlp("en_core_web_sm")`` or env ``GEOLIB_SPACY_MODEL``) is
used when installed, with the same components added; it is never downloaded.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import warnings
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from geolib.actors import entity_ruler_patterns as actor_patterns
from geolib.institutions import entity_ruler_patterns as institution_patterns
from geolib.paths import PACKAGE_DATA
from geolib.places import entity_ruler_patterns as place_patterns
from geolib.ruler import FACTORY as RULER_FACTORY
from geolib.text.marks import QuoteSpan, pair_quotes
from geolib.text.sentences import sentence_starts

MODEL_ENV = "GEOLIB_SPACY_MODEL"
QUOTES_KEY = "geolib_quotes"  # doc.user_data key holding the paragraph's QuoteSpans
TEXT_KEY = "geolib_text"  # doc.user_data key holding the doc's text
STARTS_KEY = "geolib_sentence_starts"  # doc.user_data key holding sentence start offsets

@Language.component("geolib_sentences")
def geolib_sentences(doc: Doc) -> Doc:
    """Quote-aware sentence boundaries; also stores the paragraph's quotes on the doc.

    Quotes and sentence starts come from ``make_doc`` when it found them before
    tokenizing. Boundaries are set with one array write (not token by token): this
    runs on every paragraph and must cost little next to the tokenizer."""
    text = doc_text(doc)
    if QUOTES_KEY not in doc.user_data:
        doc.user_data[QUOTES_KEY] = pair_quotes(text)
    quotes, _ = doc.user_data[QUOTES_KEY]
    starts = doc.user_data.get(STARTS_KEY) or sentence_starts(text, quotes)
    if len(doc):
        token_starts = doc.to_array(IDX)
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[numpy.searchsorted(token_starts, starts)] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
    return doc


LONG_RUN = 1000  # characters without a space: no word is this long, and spaCy's affix rules
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")  # take time quadratic in a token's length


def _long_runs_broken(text: str) -> str:
    """``text`` with a space put in every ``LONG_RUN`` characters of a run that has none
    (binary junk, a pasted blob), same length, so tokens keep their offsets."""
    if max(map(len, text.split()), default=0) <= LONG_RUN:  # (the regex would read a run of
        return text  # n characters n times over: quotes' masked text is made of such runs)
    def spaced(run: str) -> str:
        return "".join(c if (i + 1) % LONG_RUN else " " for i, c in enumerate(run))
    return _LONG_RUN.sub(lambda m: spaced(m.group()), text)


FILLER = "~"  # what a stand-in text puts in place of the characters nobody needs as tokens
# A run of filler between spaces, quotation marks or punctuation: one token however long
# ("~" splits only as a hyphen between letters, and is in no other affix rule).
_EDGE = r"\s\"'“”‘’«»„‚‹›()\[\].,;:!?"
_FILLER_RUN = re.compile(rf"(?<![^{_EDGE}]){re.escape(FILLER)}{{2,}}(?![^{_EDGE}])")


def _tokenized(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, faster for a text with long runs of filler: spaCy's suffix and
    infix rules scan a word's whole length, so a masked paragraph took as long to tokenize
    as its words. Each run is tokenized as one filler character, then widened back to its
    length; the tokens, their offsets and norms are those of tokenizing ``text`` itself."""
    runs = [m.span() for m in _FILLER_RUN.finditer(text)] if FILLER * 2 in text else []
    if not runs:
        return nlp.make_doc(text)
    short_text = _FILLER_RUN.sub(FILLER, text)
    short = nlp.make_doc(short_text)
    # where each run's one character stands in the short text, and the characters the runs
    # before it dropped: a boundary p of the short text is p + dropped[runs starting before p]
    lengths = numpy.array([b - a for a, b in runs])
    dropped = numpy.concatenate(([0], numpy.cumsum(lengths - 1)))
    stand_ins = numpy.array([a for a, _ in runs]) - dropped[:-1]
    starts, spaced = short.to_array(IDX).astype("int64"), short.to_array(SPACY).astype("int64")
    ends = numpy.append(starts[1:] - spaced[:-1], len(short_text) - spaced[-1])
    first = starts + dropped[numpy.searchsorted(stand_ins, starts)]
    last = ends + dropped[numpy.searchsorted(stand_ins, ends)]
    words = [text[a:b] for a, b in zip(first.tolist(), last.tolist(), strict=True)]
    doc = Doc(nlp.vocab, words=words, spaces=spaced.astype(bool).tolist())
    norms = short.to_array(NORM)  # a tokenizer exception's norm ("n't" -> "not"), kept
    widened = last - first != ends - starts
    norms[widened] = doc.to_array(NORM)[widened]
    doc.from_array([NORM], norms.reshape(-1, 1))
    return doc


def make_doc(
    nlp: Language,
    text: str,
    tokenize: str | None = None,
    quotes: tuple[list[QuoteSpan], bool] | None = None,
    starts: list[int] | None = None,
) -> Doc:
    """A tokenized doc of ``text``, not yet through the pipeline (pass it to ``nlp.pipe``).

    ``tokenize`` is a stand-in of the same length to tokenize instead (a masked
    text: tokens keep their offsets into ``text``); ``quotes`` and ``starts`` are
    the paragraph's quotes and sentence starts when already known. The doc keeps
    ``text`` (``Doc.text`` rebuilds the string from tokens on every access, which
    costs as much as tokenizing)."""
    if tokenize is not None and len(tokenize) != len(text):
        raise ValueError("the stand-in text must have the text's length")
    doc = _tokenized(nlp, _long_runs_broken(text if tokenize is None else tokenize))
    doc.user_data[TEXT_KEY] = text
    if quotes is not None:
        doc.user_data[QUOTES_KEY] = quotes
    if starts is not None:
        doc.user_data[STARTS_KEY] = starts
    return doc


def parse(
    nlp: Language,
    text: str,
    tokenize: str | None = None,
    quotes: tuple[list[QuoteSpan], bool] | None = None,
    starts: list[int] | None = None,
    limit: int | None = None,
) -> Doc:
    """``text`` through the pipeline (arguments as for ``make_doc``), in pieces when it is
    longer than spaCy's ``nlp.max_length`` (``limit``): the pieces end at a paragraph break,
    else a sentence start, else a space, and are joined back into one doc whose tokens keep
    their offsets into ``text``."""
    limit = limit or nlp.max_length
    if len(text) <= limit:
        return nlp(make_doc(nlp, text, tokenize, quotes, starts))
    if starts is None:
        quotes = quotes or pair_quotes(text)
        starts = sentence_starts(text, quotes[0])
    spans = quotes[0] if quotes else []
    pieces = []
    for a, b in _pieces(text, starts, limit):
        inside = [q.shifted(-a) for q in spans if a <= q.open_at and q.outer_end <= b]
        piece_starts = [s - a for s in starts[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]]
        pieces.append(make_doc(nlp, text[a:b], None if tokenize is None else tokenize[a:b],
                               (inside, False), piece_starts or [0]))
    done = list(nlp.pipe(pieces))
    for piece in done:
        piece.user_data.clear()  # the whole text's notes are set below
    doc = Doc.from_docs(done, ensure_whitespace=False)
    doc.user_data[TEXT_KEY] = text
    doc.user_data[QUOTES_KEY] = quotes if quotes is not None else pair_quotes(text)
    doc.user_data[STARTS_KEY] = starts
    return geolib_sentences(doc)  # a piece cut inside a sentence does not start one


def _pieces(text: str, starts: list[int], limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each at most ``limit`` long, cut
    after a paragraph break, else at a sentence start, else after a space."""
    out, a = [], 0
    while len(text) - a > limit:
        far = a + limit
        b = text.rfind("\n\n", a, far - 1) + 2
        if b < a + limit // 2:  # no paragraph break in the second half of the window
            n = bisect.bisect_right(starts, far) - 1
            b = starts[n] if n >= 0 and starts[n] > a + limit // 2 else text.rfind(" ", a, far) + 1
        if b <= a:
            b = far  # one word longer than the limit: cut inside it
        out.append((a, b))
        a = b
    out.append((a, len(text)))
    return out


def doc_text(doc: Doc) -> str:
    """The doc's text, from ``make_docs``' note when present."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, in order (fast: one array read)."""
    return doc.to_array(IDX).tolist()


def _add_geolib_components(nlp: Language) -> Language:
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("geolib_sentences", before=before) if before else nlp.add_pipe("geolib_sentences")
    ruler_config = {"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(RULER_FACTORY, name="entity_ruler", config=ruler_config, **where)
    patterns = list(place_patterns())  # first: the actor and institution data below take precedence
    patterns.extend(institution_patterns())
    patterns.extend(actor_patterns())
    ruler.add_patterns(patterns)
    return nlp


def _keep_title_abbreviations(nlp: Language) -> None:
    """One token for each title abbreviation ("Capt.", "Lt.", "Sgt."): spaCy's English
    exceptions keep "Gen." and "Sen." whole but split "Capt." into "Capt" and ".", which then
    reads as a name ("said Army Capt"). The list is the attribution data's own."""
    words = json.loads((PACKAGE_DATA / "attribution_patterns.json").read_text(encoding="utf-8"))
    for abbreviation in words["title_abbreviations"]:
        for form in {abbreviation, abbreviation.capitalize(), abbreviation.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


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
    _keep_title_abbreviations(nlp)
    return _add_geolib_components(nlp)


def get_nlp(model: str | None = None) -> Language:
    """The cached pipeline: ``model``, else env ``GEOLIB_SPACY_MODEL``, else blank English."""
    return _build(model or os.environ.get(MODEL_ENV) or None)


def tokenizes_sparingly(nlp: Language) -> bool:
    """True for the blank pipeline: no statistical component needs to see every word, so
    quote extraction may tokenize only the parts its rules read."""
    return not ({"ner", "parser", "tok2vec", "tagger", "transformer"} & set(nlp.pipe_names))


@lru_cache(maxsize=4)
def entity_labels(nlp: Language) -> dict[str, str]:
    """The EntityRuler's label for every exact name it knows ("Beijing" -> "GPE")."""
    if "entity_ruler" not in nlp.pipe_names:
        return {}
    ruler = nlp.get_pipe("entity_ruler")
    return {p["pattern"]: p["label"] for p in ruler.patterns if isinstance(p["pattern"], str)}
