"""The one sentence splitter every stage uses.

A sentence ends at . ! ? … (plus closing marks and brackets) before a space and a capital,
a digit or an opening mark; never inside a quotation, never after an abbreviation or an
initial ("Mr. Putin", "U.S. officials", "J. Smith"). A rule rather than spaCy's
``sentencizer``: that one splits inside quotations and after every abbreviation, and the
quote reader needs a quoted sentence to stay whole.
"""

from __future__ import annotations

import bisect
import re

from geolib.text.dates import MONTH_ABBREVIATIONS
from geolib.text.marks import QuoteSpan, pair_quotes

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+(?=[A-Z0-9“\"‘«(\[]|''|``)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp"
    rf"|{'|'.join(MONTH_ABBREVIATIONS)}|approx|al)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
ABBREVIATION_LOOKBACK = 12  # characters before a full stop searched for an abbreviation


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
