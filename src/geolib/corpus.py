"""A folder of raw articles as pandas tables, cached by each file's hash.

``load_corpus("data/raw")`` parses every article file (a bad one becomes a row of
``errors``, not a crash) and offers the tables ``articles``, ``paragraphs`` and
``errors`` at once, and ``quotes``, ``speakers``, ``figures``, ``stances`` and
``frames`` on first use.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from geolib import cache
from geolib.errors import ArticleError
from geolib.files import article_files
from geolib.model import Article
from geolib.parse import parse_raw
from geolib.parse.manifest import load_manifest
from geolib.paths import raw_dir

# Extraction tables: name -> "module:function" taking an Article, returning records.
TABLES: dict[str, str] = {
    "quotes": "geolib.extract.quotes:quote_records",
    "speakers": "geolib.extract.quotes:speaker_records",
    "figures": "geolib.extract.figures:figure_records",
    "stances": "geolib.stance:stance_records",
    "frames": "geolib.stance:frame_records",
}
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


def article_id(article: Article) -> str:
    """An article's id: its raw file's name without the extension."""
    return Path(article.file).stem


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


def table_function(name: str) -> Callable[[Article], list[dict]]:
    """The function behind an extraction table."""
    module_name, function_name = TABLES[name].split(":")
    return getattr(importlib.import_module(module_name), function_name)


def records_cached(name: str, article: Article) -> list[dict]:
    """One article's records for table ``name``, through the cache."""
    key = cache.cache_key(article.sha256, name, article.file, article.published_iso)
    if (records := cache.load(name, key)) is not None:
        return records
    records = table_function(name)(article)
    cache.store(name, key, records)
    return records


@dataclass
class Corpus:
    """Parsed articles and the tables built from them."""

    folder: Path
    items: list[Article]
    failures: list[tuple[str, str]] = field(default_factory=list)

    def __getitem__(self, article_id_: str) -> Article:
        for article in self.items:
            if article_id(article) == article_id_:
                return article
        raise KeyError(article_id_)

    @cached_property
    def articles(self) -> pd.DataFrame:
        return pd.DataFrame([_article_row(a) for a in self.items], columns=ARTICLE_COLUMNS)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        rows = [
            {"article_id": article_id(a), "paragraph": i, **p.to_dict()}
            for a in self.items
            for i, p in enumerate(a.paragraphs)
        ]
        return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)

    @cached_property
    def dropped(self) -> pd.DataFrame:
        rows = [{"article_id": article_id(a), **d.to_dict()} for a in self.items for d in a.dropped]
        return pd.DataFrame(rows, columns=DROPPED_COLUMNS)

    @cached_property
    def errors(self) -> pd.DataFrame:
        return pd.DataFrame(self.failures, columns=ERROR_COLUMNS)

    def table(self, name: str) -> pd.DataFrame:
        """Extraction table ``name`` (see TABLES) over every article."""
        if name not in self.__dict__.setdefault("_tables", {}):
            rows = [row for a in self.items for row in records_cached(name, a)]
            self.__dict__["_tables"][name] = pd.DataFrame(rows)
        return self.__dict__["_tables"][name]

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
    def stances(self) -> pd.DataFrame:
        return self.table("stances")

    @property
    def frames(self) -> pd.DataFrame:
        return self.table("frames")


def load_corpus(
    folder: str | Path | None = None,
    *,
    include: Iterable[str] | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Parse every article under ``folder`` (default: the project's ``data/raw``),
    only the ids in ``include`` if given.

    Files that cannot be read are listed in ``corpus.errors``; the rest go on.
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
    return Corpus(folder, articles, failures)


def _progress(items: list, progress: bool | None, label: str) -> Iterable:
    show = len(items) >= PROGRESS_FROM if progress is None else progress
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=label, unit="file", file=sys.stderr)


def _article_row(article: Article) -> dict:
    kinds = [p.kind for p in article.paragraphs]
    return {
        "article_id": article_id(article),
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
