"""Finding what was said: quotes and reported speech by words, speaker, outlet and date.

``search_quotes(quotes, "reverse Nixon", speaker="Putin", since="2025-01-01")`` filters a
quotes table (``Corpus.quotes``, or ``Corpus.search`` for short). The same tests filter a
whole corpus in ``load_corpus(..., outlet=, since=, until=, speaker=)``.

Words match whole words, case- and accent-insensitively, in any order; a query in double
quotation marks matches as a phrase. A speaker matches by their full name, or by words of it
in order ("Putin", "Vladimir Putin", "putin"). A date filter keeps rows whose publication
date is known and in range (a date known only to the year is in range when its year is).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pandas as pd

SPOKEN_KINDS = ("direct", "partial", "indirect")  # a bare "term" has no speaker
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case, without accents, curly quotes straightened: what a match compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def text_matches(text: str, query: str) -> bool:
    """Do ``text``'s words hold the query's words (all of them, or the phrase when the query
    is set in double quotation marks)?"""
    stripped = query.strip()
    if len(stripped) > 1 and stripped[0] in "\"“" and stripped[-1] in "\"”":
        phrase = " ".join(_words(stripped))
        return bool(phrase) and f" {phrase} " in f" {' '.join(_words(text))} "
    return set(_words(stripped)) <= set(_words(text))


def speaker_matches(speaker: object, query: str) -> bool:
    """Is ``speaker`` the person ``query`` names (the full name, or words of it in order)?"""
    if not isinstance(speaker, str) or not speaker:
        return False
    wanted, words = _words(query), _words(speaker)
    if not wanted:
        return False
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def outlet_matches(outlet: object, query: str) -> bool:
    """Does the outlet's name hold ``query`` ("FT" matches "FT", "gzero" matches "GZERO Media")?"""
    return isinstance(outlet, str) and fold(query.strip()) in fold(outlet)


def as_date(value: str | date | None, *, end: bool = False) -> date | None:
    """An ISO date, a year ("2025": its first day, or its last with ``end``) or a date."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    return date.fromisoformat(text)


def published_in(published: object, since: date | None, until: date | None) -> bool:
    """Is an ISO publication date (or a bare year) within ``since``..``until``, both included?"""
    if since is None and until is None:
        return True
    if not isinstance(published, str) or not published:
        return False
    first, last = as_date(published), as_date(published, end=True)
    return (since is None or last >= since) and (until is None or first <= until)


def search_quotes(
    quotes: pd.DataFrame,
    text: str | None = None,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    kinds: tuple[str, ...] = SPOKEN_KINDS,
) -> pd.DataFrame:
    """The rows of a quotes table that match every filter given, in table order."""
    if quotes.empty:
        return quotes
    start, stop = as_date(since), as_date(until, end=True)
    keep = quotes["kind"].isin(kinds)
    if text:
        keep &= quotes["text"].map(lambda t: isinstance(t, str) and text_matches(t, text))
    if speaker:
        keep &= quotes["speaker"].map(lambda s: speaker_matches(s, speaker))
    if outlet:
        keep &= quotes["outlet"].map(lambda o: outlet_matches(o, outlet))
    if start is not None or stop is not None:
        keep &= quotes["published"].map(lambda p: published_in(p, start, stop))
    return quotes[keep]
