"""HTML pages: trafilatura extracts the article text and metadata; geolib then reads
the extracted text, which it caches and names as the offsets' base."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from geolib.errors import ArticleError
from geolib.paths import cache_dir


@dataclass(frozen=True)
class Extraction:
    text: str
    base: str
    markdown: bool = False  # whether ``text`` is Markdown (headings, emphasis, images)
    captions: frozenset[str] = frozenset()  # figure captions, as whitespace-normalised text
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    section: str | None = None
    topics: list[str] = field(default_factory=list)
    standfirst: str | None = None
    url: str | None = None


def extract_html(path: Path, html: str) -> Extraction:
    """The article's text (as Markdown, keeping headings and images) and metadata."""
    import lxml.html  # trafilatura's own parser
    import trafilatura  # heavy; only HTML needs it

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ArticleError(path, f"HTML page cannot be parsed ({exc})") from None
    captions = frozenset(
        text for node in tree.iter("figcaption") if (text := " ".join(node.text_content().split()))
    )
    # trafilatura leaves figure captions out; as paragraphs they stay, and ``captions`` names them.
    html = _FIGCAPTION.sub(r"<\1p", html)
    options = {"include_comments": False, "include_tables": False}
    document = trafilatura.bare_extraction(html, with_metadata=True, **options)
    if document is None or not (document.text or "").strip():
        raise ArticleError(path, "HTML page holds no article text that could be extracted")
    markdown = trafilatura.extract(
        html, output_format="markdown", include_formatting=True, include_images=True, **options
    )
    text = markdown if markdown and markdown.strip() else document.text
    base = _cache_extracted(path, text)
    tags = [t.strip() for tag in (document.tags or []) for t in tag.split(",") if t.strip()]
    return Extraction(
        text=text,
        base=base,
        markdown=text is markdown,
        captions=captions,
        title=document.title or None,
        authors=[a.strip() for a in re.split(r";|\band\b", document.author or "") if a.strip()],
        published=document.date or None,
        outlet=document.sitename or None,
        section=(document.categories or [None])[0],
        topics=tags or _json_ld_keywords(tree),
        standfirst=document.description or None,
        url=document.url or None,
    )


_FIGCAPTION = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)


def _json_ld_keywords(tree) -> list[str]:
    """``keywords`` of the page's JSON-LD article metadata (a list or a comma-separated string)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in _json_ld_items(data):
            keywords = item.get("keywords")
            if isinstance(keywords, str):
                keywords = keywords.split(",")
            if isinstance(keywords, list):
                found = [k.strip() for k in keywords if isinstance(k, str) and k.strip()]
                if found:
                    return found
    return []


def _json_ld_items(data) -> list[dict]:
    """Every object in a JSON-LD document, including those in lists and ``@graph``."""
    if isinstance(data, list):
        return [item for element in data for item in _json_ld_items(element)]
    if isinstance(data, dict):
        return [data, *_json_ld_items(data.get("@graph", []))]
    return []


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
