"""Verdicts on extracted money figures against the reference trade statistics.

A figure is ``consistent`` when it lies within ``TOLERANCE`` (or the rounding of
the stated figure, whichever is larger) of a reference row for the same parties,
flow and year; ``differs`` otherwise, with the gap and the nearest explanation
geolib can compute (another year's exchange rate, another published total,
another year's value, another flow, coarse rounding); ``no reference`` when no
row covers the figure's parties, flow and year. Every candidate row is shown:
a year with several published totals is never reduced to one silently.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import permutations

import pandas as pd

from geolib.extract.figures import Figure
from geolib.reference import reference_tables, usd_rate

TOLERANCE = 0.03
"""Relative tolerance: a figure within ±3% of a reference value is consistent."""
APPROXIMATE_TOLERANCE = 0.05
"""Relative tolerance for a figure stated as approximate ("about $250bn")."""
BOUND_HEADROOM = 0.15
"""How far past a stated bound the value may lie ("more than $200bn" fits 200–230bn)."""
OTHER_RATE_YEARS = 4
"""Exchange rates of this many years either side of the figure's year are tried."""
ROUNDING_STEPS = (1, 5, 10, 50, 100)
"""Coarse roundings (in units of the figure's scale) tried as an explanation."""

VERDICTS = ("consistent", "differs", "no reference")
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}


@dataclass
class Comparison:
    """How a figure relates to one reference row, converted at one year's rate."""

    reporter: str
    partner: str
    flow: str
    year: int
    value: float
    currency: str
    source: str
    evidence: str
    rate_year: int | None  # None: compared in the row's own currency
    usd_per_unit: float | None
    reference_bn: float  # the reference value in the comparison currency
    figure_bn: float  # the figure in the comparison currency
    compared_in: str
    gap_bn: float  # figure minus reference
    gap_pct: float
    within: bool

    @property
    def verdict(self) -> str:
        return "consistent" if self.within else "differs"

    def label(self) -> str:
        return (f"{self.reporter}–{self.partner} {self.flow} {self.year}: {self.value:g} "
                f"{self.currency} bn ({self.source})")

    def to_source_record(self) -> dict:
        """This row's own verdict: which row, which source, and the gap to it."""
        return {"row": self.label(), "source": self.source, "reference_value": self.value,
                "reference_currency": self.currency, "verdict": self.verdict,
                "gap_bn": self.gap_bn, "gap_pct": self.gap_pct, "compared_in": self.compared_in,
                "rate_year": self.rate_year}


@dataclass
class Check:
    """The verdict on one figure, with every comparison behind it."""

    verdict: str
    gap_bn: float | None
    gap_pct: float | None
    compared_in: str | None
    tolerance: str
    explanation: str
    rows: list[dict] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    alternatives: list[Comparison] = field(default_factory=list)

    @property
    def checked_against(self) -> Comparison | None:
        """The row the overall verdict rests on: the fitting row nearest the figure, else
        the nearest row."""
        if not self.comparisons:
            return None
        fitting = [c for c in self.comparisons if c.within] or self.comparisons
        return min(fitting, key=lambda c: abs(c.gap_bn))

    def to_record(self) -> dict:
        """Flat columns for tables: the overall verdict, the row it was checked against
        (``checked_against``, its ``source``) with the gap to it, the tolerance, the
        explanation, every candidate row (``reference``) and each source row's own
        verdict and gap (``sources``)."""
        against = self.checked_against
        return {
            "verdict": self.verdict,
            "checked_against": against.label() if against else None,
            "source": against.source if against else None,
            "gap_bn": self.gap_bn,
            "gap_pct": self.gap_pct,
            "gap_currency": self.compared_in,
            "tolerance": self.tolerance,
            "explanation": self.explanation,
            "reference": [_row_label(r) for r in self.rows],
            "sources": [c.to_source_record() for c in self.comparisons],
        }

    def to_dict(self) -> dict:
        return asdict(self)


def _row_label(row: dict) -> str:
    return (f"{row['reporter']}–{row['partner']} {row['flow']} {row['year']}: "
            f"{row['value']:g} {row['unit']} ({row['source']})")


def _money(amount: float, currency: str) -> str:
    symbol = _SYMBOL.get(currency)
    return f"{symbol}{amount:,.1f}bn" if symbol else f"{amount:,.1f}bn {currency}"


def _stated_rounding_bn(figure: Figure) -> float:
    """Half a unit of the stated figure's last digit, in billions ("$3.5bn" -> 0.05)."""
    number = re.search(r"\d[\d,]*(?:\.(\d+))?", figure.text)
    decimals = len(number.group(1) or "") if number else 0
    return 0.5 * 10 ** -decimals * figure.scale / 1e9


