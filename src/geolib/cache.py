"""A cache of derived results under ``data/cache``, keyed by the raw file's hash.

The key also covers the manifest row and a fingerprint of geolib's own code and
data, so a changed file, manifest or rule set is re-read and nothing stale survives.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from geolib.model import Article, Dropped, Paragraph
from geolib.paths import cache_dir

_PACKAGE = Path(__file__).parent


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


def load(kind: str, key: str) -> Any | None:
    """A cached JSON value, or None when absent or unreadable."""
    path = cache_dir() / kind / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(kind: str, key: str, value: Any) -> None:
    """Cache a JSON-serialisable value; a read-only folder only means no cache."""
    path = cache_dir() / kind / f"{key}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # worker processes may store the same key
        tmp.write_text(json.dumps(value, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


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
