"""A folder of raw articles as pandas tables, cached by each file's hash.

``load_corpus("data/raw")`` parses every article file (a bad one becomes a row of
``errors``, not a crash) and offers the tables ``articles``, ``paragraphs`` and
``errors`` at once, and the pipeline's tables (``quotes``, ``speakers``, ``figures``,
``checks``, ``stances``, ``frames``; see ``geolib.pipeline``) on first use, every stage
computed once per article.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from geolib import cache
from geolib.errors import ArticleError
from geolib.model import Article
from geolib.parse import parse_raw
from geolib.parse.manifest import MANIFEST_NAME, load_manifest
from geolib.paths import raw_dir
from geolib.pipeline import TABLES, Analysis, TableName, analyse
from geolib.search import as_date, outlet_matches, published_in, search_quotes, speaker_matches

# Files in a raw folder that are notes about the articles, not articles.
NOT_ARTICLES = {MANIFEST_NAME, "README.md", "README.txt", "NOTES.md"}
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


def article_files(paths: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Article files among ``paths``: files as given, folders searched recursively
    (hidden files and manifest/readme notes skipped), in name order."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and child.name not in NOT_ARTICLES and not any(
                    part.startswith(".") for part in relative
                ):
                    yield child
        else:
            yield path


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
        """Several tables, built in one pass over the articles (each stage once per article)."""
        names = list(names)
        missing = [n for n in names if n not in self._tables]
        if missing:
            rows: dict[str, list[dict]] = {n: [] for n in missing}
            for article in _progress(self.items, progress, "extracting"):
                analysis = self.analysis(article)
                for name in missing:
                    rows[name].extend(analysis.records(name))
            for name in missing:
                table = pd.DataFrame(rows[name])
                if self.speaker and "speaker" in table:
                    table = table[table["speaker"].map(lambda s: speaker_matches(s, self.speaker))]
                self._tables[name] = table.reset_index(drop=True)
        return {n: self._tables[n] for n in names}

    def search(self, text: str | None = None, **filters) -> pd.DataFrame:
        """Quotes and reported speech matching ``text`` and the filters of
        ``geolib.search.search_quotes`` (``speaker``, ``outlet``, ``since``, ``until``)."""
        return search_quotes(self.quotes, text, **filters)

    @property
    def quotes(self) -> pd.DataFrame:
        return self.table("quotes")

    @property
    def speakers(self) -> pd.DataFrame:
        return self.table("speakers")

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
