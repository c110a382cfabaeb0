"""The corpus tables as files: their columns and types, an article's own rows, and writers.

Every table has one schema (``SCHEMAS``: column -> type), so a table has the same columns
and types in every file and partition, and an empty table still has them. Types:
``str``, ``int``, ``float``, ``list`` (a list of strings: a figure's parties, a stance's
cues) and ``json`` (nested records, such as a check's ``sources``: JSON text in CSV and
Parquet, JSON in JSON lines).

Three formats, each written while the articles stream in (nothing is collected first):

* ``csv``: one file per table, lists as JSON strings (``["Russia", "China"]``);
* ``jsonl``: one JSON object per line, lists as JSON arrays;
* ``parquet``: one folder per table, a Hive-partitioned dataset
  (``quotes/outlet=Financial%20Times/published_year=2025/part-0-0.parquet``, written with
  pyarrow; folder names URI-encoded); lists stay lists (Arrow ``list<string>``). The
  partition keys ``outlet`` and ``published_year`` are those of the article a row belongs
  to (``year`` would clash with a figure's own year), so ``pandas.read_parquet(folder)`` or
  ``dask.dataframe.read_parquet(folder)`` gives them as columns of every table. An unknown
  outlet is ``UNKNOWN_OUTLET`` and an unknown year ``0`` (pyarrow and Dask cannot read a
  null partition back). An empty table is one file with the schema.

``TableFiles`` writes into a staging folder and moves each table into place only when
the run finishes, so a failed run leaves the previous tables as they were.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from geolib.model import Article
from geolib.pipeline import TABLES
from geolib.tableio import safe_cell

FORMATS = ("csv", "jsonl", "parquet")
# The article's own tables, made from the parsed article; ``errors`` names what could not be read.
ARTICLE_TABLES = ("articles", "paragraphs", "dropped")
ALL_TABLES = (*ARTICLE_TABLES, "errors", *TABLES, "people")
PARTITION_KEYS = ("outlet", "published_year")  # of the article a row belongs to
UNKNOWN_OUTLET, UNKNOWN_YEAR = "unknown", 0


def _columns(spec: str) -> dict[str, str]:
    """``"a b:int c:list"`` -> ``{"a": "str", "b": "int", "c": "list"}``."""
    return dict((word.split(":") + ["str"])[:2] for word in spec.split())


SCHEMAS: dict[str, dict[str, str]] = {
    "articles": _columns(
        "article_id file title standfirst authors outlet section published published_precision "
        "published_text topics url format offsets_base n_paragraphs:int n_body:int n_captions:int "
        "n_dropped:int n_words:int sha256 warnings"),
    "paragraphs": _columns("article_id paragraph:int kind text start:int end:int"),
    "dropped": _columns("article_id text start:int end:int reason"),
    "errors": _columns("file problem"),
    "quotes": _columns(
        "file article_id outlet published quote_id start:int end:int text kind speaker "
        "speaker_mention role affiliation cue paragraph:int rule speaker_id speaker_kind confidence:float"),
    "speakers": _columns(
        "file article_id outlet published speaker speaker_id kind role affiliation institution "
        "institution_country institution_type n_quotes:int"),
    "people": _columns(  # one row per speaker across the corpus (Corpus.speakers)
        "speaker_id speaker aliases:list alias_ids:list kind role affiliation institution "
        "institution_country institution_type n_quotes:int n_articles:int articles:list outlets:list "
        "first_published last_published"),
    "figures": _columns(
        "file article_id outlet published figure_id start:int end:int text kind value:float "
        "value_low:float value_high:float currency scale:float unit value_usd_bn:float "
        "usd_rate_year:int year:int year_text parties:list measure flow direction qualifiers:list "
        "bound sentence paragraph:int year_basis implied_parties:list"),
    "checks": _columns(
        "file article_id outlet published figure_id verdict checked_against source gap_bn:float "
        "gap_pct:float gap_currency tolerance explanation reference:list sources:json"),
    "stances": _columns(
        "file article_id outlet published quote_id speaker paragraph:int quote_kind aspect target "
        "claim label score:float confidence:float cues:list textblob_polarity:float "
        "textblob_subjectivity:float hedging:float hedging_cues:list"),
    "frames": _columns(
        "file article_id outlet published frame text start:int end:int paragraph:int voice use "
        "cues:list speaker quote_id"),
}
ARTICLE_COLUMNS = list(SCHEMAS["articles"])
PARAGRAPH_COLUMNS = list(SCHEMAS["paragraphs"])
DROPPED_COLUMNS = list(SCHEMAS["dropped"])
ERROR_COLUMNS = list(SCHEMAS["errors"])


# -- an article's own rows ---------------------------------------------------------------
def article_rows(article: Article, tables: Iterable[str] = ARTICLE_TABLES) -> dict[str, list[dict]]:
    """The rows the article itself gives: ``articles`` (one), ``paragraphs``, ``dropped``."""
    makers = {
        "articles": lambda: [article_row(article)],
        "paragraphs": lambda: [{"article_id": article.id, "paragraph": i, **p.to_dict()}
                               for i, p in enumerate(article.paragraphs)],
        "dropped": lambda: [{"article_id": article.id, **d.to_dict()} for d in article.dropped],
    }
    return {name: makers[name]() for name in tables if name in makers}


def article_row(article: Article) -> dict:
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


def partition_of(article: Article | None) -> tuple[str | None, int | None]:
    """The article's ``(outlet, year)``: where its rows go in a partitioned dataset."""
    if article is None:
        return None, None
    return article.outlet, article.published.year if article.published else None


