"""Fuzzing geolib's reader and extractors: seed texts, mutations and the checks every
input must pass. Shared by ``tests/test_fuzz.py`` (hypothesis, about a minute) and
``benchmarks/bench_fuzz.py`` (a longer run that also catches hangs).

An input passes when reading it either succeeds or raises ``ArticleError``, every
paragraph's offsets are exact, every quote, figure and frame record points at raw text
that holds its words, and no other exception escapes any stage.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geolib.errors import ArticleError
from geolib.model import offsets_are_exact

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"

# Made-up paragraphs in the shapes news comes in (written for the fuzzer, not copied).
MADE_UP = [
    "China and Russia pledge closer energy ties",
    "By Jane Doe in Moscow and John Roe in Beijing",
    "BEIJING, March 4 (Reuters) - China's exports to Russia rose 12.5% in the first two months "
    "of the year to $40.5 billion, customs data showed on Thursday.",
    "“We will never accept a unipolar world,” Foreign Minister Wang Yi told reporters in Beijing, "
    "adding that the talks had been “frank and constructive”.",
    "The ambassador described the meeting as “a turning point” but gave no details.",
    "Analysts at the Carnegie Endowment said the partnership had limits that neither side would "
    "admit, and that trade could fall this year.",
    "Vladimir Putin: Thank you very much. We have discussed a wide range of issues, including "
    "energy, finance and security.",
    "Question: Mr President, will you meet Mr Trump before the summer?",
    "**Kremlin spokesman Dmitry Peskov** said [in a statement](https://example.org/peskov) that "
    "Moscow was “ready for dialogue”.",
    "## What comes next",
    "Trade between the two countries reached ¥1.7tn (about $240bn) in 2024, up from $190bn in "
    "2022, according to the General Administration of Customs.",
    "The EU's imports of Russian gas fell by two-thirds to €15bn, while US exports of LNG to "
    "Europe rose 8 per cent.",
    "Some commentators call it a “reverse Nixon”: Washington courting Moscow to split it from "
    "Beijing, as Kissinger once courted Beijing.",
    "Xi Jinping and Vladimir Putin at the Kremlin on Thursday. Photo: Reuters",
    "It is possible, perhaps even likely, that sanctions will be eased, one senior official "
    "suggested, speaking on condition of anonymity.",
    "He said: “The minister told me ‘this is not negotiable’, and I believed him.”",
    "Present were Sergei Lavrov, Yuri Ushakov, Marco Rubio, Mike Waltz, Steve Witkoff and Wang Yi.",
    "\"We don't want a new cold war,\" said Li Wei, a professor at Fudan University. \"But we "
    "will not be bullied.\"",
    "© 2025 The Daily Globe. All rights reserved.",
]

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "``", "''"]
UNICODE_BITS = [
    "\u00a0", "\u200b", "\u200d", "\u2028", "\u2029", "\u202e", "\ufeff", "\u0301", "e\u0301",
    "\u00ad", "\t", "\r", "\r\n", "\x0b", "\x0c", "\x85", "—", "–", "…", "😀", "🇨🇳", "中国",
    "Россия", "مرحبا", "\ufffd", "\U0001f9d1\u200d\U0001f4bc", "İ", "ß", "ﬁ", "½", "²",
]
MARKUP = ["**", "*", "_", "[", "](", ")", "](#)", "# ", "## ", "> ", "- ", "<p>", "</p>", "<br>",
          "&amp;", "By ", "Photo: ", "Reuters", "(AP) — ", "said", " said ", ":", "$", "%", "bn",
          "¥", "€", "2024", "Mr ", "President ", "\n", "\n\n", "Q:", "A:", "—said Wang."]
KINDS = ("quotes", "unicode", "markup", "bytes", "delete", "duplicate", "repeat", "one_line",
         "no_punctuation", "upper", "long_word")
MAX_LENGTH = 60_000  # characters: long lines and repeats, yet a quick check when time is linear


def seed_texts() -> list[str]:
    """Whole seed articles, runs of their paragraphs, and made-up articles."""
    seeds = []
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        seeds.append(text)
        blocks = [b for b in text.split("\n\n") if b.strip()]
        seeds += ["\n\n".join(blocks[i : i + 6]) for i in range(0, len(blocks), 6)]
    seeds += ["\n\n".join(MADE_UP[i : i + 7]) for i in range(0, len(MADE_UP), 4)]
    seeds.append("\n\n".join(MADE_UP))
    return [seed for seed in seeds if len(seed) >= 300]  # a few lines of chrome hold no article


@dataclass(frozen=True)
class Mutation:
    """One change to a text: ``kind`` (see KINDS) at relative position ``at`` (0 to 1),
    ``size`` a count or length, ``pick`` chooses a payload from the kind's list."""

    kind: str
    at: float
    size: int
    pick: int
    payload: bytes = b""


