"""The phrase patterns' word test: a pattern is skipped only where it cannot match."""

from __future__ import annotations

import re
import tomllib

import pytest

from geolib.paths import PACKAGE_DATA
from geolib.stance.patterns import (
    CASE_TWINS,
    WORD_SET_FROM,
    Match,
    _aliases,
    _split,
    alternatives,
    compile_pattern,
    find_patterns,
    required,
)


def _every_pattern() -> list[str]:
    """Every string of the stance data files that compiles as a pattern."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                found.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in ("claims.toml", "frames.toml", "stance_markers.toml", "hedges.toml"):
        with open(PACKAGE_DATA / name, "rb") as handle:
            walk(tomllib.load(handle))
    patterns = []
    for text in sorted(found):
        try:
            compile_pattern(text)
        except (ValueError, re.error):  # an unknown actor slot, a description's brackets
            continue
        patterns.append(text)
    return patterns


def _every_match(text: str, patterns: list[str]) -> list[Match]:
    """find_patterns without the word test: every pattern run."""
    from geolib.stance.patterns import leftmost_longest, normalise

    normal = normalise(text)
    return leftmost_longest([Match(m.start(), m.end(), p) for p in patterns
                             for m in compile_pattern(p).finditer(normal) if m.end() > m.start()])


def test_the_case_twins_are_every_character_beyond_ascii_a_regex_takes_for_an_ascii_letter():
    letter = re.compile("[a-z]", re.IGNORECASE)
    twins = {chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert twins == set(CASE_TWINS)


def test_a_pattern_requires_its_plain_words_one_alternative_of_each_group_and_an_alias_of_each_slot():
    assert required("drive a wedge") == ("drive", "wedge", "a")
    assert required("break ... ties") == ("break", "ties")
    assert required("order (is|has been)? crumbling") == ("crumbling", "order")  # optional: nothing
    assert required("Can’t") == ("can't",)  # normalised as the text is
    assert required("(isolate|isolating) ties") == ("ties", (("isolate",), ("isolating",)))
    assert required("(isolate|...) ties") == ("ties",)  # an alternative that needs nothing
    china = required("{China}")[0]
    assert ("china",) in china and ("beijing",) in china


SENTENCES = [
    "Washington is trying to DRIVE A WEDGE between Russia and China, an official said.",
    "The order has been crumbling for years, she said; nobody can't see it.",
    "Analysts say Moscow may be pulling Russia away from China – perhaps.",
    "It is not a split: mistrust is not a rift, and I think the ties will hold.",
    "The ſo-called partnership is a myth, the KREMLIN said (the sign K is Kelvin's).",
    "İt might ſeem unlikely, but the alliance doesn’t mean what Beijing fears.",
    "Nothing here matches at all.",
]


@pytest.fixture(scope="module")
def patterns() -> list[str]:
    return _every_pattern()


@pytest.mark.parametrize("text", SENTENCES)
def test_the_word_test_finds_what_running_every_pattern_finds(text, patterns):
    assert len(patterns) > 100
    assert find_patterns(text, patterns) == _every_match(text, patterns)


def _instance(pattern: str, pick: int) -> str:
    """Words ``pattern`` matches: each group's first (or last) alternative, each slot's
    alias, a gap's words, no optional group."""
    out = []
    for word in _split(pattern):
        if word == "...":
            out.append("and then some")
        elif word.endswith(")?"):
            continue
        elif word.startswith("{") and word.endswith("}"):
            out.append(_aliases(word[1:-1])[pick])
        elif word.startswith("(") and word.endswith(")"):
            out.append(_instance(alternatives(word)[pick], pick))
        else:
            out.append(word)
    return " ".join(out)


# Patterns of words no text here holds: beside them, a pattern is in a list long enough that
# the text's words are read into a set (``WORD_SET_FROM``), rather than looked for one by one.
FILLER = [f"zzfiller{n}" for n in range(WORD_SET_FROM + 1)]


@pytest.mark.parametrize("filler", [[], FILLER], ids=["substring tests", "word set"])
def test_each_pattern_is_found_where_its_words_stand_in_any_case(patterns, filler):
    matched = 0
    for pattern in patterns:
        for pick in (0, -1):
            words = _instance(pattern, pick)
            for text in (f"Then {words}.", f"THEN {words.upper()}!", words.lower(), f"{words.title()}, ſo",
                         f"({words.replace(' ', '-')})"):
                found = find_patterns(text, [pattern, *filler])
                assert found == _every_match(text, [pattern]), (pattern, text)
                matched += bool(found)
    assert matched > len(patterns) * 4  # most instances match: the test tries the matching path


NESTED = "(pull (away|apart)|detach) from {China}"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("They want to pull Russia away from China.", False),  # a word between: no gap written
        ("They want to pull away from China.", True),
        ("It may pull apart from Beijing's orbit.", True),
        ("It will not detach from China.", True),
        ("It will not pull from China.", False),  # the inner group is not optional
        ("Away from China, nobody pulls.", False),
    ],
)
def test_a_group_nested_in_an_alternative_is_a_group(text, found):
    assert bool(find_patterns(text, [NESTED])) is found
    assert bool(find_patterns(text, [NESTED, *FILLER])) is found


def test_a_nested_group_is_required_as_a_group():
    assert required(NESTED)[:2] == ("from", (("pull", (("away",), ("apart",))), ("detach",)))
    assert required("(a (firm|solid)? partner|an ally)") == ((("partner", "a"), ("ally", "an")),)
    assert alternatives("(a (b|c)? d|e|)?") == ["a (b|c)? d", "e", ""]
    for text in ("a partner", "a firm partner", "a solid partner", "an ally"):
        assert find_patterns(f"Beijing is {text}.", ["(a (firm|solid)? partner|an ally)"]), text


@pytest.mark.parametrize(
    ("text", "pattern", "found"),
    [
        ("We won't back down.", "won", False),  # "won't" is "wo" and "n't"
        ("We won’t back down.", "won ... down", False),  # nor does a gap start after "won"
        ("They won the vote and won't give it back.", "won", True),
        ("Moscow can't be trusted.", "can", False),
        ("Moscow can be trusted.", "can", True),
        ("They won't; they can’t.", "(won|can)", False),
        ("The ally's word held.", "ally", True),  # other clitics leave their word whole
        ("We'll see whether China's rise continues.", "we", True),
        ("China's rise", "{China}", True),
        ("Those who won't cannot win.", "won't", True),
    ],
)
def test_a_word_does_not_end_inside_a_contraction(text, pattern, found):
    assert bool(find_patterns(text, [pattern])) is found
    assert bool(find_patterns(text, [pattern, *FILLER])) is found


def test_a_text_too_long_to_keep_is_read_the_same(patterns):
    from geolib.stance.patterns import CACHED_UP_TO

    text = " ".join(SENTENCES) * (CACHED_UP_TO // len(" ".join(SENTENCES)) + 1)
    assert len(text) > CACHED_UP_TO
    assert find_patterns(text, patterns) == _every_match(text, patterns)
