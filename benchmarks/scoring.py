"""Pure scoring for quote benchmarks: quoted regions, span matching, speaker matching, P/R/F1.

No file access and no geolib import, so it can be unit-tested on made-up spans
(``tests/test_bench_scoring.py``) and reused by any benchmark.

A *span* is a tuple of ``(start, end)`` character fragments into one text: most spans
have one fragment; a gold span interrupted by other words ("A," she said, "B.") has
several.

Rules (documented in ``benchmarks/README.md``):

- **overlap match**: the characters two spans share are at least half the length of the
  shorter span (after trimming quotation marks, spaces and edge punctuation from both);
- **exact match**: the trimmed spans are identical, either the whole gold span (from its
  first to its last character) or one of its fragments;
- **speaker match**: the predicted speaker's head word (its last word, lower-cased,
  possessive and "Jr."-style suffixes dropped) is one of the gold speaker's words: the
  SOURCE span's words before any appositive (a comma, parenthesis or dash) plus, when the
  source is a pronoun or a noun phrase without a name, the words of the name it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Fragment = tuple[int, int]
Span = tuple[Fragment, ...]

# Quotation marks as news text writes them: curly, straight, and the doubled
# apostrophes of some wire and newspaper copy (''...''), plus TeX-style ``...''.
_MARK = re.compile(r"''|``|[\"\u201c\u201d]")
_OPENERS = {"\u201c", "``"}
_CLOSERS = {"\u201d"}
_EDGE = set(" \t\r\n\"'`\u201c\u201d\u2018\u2019.,;:!?\u2026\u2014\u2013-()[]")
_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def quoted_regions(text: str) -> list[Fragment]:
    """Character ranges inside quotation marks (marks excluded), paired line by line.

    Curly marks pair opener to closer; straight and doubled-apostrophe marks alternate.
    A quote left open at a line's end runs to the line's end (a quote continuing into the
    next paragraph reopens there, as news style does)."""
    regions: list[Fragment] = []
    for line in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        for mark in _MARK.finditer(line.group()):
            start, end, kind = line.start() + mark.start(), line.start() + mark.end(), mark.group()
            if kind in _OPENERS:
                opened = end
            elif kind in _CLOSERS or opened is not None:
                if opened is not None:
                    regions.append((opened, start))
                opened = None
            else:
                opened = end
        if opened is not None:
            regions.append((opened, line.end()))
    return regions


def quoted_share(text: str, span: Span, regions: Sequence[Fragment]) -> float:
    """Share of the span's letters and digits that lie inside quotation marks."""
    inside = total = 0
    for start, end in span:
        for i in range(start, end):
            if text[i].isalnum():
                total += 1
                inside += any(a <= i < b for a, b in regions)
    return inside / total if total else 0.0


def trim(text: str, fragment: Fragment) -> Fragment:
    """The fragment without surrounding spaces, quotation marks and edge punctuation."""
    start, end = fragment
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end)


def trim_span(text: str, span: Span) -> Span:
    """Every fragment trimmed; fragments left empty are dropped."""
    return tuple(f for f in (trim(text, f) for f in span) if f[1] > f[0])


def length(span: Span) -> int:
    return sum(end - start for start, end in span)


