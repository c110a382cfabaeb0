"""A cache of derived results, keyed by the raw file's hash (``geolib.paths.cache_dir``:
the project's ``data/cache``, or the user's cache folder outside a project).

The key also covers the manifest row and a fingerprint of geolib's own code and
data, so a changed file, manifest or rule set is re-read and nothing stale survives.

Every value is stored wrapped as ``{"schema": SCHEMA, "kind": kind, "value": ...}`` and
checked on the way back: a file that is not JSON, of another schema or kind, or whose
value has the wrong shape for its kind (see ``VALIDATORS``) is a miss, and the caller's
fresh result replaces it. A value is written to a temporary file and renamed into place,
so a run that dies mid-write leaves no partial file under a cache name. The cache's root
holds a ``CACHEDIR.TAG`` (the Cache Directory Tagging convention) so that backups, and
geolib's own file discovery, skip it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from geolib.model import Article, Dropped, Paragraph
from geolib.paths import cache_dir

_PACKAGE = Path(__file__).parent
SCHEMA = 2  # the wrapper's version: raise it when a cached value changes shape
CACHE_TAG = "CACHEDIR.TAG"
CACHE_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by geolib (safe to delete with the folder).\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)

Validator = Callable[[Any], bool]


@cache
def code_fingerprint() -> str:
    """A hash of every source and data file of the geolib package."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(sha256: str, *parts: object) -> str:
    """Key for a raw file's derived results: its hash, code fingerprint and extra parts."""
    extra = hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()[:8]
    return f"{sha256[:24]}-{code_fingerprint()}-{extra}"


def load(kind: str, key: str, validate: Validator | None = None) -> Any | None:
    """The cached value, or None (a miss) when absent, unreadable, of another schema or kind,
    or of the wrong shape: ``validate(value)`` must hold (default: ``VALIDATORS[kind]``)."""
    path = cache_dir() / kind / f"{key}.json"
    try:
        wrapped = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # absent, unreadable, truncated, not UTF-8, not JSON
        return None
    if not (
        isinstance(wrapped, dict)
        and wrapped.get("schema") == SCHEMA
        and wrapped.get("kind") == kind
        and "value" in wrapped
    ):
        return None
    value = wrapped["value"]
    check = validate if validate is not None else VALIDATORS.get(kind)
    try:
        valid = check is None or bool(check(value))
    except Exception:  # a validator that trips over a strange value has found a bad one
        valid = False
    return value if valid else None


def store(kind: str, key: str, value: Any) -> None:
    """Cache a JSON-serialisable value; a read-only folder only means no cache."""
    root = cache_dir()
    folder = root / kind
    tmp = None
    try:
        _tag(root)
        text = json.dumps({"schema": SCHEMA, "kind": kind, "value": value}, ensure_ascii=False, default=str)
        # A unique temporary name in the same folder (worker processes may store the same
        # key), renamed over the target at once: readers see the old file or the new one.
        try:
            handle = _temporary(folder, key)
        except FileNotFoundError:  # the first value of its kind (or the folder was removed)
            folder.mkdir(parents=True, exist_ok=True)
            _tagged.discard(root)
            _tag(root)
            handle = _temporary(folder, key)
        with handle:
            tmp = Path(handle.name)
            handle.write(text)
        tmp.replace(folder / f"{key}.json")
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _temporary(folder: Path, key: str):
    return tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, prefix=f".{key}.", suffix=".tmp", delete=False)


_tagged: set[Path] = set()  # cache roots this process has seen tagged


def _tag(root: Path) -> None:
    if root in _tagged:
        return
    tag = root / CACHE_TAG
    if not tag.exists():
        with contextlib.suppress(OSError):
            tag.write_text(CACHE_TAG_TEXT, encoding="utf-8")
    if tag.exists():
        _tagged.add(root)


def is_cache_folder(folder: Path) -> bool:
    """Whether ``folder`` is a tagged cache folder (geolib's or any other program's)."""
    try:
        with open(folder / CACHE_TAG, "rb") as handle:
            return handle.read(43) == CACHE_TAG_TEXT[:43].encode()
    except OSError:
        return False


# ------------------------------------------------------------------------ articles
def article_to_json(article: Article) -> dict:
    """Everything needed to rebuild the article, segments included (built field by field:
    ``dataclasses.asdict`` deep-copies every segment and costs more than the cache saves)."""
    data = {f.name: getattr(article, f.name) for f in fields(Article)}
    data["published"] = article.published.isoformat() if article.published else None
    data["paragraphs"] = [{**p.to_dict(), "segments": p.segments} for p in article.paragraphs]
    data["dropped"] = [d.to_dict() for d in article.dropped]
    return data


