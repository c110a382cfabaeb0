"""Repairing words that scraping glued together ("Jinpingarrived" -> "Jinping arrived").

A split is made only when it is certain: the head is a capitalised name that stands
alone elsewhere in the article, the tail is a dictionary word, the glued token is
neither a word nor seen elsewhere, and exactly one split fits.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import textblob

from geolib.model import Paragraph, TextBuilder

# A capitalised word of four or more letters: ``\b[A-Z][a-z]{3,}\b``, with the capital first
# so that the regex engine can skip ahead to capitals.
_TOKEN = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")
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


class ArticleWords:
    r"""How often a word stands alone in an article, as ``\b[\w'’-]+\b`` would find it:
    a run of word characters, apostrophes and hyphens, less the apostrophes and hyphens
    at its ends ("Trump's" is one word, "‘Trump’" is "Trump").

    Counted on demand for the few words asked about: tokenizing the whole article with
    that regex took longer than all the rest of the repair. Also judges, once per distinct
    token, where a token splits as a glued word.
    """

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.text = "\n".join(p.text for p in paragraphs)
        self._split_points: dict[str, int | None] = {}

    def split_point(self, token: str) -> int | None:
        """Where ``token``, not itself a dictionary word, splits into a word that stands
        alone in the article and a dictionary word, when exactly one such split exists and
        the token itself occurs only once. Judged once per distinct token."""
        if token not in self._split_points:
            self._split_points[token] = self._judge(token)
        return self._split_points[token]

    def _judge(self, token: str) -> int | None:
        words = dictionary()
        # The dictionary test first: it rules out most tokens without counting anything.
        tails = [k for k in range(_MIN_HEAD, len(token) - _MIN_TAIL + 1) if token[k:] in words]
        if not tails or self.count(token, enough=2) > 1:
            return None
        fits = [k for k in tails if self.count(token[:k], enough=1)]
        return fits[0] if len(fits) == 1 else None

    def count(self, word: str, enough: int) -> int:
        """Standalone occurrences of ``word`` (letters only), counting no further than ``enough``."""
        found = 0
        at = self.text.find(word)
        while at >= 0 and found < enough:
            if self._stands_alone(at, at + len(word)):
                found += 1
            at = self.text.find(word, at + 1)
        return found

    def _stands_alone(self, start: int, end: int) -> bool:
        text = self.text
        before = start - 1
        while before >= 0 and text[before] in _WORD_EDGES:
            before -= 1
        after = end
        while after < len(text) and text[after] in _WORD_EDGES:
            after += 1
        return not (before >= 0 and _is_word_char(text[before])) and not (
            after < len(text) and _is_word_char(text[after])
        )


_WORD_EDGES = "'’-"  # inside a word, but not a word character (``\w``)


def _is_word_char(char: str) -> bool:
    r"""What ``\w`` matches in a ``str`` pattern."""
    return char.isalnum() or char == "_"


def glue_splits(paragraph: Paragraph, article_words: ArticleWords) -> list[int]:
    """Clean-text indices in ``paragraph`` where a missing space belongs."""
    glued = _glued_tokens(paragraph.text, article_words)
    if not glued:  # the usual case: no need to find where tokens are
        return []
    return [
        match.start() + glued[match.group()]
        for match in _TOKEN.finditer(paragraph.text)
        if match.group() in glued
    ]


def _glued_tokens(text: str, article_words: ArticleWords) -> dict[str, int]:
    """The glued tokens in ``text``, each with where it splits."""
    words = dictionary()
    glued = {}
    for token in set(_TOKEN.findall(text)):
        if token.lower() not in words and (at := article_words.split_point(token)) is not None:
            glued[token] = at
    return glued


def repair_glued_words(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[str]]:
    """Paragraphs with certain glued words split, and a note for each repair."""
    article_words = ArticleWords(paragraphs)
    prose = [p for p in paragraphs if p.kind in ("body", "caption")]
    # Most articles have no glued word: one pass over all the prose shows it.
    if not _glued_tokens("\n".join(p.text for p in prose), article_words):
        return list(paragraphs), []
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
