"""News archives: WARC and WARC.GZ files (Common Crawl's CC-NEWS, a newsroom's own crawl),
read record by record; every HTML response is one article.

warcio reads them: pure Python, so it installs everywhere, and the same library writes
archives (the tests build theirs with it); reading costs little next to extraction.

* ``scan(archive)`` walks the archive once and gives, for each record that is an HTML
  response, its number (``record-1`` is the archive's first record) and byte offset, or,
  for a record that cannot be read (a broken header, a damaged gzip member), the problem;
  it then finds the next record and goes on.
* ``read_record(archive, number, offset)`` reads one record from its offset and parses
  its decoded HTML with geolib's HTML parser (trafilatura), as for an HTML file.

An article from a record is named ``file = "<archive>#record-<N>"`` (its id is that
name, unique per record). Provenance: ``url`` is the record's WARC-Target-URI;
``published`` is the page's own date, or the record's WARC-Date (the crawl's) when the
page has none, with a warning saying so; relative dates on the page ("3 hours ago") are
counted from the WARC-Date; ``outlet`` is the page's site name, else the URL's host.
Offsets are into the record's decoded HTML as geolib reads HTML, i.e. into
trafilatura's extraction of it, kept in the cache and named by ``offsets_base``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from geolib import cache
from geolib.errors import ArticleError
from geolib.model import Article
from geolib.parse import parse_raw
from geolib.parse.manifest import ManifestEntry
from geolib.paths import cache_dir
from geolib.reading import raw_from_bytes
from geolib.sources.caching import cached_article
from geolib.sources.remote import open_binary

ARCHIVE_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MEMBER = b"\x1f\x8b\x08"  # every record of a .warc.gz is a gzip member of its own
_WARC_LINE = b"WARC/1."
_SYNC_CHUNK = 1 << 20


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def record_name(archive: str, number: int) -> str:
    return f"{archive}#record-{number}"


@dataclass(frozen=True)
class Entry:
    """One record of an archive: an HTML response at ``offset``, or what is wrong with it."""

    number: int
    offset: int
    problem: str | None = None


def scan(archive: str) -> Iterator[Entry]:
    """Every HTML response of the archive in order, and every record that cannot be read
    (as an entry with its problem); the other records (requests, metadata, images) are
    skipped. An archive that cannot be opened raises ArticleError."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        handle = open_binary(archive)
    except OSError as exc:
        raise ArticleError(archive, f"cannot be read ({exc.strerror or exc})") from None
    with handle, contextlib.redirect_stderr(io.StringIO()):  # warcio's warnings: we report them
        number, start = 0, 0
        while start is not None:
            handle.seek(start)
            records = ArchiveIterator(handle)
            at, counted = start, False  # where the record being read starts; numbered yet?
            try:
                for record in records:
                    number, counted = number + 1, True
                    at = max(at, records.offset)
                    declared = record.rec_headers.get_header("Content-Length") or ""
                    if not declared.strip().isdigit():  # warcio would read on, into the next record
                        raise ValueError(f"its Content-Length is {declared!r}, not a number")
                    offset = records.get_record_offset()  # (reads the record to its end)
                    if _is_html_response(record):
                        yield Entry(number, offset)
                    at, counted = offset + records.get_record_length(), False
                start = None
            except Exception as exc:  # warcio and zlib raise many kinds on damaged bytes
                number += 0 if counted else 1
                yield Entry(number, at, f"cannot be read (at byte {at}): {_reason(exc)}")
                start = _next_record(handle, at + 1, gzipped=archive.lower().endswith(".gz"))


def read_record(archive: str, number: int, offset: int) -> Article:
    """The article in record ``number`` (at byte ``offset``) of ``archive``, through the
    cache; ArticleError naming ``<archive>#record-<N>`` when it is not one."""
    from warcio.archiveiterator import ArchiveIterator

    name = record_name(archive, number)
    try:
        with open_binary(archive) as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            payload = record.content_stream().read()
            headers = record.rec_headers
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    except Exception as exc:  # damaged bytes: warcio, gzip and zlib each have their own errors
        raise ArticleError(name, f"WARC record cannot be read: {_reason(exc)}") from None
    url = headers.get_header("WARC-Target-URI")
    crawled = (headers.get_header("WARC-Date") or "")[:10] or None
    digest = hashlib.sha256(payload).hexdigest()
    key = cache.cache_key(digest, name, url, crawled)
    return cached_article(key, name, lambda: _article(name, payload, content_type, url, crawled))


def _article(name: str, payload: bytes, content_type: str, url: str | None, crawled: str | None
             ) -> Article:
    raw = _decode(name, payload, _charset(content_type))
    try:
        crawl_date = date.fromisoformat(crawled) if crawled else None
    except ValueError:
        crawl_date = None
    entry = ManifestEntry(file=name, url=url, retrieved=crawl_date.isoformat() if crawl_date else None)
    article = parse_raw(raw, entry)
    article.file = name
    if article.published is None and crawl_date is not None:
        article.published, article.published_precision = crawl_date, "day"
        article.warnings.append("publication date is the record's WARC-Date (when it was crawled)")
    if not article.outlet and url:
        article.outlet = urlsplit(url).hostname
    if article.offsets_base in ("raw", "html"):  # offsets index the decoded record: keep it, named
        article.offsets_base = _keep_decoded(name, raw.text)
    return article


def _decode(name: str, payload: bytes, charset: str | None):
    """The payload as text: the declared charset when it is not UTF-8 and decodes cleanly,
    else as a raw file is decoded (UTF-8, then cp1252)."""
    if charset and charset.replace("-", "").replace("_", "") not in ("utf8", "usascii", "ascii"):
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            raw = raw_from_bytes(Path(name), text.encode("utf-8"))
            return replace(raw, encoding=charset, sha256=hashlib.sha256(payload).hexdigest())
    return raw_from_bytes(Path(name), payload)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(HTML_TYPES)


def _next_record(handle, position: int, gzipped: bool) -> int | None:
    """Where the next record that reads starts, at or after ``position``; None at the end."""
    from warcio.archiveiterator import ArchiveIterator

    marker = _GZIP_MEMBER if gzipped else _WARC_LINE
    while True:
        handle.seek(position)
        chunk = handle.read(_SYNC_CHUNK + len(marker))
        found = chunk.find(marker)
        if found < 0:
            if len(chunk) <= len(marker):
                return None
            position += _SYNC_CHUNK
            continue
        candidate = position + found
        handle.seek(candidate)
        try:  # the marker may occur by chance inside a record: take it only if a record reads
            next(iter(ArchiveIterator(handle)))
            return candidate
        except Exception:
            position = candidate + 1


def _keep_decoded(name: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = cache_dir() / "records" / f"{digest}.txt"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(text, encoding="utf-8")
    except OSError:
        return f"the decoded payload of {name} (not kept: cache folder not writable)"
    return str(target)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    head, sep, line = text.partition("first line: ")
    if sep and sum(char.isascii() and char.isprintable() for char in line) < 0.9 * len(line):
        text = f"{head}first line is not text (damaged bytes)"
    if isinstance(exc, zlib.error):
        text = f"damaged gzip data ({text})"
    elif isinstance(exc, StopIteration):
        text = "no record at this offset"
    return text[:160] or type(exc).__name__
