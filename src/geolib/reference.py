"""Official statistics to check figures against: trade, exchange rates, dated events.

The reference data ships with geolib (``geolib/data/reference``: ``trade.csv``,
``eurusd.csv``, ``events.csv`` and a README naming every source and caveat), so
checks work from any folder. A project's ``data/reference`` folder, when there is one
(``geolib.paths.reference_dir()``), extends it: its CSV files are read after the
package's, by the same rules:

* every CSV whose header has the trade columns is read as trade, every CSV with a
  ``year`` and a ``usd_per_<currency>`` column as exchange rates, and every CSV with
  ``date`` and ``event`` columns as events;
* a row whose *key* equals an earlier row's replaces it; any other row is added. The
  keys: trade ``reporter, partner, flow, year, source`` (names as actor ids, so "EU27"
  and "European Union" are one key); rates ``currency, year``; events ``date, event``.

So a user corrects a published value by repeating its key with the new value, and adds
another source's value for the same year as a row of its own: series from different
sources are never merged or averaged (``trade_series`` gives one row per source and
year; every row keeps its ``source``).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from geolib import paths
from geolib.paths import PACKAGE_DATA

PACKAGE_REFERENCE = PACKAGE_DATA / "reference"
"""The reference data that ships with geolib."""
REFERENCE_NAMES_CSV = PACKAGE_DATA / "reference_names.csv"

TRADE_COLUMNS = ("reporter", "partner", "flow", "year", "value", "unit", "source")
EVENT_COLUMNS = ("date", "event")
TRADE_KEY = ("reporter_actor", "partner_actor", "flow", "year", "source")
RATE_KEY = ("currency", "year")
EVENT_KEY = ("date", "event")
_RATE_COLUMN = re.compile(r"^usd_per_([a-z]{3})$")
_UNIT = re.compile(r"^\s*([A-Z]{3})\s*(bn|billion|tn|trillion|m|mn|million)?\s*$")
_UNIT_SCALE_BN = {None: 1.0, "bn": 1.0, "billion": 1.0, "tn": 1000.0, "trillion": 1000.0,
                  "m": 0.001, "mn": 0.001, "million": 0.001}

Folders = Path | str | Sequence[Path | str] | None


class Reference(NamedTuple):
    """The reference tables, read together (see ``reference_tables``)."""

    trade: pd.DataFrame
    rates: pd.DataFrame
    events: pd.DataFrame


@lru_cache(maxsize=1)
def reference_names() -> dict[str, str]:
    """Reference reporter/partner names ("EU27", "United States") -> actor ids ("EU", "US")."""
    with open(REFERENCE_NAMES_CSV, newline="", encoding="utf-8") as handle:
        return {row["name"].strip(): row["actor"].strip() for row in csv.DictReader(handle)}


def actor_of(name: str) -> str:
    """The actor id for a reference name; an unknown name stands for itself."""
    return reference_names().get(name.strip(), name.strip())


def reference_folders(folder: Folders = None) -> list[Path]:
    """The folders read, in order (a later folder's rows override an earlier's).

    ``None``: the package's reference data, then the project's ``data/reference`` when
    there is one. A path, or a list of paths, is read as given (and nothing else)."""
    if folder is None:
        found = [PACKAGE_REFERENCE]
        project = paths.reference_dir()
        if project is not None and Path(project).is_dir():
            project = Path(project).resolve()
            if project != PACKAGE_REFERENCE.resolve():
                found.append(project)
        return found
    if isinstance(folder, str | Path):
        return [Path(folder)]
    return [Path(f) for f in folder]


def fingerprint(folder: Folders = None) -> str:
    """A hash of the reference folders' CSV files (order, names and bytes): what checks
    depend on."""
    digest = hashlib.sha256()
    for layer, path in _csv_files(folder):
        digest.update(f"{layer}:{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def reference_tables(folder: Folders = None) -> Reference:
    """``Reference(trade, rates, events)``, read once per process for each state of the
    folders' files (see ``reference_folders``)."""
    return reference_state(folder)[1]


def reference_state(folder: Folders = None) -> tuple[str, Reference]:
    """``(fingerprint, reference_tables)`` of the folders, their files hashed once."""
    folders = tuple(reference_folders(folder))
    found = fingerprint(list(folders))
    return found, _tables(folders, found)


