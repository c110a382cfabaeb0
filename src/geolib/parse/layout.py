"""Reading the layout of an article copied as text: which line is the title, the
standfirst, the byline, a caption, a credit, body text or site chrome.

Markdown-like exports and plain-text page copies share one reader; Markdown only
adds markup to strip and headings to lean on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geolib.model import Dropped, Paragraph
from geolib.parse import cues
from geolib.parse.lines import (
    Line,
    build_paragraph,
    heading_level,
    is_emphasised_only,
    is_image_only,
    is_list_item,
    is_rule,
    split_lines,
)

# How far (in non-blank units) a repeated title may follow its first copy.
_REPEAT_WINDOW = 3
# How many units after the title can still be front matter (byline, dateline, ...).
_FRONT_MATTER_WINDOW = 8


@dataclass
class Unit:
    """A line, or several hard-wrapped lines read as one, with its clean text."""

    lines: list[Line]
    paragraph: Paragraph | None  # the clean text as a body paragraph; None if markup only
    text: str = field(init=False)
    heading: int = 0
    emphasised: bool = False
    blank_before: bool = True
    list_item: bool = False
    image: bool = False
    block: int = 0  # units between the same two blank lines share a block
    _chrome: bool | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.paragraph.text if self.paragraph else ""

    @property
    def chrome(self) -> bool:
        """Site furniture ("Search", "Share on Facebook"); several steps ask, so it is kept."""
        if self._chrome is None:  # not functools.cached_property: it takes a lock in 3.11
            self._chrome = cues.is_chrome(self.text)
        return self._chrome

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


@dataclass
class Layout:
    """What the layout reader found, before metadata is resolved."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    profile_names: list[str] = field(default_factory=list)
    reporter_names: list[str] = field(default_factory=list)  # from "Reporting by …" credits
    wire: cues.WireDateline | None = None

    def first(self, kind: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.kind == kind), None)

    def all(self, kind: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == kind]


def read_layout(text: str, markdown: bool, captions: frozenset[str] = frozenset()) -> Layout:
    """Classify every line of ``text`` into paragraphs or dropped lines.

    ``captions`` are texts known to be photo captions (e.g. an HTML page's figcaptions).
    """
    units = _units(text, markdown)
    reader = _LayoutReader(units, markdown, captions)
    return reader.read()


def _units(text: str, markdown: bool) -> list[Unit]:
    """Non-blank lines as units; hard-wrapped prose blocks become one unit each."""
    blocks: list[list[Line]] = [[]]
    for line in split_lines(text):
        if line.blank:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    units: list[Unit] = []
    for number, block in enumerate(b for b in blocks if b):
        if _hard_wrapped(block, markdown):
            units.append(Unit(block, build_paragraph(block, "body", markdown), block=number))
            continue
        for k, line in enumerate(block):
            units.append(
                Unit(
                    [line],
                    build_paragraph([line], "body", markdown),
                    heading=heading_level(line) if markdown else 0,
                    emphasised=markdown and is_emphasised_only(line),
                    blank_before=(k == 0),
                    list_item=is_list_item(line),
                    image=markdown and is_image_only(line),
                    block=number,
                )
            )
    return units


def _hard_wrapped(block: list[Line], markdown: bool) -> bool:
    """Prose wrapped at a fixed width: long lines that mostly stop mid-sentence."""
    if len(block) < 2:
        return False
    texts = [line.raw.strip() for line in block]
    if any(cues.is_url(t) or is_rule(line) for t, line in zip(texts, block, strict=True)):
        return False
    # A headline over its byline and dateline is not one wrapped paragraph.
    if any(cues.is_byline(t) or cues.dateline_date(t) or cues.is_copyright(t) for t in texts[1:]):
        return False
    if markdown and any(_table_row(t) for t in texts):
        return False
    if markdown and any(heading_level(line) or is_list_item(line) for line in block):
        return False
    if sum(1 for line in block if is_list_item(line)) >= 2:
        return False
    body = texts[:-1]
    if min(len(t) for t in body) < 30:
        return False
    mid_sentence = sum(1 for t in body if not cues.ends_sentence(t))
    return mid_sentence * 2 >= len(body)


