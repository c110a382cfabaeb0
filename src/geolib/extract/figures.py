"""Figures in an article: money (with parties, year, measure and qualifiers),
percentages and plain counts.

A paragraph is read sentence by sentence, in four steps:

1. *amounts* (``geolib.extract.amounts``): money in every notation ("$245bn",
   "58.6 billion dlr", "350 to 400 mln stg", "between two and three billion euros"),
   percentages and counts; a scaled number with no currency ("up from 3.04 billion")
   takes the currency of the money figure it is compared with or follows
   (``_carried_currency``);
2. *scopes*: the sentence is cut between neighbouring amounts at the last clause
   break (``data/figures.toml``), so "less than Moscow's $270bn" belongs to the
   second figure of "…hit $245bn last year — a record but still less than Moscow's
   $270bn…";
3. *attributes*, read from the amount's scope: parties (the economies named nearest,
   ``data/actors.csv`` and ``data/economies.csv``; a figure of a national measure that
   names only a partner, or none, "a $43.1bn deficit with China", gets its subject from
   the figures before it or from the article's home, its dateline or outlet), measure
   (``data/measures.csv``: the noun the amount heads, "a $5bn deficit", "$5bn in aid",
   else the nearest, specific terms before generic ones), qualifiers
   (``data/qualifiers.csv``);
4. *year*: a year stated in the clause, else a relative one resolved against the
   publication date ("last year", "in August", "December's", "the first quarter"),
   else the year before an event the reference data dates ("before the war"); never a
   reference point or target ("since October 2008", "by 2025"); else the year of the
   figure before it, else the publication year. ``year_basis`` says which.

Regular expressions over data files rather than a trained NER model: geolib ships no
model, and the formats are a closed, data-driven set (see ``geolib.extract.amounts`` for
why no quantity library either).
"""

from __future__ import annotations

import calendar
import csv
import re
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geolib.actors import Actor, ActorMention, find_actor_mentions, load_actors, read_actors_csv
from geolib.extract.amounts import Amount, Notation, find_amounts, load_notation
from geolib.model import Article
from geolib.paths import PACKAGE_DATA
from geolib.segment import Segment, Segmentation, segment

FIGURE_PARAGRAPH_KINDS = ("title", "standfirst", "body", "heading", "caption")
KINDS = ("money", "percent", "count")
YEAR_BASES = ("stated", "relative", "event", "context", "published")
"""How a figure's year was found: written in the text; resolved against the publication
date ("last year", "in August"); the year before a dated event ("before the war"); taken
from the figure before it; or assumed to be the publication year."""

_YEAR = r"(?<![\w$€£¥₽.,])(?:1[89]|20)\d{2}(?![\w%]|[.,]\d)"
_MONTH_NAMES = [m for m in calendar.month_name if m]
_MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                        "Dec"]
_MONTH = ("(?:" + "|".join([*_MONTH_NAMES, *(m.upper() for m in _MONTH_NAMES)])
          + "|" + "|".join(rf"{m}\." for m in _MONTH_ABBREVIATIONS) + ")")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Qualifier:
    """A phrase that qualifies a figure: placed right ``before`` it, or ``near`` it."""

    phrase: str
    qualifier: str
    bound: str  # "approximate", "lower", "upper" or ""
    placement: str  # "before" or "near"


@dataclass(frozen=True)
class Measure:
    """What a figure measures, named by ``term``: ``priority`` 1 for a specific term
    ("deficit", "exports"), 2 for a general one ("trade", "goods"), 3 for words that
    name a figure only when the amount heads them ("a $5bn deal"); ``national``: a
    country's aggregate (its subject may be implied by the article)."""

    term: str
    measure: str
    flow: str
    priority: int
    national: bool


