"""One article's stages, each computed at most once.

    Article -> segmentation -> quotes -> speakers
                            |         -> stances (take the quotes)
                            |         -> frames  (take the quotes)
                            -> figures -> checks (against the reference statistics)

``analyse(article)`` gives an ``Analysis``: each stage runs the first time it is asked
for, reads its inputs from the stages before it (never recomputing them), and keeps its
result. With ``cache=True`` every table's records are also read from and written to the
on-disk cache (``geolib.cache``), so a later run, or another process, does not redo them;
all but ``NOT_STORED``'s, made from another stage's records for less than a cache file
costs to write and read again.

The tables, one per stage that yields records: ``TABLES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Literal

from geolib import cache, reference
from geolib.checks import check_records
from geolib.extract.figures import Figure, extract_figures, figure_records
from geolib.extract.quotes import QUOTE_FIELDS, Quote, extract_quotes, quote_records, speaker_records
from geolib.model import Article
from geolib.segment import Segmentation, segment
from geolib.stance import frame_records, stance_records

TableName = Literal["quotes", "speakers", "figures", "checks", "stances", "frames"]
TABLES: tuple[TableName, ...] = ("quotes", "speakers", "figures", "checks", "stances", "frames")
# Tables whose records depend on the reference statistics as well as on the article.
USES_REFERENCE = frozenset({"figures", "checks"})
# Tables made from the records of the stage before them (speaker counts from the quotes, checks
# from the figures) in a fraction of a millisecond: never cached, as a file costs more to write.
NOT_STORED = frozenset({"speakers", "checks"})


@dataclass
class Analysis:
    """An article and its stages; ``records(table)`` gives one table's rows."""

    article: Article
    cache: bool = True
    _records: dict[str, list[dict]] = field(default_factory=dict, repr=False)

    # -- stages -----------------------------------------------------------------------
    @cached_property
    def reference_data(self) -> tuple[str, reference.Reference]:
        """The reference data's fingerprint and tables, looked up once for the article
        (not hashed again for each cache key and table)."""
        return reference.reference_state()

    @cached_property
    def segmentation(self) -> Segmentation:
        return segment(self.article)

    @cached_property
    def quotes(self) -> list[Quote]:
        known = self._stored("quotes")
        if known is not None:
            return [Quote(**record) for record in known]
        quotes = extract_quotes(self.article, self.segmentation)
        self._keep("quotes", quote_records(quotes))
        return quotes

    @cached_property
    def figures(self) -> list[Figure]:
        known = self._stored("figures")
        if known is not None:
            return [Figure(**record) for record in known]
        tables = self.reference_data[1]
        figures = extract_figures(self.article, self.segmentation, tables.rates, tables.events)
        self._keep("figures", figure_records(figures))
        return figures

    # -- tables -----------------------------------------------------------------------
    def records(self, table: TableName) -> list[dict]:
        """The article's records for ``table`` (see ``TABLES``), each with the article's
        ``outlet`` and ``published`` date beside its ``article_id``, so a table filters by
        them without a join."""
        if table not in STAGES:
            raise KeyError(f"no table {table!r}; the tables are {', '.join(TABLES)}")
        known = self._stored(table)
        if known is None:
            known = STAGES[table](self)
            if table not in self._records:  # quotes and figures keep theirs as they are made
                self._keep(table, known)
        return [self._with_provenance(record) for record in known]

    def _with_provenance(self, record: dict) -> dict:
        """``record`` with the article's outlet and publication date after ``article_id``
        (added on the way out: cached records hold only what the stage made)."""
        out = {}
        for key, value in record.items():
            out[key] = value
            if key == "article_id":
                out["outlet"], out["published"] = self.article.outlet, self.article.published_iso
        return out

    def _stored(self, table: str) -> list[dict] | None:
        """Records already made in this run, or found in the on-disk cache."""
        if table in self._records:
            return self._records[table]
        if not self.cache or table in NOT_STORED:
            return None
        found = cache.load(table, self._key(table), EXACT_RECORDS.get(table))
        if isinstance(found, list):
            self._records[table] = found
            return found
        return None

    def _keep(self, table: str, records: list[dict]) -> None:
        self._records[table] = records
        if self.cache and table not in NOT_STORED:
            cache.store(table, self._key(table), records)

    def _key(self, table: str) -> str:
        article = self.article
        parts: list[object] = [table, article.file, article.published_iso]
        if table in USES_REFERENCE:
            parts.append(self.reference_data[0])
        return cache.cache_key(article.sha256, *parts)


def _checks(a: Analysis) -> list[dict]:
    tables = a.reference_data[1]
    return check_records(a.figures, tables.trade, tables.rates)


STAGES: dict[str, Callable[[Analysis], list[dict]]] = {
    "quotes": lambda a: quote_records(a.quotes),
    "speakers": lambda a: speaker_records(a.article, a.quotes),
    "figures": lambda a: figure_records(a.figures),
    "checks": _checks,
    "stances": lambda a: stance_records(a.article, a.quotes, a.segmentation),
    "frames": lambda a: frame_records(a.article, a.quotes, a.segmentation),
}


# Quotes and figures are rebuilt as objects from their cached records: the records must have
# exactly the objects' fields (anything else is a miss, and the stage runs again).
EXACT_RECORDS = {
    "quotes": cache.exact_records(QUOTE_FIELDS),
    "figures": cache.exact_records(tuple(f.name for f in fields(Figure))),
}


def analyse(article: Article, cache: bool = True) -> Analysis:
    """The article's stages, computed on first use (``cache``: read and write the on-disk cache)."""
    return Analysis(article, cache)