@lru_cache(maxsize=4)
def _tables(folders: tuple[Path, ...], _fingerprint: str) -> Reference:
    return Reference(load_trade(list(folders)), load_rates(list(folders)),
                     load_events(list(folders)))


def _csv_files(folder: Folders) -> list[tuple[int, Path]]:
    """``(layer, path)`` of every CSV file, layer by layer, by name within a layer."""
    return [(layer, path)
            for layer, directory in enumerate(reference_folders(folder)) if directory.is_dir()
            for path in sorted(directory.glob("*.csv"))]


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [name.strip() for name in next(csv.reader(handle), [])]


def _read(path: Path, layer: int) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [c.strip() for c in frame.columns]
    frame["file"] = path.name
    frame["origin"] = "package" if path.parent.resolve() == PACKAGE_REFERENCE.resolve() else (
        str(path.parent))
    frame["_layer"] = layer
    return frame


def _override(table: pd.DataFrame, key: Sequence[str]) -> pd.DataFrame:
    """Rows in reading order; a row whose key a later row repeats is replaced by it (in
    its place)."""
    later = table.drop_duplicates(subset=list(key), keep="last")
    kept = table.drop_duplicates(subset=list(key), keep="first")
    replacement = {tuple(row): i for i, row in zip(later.index, later[list(key)].itertuples(index=False),
                                                   strict=True)}
    order = [replacement[tuple(row)] for row in kept[list(key)].itertuples(index=False)]
    return table.loc[order].drop(columns="_layer", errors="ignore").reset_index(drop=True)


def load_trade(folder: Folders = None) -> pd.DataFrame:
    """Trade statistics, one row per reporter, partner, flow, year and source.

    Adds ``reporter_actor``/``partner_actor`` (actor ids), ``currency`` (ISO code from
    ``unit``), ``value_bn`` (the value in billions of that currency), ``file`` and
    ``origin`` (``"package"`` or the folder the row came from).
    """
    frames = [_read(p, layer) for layer, p in _csv_files(folder)
              if set(TRADE_COLUMNS) <= set(_header(p))]
    columns = [*TRADE_COLUMNS, "evidence", "file", "origin"]
    if not frames:
        return pd.DataFrame(columns=[*columns, "reporter_actor", "partner_actor",
                                     "currency", "value_bn"])
    trade = pd.concat(frames, ignore_index=True)
    if "evidence" not in trade:
        trade["evidence"] = ""
    trade = trade[[*columns, "_layer"]].copy()
    for column in ("reporter", "partner", "flow", "unit", "source", "evidence"):
        trade[column] = trade[column].fillna("").str.strip()
    trade["year"] = pd.to_numeric(trade["year"]).astype(int)
    trade["value"] = pd.to_numeric(trade["value"]).astype(float)
    trade["reporter_actor"] = trade["reporter"].map(actor_of)
    trade["partner_actor"] = trade["partner"].map(actor_of)
    units = trade["unit"].map(_parse_unit)
    trade["currency"] = [currency for currency, _ in units]
    trade["value_bn"] = trade["value"] * [factor for _, factor in units]
    return _override(trade, TRADE_KEY)


def _parse_unit(unit: str) -> tuple[str, float]:
    """``"EUR bn"`` -> ``("EUR", 1.0)``; billions are the reference's working scale."""
    match = _UNIT.match(unit)
    if not match:
        raise ValueError(f"unknown trade unit {unit!r}: expected e.g. 'USD bn'")
    return match.group(1), _UNIT_SCALE_BN[match.group(2)]


