"""Which parts of an article the attribution rules need as tokens.

Tokenizing is the largest fixed cost of quote extraction, and most words need no
tokens: the inside of a quotation is taken as characters, and a sentence with
neither a quotation mark nor a reporting cue holds no attribution. ``prepare``
finds both with regular expressions over each paragraph (the cue expression is built
from the same word lists as the spaCy matchers, so it never misses a cue they
would find) and ``PreparedText.masked`` blanks out the rest with a filler of the same length,
so every token keeps its character offset in the real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geolib.extract.attribution import load_attribution_lexicon
from geolib.nlp import FILLER  # one token that is no word, name or punctuation the rules look for
from geolib.segment import Segment
from geolib.text.expressions import trie_expression
from geolib.text.marks import QuoteSpan

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class PreparedParagraph:
    """One paragraph's quotes and sentences, found before tokenizing. Offsets are into
    the joined text of ``PreparedText``."""

    start: int
    end: int
    quotes: list[QuoteSpan]
    left_open: bool  # a double quote is still open at the paragraph's end
    starts: list[int]  # offset of every sentence start
    needed: list[bool]  # per sentence: does it hold a quotation or a reporting cue?

    @property
    def ends(self) -> list[int]:
        """Offset just past every sentence (the next start, or the paragraph's end)."""
        return [*self.starts[1:], self.end]


@dataclass(frozen=True)
class PreparedText:
    """An article's paragraphs joined by blank lines (one doc: spaCy's cost per doc is
    far above its cost per token), with what was found in each."""

    text: str
    paragraphs: list[PreparedParagraph]

    @property
    def quotes(self) -> list[QuoteSpan]:
        return [q for p in self.paragraphs for q in p.quotes]

    @property
    def starts(self) -> list[int]:
        return [s for p in self.paragraphs for s in p.starts]

    def masked(self) -> str:
        """The text with quotation contents and unneeded sentences replaced by filler."""
        blanks = [(q.start, q.end) for q in self.quotes]
        for paragraph in self.paragraphs:
            for start, end, needed in zip(paragraph.starts, paragraph.ends, paragraph.needed, strict=True):
                if not needed:
                    blanks.append((start, start + len(self.text[start:end].rstrip())))
        pieces, at = [], 0
        for start, end in sorted(blanks):
            if start < at or end <= start:
                continue
            pieces.append(self.text[at:start])
            pieces.append(FILLER * (end - start))
            at = end
        pieces.append(self.text[at:])
        return "".join(pieces)


@lru_cache(maxsize=2)
def cue_pattern(ignore_case: bool = True) -> re.Pattern[str]:
    """Every reporting verb form and cue phrase, as one expression: case-insensitive, or
    in lower case only (to run over lower-cased text, which is much faster)."""
    lex = load_attribution_lexicon()
    forms = {form for info in lex.verbs.values() for form in info["forms"]} | set(lex.phrases)
    expression = rf"(?<!\w){trie_expression(sorted(f.lower() for f in forms))}(?!\w)"
    return re.compile(expression, re.IGNORECASE if ignore_case else 0)


def prepare(segments: list[Segment]) -> PreparedText:
    """Join the segmented paragraphs and mark the sentences that need tokens."""
    paragraphs, at = [], 0
    for seg in segments:
        paragraphs.append(_prepare_paragraph(seg, at))
        at += len(seg.text) + len(PARAGRAPH_BREAK)
    return PreparedText(PARAGRAPH_BREAK.join(seg.text for seg in segments), paragraphs)


def _prepare_paragraph(seg: Segment, base: int) -> PreparedParagraph:
    text, quotes, starts = seg.text, seg.quotes, list(seg.starts)
    ends = [*starts[1:], len(text)]
    needed = [False] * len(starts)
    sentence = 0
    for quote in quotes:
        while ends[sentence] <= quote.open_at:
            sentence += 1
        needed[sentence] = True
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lower-cased: offsets would not carry over
        lowered, pattern = text, cue_pattern()
    else:
        pattern = cue_pattern(ignore_case=False)  # much faster than ignoring case
    for n, start in enumerate(starts):  # a sentence holding a quote is needed anyway
        needed[n] = needed[n] or pattern.search(lowered, start, ends[n]) is not None
    return PreparedParagraph(base, base + len(text), [q.shifted(base) for q in quotes], seg.left_open,
                             [base + s for s in starts], needed)