def shared(a: Span, b: Span) -> int:
    """Characters the two spans have in common."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def overlap_match(a: Span, b: Span) -> bool:
    """True when the spans share at least half the length of the shorter one."""
    shorter = min(length(a), length(b))
    return shorter > 0 and 2 * shared(a, b) >= shorter


def exact_match(pred: Span, gold: Span) -> bool:
    """True when the (trimmed) prediction is the whole gold span or one of its fragments."""
    if not pred or not gold:
        return False
    hull = ((pred[0][0], pred[-1][1]),)
    return hull == ((gold[0][0], gold[-1][1]),) or (len(pred) == 1 and pred[0] in gold)


@dataclass
class Matching:
    """Which gold item each prediction matched (or None) and which gold items were found."""

    pred_to_gold: list[int | None]
    gold_found: list[bool]

    @property
    def true_predictions(self) -> int:
        return sum(g is not None for g in self.pred_to_gold)

    @property
    def found(self) -> int:
        return sum(self.gold_found)


def match_spans(preds: Sequence[Span], golds: Sequence[Span], exact: bool = False) -> Matching:
    """Match each prediction to the gold span it shares most with, if that one matches.

    Several predictions may match one gold span (a quote split by "she said" into two
    predictions, or a partial quote inside a reported clause both count as correct);
    precision counts matched predictions, recall counts gold spans matched at least once."""
    test = exact_match if exact else overlap_match
    pred_to_gold: list[int | None] = []
    found = [False] * len(golds)
    for pred in preds:
        best, best_shared = None, 0
        for g, gold in enumerate(golds):
            s = shared(pred, gold)
            if s > best_shared and test(pred, gold):
                best, best_shared = g, s
        pred_to_gold.append(best)
        if best is not None:
            found[best] = True
    return Matching(pred_to_gold, found)


def name_words(name: str | None) -> list[str]:
    """Lower-cased words of a name or phrase, possessives dropped ("Clinton's" -> "clinton")."""
    if not name:
        return []
    text = name.lower().replace("\u2019", "'").replace("\u2018", "'")
    words = []
    for word in _WORD.findall(text):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word:
            words.append(word)
    return words


def head_word(name: str | None) -> str | None:
    """The last word of a name, without "Jr."-style suffixes: its surname or head noun."""
    words = [w for w in name_words(name) if w not in _SUFFIXES]
    return words[-1] if words else None


def name_part(source: str) -> str:
    """A SOURCE phrase without its appositive: "Jo Park, a fellow at X, who ..." -> "Jo Park";
    a title before a comma keeps the name after it: "the firm's chief, Jo Park" -> both."""
    parts = [p for p in re.split(r"[,(\u2014\u2013]", source) if p.strip()]
    if not parts:
        return source
    head = parts[0]
    words = head.split()
    if len(parts) > 1 and words and words[-1][:1].islower():  # "the firm's chief, Jo Park"
        head = f"{head}, {parts[1].strip()}"
    return head


def speaker_match(predicted: str | None, gold_names: Iterable[str | None]) -> bool:
    """True when the predicted speaker's head word is among the words of any gold name."""
    head = head_word(predicted)
    if head is None:
        return False
    return any(head in name_words(name) for name in gold_names)


@dataclass
class Score:
    """Precision, recall and F1 from counts."""

    true_predictions: int
    predictions: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_predictions / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.true_predictions + other.true_predictions, self.predictions + other.predictions,
                     self.found + other.found, self.gold + other.gold)


def score(matching: Matching) -> Score:
    return Score(matching.true_predictions, len(matching.pred_to_gold), matching.found,
                 len(matching.gold_found))


# The scorer reads gold and predictions as plain text and imports nothing from geolib, so that
# geolib's own word lists cannot make a prediction look right: these two lists are its own.
# Function words a SOURCE phrase holds besides its name and description ("Ann Lee, a fellow at X").
_DESCRIPTION_FILLER = {"a", "an", "the", "of", "for", "at", "in", "on", "to", "and", "who", "whom", "is",
                       "was", "has", "had", "by", "with", "from", "mr", "mrs", "ms", "dr"}


_PARTY_TAGS = {"D": "democrat", "R": "republican", "I": "independent"}


@dataclass
class Description:
    """What a gold SOURCE phrase says of its speaker besides the name, against geolib's role and
    affiliation: ``described`` when it holds any other content word ("Ann Lee, 34, a nurse"),
    ``named_body`` when one of them is capitalised (a body, party or place: "Twitter's chief
    executive", "a fellow at Brookings"); ``role_from_source`` / ``affiliation_from_source``
    when every word of geolib's role / affiliation stands in the SOURCE phrase."""

    described: bool
    named_body: bool
    role_from_source: bool
    affiliation_from_source: bool


def description(source: str, speaker: str | None, role: str | None, affiliation: str | None) -> Description:
    """Compare one SOURCE phrase with geolib's speaker, role and affiliation (see Description)."""
    name = set(name_words(speaker))
    words = set(name_words(source))  # a US party tag ("D-Md.", "(R)") spells its party's member word
    words |= {_PARTY_TAGS[t] for t in re.findall(r"(?<![\w-])([DRI])(?:-[A-Z]|\))", source)}
    rest = [w for w in re.findall(r"[\w'’.-]+", source)
            if (low := name_words(w)) and low[0] not in name and low[0] not in _DESCRIPTION_FILLER
            and not low[0].isdigit()]
    capitalised = [w for w in rest[1:] if w[:1].isupper()] + [w for w in rest[:1] if w[:1].isupper()
                                                              and not source.startswith(w)]

    def inside(phrase: str | None) -> bool:
        content = [w for w in name_words(phrase) if w not in _DESCRIPTION_FILLER]
        return bool(content) and all(w in words for w in content)

    return Description(bool(rest), bool(capitalised), inside(role), inside(affiliation))
