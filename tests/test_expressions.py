"""Expressions from word lists: a trie-shaped expression matches exactly what a longest-first
alternation of its words does; ``needed_words`` names what every match of an expression holds."""

from __future__ import annotations

import re

import pytest

from geolib.extract.amounts import alternation
from geolib.text.expressions import lowered_for_needs, may_hold, needed_words, trie_expression

WORDS = ["trade", "trade deficit", "trade gap", "tariff", "tariffs", "goods", "good", "gap", "go",
         "current account", "current account deficit", "two-way trade", "balance of payments"]
TEXTS = [
    "The trade deficit widened; tariffs on goods rose, trade gaps and trade-gap talk did not.",
    "TRADE  DEFICIT, Current Account Deficit of the balance of payments, goodS, gone, go-go, ago",
    "A two-way trade of $5bn in goods went to the current account and to a good tariff.",
    "",
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("term")) for m in pattern.finditer(text)]


@pytest.mark.parametrize("after", [r"\b", r"\s+(?:of|in)\b", r"(?![\w-])", ""])
def test_trie_matches_what_the_alternation_matches(after):
    words = sorted({w.lower() for w in WORDS})
    flat = re.compile(rf"\b(?P<term>{alternation(WORDS)}){after}", re.IGNORECASE)
    trie = re.compile(rf"\b(?P<term>{trie_expression(words, any_space=False)}){after}", re.IGNORECASE)
    for text in TEXTS:
        assert _spans(trie, text) == _spans(flat, text)


def test_any_space_matches_a_run_of_whitespace():
    assert re.fullmatch(trie_expression(["trade gap"]), "trade \n gap")
    assert not re.fullmatch(trie_expression(["trade gap"], any_space=False), "trade \n gap")
    assert re.fullmatch(trie_expression(["trade gap"], any_space=False), "trade gap")


def test_needed_words_are_the_longest_plain_run_or_one_of_each_branch():
    assert needed_words(r"\bthe previous year\b") == ("the previous year",)
    assert needed_words(r"\b(?:the\s+)?first\s+months") == ("months",)  # optional parts need nothing
    assert needed_words(r"(?:ab)+cd") == ("ab",)  # a repeat taken at least once needs its own
    assert needed_words(r"\b(?:before|prior\s+to)\s+the\s+war|\bpre-?war\b") == ("before", "prior", "pre")
    assert needed_words(r"[Tt]he (?-i:Plaza) accord") == (" accord",)  # a group ends a run
    assert needed_words(r"\d+\s(?:a|b)") is None  # nothing certain
    assert needed_words(r"war|\d+") is None  # a branch that needs nothing
    assert needed_words(r"Café society") == (" society",)  # plain ASCII only


EXPRESSIONS = [r"\blast year\b",
               r"\b(?:the\s+previous|a)\s+month\s+(?:earlier|before)|the\s+previous\s+month",
               r"\b(?P<n>\d+|two|three)\s+years?\s+ago\b",
               r"(?:before|prior\s+to)\s+the\s+(?:trade\s+)?war\b", r"(?-i:Crimea)n?", r"(?:ab)+c"]
SENTENCES = ["Exports rose LAST YEAR, and a month before that.", "Two years ago, before the trade war.",
             "prior  to the war; the previous month", "the last yeaR", "crimea and Crimean", "ababc",
             "Prior to the \u212arieg", "BEFORE THE WAR", "the previous year", "la\u017ft year",
             "\u0130 was there tw\u0131ce, 3 years ago, before the war"]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_a_text_without_the_needed_words_never_matches(expression):
    pattern = re.compile(expression, re.IGNORECASE)
    needs = needed_words(pattern)
    for text in SENTENCES:
        if pattern.search(text):
            assert may_hold(needs, lowered_for_needs(text)), (expression, text)


def test_a_case_twin_turns_the_test_off():
    assert lowered_for_needs("la\u017ft year") is None  # the long s: the regex reads it as "s"
    assert may_hold(("last",), None)
    assert not may_hold(("last",), lowered_for_needs("this year"))