class _LayoutReader:
    """Walks the units once, deciding each one's kind."""

    def __init__(self, units: list[Unit], markdown: bool, captions: frozenset[str]) -> None:
        self.units = units
        self.markdown = markdown
        self.captions = captions
        self.kinds: list[str | None] = [None] * len(units)
        self.reasons: dict[int, str] = {}
        self.layout = Layout()

    def drop(self, index: int, reason: str) -> None:
        self.kinds[index] = None
        self.reasons[index] = reason

    def read(self) -> Layout:
        title = self._find_title()
        self._front(title)
        self._rest(title)
        self._captions()
        return self._emit()

    # -- title and what precedes it -------------------------------------------------
    def _find_title(self) -> int | None:
        units = self.units
        for i, unit in enumerate(units):
            if is_rule(unit.lines[0]):
                self.drop(i, "horizontal rule")
            elif unit.image:
                self.drop(i, "image (alt text)")
            elif self.markdown and _table_row(unit.text):
                self.drop(i, "table row")
            elif not unit.text:
                self.drop(i, "markup only")
        candidates = [i for i, u in enumerate(units) if u.text and i not in self.reasons]
        title = None
        if self.markdown:
            headings = [i for i in candidates[:12]
                        if units[i].heading and not cues.is_topic_heading(units[i].text)]
            top = min((units[i].heading for i in headings), default=0)
            title = next((i for i in headings if units[i].heading == top), None)
        if title is None:
            title = self._repeated_title(candidates)
        if title is None:
            title = next(
                (i for i in candidates
                 if not units[i].chrome and not cues.is_url(units[i].text)
                 and not self._in_label_block(i)),
                None,
            )
        if title is None:
            return None
        self.kinds[title] = "title"
        for i in candidates:
            if i >= title:
                break
            self._before_title(i)
        return title

    def _in_label_block(self, i: int) -> bool:
        """Part of a block of several short labels: a menu or breadcrumb, not a headline."""
        block = [u for u in self.units if u.block == self.units[i].block]
        return len(block) > 1 and all(_label(u.text) for u in block)

    def _repeated_title(self, candidates: list[int]) -> int | None:
        """A page copy often shows the headline twice; the first copy is the title."""
        for n, i in enumerate(candidates[:20]):
            unit = self.units[i]
            for j in candidates[n + 1 : n + 1 + _REPEAT_WINDOW]:
                if self.units[j].text != unit.text:
                    continue
                if len(unit.text) < 10 or unit.chrome:
                    break  # a repeated short label or menu item is not the title
                self.drop(j, "repeated title")
                return i
        return None

    def _before_title(self, i: int) -> None:
        unit = self.units[i]
        kicker = (
            self.markdown
            and self.layout_has_no("section")
            and len(unit.text) <= 60
            and not cues.ends_sentence(unit.text)
        )
        if kicker and (unit.emphasised or not unit.chrome):
            self.kinds[i] = "section"
        elif unit.chrome:
            self.drop(i, "site chrome")
        else:
            self.drop(i, "site header before the title")

    def layout_has_no(self, kind: str) -> bool:
        return kind not in self.kinds

    # -- front matter: standfirst, byline, dateline, author links --------------------
    def _front(self, title: int | None) -> None:
        start = 0 if title is None else title + 1
        window = [i for i in range(start, min(len(self.units), start + _FRONT_MATTER_WINDOW))
                  if i not in self.reasons]
        metadata_at: list[int] = []
        for n, i in enumerate(window):
            text = self.units[i].text
            if metadata_at and _sentence_like(text):
                break  # the story itself has begun
            following = self.units[window[n + 1]].text if n + 1 < len(window) else ""
            if cues.is_url(text):
                self._link(i)
            elif self.units[i].chrome:
                self.drop(i, "site chrome")
            elif cues.is_standalone_credit(text):
                self.kinds[i] = "credit"
            elif cues.dateline_date(text):
                self.kinds[i] = "dateline"
                metadata_at.append(i)
            elif _role_like(text) and cues.is_url(following) and cues.profile_slug(following):
                self.kinds[i] = "author_role"
            elif cues.is_byline(text):
                self.kinds[i] = "byline"
                metadata_at.append(i)
            elif (n > 0 and self.kinds[window[n - 1]] == "byline" and not self.units[i].blank_before
                  and _label(text, words=6)):
                self.kinds[i] = "author_role"  # "By Emma Walsh" / "Asia correspondent"
        if metadata_at:
            for i in window:
                if i >= metadata_at[0]:
                    break
                followed_by_credit = i + 1 < len(self.units) and self.kinds[i + 1] == "credit"
                if self.kinds[i] is None and i not in self.reasons and not followed_by_credit:
                    self.kinds[i] = "standfirst"

    def _link(self, i: int) -> None:
        text = self.units[i].text
        slug = cues.profile_slug(text)
        name = cues.name_from_slug(slug) if slug else None
        if name:
            self.layout.profile_names.append(name)
            self.drop(i, f"author profile link (author name inferred: {name})")
        elif slug:
            self.drop(i, "author profile link (no name in it)")
        else:
            self.drop(i, "bare link")

    # -- the rest of the article ------------------------------------------------------
    def _rest(self, title: int | None) -> None:
        authors = self._author_names()
        in_topics = False
        in_links = False
        for i, unit in enumerate(self.units):
            if self.kinds[i] is not None or i in self.reasons:
                continue
            text = unit.text
            if in_links and self._continues_link_list(i):
                self.drop(i, "related links")
                continue
            in_links = False
            if in_topics and _label(text, words=8) and not unit.chrome:
                self.kinds[i] = "topic"
                continue
            in_topics = False
            if self._topic_heading(i):
                self.drop(i, "topic list heading")
                in_topics = True
            elif cues.inline_topics(text):
                self.kinds[i] = "topic"
            elif cues.is_url(text):
                self._link(i)
            elif len(text) < 200 and cues.is_copyright(text):
                self.kinds[i] = "copyright"
            elif unit.chrome:
                self.drop(i, "site chrome")
                in_links = cues.is_link_list_heading(text)
            elif cues.is_contributor_credit(text):
                self.layout.reporter_names.extend(cues.contributor_names(text))
                self.drop(i, "contributor credits")
            elif text in self.captions:
                self.kinds[i] = "caption"
            elif cues.is_standalone_credit(text):
                self.kinds[i] = "credit"
            elif (unit.heading or _emphasised_heading(unit)) and title is not None:
                self.kinds[i] = "heading"
            elif cues.is_author_bio(text, authors):
                self.kinds[i] = "author_role"
            else:
                self.kinds[i] = "body"

    def _author_names(self) -> list[str]:
        """Names from the bylines and profile links found so far."""
        names = [
            name for i, kind in enumerate(self.kinds) if kind == "byline"
            for name in cues.byline_names(self.units[i].text)
        ]
        return names + self.layout.profile_names

    def _topic_heading(self, i: int) -> bool:
        """"Topics", "Explore more on these topics": a heading over a list of short tags."""
        unit = self.units[i]
        if not cues.is_topic_heading(unit.text) or cues.ends_sentence(unit.text):
            return False
        if cues.inline_topics(unit.text):  # "Topics: China, Taiwan" holds its own list
            return False
        if unit.heading or unit.emphasised:
            return True
        following = self.units[i + 1].text if i + 1 < len(self.units) else ""
        return _label(unit.text, words=6) and _label(following, words=8)

    def _continues_link_list(self, i: int) -> bool:
        """A short item under a "Related articles" heading: same block, a list item or a link."""
        unit, previous = self.units[i], self.units[i - 1]
        if len(unit.text) > 150 or cues.is_copyright(unit.text):
            return False
        linked = self.markdown and unit.lines[0].raw.lstrip("-*+• \t").startswith("[")
        return unit.block == previous.block or unit.list_item or linked

    def _captions(self) -> None:
        """A paragraph directly followed by a photo credit is that photo's caption."""
        previous: int | None = None
        for i, kind in enumerate(self.kinds):
            if (kind == "credit" and previous is not None and self.kinds[previous] == "body"
                    and len(self.units[previous].text) <= cues.MAX_CAPTION):
                self.kinds[previous] = "caption"
            if kind is not None or self.units[i].image:
                previous = i  # a credit under an image credits the image, not the text above

    # -- paragraphs -------------------------------------------------------------------
    def _emit(self) -> Layout:
        layout = self.layout
        body_seen = False
        for i, unit in enumerate(self.units):
            kind = self.kinds[i]
            if kind is None:
                reason = self.reasons.get(i, "unclassified")
                layout.dropped.append(Dropped(unit.text or _raw(unit), unit.start, unit.end, reason))
                continue
            paragraphs = self._paragraphs(unit, kind, first_body=kind == "body" and not body_seen)
            body_seen = body_seen or any(p.kind == "body" for p in paragraphs)
            layout.paragraphs.extend(paragraphs)
        layout.paragraphs = _join_broken(layout, self.units, self.markdown)
        return layout

    def _paragraphs(self, unit: Unit, kind: str, first_body: bool) -> list[Paragraph]:
        """A unit's paragraphs: one, unless a wire dateline, tag list or photo credit splits it."""
        if first_body and (wire := cues.wire_dateline(unit.text)):
            self.layout.wire = wire
            return self._split(unit, wire.end, "dateline", "body")
        if kind == "topic" and (items := cues.inline_topics(unit.text)):
            return self._pieces(unit, items, "topic")
        if kind in ("body", "caption") and (split := cues.inline_credit_start(unit.text)) is not None:
            return self._split(unit, split, "caption", "credit")
        return [] if unit.paragraph is None else [_as_kind(unit.paragraph, kind)]

    def _pieces(self, unit: Unit, spans: list[tuple[int, int]], kind: str) -> list[Paragraph]:
        """Paragraphs of ``kind`` for clean-text ``spans`` of one unit ("Tags: A, B" -> A, B)."""
        whole = unit.paragraph
        assert whole is not None
        pieces = []
        for begin, stop in spans:
            raw_start, raw_end = whole.raw_span(begin, stop)
            lines = [
                Line(max(line.start, raw_start), min(line.end, raw_end),
                     line.raw[max(line.start, raw_start) - line.start : min(line.end, raw_end) - line.start])
                for line in unit.lines if line.end > raw_start and line.start < raw_end
            ]
            if piece := build_paragraph(lines, kind, self.markdown):
                pieces.append(piece)
        return pieces

    def _split(self, unit: Unit, split: int, head_kind: str, tail_kind: str) -> list[Paragraph]:
        """One unit cut at clean index ``split``: "caption © Agency/Photographer" -> a caption
        and its credit; "BEIJING (Reuters) - China said…" -> a dateline and body text."""
        whole = unit.paragraph
        assert whole is not None
        cut = whole.to_raw(split)
        head: list[Line] = []
        tail: list[Line] = []
        for line in unit.lines:
            if line.end <= cut:
                head.append(line)
            elif line.start >= cut:
                tail.append(line)
            else:
                head.append(Line(line.start, cut, line.raw[: cut - line.start]))
                tail.append(Line(cut, line.end, line.raw[cut - line.start :]))
        parts = [build_paragraph(head, head_kind, self.markdown),
                 build_paragraph(tail, tail_kind, self.markdown)]
        return [p for p in parts if p is not None]


