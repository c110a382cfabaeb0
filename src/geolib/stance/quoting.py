"""The quotes stance and frames read: the fields they use, and the quote at a place."""

from __future__ import annotations

from typing import Protocol


class QuoteLike(Protocol):
    """The fields of ``geolib.extract.quotes.Quote`` that stance and frames use."""

    quote_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    paragraph: int


def quote_at(quotes: list, paragraph: int, raw: int) -> QuoteLike | None:
    """The quote whose raw span holds offset ``raw``: a spoken quote over a bare term,
    the innermost when quotes nest."""
    holding = [q for q in quotes if q.start <= raw < q.end and q.paragraph <= paragraph]
    if not holding:
        return None
    return min(holding, key=lambda q: (q.kind == "term", q.end - q.start))
