"""The one sentence splitter every stage uses.

A sentence ends at . ! ? … (plus closing marks and brackets) before a space and a capital,
a digit or an opening mark; never inside a quotation, never after an abbreviation or an
initial ("Mr. Putin", "U.S. officials", "J. Smith"), and not after a quoted question or
exclamation whose attribution follows (“Why now?” Ana Ruiz asked.; “Why?” Ruiz, a trader,
asked.), nor after a quotation closing on a full stop whose short attribution ends the
sentence (“We won.” Ruiz said.).
A rule rather than spaCy's ``sentencizer``: that one splits inside quotations and after
every abbreviation, and the quote reader needs a quoted sentence to stay whole.
"""

from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache

from geolib.paths import PACKAGE_DATA
from geolib.text.dates import MONTH_ABBREVIATIONS
from geolib.text.marks import QuoteSpan, pair_quotes

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+(?=[A-Z0-9“\"‘«(\[]|''|``)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp"
    rf"|{'|'.join(MONTH_ABBREVIATIONS)}|approx|al)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
ABBREVIATION_LOOKBACK = 12  # characters before a full stop searched for an abbreviation
_QUOTED_ASK = re.compile(r"[?!]+[\"”’']")  # a quotation closing on a question or exclamation
_QUOTED_STOP = re.compile(r"\.[\"”’']")  # a quotation closing on a full stop ("...missing.” Trump said.)
_CLAUSE_STOP = re.compile(r"[.!?…“\"]")
CLOSING_WORDS = 3  # after a quotation closing on a full stop: "Trump said on Monday."
_NEXT_WORDS = re.compile(r"[^\s.!?…;:“”\"]+")
ATTRIBUTION_WORDS = 12  # an attribution after a quoted question names its speaker and verb in this many words
# A name and an aside set off by commas ("Hallam, a retired engineer, said."): the words before the verb.
_NAME_THEN_ASIDE = re.compile(r"(?:[A-Z][^\s,]*\s)*[A-Z][^\s,]*,\s[^,]+,$")


@lru_cache(maxsize=1)
def _reporting_forms() -> frozenset[str]:
    """Inflected reporting verbs ("asked", "says"), from the one list the quote reader uses."""
    verbs = json.loads((PACKAGE_DATA / "reporting_verbs.json").read_text(encoding="utf-8"))["verbs"]
    return frozenset(form for verb in verbs.values() for form in verb["forms"] if not form.endswith("ing"))


def _attribution_follows(text: str, at: int, closing: bool = False) -> bool:
    """The words after ``at`` are a short attribution ending its sentence ("Ana Ruiz asked.",
    "Mr. Quint told reporters."): a speaker's capitalised words, then a reporting verb. With
    ``closing`` (the quotation closed on a full stop) the verb must nearly end the sentence,
    at most ``CLOSING_WORDS`` words after it ("Trump said.", "Ruiz said on Monday.")."""
    tail = text[at : at + 400]
    stop = None
    for mark in _CLAUSE_STOP.finditer(tail):  # the full stop of "Mr." or "Sen." ends nothing
        if mark.group() != "." or not _ABBREVIATION.search(
                tail[max(0, mark.start() - ABBREVIATION_LOOKBACK) : mark.start() + 1]):
            stop = mark
            break
    clause = tail[: stop.start() if stop else len(tail)]
    words = _NEXT_WORDS.findall(clause)
    if not words or len(words) > ATTRIBUTION_WORDS or (stop and tail[stop.start()] in "“\""):
        return False
    forms = _reporting_forms()
    for n, word in enumerate(words):
        if word.rstrip(",") in forms:  # "Ruiz asked, repeating a charge"
            after = len(words) - n - 1
            named = n > 0 and all(w[:1].isupper() for w in words[:n])
            named = named or n > 0 and _NAME_THEN_ASIDE.match(" ".join(words[:n])) is not None
            return named and (not closing or after <= CLOSING_WORDS)
    return False


def sentence_starts(text: str, quotes: list[QuoteSpan] | None = None) -> list[int]:
    """Character offsets where the sentences of ``text`` start (the first is 0).

    ``quotes`` are the paragraph's paired quotations (``pair_quotes``), when already known."""
    if quotes is None:
        quotes, _ = pair_quotes(text)
    inside = [(q.open_at, q.outer_end) for q in quotes]
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        at = match.end()
        if inside and any(lo < at < hi for lo, hi in inside):
            continue
        if _ABBREVIATION.search(text[max(0, match.start() - ABBREVIATION_LOOKBACK) : match.start() + 1]):
            continue
        if _QUOTED_ASK.match(match.group()) and _attribution_follows(text, at):
            continue
        if _QUOTED_STOP.match(match.group()) and _attribution_follows(text, at, closing=True):
            continue
        starts.append(at)
    return starts


def sentence_spans(text: str, quotes: list[QuoteSpan] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, trailing whitespace excluded; empty ones dropped."""
    return spans_from_starts(text, sentence_starts(text, quotes))


def spans_from_starts(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Sentence spans from known sentence starts (see ``sentence_spans``)."""
    spans = []
    for start, stop in zip(starts, [*starts[1:], len(text)], strict=True):
        end = len(text[start:stop].rstrip()) + start
        if end > start:
            spans.append((start, end))
    return spans


def sentence_at(text: str, index: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """Bounds of the sentence of ``text`` holding character ``index``: the first sentence
    ending after it (whitespace between sentences belongs to the next), else the whole text."""
    spans = sentence_spans(text) if spans is None else spans
    n = bisect.bisect_right([end for _, end in spans], index)
    return spans[n] if n < len(spans) else (0, len(text))
