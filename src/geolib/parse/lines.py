"""Raw lines with their offsets, and their clean text with Markdown-like markup removed."""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

from geolib.model import Paragraph, TextBuilder, clean_run

# Inline markup of Markdown-like exports: each pattern's groups name what to delete.
# Hand-written rather than a Markdown library: we need character-level raw offsets,
# which Markdown renderers do not keep.
_IMAGE_OR_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\n]*\))")
# A link whose text a hard wrap split over lines (its target never holds a space)
_LINK_ACROSS_LINES = re.compile(r"(!?\[)([^\[\]]{0,300}?\n[^\[\]]{0,300}?)(\]\([^)\s]*\))")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+")
_QUOTE_OR_BULLET = re.compile(r"^[ \t]{0,3}(?:>[ \t]?|[-*+•][ \t]+|\d{1,3}[.)][ \t]+)(?=\S)")
_LIST_ITEM = re.compile(r"^[ \t]{0,6}(?:[-*+•]|\d{1,3}[.)])[ \t]+\S")
_IMAGE_ONLY = re.compile(r"^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*$")
_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,200}>")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")


class Line(NamedTuple):
    """One raw line: its offsets and text (without the newline). A named tuple, not a
    dataclass: one is made for every line of every article, and tuples are quicker to make."""

    start: int
    end: int
    raw: str

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its raw offsets; ``\\r\\n`` and ``\\r`` end lines too."""
    if "\r" in text:
        return _split_any_line_ends(text)
    # Only "\n" ends lines: ``str.split`` does it several times faster than the regex.
    raws = text.split("\n")
    if len(raws) > 1 and not raws[-1]:
        raws.pop()  # a final newline ends the last line; it does not begin another
    lines = []
    start = 0
    for raw in raws:
        lines.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def _split_any_line_ends(text: str) -> list[Line]:
    lines = []
    for match in re.finditer(r"([^\r\n]*)(?:\r\n|\r|\n|$)", text):
        if match.start() == len(text) and match.start() > 0:
            break
        lines.append(Line(match.start(1), match.end(1), match.group(1)))
    return lines


def indent(line: Line) -> int:
    """How far a line is indented (a tab counts as four spaces)."""
    stripped = line.raw.lstrip(" \t")
    return len(line.raw[: len(line.raw) - len(stripped)].expandtabs(4))


def is_rule(line: Line) -> bool:
    """A horizontal rule such as ``---`` or ``***``."""
    return bool(_RULE.match(line.raw))


def heading_level(line: Line) -> int:
    """Markdown heading level (1-6), or 0."""
    match = _HEADING.match(line.raw)
    return len(match.group(1)) if match else 0


def is_list_item(line: Line) -> bool:
    """A bulleted or numbered list item: ``- item``, ``• item``, ``2. item``."""
    return bool(_LIST_ITEM.match(line.raw))


def is_image_only(line: Line) -> bool:
    """A Markdown image and nothing else: ``![alt text](src)``."""
    return bool(_IMAGE_ONLY.match(line.raw))


def is_emphasised_only(line: Line) -> bool:
    """The whole line is bold or italic, e.g. ``**Russian politics**``."""
    stripped = _HEADING.sub("", line.raw).strip()
    return bool(re.fullmatch(r"(\*\*|__)[^*_]+\1|\*[^*]+\*", stripped))


def markup_positions(raw: str) -> set[int]:
    """Indices of ``raw`` that are Markdown-like markup, not text."""
    deleted: set[int] = set()
    if match := _HEADING.match(raw):
        deleted.update(range(match.start(), match.end()))
    if match := _QUOTE_OR_BULLET.match(raw):
        deleted.update(range(match.start(), match.end()))
    for match in _IMAGE_OR_LINK.finditer(raw):
        deleted.update(range(match.start(1), match.end(1)))
        deleted.update(range(match.start(3), match.end(3)))
    escaped = set()
    for match in _ESCAPE.finditer(raw):
        deleted.add(match.start())
        escaped.add(match.start() + 1)  # the escaped character is text, never markup
    for pattern in (_EMPHASIS, _TAG):
        for match in pattern.finditer(raw):
            deleted.update(range(match.start(), match.end()))
    return deleted - escaped


def links_across_lines(lines: list[Line]) -> dict[int, set[int]]:
    """The brackets and targets of Markdown links whose text a hard wrap split over lines
    (``[Secretary of Transportation Sean`` / ``Duffy](https://...)``): for each line's index
    in ``lines``, the indices of its raw text that are that markup."""
    block = "\n".join(line.raw for line in lines)
    if "](" not in block:
        return {}
    starts = list(itertools.accumulate((len(line.raw) + 1 for line in lines[:-1]), initial=0))
    found: dict[int, set[int]] = {}
    for match in _LINK_ACROSS_LINES.finditer(block):
        for pos in itertools.chain(range(match.start(1), match.end(1)), range(match.start(3), match.end(3))):
            i = bisect.bisect_right(starts, pos) - 1
            found.setdefault(i, set()).add(pos - starts[i])
    return found


def add_line(builder: TextBuilder, line: Line, markdown: bool, also: set[int] | None = None) -> None:
    """Append a line's clean text to ``builder``, keeping raw offsets (``also``: more indices
    of the line to delete as markup)."""
    if not markdown:
        builder.add_run(line.raw, line.start)
        return
    deleted = sorted(markup_positions(line.raw) | (also or set()))
    at = 0
    for gone in deleted:  # copy the runs between markup characters
        if gone > at:
            builder.add_run(line.raw[at:gone], line.start + at)
        at = gone + 1
    if at < len(line.raw):
        builder.add_run(line.raw[at:], line.start + at)


def build_paragraph(lines: list[Line], kind: str, markdown: bool) -> Paragraph | None:
    """One paragraph from consecutive raw lines (joined by a space)."""
    if len(lines) == 1 and not markdown:
        return clean_run(lines[0].raw, lines[0].start, kind)
    builder = TextBuilder()
    across = links_across_lines(lines) if markdown and len(lines) > 1 else {}
    for i, line in enumerate(lines):
        if len(builder):
            builder.add(" ", line.start - 1 if line.start > 0 else line.start)
        add_line(builder, line, markdown, across.get(i))
    return builder.build(kind)
