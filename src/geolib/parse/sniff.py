"""Telling an article's format from its content, never from its file name."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|span|article|section|h[1-6]|a|body|head|br|img|figure)\b[^>]*>",
                       re.IGNORECASE)
_MARKDOWN = (
    re.compile(r"^#{1,6}\s+\S", re.MULTILINE),        # headings
    re.compile(r"\*\*[^*\n]+\*\*"),                   # bold
    re.compile(r"\[[^\]\n]+\]\([^)\n]*\)"),          # links
    re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.MULTILINE),  # rules
    re.compile(r"\\[$*_\[\]#]"),                      # escapes
)


def sniff_format(text: str) -> str:
    """``"html"``, ``"markdown"`` or ``"plain"``."""
    head = text[:5000]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 5:
        return "html"
    signals = sum(1 for pattern in _MARKDOWN if pattern.search(text))
    return "markdown" if signals >= 2 else "plain"
