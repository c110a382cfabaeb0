"""Institution data: universities, think tanks, governments and media, with country and type.

The package ships ``data/institutions.csv`` (columns ``name,aliases,country,type``,
aliases separated by ``;``). Users add rows with their own CSV of the same shape,
passed as ``extra`` or listed in env ``GEOLIB_INSTITUTIONS`` (paths separated by
``os.pathsep``).
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.paths import PACKAGE_DATA

INSTITUTIONS_CSV = PACKAGE_DATA / "institutions.csv"
INSTITUTIONS_ENV = "GEOLIB_INSTITUTIONS"


@dataclass(frozen=True)
class Institution:
    name: str
    aliases: tuple[str, ...]
    country: str
    type: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def read_institutions_csv(path: str | Path) -> list[Institution]:
    """The institutions listed in one CSV file."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Institution(
                row["name"].strip(),
                tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
                (row.get("country") or "").strip(),
                (row.get("type") or "").strip(),
            )
            for row in csv.DictReader(handle)
            if (row.get("name") or "").strip()
        ]


def _extra_paths(extra: str | Path | None) -> tuple[str, ...]:
    paths = [p for p in os.environ.get(INSTITUTIONS_ENV, "").split(os.pathsep) if p]
    if extra is not None:
        paths.append(str(extra))
    return tuple(paths)


def load_institutions(extra: str | Path | None = None) -> list[Institution]:
    """The package's institutions, then those of env ``GEOLIB_INSTITUTIONS`` and ``extra``."""
    return list(_load(_extra_paths(extra)))


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> tuple[Institution, ...]:
    rows = read_institutions_csv(INSTITUTIONS_CSV)
    for path in paths:
        rows.extend(read_institutions_csv(path))
    return tuple(rows)


@lru_cache(maxsize=8)
def _matcher(paths: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, Institution]]:
    by_name: dict[str, Institution] = {}
    for institution in _load(paths):
        for name in institution.names:
            by_name.setdefault(name.lower(), institution)
    # Longest name first, so "Johns Hopkins School of ..." wins over "Johns Hopkins".
    alternation = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), by_name


def find_institution(text: str | None, extra: str | Path | None = None) -> Institution | None:
    """The first institution named in ``text`` (an affiliation or role), or None.

    Short all-capital aliases ("FT", "UN") must match case-sensitively."""
    if not text:
        return None
    pattern, by_name = _matcher(_extra_paths(extra))
    for match in pattern.finditer(text):
        found = match.group(0)
        institution = by_name[found.lower()]
        short = next((n for n in institution.names if n.lower() == found.lower()), found)
        if short.isupper() and found != short:
            continue
        return institution
    return None


def entity_ruler_patterns(extra: str | Path | None = None) -> list[dict]:
    """spaCy EntityRuler phrase patterns: every name and alias as an ORG, id = name."""
    return [
        {"label": "ORG", "pattern": name, "id": institution.name}
        for institution in _load(_extra_paths(extra))
        for name in institution.names
        if len(name) > 2 or name.isupper()
    ]
