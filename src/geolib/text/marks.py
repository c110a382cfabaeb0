"""Pair quotation marks in a paragraph: curly and straight, nested, and odd ones.

Two apostrophes (``''``) and two backticks (``````) are double marks too: newspaper archives
and wire feeds write ``''We will win,'' he said`` (a two-character mark, as the New York
Times's archive and treebank-style text do).

A hand-written scanner rather than a regex: pairing needs a stack (nesting),
context (is a straight ``"`` opening or closing?) and tolerance of stray marks,
which no regular expression gives. A mark that cannot be paired is ignored, and
an unclosed quote never runs past its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + "'"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
TWO_CHARACTER_MARKS = ("''", "``")  # double marks written as two characters
_ANY_MARK = re.compile(f"''|``|[{re.escape(ALL_MARKS)}]")
# Characters after which a straight mark opens rather than closes.
OPENING_CONTEXT = "([{—–-/:"


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words ``text[start:end]`` (without marks) and the marks around them."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None when unclosed
    double: bool  # double marks (the usual speech marks) or single ones
    close_width: int = 1  # characters of the closing mark (2 for '')

    def shifted(self, by: int) -> QuoteSpan:
        """The same quote with every offset moved by ``by``."""
        close_at = None if self.close_at is None else self.close_at + by
        return QuoteSpan(self.start + by, self.end + by, self.open_at + by, close_at, self.double,
                         self.close_width)

    @property
    def outer_end(self) -> int:
        """Index just past the closing mark (or the quoted words when unclosed)."""
        return self.close_at + self.close_width if self.close_at is not None else self.end


def _side(text: str, at: int, width: int = 1) -> tuple[str, str]:
    before = text[at - 1] if at > 0 else " "
    after = text[at + width] if at + width < len(text) else " "
    return before, after


def _role(text: str, at: int, width: int = 1) -> str:
    """'open', 'close', 'either' or 'none' (apostrophe, inch mark) for the mark at ``at``."""
    mark = '"' if width == 2 else text[at]  # a two-character mark acts as a straight double one
    before, after = _side(text, at, width)
    space_before = before.isspace() or before in OPENING_CONTEXT or before in ALL_MARKS
    space_after = after.isspace() or after in ".,;:!?)]}—–" or after in ALL_MARKS
    if mark in DOUBLE_OPEN or mark in SINGLE_OPEN:
        # A misdirected opener at a word's end acts as a closer.
        return "close" if space_after and not space_before else "open"
    if mark in DOUBLE_CLOSE:
        return "open" if space_before and not space_after else "close"
    if mark == '"':
        if before.isdigit():
            return "none"  # 12" (inches)
        if space_before and not space_after:
            return "open"
        if space_after and not space_before:
            return "close"
        return "either"
    # Single marks: ’ and ' between letters are apostrophes (Russia’s, don't).
    if before.isalnum() and after.isalnum():
        return "none"
    if mark == "’" or mark == "'":
        if space_before and not space_after and mark == "'":
            return "open" if after.isalpha() else "none"  # not '90s
        if not space_before:
            return "close"
        return "none"
    return "none"


def pair_quotes(text: str) -> tuple[list[QuoteSpan], bool]:
    """Top-level quotes of one paragraph, and whether a double quote is left open."""
    stack: list[tuple[bool, int, str]] = []  # (double, index, glyph)
    spans: list[QuoteSpan] = []
    last = len(text) - 1
    for mark in _ANY_MARK.finditer(text):
        at, char = mark.start(), mark.group()
        width = len(char)
        if width == 1 and char in SINGLE_MARKS and 0 < at < last and text[at - 1].isalnum() \
                and text[at + 1].isalnum():
            continue  # an apostrophe ("Russia’s"), the commonest mark: no call to _role
        role = "open" if char == "``" else _role(text, at, width)
        if role == "none":
            continue
        double = width == 2 or char in DOUBLE_MARKS
        if width == 2:
            char = '"'  # paired like a straight double mark
        open_double = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0]), None)
        if double:
            if role == "either":
                role = "close" if open_double is not None and stack[open_double][2] == '"' else "open"
            if role == "close" and open_double is None and char == '"':
                role = "open"
            if role == "open":
                if open_double is not None and (char == '"') == (stack[open_double][2] == '"'):
                    # Same style while one is open: the earlier quote was never closed.
                    del stack[open_double:]
                stack.append((True, at, char))
                continue
            if open_double is None:
                continue  # a stray closing mark
            _, opened, _ = stack[open_double]
            del stack[open_double:]
            if not stack:
                spans.append(QuoteSpan(opened + _mark_width(text, opened), at, opened, at, True, width))
            continue
        # Single marks: nested inside a double quote, or top-level 'scare quotes'.
        if role == "open":
            stack.append((False, at, char))
        elif stack and not stack[-1][0]:
            _, opened, _ = stack.pop()
            if not stack and at - opened > 2:
                spans.append(QuoteSpan(opened + 1, at, opened, at, False))
    left_open = False
    top = stack[0] if stack else None
    if top is not None and top[0]:
        # Unclosed: the quote runs to the paragraph's end, never further.
        opened = top[1]
        end = len(text.rstrip())
        if end > opened + _mark_width(text, opened):
            spans.append(QuoteSpan(opened + _mark_width(text, opened), end, opened, None, True))
        left_open = True
    spans.sort(key=lambda s: s.start)
    return [_trim(text, s) for s in spans if s.end > s.start], left_open


def _mark_width(text: str, at: int) -> int:
    """Characters of the mark at ``at``: 2 for '' and ``, else 1."""
    return 2 if text.startswith(TWO_CHARACTER_MARKS, at) else 1


def _trim(text: str, span: QuoteSpan) -> QuoteSpan:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, span.open_at, span.close_at, span.double, span.close_width)


def inside_quote(at: int, quotes: list[QuoteSpan]) -> bool:
    """Does character ``at`` fall inside one of ``quotes``, marks included?"""
    return any(q.open_at <= at < q.outer_end for q in quotes)


def starts_with_opening_mark(text: str) -> bool:
    """Does a paragraph open with a double quotation mark (a continued quote)?"""
    stripped = text.lstrip()
    return bool(stripped) and (stripped[0] in DOUBLE_OPEN + '"' or stripped.startswith(TWO_CHARACTER_MARKS))
