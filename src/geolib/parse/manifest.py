"""The manifest: what a person records about a raw file that the file cannot tell.

``manifest.csv`` beside the raw files, one row per file, every column but ``file``
optional: ``outlet``, ``url``, ``published`` (YYYY-MM-DD, or YYYY when only the year
is known), ``retrieved`` (YYYY-MM-DD), ``section``, ``notes``; other columns are the
user's own and are ignored. A value given here overrides what the parser infers.

Each row is checked on its own: a bad row (a date that is not one, more values than
columns, no file name, a file named twice) is reported in one line naming the manifest,
the row and the problem, and ignored; the other rows and every article go on. A manifest
that cannot be read at all (binary, undecodable, not a regular file) is reported in one
line and the articles are read without it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geolib.errors import ArticleError, GeolibWarning
from geolib.reading import MAX_BYTES, decode, read_bytes
from geolib.tableio import printable

MANIFEST_NAME = "manifest.csv"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_CACHED = 32  # manifests remembered per process (one per folder read)


class ManifestWarning(GeolibWarning):
    """A manifest row, or a whole manifest, that geolib ignored, and why."""


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


@dataclass(frozen=True)
class Manifest:
    """A manifest's good rows by file name, and one line per problem found in it."""

    entries: dict[str, ManifestEntry]
    problems: tuple[str, ...] = ()


_FIELDS = tuple(ManifestEntry.__dataclass_fields__)
_seen: dict[tuple, Manifest] = {}


def read_manifest(folder: str | Path) -> Manifest:
    """The manifest in ``folder`` (an absent one is empty), read once per version of the
    file in a process; its problems are issued as ``ManifestWarning`` when first read."""
    path = Path(folder) / MANIFEST_NAME
    try:
        info = os.stat(path)
    except OSError:  # absent (or a broken link): no manifest
        return Manifest({})
    key = (str(path.resolve()), info.st_mtime_ns, info.st_size, info.st_ino)
    if key not in _seen:
        if len(_seen) >= _CACHED:
            _seen.clear()
        manifest = _parse(path)
        for problem in manifest.problems:
            warnings.warn(problem, ManifestWarning, stacklevel=2)
        _seen[key] = manifest
    return _seen[key]


def load_manifest(folder: str | Path) -> dict[str, ManifestEntry]:
    """Manifest rows by file name; an absent or unreadable manifest is an empty one."""
    return read_manifest(folder).entries


def entry_for(path: str | Path) -> ManifestEntry | None:
    """The manifest row for a raw file, from the manifest in its folder."""
    path = Path(path)
    return load_manifest(path.parent).get(path.name)


def _parse(path: Path) -> Manifest:
    name = printable(path)
    try:
        with warnings.catch_warnings():  # the line below says it once, for the manifest
            warnings.simplefilter("ignore")
            text, _, notes = decode(path, read_bytes(path, MAX_BYTES))
    except ArticleError as error:
        return Manifest({}, (f"{error}; manifest ignored, articles read without it",))
    problems = [f"{name}: {note}" for note in notes]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(reader, [])]
    except csv.Error as error:
        return Manifest({}, (*problems, f"{name}: header unreadable ({error}); manifest ignored"))
    if "file" not in header:
        return Manifest({}, (*problems, f"{name}: no 'file' column; manifest ignored"))
    entries: dict[str, ManifestEntry] = {}
    first_row: dict[str, int] = {}
    row_number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row_number += 1
            problems.append(f"{name}: row {row_number}: unreadable ({error}); row ignored")
            continue
        row_number += 1
        entry, problem = _entry(header, values)
        if problem is None and entry is not None and entry.file in first_row:
            problem = f"{entry.file} is already given in row {first_row[entry.file]}"
        if problem is not None:
            problems.append(f"{name}: row {row_number}: {printable(problem)}; row ignored")
        elif entry is not None:
            entries[entry.file] = entry
            first_row[entry.file] = row_number
    return Manifest(entries, tuple(problems))


def _entry(header: list[str], values: list[str]) -> tuple[ManifestEntry | None, str | None]:
    """A row as an entry (None for a blank row), or what is wrong with it."""
    if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
        return None, f"{len(values)} values for {len(header)} columns (an unquoted comma?)"
    # Fewer values than columns: the missing ones at the end are empty.
    row = {column: value.strip() for column, value in zip(header, values, strict=False)}
    if not any(row.values()):
        return None, None
    known = {k: (v or None) for k, v in row.items() if k in _FIELDS}
    if not known.get("file"):
        return None, "no file name"
    entry = ManifestEntry(**known)
    return entry, _date_problem(entry)


def _date_problem(entry: ManifestEntry) -> str | None:
    """What is wrong with the row's dates: ``published`` is a day or a year, ``retrieved`` a day."""
    for name, year_allowed in (("published", True), ("retrieved", False)):
        value = getattr(entry, name)
        if value is None:
            continue
        try:
            if _DAY.fullmatch(value):
                date.fromisoformat(value)
            elif year_allowed and _YEAR.fullmatch(value):
                date(int(value), 1, 1)
            else:
                raise ValueError
        except ValueError:
            forms = "YYYY-MM-DD or YYYY" if year_allowed else "YYYY-MM-DD"
            return f"{name} for {entry.file} is not a date in the form {forms}: {value!r}"
    return None