def _as_kind(paragraph: Paragraph, kind: str) -> Paragraph:
    """The same paragraph as another kind (paragraphs are immutable: shared when unchanged)."""
    if paragraph.kind == kind:
        return paragraph
    return Paragraph(kind, paragraph.text, paragraph.start, paragraph.end, paragraph.segments)


def _emphasised_heading(unit: Unit) -> bool:
    """A short bold or italic line that is not a sentence or a captioned photo credit."""
    text = unit.text
    return (
        unit.emphasised
        and len(text) < 100
        and not text.endswith(".")
        and cues.inline_credit_start(text) is None
    )


def _table_row(text: str) -> bool:
    """A Markdown table row or separator: ``| 2023 | 3.6% |``."""
    return len(text) > 2 and text.startswith("|") and text.endswith("|")


def _sentence_like(text: str) -> bool:
    """Running text rather than a byline, dateline or label."""
    return len(text) > 100 or (cues.ends_sentence(text) and len(text.split()) > 6)


def _label(text: str, words: int = 4) -> bool:
    """A short line of a few words that is not a sentence (a menu item, a job title)."""
    return len(text) <= 60 and len(text.split()) <= words and not cues.ends_sentence(text)


def _role_like(text: str) -> bool:
    """A short job-title line without a sentence's ending ("Senior Editor/Producer")."""
    return len(text) <= 80 and not cues.ends_sentence(text)


