"""The corpus a notebook tells the story of: a folder, a selection of its articles, the
parameters checked before anything runs, and every table with its columns even when
it is empty.

    sel = load_selection(CORPUS, ARTICLES)   # stops with the valid ids if one is unknown
    sel.quotes, sel.figures, ...             # empty tables keep their columns
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from geolib.actors import actor_ids
from geolib.corpus import Corpus, article_files, load_corpus, people
from geolib.narrative import count, listing
from geolib.output import SCHEMAS
from geolib.paths import PACKAGE_DATA, project_root, raw_dir

# The columns of each table (geolib.output's schemas): an empty table gets them so that every
# selection, however small, can be grouped and filtered the same way.
TABLE_COLUMNS: dict[str, list[str]] = {
    name: list(SCHEMAS[name]) for name in ("quotes", "speakers", "figures", "checks", "stances", "frames")}
UNKNOWN_OUTLET = "outlet not recorded"
MAX_LISTED_IDS = 40  # an error lists at most this many valid ids, then says how many more


class ParameterError(ValueError):
    """A notebook parameter names something that does not exist; the message lists
    what does."""


# --- checking parameters -------------------------------------------------------------


def check_ids(kind: str, given: Iterable[str], valid: Sequence[str]) -> list[str]:
    """``given`` if every id is among ``valid``; else a ``ParameterError`` naming the
    unknown ids, the nearest valid ones and the valid ids."""
    given = list(given)
    unknown = [g for g in given if g not in set(valid)]
    if not unknown:
        return given
    hints = []
    for wrong in unknown:
        near = difflib.get_close_matches(str(wrong), [str(v) for v in valid], n=1, cutoff=0.6)
        if near:
            hints.append(f"{wrong!r} (did you mean {near[0]!r}?)")
        else:
            hints.append(repr(wrong))
    shown = list(valid)[:MAX_LISTED_IDS]
    more = len(valid) - len(shown)
    listed = ", ".join(map(str, shown)) + (f" and {more} more" if more > 0 else "")
    noun = kind if len(unknown) == 1 else f"{kind}s"
    raise ParameterError(f"unknown {noun} {listing(hints)}; valid {kind}s: {listed or 'none'}")


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def corpus_folder(corpus: str | Path | None) -> Path:
    """The corpus folder: ``corpus`` (relative paths are tried from the working folder,
    then from the project folder), or the project's ``data/raw``."""
    if corpus is None:
        return raw_dir()
    folder = Path(corpus).expanduser()
    if not folder.is_absolute() and not folder.exists():
        folder = project_root() / folder
    if not folder.is_dir():
        raise ParameterError(f"corpus folder {str(corpus)!r} does not exist or is not a folder")
    return folder


def article_ids(folder: str | Path) -> list[str]:
    """The id of every article file in ``folder`` (file name without its extension)."""
    return [path.stem for path in article_files(Path(folder))]


def check_articles(folder: str | Path, articles: str | Iterable[str] | None) -> list[str] | None:
    """The selected article ids, checked against the files in ``folder``; None means all."""
    wanted = _as_list(articles)
    if wanted is None:
        return None
    if not wanted:
        raise ParameterError("ARTICLES is an empty list: give article ids, or None for every article")
    return check_ids("article id", wanted, article_ids(folder))


def check_actors(actors: str | Iterable[str], *, at_least: int = 1) -> list[str]:
    """Actor ids checked against geolib's actor data."""
    chosen = _as_list(actors) or []
    if len(chosen) < at_least:
        raise ParameterError(f"give at least {at_least} actor ids; valid ones: {', '.join(actor_ids())}")
    return check_ids("actor", chosen, actor_ids())


@lru_cache(maxsize=1)
def claims() -> dict[str, str]:
    """Claim id -> the claim in words, from geolib's claims file."""
    with open(PACKAGE_DATA / "claims.toml", "rb") as handle:
        return {c["id"]: c.get("claim", c["id"]) for c in tomllib.load(handle).get("claims", [])}


@lru_cache(maxsize=1)
def frames() -> dict[str, str]:
    """Frame id -> its description, from geolib's frames file."""
    with open(PACKAGE_DATA / "frames.toml", "rb") as handle:
        return {f["id"]: f.get("description", f["id"]) for f in tomllib.load(handle).get("frames", [])}


def check_claim(claim: str) -> str:
    return check_ids("claim id", [claim], list(claims()))[0]


def check_frame(frame: str) -> str:
    return check_ids("frame id", [frame], list(frames()))[0]


# --- the selection ----------------------------------------------------------------------


