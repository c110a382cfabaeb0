"""Month names: the one list every date pattern reads.

Datelines (``parse.cues``), figure periods (``extract.figures``), counts that are really
dates (``extract.amounts``) and the sentence splitter's abbreviations (``text.sentences``)
all build their patterns from the names here, so they agree on what a month is. Written
out rather than taken from ``calendar.month_name``, which follows the process's locale.
"""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                       "Nov", "Dec")
"""Abbreviations written with a full stop ("Sept. 5"); May has none."""

MONTH_STEM = "(?:" + "|".join(m[:3] for m in MONTHS) + ")"
"""A month's first three letters ("Mar"), as a regex; add the IGNORECASE flag for "MAR"."""

MONTH_WORD = MONTH_STEM + r"[a-z]*\.?"
"""A loose month word ("Mar", "March", "Sept."): any word opening with a month's stem, for
places where the shape around it (a day, a year) confirms the date."""

MONTH_NAME = ("(?:" + "|".join([*MONTHS, *(m.upper() for m in MONTHS)])
              + "|" + "|".join(rf"{m}\." for m in MONTH_ABBREVIATIONS) + ")")
"""A month as running text writes it, case-sensitive: "March", "MARCH" or "Sept."."""


_SPELLINGS = frozenset(m.lower() for m in (*MONTHS, *MONTH_ABBREVIATIONS))


def is_month(word: str) -> bool:
    """A month's name or abbreviation, in any case ("March", "mar.", "SEPT"); not a word that
    merely starts like one ("marines", "separatists")."""
    return word.rstrip(".").lower() in _SPELLINGS


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("March", "MARCH", "Sept." -> 3, 3, 9)."""
    stem = name.rstrip(".").lower()[:3]
    return [m.lower()[:3] for m in MONTHS].index(stem) + 1
