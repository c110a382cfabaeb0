"""A small phrase-pattern language for claims, frames and markers, compiled to regex.

    drive a wedge              words, case-insensitive, any spacing or punctuation between
    pull {Russia} away from {China}   an actor slot: any alias of that actor (case-sensitive)
    break ... ties             a gap of up to GAP words, within one sentence and clause
    (isolate|isolating) {China}      alternatives (each may be several words)
    order (is|has been)? crumbling   an optional group
    (pull (away|apart)|detach)       groups nest: an alternative may hold a group

A word stands whole: not inside a longer word, nor before the "n't" of a contraction that
takes its last letter ("won" is not in "won't").

Text is normalised before matching without moving any character: curly quotes and
apostrophes become straight ones, and square brackets (editorial insertions, "doing
[Nixon] in reverse") become spaces. spaCy's Matcher could do this on tokens, but
patterns here must match across a whole quote with raw character offsets, and regex
keeps them one readable line each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from geolib.actors import load_actors
from geolib.text.expressions import CASE_TWINS

GAP = 6  # words a "..." may skip
_NORMALISE = {"’": "'", "‘": "'", "“": '"', "”": '"', "[": " ", "]": " "}
_SLOT = re.compile(r"\{([^}]+)\}")


def normalise(text: str) -> str:
    """Same-length copy of ``text`` for matching (see module docstring). (One ``replace`` per
    character: ``str.translate`` looks every character up in a dict, several times slower.)"""
    for char, plain in _NORMALISE.items():
        if char in text:
            text = text.replace(char, plain)
    return text


@cache
def _aliases(actor: str) -> tuple[str, ...]:
    """The actor's aliases, normalised, longest first."""
    aliases = sorted(
        {normalise(a.alias) for a in load_actors() if a.actor == actor}, key=len, reverse=True
    )
    if not aliases:
        raise ValueError(f"unknown actor in pattern: {{{actor}}}")
    return tuple(aliases)


@cache
def _actor_alternation(actor: str) -> str:
    names = "|".join(re.escape(a) for a in _aliases(actor))
    return rf"(?-i:(?:the\s+|The\s+)?(?:{names}))(?:'s)?"


def _split(pattern: str) -> list[str]:
    """Pattern words; a parenthesised group (which may hold spaces) is one word."""
    return _outside_groups(pattern, str.isspace)


def alternatives(group: str) -> list[str]:
    """The alternatives of a group word ("(a|b c)" or "(a|b c)?"), each a pattern of its
    own; a group nested in one is part of it ("(pull (away|apart)|detach)": "pull
    (away|apart)" and "detach")."""
    return _outside_groups(group.rstrip("?")[1:-1], "|".__eq__, keep_empty=True)


