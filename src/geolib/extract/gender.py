"""A person's grammatical gender, from what an article writes about them.

Only "he" and "she" need it: when two people alternate, the pronoun tells them apart.
The signs, strongest first: an honorific or gendered title written with the name
("Ms Tully", "spokeswoman"), a given name that is nearly always one gender
(``data/given_names.csv``), and a Slavic or Baltic surname ending ("Korsakova",
"Kowalski"). No sign, no guess.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache

from geolib.paths import PACKAGE_DATA

GIVEN_NAMES_CSV = PACKAGE_DATA / "given_names.csv"


@lru_cache(maxsize=1)
def _signs() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...]]:
    patterns = json.loads((PACKAGE_DATA / "attribution_patterns.json").read_text(encoding="utf-8"))
    words = {word.lower(): gender for word, gender in patterns["gendered_words"].items()}
    endings = tuple(sorted(((end, gender) for end, gender in patterns["gendered_surname_endings"].items()),
                           key=lambda pair: -len(pair[0])))
    given: dict[str, str] = {}
    if GIVEN_NAMES_CSV.exists():
        with GIVEN_NAMES_CSV.open(encoding="utf-8", newline="") as handle:
            given = {row["name"]: row["gender"] for row in csv.DictReader(handle)}
    return words, given, endings


def is_given_name(word: str) -> bool:
    """Is ``word`` a given name in geolib's list ("Tomas", "Ilse")?"""
    return word in _signs()[1]


def gender_of(name: str, written_with: str = "") -> str | None:
    """"m", "f" or None for the person ``name``; ``written_with`` is the title or
    honorific written next to the name ("Ms", "Foreign Ministry spokeswoman")."""
    words, given, endings = _signs()
    for word in reversed(written_with.replace(".", " ").split()):
        if word.lower() in words:
            return words[word.lower()]
    parts = name.split()
    if len(parts) >= 2 and parts[0] in given:
        return given[parts[0]]
    surname = parts[-1].lower() if parts else ""
    for ending, gender in endings:
        if surname.endswith(ending) and len(surname) > len(ending) + 2:
            return gender
    return None
