"""Notebook prose: Markdown-safe, and grammatical from inflect."""

from __future__ import annotations

from geolib import narrative as nv


def test_dollars_never_become_maths():
    text = nv.markdown("**{a}** gives {b}; the nearest is {c}", a="$245bn", b="$270bn", c="$293bn")
    assert "$" not in text.replace("\\$", "")
    assert text == "**\\$245bn** gives \\$270bn; the nearest is \\$293bn"
    # a writer's own dollar signs are escaped too, but not inside code spans
    assert nv.markdown("costs $5 and `a$b`") == "costs \\$5 and `a$b`"
    assert nv.markdown("already \\$5") == "already \\$5"


def test_data_values_escape_every_markdown_special():
    assert nv.escape("ft_trump*x [1] <b> #3 | ~") == "ft\\_trump\\*x \\[1\\] \\<b\\> \\#3 \\| \\~"
    assert nv.markdown("*{v}*", v="a_b") == "*a\\_b*"


def test_counts_and_verbs_from_inflect():
    assert nv.count(1, "quote") == "1 quote"
    assert nv.count(3, "analysis") == "3 analyses"
    assert nv.count(1204, "quote") == "1,204 quotes"
    assert nv.count(2, "person") == "2 people"
    assert nv.verb(1, "doubts") == "doubts" and nv.verb(2, "doubts") == "doubt"
    assert nv.verb(2, "is") == "are" and nv.verb(3, "matches") == "match"
    assert nv.count_verb(1, "figure", "differs") == "1 figure differs"
    assert nv.count_verb(2, "figure", "differs") == "2 figures differ"


def test_listing_signed_and_money():
    assert nv.listing([]) == "" and nv.listing(["a"]) == "a"
    assert nv.listing(["a", "b", "c"]) == "a, b and c"
    assert nv.listing(["a", "b"], "or") == "a or b"
    assert nv.signed(-0.634) == "−0.63" and nv.signed(0.2) == "+0.20" and nv.signed(-0.001) == "0.00"
    assert nv.money_bn(244.81) == "$245bn" and nv.money_bn(5.17) == "$5.2bn"


def test_numbers_in_tables_are_readable():
    assert nv.number(5e-4) == "0.0005"
    assert nv.number(1e9) == "1,000,000,000"
    assert nv.number(244.81) == "244.81" and nv.number(245.0) == "245"