def article_from_json(data: dict) -> Article:
    data = dict(data)
    data["published"] = date.fromisoformat(data["published"]) if data["published"] else None
    data["paragraphs"] = [
        Paragraph(p["kind"], p["text"], p["start"], p["end"], tuple(tuple(s) for s in p["segments"]))
        for p in data["paragraphs"]
    ]
    data["dropped"] = [Dropped(**d) for d in data["dropped"]]
    return Article(**data)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: Any, optional: bool = True) -> bool:
    return isinstance(value, str) or (optional and value is None)


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_ARTICLE_TEXT_LISTS = {"authors", "topics", "warnings"}
_ARTICLE_REQUIRED_TEXT = {"file", "source_format", "offsets_base", "sha256"}
_PARAGRAPH_KEYS = {"kind", "text", "start", "end", "segments"}
_DROPPED_KEYS = {f.name for f in fields(Dropped)}


def valid_article_json(value: Any) -> bool:
    """Whether ``value`` is what ``article_to_json`` writes, so that ``article_from_json``
    rebuilds it: exactly the article's fields, each of its type."""
    if not isinstance(value, dict) or set(value) != {f.name for f in fields(Article)}:
        return False
    for name, item in value.items():
        if name in ("paragraphs", "dropped"):
            continue
        if name in _ARTICLE_TEXT_LISTS:
            if not _is_texts(item):
                return False
        elif not _is_text(item, optional=name not in _ARTICLE_REQUIRED_TEXT):
            return False
    if value["published"] is not None:
        date.fromisoformat(value["published"])  # raises on a bad date: caught by ``load``
    return _valid_paragraphs(value["paragraphs"]) and _valid_dropped(value["dropped"])


def _valid_paragraphs(paragraphs: Any) -> bool:
    return isinstance(paragraphs, list) and all(
        isinstance(p, dict)
        and set(p) == _PARAGRAPH_KEYS
        and _is_text(p["kind"], False) and _is_text(p["text"], False)
        and _is_int(p["start"]) and _is_int(p["end"]) and 0 <= p["start"] <= p["end"]
        and isinstance(p["segments"], list)
        and all(isinstance(s, list) and len(s) == 3 and all(map(_is_int, s)) for s in p["segments"])
        for p in paragraphs
    )


def _valid_dropped(dropped: Any) -> bool:
    return isinstance(dropped, list) and all(
        isinstance(d, dict) and set(d) == _DROPPED_KEYS
        and _is_text(d["text"], False) and _is_text(d["reason"], False)
        and _is_int(d["start"]) and _is_int(d["end"])
        for d in dropped
    )


# ------------------------------------------------------------------------- records
# The keys every record of an extraction table has (its identity and where it points).
RECORD_KEYS: dict[str, frozenset[str]] = {
    "quotes": frozenset({"file", "article_id", "quote_id", "start", "end", "text", "kind", "speaker"}),
    "speakers": frozenset({"file", "article_id", "speaker", "n_quotes"}),
    "figures": frozenset({"file", "article_id", "figure_id", "start", "end", "text", "value"}),
    "checks": frozenset({"file", "article_id", "figure_id", "verdict"}),
    "stances": frozenset({"file", "article_id", "quote_id", "score", "label"}),
    "frames": frozenset({"file", "article_id", "frame", "start", "end"}),
}


def records_validator(keys: frozenset[str] | set[str]) -> Validator:
    """A validator for a list of records (dicts) that each have ``keys``, with integer
    ``start``/``end`` where they have them."""

    def valid(value: Any) -> bool:
        return isinstance(value, list) and all(
            isinstance(record, dict)
            and keys <= record.keys()
            and all(_is_int(record[k]) for k in ("start", "end") if k in record and k in keys)
            for record in value
        )

    return valid


def exact_records(keys: tuple[str, ...]) -> Validator:
    """A validator for records that have exactly ``keys`` (to rebuild objects from them)."""
    wanted = frozenset(keys)
    return lambda value: isinstance(value, list) and all(
        isinstance(record, dict) and record.keys() == wanted for record in value)


VALIDATORS: dict[str, Validator] = {
    "articles": valid_article_json,
    **{table: records_validator(keys) for table, keys in RECORD_KEYS.items()},
}
