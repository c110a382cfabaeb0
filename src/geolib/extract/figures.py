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
   ``data/actors.csv`` and ``data/economies.csv``; a figure that names only a partner,
   or none, "a $43.1bn deficit with China", gets its subject from the figure before it
   or from the article's home, its dateline or outlet: ``implied_parties``), measure
   (``data/measures.csv``: the noun the amount heads, "a $5bn deficit", "$5bn in aid",
   else the nearest, specific terms before generic ones), qualifiers
   (``data/qualifiers.csv``);
4. *year*: a year stated in the clause, or a target's own ("$200bn by 2025"), else a
   relative one resolved against the publication date ("last year", "in August",
   "December's", "the first quarter"), else the year before an event the reference
   data dates ("before the war"); never a reference point ("since October 2008") or a
   law's name ("the Trade Act of 1974"); else the period of the article's lead figure
   (a comparison, "up from 3.04 billion", the period before it; a present-tense figure,
   "the fund holds $41bn", now), else the publication year. ``year_basis`` says which.

Regular expressions over data files rather than a trained NER model: geolib ships no
model, and the formats are a closed, data-driven set (see ``geolib.extract.amounts`` for
why no quantity library either).
"""

from __future__ import annotations

import bisect
import csv
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geolib.actors import Actor, ActorMention, find_actor_mentions, load_actors, read_actors_csv
from geolib.extract.amounts import Amount, Notation, alternation, find_amounts, load_notation
from geolib.model import Article
from geolib.paths import PACKAGE_DATA
from geolib.segment import Segment, Segmentation, segment
from geolib.text.dates import MONTH_NAME, month_number
from geolib.text.expressions import Needs, lowered_for_needs, may_hold, needed_words, trie_expression

FIGURE_PARAGRAPH_KINDS = ("title", "standfirst", "body", "heading", "caption")
KINDS = ("money", "percent", "count")
YEAR_BASES = ("stated", "relative", "event", "context", "published")
"""How a figure's year was found: written in the text; resolved against the publication
date ("last year", "in August"); the year before a dated event ("before the war"); taken
from the figure before it; or assumed to be the publication year."""

_YEAR = r"(?<![\w$€£¥₽.,])(?:1[89]|20)\d{2}(?![\w%]|[.,]\d)"
_MONTH = MONTH_NAME
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
class FigureTerms:
    """The word lists and grammar the extractor reads (see ``load_figure_terms``)."""

    notation: Notation
    measures: tuple[Measure, ...]
    qualifiers: tuple[Qualifier, ...]
    parties: tuple[Actor, ...]  # geolib's actors, then the other economies
    grammar: dict


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def load_figure_terms(folder: Path = PACKAGE_DATA) -> FigureTerms:
    """Read ``measures.csv``, ``qualifiers.csv``, ``economies.csv``, ``figures.toml`` and
    the notation (``geolib.extract.amounts.load_notation``) from ``folder``."""
    folder = Path(folder)
    with open(folder / "figures.toml", "rb") as handle:
        grammar = tomllib.load(handle)
    actors = load_actors() if folder == PACKAGE_DATA else read_actors_csv(folder / "actors.csv")
    return FigureTerms(
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


@dataclass(frozen=True)
class _Patterns:
    breaks: re.Pattern[str]
    year: re.Pattern[str]
    skip: re.Pattern[str]
    month: re.Pattern[str]
    quarter: re.Pattern[str]
    relative: tuple[tuple[re.Pattern[str], int, str, str, Needs | None], ...]
    events: tuple[tuple[re.Pattern[str], re.Pattern[str], Needs | None], ...]
    measures: re.Pattern[str]
    head_after: re.Pattern[str]
    head_before: re.Pattern[str]
    comparison: re.Pattern[str]
    partner: re.Pattern[str]
    target: re.Pattern[str]
    carry: re.Pattern[str]
    named_year: re.Pattern[str]
    present: re.Pattern[str]


@lru_cache(maxsize=4)
def _patterns(lexicon: FigureTerms) -> _Patterns:
    grammar = lexicon.grammar
    numbers = alternation(lexicon.notation.number_words)
    relative = tuple(
        (
            pattern := re.compile(
                r"\b" + entry["pattern"].replace("{n}", rf"(?P<n>\d+|{numbers})") + r"\b",
                re.IGNORECASE,
            ),
            int(entry["offset"]),
            entry["anchor"],
            entry.get("unit", "year"),
            needed_words(pattern),
        )
        for entry in grammar.get("relative_years", [])
    )
    skip = "|".join(grammar.get("year_skip_before", [])) or "(?!)"
    # the measure terms as a trie (``trie_expression``): read at every amount, several times
    measures = trie_expression(sorted({m.term.lower() for m in lexicon.measures}), any_space=False)
    # A time expression after a skip word ("since October 2008", "by the end of 2025",
    # "since last year"): the whole of it is a reference point, not the figure's time.
    period = (rf"(?:(?:early|late|mid|the\s+(?:start|end|beginning|middle)\s+of)[\s-]+)?"
              rf"(?:{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?\s+{_YEAR}|{_MONTH}|{_YEAR}"
              rf"|(?:last|this|next)\s+year|the\s+(?:first|second|third|fourth)\s+quarter"
              rf"(?:\s+of\s+{_YEAR})?)")
    comparisons = "|".join(grammar.get("comparison_cues", [])) or "(?!)"
    partners = "|".join(grammar.get("partner_cues", [])) or "(?!)"
    qualifier_words = alternation(q.phrase for q in lexicon.qualifiers if q.placement == "before")
    fillers = "|".join([qualifier_words, *grammar.get("comparison_fillers", [])])
    connectors = "|".join(grammar.get("head_connectors", [])) or "(?!)"
    function_words = "|".join(lexicon.notation.not_counted) or "(?!)"
    specific = alternation(m.term for m in lexicon.measures if m.priority == 1)
    return _Patterns(
        breaks=re.compile("|".join(grammar["clause_breaks"]), re.IGNORECASE),
        year=re.compile(_YEAR),
        skip=re.compile(rf"\b(?:{skip})\s+(?:(?:a|an|the)\s+)?{period}", re.IGNORECASE),
        month=re.compile(rf"\b(?P<month>{_MONTH})(?![\w])(?:['’]s)?"
                         rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?"),
        quarter=re.compile(rf"\b(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)"
                           rf"[\s-]+(?P<unit>quarter|half)|Q(?P<q>[1-4]))\b"
                           rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?", re.IGNORECASE),
        relative=relative,
        events=tuple((phrase := re.compile(rf"(?:\b(?P<n>\d+|{numbers})\s+years?\s+(?=before|prior))?"
                                           rf"(?:{e['pattern']})", re.IGNORECASE),
                      re.compile(e["event"], re.IGNORECASE), needed_words(phrase))
                     for e in grammar.get("events", [])),
        measures=re.compile(rf"\b(?:{measures})\b", re.IGNORECASE),
        head_after=re.compile(
            rf"(?:\s+(?:{connectors}))?\s+(?:(?!(?:{function_words})\b)[A-Za-z.’'-]+\s+){{0,2}}?"
            rf"(?P<term>{measures})\b", re.IGNORECASE),
        head_before=re.compile(
            rf"\b(?P<term>{measures})\s+(?:(?:{connectors})\s+)"
            rf"(?:(?:a|an|the)\s+)?(?:(?:{qualifier_words})\s+(?:(?:a|an|the)\s+)?)?$", re.IGNORECASE),
        comparison=re.compile(rf"\b(?:{comparisons})\s+(?:(?:{fillers})\s+)*$", re.IGNORECASE),
        partner=re.compile(rf"\b(?:{partners})\s+(?:the\s+)?$", re.IGNORECASE),
        carry=re.compile(
            rf"(?:\b(?:{comparisons}|{'|'.join(grammar.get('level_cues', [])) or '(?!)'})"
            rf"|\b(?:{specific})(?:\s+(?:{connectors}))?)\s+(?:(?:{fillers})\s+)*$", re.IGNORECASE),
        named_year=re.compile(rf"{_YEAR}(?={'|'.join(grammar.get('year_names_after', [])) or '(?!)'})"),
        # a target's own year, right after it: "to reach $200bn by 2025"
        target=re.compile(rf"(?:\s+(?!by\b)[\w-]+){{0,4}}?\s+by\s+(?:the\s+end\s+of\s+|end-)?"
                          rf"(?P<year>{_YEAR})", re.IGNORECASE),
        present=re.compile(rf"\b(?:{'|'.join(grammar.get('present_cues', [])) or '(?!)'})\b", re.IGNORECASE),
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
        """The figure's fields, its lists copied (``dataclasses.asdict`` deep-copies every
        value: a twelfth of the stage)."""
        return {f.name: _copied(getattr(self, f.name)) for f in _FIGURE_FIELDS}


def _copied(value: object) -> object:
    return list(value) if isinstance(value, list) else value


_FIGURE_FIELDS = fields(Figure)


# ---------------------------------------------------------------------- amounts


@dataclass
class _Found:
    """An amount of a sentence, with what the sentence says about it."""

    amount: Amount
    compared: bool = False  # introduced as a comparison ("up from", "compared with")


def _carried_currency(sentence: str, bare: Amount, amounts: list[Amount], previous: _Recent | None,
                      lexicon: FigureTerms, patterns: _Patterns, paragraph_index: int) -> str | None:
    """The currency of a bare scaled number ("up from 3.04 billion"), when the words
    before it make it a figure of the same kind as the money before it: a comparison
    ("up from", "compared with"), a level ("rose to", "reached", "totalled") or a
    specific measure ("imports 31.2 billion", "a surplus of 212 mln"). The currency is
    that of a money figure of the same sentence, else of the last money figure, in this
    paragraph or two before it at most."""
    if not patterns.carry.search(sentence, 0, bare.start):
        return None
    same = [a for a in amounts if a.kind == "money"]
    if same:
        before = [a for a in same if a.end <= bare.start]
        return (before[-1] if before else same[0]).currency
    if previous is not None and paragraph_index - previous.paragraph <= 2:
        return previous.figure.currency
    return None


# ------------------------------------------------------------------------- scopes


def _boundary(sentence: str, left: Amount, right: Amount, lexicon: FigureTerms,
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


def _adjacent_qualifier(before: str, lexicon: FigureTerms) -> str:
    """The "before" qualifier phrase (with trailing article) that ``before`` ends with."""
    for _, ending in _qualifier_patterns(lexicon).adjacent:
        match = ending.search(before)
        if match:
            return match.group(0)
    return ""


@dataclass(frozen=True)
class _QualifierPatterns:
    """The qualifiers' expressions, compiled once: ``adjacent``, each "before" phrase ending a
    text (longest first); ``starts``, each "before" phrase starting one (in file order);
    ``near``, each "near" phrase as a word anywhere (longest first)."""

    adjacent: tuple[tuple[Qualifier, re.Pattern[str]], ...]
    starts: tuple[tuple[Qualifier, re.Pattern[str]], ...]
    near: tuple[tuple[Qualifier, re.Pattern[str]], ...]


@lru_cache(maxsize=4)
def _qualifier_patterns(lexicon: FigureTerms) -> _QualifierPatterns:
    def phrase(qualifier: Qualifier) -> str:
        return re.escape(qualifier.phrase).replace(r"\ ", r"\s+")

    longest = sorted(lexicon.qualifiers, key=lambda q: len(q.phrase), reverse=True)
    return _QualifierPatterns(
        adjacent=tuple((q, re.compile(rf"(?<![\w-]){phrase(q)}\s+(?:(?:a|an|the)\s+)?$", re.IGNORECASE))
                       for q in longest if q.placement == "before"),
        starts=tuple((q, re.compile(rf"{phrase(q)}\b", re.IGNORECASE))
                     for q in lexicon.qualifiers if q.placement == "before"),
        near=tuple((q, re.compile(rf"(?<![\w-]){phrase(q)}(?![\w-])", re.IGNORECASE))
                   for q in longest if q.placement == "near"),
    )


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
    letters = sum(map(str.isalpha, sentence))
    # a headline in capitals has most of its letters upper-case: counting upper-case characters
    # (in C) turns most sentences away before the letter-by-letter count below
    if letters < 12 or sum(map(str.isupper, sentence)) < 0.8 * letters:
        return sentence
    if sum(c.isupper() for c in sentence if c.isalpha()) < 0.8 * letters:
        return sentence
    return re.sub(r"(?<![\w.])[A-Z][A-Z]{3,}(?:['’][A-Z]+)?(?![\w.])",
                  lambda m: m.group(0).capitalize(), sentence)


def _party_mentions(sentence: str, lexicon: FigureTerms, amounts: list[Amount]) -> list[ActorMention]:
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
def _anaphor_pattern(lexicon: FigureTerms) -> re.Pattern[str]:
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


@lru_cache(maxsize=1)
def _world_places() -> re.Pattern[str]:
    """Countries and regions of the world gazetteer (``geolib.places``)."""
    from geolib.places import PLACES_CSV

    with open(PLACES_CSV, newline="", encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle) if row["kind"] in ("country", "region")]
    return re.compile(rf"(?:{alternation(names)})(?![\w])")


def _names_unknown_partner(sentence: str, lo: int, hi: int,
                           mentions: list[ActorMention]) -> bool:
    """Does ``sentence[lo:hi]`` name a partner country geolib has no economy for ("with
    Ecuador")? A source ("according to Eurostat") is no partner."""
    for match in re.finditer(r"\b(?:with|to|from|and|between)\s+(?:the\s+)?(?=[A-Z])", sentence[lo:hi]):
        at = lo + match.end()
        if not any(m.start <= at < m.end for m in mentions) and _world_places().match(sentence, at):
            return True
    return False


def article_home(article: Article, lexicon: FigureTerms | None = None) -> str | None:
    """The economy an article reports from: its dateline's place ("WASHINGTON, March
    17 -", "BEIJING (Reuters) -"), else its outlet's home (``figures.toml``,
    ``[home_by_outlet]``); None when neither is clear."""
    from geolib.parse.cues import wire_dateline

    lexicon = lexicon or load_figure_terms()
    places = _dateline_places(lexicon)
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


@lru_cache(maxsize=4)
def _dateline_places(lexicon: FigureTerms) -> dict[str, str]:
    """The economies' capitals, cities and countries by their names in capitals."""
    return {a.alias.upper(): a.actor for a in lexicon.parties if a.kind in ("capital", "city", "country")}


# ----------------------------------------------------------------------- measures


def _measure_at(lexicon: FigureTerms, term: str) -> Measure:
    by_term = _measures_by_term(lexicon)
    return by_term[re.sub(r"\s+", " ", term.lower())]


@lru_cache(maxsize=4)
def _measures_by_term(lexicon: FigureTerms) -> dict[str, Measure]:
    return {m.term.lower(): m for m in lexicon.measures}


@lru_cache(maxsize=64)  # asked for every amount of a sentence
def _headline(sentence: str) -> bool:
    """Are most words capitalised, as in a headline ("US Trade Deficit Widens")?"""
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _terms(sentence: str, patterns: _Patterns, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
    """Measure terms in ``sentence[lo:hi]``, except inside a name ("the Commerce
    Department", "the Department of Trade and Industry"): a capitalised term that
    starts no sentence, outside headlines."""
    found = list(patterns.measures.finditer(sentence, lo, len(sentence) if hi is None else hi))
    if _headline(sentence):
        return found
    return [m for m in found if not (m.group(0)[0].isupper() and m.group(0)[1:2].islower()
                                     and not _opens_clause(sentence, m.start()))]


def _opens_clause(sentence: str, at: int) -> bool:
    """Does ``sentence[:at]`` end at its start or after a dash or colon, give or take spaces,
    quotation marks and brackets? (A backward scan: a regular expression anchored at the
    end would read the whole prefix for every term.)"""
    while at > 0 and (sentence[at - 1].isspace() or sentence[at - 1] in "\"“‘(["):
        at -= 1
    return at == 0 or sentence[at - 1] in "—–:-"


def _measure(sentence: str, lexicon: FigureTerms, patterns: _Patterns, amount: Amount,
             regions: list[tuple[int, int]]) -> Measure | None:
    """The measure of the amount: the noun it heads ("a $5bn deficit", "$5bn in aid",
    "$200bn of Chinese goods") or that heads it ("a deficit of $5bn", "a deal worth
    $5bn"), else the nearest term of its clause, specific before general; goods are
    exports or imports as the sentence says; a deal is what it trades, when said."""
    allowed = {m.start() for m in _terms(sentence, patterns)}
    after = patterns.head_after.match(sentence, amount.end)
    before = patterns.head_before.search(sentence, 0, amount.start)
    head = None
    if (after and after.start("term") in allowed
            and not patterns.breaks.search(sentence, amount.end, after.start("term"))):
        head = _measure_at(lexicon, after.group("term"))
    elif before and before.start("term") in allowed:
        head = _measure_at(lexicon, before.group("term"))
    if head is not None and head.measure == "goods":
        return _goods(sentence, lexicon, patterns, amount)
    if head is not None and (head.priority < 3 or head.measure == "tariffs"):
        return head
    for lo, hi in regions:
        found = [(_measure_at(lexicon, m.group(0)), m) for m in _terms(sentence, patterns, lo, hi)]
        found = [(measure, m) for measure, m in found if measure.priority < 3]
        if found:
            measure, _ = min(found, key=lambda f: (f[0].priority, _distance(f[1], amount)))
            return _goods(sentence, lexicon, patterns, amount) if measure.measure == "goods" else measure
    if head is not None:
        return head
    for lo, hi in regions:
        found = _terms(sentence, patterns, lo, hi)
        if found:
            return _measure_at(lexicon, min(found, key=lambda m: _distance(m, amount)).group(0))
    return None


def _distance(match: re.Match[str], amount: Amount) -> int:
    return min(abs(match.start() - amount.end), abs(amount.start - match.end()))


def _goods(sentence: str, lexicon: FigureTerms, patterns: _Patterns, amount: Amount) -> Measure:
    """Goods are a flow: the nearest export or import word of the sentence; goods that
    are tariffed or sanctioned are imports; else trade."""
    flows = [(_measure_at(lexicon, m.group(0)), m) for m in _terms(sentence, patterns)]
    directed = [(measure, m) for measure, m in flows if measure.flow in ("exports", "imports")]
    if directed:
        return min(directed, key=lambda f: _distance(f[1], amount))[0]
    if any(measure.measure in ("tariffs", "sanctions") for measure, _ in flows):
        return _measure_at(lexicon, "imports")
    return _measure_at(lexicon, "trade")


def _qualifiers(sentence: str, lexicon: FigureTerms, amount: Amount, lo: int,
                hi: int) -> tuple[list[str], str | None]:
    """Qualifier labels of the amount, and its bound when a bound phrase directly
    precedes it ("more than $200bn"); a comparison further off is a label only."""
    labels: list[str] = []
    bound = None
    patterns = _qualifier_patterns(lexicon)
    adjacent = _adjacent_qualifier(sentence[lo: amount.start], lexicon)
    for qualifier, start in patterns.starts:
        if start.match(adjacent):
            labels.append(qualifier.qualifier)
            bound = qualifier.bound or None
            break
    taken: list[tuple[int, int]] = []  # a longer phrase hides the shorter it contains
    for qualifier, near in patterns.near:
        for match in near.finditer(sentence[lo:hi]):
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


def _candidates(paragraph: str, lexicon: FigureTerms, patterns: _Patterns, published: date | None,
                precision: str | None, events: pd.DataFrame | None) -> list[_Candidate]:
    """Every time expression of the paragraph, unresolved, in no particular order. (The
    relative and event expressions rarely match, and each reads the whole paragraph: one
    runs only where the paragraph holds a word it needs.)"""
    numbers = lexicon.notation.number_words
    lowered = lowered_for_needs(paragraph)
    found = [_Candidate(m.start(), m.end(), m.group(0), int(m.group(0)), "stated")
             for m in patterns.year.finditer(paragraph)]
    periods = [(m, "month", month_number(m.group("month"))) for m in patterns.month.finditer(paragraph)]
    for m in patterns.quarter.finditer(paragraph):
        quarter = int(m.group("q") or _ORDINALS[m.group("ordinal").lower()])
        half = m.group("unit") is not None and m.group("unit").lower() == "half"
        periods.append((m, "quarter", 2 * quarter - 1 if half else quarter))
    for m, unit, number in periods:  # "in August", "August 2019", "the first quarter of 2023"
        stated = m.group("year")
        found.append(_Candidate(m.start(), m.end(), m.group(0),
                                int(stated) if stated else _period_year(number, unit, published, precision),
                                "stated" if stated else "relative", unit, number))
    for pattern, offset, anchor, unit, needs in patterns.relative:
        for m in pattern.finditer(paragraph) if may_hold(needs, lowered) else ():
            n = m.groupdict().get("n")
            count = 1 if n is None else int(n) if n.isdigit() else int(numbers[n.lower()])
            year, month = None, 0
            if unit == "month" and published is not None and anchor == "published":
                months = published.year * 12 + published.month - 1 + offset * count  # "last month"
                year, month = months // 12, months % 12 + 1
            found.append(_Candidate(m.start(), m.end(), m.group(0), year, "relative", unit, month,
                                    offset, count, anchor))
    for phrase, event, needs in patterns.events:
        for m in phrase.finditer(paragraph) if may_hold(needs, lowered) else ():
            year = _event_year(event, events, published)  # "before the war", "two years before the war"
            n = m.group("n")
            if year is not None:
                back = (int(n) if n.isdigit() else int(numbers[n.lower()])) if n else 1
                found.append(_Candidate(m.start(), m.end(), m.group(0), year + 1 - back, "event"))
    return found


def _year_mentions(paragraph: str, lexicon: FigureTerms, patterns: _Patterns, published: date | None,
                   precision: str | None, events: pd.DataFrame | None,
                   taken: list[tuple[int, int]]) -> list[_YearMention]:
    """Every time expression of a paragraph that can date a figure, resolved to a year.

    Reference points and targets ("since October 2008", "by 2025") are left out.
    Read left to right: a "context" expression ("two years later", "a year earlier")
    counts from the year expression before it, else from the publication year.
    """
    published_year = published.year if published else None
    blocked = [*taken, *(m.span() for m in patterns.skip.finditer(paragraph)),
               *(m.span() for m in patterns.named_year.finditer(paragraph))]
    found = _candidates(paragraph, lexicon, patterns, published, precision, events)
    covered = _Covered(blocked)
    mentions: list[_YearMention] = []
    last_end = -1
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if c.start < last_end or covered(c.start):
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


class _Covered:
    """Is an offset inside any of the spans ``(lo, hi)``? One lookup costs log(spans), not
    spans: a paragraph dense with figures has thousands of them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [lo for lo, _ in spans]
        self.reach, furthest = [], -1  # the furthest end of the spans so far
        for _, hi in spans:
            furthest = max(furthest, hi)
            self.reach.append(furthest)

    def __call__(self, at: int) -> bool:
        n = bisect.bisect_right(self.starts, at)
        return n > 0 and self.reach[n - 1] > at


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
    figure: Figure
    subject: list[str]  # the parties it has as its subject (national measures only)


@dataclass
class _Context:
    """What the figures of an article share: its dates, home, dollar and period, and the
    last money figure."""

    article: Article
    lexicon: FigureTerms
    rates: pd.DataFrame
    events: pd.DataFrame | None
    home: str | None
    dollar: str | None  # "Canadian dlrs" named in the article: its plain "dlrs" are CAD
    money: _Recent | None = None
    pair: _Recent | None = None  # the last money figure between two parties or more
    period: _YearMention | None = None  # the time of the article's lead figure


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


@dataclass
class _Place:
    """An amount in its sentence: its scope, regions and what introduces it."""

    amount: Amount
    lo: int
    hi: int
    regions: list[tuple[int, int]]
    compared: bool


def _year_of(place: _Place, sentence: str, years: list[_YearMention], blocked: list[tuple[int, int]],
             context: _Context) -> tuple[int | None, str | None, str | None]:
    """``(year, year_text, year_basis)`` of an amount (see the module's step 4)."""
    patterns = _patterns(context.lexicon)
    amount = place.amount
    target = patterns.target.match(sentence, amount.end)
    if target is not None:  # "to reach $200bn by 2025": the target's own year
        return int(target.group("year")), target.group("year"), "stated"
    own = _nearest_year(years, amount, place.regions[:1])
    if own is not None:
        return own.year, own.text, own.basis
    free = [y for y in years if not any(lo <= y.start < hi for lo, hi in blocked)]
    if place.compared:  # "$5bn in 2019, up from $4bn": the period before
        other = _nearest_year(free, amount, [(0, amount.start), (amount.end, len(sentence))])
        if other is not None and other.year is not None:
            return _earlier_period(other), other.text, "context"
    found = _nearest_year(free, amount, [*place.regions[1:], (place.lo, place.hi), (0, amount.start)])
    if found is not None:
        return found.year, found.text, found.basis
    period = context.period  # the lead figure's time ("in January"), or the publication year
    published = context.article.published
    if (published is not None and period is not None and period.year is not None
            and period.year < published.year and patterns.present.search(sentence, place.lo, place.hi)):
        return published.year, None, "published"  # "the fund holds $5bn": now, not the period
    if period is not None and period.year is not None:
        if period.basis == "published":
            return period.year, None, "published"
        year = _earlier_period(period) if place.compared else period.year
        return year, period.text, "context"
    if published is not None:
        return published.year, None, "published"
    return None, None, None


def _scopes(sentence: str, amounts: list[Amount], lexicon: FigureTerms,
            mentions: list[ActorMention]) -> list[tuple[Amount, int, int]]:
    """Each amount with its scope ``(lo, hi)``: money figures split the sentence among
    themselves (a percentage or count between them, "100 pct tariffs on $300m", takes no
    part of a money figure's clause); percentages and counts split it among all amounts."""
    def cuts(chosen: list[Amount]) -> dict[int, tuple[int, int]]:
        bounds = [0] + [_boundary(sentence, a, b, lexicon, mentions)
                        for a, b in zip(chosen, chosen[1:], strict=False)] + [len(sentence)]
        return {id(a): (lo, hi) for a, lo, hi in zip(chosen, bounds, bounds[1:], strict=False)}

    money = cuts([a for a in amounts if a.kind == "money"])
    every = cuts(amounts)
    return [(a, *(money.get(id(a)) or every[id(a)])) for a in amounts]


def _compared(sentence: str, since: int, amount: Amount, patterns: _Patterns) -> bool:
    """Is the amount introduced as a comparison ("up from 3.04 billion", "from a revised
    12.9 billion dlrs", "compared with $5bn")?"""
    return patterns.comparison.search(sentence, since, amount.start) is not None


def _money_only(sentence: str, amounts: list[Amount], context: _Context, index: int) -> list[Amount]:
    """The sentence's amounts, with bare scaled numbers either given a carried currency
    or dropped, and plain dollars read as the article's own dollar."""
    patterns = _patterns(context.lexicon)
    previous = context.money
    kept: list[Amount] = []
    for amount in amounts:
        if amount.kind == "bare":
            currency = _carried_currency(sentence, amount, amounts, previous, context.lexicon,
                                         patterns, index)
            if currency is None:
                continue
            amount.kind, amount.currency = "money", currency
        elif amount.kind == "money" and amount.plain_dollar and context.dollar:
            amount.currency = context.dollar
        kept.append(amount)
    return kept


def _paragraph_figures(seg: Segment, context: _Context) -> list[Figure]:
    article, lexicon = context.article, context.lexicon
    patterns = _patterns(lexicon)
    text = seg.text
    sentences = [(s, e, find_amounts(text[s:e], lexicon.notation)) for s, e in seg.windows]
    if not any(amounts for _, _, amounts in sentences):
        return []  # most paragraphs: nothing more to read
    readable = _readable(text)
    taken = [(s + a.start, s + a.end) for s, _, amounts in sentences for a in amounts]
    years = _year_mentions(readable, lexicon, patterns, article.published, article.published_precision,
                           context.events, taken)
    figures: list[Figure] = []
    for s, e, amounts in sentences:
        amounts = _money_only(text[s:e], amounts, context, seg.index)
        if not amounts:
            continue
        local_years = [_YearMention(y.start - s, y.end - s, y.year, y.text, y.basis, y.unit, y.period)
                       for y in years if s <= y.start and y.end <= e]
        figures.extend(_sentence_figures(seg, s, e, amounts, local_years, readable[s:e], context,
                                         figures[-1] if figures else None))
    return figures


def _sentence_figures(seg: Segment, s: int, e: int, amounts: list[Amount], years: list[_YearMention],
                      readable: str, context: _Context, before: Figure | None) -> list[Figure]:
    """The figures of one sentence, ``seg.text[s:e]`` (``readable``: the same with an
    all-capitals headline's words capitalised)."""
    lexicon = context.lexicon
    patterns = _patterns(lexicon)
    sentence = seg.text[s:e]
    mentions = _party_mentions(readable, lexicon, amounts)
    places = []
    for n, (amount, lo, hi) in enumerate(_scopes(sentence, amounts, lexicon, mentions)):
        since = amounts[n - 1].end if n else 0
        places.append(_Place(amount, lo, hi, _core_regions(sentence, amount, lo, hi, patterns),
                             _compared(sentence, since, amount, patterns)))
    figures: list[Figure] = []
    neighbour: tuple[Figure, Measure | None] | None = None  # the figure before, in this sentence
    previous = before if before is not None and before.kind == "money" else None
    for place in places:
        amount = place.amount
        blocked = [p.regions[0] for p in places if p is not place and p.compared]
        party_mentions = _parties(mentions, place.regions)
        if amount.kind == "count":
            measure: Measure | None = Measure(amount.unit or "", amount.unit or "", "", 1, False)
        else:
            measure = _measure(readable, lexicon, patterns, amount,
                               [*place.regions, (place.lo, place.hi), (0, amount.start)])
        if measure is None and neighbour is not None and neighbour[0].kind != "count":
            measure = neighbour[1]
        pair = context.pair
        if (previous is None or len(previous.parties) < 2) and pair is not None and (
                seg.index - pair.paragraph <= 2):
            previous = pair.figure  # "bilateral trade", "the two countries": the last pair named
        parties = _inherit_parties(
            _distinct(party_mentions), previous, neighbour[0] if neighbour else None,
            anaphoric=bool(_anaphor_pattern(lexicon).search(sentence, place.lo, place.hi)),
            unknown_partner=_names_unknown_partner(sentence, place.lo, place.hi, mentions))
        named = _subjects(sentence, party_mentions, patterns)
        implied: list[str] = []
        if amount.kind == "money" and measure is not None and set(parties) <= (
                set(_distinct(party_mentions)) - set(named)):  # "a $43.1bn deficit with China"
            subject = _implied_subject(context, seg.index, measure)
            if subject and subject not in parties:
                implied, parties = [subject], [subject, *parties]
        year, year_text, year_basis = _year_of(place, sentence, years, blocked, context)
        if amount.kind != "money" and year_basis in ("context", "published"):
            year, year_text, year_basis = None, None, None
        figure = _figure(seg, s, sentence, place, measure, parties, party_mentions, implied,
                         (year, year_text, year_basis), context)
        figures.append(figure)
        neighbour = (figure, measure)
        if amount.kind == "money":
            previous = figure
            _remember(context, figure, measure, place, named, seg.index, years)
    return figures


def _figure(seg: Segment, s: int, sentence: str, place: _Place, measure: Measure | None,
            parties: list[str], party_mentions: list[ActorMention], implied: list[str],
            year: tuple[int | None, str | None, str | None], context: _Context) -> Figure:
    article, amount = context.article, place.amount
    qualifiers, bound = _qualifiers(sentence, context.lexicon, amount, place.lo, place.hi)
    published_year = article.published.year if article.published else None
    usd, rate_year = (_usd_bn(amount, year[0], published_year, context.rates)
                      if amount.kind == "money" else (None, None))
    start, end = seg.paragraph.raw_span(s + amount.start, s + amount.end)
    return Figure(
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
        year=year[0],
        year_text=year[1],
        parties=parties,
        measure=measure.measure if measure else None,
        flow=(measure.flow or None) if measure else None,
        direction=_direction(sentence, measure.flow if measure else None, parties, party_mentions),
        qualifiers=qualifiers,
        bound=bound,
        sentence=sentence.strip(),
        paragraph=seg.index,
        year_basis=year[2],
        implied_parties=implied,
    )


def _implied_subject(context: _Context, index: int, measure: Measure) -> str | None:
    """The subject a figure leaves unsaid: for a national measure, the one subject of
    the money figure just before it (two paragraphs back at most); else the article's
    home."""
    recent = context.money
    if measure.national and recent is not None and len(recent.subject) == 1 and (
            index - recent.paragraph <= 2):
        return recent.subject[0]
    return context.home


def _remember(context: _Context, figure: Figure, measure: Measure | None, place: _Place,
              named: list[str], index: int, years: list[_YearMention]) -> None:
    national = measure is not None and measure.national
    subject = (named or figure.implied_parties or
               (context.money.subject if context.money and national else [])) if national else []
    context.money = _Recent(index, figure, list(subject))
    if len(figure.parties) >= 2:
        context.pair = context.money
    headline = context.article.paragraphs[index].kind == "title"
    if context.period is None and not place.compared and figure.year is not None and not (
            headline and figure.year_basis == "published"):
        context.period = next((y for y in years if y.text == figure.year_text and y.year == figure.year),
                              _YearMention(0, 0, figure.year, figure.year_text or "",
                                           figure.year_basis or "stated"))


def _date_headlines(figures: list[Figure], context: _Context) -> None:
    """A headline's undated figure is the lead's: it takes the time the body's first
    dated figure states ("Trade tops $100bn" over "...rose to $110.8bn last year")."""
    period = context.period
    if period is None or period.year is None or period.basis == "published":
        return
    for figure in figures:
        kind = context.article.paragraphs[figure.paragraph].kind
        if kind in ("title", "standfirst") and figure.year_basis == "published":
            figure.year, figure.year_text, figure.year_basis = period.year, period.text, "context"
            if figure.kind == "money" and figure.currency != "USD":
                figure.value_usd_bn, figure.usd_rate_year = _usd_bn(
                    Amount(0, 0, "money", figure.value_low, figure.value_high, figure.scale, figure.currency),
                    figure.year, figure.year, context.rates)


def _article_dollar(article: Article, lexicon: FigureTerms) -> str | None:
    """The one non-US dollar an article names ("Canadian dlrs", "HK$"), if just one: its
    plain "dlrs" are that dollar too, as wire copy writes them."""
    pattern, codes, needs = _dollar_pattern(lexicon)
    found = {code for p in article.paragraphs
             if p.kind in FIGURE_PARAGRAPH_KINDS and may_hold(needs, lowered_for_needs(p.text))
             for code in (codes[m.group(0).lower()] for m in pattern.finditer(p.text))}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4)
def _dollar_pattern(lexicon: FigureTerms) -> tuple[re.Pattern[str], dict[str, str], Needs]:
    """The non-US dollars' terms as one expression, their codes, and what any of them holds
    (lower-cased): its dollar sign, else its last word ("dlrs", "dollars"). The expression is
    read over every paragraph; the test of those few strings turns most away first."""
    dollars = {c.term.lower(): c.code for c in (*lexicon.notation.before, *lexicon.notation.after)
               if c.family == "dollar" and c.code != "USD"}
    terms = trie_expression(sorted(dollars), any_space=False) or "(?!)"
    needs = {"$" if "$" in term else term.split()[-1] for term in dollars}
    needs = {need for need in needs if not any(other in need for other in needs - {need})}
    return (re.compile(rf"(?<![A-Za-z])(?:{terms})(?![A-Za-z])", re.IGNORECASE), dollars,
            tuple(sorted(needs)))


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
    lexicon = load_figure_terms()
    context = _Context(article, lexicon, rates, events, article_home(article, lexicon),
                       _article_dollar(article, lexicon))
    figures: list[Figure] = []
    for seg in segmentation.of_kinds(FIGURE_PARAGRAPH_KINDS):
        figures.extend(_paragraph_figures(seg, context))
    _date_headlines(figures, context)
    for n, figure in enumerate(figures, 1):
        figure.figure_id = f"{article.id}:f{n:03d}"
    return figures


def figure_records(figures: list[Figure]) -> list[dict]:
    """Figures as plain dicts (for tables, JSONL and CSV); their checks are the ``checks``
    stage's (``geolib.checks.check_records``)."""
    return [figure.to_dict() for figure in figures]
