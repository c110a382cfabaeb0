"""Proposing ``manifest.csv`` rows for an analyst to review: outlet, date, URL and title of
each file the manifest does not list yet, from what the file says (meta tags, front matter,
bylines, datelines, copyright lines) and from its name (``ft-2025-02-24-...``).

Nothing here changes a row someone wrote: proposals are printed or written to another
file, and ``append_rows`` only adds rows for files the manifest lacks.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from geolib.errors import ArticleError
from geolib.model import Article
from geolib.parse.manifest import MANIFEST_NAME, load_manifest
from geolib.paths import PACKAGE_DATA

COLUMNS = ["file", "outlet", "url", "published", "title", "notes"]


@dataclass
class Proposal:
    """A proposed manifest row, and where each value came from."""

    file: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD, or YYYY when only the year is known
    title: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> "text" or "file name"
    problem: str | None = None  # why the file could not be read, if it could not

    @property
    def notes(self) -> str:
        if self.problem:
            return f"proposed by geolib; file unreadable: {self.problem}"
        by_source: dict[str, list[str]] = {}
        for name in ("outlet", "url", "published", "title"):
            if name in self.sources:
                by_source.setdefault(self.sources[name], []).append(name)
        parts = [f"{', '.join(names)} from the {source}" for source, names in by_source.items()]
        return "proposed by geolib" + (f": {'; '.join(parts)}" if parts else ": nothing found")

    def row(self) -> dict[str, str]:
        values = {"file": self.file, "outlet": self.outlet, "url": self.url,
                  "published": self.published, "title": self.title, "notes": self.notes}
        return {k: v or "" for k, v in values.items()}


def propose(path: Path, parse: Callable[[Path], Article] | None = None) -> Proposal:
    """A manifest row for one file: its parsed metadata, with its name filling the gaps."""
    parse = parse or _parse_without_manifest
    proposal = Proposal(file=path.name)
    try:
        article = parse(path)
    except ArticleError as error:
        article = None
        proposal.problem = error.problem
    if article is not None:
        _set(proposal, "title", article.title, "text")
        _set(proposal, "url", article.url, "text")
        _set(proposal, "outlet", article.outlet, "text")
        if article.published_precision == "day":
            _set(proposal, "published", article.published_iso, "text")
    named_date, named_outlet = name_cues(path.name)
    _set(proposal, "published", named_date, "file name")
    if article is not None and article.published_iso and not proposal.published:
        _set(proposal, "published", article.published_iso, "text")  # the year alone
    _set(proposal, "outlet", named_outlet, "file name")
    _set(proposal, "outlet", outlet_for_url(proposal.url), "text")
    return proposal


def propose_rows(
    paths: Iterable[Path], parse: Callable[[Path], Article] | None = None, *, every: bool = False
) -> list[Proposal]:
    """Proposals for the files among ``paths`` that their folder's manifest does not list
    (with ``every``, for all of them)."""
    proposals = []
    manifests: dict[Path, set[str]] = {}
    for path in map(Path, paths):
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = set(load_manifest(folder))
        if every or path.name not in manifests[folder]:
            proposals.append(propose(path, parse))
    return proposals


def proposals_csv(proposals: Iterable[Proposal]) -> str:
    """The proposals as CSV text with ``COLUMNS``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for proposal in proposals:
        writer.writerow(proposal.row())
    return out.getvalue()


def append_rows(folder: Path, proposals: Iterable[Proposal]) -> int:
    """Append rows to ``folder/manifest.csv`` for the proposed files it does not list; the
    rows and columns already there are left exactly as they are. Returns rows added."""
    path = Path(folder) / MANIFEST_NAME
    listed = set(load_manifest(folder))
    new = [p for p in proposals if p.file not in listed and not p.problem]
    if not new:
        return 0
    if path.is_file():
        existing = path.read_text(encoding="utf-8")
        header = next(csv.reader([existing.splitlines()[0]])) if existing.strip() else COLUMNS
        prefix = "" if not existing or existing.endswith("\n") else "\n"
    else:
        existing, header, prefix = "", COLUMNS, ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    if not existing.strip():
        writer.writeheader()
    for proposal in new:
        writer.writerow({k: v for k, v in proposal.row().items() if k in header})
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(prefix + out.getvalue())
    return len(new)


# -- what a file's name says ---------------------------------------------------------------
_NAMED_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")
_NAME_PREFIX = re.compile(r"^([a-z][a-z0-9]*(?:[-_.][a-z][a-z0-9]*)?)[-_]", re.IGNORECASE)


def name_cues(name: str) -> tuple[str | None, str | None]:
    """``(date, outlet)`` that a file name spells: "ft-2025-02-24-trump.txt" ->
    ("2025-02-24", "Financial Times"); an outlet only when its short name is known."""
    found = None
    for match in _NAMED_DATE.finditer(name):
        try:
            found = date(int(match.group(1)), int(match.group(3)), int(match.group(4))).isoformat()
            break
        except ValueError:
            continue
    outlet = None
    prefix = _NAME_PREFIX.match(name)
    if prefix:
        outlet = _outlets().get(prefix.group(1).lower()) or _outlets().get(
            re.split(r"[-_.]", prefix.group(1).lower())[0])
    return found, outlet


def outlet_for_url(url: str | None) -> str | None:
    """The outlet a known web address belongs to ("https://www.ft.com/..." -> "Financial Times")."""
    if not url:
        return None
    host = urlparse(url).netloc.lower().split(":")[0]
    host = host.removeprefix("www.")
    while host:
        if host in _outlets():
            return _outlets()[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


@cache
def _outlets() -> dict[str, str]:
    with (PACKAGE_DATA / "outlet_names.csv").open(encoding="utf-8", newline="") as handle:
        return {row["key"].strip().lower(): row["outlet"].strip() for row in csv.DictReader(handle)}


def _set(proposal: Proposal, name: str, value: str | None, source: str) -> None:
    if value and not getattr(proposal, name):
        setattr(proposal, name, value)
        proposal.sources[name] = source


def _parse_without_manifest(path: Path) -> Article:
    from geolib.parse import parse_raw  # the package imports this module's neighbours
    from geolib.reading import read_raw

    return parse_raw(read_raw(path), None)
