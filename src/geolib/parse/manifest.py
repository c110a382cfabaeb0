"""The manifest: what a person records about a raw file that the file cannot tell.

``manifest.csv`` beside the raw files, one row per file, every column but ``file``
optional: ``outlet``, ``url``, ``published`` (YYYY-MM-DD, or YYYY when only the year
is known), ``retrieved`` (YYYY-MM-DD), ``section``, ``notes``. A value given here
overrides what the parser infers.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geolib.errors import ArticleError

MANIFEST_NAME = "manifest.csv"


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    retrieved: str | None = None
    section: str | None = None
    notes: str | None = None

    @property
    def retrieved_date(self) -> date | None:
        return date.fromisoformat(self.retrieved) if self.retrieved else None


def load_manifest(folder: str | Path) -> dict[str, ManifestEntry]:
    """Manifest rows by file name; an absent manifest is an empty one."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    fields = set(ManifestEntry.__dataclass_fields__)
    entries = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            values = {k: (v.strip() or None) for k, v in row.items() if k in fields and v is not None}
            if not values.get("file"):
                continue
            entry = ManifestEntry(**values)
            _check_dates(path, entry)
            entries[entry.file] = entry
    return entries


def entry_for(path: str | Path) -> ManifestEntry | None:
    """The manifest row for a raw file, from the manifest in its folder."""
    path = Path(path)
    return load_manifest(path.parent).get(path.name)


def _check_dates(path: Path, entry: ManifestEntry) -> None:
    for name in ("published", "retrieved"):
        value = getattr(entry, name)
        if value is None:
            continue
        try:
            if len(value) != 4:
                date.fromisoformat(value)
            else:
                int(value)
        except ValueError:
            problem = f"{name} for {entry.file} is not YYYY-MM-DD or YYYY: {value!r}"
            raise ArticleError(path, problem) from None
