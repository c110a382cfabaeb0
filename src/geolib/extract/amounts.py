"""Amounts in a sentence: money in every notation news uses, percentages, counts, and
bare scaled numbers that may carry an earlier figure's currency.

A sentence is read in two passes:

1. *numbers*: "245", "1,200", "58.6", or a number word before a scale ("two billion"),
   each with its scale ("bn", "billion", "mln", "tn", from ``data/scales.csv``), the
   currency written right before it ("$", "US$", "€", "RMB") and the currency written
   after it across any whitespace or hyphen ("dlrs", "mln stg", "billion yen",
   "Hong Kong dollars", "a 300-mln-dlr loan"; ``data/currencies.csv``);
2. *links*: "350 to 400 mln stg", "$5-6bn" and "between two and three billion dlrs" are
   one range whose ends share what either states; "from 12.3 to 15.1 billion dlrs" and
   "fell 300 mln dlrs to 19.1 billion dlrs" are two amounts (a change), and an end that
   states no scale or currency takes the other's.

An amount with a currency is money; then come percentages ("35.8 per cent", "5.5 pct")
and counts ("10,000 trucks", "1.5 million tonnes"), never overlapping money. A number
with a scale word but no currency and no counted noun ("up from 3.04 billion") is
*bare*: ``geolib.extract.figures`` decides from its paragraph whether it carries an
earlier figure's currency.

Regular expressions over data files rather than a quantity library: quantulum3 reads
"58.6 billion dlr" as decilitre-roentgens, "mln stg" as cubic centimetre-newtons and
"$78.1bn" as dollar-bit-newtons, and price-parser reads one price per string with no
scale words ("Britain" becomes a currency "Br"); neither knows wire abbreviations or
carries a currency from one figure to the next.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from geolib.paths import PACKAGE_DATA
from geolib.text.dates import MONTH_WORD, is_month
from geolib.text.expressions import CASE_TWINS, lowered_for_needs, trie_expression

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# not in a web address ("/pr/90-million-yacht"); the lookahead first, so that the expression
# fails at once where no digit stands (most places of a sentence: percentages and counts
# read 35% faster)
_NUMBER = rf"(?=\d)(?<![\w.,/]){_DIGITS}(?!\d|,\d)"
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d{2}")


@dataclass(frozen=True)
class Currency:
    term: str
    code: str
    needs_scale: bool  # an ordinary word too ("marks", "won"): money only with a scale
    not_followed_by: re.Pattern[str] | None  # "pounds of" is a weight
    family: str = ""  # "dollar" for every dollar, US or not

    @property
    def plain_dollar(self) -> bool:
        """A dollar that does not say whose ("$", "dlrs"): US unless the article says
        otherwise."""
        return self.family == "dollar" and self.code == "USD" and not re.search(r"U\.?S|American",
                                                                                 self.term)


@dataclass(frozen=True, eq=False)  # hashed by identity, so patterns can be cached
class Notation:
    """Currencies, scales and the number grammar (see ``load_notation``)."""

    before: tuple[Currency, ...]
    after: tuple[Currency, ...]
    scales: dict[str, float]
    attached_scales: frozenset[str]  # "m", "b", "k": only right after the digits ("$5m")
    number_words: dict[str, float]
    per_year: tuple[str, ...]
    change_words: tuple[str, ...]
    range_ratio: float
    not_counted: frozenset[str]  # words after a number that make it no count ("3 years", "5 in")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def load_notation(folder: Path = PACKAGE_DATA) -> Notation:
    """Read ``currencies.csv``, ``scales.csv`` and the ``[notation]`` part of
    ``figures.toml`` from ``folder`` (the package data by default)."""
    folder = Path(folder)
    with open(folder / "figures.toml", "rb") as handle:
        grammar = tomllib.load(handle)
    notation = grammar.get("notation", {})
    currencies = [
        (row["position"], Currency(row["term"], row["currency"], row.get("needs_scale") == "1",
                                   re.compile(row["not_followed_by"]) if row.get("not_followed_by")
                                   else None, row.get("family", "")))
        for row in _rows(folder / "currencies.csv")
    ]
    scales = _rows(folder / "scales.csv")
    return Notation(
        before=tuple(c for position, c in currencies if position == "before"),
        after=tuple(c for position, c in currencies if position == "after"),
        scales={r["term"].lower(): float(r["scale"]) for r in scales},
        attached_scales=frozenset(r["term"].lower() for r in scales if r.get("attached") == "1"),
        number_words={k.lower(): float(v) for k, v in grammar.get("number_words", {}).items()},
        per_year=tuple(grammar.get("per_year_suffixes", [])),
        change_words=tuple(notation.get("change_words", [])),
        range_ratio=float(notation.get("range_ratio", 5)),
        not_counted=frozenset(w.lower() for w in [*grammar.get("count_unit_skip", []),
                                                   *notation.get("not_counted", [])]),
    )


def alternation(terms: object, *, any_space: bool = False) -> str:
    """Regex alternation of literal terms, longest first (the regex takes the first); with
    ``any_space`` a space in a term matches any run of whitespace (wire copy wraps lines)."""
    escaped = (re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return "|".join(e.replace(r"\ ", r"\s+") for e in escaped) if any_space else "|".join(escaped)


def _alternation(terms: object) -> str:  # amounts' terms: wire copy wraps a term across lines
    return alternation(terms, any_space=True)


@dataclass(frozen=True)
class _Patterns:
    number: re.Pattern[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    rate: re.Pattern[str]
    change: re.Pattern[str]
    after_codes: dict[str, Currency]
    before_codes: dict[str, Currency]
    percent: re.Pattern[str]
    count: re.Pattern[str]


def _opening(number_words: object) -> str:
    """A lookahead for the characters a number may open with: a digit, or the first letter
    of a number word in any case (``CASE_TWINS`` included: a case-insensitive regex takes
    "ſ" for "s"). The number expression is tried at every place of a sentence: with this
    first, it fails at once at most (number expressions read 2.5 times faster)."""
    letters = {word[0] for word in number_words}
    firsts = {c for letter in letters for c in (letter.lower(), letter.upper())}
    firsts |= {twin for twin in CASE_TWINS for letter in letters
               if re.fullmatch(re.escape(letter), twin, re.IGNORECASE)}
    return rf"(?=[\d{re.escape(''.join(sorted(firsts)))}])"


@lru_cache(maxsize=4)
def _patterns(notation: Notation) -> _Patterns:
    spaced = [t for t in notation.scales if t not in notation.attached_scales]
    attached = list(notation.attached_scales)
    # A number, then its scale: a word scale after any whitespace or a hyphen ("5 bn",
    # "5bn", "300-mln"), a one-letter scale only right after the digits ("$5m").
    scale = (rf"(?:(?:\s*-\s*|\s*)(?P<scale>(?i:{_alternation(spaced)}))(?![A-Za-z])"
             rf"|(?P<letter>(?i:{_alternation(attached)}))(?![A-Za-z]))")
    words = _alternation(notation.number_words)
    # "two", "a hundred and sixty", "twenty-five", "one and a half"
    word_number = (rf"(?:{words})(?:(?:(?<=hundred)\s+and\s+|\s+and\s+(?=an?\s+half)|[\s-]+)"
                   rf"(?:{words}))*")
    number = (rf"{_opening(notation.number_words)}"
              rf"(?:(?P<digits>{_NUMBER})|(?<![\w-])(?P<word>(?i:{word_number}))(?![\w-]))"
              rf"(?:{scale})?")
    before = rf"(?<![A-Za-z])(?P<cur>{_alternation(c.term for c in notation.before)})\s?$"
    after = rf"(?:\s*-\s*|\s+)(?P<cur>(?i:{_alternation(c.term for c in notation.after)}))(?![A-Za-z])"
    rate = "|".join(notation.per_year) or "(?!)"
    change = "|".join(notation.change_words) or "(?!)"
    return _Patterns(
        number=re.compile(number),
        before=re.compile(before),
        after=re.compile(after),
        rate=re.compile(rf"(?:{rate})", re.IGNORECASE),
        change=re.compile(rf"\b(?:{change})\s+(?:by\s+)?(?:(?:about|some|around|nearly|almost|"
                          rf"more\s+than|over|a|an)\s+)?$", re.IGNORECASE),
        after_codes={re.sub(r"\s+", " ", c.term.lower()): c for c in notation.after},
        before_codes={re.sub(r"\s+", " ", c.term): c for c in notation.before},
        percent=re.compile(
            rf"(?P<n1>{_NUMBER})(?:\s?[-–]\s?(?P<n2>{_NUMBER}))?\s?"
            r"(?:%|per\s?cent\b|percent\b|pct\b|pc\b|percentage points?\b)", re.IGNORECASE),
        # "10,000 trucks", "1.5 million tonnes", "400 Chinese companies" (one proper adjective).
        count=re.compile(rf"(?P<n1>{_NUMBER})(?:\s?(?P<s1>(?i:{_alternation(spaced)})))?\s"
                         r"(?:[A-Z][\w-]*\s)?(?P<unit>[a-z][a-z-]*[a-z])"),
    )


@dataclass
class Amount:
    """An amount found in a sentence (offsets into the sentence).

    ``kind`` is ``"money"`` (a currency is stated, or taken from the other end of its
    range or change) or ``"bare"`` (a scaled number with no currency: money only if its
    paragraph gives one, see ``geolib.extract.figures``). ``low``/``high`` are in units
    of ``scale``.
    """

    start: int
    end: int
    kind: str
    low: float
    high: float
    scale: float
    currency: str | None = None
    per_year: bool = False
    unit: str | None = None  # a percentage's "%", a count's counted noun
    plain_dollar: bool = False  # "$" or "dlrs": US dollars unless the article names another


@dataclass
class _Token:
    start: int  # with the currency before it
    end: int  # with the currency after it and a per-year suffix
    value: float
    scale: float | None
    currency: str | None
    word: bool  # a number word ("two"): a number only when scaled or in a range
    per_year: bool
    currency_after: bool  # the currency is written after the number ("5 billion dlrs")
    plain_dollar: bool = False
    year_like: bool = False  # "2022": a plain four-digit year, never one end of a range


def _token(sentence: str, match: re.Match[str], notation: Notation, patterns: _Patterns) -> _Token:
    digits, word = match.group("digits"), match.group("word")
    scale_word = match.group("scale") or match.group("letter")
    scale = notation.scales[scale_word.lower()] if scale_word else None
    value = float(digits.replace(",", "")) if digits else _word_value(word, notation)
    start, end = match.start(), match.end()
    currency = None
    plain = False
    before = patterns.before.search(sentence, max(0, start - 12), start)
    if before is not None and digits:
        written = patterns.before_codes[re.sub(r"\s+", " ", before.group("cur"))]
        currency, plain, start = written.code, written.plain_dollar, before.start()
    currency_after = False
    after = patterns.after.match(sentence, end)
    if currency is None and after is not None:
        found = patterns.after_codes[re.sub(r"\s+", " ", after.group("cur").lower())]
        plain_year = bool(digits and not scale and _YEAR_LIKE.fullmatch(digits))  # "in 2019 dollars"
        if ((not found.needs_scale or scale or (digits and ("," in digits or "." in digits)))
                and not (found.not_followed_by and found.not_followed_by.match(sentence, after.end()))
                and not plain_year):
            currency, currency_after, end = found.code, True, after.end()
            plain = found.plain_dollar
    per_year = False
    rate = patterns.rate.match(sentence, end)
    if rate is not None and (currency or scale):
        per_year, end = True, rate.end()
    year_like = bool(digits and not scale and not currency and _YEAR_LIKE.fullmatch(digits))
    return _Token(start, end, value, scale, currency, bool(word), per_year, currency_after, plain,
                  year_like)


def _word_value(words: str, notation: Notation) -> float:
    """The value of number words: "a hundred and sixty" -> 160, "one and a half" -> 1.5."""
    text = re.sub(r"\s+", " ", words.lower())
    if text in notation.number_words:
        return notation.number_words[text]
    total = 0.0
    text = re.sub(r"\bhalf an?\b", "half", text)
    for word in re.split(r"[\s-]+", re.sub(r"\b(?:and )?an? half\b", "half", text)):
        if word == "and":
            continue
        if word == "half":
            total += 0.5
        elif word == "hundred":
            total = max(total, 1.0) * 100
        else:
            total += notation.number_words.get(word, 0.0)
    return total


def _link(sentence: str, first: _Token, second: _Token, notation: Notation,
          patterns: _Patterns) -> str | None:
    """``"range"``, ``"change"`` or None: how two neighbouring numbers belong together."""
    if not (first.currency or first.scale or second.currency or second.scale):
        return None
    if first.year_like or second.year_like:
        return None
    gap = sentence[first.end: second.start]
    before = sentence[: first.start]
    if re.fullmatch(r"\s*[-–]\s*", gap):
        return "range"
    if re.fullmatch(r"\s+and\s+", gap):
        return "range" if re.search(r"\bbetween\s+$", before, re.IGNORECASE) else None
    if not re.fullmatch(r"\s+(?:to|or)\s+", gap):
        return None
    if gap.strip() == "or" and first.currency and first.scale:
        return None  # "48 trillion rubles or 45 percent": another figure, no range
    if re.search(r"\bfrom\s+$", before, re.IGNORECASE) or patterns.change.search(before):
        return "change"
    low = first.value * (first.scale or second.scale or 1.0)
    high = second.value * (second.scale or first.scale or 1.0)
    if 0 < low < high <= low * notation.range_ratio:
        return "range"
    return "change"


def _share(first: _Token, second: _Token) -> tuple[_Token, _Token]:
    """Each end of a range or change takes the scale and currency the other states."""
    return (replace(first, scale=first.scale or second.scale, currency=first.currency or second.currency,
                    plain_dollar=first.plain_dollar if first.currency else second.plain_dollar),
            replace(second, scale=second.scale or first.scale, currency=second.currency or first.currency,
                    plain_dollar=second.plain_dollar if second.currency else first.plain_dollar))


def _amount(first: _Token, last: _Token | None = None) -> Amount | None:
    """The amount of one token, or of a range from ``first`` to ``last``."""
    kind = "money" if first.currency else "bare" if first.scale else None
    if kind is None:
        return None
    scale = first.scale or 1.0
    high = last.value * (last.scale or scale) / scale if last else first.value
    end = last or first
    return Amount(first.start, end.end, kind, first.value, high, scale, first.currency,
                  per_year=first.per_year or end.per_year, plain_dollar=first.plain_dollar)


_MONTH_BEFORE = re.compile(rf"\b{MONTH_WORD}\s*$")


def _counts(sentence: str, notation: Notation, patterns: _Patterns) -> list[Amount]:
    """Plain counts: a number before a counted noun, not a year, a date or a duration."""
    found = []
    for match in patterns.count.finditer(sentence):
        number, unit, scale = match.group("n1"), match.group("unit"), match.group("s1")
        if _YEAR_LIKE.fullmatch(number) and not scale:
            continue
        if unit.lower() in notation.not_counted or _MONTH_BEFORE.search(sentence, 0, match.start()):
            continue
        if is_month(unit):
            continue
        if not (scale or "," in number or unit.endswith("s")):
            continue
        value = float(number.replace(",", ""))
        end = match.end("s1") if scale else match.end("n1")
        found.append(Amount(match.start(), end, "count", value, value,
                            notation.scales[scale.lower()] if scale else 1.0, unit=unit))
    return found


def _stands_alone(sentence: str, end: int, notation: Notation) -> bool:
    """Is a scaled number followed by no noun ("3.04 billion in December", "3.04
    billion.") rather than counting one ("1.4 billion people", "a thousand new jobs")?"""
    following = re.match(r"(?:\s*-\s*|\s+)([A-Za-z][\w'’-]*)", sentence[end:])
    if following is None:
        return True
    word = following.group(1).lower()
    return word in notation.not_counted and word != "of"  # "a million of Russia's people"


def find_amounts(sentence: str, notation: Notation | None = None) -> list[Amount]:
    """Money, percentages, counts and bare scaled numbers in ``sentence``, left to right,
    never overlapping (money wins over a percentage, a percentage over a count, a count
    over a bare number)."""
    notation = notation or load_notation()
    if not _may_hold_amount(sentence, notation):
        return []  # most sentences: no number to read
    patterns = _patterns(notation)
    money = _money_amounts(sentence, notation, patterns)
    percents = []
    for match in patterns.percent.finditer(sentence):
        low = float(match.group("n1").replace(",", ""))
        high = float(match.group("n2").replace(",", "")) if match.group("n2") else low
        percents.append(Amount(match.start(), match.end(), "percent", low, high, 1.0, unit="%"))
    bare = [a for a in money if a.kind == "bare" and _stands_alone(sentence, a.end, notation)]
    ranked = [*(a for a in money if a.kind == "money"), *percents, *_counts(sentence, notation, patterns),
              *bare]
    chosen: list[Amount] = []
    for amount in ranked:  # in priority order: keep the first of overlapping amounts
        if all(amount.end <= other.start or amount.start >= other.end for other in chosen):
            chosen.append(amount)
    return sorted(chosen, key=lambda a: a.start)


_DIGIT = re.compile(r"\d")


def _may_hold_amount(sentence: str, notation: Notation) -> bool:
    """Whether ``sentence`` may hold an amount: percentages, counts and a currency written
    before its number need digits; without them, a number word is an amount only with a
    scale word written apart ("two billion") or a currency written after ("two to three
    dollars"), so the sentence holds one of those terms (see ``_amount_words``)."""
    if _DIGIT.search(sentence):
        return True
    lowered = lowered_for_needs(sentence)
    return lowered is None or _amount_words(notation).search(lowered) is not None


@lru_cache(maxsize=4)
def _amount_words(notation: Notation) -> re.Pattern[str]:
    """Every scale written apart and every currency written after a number, lower-cased
    (any spacing may part a term's words), as one expression. A number word ends before a
    space or a hyphen (``_patterns``' ``number``), so in a sentence without digits such a
    term stands after one, as a word of its own: "remarks" and "grand" hold none."""
    terms = [*(t for t in notation.scales if t not in notation.attached_scales),
             *(c.term for c in notation.after)]
    expression = trie_expression(sorted({term.lower() for term in terms}), any_space=True)
    return re.compile(rf"(?<![a-z])(?:{expression})(?![a-z])")


def _money_amounts(sentence: str, notation: Notation, patterns: _Patterns) -> list[Amount]:
    """Money and bare scaled amounts, ranges joined."""
    tokens = [_token(sentence, m, notation, patterns) for m in patterns.number.finditer(sentence)]
    amounts: list[Amount] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        link = _link(sentence, token, following, notation, patterns) if following else None
        if token.word and token.scale is None and link is None:
            i += 1  # "two" alone is no amount
            continue
        if link is not None:
            token, tokens[i + 1] = _share(token, following)
        if link == "range":
            found = _amount(token, tokens[i + 1])
            i += 2
        else:
            found = _amount(token)
            i += 1
        if found is not None:
            amounts.append(found)
    return amounts