def tolerance_text(figure: Figure) -> str:
    share = APPROXIMATE_TOLERANCE if figure.bound == "approximate" else TOLERANCE
    text = f"±{share:.0%} or the stated figure's rounding (±{_stated_rounding_bn(figure):g}bn)"
    if figure.bound in ("lower", "upper"):
        text += f", with up to {BOUND_HEADROOM:.0%} past the stated {figure.bound} bound"
    return text


def _within(figure: Figure, figure_bn: float, reference_bn: float, factor: float) -> bool:
    """Is the reference value within tolerance of the figure (both in one currency)?
    ``factor`` converts the figure's own currency into the comparison currency."""
    share = APPROXIMATE_TOLERANCE if figure.bound == "approximate" else TOLERANCE
    slack = max(share * abs(reference_bn), _stated_rounding_bn(figure) * factor)
    low = figure.value_low * figure.scale / 1e9 * factor
    high = figure.value_high * figure.scale / 1e9 * factor
    if figure.bound == "lower":
        return low - slack <= reference_bn <= high * (1 + BOUND_HEADROOM)
    if figure.bound == "upper":
        return low * (1 - BOUND_HEADROOM) <= reference_bn <= high + slack
    return low - slack <= reference_bn <= high + slack


def _compare(figure: Figure, row: pd.Series, rates: pd.DataFrame,
             rate_year: int | None) -> Comparison | None:
    """Compare in the row's currency when the figure shares it, else in USD with the
    non-USD side converted at ``rate_year``'s average rate."""
    stated_bn = figure.value * figure.scale / 1e9
    if figure.currency == row["currency"]:
        figure_bn, reference_bn, factor, used, per_unit = stated_bn, row["value_bn"], 1.0, None, None
        compared_in = row["currency"]
    else:
        compared_in = "USD"
        figure_rate = usd_rate(rates, figure.currency, rate_year)
        row_rate = usd_rate(rates, row["currency"], rate_year)
        if figure_rate is None or row_rate is None:
            return None
        if {figure_rate[1], row_rate[1]} - {rate_year}:
            return None  # no rate for that year: do not pretend with another year's
        factor = figure_rate[0]
        figure_bn, reference_bn = stated_bn * factor, row["value_bn"] * row_rate[0]
        used = rate_year
        per_unit = row_rate[0] if row["currency"] != "USD" else figure_rate[0]
    gap = figure_bn - reference_bn
    return Comparison(
        reporter=row["reporter"], partner=row["partner"], flow=row["flow"], year=int(row["year"]),
        value=float(row["value"]), currency=row["currency"], source=row["source"],
        evidence=row["evidence"], rate_year=used, usd_per_unit=per_unit,
        reference_bn=round(reference_bn, 3), figure_bn=round(figure_bn, 3), compared_in=compared_in,
        gap_bn=round(gap, 3), gap_pct=round(100 * gap / reference_bn, 2) if reference_bn else 0.0,
        within=_within(figure, figure_bn, reference_bn, factor),
    )


def _pair_rows(trade: pd.DataFrame, figure: Figure) -> pd.DataFrame:
    """Reference rows for the figure's parties and flow (any year). Exports from A to
    B are also B's imports from A (mirror statistics)."""
    empty = trade.iloc[0:0]
    if len(figure.parties) < 2 or figure.flow is None:
        return empty
    if figure.direction and figure.flow in ("exports", "imports"):
        origin, destination = figure.direction.split("->")
        exports = ((trade["reporter_actor"] == origin) & (trade["partner_actor"] == destination)
                   & (trade["flow"] == "exports"))
        imports = ((trade["reporter_actor"] == destination) & (trade["partner_actor"] == origin)
                   & (trade["flow"] == "imports"))
        return trade[exports | imports]
    for a, b in permutations(figure.parties, 2):
        rows = trade[(trade["reporter_actor"] == a) & (trade["partner_actor"] == b)
                     & (trade["flow"] == figure.flow)]
        if figure.flow == "total":
            rows = pd.concat([rows, trade[(trade["reporter_actor"] == b)
                                          & (trade["partner_actor"] == a)
                                          & (trade["flow"] == "total")]])
        if not rows.empty:
            return rows.drop_duplicates()
    return empty


_YEAR_BASIS_NOTES = {"published": "the publication year, as no time is stated",
                     "context": "the time of the figures around it"}