def with_columns(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """``table`` with at least the known columns of table ``name`` (missing ones empty)."""
    known = TABLE_COLUMNS.get(name, [])
    missing = [c for c in known if c not in table.columns]
    if not missing:
        return table
    if table.empty:
        return pd.DataFrame(columns=[*known, *[c for c in table.columns if c not in known]])
    return table.assign(**{c: pd.NA for c in missing})


@dataclass
class Selection:
    """The articles a notebook looks at and their tables."""

    folder: Path
    article_ids: list[str] | None  # None: every article in the folder
    corpus: Corpus = field(repr=False)

    def _table(self, name: str) -> pd.DataFrame:
        return self._by_person(with_columns(self.corpus.table(name), name))

    @cached_property
    def _person_names(self) -> dict[str, str]:
        """``speaker_id`` -> the name the corpus knows that person or body by (``Corpus.speakers``)."""
        people = self.corpus.speakers
        return dict(zip(people["speaker_id"], people["speaker"], strict=True)) if len(people) else {}

    def _by_person(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with each speaker under the one name the corpus gives them, so that every
        count and chart takes "Joe Biden" and "Joseph R. Biden" as one voice (the article's own
        words for them stay in ``speaker_mention`` where the table has it)."""
        if table.empty or "speaker_id" not in table or "speaker" not in table:
            return table
        names = self._person_names
        return table.assign(speaker=[names.get(i, s) if isinstance(i, str) else s
                                     for i, s in zip(table["speaker_id"], table["speaker"], strict=True)])

    @cached_property
    def articles(self) -> pd.DataFrame:
        table = self.corpus.articles.copy()
        table["outlet"] = table["outlet"].fillna(UNKNOWN_OUTLET)
        table["published_year"] = pd.to_numeric(table["published"].str[:4], errors="coerce").astype("Int64")
        return table

    @property
    def paragraphs(self) -> pd.DataFrame:
        return self.corpus.paragraphs

    @property
    def dropped(self) -> pd.DataFrame:
        return self.corpus.dropped

    @property
    def errors(self) -> pd.DataFrame:
        return self.corpus.errors

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self._table("quotes")

    @cached_property
    def speakers(self) -> pd.DataFrame:
        return self._table("speakers")

    @cached_property
    def figures(self) -> pd.DataFrame:
        return self._table("figures")

    @cached_property
    def checks(self) -> pd.DataFrame:
        return self._table("checks")

    @cached_property
    def stances(self) -> pd.DataFrame:
        return self._table("stances")

    @cached_property
    def frames(self) -> pd.DataFrame:
        return self._table("frames")

    @property
    def n_articles(self) -> int:
        return len(self.articles)

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame], folder: str | Path = "tables") -> Selection:
        """A selection over tables already built (another process, a test's synthetic
        corpus): ``articles`` and any of the extraction tables."""
        return cls(folder=Path(folder), article_ids=None, corpus=_Tables(tables))

    @property
    def outlets(self) -> list[str]:
        return sorted(self.articles["outlet"].unique())

    def described(self) -> str:
        """ "2 articles from Financial Times and GZERO Media", "202 articles from 3 outlets"."""
        return describe_articles(self.articles)

    def with_articles(self, table: pd.DataFrame,
                      columns: Sequence[str] = ("outlet", "published_year")) -> pd.DataFrame:
        """``table`` joined on ``article_id`` with the articles' ``columns`` (outlet, year of
        publication (``published_year``), ...)."""
        return with_article_columns(table, self.articles, columns)


class _Tables:
    """The part of ``Corpus`` a selection reads, over tables given as they are."""

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        self.tables = tables
        self.items: list = []
        self.failures: list[tuple[str, str]] = []

    def table(self, name: str) -> pd.DataFrame:
        return self.tables.get(name, pd.DataFrame())

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per person or body, as ``Corpus.speakers`` gives it."""
        table = with_columns(self.table("speakers"), "speakers")
        return people(table[table["speaker"].notna()])

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in ("articles", "paragraphs", "dropped", "errors"):
            return self.tables.get(name, pd.DataFrame())
        raise AttributeError(name)


def describe_articles(articles: pd.DataFrame, max_named: int = 3) -> str:
    outlets = sorted(articles["outlet"].fillna(UNKNOWN_OUTLET).unique())
    where = listing(outlets) if len(outlets) <= max_named else count(len(outlets), "outlet")
    return f"{count(len(articles), 'article')} from {where}" if outlets else "no articles"


def with_article_columns(table: pd.DataFrame, articles: pd.DataFrame,
                         columns: Sequence[str] = ("outlet", "published_year")) -> pd.DataFrame:
    """``table`` with the articles' ``columns`` joined on ``article_id``."""
    columns = list(columns)
    left = table.drop(columns=[c for c in columns if c in table.columns])
    right = articles[["article_id", *columns]].drop_duplicates("article_id")
    return left.merge(right, on="article_id", how="left", validate="many_to_one")


def load_selection(corpus: str | Path | None = None, articles: str | Iterable[str] | None = None,
                   *, progress: bool = False) -> Selection:
    """Check the corpus folder and article ids, then load the selection."""
    folder = corpus_folder(corpus)
    ids = check_articles(folder, articles)
    loaded = load_corpus(folder, include=ids, progress=progress)
    return Selection(folder=folder, article_ids=ids, corpus=loaded)