@dataclass(frozen=True, eq=False)  # hashed by identity, so patterns can be cached
class Lexicon:
    """The word lists and grammar the extractor reads (see ``load_lexicon``)."""

    notation: Notation
    measures: tuple[Measure, ...]
    qualifiers: tuple[Qualifier, ...]
    parties: tuple[Actor, ...]  # geolib's actors, then the other economies
    grammar: dict


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def load_lexicon(folder: Path = PACKAGE_DATA) -> Lexicon:
    """Read ``measures.csv``, ``qualifiers.csv``, ``economies.csv``, ``figures.toml`` and
    the notation (``geolib.extract.amounts.load_notation``) from ``folder``."""
    folder = Path(folder)
    with open(folder / "figures.toml", "rb") as handle:
        grammar = tomllib.load(handle)
    actors = load_actors() if folder == PACKAGE_DATA else read_actors_csv(folder / "actors.csv")
    return Lexicon(
        notation=load_notation(folder),
        measures=tuple(Measure(r["term"], r["measure"], r["flow"], int(r["priority"] or 2),
                               r["national"] == "1")
                       for r in _rows(folder / "measures.csv")),
        qualifiers=tuple(
            Qualifier(r["phrase"], r["qualifier"], r["bound"], r["placement"])
            for r in _rows(folder / "qualifiers.csv")
        ),
        parties=(*actors, *read_actors_csv(folder / "economies.csv")),
        grammar=grammar,
    )


def _alternation(terms: object) -> str:
    """Regex alternation of literal terms, longest first (the regex takes the first)."""
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    breaks: re.Pattern[str]
    year: re.Pattern[str]
    skip: re.Pattern[str]
    month: re.Pattern[str]
    quarter: re.Pattern[str]
    relative: tuple[tuple[re.Pattern[str], int, str, str], ...]
    events: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    measures: re.Pattern[str]
    head_after: re.Pattern[str]
    head_before: re.Pattern[str]
    comparison: re.Pattern[str]
    partner: re.Pattern[str]


