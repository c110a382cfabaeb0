"""The article model: what the parser produces and every later stage reads.

Offsets are into the raw file's *decoded* text, ``geolib.reading.decoded_text(path)``: UTF-8
with any byte-order mark removed (so one character short of the file's bytes read with a
plain ``utf-8`` codec), UTF-16/32 decoded, cp1252 for legacy files, and each undecodable byte
sequence replaced by one U+FFFD (the article's warnings say where). Every record's
``start``/``end`` index that text. For an HTML page (``Article.offsets_base == "html"``) that
text is the page's source: a paragraph's characters come from the text between its tags,
character references decoded (such a character maps to the reference's ``&``); where the
page cannot be matched, offsets index the extracted text whose cached copy ``offsets_base``
names. A paragraph's clean ``text`` is that raw span with markup removed and whitespace
normalised; ``Paragraph.to_raw`` maps any character of ``text`` back to the raw offset it
came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import PurePath

# One contiguous run copied from raw: (index in clean text, index in raw, length).
Segment = tuple[int, int, int]

PARAGRAPH_KINDS = (
    "section", "title", "standfirst", "byline", "author_role", "dateline",
    "body", "heading", "caption", "credit", "copyright", "topic",
)


@dataclass(frozen=True)
class Paragraph:
    """One block of content: its kind, clean text and where it sits in the raw text."""

    kind: str
    text: str
    start: int
    end: int
    segments: tuple[Segment, ...] = field(default=(), repr=False, compare=False)

    def to_raw(self, index: int) -> int:
        """Raw offset of clean-text character ``index`` (``len(text)`` maps to ``end``).

        A character the parser inserted (a repaired glued word) maps to the next
        copied character.
        """
        if index >= len(self.text):
            return self.end
        if not self.segments:
            return self.start + index
        starts = [seg[0] for seg in self.segments]
        pos = bisect.bisect_right(starts, index) - 1
        text_at, raw_at, length = self.segments[max(pos, 0)]
        if pos >= 0 and index < text_at + length:
            return raw_at + (index - text_at)
        following = min(pos + 1, len(self.segments) - 1)
        return self.segments[following][1]

    def from_raw(self, raw: int) -> int | None:
        """The clean-text index of the character copied from raw offset ``raw`` (None when no
        character of the text was copied from there): the inverse of ``to_raw``."""
        if not self.segments:
            index = raw - self.start
            return index if 0 <= index < len(self.text) else None
        pos = bisect.bisect_right([seg[1] for seg in self.segments], raw) - 1
        if pos < 0:
            return None
        text_at, raw_at, length = self.segments[pos]
        return text_at + (raw - raw_at) if raw < raw_at + length else None

    def raw_span(self, begin: int, stop: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of clean-text slice ``text[begin:stop]``."""
        if stop <= begin:
            at = self.to_raw(begin)
            return at, at
        return self.to_raw(begin), self.to_raw(stop - 1) + 1

    def copied_characters(self) -> list[tuple[int, int]]:
        """Every ``(text index, raw index)`` pair of characters copied from raw."""
        return [
            (text_at + k, raw_at + k)
            for text_at, raw_at, length in self.segments
            for k in range(length)
        ]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Dropped:
    """A raw line that did not become content, and why."""

    text: str
    start: int
    end: int
    reason: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Article:
    """A parsed news article with metadata, content paragraphs and dropped lines."""

    title: str | None
    standfirst: str | None
    authors: list[str]
    outlet: str | None
    section: str | None
    published: date | None
    published_text: str | None
    topics: list[str]
    url: str | None
    paragraphs: list[Paragraph]
    dropped: list[Dropped]
    # Provenance: not part of the public JSON, but kept with the article.
    file: str = ""
    source_format: str = ""  # "markdown", "plain" or "html"
    published_precision: str | None = None  # "day" or "year"
    offsets_base: str = "raw"  # "raw", "html" (an HTML page's source), or a cached extraction's path
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The article's id: its raw file's name without the extension; for a record of a
        news archive (``file`` "news.warc.gz#record-7"), that name whole."""
        return _article_id(self.file)

    @property
    def body(self) -> list[Paragraph]:
        """Body paragraphs in reading order."""
        return [p for p in self.paragraphs if p.kind == "body"]

    @property
    def published_iso(self) -> str | None:
        """ISO 8601 date, reduced to the year when only the year is certain."""
        if self.published is None:
            return None
        if self.published_precision == "year":
            return f"{self.published.year:04d}"
        return self.published.isoformat()

    def to_dict(self) -> dict:
        """The public JSON shape: exactly the article fields, nested objects as dicts."""
        return {
            "title": self.title,
            "standfirst": self.standfirst,
            "authors": list(self.authors),
            "outlet": self.outlet,
            "section": self.section,
            "published": self.published_iso,
            "published_text": self.published_text,
            "topics": list(self.topics),
            "url": self.url,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "dropped": [d.to_dict() for d in self.dropped],
        }


class TextBuilder:
    """Builds a clean string while remembering the raw offset of every character.

    Runs of whitespace collapse to one space (mapped to the first whitespace
    character); leading and trailing whitespace is dropped. Text is taken in runs
    and kept as segments, never character by character: this runs on every line
    of every article.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[list[int]] = []  # [text index, raw index, length]
        self._length = 0

    def add(self, char: str, raw_index: int) -> None:
        self.add_run(char, raw_index)

    def add_run(self, text: str, raw_start: int) -> None:
        """Copy ``text`` (found at ``raw_start`` in raw), normalising its whitespace."""
        if not self._length or self._parts[-1][-1] == " ":
            kept = text.lstrip()
            raw_start += len(text) - len(kept)
            text = kept
        if _single_spaced(text):  # the common case: nothing to normalise
            if text:
                self._copy(text, raw_start)
            return
        at = 0
        for space in _ODD_WHITESPACE.finditer(text):  # a single plain space is already clean
            if space.start() > at:
                self._copy(text[at : space.start()], raw_start + at)
            self._copy(" ", raw_start + space.start())
            at = space.end()
        if at < len(text):
            self._copy(text[at:], raw_start + at)

    def insert(self, char: str) -> None:
        """Add a character with no raw counterpart (e.g. a space repairing a glued word)."""
        self._parts.append(char)
        self._length += len(char)

    def _copy(self, piece: str, raw_at: int) -> None:
        last = self._segments[-1] if self._segments else None
        if last and last[0] + last[2] == self._length and last[1] + last[2] == raw_at:
            last[2] += len(piece)
        else:
            self._segments.append([self._length, raw_at, len(piece)])
        self._parts.append(piece)
        self._length += len(piece)

    def __len__(self) -> int:
        return self._length

    def build(self, kind: str) -> Paragraph | None:
        """The finished paragraph, or None when nothing but whitespace was added."""
        text = "".join(self._parts).rstrip(" ")
        length = len(text)
        segments = [s for s in self._segments if s[0] < length]
        if not segments:  # nothing copied, or only whitespace
            return None
        last = segments[-1]
        if last[0] + last[2] > length:
            last[2] = length - last[0]
        return Paragraph(
            kind=kind,
            text=text,
            start=min(s[1] for s in segments),
            end=max(s[1] + s[2] for s in segments),
            segments=tuple(map(tuple, segments)),
        )


