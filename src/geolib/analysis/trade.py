"""Tables for the trade-figures notebook: official series per publisher, the articles'
figures on them, their checks, and how a figure that differs relates to every reference
total at every year's rate.

Series are never averaged across sources: each publisher (China's customs, Eurostat,
the US Census Bureau, ...) gets its own line. The publisher of a reference row comes
from its ``source`` text through ``data/trade_publishers.csv`` (a ``publisher`` column in
the reference, when there is one, is used as it is).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from geolib.checks import TOLERANCE
from geolib.paths import PACKAGE_DATA
from geolib.reference import actor_of, load_rates, load_trade, trade_series, usd_rate

PUBLISHERS_CSV = PACKAGE_DATA / "trade_publishers.csv"
OTHER_SOURCES = "other sources"
# Which row a chart line runs through when one publisher gives several totals for a year.
EVIDENCE_ORDER = {"reported": 0, "derived": 1}
# Reference rows that are estimates, not published values: never drawn as a series.
NOT_PUBLISHED = {"inferred"}

CHECK_COLUMNS = ["verdict", "explanation", "gap_bn", "gap_pct", "gap_currency", "tolerance",
                 "reference"]


@lru_cache(maxsize=1)
def _publisher_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    with open(PUBLISHERS_CSV, newline="", encoding="utf-8") as handle:
        return tuple((row["publisher"], re.compile(row["pattern"])) for row in csv.DictReader(handle))


def publisher_of(source: object) -> str:
    """The statistics office a reference row's ``source`` names ("GACC, as reported by
    TASS" -> "China customs (GACC)"); the first listed publisher whose pattern matches,
    else "other sources"."""
    text = str(source or "")
    for publisher, pattern in _publisher_patterns():
        if pattern.search(text):
            return publisher
    return OTHER_SOURCES


def pair_label(reporter: str, partner: str) -> str:
    """ "China–Russia" for a reporter/partner pair, in actor ids."""
    return f"{actor_of(reporter)}–{actor_of(partner)}"


def check_pairs(pairs: Sequence[Sequence[str]]) -> list[list[str]]:
    """Reporter/partner pairs checked against the names the reference data uses."""
    from geolib.analysis.selection import ParameterError, check_ids

    trade = load_trade()
    names = sorted(set(trade["reporter"]) | set(trade["partner"]) | set(trade["reporter_actor"])
                   | set(trade["partner_actor"]))
    checked = []
    for pair in pairs:
        if isinstance(pair, str) or len(pair) != 2:
            raise ParameterError(f"a pair is [reporter, partner], got {pair!r}")
        checked.append(check_ids("reference name", [str(p) for p in pair], names))
    return checked


def official_series(pairs: Sequence[Sequence[str]], flow: str = "total") -> pd.DataFrame:
    """Long-form ``series, pair, publisher, year, value, source, evidence, totals`` (USD bn),
    one line per pair and publisher.

    Totals in another currency are converted at their own year's average rate. Estimates
    (evidence "inferred") are left out. When one publisher gives several totals for a
    year, the line runs through the first reported one; ``totals`` says how many that
    publisher gave, and ``other_totals`` holds the rest (never an average).
    """
    frames = []
    for reporter, partner in pairs:
        rows = trade_series(reporter, partner, flow)
        if rows.empty:
            continue
        rows = rows[~rows["evidence"].isin(NOT_PUBLISHED)].copy()
        rows["publisher"] = _publishers(rows)
        rows["rank"] = rows["evidence"].map(EVIDENCE_ORDER).fillna(len(EVIDENCE_ORDER))
        rows["order"] = range(len(rows))
        rows = rows.sort_values(["publisher", "year", "rank", "order"], kind="stable")
        grouped = rows.groupby(["publisher", "year"], sort=False)
        first = grouped.head(1).copy()
        first["totals"] = grouped["value_usd_bn"].transform("size").loc[first.index]
        first["other_totals"] = [
            [round(v, 1) for v in group["value_usd_bn"].iloc[1:]] for _, group in grouped
        ]
        label = pair_label(reporter, partner)
        first.insert(0, "pair", label)
        first.insert(0, "series", [f"{label}, {p}" for p in first["publisher"]])
        frames.append(first.drop(columns=["value"]).rename(columns={"value_usd_bn": "value"}))
    columns = ["series", "pair", "publisher", "year", "value", "source", "evidence", "totals",
               "other_totals"]
    if not frames:
        return pd.DataFrame(columns=columns)
    series = pd.concat(frames, ignore_index=True)[columns]
    return series.sort_values(["series", "year"], kind="stable").reset_index(drop=True)


def _publishers(rows: pd.DataFrame) -> list[str]:
    if "publisher" in rows and rows["publisher"].notna().all():
        return list(rows["publisher"])
    return [publisher_of(source) for source in rows["source"]]


# --- the articles' figures and their checks -------------------------------------------------


def checked(figures: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """The figures table with each figure's check (``verdict``, ``explanation``, ...) beside it."""
    if figures.empty or checks.empty:
        return figures
    shared = [c for c in checks.columns if c in figures.columns and c != "figure_id"]
    return figures.merge(checks.drop(columns=shared), on="figure_id", how="left")


