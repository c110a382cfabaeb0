"""HTML pages: trafilatura extracts the article text and metadata; geolib then reads
the extracted text, which it caches and names as the offsets' base."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from geolib.errors import ArticleError
from geolib.paths import cache_dir


@dataclass(frozen=True)
class Extraction:
    text: str
    base: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    section: str | None = None
    topics: list[str] = field(default_factory=list)
    standfirst: str | None = None
    url: str | None = None


def extract_html(path: Path, html: str) -> Extraction:
    """The article's text and metadata from an HTML page."""
    import trafilatura  # heavy; only HTML needs it

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
        raise ArticleError(path, "HTML page holds no article text that could be extracted")
    text = document.text
    base = _cache_extracted(path, text)
    return Extraction(
        text=text,
        base=base,
        title=document.title or None,
        authors=[a.strip() for a in re.split(r";|\band\b", document.author or "") if a.strip()],
        published=document.date or None,
        outlet=document.sitename or None,
        section=(document.categories or [None])[0],
        topics=[t.strip() for tag in (document.tags or []) for t in tag.split(",") if t.strip()],
        standfirst=document.description or None,
        url=document.url or None,
    )


def _cache_extracted(path: Path, text: str) -> str:
    """Keep the extracted text so offsets into it stay traceable; return where it is."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = cache_dir() / "extracted" / f"{path.stem}-{digest}.txt"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(text, encoding="utf-8")
    except OSError:
        return f"trafilatura extraction of {path} (not cached: folder not writable)"
    return str(target)
