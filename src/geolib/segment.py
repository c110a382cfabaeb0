"""Segmentation, the stage every extractor reads: each paragraph's quotations and sentences.

An article is cut once: quotation marks are paired (``geolib.text.marks``) and sentences
split around them (``geolib.text.sentences``), paragraph by paragraph, the first time a
paragraph is asked for. Quotes, figures, stances and frames all read these cuts, so they
agree on where a sentence ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from geolib.model import Article, Paragraph
from geolib.text.marks import QuoteSpan, pair_quotes
from geolib.text.sentences import sentence_at, sentence_starts, spans_from_starts

# Characters: a longer "sentence" (text without full stops) is read in windows this long, so
# work per sentence stays bounded; real sentences are far shorter (the dev corpus's longest: 1,714).
MAX_WINDOW = 4000
_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s")


@dataclass(frozen=True)
class Segment:
    """One paragraph cut into quotations and sentences; offsets are into ``paragraph.text``."""

    index: int  # the paragraph's place in ``Article.paragraphs``
    paragraph: Paragraph
    quotes: tuple[QuoteSpan, ...]
    left_open: bool  # a double quotation mark is still open at the paragraph's end
    starts: tuple[int, ...]  # where each sentence starts

    @property
    def text(self) -> str:
        return self.paragraph.text

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence, trailing whitespace excluded."""
        return spans_from_starts(self.text, list(self.starts))

    @cached_property
    def windows(self) -> list[tuple[int, int]]:
        """The sentences, any longer than ``MAX_WINDOW`` cut into pieces no longer (each
        ends after the last clause mark, else space, in its second half)."""
        return [piece for span in self.sentences for piece in bounded(self.text, *span)]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding character ``offset`` (whitespace after a sentence belongs to
        the next); the whole paragraph when none does."""
        return sentence_at(self.text, offset, self.sentences)


def bounded(text: str, start: int, end: int, limit: int = MAX_WINDOW) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``limit`` characters, cut after a clause mark
    (",", ";" or ":" before a space), else at a space, in each piece's second half."""
    pieces = []
    while end - start > limit:
        cut = start + limit
        marks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start + limit // 2, cut)]
        if marks:
            cut = next((m for m in reversed(marks) if not text[m - 1].isspace()), marks[-1])
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


def segment_paragraph(index: int, paragraph: Paragraph) -> Segment:
    quotes, left_open = pair_quotes(paragraph.text)
    return Segment(index, paragraph, tuple(quotes), left_open,
                   tuple(sentence_starts(paragraph.text, quotes)))


@dataclass
class Segmentation:
    """An article's paragraphs, each segmented the first time it is read."""

    article: Article
    _segments: dict[int, Segment] = field(default_factory=dict, repr=False)

    def __getitem__(self, index: int) -> Segment:
        found = self._segments.get(index)
        if found is None:
            found = self._segments[index] = segment_paragraph(index, self.article.paragraphs[index])
        return found

    def of_kinds(self, kinds: tuple[str, ...]) -> list[Segment]:
        """The segments of every paragraph of the given kinds, in reading order."""
        return [self[i] for i, p in enumerate(self.article.paragraphs) if p.kind in kinds]


def segment(article: Article) -> Segmentation:
    """The article's segmentation (paragraphs are cut when first read)."""
    return Segmentation(article)