def _subject(figure: Figure) -> str:
    parties = "–".join(figure.parties) or "unknown parties"
    year = str(figure.year or "year unknown")
    note = _YEAR_BASIS_NOTES.get(figure.year_basis or "")
    if figure.year and note:
        year += f": {note}"
    return f"{figure.text} ({parties} {figure.measure or 'figure'}, {year})"


def _no_reference(figure: Figure, reason: str) -> Check:
    return Check("no reference", None, None, None, tolerance_text(figure),
                 f"{_subject(figure)}: no reference, {reason}.")


def check_figure(figure: Figure, trade: pd.DataFrame, rates: pd.DataFrame) -> Check:
    """The verdict on one figure against the reference ``trade`` table, converting
    currencies with ``rates`` (see ``geolib.reference``)."""
    if figure.kind != "money":
        return _no_reference(figure, f"it is a {figure.kind}, not a money figure")
    if len(figure.parties) < 2:
        return _no_reference(figure, "the figure is not between two known parties")
    if figure.measure is None:
        return _no_reference(figure, "no measure (trade, exports, imports…) is stated with it")
    if figure.flow is None:
        return _no_reference(figure, f"the reference has no series for {figure.measure}")
    pair = _pair_rows(trade, figure)
    if pair.empty:
        return _no_reference(figure, "the reference has no series for these parties and flow")
    if figure.year is None:
        return _no_reference(figure, "its year is not stated")
    rows = pair[pair["year"] == figure.year]
    if rows.empty:
        years = ", ".join(str(y) for y in sorted(set(pair["year"])))
        return _no_reference(figure, f"the reference series covers {years} only")
    comparisons = [c for _, row in rows.iterrows()
                   if (c := _compare(figure, row, rates, figure.year)) is not None]
    if not comparisons:
        missing = next((c for c in (figure.currency, *rows["currency"])
                        if c and usd_rate(rates, c, None) is None), None)
        if missing:
            return _no_reference(figure, f"the reference has no {missing} exchange rate (add a "
                                         f"{missing.lower()}usd.csv with a usd_per_{missing.lower()} column)")
        return _no_reference(figure, f"there is no {figure.year} exchange rate to compare with")
    alternatives = _alternatives(figure, pair, rows, rates) + _other_flows(figure, trade, rows, rates)
    verdict = "consistent" if any(c.within for c in comparisons) else "differs"
    fitting = [c for c in comparisons if c.within] or comparisons
    nearest = min(fitting, key=lambda c: abs(c.gap_bn))
    return Check(
        verdict=verdict,
        gap_bn=nearest.gap_bn,
        gap_pct=nearest.gap_pct,
        compared_in=nearest.compared_in,
        tolerance=tolerance_text(figure),
        explanation=_explain(figure, verdict, comparisons, alternatives),
        rows=[r.to_dict() for _, r in rows.drop(columns=["file"], errors="ignore").iterrows()],
        comparisons=comparisons,
        alternatives=alternatives,
    )


def _alternatives(figure: Figure, pair: pd.DataFrame, rows: pd.DataFrame,
                  rates: pd.DataFrame) -> list[Comparison]:
    """Comparisons that would make the figure fit: the same rows at other years'
    exchange rates, and the pair's values for other years."""
    found = []
    rate_years = sorted(set(rates["year"]))
    for _, row in rows.iterrows():
        if row["currency"] == figure.currency:
            continue
        for year in rate_years:
            if year != figure.year and abs(year - figure.year) <= OTHER_RATE_YEARS:
                comparison = _compare(figure, row, rates, year)
                if comparison is not None:
                    found.append(comparison)
    for _, row in pair[pair["year"] != figure.year].iterrows():
        comparison = _compare(figure, row, rates, int(row["year"]))
        if comparison is not None and comparison.within:
            found.append(comparison)
    return found


def _other_flows(figure: Figure, trade: pd.DataFrame, rows: pd.DataFrame,
                 rates: pd.DataFrame) -> list[Comparison]:
    """The same year's other flows between the parties (the other direction, the total
    instead of exports…) that the figure would fit."""
    pair = set(figure.parties[:2])
    same_pair = [
        row for index, row in trade.iterrows()
        if {row["reporter_actor"], row["partner_actor"]} == pair and row["year"] == figure.year
        and index not in rows.index
    ]
    found = [_compare(figure, row, rates, figure.year) for row in same_pair]
    return [c for c in found if c is not None and c.within]