@lru_cache(maxsize=4)
def _patterns(lexicon: Lexicon) -> _Patterns:
    grammar = lexicon.grammar
    numbers = _alternation(lexicon.notation.number_words)
    relative = tuple(
        (
            re.compile(
                r"\b" + entry["pattern"].replace("{n}", rf"(?P<n>\d+|{numbers})") + r"\b",
                re.IGNORECASE,
            ),
            int(entry["offset"]),
            entry["anchor"],
            entry.get("unit", "year"),
        )
        for entry in grammar.get("relative_years", [])
    )
    skip = "|".join(grammar.get("year_skip_before", [])) or "(?!)"
    measures = _alternation(m.term for m in lexicon.measures)
    # A time expression after a skip word ("since October 2008", "by the end of 2025",
    # "since last year"): the whole of it is a reference point, not the figure's time.
    period = (rf"(?:(?:early|late|mid|the\s+(?:start|end|beginning|middle)\s+of)[\s-]+)?"
              rf"(?:{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?\s+{_YEAR}|{_MONTH}|{_YEAR}"
              rf"|(?:last|this|next)\s+year|the\s+(?:first|second|third|fourth)\s+quarter"
              rf"(?:\s+of\s+{_YEAR})?)")
    comparisons = "|".join(grammar.get("comparison_cues", [])) or "(?!)"
    partners = "|".join(grammar.get("partner_cues", [])) or "(?!)"
    qualifier_words = _alternation(q.phrase for q in lexicon.qualifiers if q.placement == "before")
    connectors = "|".join(grammar.get("head_connectors", [])) or "(?!)"
    return _Patterns(
        breaks=re.compile("|".join(grammar["clause_breaks"]), re.IGNORECASE),
        year=re.compile(_YEAR),
        skip=re.compile(rf"\b(?:{skip})\s+{period}", re.IGNORECASE),
        month=re.compile(rf"\b(?P<month>{_MONTH})(?![\w])(?:['’]s)?"
                         rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?"),
        quarter=re.compile(rf"\b(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)"
                           rf"[\s-]+(?P<unit>quarter|half)|Q(?P<q>[1-4]))\b"
                           rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?", re.IGNORECASE),
        relative=relative,
        events=tuple((re.compile(e["pattern"], re.IGNORECASE), re.compile(e["event"], re.IGNORECASE))
                     for e in grammar.get("events", [])),
        measures=re.compile(rf"\b(?:{measures})\b", re.IGNORECASE),
        head_after=re.compile(
            rf"(?:\s*(?:{connectors}))?\s+(?:[A-Za-z.’'-]+\s+){{0,2}}?(?P<term>{measures})\b",
            re.IGNORECASE),
        head_before=re.compile(
            rf"\b(?P<term>{measures})\s+(?:(?:{connectors})\s+)"
            rf"(?:(?:a|an|the)\s+)?(?:(?:{qualifier_words})\s+(?:(?:a|an|the)\s+)?)?$", re.IGNORECASE),
        comparison=re.compile(rf"\b(?:{comparisons})\s+(?:(?:{qualifier_words})\s+)?(?:(?:a|an|the)\s+)?$",
                              re.IGNORECASE),
        partner=re.compile(rf"\b(?:{partners})\s+(?:the\s+)?$", re.IGNORECASE),
    )


# ------------------------------------------------------------------------ records


@dataclass
class Figure:
    """One figure as stated in an article, with what it is about.

    ``value`` is as stated (the midpoint of a range, whose ends are ``value_low``
    and ``value_high``); ``value_usd_bn`` is the money amount in billions of US
    dollars, converted at the average rate of ``usd_rate_year`` when not in USD.
    ``year_basis`` says how ``year`` was found (see ``YEAR_BASES``);
    ``implied_parties`` are parties the sentence does not name (the article's home,
    or the subject of the figures before it).
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
    year_basis: str | None = None
    implied_parties: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------- amounts


@dataclass
class _Found:
    """An amount of a sentence, with what the sentence says about it."""

    amount: Amount
    compared: bool = False  # introduced as a comparison ("up from", "compared with")


def _carried_currency(sentence: str, bare: Amount, amounts: list[Amount], previous: _Recent | None,
                      lexicon: Lexicon, patterns: _Patterns, paragraph_index: int) -> str | None:
    """The currency of a bare scaled number ("up from 3.04 billion"): that of a money
    figure in the same sentence, else of the money figure before it in the paragraph,
    else of a recent one (two paragraphs back at most) when the sentence names a money
    measure ("exports", "deficit")."""
    same = [a for a in amounts if a.kind == "money"]
    if same:
        before = [a for a in same if a.end <= bare.start]
        return (before[-1] if before else same[0]).currency
    if previous is None:
        return None
    has_measure = bool(patterns.measures.search(sentence))
    if previous.paragraph == paragraph_index and (
            has_measure or patterns.comparison.search(sentence[: bare.start])):
        return previous.currency
    if has_measure and paragraph_index - previous.paragraph <= 2:
        return previous.currency
    return None


# ------------------------------------------------------------------------- scopes


def _boundary(sentence: str, left: Amount, right: Amount, lexicon: Lexicon,
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


def _core_regions(sentence: str, amount: Amount, lo: int, hi: int,
                  patterns: _Patterns) -> list[tuple[int, int]]:
    """Regions around ``amount``, nearest first: its own clause (the leading clause
    and the text up to the next break), then the earlier clauses of its scope."""
    following = patterns.breaks.search(sentence, amount.end, hi)
    trailing_end = following.start() if following else hi
    leading = _clauses(sentence, lo, amount.start, patterns) or [(amount.start, amount.start)]
    own = (leading[-1][0], trailing_end)
    return [own, *reversed(leading[:-1])]


# ------------------------------------------------------------------------ parties


def _readable(sentence: str) -> str:
    """``sentence`` with words of an all-capitals headline capitalised ("JAPAN'S
    SURPLUS" -> "Japan's Surplus"), same length; short words ("US", "EC") and dotted
    abbreviations ("U.S.") kept as written."""
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) < 12 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return sentence
    return re.sub(r"(?<![\w.])[A-Z][A-Z]{3,}(?:['’][A-Z]+)?(?![\w.])",
                  lambda m: m.group(0).capitalize(), sentence)


def _party_mentions(sentence: str, lexicon: Lexicon, amounts: list[Amount]) -> list[ActorMention]:
    """Economies named in the sentence, outside its amounts ("Hong Kong dollars" names
    no party), cities left to datelines."""
    return [m for m in find_actor_mentions(sentence, lexicon.parties)
            if m.kind != "city" and not any(a.start <= m.start < a.end for a in amounts)]


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


def _subjects(sentence: str, mentions: list[ActorMention], patterns: _Patterns) -> list[str]:
    """The parties named as the figure's subject, not as a partner ("with China",
    "to Japan", "from Russia")."""
    return _distinct([m for m in mentions if not patterns.partner.search(sentence[: m.start])])


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
        if preposition and mention.actor in parties:
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


@lru_cache(maxsize=4)
def _anaphor_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    words = lexicon.grammar.get("party_anaphors", [])
    return re.compile(rf"\b(?:{'|'.join(words) or '(?!)'})\b", re.IGNORECASE)


def _inherit_parties(parties: list[str], previous: Figure | None, neighbour: Figure | None,
                     anaphoric: bool, unknown_partner: bool) -> list[str]:
    """Parties carried over from an earlier figure: the missing ones from the figure
    just before in the same sentence when the clause names none or only one of them
    ("…fell 6.9% to $228.1bn", "…while exports to China slipped to $143bn") and no
    other partner (``unknown_partner``: "…with Chile"); from the paragraph's previous
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
    """Does ``sentence[lo:hi]`` name a partner geolib knows no economy for ("with Chile")?"""
    for match in re.finditer(r"\b(?:with|to|from|and|between)\s+(?:the\s+)?([A-Z][\w-]+)",
                             sentence[lo:hi]):
        at = lo + match.start(1)
        if not any(m.start <= at < m.end for m in mentions):
            return True
    return False


def article_home(article: Article, lexicon: Lexicon | None = None) -> str | None:
    """The economy an article reports from: its dateline's place ("WASHINGTON, March
    17 -", "BEIJING (Reuters) -"), else its outlet's home (``figures.toml``,
    ``[home_by_outlet]``); None when neither is clear."""
    from geolib.parse.cues import wire_dateline

    lexicon = lexicon or load_lexicon()
    places = {a.alias.upper(): a.actor for a in lexicon.parties
              if a.kind in ("capital", "city", "country")}
    openings = [p for p in article.paragraphs if p.kind == "dateline"]
    openings += [p for p in article.paragraphs if p.kind == "body"][:1]
    for paragraph in openings:
        found = wire_dateline(paragraph.text)
        if found is not None:
            place = found.place.split("/")[0].strip(" ,.").upper()
            if place in places:
                return places[place]
    outlet = (article.outlet or "").lower()
    for name, home in lexicon.grammar.get("home_by_outlet", {}).items():
        if outlet and name.lower() in outlet:
            return home
    return None


# ----------------------------------------------------------------------- measures


def _measure_at(lexicon: Lexicon, term: str) -> Measure:
    by_term = _measures_by_term(lexicon)
    return by_term[re.sub(r"\s+", " ", term.lower())]


@lru_cache(maxsize=4)
def _measures_by_term(lexicon: Lexicon) -> dict[str, Measure]:
    return {m.term.lower(): m for m in lexicon.measures}


def _measure(sentence: str, lexicon: Lexicon, patterns: _Patterns, amount: Amount,
             regions: list[tuple[int, int]]) -> Measure | None:
    """The measure of the amount: the noun it heads ("a $5bn deficit", "$5bn in aid",
    "$200bn of Chinese goods") or that heads it ("a deficit of $5bn", "a deal worth
    $5bn"), else the nearest term of its clause, specific before general; goods are
    exports or imports as the sentence says; a deal is what it trades, when said."""
    after = patterns.head_after.match(sentence, amount.end)
    before = patterns.head_before.search(sentence, 0, amount.start)
    head = None
    if after and not patterns.breaks.search(sentence, amount.end, after.start("term")):
        head = _measure_at(lexicon, after.group("term"))
    elif before:
        head = _measure_at(lexicon, before.group("term"))
    if head is not None and head.measure == "goods":
        return _goods(sentence, lexicon, patterns, amount)
    if head is not None and (head.priority < 3 or head.measure == "tariffs"):
        return head
    for lo, hi in regions:
        found = [(_measure_at(lexicon, m.group(0)), m) for m in patterns.measures.finditer(sentence, lo, hi)]
        found = [(measure, m) for measure, m in found if measure.priority < 3]
        if found:
            measure, _ = min(found, key=lambda f: (f[0].priority, _distance(f[1], amount)))
            return _goods(sentence, lexicon, patterns, amount) if measure.measure == "goods" else measure
    if head is not None:
        return head
    for lo, hi in regions:
        found = list(patterns.measures.finditer(sentence, lo, hi))
        if found:
            return _measure_at(lexicon, min(found, key=lambda m: _distance(m, amount)).group(0))
    return None


def _distance(match: re.Match[str], amount: Amount) -> int:
    return min(abs(match.start() - amount.end), abs(amount.start - match.end()))


def _goods(sentence: str, lexicon: Lexicon, patterns: _Patterns, amount: Amount) -> Measure:
    """Goods are a flow: the nearest export or import word of the sentence; goods that
    are tariffed or sanctioned are imports; else trade."""
    flows = [(_measure_at(lexicon, m.group(0)), m) for m in patterns.measures.finditer(sentence)]
    directed = [(measure, m) for measure, m in flows if measure.flow in ("exports", "imports")]
    if directed:
        return min(directed, key=lambda f: _distance(f[1], amount))[0]
    if any(measure.measure in ("tariffs", "sanctions") for measure, _ in flows):
        return _measure_at(lexicon, "imports")
    return _measure_at(lexicon, "trade")


def _qualifiers(sentence: str, lexicon: Lexicon, amount: Amount, lo: int,
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
    basis: str  # "stated", "relative" or "event"
    unit: str = "year"  # "year", "month" or "quarter": the period the expression names
    period: int = 0  # the month (1-12) or quarter (1-4) when ``unit`` says so


def _period_year(number: int, unit: str, published: date | None, precision: str | None) -> int | None:
    """The year of the latest month or quarter ``number`` on or before publication."""
    if published is None:
        return None
    if precision == "year":
        return published.year
    first_month = number if unit == "month" else 3 * (number - 1) + 1
    return published.year if first_month <= published.month else published.year - 1


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()[:3]
    return [m.lower()[:3] for m in _MONTH_NAMES].index(key) + 1


def _event_year(event_pattern: re.Pattern[str], events: pd.DataFrame | None,
                published: date | None) -> int | None:
    """The last full year before the latest event matching the pattern (and dated on or
    before publication)."""
    if events is None or events.empty:
        return None
    dates = [d for d, text in zip(events["date"], events["event"], strict=True)
             if d is not None and event_pattern.search(str(text))
             and (published is None or d <= published)]
    return max(dates).year - 1 if dates else None


@dataclass(frozen=True)
class _Candidate:
    """A time expression before it is resolved: a year, or how to count one."""

    start: int
    end: int
    text: str
    year: int | None
    basis: str
    unit: str = "year"
    period: int = 0
    offset: int = 0  # relative years: offset per unit ...
    count: int = 0  # ... times this many units
    anchor: str = ""  # "published" or "context"


def _candidates(paragraph: str, lexicon: Lexicon, patterns: _Patterns, published: date | None,
                precision: str | None, events: pd.DataFrame | None) -> list[_Candidate]:
    """Every time expression of the paragraph, unresolved, in no particular order."""
    numbers = lexicon.notation.number_words
    found = [_Candidate(m.start(), m.end(), m.group(0), int(m.group(0)), "stated")
             for m in patterns.year.finditer(paragraph)]
    periods = [(m, "month", _month_number(m.group("month"))) for m in patterns.month.finditer(paragraph)]
    for m in patterns.quarter.finditer(paragraph):
        quarter = int(m.group("q") or _ORDINALS[m.group("ordinal").lower()])
        half = m.group("unit") is not None and m.group("unit").lower() == "half"
        periods.append((m, "quarter", 2 * quarter - 1 if half else quarter))
    for m, unit, number in periods:  # "in August", "August 2019", "the first quarter of 2023"
        stated = m.group("year")
        found.append(_Candidate(m.start(), m.end(), m.group(0),
                                int(stated) if stated else _period_year(number, unit, published, precision),
                                "stated" if stated else "relative", unit, number))
    for pattern, offset, anchor, unit in patterns.relative:
        for m in pattern.finditer(paragraph):
            n = m.groupdict().get("n")
            count = 1 if n is None else int(n) if n.isdigit() else int(numbers[n.lower()])
            year, month = None, 0
            if unit == "month" and published is not None and anchor == "published":
                months = published.year * 12 + published.month - 1 + offset * count  # "last month"
                year, month = months // 12, months % 12 + 1
            found.append(_Candidate(m.start(), m.end(), m.group(0), year, "relative", unit, month,
                                    offset, count, anchor))
    for phrase, event in patterns.events:
        for m in phrase.finditer(paragraph):
            year = _event_year(event, events, published)
            if year is not None:
                found.append(_Candidate(m.start(), m.end(), m.group(0), year, "event"))
    return found


def _year_mentions(paragraph: str, lexicon: Lexicon, patterns: _Patterns, published: date | None,
                   precision: str | None, events: pd.DataFrame | None,
                   taken: list[tuple[int, int]]) -> list[_YearMention]:
    """Every time expression of a paragraph that can date a figure, resolved to a year.

    Reference points and targets ("since October 2008", "by 2025") are left out.
    Read left to right: a "context" expression ("two years later", "a year earlier")
    counts from the year expression before it, else from the publication year.
    """
    published_year = published.year if published else None
    blocked = [*taken, *(m.span() for m in patterns.skip.finditer(paragraph))]
    found = _candidates(paragraph, lexicon, patterns, published, precision, events)
    mentions: list[_YearMention] = []
    last_end = -1
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if c.start < last_end or any(lo <= c.start < hi for lo, hi in blocked):
            continue  # inside a longer expression already read, or a reference point
        last_end = c.end
        year = c.year
        before = mentions[-1].year if mentions and mentions[-1].year is not None else None
        if year is None and c.anchor == "context" and c.unit == "month":
            year = before if before is not None else published_year  # "a month earlier"
        elif year is None and c.basis == "relative" and c.unit == "year":
            base = before if c.anchor == "context" and before is not None else published_year
            year = None if base is None else base + c.offset * c.count
        mentions.append(_YearMention(c.start, c.end, year, c.text, c.basis, c.unit, c.period))
    return mentions


def _nearest_year(years: list[_YearMention], amount: Amount,
                  regions: list[tuple[int, int]]) -> _YearMention | None:
    for lo, hi in regions:
        inside = [y for y in years if lo <= y.start and y.end <= hi]
        if inside:
            return min(inside, key=lambda y: min(abs(y.start - amount.end), abs(amount.start - y.end)))
    return None


def _earlier_period(mention: _YearMention) -> int | None:
    """The year of the period before the one ``mention`` names (a comparison's)."""
    if mention.year is None:
        return None
    if mention.unit == "month":
        return mention.year - 1 if mention.period == 1 else mention.year
    if mention.unit == "quarter":
        return mention.year - 1 if mention.period == 1 else mention.year
    return mention.year - 1


# ------------------------------------------------------------------------ reading


@dataclass
class _Recent:
    """The last money figure read, for what later figures leave unsaid."""

    paragraph: int
    currency: str | None
    year: int | None
    year_text: str | None
    year_basis: str | None
    subject: list[str]  # the parties it names as its subject (for national measures)


@dataclass
class _Context:
    """What the figures of an article share: its dates, home and the last figures."""

    article: Article
    lexicon: Lexicon
    rates: pd.DataFrame
    events: pd.DataFrame | None
    home: str | None
    money: _Recent | None = None  # the last money figure
    main: _Recent | None = None  # the last money figure that is no comparison, with a year


def _usd_bn(amount: Amount, year: int | None, published_year: int | None,
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


def _year_of(amount: Amount, compared: bool, local_years: list[_YearMention],
             regions: list[tuple[int, int]], sentence_length: int, context: _Context,
             index: int) -> tuple[int | None, str | None, str | None]:
    """``(year, year_text, year_basis)`` of an amount (see the module's step 4)."""
    own = _nearest_year(local_years, amount, regions[:1])
    if own is None and compared:
        nearest = _nearest_year(local_years, amount, [(0, amount.start), (amount.end, sentence_length)])
        if nearest is not None and nearest.year is not None:  # "$5bn in 2019, up from $4bn"
            return _earlier_period(nearest), nearest.text, "context"
    found = own or _nearest_year(local_years, amount,
                                 [*regions[1:], (0, amount.start), (amount.end, sentence_length)])
    if found is not None:
        return found.year, found.text, found.basis
    main = context.main
    if main is not None and main.year is not None and index - main.paragraph <= 2:
        year = main.year - 1 if compared and main.year_basis != "published" else main.year
        return year, main.year_text, "context"
    published = context.article.published
    if published is not None:
        return published.year, None, "published"
    return None, None, None


def _paragraph_figures(seg: Segment, context: _Context) -> list[Figure]:
    article, lexicon, rates = context.article, context.lexicon, context.rates
    patterns = _patterns(lexicon)
    index, paragraph, text = seg.index, seg.paragraph, seg.text
    published = article.published
    published_year = published.year if published else None
    readable = _readable(text)
    sentences = [(s, e, find_amounts(text[s:e], lexicon.notation)) for s, e in seg.sentences]
    taken = [(s + a.start, s + a.end) for s, _, amounts in sentences for a in amounts]
    years = _year_mentions(readable, lexicon, patterns, published, article.published_precision,
                           context.events, taken)
    anaphor = _anaphor_pattern(lexicon)
    figures: list[Figure] = []
    previous: Figure | None = None  # the paragraph's last money figure
    for s, e, amounts in sentences:
        sentence, readable_sentence = text[s:e], readable[s:e]
        kept: list[Amount] = []
        for amount in amounts:
            if amount.kind == "bare":
                currency = _carried_currency(sentence, amount, amounts, context.money, lexicon,
                                             patterns, index)
                if currency is None:
                    continue
                amount.kind, amount.currency = "money", currency
            kept.append(amount)
        amounts = kept
        neighbour: Figure | None = None  # the figure before, in this sentence
        neighbour_measure: Measure | None = None
        mentions = _party_mentions(readable_sentence, lexicon, amounts)
        local_years = [_YearMention(y.start - s, y.end - s, y.year, y.text, y.basis, y.unit, y.period)
                       for y in years if s <= y.start and y.end <= e]
        cuts = [0] + [_boundary(sentence, a, b, lexicon, mentions)
                      for a, b in zip(amounts, amounts[1:], strict=False)] + [len(sentence)]
        for amount, lo, hi in zip(amounts, cuts, cuts[1:], strict=False):
            regions = _core_regions(sentence, amount, lo, hi, patterns)
            compared = bool(patterns.comparison.search(sentence, lo, amount.start))
            party_mentions = _parties(mentions, regions)
            if amount.kind == "count":
                measure = Measure(amount.unit or "", amount.unit or "", "", 1, False)
            else:
                measure = _measure(readable_sentence, lexicon, patterns, amount,
                                   [*regions, (lo, hi), (0, amount.start)])
            qualifiers, bound = _qualifiers(sentence, lexicon, amount, lo, hi)
            parties = _inherit_parties(
                _distinct(party_mentions), previous, neighbour,
                anaphoric=bool(anaphor.search(sentence, lo, hi)),
                unknown_partner=_names_unknown_partner(sentence, lo, hi, mentions))
            if measure is None and neighbour is not None and neighbour.kind != "count":
                measure = neighbour_measure
            implied: list[str] = []
            if amount.kind == "money" and measure is not None and measure.national:
                partners = set(_distinct(party_mentions)) - set(_subjects(sentence, party_mentions, patterns))
                if set(parties) <= partners:  # "a $43.1bn deficit with China": whose deficit?
                    subject = _implied_subject(context, index)
                    if subject and subject not in parties:
                        implied = [subject]
                        parties = [subject, *parties]
            year_value, year_text, year_basis = (None, None, None)
            if amount.kind in ("money", "percent", "count"):
                year_value, year_text, year_basis = _year_of(
                    amount, compared, local_years, [*regions, (lo, hi)], len(sentence), context, index)
                if amount.kind != "money" and year_basis in ("context", "published"):
                    year_value, year_text, year_basis = None, None, None
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
                year_text=year_text,
                parties=parties,
                measure=measure.measure if measure else None,
                flow=(measure.flow or None) if measure else None,
                direction=_direction(sentence, measure.flow if measure else None, parties,
                                     party_mentions),
                qualifiers=qualifiers,
                bound=bound,
                sentence=sentence.strip(),
                paragraph=index,
                year_basis=year_basis,
                implied_parties=implied,
            )
            figures.append(figure)
            neighbour, neighbour_measure = figure, measure
            if amount.kind == "money":
                previous = figure
                _remember(context, figure, measure, compared, _subjects(sentence, party_mentions, patterns),
                          index)
    return figures


def _implied_subject(context: _Context, index: int) -> str | None:
    """The subject a national figure leaves unsaid: that of the money figures just
    before it (two paragraphs back at most), else the article's home."""
    recent = context.money
    if recent is not None and recent.subject and index - recent.paragraph <= 2:
        return recent.subject[0]
    return context.home


def _remember(context: _Context, figure: Figure, measure: Measure | None, compared: bool,
              named: list[str], index: int) -> None:
    subject = named or figure.implied_parties or (
        context.money.subject if context.money and measure and measure.national else [])
    recent = _Recent(index, figure.currency, figure.year, figure.year_text, figure.year_basis,
                     list(subject) if measure is not None and measure.national else [])
    context.money = recent
    if not compared and figure.year_basis in ("stated", "relative", "event"):
        context.main = recent


def extract_figures(
    article: Article, segmentation: Segmentation | None = None, rates: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> list[Figure]:
    """Every money figure, percentage and count in the article's title, standfirst,
    headings, captions and body, in reading order.

    ``rates`` converts non-USD money and ``events`` dates "before the war" (both from
    ``geolib.reference.reference_tables()`` by default)."""
    if rates is None or events is None:
        from geolib.reference import reference_tables

        tables = reference_tables()
        rates = tables.rates if rates is None else rates
        events = tables.events if events is None else events
    segmentation = segmentation or segment(article)
    lexicon = load_lexicon()
    context = _Context(article, lexicon, rates, events, article_home(article, lexicon))
    figures: list[Figure] = []
    for seg in segmentation.of_kinds(FIGURE_PARAGRAPH_KINDS):
        figures.extend(_paragraph_figures(seg, context))
    for n, figure in enumerate(figures, 1):
        figure.figure_id = f"{article.id}:f{n:03d}"
    return figures


def figure_records(figures: list[Figure]) -> list[dict]:
    """Figures as plain dicts (for tables, JSONL and CSV); their checks are the ``checks``
    stage's (``geolib.checks.check_records``)."""
    return [figure.to_dict() for figure in figures]