def mutate(text: str, mutations: Sequence[Mutation], max_length: int = MAX_LENGTH) -> bytes:
    """``text`` with the mutations applied, at most ``max_length`` characters, as the bytes
    of a file."""
    inserted_bytes: list[Mutation] = []
    for m in mutations:
        position = int(m.at * len(text))
        before, after = text[:position], text[position:]
        if m.kind == "quotes":
            text = before + QUOTE_MARKS[m.pick % len(QUOTE_MARKS)] * (1 + m.size % 6) + after
        elif m.kind == "unicode":
            text = before + UNICODE_BITS[m.pick % len(UNICODE_BITS)] * (1 + m.size % 4) + after
        elif m.kind == "markup":
            text = before + MARKUP[m.pick % len(MARKUP)] + after
        elif m.kind == "delete":
            text = text[:position] + text[position + m.size :]
        elif m.kind == "duplicate":
            text = text[: position + m.size] + text[position : position + m.size] + text[position:]
        elif m.kind == "repeat":  # a long line: one sentence many times over
            piece = text[position : position + 20 + m.size % 200]
            text = text[:position] + piece * (2 + m.size % 300) + text[position:]
        elif m.kind == "one_line":
            text = text.replace("\n", " ")
        elif m.kind == "no_punctuation":
            text = text.translate({ord(c): None for c in ".,;:!?\"“”‘’'()—–-"})
        elif m.kind == "upper":
            end = position + m.size * 10
            text = before + text[position:end].upper() + text[end:]
        elif m.kind == "long_word":
            text = before + "Ab" * (50 + m.size * 20) + after
        elif m.kind == "bytes":
            inserted_bytes.append(m)
        text = text[:max_length]
    data = text.encode("utf-8")
    for m in inserted_bytes:
        position = int(m.at * len(data))
        data = data[:position] + m.payload + data[position:]
    return data


@dataclass
class Outcome:
    """What one input did: refused (ArticleError), or read and extracted; and the
    seconds each stage took."""

    refused: str | None = None
    paragraphs: int = 0
    quotes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


class Violation(AssertionError):
    """An input broke a promise: inexact offsets or a record pointing at the wrong text."""


def check_file(path: Path) -> Outcome:
    """Read ``path`` and run every extractor on it, checking offsets; an exception other
    than ArticleError propagates (a crash), a broken promise raises Violation."""
    from geolib.parse import read_article
    from geolib.pipeline import TABLES, analyse
    from geolib.reading import decoded_text

    outcome = Outcome()
    clock = time.process_time()
    try:
        article = read_article(path)
    except ArticleError as error:
        outcome.refused = error.problem
        return outcome
    outcome.seconds["read"] = time.process_time() - clock
    base = article.offsets_base
    if base in ("raw", "html"):
        raw = decoded_text(path)
    else:  # offsets index the cached extraction named by offsets_base
        raw = Path(base).read_text(encoding="utf-8") if Path(base).is_file() else None
    outcome.paragraphs = len(article.paragraphs)
    if raw is not None and base == "raw":
        for paragraph in article.paragraphs:
            if not offsets_are_exact(paragraph, raw):
                raise Violation(f"inexact offsets: {paragraph!r}")
    analysis = analyse(article, cache=False)
    records = []
    for name in TABLES:  # each stage once, in the pipeline's order
        clock = time.process_time()
        found = analysis.records(name)
        outcome.seconds[name] = time.process_time() - clock
        if name == "quotes":
            outcome.quotes = len(found)
        if name in ("quotes", "figures", "frames"):
            records += [(name, r["start"], r["end"], r["text"]) for r in found]
    if raw is not None:
        for kind, start, end, text in records:
            if not points_at(raw, start, end, text):
                raise Violation(f"{kind} record {text!r} at {start}-{end} points at {raw[start:end]!r}")
    return outcome


def points_at(raw: str, start: int, end: int, text: str) -> bool:
    """Whether ``raw[start:end]`` holds ``text``: same first and last character, and every
    other non-space character of ``text`` in order (markup and line breaks may lie between)."""
    if not (0 <= start <= end <= len(raw)):
        return False
    span = raw[start:end]
    if not text:
        return not span.strip()
    if span[:1] != text[:1] or span[-1:] != text[-1:]:
        return False
    chars = iter(span)
    return all(any(c == r for r in chars) for c in text if not c.isspace())