def load_rates(folder: Folders = None) -> pd.DataFrame:
    """Yearly exchange rates as ``currency, year, usd_per_unit, source`` (USD per unit).

    ``eurusd.csv`` (column ``usd_per_eur``) gives EUR; a file with a ``usd_per_cny``
    column adds CNY, and so on. A later folder's rate for a currency and year replaces
    an earlier one.
    """
    frames = []
    for layer, path in _csv_files(folder):
        header = _header(path)
        rate_columns = [c for c in header if _RATE_COLUMN.match(c)]
        if "year" not in header or not rate_columns:
            continue
        table = _read(path, layer)
        for column in rate_columns:
            frames.append(pd.DataFrame({
                "currency": _RATE_COLUMN.match(column).group(1).upper(),
                "year": pd.to_numeric(table["year"]).astype(int),
                "usd_per_unit": pd.to_numeric(table[column]).astype(float),
                "source": table.get("source", ""),
                "_layer": layer,
            }))
    if not frames:
        return pd.DataFrame(columns=["currency", "year", "usd_per_unit", "source"])
    rates = _override(pd.concat(frames, ignore_index=True), RATE_KEY)
    return rates.sort_values(["currency", "year"]).reset_index(drop=True)


def load_events(folder: Folders = None) -> pd.DataFrame:
    """Dated events as ``date, end_date, event, source`` (dates as ``datetime.date``)."""
    frames = [_read(p, layer) for layer, p in _csv_files(folder)
              if set(EVENT_COLUMNS) <= set(_header(p))]
    if not frames:
        return pd.DataFrame(columns=["date", "end_date", "event", "source", "file"])
    events = pd.concat(frames, ignore_index=True)
    for column in ("end_date", "source"):
        if column not in events:
            events[column] = ""
    events = _override(events, EVENT_KEY)
    for column in ("date", "end_date"):
        parsed = pd.to_datetime(events[column].replace("", None), format="%Y-%m-%d")
        events[column] = [d.date() if not pd.isna(d) else None for d in parsed]
    events = events[["date", "end_date", "event", "source", "file"]]
    return events.sort_values("date", kind="stable").reset_index(drop=True)


def usd_rate(rates: pd.DataFrame, currency: str, year: int | None) -> tuple[float, int] | None:
    """``(USD per unit, rate year)`` for ``currency`` in ``year``, or the nearest year
    the table has; ``(1.0, year)`` for USD; None when the currency has no rates."""
    if currency == "USD":
        return 1.0, year
    table = rates[rates["currency"] == currency]
    if table.empty:
        return None
    if year is None:
        row = table.iloc[-1]
    else:
        row = table.iloc[(table["year"] - year).abs().argsort(kind="stable").iloc[0]]
    return float(row["usd_per_unit"]), int(row["year"])


def _flow_rows(trade: pd.DataFrame, reporter: str, partner: str, flow: str) -> pd.DataFrame:
    """Rows for the pair; orientation matters for exports/imports, not for totals."""
    forward = (trade["reporter_actor"] == reporter) & (trade["partner_actor"] == partner)
    if flow == "total":
        backward = (trade["reporter_actor"] == partner) & (trade["partner_actor"] == reporter)
        forward = forward | backward
    return trade[forward & (trade["flow"] == flow)]


def trade_series(
    reporter: str,
    partner: str,
    flow: str = "total",
    folder: Folders = None,
) -> pd.DataFrame:
    """Chart data: ``year, value_usd_bn, value, currency, usd_per_unit, rate_year, source,
    evidence`` for a pair, one row per source and year (never an average of sources).

    ``reporter``/``partner`` are actor ids or reference names. Non-USD values are
    converted at *each year's* average rate (``usd_per_unit``). ``attrs["note"]`` says
    so in words.
    """
    trade, rates = load_trade(folder), load_rates(folder)
    rows = _flow_rows(trade, actor_of(reporter), actor_of(partner), flow).copy()
    converted = [
        usd_rate(rates, currency, year) if currency != "USD" else (1.0, year)
        for currency, year in zip(rows["currency"], rows["year"], strict=True)
    ]
    rows["usd_per_unit"] = [c[0] if c else None for c in converted]
    rows["rate_year"] = [c[1] if c else None for c in converted]
    rows["value_usd_bn"] = [
        value * c[0] if c else None for value, c in zip(rows["value_bn"], converted, strict=True)
    ]
    series = rows[["year", "value_usd_bn", "value", "currency", "usd_per_unit", "rate_year",
                   "source", "evidence"]].sort_values("year", kind="stable")
    series = series.reset_index(drop=True)
    series.attrs["note"] = (
        f"{reporter}–{partner} {flow} trade in USD bn, one row per source and year; values "
        "reported in another currency are converted at the average exchange rate of their own year"
    )
    return series