def _describe(c: Comparison, figure_currency: str | None) -> str:
    stated = _money(c.value, c.currency)
    if c.rate_year is None:
        converted = stated
    else:
        converted = (f"{stated} = {_money(c.reference_bn, 'USD')} at the {c.rate_year} rate "
                     f"({c.usd_per_unit:.4f} USD/{c.currency if c.currency != 'USD' else figure_currency})")
    return f"{converted}, gap {c.gap_bn:+,.1f}bn ({c.gap_pct:+.1f}%) [{c.source}]"


def _explain(figure: Figure, verdict: str, comparisons: list[Comparison],
             alternatives: list[Comparison]) -> str:
    """One explanation sentence covering every candidate row and the nearest reasons."""
    tolerance = tolerance_text(figure)
    count = len(comparisons)
    rows_word = "reference value" if count == 1 else f"{count} published {figure.year} values"
    listing = "; ".join(
        ("consistent: " if c.within else "") + _describe(c, figure.currency) for c in comparisons
    )
    if verdict == "consistent":
        text = f"{_subject(figure)} is consistent with the {rows_word} within {tolerance}: {listing}"
    else:
        text = f"{_subject(figure)} differs from the {rows_word} beyond {tolerance}: {listing}"
    reasons = _reasons(figure, comparisons, alternatives)
    if reasons:
        text += ". " + ("Nearest explanations: " if verdict == "differs" else "Also: ") + "; ".join(reasons)
    return text + "."


def _reasons(figure: Figure, comparisons: list[Comparison],
             alternatives: list[Comparison]) -> list[str]:
    reasons = []
    other_rates = [a for a in alternatives
                   if a.year == figure.year and a.rate_year not in (None, figure.year)]
    for c in comparisons:
        if c.rate_year is None:
            continue
        mine = [a for a in other_rates if a.source == c.source and a.value == c.value]
        fitting = [a for a in mine if a.within]
        if fitting:
            years = ", ".join(f"{a.rate_year} ({_money(a.reference_bn, 'USD')}, {a.gap_pct:+.1f}%)"
                              for a in fitting)
            reasons.append(f"{_money(c.value, c.currency)} fits at the rate of {years}")
        elif mine:
            best = min(mine, key=lambda a: abs(a.gap_bn))
            reasons.append(f"{_money(c.value, c.currency)} fits no rate of "
                           f"{figure.year - OTHER_RATE_YEARS}–{figure.year + OTHER_RATE_YEARS} "
                           f"(closest: {best.rate_year}, {best.gap_pct:+.1f}%)")
    if not any(c.within for c in comparisons):
        for other in (a for a in alternatives if a.year != figure.year):
            reasons.append(f"it matches the {other.year} value instead "
                           f"({_money(other.value, other.currency)}, {other.gap_pct:+.1f}%)")
        other_flows = [a for a in alternatives if a.year == figure.year and a.within
                       and a.rate_year in (None, figure.year)]
        for other in other_flows:
            reasons.append(f"it matches {other.reporter}–{other.partner} {other.flow} instead "
                           f"({_money(other.value, other.currency)}, {other.gap_pct:+.1f}%)")
        reasons.extend(_rounding_reasons(figure, comparisons))
    return reasons


def _rounding_reasons(figure: Figure, comparisons: list[Comparison]) -> list[str]:
    """Does the figure equal a reference value rounded more coarsely than ±tolerance?"""
    reasons = []
    unit_bn = figure.scale / 1e9
    for c in comparisons:
        if c.compared_in != (figure.currency or ""):
            continue
        for step in ROUNDING_STEPS:
            step_bn = step * unit_bn
            if step_bn <= _stated_rounding_bn(figure) * 2:
                continue
            if abs(round(c.reference_bn / step_bn) * step_bn - c.figure_bn) < 1e-9:
                reasons.append(f"{_money(c.reference_bn, c.compared_in)} rounded to the nearest "
                               f"{step_bn:g}bn gives {figure.text}")
                break
    return reasons


def check_records(figures: list[Figure], trade: pd.DataFrame | None = None,
                  rates: pd.DataFrame | None = None) -> list[dict]:
    """One record per figure: its id and the verdict on it (see ``Check.to_record``).
    ``trade`` and ``rates`` default to ``geolib.reference``'s tables."""
    if trade is None or rates is None:
        tables = reference_tables()
        trade = tables.trade if trade is None else trade
        rates = tables.rates if rates is None else rates
    return [
        {"file": figure.file, "article_id": figure.article_id, "figure_id": figure.figure_id,
         **check_figure(figure, trade, rates).to_record()}
        for figure in figures
    ]
