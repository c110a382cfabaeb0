"""Resolving an article's publication date, and saying how precise it is."""

from __future__ import annotations

import re
from datetime import date, datetime

from geolib.parse.manifest import ManifestEntry


def resolve_published(
    date_text: str | None, copyright_year: int | None, manifest: ManifestEntry | None
) -> tuple[date | None, str | None]:
    """``(published, precision)``: the manifest first, then the dateline (relative forms
    resolved against the manifest's retrieval date), then the copyright year."""
    if manifest and manifest.published:
        if len(manifest.published) == 4:
            return date(int(manifest.published), 1, 1), "year"
        return date.fromisoformat(manifest.published), "day"
    if date_text:
        base = manifest.retrieved_date if manifest else None
        parsed = parse_date(date_text, base)
        if parsed:
            return parsed, "day"
    if copyright_year:
        return date(copyright_year, 1, 1), "year"
    return None, None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")


def parse_date(text: str, base: date | None = None) -> date | None:
    """A date expression as a date; relative ones ("17 hours ago", "on Wednesday")
    only when there is a base date to count from."""
    text = re.sub(r"^on\s+", "", text.strip(), flags=re.IGNORECASE)
    if iso := _ISO_DATE.match(text):  # "2025-03-04T23:30:00-05:00": the day as written, in its zone
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    # "17 hours ago", "on Wednesday", "March 12": only certain counted from a known date.
    if not re.search(r"\d{4}", text) and base is None:
        return None
    import dateparser  # slow to import; only needed here

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.combine(base, datetime.min.time())
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
