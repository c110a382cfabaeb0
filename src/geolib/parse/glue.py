"""Repairing words that scraping glued together ("Jinpingarrived" -> "Jinping arrived").

A split is made only when a dictionary proves it: the glued token is not a known word,
both halves are (the tail a common one), the head also stands alone elsewhere in the
article, the glued token occurs only once, and exactly one split fits. Anything less
certain is left as written: a wrong split makes every later offset point at the wrong
characters, a missed one costs only a word.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from geolib.model import Paragraph, TextBuilder

# A capitalised word of four or more letters: ``\b[A-Z][a-z]{3,}\b``, with the capital first
# so that the regex engine can skip ahead to capitals.
_TOKEN = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")
_MIN_HEAD = 3
_MIN_TAIL = 3
# A tail must be a common word (Zipf scale: 4.5 is about 30 times per million words): glue
# joins a name to the running text after it ("arrived", "said"); a rarer tail is as likely
# a suffix that the list knows as a word ("Reagan-esque", "Carson-ian", "Rafael-ito").
MIN_TAIL_ZIPF = 4.5


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Known English words, and the common ones among them (at least ``MIN_TAIL_ZIPF``),
    from the ``wordfreq`` package's large list: about 320,000 words, names and compounds
    included, from many sources, shipped with the package (nothing is downloaded). A
    maintained list this broad is what proves that "Congressman" or "Citigroup" is a word,
    which a spelling list cannot."""
    buckets = _frequency_buckets()
    known = frozenset(word for bucket in buckets for word in bucket)
    # Bucket i holds the words of frequency 10 ** (-i / 100): Zipf 9 - i / 100.
    last_common = int(round((9 - MIN_TAIL_ZIPF) * 100))
    common = frozenset(word for bucket in buckets[: last_common + 1] for word in bucket)
    return known, common


def _frequency_buckets() -> list[list[str]]:
    """wordfreq's English list as its buckets of words by frequency. Read straight from the
    package's data file in its documented "cBpack" format (``wordfreq.read_cBpack``): importing
    ``wordfreq`` itself costs about a second per process, the file a quarter of that."""
    import gzip
    import importlib.util

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "large_en.msgpack.gz"
        if path.is_file():
            data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
            if data and data[0] == {"format": "cB", "version": 1}:
                return data[1:]
    from wordfreq import get_frequency_dict  # the file moved: the public interface, slower

    buckets: list[list[str]] = []
    for word, frequency in get_frequency_dict("en", "large").items():
        index = max(0, int(round(-100 * math.log10(frequency))))
        buckets.extend([] for _ in range(index + 1 - len(buckets)))
        buckets[index].append(word)
    return buckets


def is_word(word: str) -> bool:
    """Whether ``word`` (any case) is a known English word or name."""
    return word.lower() in _word_lists()[0]


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a known word at least ``MIN_TAIL_ZIPF`` on the Zipf scale."""
    return word.lower() in _word_lists()[1]


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
        """Where ``token``, not itself a known word, splits into a known word that also
        stands alone in the article and a common word, when exactly one such split exists
        and the token itself occurs only once. Judged once per distinct token."""
        if token not in self._split_points:
            self._split_points[token] = self._judge(token)
        return self._split_points[token]

    def _judge(self, token: str) -> int | None:
        if is_word(token):
            return None
        # The dictionary tests first: they rule out most tokens without counting anything.
        splits = [
            k for k in range(_MIN_HEAD, len(token) - _MIN_TAIL + 1)
            if is_common_word(token[k:]) and is_word(token[:k])
        ]
        if not splits or self.count(token, enough=2) > 1:
            return None
        fits = [k for k in splits if self.count(token[:k], enough=1)]
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


def glue_splits(paragraph: Paragraph, article_words: ArticleWords, after: str = "") -> list[int]:
    """Clean-text indices in ``paragraph`` where a missing space belongs: not in a token
    followed by a capitalised word, which sits inside a name ("Sen. Markwayne Mullin"),
    even when that word begins the next paragraph (``after``)."""
    glued = _glued_tokens(paragraph.text, article_words)
    if not glued:  # the usual case: no need to find where tokens are
        return []
    text = f"{paragraph.text} {after[:1]}"
    return [
        match.start() + glued[match.group()]
        for match in _TOKEN.finditer(paragraph.text)
        if match.group() in glued and not _NAME_AFTER.match(text, match.end())
    ]


_NAME_AFTER = re.compile(r" [A-Z]")


def _glued_tokens(text: str, article_words: ArticleWords) -> dict[str, int]:
    """The glued tokens in ``text``, each with where it splits."""
    glued = {}
    for token in set(_TOKEN.findall(text)):
        if (at := article_words.split_point(token)) is not None:
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
    for index, paragraph in enumerate(paragraphs):
        after = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        splits = glue_splits(paragraph, article_words, after) if paragraph.kind in ("body", "caption") else []
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
