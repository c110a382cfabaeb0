"""A corpus of raw articles as pandas tables, cached by each file's hash.

``load_corpus("data/raw")`` parses every article (a bad one becomes a row of ``errors``,
not a crash) and offers the tables ``articles``, ``paragraphs``, ``dropped`` and
``errors`` at once, and the pipeline's tables (``quotes``, ``speakers``, ``figures``,
``checks``, ``stances``, ``frames``; see ``geolib.pipeline``) on first use, every stage
computed once per article.

The work runs on Dask (``geolib.engine``): ``load_corpus(folder, scheduler=...)`` or
``load_corpus(folder, client=client)`` for a ``dask.distributed`` cluster. Paths may be
folders, files, globs, URLs (``s3://...``) and WARC archives (``geolib.sources``). For a
corpus too large for memory, ``corpus.dask_tables(names)`` gives Dask DataFrames that
compute on the cluster, each article's tables in one task.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path, PurePath
from typing import Any

import pandas as pd

from geolib.engine import Engine
from geolib.identity import speaker_ids
from geolib.model import Article
from geolib.output import (
    ARTICLE_COLUMNS,
    DROPPED_COLUMNS,
    ERROR_COLUMNS,
    PARAGRAPH_COLUMNS,
    SCHEMAS,
    article_rows,
    frame,
)
from geolib.paths import raw_dir
from geolib.pipeline import TABLES, Analysis, TableName, analyse
from geolib.search import as_date, outlet_matches, published_in, search_quotes, speaker_matches
from geolib.sources import NOT_ARTICLES, Source, article_files, find_sources, parse_cached

__all__ = [
    "ARTICLE_COLUMNS", "DROPPED_COLUMNS", "ERROR_COLUMNS", "NOT_ARTICLES", "PARAGRAPH_COLUMNS",
    "Corpus", "article_files", "load_corpus", "parse_cached",
]
# Show a progress bar from this many articles on.
PROGRESS_FROM = 20
SPEAKER_TABLES = frozenset({"speakers", "stances", "frames"})  # tables whose rows name a speaker



@dataclass
class Corpus:
    """Parsed articles and the tables built from them."""

    folder: Path
    items: list[Article]
    failures: list[tuple[str, str]] = field(default_factory=list)
    speaker: str | None = None  # when set: the quote-based tables keep only this speaker's rows
    _analyses: dict[str, Analysis] = field(default_factory=dict, repr=False)
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    engine: Engine = field(default_factory=Engine, repr=False)  # where the tables are computed
    progress: bool | None = None
    _ids: dict[str, tuple[str, str]] | None = field(default=None, repr=False)  # speaker -> (id, name)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut down the local cluster the corpus started, if any."""
        self.engine.close()

    def __getitem__(self, article_id: str) -> Article:
        for article in self.items:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def analysis(self, article: Article) -> Analysis:
        """The article's stages (each computed once, kept for the other tables)."""
        found = self._analyses.get(article.id)
        if found is None:
            found = self._analyses[article.id] = analyse(article)
        return found

    @cached_property
    def articles(self) -> pd.DataFrame:
        return pd.DataFrame(self._own_rows("articles"), columns=ARTICLE_COLUMNS)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        return pd.DataFrame(self._own_rows("paragraphs"), columns=PARAGRAPH_COLUMNS)

    @cached_property
    def dropped(self) -> pd.DataFrame:
        return pd.DataFrame(self._own_rows("dropped"), columns=DROPPED_COLUMNS)

    def _own_rows(self, table: str) -> list[dict]:
        return [row for a in self.items for row in article_rows(a, [table])[table]]

    @cached_property
    def errors(self) -> pd.DataFrame:
        return pd.DataFrame(self.failures, columns=ERROR_COLUMNS)

    def table(self, name: TableName) -> pd.DataFrame:
        """Table ``name`` (one of ``geolib.pipeline.TABLES``) over every article."""
        return self.tables([name])[name]

    def tables(self, names: Iterable[TableName] = TABLES, progress: bool | None = None
               ) -> dict[str, pd.DataFrame]:
        """Several tables, built in one pass over the articles on the corpus's engine (each
        article one task, all of ``names`` from one Analysis). A table with speakers gets each
        speaker's ``speaker_id`` across the corpus (``geolib.identity``: "Obama" and "Barack
        Obama" are one id)."""
        names = list(names)
        missing = [n for n in names if n not in self._tables]
        if any(n in SPEAKER_TABLES for n in missing) and "quotes" not in self._tables \
                and "quotes" not in missing:
            missing.append("quotes")  # the speakers of every table are named from the quotes
        if missing:
            rows: dict[str, list[dict]] = {n: [] for n in missing}
            if self.engine.kind(len(self.items)) == "synchronous":  # keep the analyses for reuse
                for article in _progress(self.items, _show(progress, self), "extracting"):
                    analysis = self.analysis(article)
                    for name in missing:
                        rows[name].extend(analysis.records(name))
            else:
                self.engine.progress = _show(progress, self)
                for result in self.engine.map(self.items, missing, label="extracting"):
                    if result.error is not None:
                        raise RuntimeError(f"{result.error[0]}: {result.error[1]}")
                    for name in missing:
                        rows[name].extend(result.rows[name])
            if "quotes" in missing:
                self._ids = None  # named afresh from all the quotes
            for name in sorted(missing, key=lambda n: n != "quotes"):  # quotes first: they name the speakers
                # an empty table keeps its columns, untyped like a filled one's
                table = pd.DataFrame(rows[name], columns=None if rows[name] else list(SCHEMAS[name]))
                self._tables[name] = _only_speaker(self._with_speaker_ids(table), self.speaker)
        return {n: self._tables[n] for n in names}

    def _with_speaker_ids(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with ``speaker_id`` canonical across the corpus, beside ``speaker``."""
        if "speaker" not in table:
            return table
        if table.empty:  # the same columns as a filled table's
            return table.assign(speaker_id=pd.Series(dtype=object))
        if self._ids is None:
            quotes = table if "speaker_kind" in table else self._tables["quotes"]
            spoken = quotes.dropna(subset=["speaker"])
            self._ids = speaker_ids(zip(spoken["speaker"], spoken["speaker_kind"], [1] * len(spoken),
                                        strict=True))
        ids = [self._ids.get(s, (None, None))[0] if isinstance(s, str) else None for s in table["speaker"]]
        return table.assign(speaker_id=ids)  # in place of the article's own id, or added at the end

    def dask_tables(self, names: Iterable[TableName] = TABLES) -> dict[str, Any]:
        """Tables as Dask DataFrames (lazy, nothing collected): one task per article gives
        all of ``names``, and computing several of them together (``dask.compute``, or
        ``to_parquet`` with ``compute=False``) runs each article once."""
        import dask
        import dask.dataframe as dd

        names = list(names)
        parts = self.engine.bag(self.items, names).to_delayed()
        to_frame = dask.delayed(_partition_frame, pure=True)
        return {name: dd.from_delayed([to_frame(part, name, self.speaker) for part in parts],
                                      meta=frame(name, []), verify_meta=False)
                for name in names}

    def dask_table(self, name: TableName) -> Any:
        """One table as a Dask DataFrame (see ``dask_tables``)."""
        return self.dask_tables([name])[name]

    def search(self, text: str | None = None, **filters) -> pd.DataFrame:
        """Quotes and reported speech matching ``text`` and the filters of
        ``geolib.search.search_quotes`` (``speaker``, ``outlet``, ``since``, ``until``)."""
        return search_quotes(self.quotes, text, **filters)

    @property
    def quotes(self) -> pd.DataFrame:
        return self.table("quotes")

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per speaker across the corpus (``speaker_id``): the name they go by, the
        other names they were written with, kind, the role and affiliation of their fullest
        mention, institution, quotes, articles, outlets and the span of publication dates.
        The per-article rows are ``corpus.table("speakers")``."""
        return people(self.table("speakers"))

    @property
    def figures(self) -> pd.DataFrame:
        return self.table("figures")

    @property
    def checks(self) -> pd.DataFrame:
        return self.table("checks")

    @property
    def stances(self) -> pd.DataFrame:
        return self.table("stances")

    @property
    def frames(self) -> pd.DataFrame:
        return self.table("frames")


def load_corpus(
    folder: str | Path | Iterable[str | Path] | None = None,
    *,
    include: Iterable[str] | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    speaker: str | None = None,
    progress: bool | None = None,
    scheduler: str | None = None,
    client: Any = None,
    jobs: int | None = None,
) -> Corpus:
    """Parse every article under ``folder`` (default: the project's ``data/raw``; also a
    list of paths, globs, URLs or WARC archives).

    The filters choose articles: ``include`` (article ids), ``outlet`` (part of the outlet's
    name), ``since``/``until`` (publication dates, ISO or a year, both included; undated
    articles are left out when either is given) and ``speaker`` (articles quoting them; the
    tables built from quotes then keep only their rows). Sources that cannot be read are
    listed in ``corpus.errors``; the rest go on.

    The work runs on Dask: ``scheduler`` is ``"synchronous"``, ``"threads"``,
    ``"processes"`` (``jobs`` local worker processes, one per CPU by default) or a
    ``dask.distributed`` scheduler's address; ``client`` a ``distributed.Client``. By
    default, this process for fewer than 16 articles and local processes from there on
    (``corpus.close()`` shuts them down).
    """
    folder = folder if folder is not None else raw_dir()
    found = find_sources(folder)
    sources: list[Source] = found.sources
    if include is not None:
        wanted = set(include)
        sources = [s for s in sources if _source_id(s) in wanted]
    engine = Engine(client if client is not None else scheduler, jobs=jobs)
    engine.progress = len(sources) >= PROGRESS_FROM if progress is None else progress
    articles, failures = [], list(found.problems)
    for result in engine.map(sources, [], keep_article=True, label="parsing articles"):
        if result.error is not None:
            failures.append(result.error)
        else:
            articles.append(result.article)
    start, stop = as_date(since), as_date(until, end=True)
    articles = [a for a in articles if (outlet is None or outlet_matches(a.outlet, outlet))
                and published_in(a.published_iso, start, stop)]
    base = Path(folder) if isinstance(folder, (str, Path)) else Path(".")
    corpus = Corpus(base, articles, failures, engine=engine, progress=progress)
    if speaker:
        quoted = set(corpus.search(speaker=speaker, kinds=("direct", "partial", "indirect"))["article_id"])
        corpus = Corpus(base, [a for a in articles if a.id in quoted], failures, speaker,
                        corpus._analyses, engine=engine, progress=progress)
    return corpus


def _source_id(source: Source) -> str:
    """The id the source's article will have (``Article.id``)."""
    name = PurePath(source.name).name
    return name if source.record is not None else PurePath(name).stem


def _partition_frame(results: list, table: str, speaker: str | None) -> pd.DataFrame:
    rows = [row for result in results if result.error is None for row in result.rows[table]]
    return _only_speaker(frame(table, rows), speaker)


def _only_speaker(table: pd.DataFrame, speaker: str | None) -> pd.DataFrame:
    """The rows of ``speaker`` (when given and the table has speakers), renumbered."""
    if speaker and "speaker" in table:
        table = table[table["speaker"].map(lambda s: isinstance(s, str) and speaker_matches(s, speaker))]
    return table.reset_index(drop=True)


def _show(progress: bool | None, corpus: Corpus) -> bool:
    if progress is not None:
        return progress
    if corpus.progress is not None:
        return corpus.progress
    return len(corpus.items) >= PROGRESS_FROM


def _progress(items: list, show: bool, label: str) -> Iterable:
    if not show:
        return items
    import sys

    from tqdm import tqdm

    return tqdm(items, desc=label, unit="article", file=sys.stderr)


def people(article_speakers: pd.DataFrame) -> pd.DataFrame:
    """The per-article speakers table folded to one row per person or body (see
    ``Corpus.speakers``), the names joined by ``geolib.identity``: within a corpus the
    rows' ``speaker_id`` already joins them; rows of separate runs (``geolib tables``
    writes one article at a time) are joined here."""
    if article_speakers.empty:
        return pd.DataFrame(columns=list(SCHEMAS["people"]))
    ids = speaker_ids(zip(article_speakers["speaker"], article_speakers["kind"], article_speakers["n_quotes"],
                          strict=True))
    keys = [ids[s][0] for s in article_speakers["speaker"]]
    rows = []
    for speaker_id, group in article_speakers.groupby(keys, sort=False):
        fullest = max(group.itertuples(), key=lambda r: _title_weight(r.role, r.affiliation))
        names = list(dict.fromkeys(group["speaker"]))
        name = ids[names[0]][1]
        dates = sorted(d for d in group.get("published", pd.Series(dtype=object)).dropna())
        rows.append({
            "speaker_id": speaker_id, "speaker": name, "aliases": [n for n in names if n != name],
            "alias_ids": sorted(set(group["speaker_id"].dropna()) - {speaker_id}),
            "kind": group["kind"].dropna().mode().iat[0] if group["kind"].notna().any() else None,
            "role": _none(fullest.role), "affiliation": _none(fullest.affiliation),
            "institution": _first(group["institution"]),
            "institution_country": _first(group["institution_country"]),
            "institution_type": _first(group["institution_type"]), "n_quotes": int(group["n_quotes"].sum()),
            "n_articles": group["article_id"].nunique(), "articles": list(dict.fromkeys(group["article_id"])),
            "outlets": sorted(set(group.get("outlet", pd.Series(dtype=object)).dropna())),
            "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
        })
    table = pd.DataFrame(rows, columns=list(SCHEMAS["people"]))
    table = table.sort_values(["n_quotes", "speaker"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def _title_weight(role: object, affiliation: object) -> tuple[int, int]:
    parts = [p for p in (role, affiliation) if isinstance(p, str) and p]
    return len(parts), sum(map(len, parts))


def _none(value: object) -> object:
    return value if isinstance(value, str) and value else None


def _first(values: pd.Series) -> object:
    present = values.dropna()
    return present.iat[0] if len(present) else None
