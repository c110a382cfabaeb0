"""How a phrase is used in its sentence: negated, dismissed, reported, and by whom.

Shared by claims and frames; the word lists are ``data/stance_markers.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.actors import find_actor_mentions
from geolib.paths import PACKAGE_DATA
from geolib.stance.patterns import find_patterns, normalise
from geolib.text.sentences import sentence_at

MARKERS_TOML = PACKAGE_DATA / "stance_markers.toml"


@dataclass(frozen=True)
class Markers:
    negators: tuple[str, ...]
    negation_window: int
    dismissals: tuple[str, ...]
    reporting: tuple[str, ...]
    voice: re.Pattern[str]


def load_markers(path: Path | None = None) -> Markers:
    """Read a markers TOML file (default: the package's)."""
    with open(path or MARKERS_TOML, "rb") as handle:
        data = tomllib.load(handle)
    return Markers(
        negators=tuple(data.get("negators", [])),
        negation_window=int(data.get("negation_window", 4)),
        dismissals=tuple(data.get("dismissals", [])),
        reporting=tuple(data.get("reporting", [])),
        voice=_voice_regex(data.get("voice", {})),
    )


def _voice_regex(voice: dict) -> re.Pattern[str]:
    """"what some Chinese analysts see as" / "many officials fear that": group = the
    noun phrase (up to four words, ending in a group word) before the verb."""
    heads = "|".join(map(re.escape, voice.get("group_heads", ["analysts"])))
    as_verbs = "|".join(map(re.escape, voice.get("as_verbs", ["see"])))
    that_verbs = "|".join(map(re.escape, voice.get("that_verbs", ["fear"])))
    group = rf"(?P<group>(?:[\w-]+\s+){{0,3}}?(?:{heads}))"
    return re.compile(
        rf"\bwhat\s+{group}\s+(?:{as_verbs})\s+as\b|\b{group.replace('group', 'group2')}"
        rf"\s+(?:{that_verbs})\s+that\b",
        re.IGNORECASE,
    )


_LEADING_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "however", "while", "though"})


@lru_cache(maxsize=1)
def default_markers() -> Markers:
    return load_markers()


@dataclass(frozen=True)
class Use:
    """What surrounds a phrase: each list holds the marker words found."""

    negated: tuple[str, ...] = ()
    dismissed: tuple[str, ...] = ()
    reported: tuple[str, ...] = ()
    reported_voice: str | None = None

    @property
    def denied(self) -> bool:
        """Negated or dismissed, but not both (a double denial asserts)."""
        return bool(self.negated) != bool(self.dismissed)

    def cues(self) -> list[str]:
        return (
            [f"negated by '{w}'" for w in self.negated]
            + [f"dismissed as '{w}'" for w in self.dismissed]
            + [f"reported: '{w}'" for w in self.reported]
            + ([f"voice of '{self.reported_voice}'"] if self.reported_voice else [])
        )


def phrase_use(
    text: str, start: int, end: int, markers: Markers | None = None,
    sentence: tuple[int, int] | None = None,
) -> Use:
    """How ``text[start:end]`` is used in its sentence (``sentence``: its bounds, when known)."""
    markers = markers or default_markers()
    s_start, s_end = sentence or sentence_at(text, start)
    sentence = text[s_start:s_end]
    local_start, local_end = start - s_start, end - s_start
    outside = [
        (sentence[m.start : m.end], m)
        for m in find_patterns(sentence, [*markers.dismissals, *markers.reporting])
        if m.end <= local_start or m.start >= local_end
    ]
    dismissals = set(markers.dismissals)
    dismissed = tuple(w for w, m in outside if m.pattern in dismissals)
    reported = tuple(w for w, m in outside if m.pattern not in dismissals)
    return Use(
        negated=_negators_before(sentence, local_start, markers),
        dismissed=dismissed,
        reported=reported,
        reported_voice=_reported_voice(sentence, local_start, markers),
    )


def _negators_before(sentence: str, at: int, markers: Markers) -> tuple[str, ...]:
    words = list(re.finditer(r"[\w'-]+", normalise(sentence[:at])))
    window = words[-markers.negation_window :]
    if not window:
        return ()
    begin = window[0].start()
    return tuple(
        sentence[begin + m.start : begin + m.end]
        for m in find_patterns(sentence[begin:at], list(markers.negators))
    )


def _reported_voice(sentence: str, at: int, markers: Markers) -> str | None:
    """The group a reporting clause before ``at`` attributes the phrase to, if any."""
    found = None
    for m in markers.voice.finditer(normalise(sentence[:at])):
        found = m.group("group") or m.group("group2")
    if found is None:
        return None
    words = found.split()
    while len(words) > 1 and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    return " ".join(words)


_CLEFT = re.compile(r"^\W*(?:it|that)\s*(?:'s|is|was)\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:I|we|We|they|They|he|He|she|She)\b")
# Words that may follow an actor acting: auxiliaries, and nouns of agency ("a US effort to").
_AGENT_NEXT = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can",
    "may", "might", "should", "must", "does", "did", "do", "wants", "tries", "tried",
    "seeks", "sought", "effort", "efforts", "attempt", "attempts", "plan", "plans", "bid",
    "push", "strategy", "move", "moves", "policy", "administration", "government",
    "itself", "now", "also", "who", "which", "to",
})


@dataclass(frozen=True)
class Agent:
    """Who does what a phrase describes, and the words that say so."""

    actor: str
    mention: str


def phrase_agent(
    text: str, start: int, end: int, sentence: tuple[int, int] | None = None
) -> Agent | None:
    """The actor doing what ``text[start:end]`` describes, if its sentence says.

    A cleft after the phrase wins ("who's doing Nixon in reverse, it's Xi"); otherwise
    the nearest actor before it in subject position: followed by an auxiliary or a noun
    of agency ("a US effort to drive a wedge", "the White House is trying to isolate").
    A personal pronoun nearer the phrase ("we're going to break ...") leaves it unknown."""
    s_start, s_end = sentence or sentence_at(text, start)
    after = normalise(text[end:s_end])
    clause_end = re.search(r"[.;!?]", after)
    after_clause = after[: clause_end.start()] if clause_end else after
    tail = after_clause.split(",", 1)[1] if "," in after_clause else ""
    cleft = _CLEFT.match(tail)
    if cleft:
        mentions = find_actor_mentions(tail[cleft.end() :])
        if mentions and mentions[0].start == 0:
            return Agent(mentions[0].actor, mentions[0].alias)
    before = normalise(text[s_start:start])
    nearest_pronoun = max((m.start() for m in _PRONOUN.finditer(before)), default=-1)
    for mention in reversed(find_actor_mentions(before)):
        if mention.start < nearest_pronoun:
            return None
        following = re.match(r"(?:'s)?\W+([\w']+)", before[mention.end :])
        if following and following.group(1).lower() in _AGENT_NEXT:
            return Agent(mention.actor, mention.alias)
    return None