def money(figures: pd.DataFrame) -> pd.DataFrame:
    """Only the monetary figures of a figures table."""
    return figures[figures["kind"] == "money"].reset_index(drop=True)


def checked_money(figures: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """The monetary figures with their check (the checks table, joined on ``figure_id``):
    ``verdict`` (consistent, differs, no reference), ``explanation``, gap and the reference
    rows checked against. The one place notebooks read verdicts from."""
    table = money(checked(figures, checks))
    for column in CHECK_COLUMNS:
        if column not in table:
            table[column] = pd.NA
    table["verdict"] = table["verdict"].fillna("no reference")
    return table


def verdict_counts(checked: pd.DataFrame) -> pd.Series:
    """How many figures got each verdict."""
    return checked["verdict"].value_counts()


def figure_label(figure: pd.Series | object) -> str:
    """The figure as the article wrote it ("$245bn"), without a Markdown escape."""
    text = figure["text"] if isinstance(figure, pd.Series) else figure.text
    return str(text).lstrip("\\")


def claims_on_series(checked: pd.DataFrame, pairs: Sequence[Sequence[str]]) -> pd.DataFrame:
    """The articles' money figures that fall on one of the pairs' series:
    ``pair, year, value, label, article_id, verdict``."""
    wanted = {frozenset((actor_of(r), actor_of(p))): pair_label(r, p) for r, p in pairs}
    rows = []
    for _, figure in checked.iterrows():
        parties = figure["parties"] if isinstance(figure["parties"], (list, tuple)) else []
        pair = wanted.get(frozenset(parties))
        if pair and pd.notna(figure["year"]) and pd.notna(figure["value_usd_bn"]):
            rows.append({
                "pair": pair,
                "year": int(figure["year"]),
                "value": float(figure["value_usd_bn"]),
                "label": figure_label(figure),
                "article_id": figure["article_id"],
                "verdict": figure["verdict"],
            })
    return pd.DataFrame(rows, columns=["pair", "year", "value", "label", "article_id", "verdict"])


def figures_by_year(checked: pd.DataFrame) -> pd.DataFrame:
    """Monetary figures per year they refer to, by verdict: ``year, verdict, figures``."""
    dated = checked.dropna(subset=["year"])
    table = dated.assign(year=dated["year"].astype(int)).groupby(["year", "verdict"]).size()
    return table.rename("figures").reset_index()


# --- a figure that differs ---------------------------------------------------------------------


def rate_sensitivity(figure: pd.Series, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Every reference total for the figure's parties, year and flow that is published in
    another currency, converted to USD at each year's average rate.

    Columns: ``reference`` (value, currency, publisher), ``source``, ``rate_year``,
    ``usd_per_unit``, ``usd_bn``, ``gap_pct`` (figure minus converted value, in % of the
    latter) and ``within_tolerance``. This shows which rate would make a figure fit,
    instead of silently picking one total.
    """
    columns = ["reference", "source", "rate_year", "usd_per_unit", "usd_bn", "gap_pct",
               "within_tolerance"]
    trade, rates = load_trade(), load_rates()
    parties = set(figure["parties"]) if isinstance(figure["parties"], (list, tuple)) else set()
    if pd.isna(figure["year"]) or not parties or trade.empty:
        return pd.DataFrame(columns=columns)
    flow = figure.get("flow") if isinstance(figure.get("flow"), str) and figure.get("flow") else "total"
    same_pair = pd.Series([{r, p} == parties for r, p in zip(trade["reporter_actor"],
                                                             trade["partner_actor"], strict=True)],
                          index=trade.index)
    rows = trade[same_pair & (trade["year"] == int(figure["year"])) & (trade["flow"] == flow)
                 & (trade["currency"] != "USD")]
    out = []
    for _, row in rows.iterrows():
        rate_years = years or sorted(rates.loc[rates["currency"] == row["currency"], "year"])
        for year in rate_years:
            rate = usd_rate(rates, row["currency"], int(year))
            if rate is None or rate[1] != year:
                continue
            usd = row["value_bn"] * rate[0]
            gap = (figure["value_usd_bn"] - usd) / usd * 100
            out.append({
                "reference": f"{row['currency']} {row['value']:g}bn ({publisher_of(row['source'])})",
                "source": row["source"],
                "rate_year": int(year),
                "usd_per_unit": rate[0],
                "usd_bn": round(usd, 1),
                "gap_pct": round(gap, 1),
                "within_tolerance": abs(gap) <= TOLERANCE * 100,
            })
    return pd.DataFrame(out, columns=columns)
