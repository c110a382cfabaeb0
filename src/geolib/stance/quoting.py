"""The quotes stance and frames read: the fields they use, and finding them."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from geolib.model import Article


class QuoteLike(Protocol):
    """The fields of ``geolib.extract.quotes.Quote`` that stance and frames use."""

    quote_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    paragraph: int


def article_id(article: Article) -> str:
    """The raw file's stem."""
    return Path(article.file).stem


def get_quotes(article: Article, quotes: list | None) -> list:
    """``quotes`` as given, or the quotes extractor's output when None."""
    if quotes is not None:
        return quotes
    from geolib.extract.quotes import extract_quotes  # spaCy pipeline: load only when needed

    return extract_quotes(article)


def quote_at(quotes: list, paragraph: int, raw: int) -> QuoteLike | None:
    """The quote whose raw span holds offset ``raw``: a spoken quote over a bare term,
    the innermost when quotes nest."""
    holding = [q for q in quotes if q.start <= raw < q.end and q.paragraph <= paragraph]
    if not holding:
        return None
    return min(holding, key=lambda q: (q.kind == "term", q.end - q.start))
