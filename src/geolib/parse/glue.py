"""Repairing words that scraping glued together ("Jinpingarrived" -> "Jinping arrived").

A split is made only when it is certain: the head is a capitalised name that stands
alone elsewhere in the article, the tail is a dictionary word, the glued token is
neither a word nor seen elsewhere, and exactly one split fits.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import textblob

from geolib.model import Paragraph, TextBuilder

_TOKEN = re.compile(r"\b[A-Z][a-z]+[a-z]{2,}\b")
_MIN_HEAD = 3
_MIN_TAIL = 3


@cache
def dictionary() -> frozenset[str]:
    """English words from TextBlob's shipped spelling list (offline, no download)."""
    path = Path(textblob.__file__).parent / "en" / "en-spelling.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(";"):
            words.add(line.split()[0].lower())
    return frozenset(words)


def glue_splits(paragraph: Paragraph, article_words: Counter[str]) -> list[int]:
    """Clean-text indices in ``paragraph`` where a missing space belongs."""
    words = dictionary()
    splits = []
    for match in _TOKEN.finditer(paragraph.text):
        token = match.group()
        if token.lower() in words or article_words[token] > 1:
            continue
        fits = [
            k for k in range(_MIN_HEAD, len(token) - _MIN_TAIL + 1)
            if article_words[token[:k]] >= 1 and token[k:] in words
        ]
        if len(fits) == 1:
            splits.append(match.start() + fits[0])
    return splits


def repair_glued_words(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[str]]:
    """Paragraphs with certain glued words split, and a note for each repair."""
    article_words = Counter(
        w for p in paragraphs for w in re.findall(r"\b[\w'’-]+\b", p.text)
    )
    repaired, notes = [], []
    for paragraph in paragraphs:
        splits = glue_splits(paragraph, article_words) if paragraph.kind in ("body", "caption") else []
        if not splits:
            repaired.append(paragraph)
            continue
        notes.extend(
            f"split a glued word at raw offset {paragraph.to_raw(at)}: "
            f"{_word_at(paragraph.text, at)!r}"
            for at in splits
        )
        repaired.append(_insert_spaces(paragraph, set(splits)))
    return repaired, notes


def _word_at(text: str, at: int) -> str:
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    return text[start : end if end >= 0 else len(text)]


def _insert_spaces(paragraph: Paragraph, positions: set[int]) -> Paragraph:
    copied = dict(paragraph.copied_characters())
    builder = TextBuilder()
    for index, char in enumerate(paragraph.text):
        if index in positions:
            builder.insert(" ")
        if index in copied:
            builder.add(char, copied[index])
        else:
            builder.insert(char)
    rebuilt = builder.build(paragraph.kind)
    assert rebuilt is not None
    return rebuilt