def clean_run(text: str, raw_start: int, kind: str) -> Paragraph | None:
    """The paragraph a ``TextBuilder`` builds from the one run ``text``; most lines are
    single-spaced runs, and for those the builder is skipped: the text is the stripped
    run, one segment."""
    if not _single_spaced(text):
        builder = TextBuilder()
        builder.add_run(text, raw_start)
        return builder.build(kind)
    clean = text.strip(" ")
    if not clean:
        return None
    start = raw_start + len(text) - len(text.lstrip(" "))
    return Paragraph(kind, clean, start, start + len(clean), ((0, start, len(clean)),))


_ODD_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")


def _single_spaced(text: str) -> bool:
    """Whitespace only as single plain spaces; a C-speed test that spares the regex.

    Every whitespace character but " " is non-printable, so printable text without
    "  " has nothing for ``_ODD_WHITESPACE`` to find.
    """
    return text.isprintable() and "  " not in text


def offsets_are_exact(paragraph: Paragraph, raw: str) -> bool:
    """The offset rule: every copied character equals its raw character (whitespace
    normalised to a space), in increasing raw order inside ``[start, end)``, and
    only spaces are ever inserted."""
    copied = paragraph.copied_characters()
    copied_index = {t for t, _ in copied}
    for t, char in enumerate(paragraph.text):
        if t not in copied_index and char != " ":
            return False
    previous = paragraph.start - 1
    for t, r in copied:
        if not (paragraph.start <= r < paragraph.end) or r <= previous:
            return False
        expected = " " if raw[r].isspace() else raw[r]
        if paragraph.text[t] != expected:
            return False
        previous = r
    return True


@lru_cache(maxsize=4096)
def _article_id(file: str) -> str:  # asked for by every record of every table
    path = PurePath(file)
    return path.name if "#record-" in path.name else path.stem
