"""Chart titles and sentences that are true of the data they describe.

Every function takes the numbers behind a chart and says what they show, with their
basis (n). The rules:

- no superlative ("most quoted", "warmest") among fewer than ``MIN_ITEMS`` items, and no
  mean ranked when it rests on fewer than ``MIN_N`` scores;
- a tie is named as a tie;
- "warm" only for a positive mean, "cool" only for a negative one;
- plurals and verb forms from ``geolib.narrative`` (inflect), or whole phrases.

Titles are plain text (charts do not read Markdown); notebooks show them through
``geolib.narrative.say``, which escapes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geolib.narrative import count, listing, money_bn, plural, share, signed, verb

MIN_ITEMS = 3
"""A superlative compares at least this many items (speakers, actors, relations)."""
MIN_N = 5
"""A mean is ranked only when it rests on at least this many scores."""

# What each frame use means, as whole verb phrases (singular, plural): no "-ed" glued on.
FRAME_USES: dict[str, tuple[str, str]] = {
    "endorses": ("endorses the frame", "endorse the frame"),
    "reports": ("reports the frame without taking a side", "report the frame without taking a side"),
    "dismisses": ("dismisses the frame", "dismiss the frame"),
    "inverts": ("turns the frame around", "turn the frame around"),
}


def _phrase(use: str, n: int) -> str:
    forms = FRAME_USES.get(use, (f"uses the frame as '{use}'", f"use the frame as '{use}'"))
    return forms[0] if n == 1 else forms[1]


def all_of(n: int, noun: str) -> str:
    """ "The only voice", "Both voices", "All 3 voices"."""
    if n == 1:
        return f"The only {noun}"
    if n == 2:
        return f"Both {plural(noun)}"
    return f"All {count(n, noun)}"


# --- ranking ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    """Items with a mean and its n, the ones with enough scores, and the extremes
    (ties kept together)."""

    eligible: pd.DataFrame  # label, value, n; n >= MIN_N; highest value first
    dropped: int  # items left out for too few scores
    top: list[str]
    bottom: list[str]

    @property
    def top_value(self) -> float:
        return float(self.eligible["value"].iloc[0])

    @property
    def bottom_value(self) -> float:
        return float(self.eligible["value"].iloc[-1])


def rank(table: pd.DataFrame, label: str, value: str, n: str = "n", *, min_n: int = MIN_N,
         digits: int = 2) -> Ranked:
    """Rank ``table`` by ``value`` among rows with ``n >= min_n``; values equal at the
    shown precision (``digits``) tie."""
    rows = table[[label, value, n]].rename(columns={label: "label", value: "value", n: "n"})
    rows = rows.dropna(subset=["value"])
    eligible = rows[rows["n"] >= min_n].copy()
    eligible["shown"] = eligible["value"].round(digits)
    eligible = eligible.sort_values(["shown", "n", "label"], ascending=[False, False, True])
    eligible = eligible.reset_index(drop=True)
    if eligible.empty:
        return Ranked(eligible, len(rows), [], [])
    top = list(eligible.loc[eligible["shown"] == eligible["shown"].iloc[0], "label"])
    bottom = list(eligible.loc[eligible["shown"] == eligible["shown"].iloc[-1], "label"])
    return Ranked(eligible, len(rows) - len(eligible), top, bottom)


def _with_basis(labels: list[str], table: pd.DataFrame, digits: int = 2) -> str:
    """ "China (−0.21, n = 12)", or "China and Russia (−0.21 each; n = 12 and 9)"."""
    rows = table.set_index("label").loc[labels]
    if len(labels) == 1:
        return f"{labels[0]} ({signed(rows['value'].iloc[0], digits)}, n = {int(rows['n'].iloc[0])})"
    ns = listing(str(int(v)) for v in rows["n"])
    return f"{listing(labels)} ({signed(rows['value'].iloc[0], digits)} each; n = {ns})"


# --- who is quoted ----------------------------------------------------------------------


def most_quoted(counts: pd.Series | Mapping[str, int], *, min_items: int = MIN_ITEMS) -> str:
    """Title for quotes per speaker: names the most quoted voice, or the voices tied."""
    counts = pd.Series(counts, dtype="float64").dropna()
    counts = counts[counts > 0].astype(int)
    if counts.empty:
        return "No quote in the selection names its speaker"
    total = int(counts.sum())
    if len(counts) < min_items:
        parts = [f"{name} ({n})" for name, n in counts.sort_values(ascending=False).items()]
        return (f"{count(total, 'quote')} from only {count(len(counts), 'speaker')}: "
                f"{listing(parts)}")
    top_n = int(counts.max())
    leaders = sorted(counts[counts == top_n].index)
    if len(leaders) == 1:
        return (f"{leaders[0]} is the most quoted voice, with {share(top_n, total)} "
                f"quotes from {count(len(counts), 'speaker')}")
    if len(leaders) == len(counts):
        return (f"All {count(len(counts), 'speaker')} are quoted equally often, "
                f"{count(top_n, 'quote')} each")
    if len(leaders) <= 4:
        return f"{listing(leaders)} tie as the most quoted voices, with {count(top_n, 'quote')} each"
    return (f"{len(leaders)} speakers tie as the most quoted, with {count(top_n, 'quote')} each, "
            f"of {count(len(counts), 'speaker')}")


# --- sentiment toward actors ----------------------------------------------------------------


def _extremes(ranked: Ranked, *, toward: str, min_n: int, min_items: int, subject: str,
              noun: str) -> str:
    """Shared wording for a ranking of signed means (actors, relations)."""
    table = ranked.eligible
    k = len(table)
    if k == 0:
        if ranked.dropped == 0:
            return f"No {noun} has a scored mention"
        return (f"No {noun} has {min_n} or more scored mentions, too few to compare "
                f"({count(ranked.dropped, noun)} with fewer)")
    values = table["shown"]
    if k == 1:
        row = table.iloc[0]
        return (f"Only {row['label']} has {min_n} or more scored mentions: a {_tone_word(row['shown'])} "
                f"mean of {signed(row['value'])} (n = {int(row['n'])})")
    if k < min_items:  # two items: a comparison, not a superlative
        if len(ranked.top) == k:
            return (f"{subject.capitalize()} are equally {_tone_word(values.iloc[0])} "
                    f"{toward} {_with_basis(ranked.top, table)}")
        hi, lo = table.iloc[0], table.iloc[1]
        if lo["shown"] >= 0:
            word = "more positive"
        elif hi["shown"] <= 0:
            word = "less negative"
        else:
            word = "warmer"
        return (f"{subject.capitalize()} are {word} {toward} {_with_basis([hi['label']], table)} "
                f"than {toward} {_with_basis([lo['label']], table)}")
    top, bottom = ranked.top, ranked.bottom
    hi, lo = float(values.iloc[0]), float(values.iloc[-1])
    everyone = f"all {count(k, noun)}" + (f" with {min_n} or more scores" if ranked.dropped else "")
    if len(top) == k:  # one value for everyone
        return f"{subject.capitalize()} are equally {_tone_word(hi)} {toward} {everyone}"
    if hi > 0 > lo:
        return (f"{subject.capitalize()} are warmest {toward} {_with_basis(top, table)} "
                f"and coolest {toward} {_with_basis(bottom, table)}")
    if lo > 0:
        return (f"{subject.capitalize()} are positive {toward} {everyone}: most {toward} "
                f"{_with_basis(top, table)}, least {toward} {_with_basis(bottom, table)}")
    if hi < 0:
        return (f"{subject.capitalize()} are negative {toward} {everyone}: least {toward} "
                f"{_with_basis(top, table)}, most {toward} {_with_basis(bottom, table)}")
    if hi > 0:  # lowest is exactly neutral
        return (f"{subject.capitalize()} are positive or neutral {toward} {everyone}: "
                f"most positive {toward} {_with_basis(top, table)}")
    if lo < 0:  # highest is exactly neutral
        return (f"{subject.capitalize()} are negative or neutral {toward} {everyone}: "
                f"most negative {toward} {_with_basis(bottom, table)}")
    return f"{subject.capitalize()} are neutral {toward} {everyone}"


def _tone_word(value: float) -> str:
    if value > 0:
        return "positive"
    if value < 0:
        return "negative"
    return "neutral"


def sentiment_extremes(scores: pd.DataFrame, *, label: str = "actor", value: str = "score",
                       n: str = "n", min_n: int = MIN_N, min_items: int = MIN_ITEMS) -> str:
    """Title for mean sentiment toward each actor (``label, value, n``)."""
    ranked = rank(scores, label, value, n, min_n=min_n)
    return _extremes(ranked, toward="toward", min_n=min_n, min_items=min_items,
                     subject="quoted voices", noun="actor")


def relation_extremes(edges: pd.DataFrame, *, min_n: int = MIN_N, min_items: int = MIN_ITEMS) -> str:
    """Title for the triangle: ``a, b, weight, n`` per pair of actors."""
    table = edges.assign(label=[f"{a}–{b}" for a, b in zip(edges["a"], edges["b"], strict=True)])
    ranked = rank(table, "label", "weight", "n", min_n=min_n)
    return _extremes(ranked, toward="about", min_n=min_n, min_items=min_items,
                     subject="quotes that mention two actors", noun="pair")


# --- claims and frames ------------------------------------------------------------------------


CLAIM_SIDES = {  # (singular, plural) verb phrases
    "against": ("doubts it", "doubt it"),
    "favor": ("backs it", "back it"),
    "none": ("takes no side", "take no side"),
}


def claim_sides(positions: pd.DataFrame, *, position: str = "position") -> str:
    """Title for the voices' stance on a claim: ``positions`` has one row per voice
    with its mean ``position`` (+ backs the claim, − doubts it, 0 takes no side)."""
    values = positions[position].dropna()
    n = len(values)
    if n == 0:
        return "No quoted voice touches the claim"
    sides = {"against": int((values < 0).sum()), "favor": int((values > 0).sum())}
    sides["none"] = n - sides["against"] - sides["favor"]
    present = {side: k for side, k in sides.items() if k}
    if len(present) == 1:
        (side,) = present
        return f"{all_of(n, 'voice')} whose quotes touch the claim {CLAIM_SIDES[side][0 if n == 1 else 1]}"
    parts = [f"{k} {CLAIM_SIDES[side][0 if k == 1 else 1]}" for side, k in present.items()]
    return f"Of {count(n, 'voice')} whose quotes touch the claim, {listing(parts)}"


def frame_uses(uses: pd.Series | Mapping[str, int], *, min_n: int = MIN_N) -> str:
    """Title for how the frames are used: ``uses`` maps a use (endorses, reports,
    dismisses, inverts) to its number of mentions."""
    uses = pd.Series(uses, dtype="float64").dropna()
    uses = uses[uses > 0].astype(int)
    total = int(uses.sum())
    if total == 0:
        return "No frame is invoked in the selection"
    ordered = uses.sort_values(ascending=False, kind="stable")
    parts = [f"{n} {_phrase(use, n)}" for use, n in ordered.items()]
    if total < min_n:
        return f"Only {count(total, 'frame mention')}: {listing(parts)}"
    if len(uses) == 1:
        return f"{all_of(total, 'frame mention')} {_phrase(ordered.index[0], total)}"
    top = int(ordered.iloc[0])
    leaders = list(ordered[ordered == top].index)
    if len(leaders) > 1:
        return f"Of {count(total, 'frame mention')}, {top} each {listing([_phrase(u, 2) for u in leaders])}"
    if top * 2 > total:
        return f"Most frame mentions ({top} of {total}) {_phrase(leaders[0], 2)}"
    return f"Of {count(total, 'frame mention')}, {listing(parts)}"


# --- trade figures -----------------------------------------------------------------------------


VERDICTS = {  # (singular, plural) verb phrases, said of figures
    "consistent": ("is consistent with the official statistics",
                   "are consistent with the official statistics"),
    "differs": ("differs from the official statistics", "differ from the official statistics"),
    "no reference": ("has no official statistic to check against",
                     "have no official statistic to check against"),
}


def verdict_summary(verdicts: pd.Series | Mapping[str, int]) -> str:
    """Sentence for the checks: ``verdicts`` maps consistent/differs/no reference to counts."""
    verdicts = pd.Series(verdicts, dtype="float64").fillna(0).astype(int)
    verdicts = verdicts[verdicts > 0]
    total = int(verdicts.sum())
    if total == 0:
        return "The selection quotes no monetary figure"

    def phrase(verdict: str, k: int) -> str:
        forms = VERDICTS.get(verdict, (f"has the verdict '{verdict}'", f"have the verdict '{verdict}'"))
        return forms[0] if k == 1 else forms[1]

    if len(verdicts) == 1:
        return f"{all_of(total, 'monetary figure')} {phrase(verdicts.index[0], total)}"
    return f"Of {count(total, 'monetary figure')}, {listing(verdict_parts(verdicts))}"


def verdict_parts(verdicts: pd.Series | Mapping[str, int]) -> list[str]:
    """ "1 is consistent with ...", "2 differ from ...": one clause per verdict present."""
    verdicts = pd.Series(verdicts, dtype="float64").fillna(0).astype(int)
    verdicts = verdicts[verdicts > 0]
    order = [v for v in VERDICTS if v in verdicts.index] + [v for v in verdicts.index if v not in VERDICTS]
    parts = []
    for v in order:
        k = int(verdicts[v])
        forms = VERDICTS.get(v, (f"has the verdict '{v}'", f"have the verdict '{v}'"))
        parts.append(f"{k} {forms[0] if k == 1 else forms[1]}")
    return parts


def series_high(series: pd.DataFrame, *, label: str = "series", year: str = "year",
                value: str = "value", min_items: int = MIN_ITEMS) -> str:
    """The high point of one official series (``year, value``), with its year; no "peak"
    claimed from fewer than ``min_items`` years."""
    points = series.dropna(subset=[value]).sort_values(year)
    if points.empty:
        return "No official series for the chosen pairs"
    name = str(points[label].iloc[0]) if label in points else "the series"
    first, last = int(points[year].iloc[0]), int(points[year].iloc[-1])
    if len(points) < min_items:
        listed = listing(f"{money_bn(v)} in {int(y)}" for y, v in zip(points[year], points[value],
                                                                      strict=True))
        return f"{name} trade: {listed}"
    best = points[value].max()
    tops = points[points[value].round(1) == round(best, 1)]
    years = listing(str(int(y)) for y in tops[year])
    if int(tops[year].iloc[-1]) == last and len(tops) == 1:
        return (f"{name} trade was highest in the latest year, {last}: {money_bn(best)} "
                f"({first}–{last}, {count(len(points), 'year')})")
    return f"{name} trade was highest in {years}, at {money_bn(best)} ({first}–{last})"


def claims_on_lines(verdicts: pd.Series) -> str:
    """ "1 of 2 article figures for these pairs and years matches a published total"."""
    verdicts = pd.Series(verdicts).dropna()
    n = len(verdicts)
    if n == 0:
        return "no article figure is for these pairs and years"
    matching = int((verdicts == "consistent").sum())
    if n == 1:
        return ("the one article figure for these pairs and years matches a published total" if matching
                else "the one article figure for these pairs and years matches no published total")
    return (f"{matching} of {count(n, 'article figure')} for these pairs and years "
            f"{verb(matching, 'matches')} a published total")


def rate_fit(figure: str, year: int, fits: pd.DataFrame, own_year: pd.DataFrame) -> str:
    """Sentence for one differing figure against totals published in another currency:
    ``fits`` are the total-and-rate combinations within tolerance (``reference,
    rate_year, usd_bn``), ``own_year`` the totals at the figure's own year's rate."""
    at_own = listing(money_bn(v) for v in own_year["usd_bn"]) if len(own_year) else None
    opening = (f"{figure} ({year}): at the {year} rate the published totals give {at_own}"
               if at_own else f"{figure} ({year}): no published total has a {year} rate")
    if fits.empty:
        return opening + "; no total at any year's rate comes within the tolerance"
    combos = [f"{r.reference} at the {r.rate_year} rate ({money_bn(r.usd_bn)})" for r in fits.itertuples()]
    return (f"{opening}; it fits {count(len(fits), 'combination')} of total and rate: "
            f"{listing(combos)}")


def rate_puzzle_title(figure: str, year: int, own_year: pd.DataFrame) -> str:
    """Title of the rate chart for one figure: ``own_year`` holds the published totals
    converted at the figure's own year's rate (``usd_bn, gap_pct, within_tolerance``)."""
    if own_year.empty:
        return f"No published {year} total in another currency to set against {figure}"
    if own_year["within_tolerance"].any():
        return f"{figure} matches a published total at the {year} exchange rate"
    closest = own_year.loc[own_year["gap_pct"].abs().idxmin()]
    return (f"At the {year} rate no published total gives {figure}; "
            f"the nearest is {money_bn(closest['usd_bn'])}")


# --- the corpus over time and by outlet -------------------------------------------------------


def busiest(counts: pd.Series | Mapping[str, int], *, noun: str, what: str,
            min_items: int = MIN_ITEMS) -> str:
    """ "2022 has the most quotes (412 of 2,045 (20%))", with ties and small sets handled.
    ``counts`` maps a label (year, outlet) to a count of ``noun``; ``what`` names the labels."""
    counts = pd.Series(counts, dtype="float64").dropna()
    counts = counts[counts > 0].astype(int)
    total = int(counts.sum())
    if total == 0:
        return f"No {noun} in the selection"
    if len(counts) < min_items:
        parts = [f"{label}: {n:,}" for label, n in counts.items()]
        return f"{count(total, noun)} across {count(len(counts), what)} ({'; '.join(parts)})"
    top = int(counts.max())
    leaders = [str(x) for x in counts[counts == top].index]
    if len(leaders) == 1:
        return f"{leaders[0]} has the most {plural(noun)}: {share(top, total)}"
    return f"{listing(leaders)} tie for the most {plural(noun)}, with {top:,} each of {total:,}"


def cell_extremes(cells: pd.DataFrame, *, label: str = "label", value: str = "value", n: str = "n",
                  what: str = "pair", min_n: int = MIN_N, min_items: int = MIN_ITEMS) -> str:
    """Title for a grid of means (origin by actor, outlet by actor): the warmest and the
    coolest cell with at least ``min_n`` scores, each cell named by ``label``."""
    ranked = rank(cells, label, value, n, min_n=min_n)
    table = ranked.eligible
    k = len(table)
    if k == 0:
        return f"No {what} has {min_n} or more scores, too few to compare"
    if k < min_items:
        rows = [_with_basis([lab], table) for lab in table["label"]]
        return f"Only {count(k, what)} {verb(k, 'has')} {min_n} or more scores: {listing(rows)}"
    hi, lo = float(table["shown"].iloc[0]), float(table["shown"].iloc[-1])
    if len(ranked.top) == k:
        return f"All {count(k, what)} with {min_n} or more scores have the same mean, {signed(hi)}"
    if hi > 0 > lo:
        return (f"Warmest: {_with_basis(ranked.top, table)}; "
                f"coolest: {_with_basis(ranked.bottom, table)}")
    if lo >= 0:
        return (f"No {what} with {min_n} or more scores is negative; most positive: "
                f"{_with_basis(ranked.top, table)}")
    return (f"No {what} with {min_n} or more scores is positive; most negative: "
            f"{_with_basis(ranked.bottom, table)}")


def trend(points: pd.DataFrame, *, series: str = "series", year: str = "year", value: str = "value",
          n: str = "n", subject: str = "Sentiment toward", min_n: int = MIN_N,
          min_items: int = MIN_ITEMS) -> str:
    """Title for yearly means of several series: the series whose mean moved most between
    its first and last year with at least ``min_n`` scores, among series with at least
    ``min_items`` such years."""
    eligible = points[points[n] >= min_n].dropna(subset=[value])
    moves = []
    for name, group in eligible.groupby(series, sort=False):
        if len(group) < min_items:
            continue
        group = group.sort_values(year)
        first, last = group.iloc[0], group.iloc[-1]
        moves.append((round(float(last[value]) - float(first[value]), 2), str(name), first, last))
    if not moves:
        return (f"Too few scores per year to follow {subject.lower()} any actor over time "
                f"({min_items} years with {min_n} or more scores needed)")
    biggest = max(abs(m[0]) for m in moves)
    leaders = [m for m in moves if abs(m[0]) == biggest]
    change, name, first, last = leaders[0]
    if change == 0:
        return f"{subject} every actor followed over {min_items} or more years ends where it began"
    direction = "rose" if change > 0 else "fell"
    tie = f" (as much as for {listing(m[1] for m in leaders[1:])})" if len(leaders) > 1 else ""
    return (f"{subject} {name} {direction} from {signed(first[value])} in {int(first[year])} to "
            f"{signed(last[value])} in {int(last[year])} (n = {int(first[n])} and {int(last[n])}){tie}, "
            f"the largest move of {count(len(moves), 'actor')} followed")


def leaders_by_group(table: pd.DataFrame, *, group: str, label: str, n: str = "n",
                     noun: str = "voice", group_noun: str = "outlet", max_groups: int = 3) -> str:
    """ "Most quoted voice per outlet: Putin in Kremlin (41); 2 tied in X (3 each)", for
    the first ``max_groups`` groups in ``table``'s order."""
    if table.empty:
        return f"No {noun} in the selection"
    parts = []
    groups = list(dict.fromkeys(table[group]))
    for name in groups[:max_groups]:
        rows = table[table[group] == name]
        top = rows[n].max()
        leaders = sorted(rows.loc[rows[n] == top, label])
        if len(leaders) == 1:
            parts.append(f"{leaders[0]} in {name} ({int(top)})")
        else:
            parts.append(f"{len(leaders)} tied in {name} ({int(top)} each)")
    more = len(groups) - max_groups
    tail = f"; and {count(more, 'other ' + group_noun)}" if more > 0 else ""
    return f"Most quoted {noun} per {group_noun}: " + "; ".join(parts) + tail


def largest_group(counts: pd.Series | Mapping[str, int], *, noun: str, ignore: Sequence[str] = (),
                  min_items: int = 2) -> str:
    """ "American voices are the largest known group: 50 of 99; 420 of 519 unknown" —
    ``ignore`` lists labels (such as "unknown") counted in the whole but never named."""
    counts = pd.Series(counts, dtype="float64").dropna()
    counts = counts[counts > 0].astype(int)
    total = int(counts.sum())
    if total == 0:
        return f"No {noun} in the selection"
    known = counts.drop([i for i in ignore if i in counts.index])
    unknown = total - int(known.sum())
    tail = f"; {unknown:,} of {total:,} unknown" if unknown else ""
    if known.empty:
        return f"No {noun} has a known group ({total:,} in all)"
    if len(known) < min_items:
        return f"All {count(int(known.iloc[0]), noun)} of known group are {known.index[0]}{tail}"
    top = int(known.max())
    leaders = sorted(known[known == top].index)
    if len(leaders) > 1:
        return f"{listing(leaders)} {plural(noun)} are equally numerous, {top:,} each{tail}"
    return f"{leaders[0]} {plural(noun)} are the largest known group: {share(top, int(known.sum()))}{tail}"
