"""``read_article``: any raw article file to an ``Article``."""

from __future__ import annotations

from pathlib import Path

from geolib.errors import ArticleError
from geolib.model import Article, Paragraph
from geolib.parse import cues
from geolib.parse.dates import resolve_published
from geolib.parse.glue import repair_glued_words
from geolib.parse.html import Extraction, extract_html
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
    text = extraction.text if extraction else raw.text
    markdown = source_format == "markdown" or bool(extraction and extraction.markdown)
    layout = read_layout(text, markdown, extraction.captions if extraction else frozenset())
    paragraphs, repairs = repair_glued_words(layout.paragraphs)
    layout.paragraphs = paragraphs
    if not any(p.kind == "body" for p in paragraphs):
        raise ArticleError(path, "no article body found (no paragraph of running text)")

    copyright_line = layout.first("copyright")
    owner, copyright_year = (
        cues.copyright_owner_and_year(copyright_line.text) if copyright_line else (None, None)
    )
    dateline, date_text = _dated_line(layout)
    if extraction and extraction.published and not date_text:
        date_text = extraction.published
    published, precision = resolve_published(date_text, copyright_year, entry)
    wire_agency = layout.wire.agency if layout.wire else None

    warnings = [*raw.warnings, *repairs]
    return Article(
        title=_title(layout, extraction),
        standfirst=_standfirst(layout, extraction),
        authors=_authors(layout, extraction),
        outlet=_first(entry and entry.outlet, extraction and extraction.outlet, owner, wire_agency),
        section=_first(entry and entry.section, _text(layout, "section"),
                       extraction and extraction.section),
        published=published,
        published_text=_published_text(dateline, date_text, extraction),
        topics=[p.text for p in layout.all("topic")] or (extraction.topics if extraction else []),
        url=_first(entry and entry.url, extraction and extraction.url),
        paragraphs=layout.paragraphs,
        dropped=layout.dropped,
        file=str(path),
        source_format=source_format,
        published_precision=precision,
        offsets_base=extraction.base if extraction else "raw",
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
    line: Paragraph | None, date_text: str | None, extraction: Extraction | None
) -> str | None:
    """The date as written: the whole dateline, or just the date when it sat in a byline."""
    if line is not None:
        return line.text if line.kind == "dateline" else date_text
    return extraction.published if extraction else None


def _text(layout: Layout, kind: str) -> str | None:
    paragraph = layout.first(kind)
    return paragraph.text if paragraph else None


def _title(layout: Layout, extraction: Extraction | None) -> str | None:
    return _first(extraction and extraction.title, _text(layout, "title"))


def _standfirst(layout: Layout, extraction: Extraction | None) -> str | None:
    parts = [p.text for p in layout.all("standfirst")]
    return " ".join(parts) if parts else (extraction.standfirst if extraction else None)


def _authors(layout: Layout, extraction: Extraction | None) -> list[str]:
    names = [name for p in layout.all("byline") for name in cues.byline_names(p.text)]
    if not names and extraction:
        names = extraction.authors
    if not names:
        names = layout.reporter_names
    if not names:
        names = layout.profile_names
    return list(dict.fromkeys(names))
