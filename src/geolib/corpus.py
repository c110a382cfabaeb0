"""A folder of raw articles as pandas tables, cached by each file's hash.

``load_corpus("data/raw")`` parses every article file (a bad one becomes a row of
``errors``, not a crash) and offers the tables ``articles``, ``paragraphs`` and
``errors`` at once, and the pipeline's tables (``quotes``, ``speakers``, ``figures``,
``checks``, ``stances``, ``frames``; see ``geolib.pipeline``) on first use, every stage
computed once per article.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from geolib import cache
from geolib.errors import ArticleError
from geolib.files import article_files
from geolib.identity import speaker_ids
from geolib.model import Article
from geolib.parse import parse_raw
from geolib.parse.manifest import load_manifest
from geolib.paths import raw_dir
from geolib.pipeline import TABLES, Analysis, TableName, analyse
from geolib.search import as_date, outlet_matches, published_in, search_quotes, speaker_matches

SPEAKER_TABLES = frozenset({"speakers", "stances", "frames"})  # tables whose rows name a speaker
SPEAKER_COLUMNS = [
    "speaker_id", "speaker", "aliases", "kind", "role", "affiliation", "institution", "institution_country",
    "institution_type", "n_quotes", "n_articles", "articles", "outlets", "first_published", "last_published",
]
# Show a progress bar from this many files on.
PROGRESS_FROM = 20

ARTICLE_COLUMNS = [
    "article_id", "file", "title", "standfirst", "authors", "outlet", "section", "published",
    "published_precision", "published_text", "topics", "url", "format", "offsets_base",
    "n_paragraphs", "n_body", "n_captions", "n_dropped", "n_words", "sha256", "warnings",
]
PARAGRAPH_COLUMNS = ["article_id", "paragraph", "kind", "text", "start", "end"]
DROPPED_COLUMNS = ["article_id", "text", "start", "end", "reason"]
ERROR_COLUMNS = ["file", "problem"]




def parse_cached(path: Path) -> Article:
    """``read_article`` through the cache (keyed by content, manifest row and code)."""
    from geolib.reading import read_raw

    raw = read_raw(path)
    entry = load_manifest(path.parent).get(path.name)
    key = cache.cache_key(raw.sha256, entry, path.resolve())
    if (data := cache.load("articles", key)) is not None:
        article = cache.article_from_json(data)
        article.file = str(path)  # as this caller named it: the entry may come from another folder
        return article
    article = parse_raw(raw, entry)
    cache.store("articles", key, cache.article_to_json(article))
    return article


@dataclass
class Corpus:
    """Parsed articles and the tables built from them."""

    folder: Path
    items: list[Article]
    failures: list[tuple[str, str]] = field(default_factory=list)
    speaker: str | None = None  # when set: the quote-based tables keep only this speaker's rows
    _analyses: dict[str, Analysis] = field(default_factory=dict, repr=False)
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _ids: dict[str, tuple[str, str]] | None = field(default=None, repr=False)  # speaker -> (id, name)

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
        return pd.DataFrame([_article_row(a) for a in self.items], columns=ARTICLE_COLUMNS)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        rows = [
            {"article_id": a.id, "paragraph": i, **p.to_dict()}
            for a in self.items
            for i, p in enumerate(a.paragraphs)
        ]
        return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)

    @cached_property
    def dropped(self) -> pd.DataFrame:
        rows = [{"article_id": a.id, **d.to_dict()} for a in self.items for d in a.dropped]
        return pd.DataFrame(rows, columns=DROPPED_COLUMNS)

    @cached_property
    def errors(self) -> pd.DataFrame:
        return pd.DataFrame(self.failures, columns=ERROR_COLUMNS)

    def table(self, name: TableName) -> pd.DataFrame:
        """Table ``name`` (one of ``geolib.pipeline.TABLES``) over every article."""
        return self.tables([name])[name]

    def tables(self, names: Iterable[TableName] = TABLES, progress: bool | None = None
               ) -> dict[str, pd.DataFrame]:
        """Several tables, built in one pass over the articles (each stage once per article).

        A table with speakers gets each speaker's ``speaker_id`` across the corpus
        (``geolib.identity``: "Obama" and "Barack Obama" are one id)."""
        names = list(names)
        missing = [n for n in names if n not in self._tables]
        if any(n in SPEAKER_TABLES for n in missing) and "quotes" not in self._tables:
            missing.append("quotes")  # the speakers of every table are named from the quotes
        if missing:
            rows: dict[str, list[dict]] = {n: [] for n in missing}
            for article in _progress(self.items, progress, "extracting"):
                analysis = self.analysis(article)
                for name in missing:
                    rows[name].extend(analysis.records(name))
            for name in sorted(missing, key=lambda n: n != "quotes"):  # quotes first: they name the speakers
                table = self._with_speaker_ids(pd.DataFrame(rows[name]), pd.DataFrame(rows.get("quotes")))
                if self.speaker and "speaker" in table:
                    table = table[table["speaker"].map(lambda s: speaker_matches(s, self.speaker))]
                self._tables[name] = table.reset_index(drop=True)
        return {n: self._tables[n] for n in names}

    def _with_speaker_ids(self, table: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
        """``table`` with ``speaker_id`` canonical across the corpus, beside ``speaker``."""
        if "speaker" not in table or table.empty:
            return table
        if self._ids is None:
            quotes = quotes if not quotes.empty else self._tables.get("quotes", quotes)
            spoken = quotes.dropna(subset=["speaker"]) if "speaker" in quotes else quotes
            self._ids = speaker_ids((s, k, 1) for s, k in zip(spoken.get("speaker", []),
                                                                spoken.get("speaker_kind", []), strict=True))
        ids = table["speaker"].map(lambda s: self._ids.get(s, (None, None))[0] if isinstance(s, str)
                                   else None)
        table = table.drop(columns=["speaker_id"], errors="ignore")
        table.insert(list(table.columns).index("speaker") + 1, "speaker_id", ids)
        return table

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
        return people(self.table("speakers"), self._ids or {})

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
    folder: str | Path | None = None,
    *,
    include: Iterable[str] | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    speaker: str | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Parse every article under ``folder`` (default: the project's ``data/raw``).

    The filters choose articles: ``include`` (article ids), ``outlet`` (part of the outlet's
    name), ``since``/``until`` (publication dates, ISO or a year, both included; undated
    articles are left out when either is given) and ``speaker`` (articles quoting them; the
    tables built from quotes then keep only their rows). Files that cannot be read are
    listed in ``corpus.errors``; the rest go on.
    """
    folder = Path(folder) if folder is not None else raw_dir()
    files = list(article_files(folder))
    if include is not None:
        wanted = set(include)
        files = [f for f in files if f.stem in wanted]
    articles, failures = [], []
    for path in _progress(files, progress, "parsing articles"):
        try:
            articles.append(parse_cached(path))
        except ArticleError as error:
            failures.append((str(path), error.problem))
        except Exception as error:  # one odd file must not stop the corpus
            failures.append((str(path), f"unexpected {type(error).__name__}: {error}"))
    start, stop = as_date(since), as_date(until, end=True)
    articles = [a for a in articles if (outlet is None or outlet_matches(a.outlet, outlet))
                and published_in(a.published_iso, start, stop)]
    corpus = Corpus(folder, articles, failures)
    if speaker:
        quoted = set(corpus.search(speaker=speaker, kinds=("direct", "partial", "indirect"))["article_id"])
        corpus = Corpus(folder, [a for a in articles if a.id in quoted], failures, speaker,
                        corpus._analyses)
    return corpus


