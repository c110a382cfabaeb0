"""Actor data: the powers geolib tracks and the names that reach them.

An *actor* is one of the powers ("US", "China", "Russia", "EU", "Ukraine",
"Taiwan"); an *alias* is a name that refers to it: the country, its capital,
government, leaders and officials, adjective and demonym. The aliases ship in
``data/actors.csv`` (columns ``actor,alias,kind``); users add their own CSV of the
same shape.

Matching is case-sensitive (these are proper names), on word boundaries, longest
alias first. A possessive (``Beijing's``, ``Kremlin’s``) matches through its
name; the mention's span covers the name only.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.paths import PACKAGE_DATA

ACTORS_CSV = PACKAGE_DATA / "actors.csv"

# spaCy entity label for each alias kind; unknown kinds fall back to ORG.
LABEL_BY_KIND = {
    "country": "GPE",
    "capital": "GPE",
    "region": "GPE",
    "adjective": "NORP",
    "demonym": "NORP",
    "leader": "PERSON",
    "official": "PERSON",
    "government": "ORG",
    "bloc": "ORG",
}


@dataclass(frozen=True)
class Actor:
    """One alias of one actor, e.g. ``Actor("China", "Beijing", "capital")``."""

    actor: str
    alias: str
    kind: str


@dataclass(frozen=True)
class ActorMention:
    """Where an alias occurs in a text: ``text[start:end] == alias``."""

    start: int
    end: int
    actor: str
    alias: str
    kind: str = ""


def read_actors_csv(path: Path) -> list[Actor]:
    """The actors listed in one CSV file with columns ``actor,alias,kind``."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Actor(row["actor"].strip(), row["alias"].strip(), (row.get("kind") or "").strip())
            for row in csv.DictReader(handle)
            if row.get("actor") and row.get("alias")
        ]


def load_actors(extra: Path | None = None) -> list[Actor]:
    """The package's actors, followed by those of the user's CSV ``extra`` if given."""
    actors = list(_package_actors())
    if extra is not None:
        actors.extend(read_actors_csv(Path(extra)))
    return actors


@lru_cache(maxsize=1)
def _package_actors() -> tuple[Actor, ...]:
    return tuple(read_actors_csv(ACTORS_CSV))


def actor_ids(actors: Sequence[Actor] | None = None) -> list[str]:
    """The distinct actor ids, in data order."""
    return list(dict.fromkeys(a.actor for a in (actors or _package_actors())))


def _alias_pattern(alias: str) -> str:
    """Regex for one alias; a lowercase-initial alias ("von der Leyen") also matches
    capitalised at a sentence start."""
    escaped = re.escape(alias)
    if alias[:1].islower():
        escaped = f"[{alias[0]}{alias[0].upper()}]" + re.escape(alias[1:])
    return escaped


# Not part of a longer word, not a currency ("US$"), and an apostrophe only as a
# possessive ("Beijing's"), so "Xi'an" is not "Xi".
_BEFORE = r"(?<![\w$])"
_AFTER = r"(?![\w$]|['’](?!s\b))"


def _compile(actors: Sequence[Actor]) -> tuple[re.Pattern[str], dict[str, Actor]]:
    by_alias: dict[str, Actor] = {}
    for actor in actors:
        by_alias.setdefault(actor.alias, actor)
    # Longest alias first: the regex alternation takes the first that matches.
    ordered = sorted(by_alias, key=len, reverse=True)
    alternation = "|".join(_alias_pattern(a) for a in ordered)
    return re.compile(f"{_BEFORE}(?:{alternation}){_AFTER}"), by_alias


@lru_cache(maxsize=8)
def _compiled(actors: tuple[Actor, ...]) -> tuple[re.Pattern[str], dict[str, Actor]]:
    return _compile(actors)


@lru_cache(maxsize=1)
def _package_compiled() -> tuple[re.Pattern[str], dict[str, Actor]]:
    """The package's actors compiled, found without hashing every actor on each call (the
    cache key of ``_compiled``: most of the cost of a short text's lookup)."""
    return _compiled(_package_actors())


_RECENT: list[tuple[tuple[Actor, ...], tuple[re.Pattern[str], dict[str, Actor]]]] = []


def _compiled_for(actors: Sequence[Actor]) -> tuple[re.Pattern[str], dict[str, Actor]]:
    """``_compiled(actors)``; a tuple asked for again (the figures' parties, at every
    sentence with an amount) is found by identity, without hashing its actors again."""
    if not isinstance(actors, tuple):
        return _compiled(tuple(actors))
    for known, compiled in _RECENT:
        if known is actors:
            return compiled
    compiled = _compiled(actors)
    _RECENT.insert(0, (actors, compiled))
    del _RECENT[4:]
    return compiled


def _lookup(surface: str, by_alias: dict[str, Actor]) -> Actor:
    if surface in by_alias:
        return by_alias[surface]
    return by_alias[surface[0].lower() + surface[1:]]


def find_actor_mentions(
    text: str, actors: Sequence[Actor] | None = None
) -> list[ActorMention]:
    """Every actor mention in ``text``, left to right, longest alias at each place.

    ``actors`` defaults to the package's actor data (see ``load_actors``)."""
    pattern, by_alias = _package_compiled() if actors is None else _compiled_for(actors)
    mentions = []
    for match in pattern.finditer(text):
        actor = _lookup(match.group(0), by_alias)
        mentions.append(
            ActorMention(match.start(), match.end(), actor.actor, actor.alias, actor.kind)
        )
    return mentions


def actors_in(text: str, actors: Sequence[Actor] | None = None) -> list[str]:
    """The distinct actors ``text`` mentions, in order of first mention."""
    return list(dict.fromkeys(m.actor for m in find_actor_mentions(text, actors)))


def entity_ruler_patterns(actors: Sequence[Actor] | None = None) -> list[dict]:
    """spaCy EntityRuler phrase patterns: one per alias, label from its kind, id = actor."""
    return [
        {"label": LABEL_BY_KIND.get(a.kind, "ORG"), "pattern": a.alias, "id": a.actor}
        for a in (actors if actors is not None else _package_actors())
    ]
