"""Figures in an article: money (with parties, year, measure and qualifiers),
percentages and plain counts.

A sentence is read in three steps:

1. *amounts*: every ``$245bn``, ``€257.5bn``, ``1.74tn yuan``, ``35.8%`` or
   ``10,000 troops`` (patterns built from ``data/currencies.csv`` and ``data/scales.csv``);
2. *scopes*: the sentence is cut between neighbouring amounts at the last clause
   break (``data/figures.toml``), so "less than Moscow's $270bn" belongs to the
   second figure of "…hit $245bn last year — a record but still less than Moscow's
   $270bn…";
3. *attributes*: parties (actor mentions nearest the amount, via
   ``geolib.actors``), measure (``data/measures.csv``), qualifiers
   (``data/qualifiers.csv``) and year (explicit, or relative and resolved against
   the article's date) are read from the amount's scope.

Regular expressions rather than a trained NER model: geolib ships no model, and
the formats are a closed, data-driven set.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geolib.actors import ActorMention, find_actor_mentions
from geolib.model import Article
from geolib.paths import PACKAGE_DATA
from geolib.segment import Segment, Segmentation, segment

FIGURE_PARAGRAPH_KINDS = ("title", "standfirst", "body", "heading", "caption")
KINDS = ("money", "percent", "count")

_NUMBER = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_YEAR = r"(?<![\w$€£¥₽.,])(?:1[89]|20)\d{2}(?![\w%]|[.,]\d)"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Qualifier:
    """A phrase that qualifies a figure: placed right ``before`` it, or ``near`` it."""

    phrase: str
    qualifier: str
    bound: str  # "approximate", "lower", "upper" or ""
    placement: str  # "before" or "near"


@dataclass(frozen=True, eq=False)  # hashed by identity, so patterns can be cached
class Lexicon:
    """The word lists and grammar the extractor reads (see ``load_lexicon``)."""

    currencies_before: dict[str, str]
    currencies_after: dict[str, str]
    scales: dict[str, float]
    measures: tuple[tuple[str, str, str], ...]  # (term, measure, reference flow)
    qualifiers: tuple[Qualifier, ...]
    grammar: dict


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def load_lexicon(folder: Path = PACKAGE_DATA) -> Lexicon:
    """Read ``currencies.csv``, ``scales.csv``, ``measures.csv``, ``qualifiers.csv``
    and ``figures.toml`` from ``folder`` (the package data by default)."""
    folder = Path(folder)
    currencies = _rows(folder / "currencies.csv")
    with open(folder / "figures.toml", "rb") as handle:
        grammar = tomllib.load(handle)
    return Lexicon(
        currencies_before={r["term"]: r["currency"] for r in currencies if r["position"] == "before"},
        currencies_after={r["term"]: r["currency"] for r in currencies if r["position"] == "after"},
        scales={r["term"]: float(r["scale"]) for r in _rows(folder / "scales.csv")},
        measures=tuple((r["term"], r["measure"], r["flow"]) for r in _rows(folder / "measures.csv")),
        qualifiers=tuple(
            Qualifier(r["phrase"], r["qualifier"], r["bound"], r["placement"])
            for r in _rows(folder / "qualifiers.csv")
        ),
        grammar=grammar,
    )


def _alternation(terms: object) -> str:
    """Regex alternation of literal terms, longest first (the regex takes the first)."""
    return "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    money_before: re.Pattern[str]
    money_after: re.Pattern[str]
    percent: re.Pattern[str]
    count: re.Pattern[str]
    breaks: re.Pattern[str]
    year: re.Pattern[str]
    relative: tuple[tuple[re.Pattern[str], int, str], ...]
    measures: re.Pattern[str]


@lru_cache(maxsize=4)
def _patterns(lexicon: Lexicon) -> _Patterns:
    scale = rf"(?:{_alternation(lexicon.scales)})(?![A-Za-z])"
    per_year = "|".join(lexicon.grammar.get("per_year_suffixes", []))
    rate = rf"(?P<rate>{per_year})?" if per_year else "(?P<rate>(?!))?"
    before = rf"(?<![A-Za-z])(?:{_alternation(lexicon.currencies_before)})"
    money_before = (
        rf"(?P<cur>{before})\s?(?P<n1>{_NUMBER})(?:\s?(?P<s1>{scale}))?"
        rf"(?:\s?[-–]\s?(?:{before})?\s?(?P<n2>{_NUMBER})(?:\s?(?P<s2>{scale}))?)?{rate}"
    )
    money_after = (
        rf"(?P<n1>{_NUMBER})(?:\s?[-–]\s?(?P<n2>{_NUMBER}))?\s?(?P<s1>{scale})?\s?"
        rf"(?P<cur>{_alternation(lexicon.currencies_after)})(?![A-Za-z]){rate}"
    )
    percent = (
        rf"(?P<n1>{_NUMBER})(?:\s?[-–]\s?(?P<n2>{_NUMBER}))?\s?"
        r"(?:%|per\s?cent\b|percent\b|pc\b|percentage points?\b)"
    )
    # "10,000 trucks", "1.5 million tonnes", "400 Chinese companies" (one proper adjective).
    count = (rf"(?P<n1>{_NUMBER})(?:\s?(?P<s1>{scale}))?\s(?:[A-Z][\w-]*\s)?"
             r"(?P<unit>[a-z][a-z-]*[a-z])")
    numbers = _alternation(lexicon.grammar.get("number_words", {}))
    relative = tuple(
        (
            re.compile(
                r"\b" + entry["pattern"].replace("{n}", rf"(?P<n>\d+|{numbers})") + r"\b",
                re.IGNORECASE,
            ),
            int(entry["offset"]),
            entry["anchor"],
        )
        for entry in lexicon.grammar.get("relative_years", [])
    )
    skip = "|".join(lexicon.grammar.get("year_skip_before", [])) or "(?!)"
    measures = _alternation(term for term, _, _ in lexicon.measures)
    return _Patterns(
        money_before=re.compile(money_before),
        money_after=re.compile(money_after, re.IGNORECASE),
        percent=re.compile(percent, re.IGNORECASE),
        count=re.compile(count),
        breaks=re.compile("|".join(lexicon.grammar["clause_breaks"]), re.IGNORECASE),
        year=re.compile(rf"(?:\b(?P<skip>{skip})\s+)?(?P<year>{_YEAR})", re.IGNORECASE),
        relative=relative,
        measures=re.compile(rf"\b(?:{measures})\b", re.IGNORECASE),
    )


# ------------------------------------------------------------------------ records


@dataclass
class Figure:
    """One figure as stated in an article, with what it is about.

    ``value`` is as stated (the midpoint of a range, whose ends are ``value_low``
    and ``value_high``); ``value_usd_bn`` is the money amount in billions of US
    dollars, converted at the average rate of ``usd_rate_year`` when not in USD.
    """

    file: str
    article_id: str
    figure_id: str
    start: int
    end: int
    text: str
    kind: str
    value: float
    value_low: float
    value_high: float
    currency: str | None
    scale: float
    unit: str | None
    value_usd_bn: float | None
    usd_rate_year: int | None
    year: int | None
    year_text: str | None
    parties: list[str] = field(default_factory=list)
    measure: str | None = None
    flow: str | None = None
    direction: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    bound: str | None = None
    sentence: str = ""
    paragraph: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Amount:
    """An amount found in a sentence (offsets into the sentence)."""

    start: int
    end: int
    kind: str
    low: float
    high: float
    scale: float
    currency: str | None = None
    unit: str | None = None
    per_year: bool = False


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scale(lexicon: Lexicon, term: str | None) -> float:
    if not term:
        return 1.0
    return lexicon.scales.get(term, lexicon.scales.get(term.lower(), 1.0))


def _money(match: re.Match[str], currencies: dict[str, str], lexicon: Lexicon) -> _Amount:
    scale_2 = _scale(lexicon, match.group("s2")) if "s2" in match.re.groupindex else None
    scale_1 = _scale(lexicon, match.group("s1")) if match.group("s1") else (scale_2 or 1.0)
    low = _number(match.group("n1"))
    high = _number(match.group("n2")) if match.group("n2") else low
    if scale_2 and match.group("n2") and scale_2 != scale_1:
        high = high * scale_2 / scale_1  # "$800m-$1.2bn": both ends in the first scale
    currency = currencies.get(match.group("cur")) or currencies.get(match.group("cur").lower())
    if currency is None:  # a case-insensitive match of a word currency ("Dollars")
        currency = {k.lower(): v for k, v in currencies.items()}[match.group("cur").lower()]
    return _Amount(match.start(), match.end(), "money", low, high, scale_1, currency=currency,
                   per_year=bool(match.group("rate")))


def _is_count(sentence: str, match: re.Match[str], lexicon: Lexicon) -> bool:
    """A plain number is a count when it is not a year, a date, or a duration."""
    number, unit = match.group("n1"), match.group("unit")
    if re.fullmatch(r"(?:1[89]|20)\d{2}", number) and not match.group("s1"):
        return False
    if unit in lexicon.grammar.get("count_unit_skip", []):
        return False
    if re.search(rf"\b{_MONTHS}\s*$", sentence[: match.start()]) or re.match(_MONTHS, unit, re.I):
        return False
    return bool(match.group("s1")) or "," in number or unit.endswith("s")


def find_amounts(sentence: str, lexicon: Lexicon | None = None) -> list[_Amount]:
    """Money, percentages and counts in ``sentence``, left to right, never overlapping
    (money wins over a percentage, a percentage over a count)."""
    lexicon = lexicon or load_lexicon()
    patterns = _patterns(lexicon)
    found: list[_Amount] = []
    for match in patterns.money_before.finditer(sentence):
        found.append(_money(match, lexicon.currencies_before, lexicon))
    for match in patterns.money_after.finditer(sentence):
        found.append(_money(match, lexicon.currencies_after, lexicon))
    for match in patterns.percent.finditer(sentence):
        low = _number(match.group("n1"))
        high = _number(match.group("n2")) if match.group("n2") else low
        found.append(_Amount(match.start(), match.end(), "percent", low, high, 1.0, unit="%"))
    for match in patterns.count.finditer(sentence):
        if _is_count(sentence, match, lexicon):
            number_end = match.end("s1") if match.group("s1") else match.end("n1")
            found.append(_Amount(match.start(), number_end, "count", _number(match.group("n1")),
                                 _number(match.group("n1")), _scale(lexicon, match.group("s1")),
                                 unit=match.group("unit")))
    chosen: list[_Amount] = []
    for amount in found:  # in priority order: keep the first of overlapping amounts
        if all(amount.end <= other.start or amount.start >= other.end for other in chosen):
            chosen.append(amount)
    chosen.sort(key=lambda a: a.start)
    return _merge_ranges(sentence, chosen)


def _merge_ranges(sentence: str, amounts: list[_Amount]) -> list[_Amount]:
    """Join "$200bn to $250bn" and "between $200bn and $250bn" into one range
    ("from $200bn to $250bn" is a change, two figures)."""
    merged: list[_Amount] = []
    for amount in amounts:
        last = merged[-1] if merged else None
        if last and last.kind == amount.kind == "money" and last.currency == amount.currency:
            gap = sentence[last.end: amount.start]
            before = sentence[: last.start]
            is_range = (re.fullmatch(r"\s+to\s+", gap) and not re.search(r"\bfrom\s+$", before)) or (
                re.fullmatch(r"\s+and\s+", gap) and re.search(r"\bbetween\s+$", before)
            )
            if is_range:
                high = amount.high * amount.scale / last.scale
                merged[-1] = _Amount(last.start, amount.end, "money", last.low, high, last.scale,
                                     currency=last.currency, per_year=amount.per_year)
                continue
        merged.append(amount)
    return merged


# ------------------------------------------------------------------------- scopes


def _boundary(sentence: str, left: _Amount, right: _Amount, lexicon: Lexicon,
              mentions: list[ActorMention]) -> int:
    """Where ``left``'s scope ends and ``right``'s begins: the last clause break
    between them, else a possessive actor right before ``right`` ("Moscow's $270bn"),
    else a qualifier right before it ("roughly $575bn")."""
    patterns = _patterns(lexicon)
    breaks = [m.start() for m in patterns.breaks.finditer(sentence, left.end, right.start)]
    if breaks:
        return breaks[-1]
    for mention in mentions:
        if left.end <= mention.start and re.fullmatch(r"['’]s\s+", sentence[mention.end: right.start]):
            return mention.start
    return right.start - len(_adjacent_qualifier(sentence[left.end: right.start], lexicon))


def _adjacent_qualifier(before: str, lexicon: Lexicon) -> str:
    """The "before" qualifier phrase (with trailing article) that ``before`` ends with."""
    for qualifier in sorted(lexicon.qualifiers, key=lambda q: len(q.phrase), reverse=True):
        if qualifier.placement != "before":
            continue
        phrase = re.escape(qualifier.phrase).replace(r"\ ", r"\s+")
        match = re.search(rf"(?<![\w-]){phrase}\s+(?:(?:a|an|the)\s+)?$", before, re.IGNORECASE)
        if match:
            return match.group(0)
    return ""


def _clauses(sentence: str, lo: int, hi: int, patterns: _Patterns) -> list[tuple[int, int]]:
    """``sentence[lo:hi]`` cut at clause breaks (each break starts a clause)."""
    cuts = [lo, *(m.start() for m in patterns.breaks.finditer(sentence, lo, hi) if m.start() > lo), hi]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _core_regions(sentence: str, amount: _Amount, lo: int, hi: int,
                  patterns: _Patterns) -> list[tuple[int, int]]:
    """Regions around ``amount``, nearest first: its own clause (the leading clause
    and the text up to the next break), then the earlier clauses of its scope."""
    following = patterns.breaks.search(sentence, amount.end, hi)
    trailing_end = following.start() if following else hi
    leading = _clauses(sentence, lo, amount.start, patterns) or [(amount.start, amount.start)]
    own = (leading[-1][0], trailing_end)
    return [own, *reversed(leading[:-1])]


def _parties(mentions: list[ActorMention], regions: list[tuple[int, int]]) -> list[ActorMention]:
    """Actor mentions of the nearest regions, widening until two actors are found."""
    chosen: list[ActorMention] = []
    for lo, hi in regions:
        chosen.extend(m for m in mentions if lo <= m.start and m.end <= hi)
        if len({m.actor for m in chosen}) >= 2:
            break
    return sorted(chosen, key=lambda m: m.start)


def _distinct(mentions: list[ActorMention]) -> list[str]:
    return list(dict.fromkeys(m.actor for m in mentions))


def _direction(sentence: str, flow: str | None, parties: list[str],
               mentions: list[ActorMention]) -> str | None:
    """``"China->Russia"`` for exports or imports between two parties: "to"/"into"
    marks the destination, "from" the origin; else the first-named party is the
    exporter of exports and the importer of imports."""
    if flow not in ("exports", "imports") or len(parties) != 2:
        return None
    marked = {}
    for mention in mentions:
        preposition = re.search(r"\b(to|into|from)\s+(?:the\s+)?$", sentence[: mention.start], re.I)
        if preposition:
            marked.setdefault(preposition.group(1).lower(), mention.actor)
    destination = marked.get("to") or marked.get("into")
    origin = marked.get("from")
    if destination:
        origin = origin or next(p for p in parties if p != destination)
    elif origin:
        destination = next(p for p in parties if p != origin)
    elif flow == "exports":
        origin, destination = parties
    else:
        destination, origin = parties
    return None if origin == destination else f"{origin}->{destination}"


def _measure(sentence: str, lexicon: Lexicon, patterns: _Patterns, amount: _Amount,
             regions: list[tuple[int, int]]) -> tuple[str, str] | None:
    """``(measure, reference flow)`` of the measure word nearest the amount."""
    by_term = {term.lower(): (measure, flow) for term, measure, flow in lexicon.measures}
    for lo, hi in regions:
        found = list(patterns.measures.finditer(sentence, lo, hi))
        if found:
            nearest = min(found, key=lambda m: min(abs(m.start() - amount.end),
                                                   abs(amount.start - m.end())))
            return by_term[nearest.group(0).lower()]
    return None


def _qualifiers(sentence: str, lexicon: Lexicon, amount: _Amount, lo: int,
                hi: int) -> tuple[list[str], str | None]:
    """Qualifier labels of the amount, and its bound when a bound phrase directly
    precedes it ("more than $200bn"); a comparison further off is a label only."""
    labels: list[str] = []
    bound = None
    adjacent = _adjacent_qualifier(sentence[lo: amount.start], lexicon)
    for qualifier in lexicon.qualifiers:
        phrase = re.escape(qualifier.phrase).replace(r"\ ", r"\s+")
        if qualifier.placement == "before" and re.match(rf"{phrase}\b", adjacent, re.IGNORECASE):
            labels.append(qualifier.qualifier)
            bound = qualifier.bound or None
            break
    taken: list[tuple[int, int]] = []  # a longer phrase hides the shorter it contains
    near = [q for q in lexicon.qualifiers if q.placement == "near"]
    for qualifier in sorted(near, key=lambda q: len(q.phrase), reverse=True):
        phrase = re.escape(qualifier.phrase).replace(r"\ ", r"\s+")
        for match in re.finditer(rf"(?<![\w-]){phrase}(?![\w-])", sentence[lo:hi], re.IGNORECASE):
            if all(match.end() <= a or match.start() >= b for a, b in taken):
                taken.append(match.span())
                labels.append(qualifier.qualifier)
    if amount.high != amount.low:
        labels.append("range")
    if amount.per_year:
        labels.append("per year")
    return list(dict.fromkeys(labels)), bound


# -------------------------------------------------------------------------- years


@dataclass(frozen=True)
class _YearMention:
    start: int  # in the paragraph's clean text
    end: int
    year: int | None
    text: str


def _explicit_years(text: str, patterns: _Patterns, offset: int = 0) -> list[_YearMention]:
    return [
        _YearMention(offset + m.start("year"), offset + m.end("year"), int(m.group("year")),
                     m.group(0))
        for m in patterns.year.finditer(text)
        if not m.group("skip")
    ]


def _year_mentions(paragraph: str, lexicon: Lexicon, patterns: _Patterns,
                   published_year: int | None, taken: list[tuple[int, int]]) -> list[_YearMention]:
    """Every year expression of a paragraph, explicit or relative, resolved to a year.

    Read left to right: a "context" expression ("two years later", "a year earlier")
    counts from the year expression before it, else from the publication year.
    """
    numbers = {k.lower(): v for k, v in lexicon.grammar.get("number_words", {}).items()}
    # (start, end, text, explicit year or None, offset per unit, unit count, anchor)
    found = [
        (y.start, y.end, y.text, y.year, 0, 0, "")
        for y in _explicit_years(paragraph, patterns)
        if all(y.end <= a or y.start >= b for a, b in taken)
    ]
    for pattern, offset, anchor in patterns.relative:
        for match in pattern.finditer(paragraph):
            n = match.groupdict().get("n")
            count = 1 if n is None else int(n) if n.isdigit() else numbers[n.lower()]
            found.append((match.start(), match.end(), match.group(0), None, offset, count, anchor))
    found.sort(key=lambda f: (f[0], -f[1]))
    mentions: list[_YearMention] = []
    last_end = -1
    for start, end, text, explicit, offset, count, anchor in found:
        if start < last_end:
            continue  # inside a longer expression already read
        last_end = end
        if explicit is not None:
            year = explicit
        else:
            base = published_year
            if anchor == "context" and mentions and mentions[-1].year is not None:
                base = mentions[-1].year
            year = None if base is None else base + offset * count
        mentions.append(_YearMention(start, end, year, text))
    return mentions


def _nearest_year(years: list[_YearMention], amount_start: int, amount_end: int,
                  regions: list[tuple[int, int]]) -> _YearMention | None:
    for lo, hi in regions:
        inside = [y for y in years if lo <= y.start and y.end <= hi]
        if inside:
            return min(inside, key=lambda y: min(abs(y.start - amount_end), abs(amount_start - y.end)))
    return None


# ------------------------------------------------------------------------ reading


@lru_cache(maxsize=4)
def _anaphor_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    words = lexicon.grammar.get("party_anaphors", [])
    return re.compile(rf"\b(?:{'|'.join(words) or '(?!)'})\b", re.IGNORECASE)


def _inherit_parties(parties: list[str], previous: Figure | None, neighbour: Figure | None,
                     anaphoric: bool, unknown_partner: bool) -> list[str]:
    """Parties carried over from an earlier figure: the missing ones from the figure
    just before in the same sentence when the clause names none or only one of them
    ("…fell 6.9% to $228.1bn", "…while exports to China slipped to $143bn") and no
    other partner (``unknown_partner``: "…with India"); from the paragraph's previous
    money figure when the clause refers back ("its exports", "the two")."""
    if len(parties) >= 2:
        return parties
    if anaphoric and previous is not None and (neighbour is not None or not parties):
        return list(dict.fromkeys([*parties, *previous.parties]))
    if neighbour is not None and not unknown_partner and set(parties) <= set(neighbour.parties):
        return list(dict.fromkeys([*parties, *neighbour.parties]))
    return parties


def _names_unknown_partner(sentence: str, lo: int, hi: int,
                           mentions: list[ActorMention]) -> bool:
    """Does ``sentence[lo:hi]`` name a partner geolib has no actor for ("with India")?"""
    for match in re.finditer(r"\b(?:with|to|from|and|between)\s+(?:the\s+)?([A-Z][\w-]+)",
                             sentence[lo:hi]):
        at = lo + match.start(1)
        if not any(m.start <= at < m.end for m in mentions):
            return True
    return False


def _usd_bn(amount: _Amount, year: int | None, published_year: int | None,
            rates: pd.DataFrame) -> tuple[float | None, int | None]:
    """Money in USD bn, and the year whose average rate converted it (None for USD)."""
    from geolib.reference import usd_rate

    billions = (amount.low + amount.high) / 2 * amount.scale / 1e9
    if amount.currency == "USD":
        return billions, None
    rate = usd_rate(rates, amount.currency, year if year is not None else published_year)
    if rate is None:
        return None, None
    return billions * rate[0], rate[1]


def _paragraph_figures(article: Article, seg: Segment, lexicon: Lexicon,
                       rates: pd.DataFrame) -> list[Figure]:
    patterns = _patterns(lexicon)
    index, paragraph, text = seg.index, seg.paragraph, seg.text
    published_year = article.published.year if article.published else None
    sentences = [(s, e, find_amounts(text[s:e], lexicon)) for s, e in seg.sentences]
    taken = [(s + a.start, s + a.end) for s, _, amounts in sentences for a in amounts]
    years = _year_mentions(text, lexicon, patterns, published_year, taken)
    anaphor = _anaphor_pattern(lexicon)
    figures: list[Figure] = []
    previous: Figure | None = None  # the paragraph's last money figure
    for s, e, amounts in sentences:
        sentence = text[s:e]
        neighbour: Figure | None = None  # the figure before, in this sentence
        mentions = find_actor_mentions(sentence)
        local_years = [_YearMention(y.start - s, y.end - s, y.year, y.text)
                       for y in years if s <= y.start and y.end <= e]
        cuts = [0] + [_boundary(sentence, a, b, lexicon, mentions)
                      for a, b in zip(amounts, amounts[1:], strict=False)] + [len(sentence)]
        for amount, lo, hi in zip(amounts, cuts, cuts[1:], strict=False):
            regions = _core_regions(sentence, amount, lo, hi, patterns)
            party_mentions = _parties(mentions, regions)
            measure = _measure(sentence, lexicon, patterns, amount,
                               [*regions, (lo, hi), (0, amount.start)])
            if amount.kind == "count":
                measure = (amount.unit, None)
            year = _nearest_year(local_years, amount.start, amount.end,
                                 [*regions, (0, amount.start), (amount.end, len(sentence))])
            qualifiers, bound = _qualifiers(sentence, lexicon, amount, lo, hi)
            parties = _inherit_parties(
                _distinct(party_mentions), previous, neighbour,
                anaphoric=bool(anaphor.search(sentence, lo, hi)),
                unknown_partner=_names_unknown_partner(sentence, lo, hi, mentions))
            if measure is None and neighbour is not None and neighbour.kind != "count":
                measure = (neighbour.measure, neighbour.flow) if neighbour.measure else None
            year_value = year.year if year else None
            usd, rate_year = (_usd_bn(amount, year_value, published_year, rates)
                              if amount.kind == "money" else (None, None))
            start, end = paragraph.raw_span(s + amount.start, s + amount.end)
            figure = Figure(
                file=article.file,
                article_id=article.id,
                figure_id="",  # numbered in reading order by extract_figures
                start=start,
                end=end,
                text=sentence[amount.start: amount.end],
                kind=amount.kind,
                value=(amount.low + amount.high) / 2,
                value_low=amount.low,
                value_high=amount.high,
                currency=amount.currency,
                scale=amount.scale,
                unit=amount.unit if amount.kind != "money" else None,
                value_usd_bn=usd,
                usd_rate_year=rate_year,
                year=year_value,
                year_text=year.text if year else None,
                parties=parties,
                measure=measure[0] if measure else None,
                flow=(measure[1] or None) if measure else None,
                direction=_direction(sentence, measure[1] if measure else None, parties,
                                     party_mentions),
                qualifiers=qualifiers,
                bound=bound,
                sentence=sentence.strip(),
                paragraph=index,
            )
            figures.append(figure)
            neighbour = figure
            if amount.kind == "money":
                previous = figure
    return figures


def extract_figures(
    article: Article, segmentation: Segmentation | None = None, rates: pd.DataFrame | None = None
) -> list[Figure]:
    """Every money figure, percentage and count in the article's title, standfirst,
    headings, captions and body, in reading order.

    ``rates`` (``geolib.reference.load_rates()`` by default) converts non-USD money."""
    from geolib.reference import load_rates

    rates = load_rates() if rates is None else rates
    segmentation = segmentation or segment(article)
    lexicon = load_lexicon()
    figures: list[Figure] = []
    for seg in segmentation.of_kinds(FIGURE_PARAGRAPH_KINDS):
        figures.extend(_paragraph_figures(article, seg, lexicon, rates))
    for n, figure in enumerate(figures, 1):
        figure.figure_id = f"{article.id}:f{n:03d}"
    return figures


def figure_records(figures: list[Figure]) -> list[dict]:
    """Figures as plain dicts (for tables, JSONL and CSV); their checks are the ``checks``
    stage's (``geolib.checks.check_records``)."""
    return [figure.to_dict() for figure in figures]