def _outside_groups(text: str, is_separator, keep_empty: bool = False) -> list[str]:
    """``text`` cut at each separator character that stands outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth == 0 and is_separator(char):
            if current or keep_empty:
                parts.append(current)
            current = ""
        else:
            current += char
    if current or keep_empty:
        parts.append(current)
    return parts


def _is_group(word: str) -> bool:
    return word.startswith("(") and word.rstrip("?").endswith(")")


# A word does not end where a contraction's "n't" takes its last letter: "won't" is "wo" and
# "n't", "can't" is "ca" and "n't" (as spaCy and the Penn Treebank split them), so neither
# "won" nor "can" stands in them. Other clitics leave their word whole ("Russia's", "we'll").
_NOT_CLIPPED = r"(?!'t(?!\w))"


def _word_regex(word: str) -> str:
    if word == "...":  # up to GAP words, none ending a sentence or clause
        return rf"(?:[^\s.;:!?]+[,]?\s+){{0,{GAP}}}?"
    if _is_group(word):
        return "(?:" + "|".join(_sequence(alt) for alt in alternatives(word)) + ")"
    slot = _SLOT.fullmatch(word)
    if slot:
        return _actor_alternation(slot.group(1)) + _NOT_CLIPPED
    return re.escape(normalise(word)) + _NOT_CLIPPED


def _sequence(pattern: str) -> str:
    """Regex for a run of pattern words: separators between words, optional groups."""
    body, joined = "", True  # joined: nothing to separate from (start, or after a gap)
    for word in _split(pattern):
        regex = _word_regex(word)
        if word == "...":  # the words before a gap end no sentence or clause either
            body += ("" if joined else r"[^\w.;:!?]+") + regex
            joined = True
        elif word.endswith(")?"):
            body += rf"(?:{regex}\W+)?" if joined else rf"(?:\W+{regex})?"
        else:
            body += ("" if joined else r"\W+") + regex
            joined = False
    return body


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Regex for one pattern; words are joined by any run of spaces or punctuation."""
    return re.compile(rf"(?<!\w){_sequence(pattern)}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    """Where a pattern matched: ``text[start:end]``."""

    start: int
    end: int
    pattern: str


def find_patterns(text: str, patterns: Sequence[str]) -> list[Match]:
    """Non-overlapping matches of any of ``patterns``, longest first at each place.

    A pattern is tried only where the text holds, in any case, the words any match of it holds
    (``required``): most patterns are never run on most sentences, and what matches is the same."""
    normal, tried = _tried(text, patterns)
    found = [Match(m.start(), m.end(), gate.pattern)
             for gate in tried for m in gate.regex.finditer(normal) if m.end() > m.start()]
    return leftmost_longest(found)


def any_pattern(text: str, patterns: Sequence[str]) -> bool:
    """Whether any of ``patterns`` occurs in ``text`` (not where each does)."""
    normal, tried = _tried(text, patterns)
    return any(gate.regex.search(normal) for gate in tried)


def _tried(text: str, patterns: Sequence[str]) -> tuple[str, Sequence[_Gate]]:
    """``text`` normalised, and the patterns that may match it: the words of the patterns'
    first tests (``_Gates``) are each looked for once, and only the patterns whose first test
    one of them meets are tested further (``_holds``)."""
    normal, lower = _read(text)
    gates = _gates(tuple(patterns))
    if lower is None:
        return normal, gates.patterns
    opened = set(gates.untested)
    if len(gates.opening_words) > WORD_SET_FROM:
        for word in _words(lower) & gates.opening_words.keys():
            opened.update(gates.opening_words[word])
    else:
        for word in filter(lower.__contains__, gates.opening_words):
            opened.update(gates.opening_words[word])
    for word in filter(lower.__contains__, gates.opening_other):
        opened.update(gates.opening_other[word])
    opened_gates = map(gates.patterns.__getitem__, sorted(opened))
    return normal, [gate for gate in opened_gates if _holds(gate.plan, lower)]


# Opening words of a pattern list beyond which the text's words are read into a set and looked
# up, rather than each looked for as a substring (each substring test costs about what reading
# the text's words costs over 40 words, at any length of text).
WORD_SET_FROM = 40
_WORD = re.compile(r"\w+")


def _reading(text: str) -> tuple[str, str | None]:
    """``text`` normalised, and its lower-cased copy (None when it holds a ``CASE_TWINS``
    character: lower-casing proves nothing there)."""
    normal = normalise(text)
    if any(twin in normal for twin in CASE_TWINS):
        return normal, None
    return normal, normal.lower()


def _word_set(lower: str) -> frozenset[str]:
    """The runs of ``\\w`` characters of a lower-cased text. A pattern's plain word of ``\\w``
    characters only is matched whole (every word of a pattern stands between non-word
    characters, or the text's ends), so it is one of these wherever it matches."""
    return frozenset(_WORD.findall(lower))


# One text is read for many pattern lists (each claim's, the markers'): the last few texts'
# readings are kept, those up to CACHED_UP_TO characters (a bound on what the caches hold).
CACHED_UP_TO = 20_000
_reading_kept = lru_cache(maxsize=32)(_reading)
_word_set_kept = lru_cache(maxsize=32)(_word_set)


def _read(text: str) -> tuple[str, str | None]:
    return (_reading_kept if len(text) <= CACHED_UP_TO else _reading)(text)


def _words(lower: str) -> frozenset[str]:
    return (_word_set_kept if len(lower) <= CACHED_UP_TO else _word_set)(lower)


@dataclass(frozen=True)
class _Gate:
    """A pattern, its regex and what any match of it needs (``plan``)."""

    pattern: str
    plan: Plan
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Gates:
    """A list of patterns, indexed by their first tests: a pattern needs its longest word, or
    one word of its first choice; ``opening_words`` (words of ``\\w`` characters, looked up
    among the text's words) and ``opening_other`` (looked for as substrings) give the patterns
    each such word may open, in order, and ``untested`` those with no such word."""

    patterns: tuple[_Gate, ...]
    opening_words: dict[str, tuple[int, ...]]
    opening_other: dict[str, tuple[int, ...]]
    untested: tuple[int, ...]


@cache
def _gates(patterns: tuple[str, ...]) -> _Gates:
    gates, opening, untested = [], {}, []
    for n, pattern in enumerate(patterns):
        plan = _plan(pattern)
        gates.append(_Gate(pattern, plan, compile_pattern(pattern)))
        words, choices, _ = plan
        first = words[:1] or (choices[0] if choices else ())
        for word in first:
            opening.setdefault(word, []).append(n)
        if not first:
            untested.append(n)
    whole = {word: tuple(ns) for word, ns in opening.items() if _WORD.fullmatch(word)}
    other = {word: tuple(ns) for word, ns in opening.items() if word not in whole}
    return _Gates(tuple(gates), whole, other, tuple(untested))


def leftmost_longest(found: list[Match]) -> list[Match]:
    """The matches that do not overlap, the longest first at each place."""
    found = sorted(found, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


Needs = tuple  # each item a word the text must hold, or a tuple of ``Needs`` one of which it must meet


@cache
def required(pattern: str) -> Needs:
    """What any match of ``pattern`` holds, lower-cased: each plain word; for a group (not an
    optional one), one of its alternatives' needs; for an actor slot, one of its aliases. A
    gap needs nothing, and neither does a group with an alternative that needs nothing. Only
    ASCII words count: a case-insensitive regex matches those only as their lower-cased copy
    does (see ``CASE_TWINS``). Plain words first, longest first."""
    words: set[str] = set()
    groups: list[tuple[Needs, ...]] = []
    for word in _split(pattern):
        if word == "..." or word.endswith(")?"):
            continue
        slot = _SLOT.fullmatch(word)
        if slot:
            aliases = _aliases(slot.group(1))
            options = tuple((a.lower(),) for a in aliases) if all(a.isascii() for a in aliases) else ()
        elif _is_group(word):
            options = tuple(required(alt) for alt in alternatives(word))
        else:
            if normalise(word).isascii():
                words.add(normalise(word).lower())
            continue
        if options and all(options):
            groups.append(options)
    return (*sorted(words, key=lambda w: (-len(w), w)), *groups)


Plan = tuple  # (words all held, word choices each with one held, nested choices of plans)


@cache
def _plan(pattern: str) -> Plan:
    return _planned(required(pattern))


def _planned(needs: Needs) -> Plan:
    words = tuple(need for need in needs if isinstance(need, str))
    choices, nested = [], []
    for group in (need for need in needs if not isinstance(need, str)):
        options = [_planned(option) for option in group]
        # an option needs its longest word, or one word of its first choice (an actor slot's
        # aliases): a necessary test, made of one word per option, so the group is one choice
        flat = [(o[0][0],) if o[0] else o[1][0] for o in options if o[0] or o[1]]
        if len(flat) == len(options):
            choices.append(tuple(dict.fromkeys(word for option in flat for word in option)))
        else:
            nested.append(tuple(options))
    return words, tuple(choices), tuple(nested)


def _holds(plan: Plan, lower: str) -> bool:
    """Whether ``lower`` holds what ``plan`` needs (substring tests, in C where they can be)."""
    words, choices, nested = plan
    holds = lower.__contains__
    return (all(map(holds, words)) and all(any(map(holds, choice)) for choice in choices)
            and all(any(_holds(option, lower) for option in options) for options in nested))
