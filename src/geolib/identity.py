"""One id per speaker across a corpus: "Obama" = "Barack Obama" = "President Obama".

Within an article the quote reader already names a speaker once (a surname after a full
name is the full name). Across articles, ``canonical_speakers`` joins the forms one person
or body is written in:

- a person's one-word name joins the only full name of the corpus that ends in it
  ("Obama" -> "Barack Obama"; with two such full names it stays apart);
- full names with the same first and last words join ("Barack H. Obama" -> "Barack Obama"),
  a generational suffix left out ("Joseph R. Biden Jr.") and a short given name read as the
  name it shortens ("Joe Biden" = "Joseph R. Biden": ``data/nicknames.csv``);
- a body's names join when they hold the same words in any order ("China's Ministry of
  Commerce" = "China's commerce ministry").

Each group is named by its most quoted full form (a full name over a surname; the longer on a
tie), and its id is that name's
slug (``geolib.extract.quotes.speaker_slug``). A rule, not a model: it explains itself,
and an analyst can see and undo a join in the ``aliases`` column of ``Corpus.speakers``.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from geolib.extract.quotes import speaker_slug
from geolib.extract.speakers import body_words, name_key
from geolib.paths import PACKAGE_DATA
from geolib.search import fold

ORGANISATION_KINDS = frozenset({"org", "group"})


def canonical_speakers(speakers: Iterable[tuple[str, str | None, int]]) -> dict[str, str]:
    """Every speaker name -> the name its group goes by, from ``(name, kind, n_quotes)``
    triples (one per article a name speaks in)."""
    quotes: Counter[str] = Counter()
    kinds: dict[str, str | None] = {}
    for name, kind, n in speakers:
        quotes[name] += n
        kinds.setdefault(name, kind if isinstance(kind, str) else None)  # a table read back: NA
    groups: dict[tuple, set[str]] = defaultdict(set)
    people = [n for n in quotes if kinds[n] == "person"]
    full = [n for n in people if len(n.split()) >= 2]
    for name in full:
        words = fold(name_key(name)).split()
        groups[("person", _given_name(words[0]), words[-1])].add(name)
    surnames: dict[str, set[tuple]] = defaultdict(set)
    for key in list(groups):
        surnames[key[2]].add(key)
    for name in people:
        if len(name.split()) == 1:
            owners = surnames.get(fold(name), set())
            key = next(iter(owners)) if len(owners) == 1 else ("person", "", fold(name))
            groups[key].add(name)
    for name, kind in kinds.items():
        words = body_words(name) if kind in ORGANISATION_KINDS else frozenset()
        if len(words) >= 2:
            groups[("body", *sorted(words))].add(name)
        elif kind != "person":
            groups[("name", name)].add(name)
    canonical = {}
    for members in groups.values():  # named by a full name over a surname, then the most quoted form
        head = max(members, key=lambda n: (len(n.split()) > 1, quotes[n], len(n), n))
        canonical.update(dict.fromkeys(members, head))
    return canonical


def speaker_ids(speakers: Iterable[tuple[str, str | None, int]]) -> dict[str, tuple[str, str]]:
    """Every speaker name -> ``(speaker_id, canonical name)`` across the corpus."""
    return {name: (speaker_slug(head), head) for name, head in canonical_speakers(speakers).items()}


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, str]:
    with (PACKAGE_DATA / "nicknames.csv").open(encoding="utf-8", newline="") as handle:
        return {fold(row["nickname"]): fold(row["name"]) for row in csv.DictReader(handle)}


def _given_name(word: str) -> str:
    """The given name a short form stands for ("joe" -> "joseph"), folded; else the word."""
    return _nicknames().get(word, word)
