"""Telling an article's format from its content, never from its file name."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|span|article|section|h[1-6]|a|body|head|br|img|figure)\b[^>]*>",
                       re.IGNORECASE)
# Each Markdown signal with strings it cannot match without: a quick ``in`` test spares
# most plain texts the regex searches.
_MARKDOWN = (
    (("#",), re.compile(r"^#{1,6}\s+\S", re.MULTILINE)),  # headings
    (("**",), re.compile(r"\*\*[^*\n]+\*\*")),  # bold
    (("](",), re.compile(r"\[[^\]\n]+\]\([^)\n]*\)")),  # links
    (("---", "***", "___"), re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.MULTILINE)),  # rules
    (("\\",), re.compile(r"\\[$*_\[\]#]")),  # escapes
)


def sniff_format(text: str) -> str:
    """``"html"``, ``"markdown"`` or ``"plain"``."""
    head = text[:5000]
    if _HTML_START.match(head) or ("<" in head and len(_HTML_TAG.findall(head)) >= 5):
        return "html"
    signals = sum(
        1 for needles, pattern in _MARKDOWN
        if any(_contains(text, needle) for needle in needles) and pattern.search(text)
    )
    return "markdown" if signals >= 2 else "plain"


def _contains(text: str, needle: str) -> bool:
    """``needle in text``, its first character tested first: that search is far quicker."""
    return needle[0] in text and needle in text