# -- columns and types -------------------------------------------------------------------
def columns(table: str, rows: Iterable[dict] = ()) -> dict[str, str]:
    """The table's declared columns, then any column the rows hold beyond them (its type
    read from the values, so a new extractor column is written, not dropped)."""
    declared = dict(SCHEMAS.get(table, {}))
    for row in rows:
        for name, value in row.items():
            if name not in declared:
                declared[name] = _type_of(value)
    return declared


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "str"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, (list, tuple)):
        return "list" if all(isinstance(v, str) for v in value) else "json"
    if isinstance(value, dict):
        return "json"
    return "str"


def csv_cell(value: object) -> object:
    """A value as a CSV cell: lists and dicts as JSON strings, and no text a spreadsheet
    would run as a formula (``geolib.tableio.safe_cell``)."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return safe_cell(value)


def frame(table: str, rows: list[dict]):
    """Rows as a pandas DataFrame of the table's columns, each of one dtype whatever the
    rows hold (``Int64`` for integers, so a missing value keeps an integer column integer;
    Arrow strings and lists of strings): the partitions of a Dask DataFrame agree with each
    other and with ``frame(table, [])``, its ``meta``."""
    import pandas as pd
    import pyarrow as pa

    # Arrow strings and lists: what Dask would turn plain object columns into (lists to text)
    dtypes = {"str": pd.StringDtype("pyarrow"), "int": "Int64", "float": "float64",
              "list": pd.ArrowDtype(pa.list_(pa.string())), "json": pd.StringDtype("pyarrow")}
    kinds = SCHEMAS[table]
    data = pd.DataFrame([_conform(row, kinds) for row in rows], columns=list(kinds))
    return data.astype({name: dtypes[kind] for name, kind in kinds.items()})


def arrow_schema(kinds: dict[str, str], partitioned: bool = True):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string()),
             "json": pa.string()}
    fields = [pa.field(name, types[kind]) for name, kind in kinds.items() if name not in PARTITION_KEYS]
    if partitioned:
        fields += _partition_fields()
    return pa.schema(fields)


def _partition_fields() -> list:
    import pyarrow as pa

    return [pa.field("outlet", pa.string()), pa.field("published_year", pa.int32())]


def _conform(row: dict, kinds: dict[str, str]) -> dict:
    """A row with every column of the schema, each value of its column's type (pyarrow
    refuses ``3`` in a float column or a float in a string one)."""
    out = {}
    for name, kind in kinds.items():
        value = row.get(name)
        if value is not None:
            if kind == "float" and not isinstance(value, float):
                value = float(value)
            elif kind == "str" and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False, default=str) if isinstance(
                    value, (list, dict)) else str(value)
            elif kind == "list":
                value = [str(v) for v in value]
            elif kind == "json":
                value = json.dumps(value, ensure_ascii=False, default=str)
        out[name] = value
    return out


# -- writers -----------------------------------------------------------------------------
class RecordStream:
    """One table's records to an open text stream (stdout) as CSV or JSON lines."""

    def __init__(self, table: str, fmt: str, handle: IO[str] | None = None) -> None:
        if fmt not in ("csv", "jsonl"):
            raise ValueError(f"a stream is CSV or JSON lines, not {fmt!r}")
        self.table, self.fmt = table, fmt
        self.handle = handle if handle is not None else sys.stdout
        self._csv: csv.DictWriter | None = None
        self.rows = 0

    def write(self, rows: list[dict]) -> None:
        if self.fmt == "jsonl":
            for row in rows:
                self.handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            if self._csv is None:
                self._start_csv(rows)
            for row in rows:
                self._csv.writerow({k: csv_cell(v) for k, v in row.items()})
        self.rows += len(rows)

    def close(self) -> None:
        if self.fmt == "csv" and self._csv is None and columns(self.table):
            self._start_csv([])  # an empty table is a header alone

    def _start_csv(self, rows: list[dict]) -> None:
        self._csv = csv.DictWriter(self.handle, fieldnames=list(columns(self.table, rows[:50])),
                                   extrasaction="ignore", lineterminator="\n")
        self._csv.writeheader()


