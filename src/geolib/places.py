"""World places and nationality words, for the EntityRuler.

``data/places.csv`` (columns ``name,label,kind``) lists countries, capitals, major
cities, regions, seas and areas (GPE or LOC), US states' abbreviations in news style
("Springfield, Va."; not "Del.", "Ind." or "Miss.", which are also a title, a party and an
honorific) and nationality and regional adjectives and demonyms (NORP). Labelled, they are
never taken for people's names ("Mexico said", "a London underwriter", "the Baltic states").
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from geolib.paths import PACKAGE_DATA

PLACES_CSV = PACKAGE_DATA / "places.csv"


@lru_cache(maxsize=1)
def entity_ruler_patterns() -> tuple[dict, ...]:
    """spaCy EntityRuler phrase patterns: one per place name, with its label."""
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple({"label": row["label"], "pattern": row["name"]} for row in csv.DictReader(handle))


NATION_KINDS = ("country", "capital", "adjective")  # the names that stand for a nation


@lru_cache(maxsize=1)
def _nation_regex() -> re.Pattern[str]:
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        names = {row["name"] for row in csv.DictReader(handle) if row["kind"] in NATION_KINDS}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def nation_mentions(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a country, a capital or a nationality ("Turkey", "Ankara",
    "Turkish"), left to right, case-sensitive."""
    return [(m.start(), m.end()) for m in _nation_regex().finditer(text)]
