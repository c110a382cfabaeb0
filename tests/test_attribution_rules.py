"""Every attribution rule: its made-up examples give the quote and speaker it promises, and
the quote records name the rule; every rule id the code can write is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from geolib import read_article
from geolib.extract.quotes import extract_quotes
from geolib.extract.rules import explain, load_rules
from geolib.model import Article, Paragraph

CASES = [(rule.id, n, example) for rule in load_rules().values() for n, example in enumerate(rule.examples)]


def _article(paragraphs: tuple[str, ...]) -> Article:
    built, at = [], 0
    for text in paragraphs:
        built.append(Paragraph("body", text, at, at + len(text), ((0, at, len(text)),)))
        at += len(text) + 2
    return Article(None, None, [], None, None, None, None, [], None, built, [], file="x/made-up.txt")


@pytest.mark.parametrize(("rule_id", "n", "example"), CASES, ids=[f"{r}-{n}" for r, n, _ in CASES])
def test_each_rule_attributes_its_examples(rule_id, n, example):
    quotes = extract_quotes(_article(example.text))
    found = [q for q in quotes if q.kind == example.kind and q.speaker == example.speaker]
    assert found, [(q.kind, q.speaker, q.rule) for q in quotes]
    assert any(rule_id in q.rule.split("/") for q in found), [q.rule for q in found]


def test_every_rule_has_an_example():
    assert all(rule.examples for rule in load_rules().values())


def test_every_rule_id_met_in_the_benchmark_articles_is_documented():
    """Over the seeds and the development sets' articles, every id in every chain is a rule
    of the registry (a new rule must be documented there, with examples)."""
    root = Path(__file__).resolve().parents[1]
    files = [*sorted((root / "data" / "raw").glob("*.txt"))]
    for folder in ("heldout", "heldout2", "heldout3", "heldout5", "heldout6"):
        files += sorted((root / "benchmarks" / folder).glob("*.txt"))
    met = {rule_id for path in files for q in extract_quotes(read_article(path)) if q.rule
           for rule_id in q.rule.split("/")}
    assert len(met) > 25
    assert met <= set(load_rules()), sorted(met - set(load_rules()))


def test_explain_reads_a_chain():
    lines = explain("direct.quote-then-cue/speaker-after-cue/appositive")
    assert len(lines) == 3 and lines[2].startswith("appositive: A name, then its role")
    assert explain(None) == []