class _ParquetTable:
    """One table as a Hive-partitioned Parquet dataset, written a batch of rows at a time."""

    FLUSH_ROWS = 20_000  # rows kept before a batch is written: memory stays flat

    def __init__(self, table: str, folder: Path) -> None:
        self.table, self.folder = table, folder
        self.kinds: dict[str, str] | None = None
        self.buffer: list[dict] = []
        self.batches = 0
        self.rows = 0

    def write(self, rows: list[dict], outlet: str | None, year: int | None) -> None:
        if self.kinds is None and rows:
            self.kinds = columns(self.table, rows[:50])  # fixed from the first rows on
        for row in rows:
            self.buffer.append({**_conform(row, self.kinds), "outlet": outlet or UNKNOWN_OUTLET,
                                "published_year": year or UNKNOWN_YEAR})
        self.rows += len(rows)
        if len(self.buffer) >= self.FLUSH_ROWS:
            self._flush()

    def close(self) -> None:
        import pyarrow.parquet as pq

        self._flush()
        if self.batches == 0:  # no rows: one file that still carries the schema
            self.folder.mkdir(parents=True, exist_ok=True)
            schema = arrow_schema(self.kinds or columns(self.table))
            pq.write_table(schema.empty_table(), self.folder / "part-0.parquet")

    def _flush(self) -> None:
        if not self.buffer:
            return
        import pyarrow as pa
        import pyarrow.dataset as ds

        schema = arrow_schema(self.kinds)
        data = pa.Table.from_pylist(self.buffer, schema=schema)
        partitioning = ds.partitioning(pa.schema(_partition_fields()), flavor="hive")
        ds.write_dataset(data, self.folder, format="parquet", partitioning=partitioning,
                         basename_template=f"part-{self.batches}-{{i}}.parquet",
                         existing_data_behavior="overwrite_or_ignore")
        self.batches += 1
        self.buffer = []


class _TextTable:
    def __init__(self, table: str, fmt: str, path: Path) -> None:
        self.handle = path.open("w", encoding="utf-8", newline="")
        self.stream = RecordStream(table, fmt, self.handle)

    @property
    def rows(self) -> int:
        return self.stream.rows

    def write(self, rows: list[dict], outlet: str | None, year: int | None) -> None:
        self.stream.write(rows)

    def close(self) -> None:
        self.stream.close()
        self.handle.close()


class TableFiles:
    """Every table of a run written to ``out`` in one format, as the articles stream in.

    Use as a context manager: on a clean exit each table replaces its previous file or
    folder in ``out``; after an error nothing in ``out`` is touched."""

    def __init__(self, out: str | Path, fmt: str, tables: Iterable[str]) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
        self.out, self.fmt = Path(out), fmt
        self.tables = list(tables)
        self.staging = self.out / f".geolib-staging-{os.getpid()}"
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> TableFiles:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        for table in self.tables:
            if self.fmt == "parquet":
                self._writers[table] = _ParquetTable(table, self.staging / table)
            else:
                self._writers[table] = _TextTable(table, self.fmt, self.staging / f"{table}.{self.fmt}")
        return self

    def write(self, table: str, rows: list[dict], outlet: str | None = None, year: int | None = None
              ) -> None:
        self._writers[table].write(rows, outlet, year)

    def __exit__(self, kind, error, trace) -> None:
        try:
            for writer in self._writers.values():
                writer.close()
            if kind is None:
                for table in self.tables:
                    self._replace(table)
        finally:
            for writer in self._writers.values():
                if isinstance(writer, _TextTable):
                    writer.handle.close()
            shutil.rmtree(self.staging, ignore_errors=True)

    def _replace(self, table: str) -> None:
        name = table if self.fmt == "parquet" else f"{table}.{self.fmt}"
        target, staged = self.out / name, self.staging / name
        if target.is_dir():  # moved aside whole (removed with the staging folder), not emptied in place
            target.replace(self.staging / f"{name}.previous")
        staged.replace(target)

    def paths(self) -> dict[str, tuple[Path, int]]:
        """Each table's file or folder in ``out`` and its number of rows."""
        name = (lambda t: t) if self.fmt == "parquet" else (lambda t: f"{t}.{self.fmt}")
        return {t: (self.out / name(t), self._writers[t].rows) for t in self.tables}
