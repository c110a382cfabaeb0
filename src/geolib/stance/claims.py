"""Stance on named claims: does a text argue for or against "Russia can be split from China"?

Claims live in ``data/claims.toml`` (users pass their own file). Each claim is argued by
*triggers*: general families of words (closeness, durability, split, wedge, detach,
fragility, mistrust ...) that argue ``favor`` or ``against`` when asserted plainly. How a
trigger is used (``geolib.stance.markers``) decides what it counts for:

- negated or dismissed: the other side ("Putin is not going to abandon Xi", "any attempt
  to sow discord ... is doomed to fail");
- conceded ("mistrust is not the same as a split"): nothing; set against the rest of its
  sentence by a contrast ("close, but fragile"): half;
- someone else's view or worry that the voice reports ("some fear that ..."): nothing,
  unless the voice endorses it ("as analysts rightly say"); an aim the voice describes
  ("trying to pull Moscow away"): half;
- done by someone other than the claim's agents: nothing (noted);
- hedged: the same side with lower confidence.

A claim no trigger touches gets no stance at all; one touched only by reported views, or
whose sides cancel, gets ``none``.
"""

from __future__ import annotations

import bisect
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.actors import actors_in
from geolib.paths import PACKAGE_DATA
from geolib.stance.hedging import hedging
from geolib.stance.markers import Markers, default_markers, phrase_agent, phrase_use
from geolib.stance.patterns import Match, find_patterns
from geolib.text.sentences import sentence_at, sentence_spans
from geolib.text.words import words

CLAIMS_TOML = PACKAGE_DATA / "claims.toml"
DIRECTION = {"favor": 1.0, "against": -1.0}
CONTRASTED_WEIGHT = 0.5  # a trigger in a clause a contrast sets against the rest
AIM_WEIGHT = 0.5  # a trigger describing someone's aim ("a bid to pull Moscow away")
WITHIN = 8  # default words between a trigger and its `with` word
CHARACTERS_PER_WORD = 40  # a bound on a word and its spacing, to look only where `within` can hold


@dataclass(frozen=True)
class Trigger:
    """A family of patterns that argue one side of a claim (see ``data/claims.toml``)."""

    concept: str
    stance: str  # "favor" | "against"
    patterns: tuple[str, ...]
    needs: tuple[str, ...] = ()  # actors the text must mention; "pair" = the claim's pair
    with_: tuple[str, ...] = ()  # one must stand within ``within`` words, same sentence
    within: int = WITHIN
    context: tuple[str, ...] = ()  # one must occur somewhere in the text
    acts: bool = False  # an act the claim's agents must be the ones doing


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    triggers: tuple[Trigger, ...]
    agents: tuple[str, ...] = ()  # who the claim has acting; others doing it do not count
    pair: tuple[str, ...] = ()  # the two actors a relation claim is about
    pair_words: tuple[str, ...] = ()  # words for the two together ("the two countries")


@dataclass(frozen=True)
class ClaimStance:
    """A text's stance on one claim, with the cues that decided it."""

    claim: str
    label: str  # "favor" | "against" | "none" (touched, but no side wins)
    confidence: float
    cues: tuple[str, ...]


def load_claims(path: Path | None = None) -> list[Claim]:
    """Read a claims TOML file (default: the package's). Besides ``triggers``, a claim may
    list single ``cues`` (``{pattern, stance, needs}``), each a trigger of its own."""
    with open(path or CLAIMS_TOML, "rb") as handle:
        data = tomllib.load(handle)
    pair_words = tuple(data.get("pair_words", ()))
    claims = []
    for entry in data.get("claims", []):
        triggers = [
            Trigger(
                t.get("concept", ""), t["stance"], tuple(t["patterns"]), tuple(t.get("needs", ())),
                tuple(t.get("with", ())), int(t.get("within", WITHIN)), tuple(t.get("context", ())),
                bool(t.get("acts", False)),
            )
            for t in entry.get("triggers", [])
        ]
        triggers += [
            Trigger("cue", c["stance"], (c["pattern"],), tuple(c.get("needs", ())),
                    acts=c["stance"] == "favor")
            for c in entry.get("cues", [])
        ]
        for trigger in triggers:
            if trigger.stance not in DIRECTION:
                raise ValueError(f"claim {entry['id']}: stance must be favor/against: {trigger}")
        claims.append(Claim(entry["id"], entry.get("claim", ""), tuple(triggers),
                            tuple(entry.get("agents", ())), tuple(entry.get("pair", ())),
                            pair_words))
    return claims


@lru_cache(maxsize=1)
def default_claims() -> tuple[Claim, ...]:
    return tuple(load_claims())


