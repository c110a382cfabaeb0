"""The attribution rules by id, with what each describes and made-up examples of its shape.

A quote record's ``rule`` is a chain of these ids (``"direct.quote-then-cue/speaker-after-cue/
appositive"``); ``explain(rule)`` turns it into sentences. The ids, descriptions and examples
live in ``data/attribution_rules.toml``; the test suite runs every example.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from geolib.paths import PACKAGE_DATA

RULES_TOML = PACKAGE_DATA / "attribution_rules.toml"


@dataclass(frozen=True)
class Example:
    text: tuple[str, ...]  # one or more paragraphs
    kind: str
    speaker: str


@dataclass(frozen=True)
class Rule:
    id: str
    describes: str
    examples: tuple[Example, ...]


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    """Every attribution rule, by id."""
    with open(RULES_TOML, "rb") as handle:
        data = tomllib.load(handle)
    rules = {}
    for entry in data["rule"]:
        examples = tuple(
            Example(tuple([e["text"]] if isinstance(e["text"], str) else e["text"]), e["kind"], e["speaker"])
            for e in entry.get("examples", [])
        )
        rules[entry["id"]] = Rule(entry["id"], entry["describes"], examples)
    return rules


def explain(chain: str | None) -> list[str]:
    """What each rule in a quote's ``rule`` chain did, outermost first."""
    if not chain:
        return []
    rules = load_rules()
    return [f"{rule_id}: {rules[rule_id].describes}" if rule_id in rules else rule_id
            for rule_id in chain.split("/")]
