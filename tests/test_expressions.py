"""A trie-shaped expression matches exactly what a longest-first alternation of its words does."""

from __future__ import annotations

import re

import pytest

from geolib.extract.amounts import alternation
from geolib.text.expressions import trie_expression

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
