"""World places and nationality words, for the EntityRuler.

``data/places.csv`` (columns ``name,label,kind``) lists countries, capitals, major
cities, regions, seas and areas (GPE or LOC) and nationality and regional adjectives
and demonyms (NORP). Labelled, they are never taken for people's names ("Mexico
said", "a London underwriter", "the Baltic states").
"""

from __future__ import annotations

import csv
from functools import lru_cache

from geolib.paths import PACKAGE_DATA

PLACES_CSV = PACKAGE_DATA / "places.csv"


@lru_cache(maxsize=1)
def entity_ruler_patterns() -> tuple[dict, ...]:
    """spaCy EntityRuler phrase patterns: one per place name, with its label."""
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple({"label": row["label"], "pattern": row["name"]} for row in csv.DictReader(handle))
