"""Official statistics to check figures against: trade, exchange rates, dated events.

The reference folder (default ``geolib.paths.reference_dir()``, i.e. ``data/reference``)
holds ``trade.csv``, ``eurusd.csv`` and ``events.csv``. A user extends it by adding
rows to those files, or by dropping more CSV files of the same shape into the folder:
every CSV whose header has the trade columns is read as trade, every CSV with a
``year`` and a ``usd_per_<currency>`` column as exchange rates, and every CSV with
``date`` and ``event`` columns as events.
"""

from __future__ import annotations

import csv
import hashlib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geolib.paths import PACKAGE_DATA, reference_dir

REFERENCE_NAMES_CSV = PACKAGE_DATA / "reference_names.csv"

TRADE_COLUMNS = ("reporter", "partner", "flow", "year", "value", "unit", "source")
EVENT_COLUMNS = ("date", "event")
_RATE_COLUMN = re.compile(r"^usd_per_([a-z]{3})$")
_UNIT = re.compile(r"^\s*([A-Z]{3})\s*(bn|billion|tn|trillion|m|mn|million)?\s*$")
_UNIT_SCALE_BN = {None: 1.0, "bn": 1.0, "billion": 1.0, "tn": 1000.0, "trillion": 1000.0,
                  "m": 0.001, "mn": 0.001, "million": 0.001}


@lru_cache(maxsize=1)
def reference_names() -> dict[str, str]:
    """Reference reporter/partner names ("EU27", "United States") -> actor ids ("EU", "US")."""
    with open(REFERENCE_NAMES_CSV, newline="", encoding="utf-8") as handle:
        return {row["name"].strip(): row["actor"].strip() for row in csv.DictReader(handle)}


def actor_of(name: str) -> str:
    """The actor id for a reference name; an unknown name stands for itself."""
    return reference_names().get(name.strip(), name.strip())


def fingerprint(folder: Path | str | None = None) -> str:
    """A hash of the reference folder's CSV files (names and bytes): what checks depend on."""
    digest = hashlib.sha256()
    for path in _csv_files(folder):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def reference_tables(folder: Path | str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(load_trade(folder), load_rates(folder))``, read once per process for each state of
    the folder's files."""
    folder = Path(folder) if folder is not None else reference_dir()
    return _tables(folder, fingerprint(folder))


@lru_cache(maxsize=4)
def _tables(folder: Path, _fingerprint: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return load_trade(folder), load_rates(folder)


def _csv_files(folder: Path | str | None) -> list[Path]:
    folder = Path(folder) if folder is not None else reference_dir()
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [name.strip() for name in next(csv.reader(handle), [])]


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [c.strip() for c in frame.columns]
    frame["file"] = path.name
    return frame


def load_trade(folder: Path | str | None = None) -> pd.DataFrame:
    """Trade statistics, one row per reporter, partner, flow, year and source.

    Adds ``reporter_actor``/``partner_actor`` (actor ids), ``currency`` (ISO code from
    ``unit``) and ``value_bn`` (the value in billions of that currency).
    """
    frames = [_read(p) for p in _csv_files(folder) if set(TRADE_COLUMNS) <= set(_header(p))]
    columns = [*TRADE_COLUMNS, "evidence", "file"]
    if not frames:
        return pd.DataFrame(columns=[*columns, "reporter_actor", "partner_actor",
                                     "currency", "value_bn"])
    trade = pd.concat(frames, ignore_index=True)
    if "evidence" not in trade:
        trade["evidence"] = ""
    trade = trade[columns].copy()
    for column in ("reporter", "partner", "flow", "unit", "source", "evidence"):
        trade[column] = trade[column].fillna("").str.strip()
    trade["year"] = pd.to_numeric(trade["year"]).astype(int)
    trade["value"] = pd.to_numeric(trade["value"]).astype(float)
    trade["reporter_actor"] = trade["reporter"].map(actor_of)
    trade["partner_actor"] = trade["partner"].map(actor_of)
    units = trade["unit"].map(_parse_unit)
    trade["currency"] = [currency for currency, _ in units]
    trade["value_bn"] = trade["value"] * [factor for _, factor in units]
    return trade.reset_index(drop=True)


def _parse_unit(unit: str) -> tuple[str, float]:
    """``"EUR bn"`` -> ``("EUR", 1.0)``; billions are the reference's working scale."""
    match = _UNIT.match(unit)
    if not match:
        raise ValueError(f"unknown trade unit {unit!r}: expected e.g. 'USD bn'")
    return match.group(1), _UNIT_SCALE_BN[match.group(2)]


def load_rates(folder: Path | str | None = None) -> pd.DataFrame:
    """Yearly exchange rates as ``currency, year, usd_per_unit, source`` (USD per unit).

    ``eurusd.csv`` (column ``usd_per_eur``) gives EUR; a file with a ``usd_per_cny``
    column adds CNY, and so on.
    """
    frames = []
    for path in _csv_files(folder):
        header = _header(path)
        rate_columns = [c for c in header if _RATE_COLUMN.match(c)]
        if "year" not in header or not rate_columns:
            continue
        table = _read(path)
        for column in rate_columns:
            frames.append(pd.DataFrame({
                "currency": _RATE_COLUMN.match(column).group(1).upper(),
                "year": pd.to_numeric(table["year"]).astype(int),
                "usd_per_unit": pd.to_numeric(table[column]).astype(float),
                "source": table.get("source", ""),
            }))
    if not frames:
        return pd.DataFrame(columns=["currency", "year", "usd_per_unit", "source"])
    rates = pd.concat(frames, ignore_index=True)
    return rates.sort_values(["currency", "year"]).reset_index(drop=True)


def load_events(folder: Path | str | None = None) -> pd.DataFrame:
    """Dated events as ``date, end_date, event, source`` (dates as ``datetime.date``)."""
    frames = [_read(p) for p in _csv_files(folder) if set(EVENT_COLUMNS) <= set(_header(p))]
    if not frames:
        return pd.DataFrame(columns=["date", "end_date", "event", "source", "file"])
    events = pd.concat(frames, ignore_index=True)
    for column in ("end_date", "source"):
        if column not in events:
            events[column] = ""
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
    folder: Path | str | None = None,
) -> pd.DataFrame:
    """Chart data: ``year, value_usd_bn, value, currency, usd_per_unit, source`` for a pair.

    ``reporter``/``partner`` are actor ids or reference names. Non-USD values are
    converted at *each year's* average rate (``usd_per_unit``); a year with several
    published totals keeps one row per source. ``attrs["note"]`` says so in words.
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
        f"{reporter}–{partner} {flow} trade in USD bn; values reported in another currency "
        "are converted at the average exchange rate of their own year"
    )
    return series