def claim_stances(
    text: str, claims: list[Claim] | tuple[Claim, ...] | None = None,
    markers: Markers | None = None, context: str | None = None,
) -> list[ClaimStance]:
    """The stance ``text`` takes on each claim it touches. ``context`` is text around it
    that names who it is about (the reported-speech clause of a partial quote); it counts
    for a trigger's ``needs`` and ``context`` but is not scored itself."""
    claims = default_claims() if claims is None else claims
    markers = markers or default_markers()
    scene = _Scene(text, context)
    results = []
    for claim in claims:
        stance = _stance_on(claim, scene, markers)
        if stance is not None:
            results.append(stance)
    return results


class _Scene:
    """A text read once for every claim: its sentences, actors and pattern matches."""

    def __init__(self, text: str, context: str | None):
        self.text = text
        self.around = f"{text} {context}" if context else text
        self.sentences = sentence_spans(text)
        self.mentioned = set(actors_in(self.around))
        self._matches: dict[tuple[str, ...], list[Match]] = {}
        self._present: dict[tuple[str, ...], bool] = {}

    def matches(self, patterns: tuple[str, ...]) -> list[Match]:
        if patterns not in self._matches:
            self._matches[patterns] = find_patterns(self.text, list(patterns))
        return self._matches[patterns]

    def holds(self, patterns: tuple[str, ...]) -> bool:
        if patterns not in self._present:
            self._present[patterns] = bool(find_patterns(self.around, list(patterns)))
        return self._present[patterns]

    def sentence(self, at: int) -> tuple[int, int]:
        return sentence_at(self.text, at, self.sentences)


def _needs_met(claim: Claim, trigger: Trigger, scene: _Scene) -> bool:
    for need in trigger.needs:
        if need == "pair":
            named = [a for a in claim.pair if a in scene.mentioned]
            together = len(named) == len(claim.pair) or (
                named and claim.pair_words and scene.holds(claim.pair_words)
            )
            if not together:
                return False
        elif need not in scene.mentioned:
            return False
    return not trigger.context or scene.holds(trigger.context)


def _near(scene: _Scene, match: Match, trigger: Trigger) -> bool:
    """Does one of the trigger's ``with`` patterns stand within ``within`` words?"""
    s_start, s_end = scene.sentence(match.start)
    reach = trigger.within * CHARACTERS_PER_WORD  # no closer match lies further away than this
    others = scene.matches(trigger.with_)  # in text order
    first = bisect.bisect_left([m.end for m in others], max(s_start, match.start - reach))
    for other in others[first:]:
        if other.start >= min(s_end, match.end + reach):
            break
        if other.end <= s_start:
            continue
        if other.start < match.end and other.end > match.start:
            continue  # the trigger's own words
        lo, hi = (other.end, match.start) if other.end <= match.start else (match.end, other.start)
        between = words(scene.text[lo:hi])
        if len(between) <= trigger.within and not any(w.text in ";:—–" for w in between):
            return True
    return False


def _stance_on(claim: Claim, scene: _Scene, markers: Markers) -> ClaimStance | None:
    by_pattern: dict[str, Trigger] = {}
    for trigger in claim.triggers:
        for pattern in trigger.patterns:
            by_pattern.setdefault(pattern, trigger)
    total, weight, cues = 0.0, 0.0, []
    text = scene.text
    for match in scene.matches(tuple(by_pattern)):
        trigger = by_pattern[match.pattern]
        if not _needs_met(claim, trigger, scene):
            continue
        if trigger.with_ and not _near(scene, match, trigger):
            continue
        sentence = scene.sentence(match.start)
        phrase = f"'{text[match.start:match.end]}' ({trigger.concept}: {trigger.stance})"
        if claim.agents and trigger.acts:
            agent = phrase_agent(text, match.start, match.end, sentence)
            if agent and agent.actor not in claim.agents:
                cues.append(f"{phrase}, done by {agent.mention} ({agent.actor}) -> no stance")
                continue
        use = phrase_use(text, match.start, match.end, markers, sentence)
        direction = DIRECTION[trigger.stance] * (-1.0 if use.denied else 1.0)
        strength = 1.0
        if use.conceded:
            strength = 0.0
        elif not use.denied and use.others_view:
            strength = 0.0  # the speaker reports a view they do not take
        else:
            if use.contrasted:
                strength *= CONTRASTED_WEIGHT
            if use.aimed and not use.denied:
                strength *= AIM_WEIGHT
        side = "no stance" if strength == 0 else "favor" if direction > 0 else "against"
        reasons = "; ".join(use.cues())
        cues.append(phrase + (f", {reasons}" if reasons else "") + f" -> {side}")
        total += direction * strength
        weight += strength
    if not cues:
        return None
    hedged = hedging(text)
    if weight == 0 or abs(total) < 1e-9:
        return ClaimStance(claim.id, "none", 0.0, tuple(cues) + hedged.cues)
    label = "favor" if total > 0 else "against"
    agreement = abs(total) / weight
    strength = 1.0 - 0.4 ** weight  # more agreeing triggers, more confidence
    confidence = round(agreement * strength * hedged.confidence_factor, 3)
    return ClaimStance(claim.id, label, confidence, tuple(cues) + hedged.cues)