def _progress(items: list, progress: bool | None, label: str) -> Iterable:
    show = len(items) >= PROGRESS_FROM if progress is None else progress
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=label, unit="file", file=sys.stderr)


def _article_row(article: Article) -> dict:
    kinds = [p.kind for p in article.paragraphs]
    return {
        "article_id": article.id,
        "file": article.file,
        "title": article.title,
        "standfirst": article.standfirst,
        "authors": "; ".join(article.authors),
        "outlet": article.outlet,
        "section": article.section,
        "published": article.published_iso,
        "published_precision": article.published_precision,
        "published_text": article.published_text,
        "topics": "; ".join(article.topics),
        "url": article.url,
        "format": article.source_format,
        "offsets_base": article.offsets_base,
        "n_paragraphs": len(article.paragraphs),
        "n_body": kinds.count("body"),
        "n_captions": kinds.count("caption"),
        "n_dropped": len(article.dropped),
        "n_words": sum(len(p.text.split()) for p in article.body),
        "sha256": article.sha256,
        "warnings": "; ".join(article.warnings),
    }


def people(article_speakers: pd.DataFrame, ids: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The per-article speakers table folded to one row per ``speaker_id`` (see ``Corpus.speakers``)."""
    if article_speakers.empty:
        return pd.DataFrame(columns=SPEAKER_COLUMNS)
    rows = []
    for speaker_id, group in article_speakers.groupby("speaker_id", sort=False):
        fullest = max(group.itertuples(), key=lambda r: _title_weight(r.role, r.affiliation))
        names = list(dict.fromkeys(group["speaker"]))
        name = next((ids[n][1] for n in names if n in ids), names[0])
        dates = sorted(d for d in group.get("published", pd.Series(dtype=object)).dropna())
        rows.append({
            "speaker_id": speaker_id, "speaker": name, "aliases": [n for n in names if n != name],
            "kind": group["kind"].dropna().mode().iat[0] if group["kind"].notna().any() else None,
            "role": _none(fullest.role), "affiliation": _none(fullest.affiliation),
            "institution": _first(group["institution"]),
            "institution_country": _first(group["institution_country"]),
            "institution_type": _first(group["institution_type"]), "n_quotes": int(group["n_quotes"].sum()),
            "n_articles": group["article_id"].nunique(), "articles": list(dict.fromkeys(group["article_id"])),
            "outlets": sorted(set(group.get("outlet", pd.Series(dtype=object)).dropna())),
            "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
        })
    table = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
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
