"""Tables for the trade-figures notebook: official series, the articles' claims on them,
and how a figure that differs relates to every reference total at every year's rate."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geolib.checks import TOLERANCE
from geolib.reference import actor_of, load_rates, load_trade, trade_series, usd_rate


def pair_label(reporter: str, partner: str) -> str:
    """ "China–Russia" for a reporter/partner pair, in actor ids."""
    return f"{actor_of(reporter)}–{actor_of(partner)}"


def official_series(pairs: Sequence[Sequence[str]], flow: str = "total") -> pd.DataFrame:
    """Long-form ``series, year, value`` (USD bn) for each pair; a year with several
    published totals is drawn at their mean (``n_totals`` says how many)."""
    frames = []
    for reporter, partner in pairs:
        rows = trade_series(reporter, partner, flow)
        if rows.empty:
            continue
        yearly = rows.groupby("year", as_index=False).agg(
            value=("value_usd_bn", "mean"), n_totals=("value_usd_bn", "size")
        )
        yearly.insert(0, "series", pair_label(reporter, partner))
        frames.append(yearly)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["series", "year", "value", "n_totals"]
    )


def claims_on_series(figures: pd.DataFrame, pairs: Sequence[Sequence[str]]) -> pd.DataFrame:
    """The articles' money figures that fall on one of the pairs' series:
    ``series, year, value, label, article_id, verdict``."""
    wanted = {frozenset((actor_of(r), actor_of(p))): pair_label(r, p) for r, p in pairs}
    rows = []
    for _, figure in money(figures).iterrows():
        series = wanted.get(frozenset(figure["parties"]))
        if series and pd.notna(figure["year"]) and pd.notna(figure["value_usd_bn"]):
            rows.append({
                "series": series,
                "year": int(figure["year"]),
                "value": float(figure["value_usd_bn"]),
                "label": f"{figure['text'].lstrip(chr(92))} ({figure['article_id']})",
                "article_id": figure["article_id"],
                "verdict": figure["verdict"],
            })
    return pd.DataFrame(rows, columns=["series", "year", "value", "label", "article_id", "verdict"])


def checked(figures: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """The figures table with each figure's check (``verdict``, ``explanation``, ...) beside it."""
    if figures.empty or checks.empty:
        return figures
    verdicts = checks.drop(columns=["file", "article_id"], errors="ignore")
    return figures.merge(verdicts, on="figure_id", how="left")


def money(figures: pd.DataFrame) -> pd.DataFrame:
    """Only the monetary figures of a figures table."""
    if figures.empty:
        return figures
    return figures[figures["kind"] == "money"].reset_index(drop=True)


def rate_sensitivity(figure: pd.Series, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Every reference total for the figure's parties, year and flow that is published in
    another currency, converted to USD at each year's average rate.

    Columns: ``reference`` (value, currency, source), ``rate_year``, ``usd_per_unit``,
    ``usd_bn``, ``gap_pct`` (figure minus converted value, in % of the latter) and
    ``within_tolerance``. This shows which rate would make a figure fit, instead of
    silently picking one total.
    """
    trade, rates = load_trade(), load_rates()
    parties = set(figure["parties"])
    rows = trade[
        (trade["year"] == figure["year"])
        & (trade["flow"] == (figure.get("flow") or "total"))
        & (trade["currency"] != "USD")
        & trade.apply(lambda r: {r["reporter_actor"], r["partner_actor"]} == parties, axis=1)
    ]
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
                "reference": f"{row['currency']} {row['value']:g}bn ({row['source']})",
                "rate_year": int(year),
                "usd_per_unit": rate[0],
                "usd_bn": round(usd, 1),
                "gap_pct": round(gap, 1),
                "within_tolerance": abs(gap) <= TOLERANCE * 100,
            })
    return pd.DataFrame(out, columns=["reference", "rate_year", "usd_per_unit", "usd_bn", "gap_pct",
                                      "within_tolerance"])
