"""``read_article``: any raw article file to an ``Article``."""

from __future__ import annotations

from pathlib import Path

from geolib.errors import ArticleError
from geolib.model import Article, Dropped, Paragraph
from geolib.parse import cues
from geolib.parse.dates import resolve_published
from geolib.parse.frontmatter import FrontMatter, read_front_matter
from geolib.parse.glue import repair_glued_words
from geolib.parse.html import Extraction, extract_html, locate_in_html
from geolib.parse.layout import Layout, read_layout
from geolib.parse.manifest import ManifestEntry, entry_for
from geolib.parse.sniff import sniff_format
from geolib.reading import RawText, read_raw

__all__ = ["parse_raw", "read_article", "sniff_format"]


def read_article(path: str | Path, manifest: ManifestEntry | None = None) -> Article:
    """Parse the article in ``path``; raise ArticleError naming the file when it cannot.

    ``manifest`` defaults to the row for this file in ``manifest.csv`` beside it.
    """
    path = Path(path)
    entry = manifest if manifest is not None else entry_for(path)
    return parse_raw(read_raw(path), entry)


def parse_raw(raw: RawText, manifest: ManifestEntry | None) -> Article:
    """Parse text already read by ``read_raw``, with its manifest row (if any)."""
    path, entry = raw.path, manifest
    source_format = sniff_format(raw.text)
    extraction = extract_html(path, raw.text) if source_format == "html" else None
    front = read_front_matter(raw.text) if extraction is None else None
    meta = extraction or front
    text = extraction.text if extraction else raw.text
    markdown = source_format == "markdown" or bool(extraction and extraction.markdown)
    layout = read_layout(
        text, markdown, extraction.captions if extraction else frozenset(),
        start=front.end if front else 0, known_title=meta.title if meta else None,
    )
    if front:
        layout.dropped.insert(0, Dropped(raw.text[: front.end].strip(), 0, front.end, "front matter"))
    paragraphs, repairs = repair_glued_words(layout.paragraphs)
    layout.paragraphs = paragraphs
    if not any(p.kind == "body" for p in paragraphs):
        raise ArticleError(path, "no article body found (no paragraph of running text)")

    copyright_line = layout.first("copyright")
    owner, copyright_year = (
        cues.copyright_owner_and_year(copyright_line.text) if copyright_line else (None, None)
    )
    dateline, date_text = _dated_line(layout)
    if meta and meta.published and (front or extraction.published_stated or not date_text):
        # Front matter and a page's meta tags state the date outright; a date that
        # trafilatura guessed from the page comes after the article's own dateline.
        dateline, date_text = None, meta.published
    published, precision = resolve_published(date_text, copyright_year, entry)
    wire_agency = layout.wire.agency if layout.wire else None

    warnings = [*raw.warnings, *repairs]
    offsets_base = "raw"
    if extraction:
        located = locate_in_html(raw.text, extraction, layout.paragraphs, layout.dropped)
        offsets_base, layout.paragraphs, layout.dropped = located.base, located.paragraphs, located.dropped
        if located.note:
            warnings.append(located.note)
    return Article(
        title=_title(layout, meta),
        standfirst=_standfirst(layout, meta),
        authors=_authors(layout, meta),
        outlet=_first(entry and entry.outlet, meta and meta.outlet, owner, wire_agency,
                      layout.site_name),
        section=_first(entry and entry.section, _text(layout, "section"), meta and meta.section),
        published=published,
        published_text=_published_text(dateline, date_text, meta),
        topics=[p.text for p in layout.all("topic")] or (meta.topics if meta else []),
        url=_first(entry and entry.url, meta and meta.url),
        paragraphs=layout.paragraphs,
        dropped=layout.dropped,
        file=str(path),
        source_format=source_format,
        published_precision=precision,
        offsets_base=offsets_base,
        sha256=raw.sha256,
        warnings=warnings,
    )


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _dated_line(layout: Layout) -> tuple[Paragraph | None, str | None]:
    """The first dateline, or failing that byline, that holds a date, and the date's text."""
    for paragraph in layout.paragraphs:
        if paragraph.kind == "dateline":
            wire = cues.wire_dateline(paragraph.text)
            date_text = cues.dateline_date(paragraph.text) or (wire.date if wire else None)
        elif paragraph.kind == "byline":
            date_text = cues.date_in(paragraph.text)
        else:
            continue
        if date_text:
            return paragraph, date_text
    return None, None


def _published_text(
    line: Paragraph | None, date_text: str | None, meta: Extraction | FrontMatter | None
) -> str | None:
    """The date as written: the whole dateline, or just the date when it sat in a byline."""
    if line is not None:
        return line.text if line.kind == "dateline" else date_text
    return meta.published if meta else None


def _text(layout: Layout, kind: str) -> str | None:
    paragraph = layout.first(kind)
    return paragraph.text if paragraph else None


def _title(layout: Layout, meta: Extraction | FrontMatter | None) -> str | None:
    return _first(meta and meta.title, _text(layout, "title"))


def _standfirst(layout: Layout, meta: Extraction | FrontMatter | None) -> str | None:
    parts = [p.text for p in layout.all("standfirst")]
    return " ".join(parts) if parts else (meta.standfirst if meta else None)


def _authors(layout: Layout, meta: Extraction | FrontMatter | None) -> list[str]:
    names = [name for p in layout.all("byline") for name in cues.byline_names(p.text)]
    if not names and meta:
        names = meta.authors
    if not names:
        names = layout.reporter_names
    if not names:
        names = layout.profile_names
    return list(dict.fromkeys(names))