def _raw(unit: Unit) -> str:
    return " ".join(line.raw.strip() for line in unit.lines)


# A paragraph ending in one of these stops mid-sentence (clean text never ends in a newline).
_MID_SENTENCE_ENDINGS = tuple("abcdefghijklmnopqrstuvwxyz,")
# A quotation signed off with a dash ("…” — Jens Ahlgren, German defence minister") is complete.
_SIGN_OFF = re.compile(r"[”\"’']\s*[—–-]\s*[^”\"“]+$")


def _join_broken(layout: Layout, units: list[Unit], markdown: bool) -> list[Paragraph]:
    """Re-join a body paragraph that an export split mid-sentence ("…comments by" / "Trump also…")."""
    joined: list[Paragraph] = []
    dropped_at = [d.start for d in layout.dropped]
    items = [(u.start, u.end) for u in units if u.list_item]

    def in_list(paragraph: Paragraph) -> bool:
        return any(start <= paragraph.start < end for start, end in items)
    for paragraph in layout.paragraphs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == paragraph.kind == "body"
            and len(previous.text) > 60
            and previous.text.endswith(_MID_SENTENCE_ENDINGS)
            and not (in_list(previous) or in_list(paragraph))
            and not _SIGN_OFF.search(previous.text)
            and not paragraph.text.startswith(tuple("“\"‘'«"))
            and not any(previous.end <= at < paragraph.start for at in dropped_at)
        ):
            lines = [u.lines for u in units if u.end > previous.start and u.start < paragraph.end]
            merged = build_paragraph([line for group in lines for line in group], "body", markdown)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(paragraph)
    return joined
