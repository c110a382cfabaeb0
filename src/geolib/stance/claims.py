"""Stance on named claims: does a text argue for or against "Russia can be split from China"?

Claims and their cue phrases live in ``data/claims.toml`` (users pass their own file).
Each cue argues ``favor`` or ``against`` when asserted plainly; negation or a dismissal
in its sentence turns it around, reporting or concern markers halve its weight, and
hedging lowers the confidence without changing the label. A claim no cue touches gets
no stance at all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.actors import actors_in
from geolib.paths import PACKAGE_DATA
from geolib.stance.hedging import hedging
from geolib.stance.markers import Markers, default_markers, phrase_agent, phrase_use
from geolib.stance.patterns import find_patterns

CLAIMS_TOML = PACKAGE_DATA / "claims.toml"
DIRECTION = {"favor": 1.0, "against": -1.0}
REPORTED_WEIGHT = 0.5  # a cue the voice attributes to others or worries about


@dataclass(frozen=True)
class ClaimCue:
    pattern: str
    stance: str  # "favor" | "against"
    needs: tuple[str, ...] = ()  # actors the text must mention for the cue to count


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    cues: tuple[ClaimCue, ...]
    agents: tuple[str, ...] = ()  # who the claim has acting; others doing it invert it


@dataclass(frozen=True)
class ClaimStance:
    """A text's stance on one claim, with the cues that decided it."""

    claim: str
    label: str  # "favor" | "against" | "none" (touched, but no side wins)
    confidence: float
    cues: tuple[str, ...]


def load_claims(path: Path | None = None) -> list[Claim]:
    """Read a claims TOML file (default: the package's)."""
    with open(path or CLAIMS_TOML, "rb") as handle:
        data = tomllib.load(handle)
    claims = []
    for entry in data.get("claims", []):
        cues = tuple(
            ClaimCue(c["pattern"], c["stance"], tuple(c.get("needs", ())))
            for c in entry.get("cues", [])
        )
        for cue in cues:
            if cue.stance not in DIRECTION:
                raise ValueError(f"claim {entry['id']}: stance must be favor/against: {cue}")
        claims.append(Claim(entry["id"], entry.get("claim", ""), cues, tuple(entry.get("agents", ()))))
    return claims


@lru_cache(maxsize=1)
def default_claims() -> tuple[Claim, ...]:
    return tuple(load_claims())


def claim_stances(
    text: str, claims: list[Claim] | tuple[Claim, ...] | None = None,
    markers: Markers | None = None,
) -> list[ClaimStance]:
    """The stance ``text`` takes on each claim it touches."""
    claims = default_claims() if claims is None else claims
    markers = markers or default_markers()
    mentioned = set(actors_in(text))
    results = []
    for claim in claims:
        stance = _stance_on(claim, text, mentioned, markers)
        if stance is not None:
            results.append(stance)
    return results


def _stance_on(claim: Claim, text: str, mentioned: set[str], markers: Markers):
    by_pattern = {cue.pattern: cue for cue in claim.cues}
    total, weight, cues = 0.0, 0.0, []
    for match in find_patterns(text, list(by_pattern)):
        cue = by_pattern[match.pattern]
        if not set(cue.needs) <= mentioned:
            continue
        phrase = f"'{text[match.start:match.end]}' ({cue.stance} cue)"
        acting = claim.agents and cue.stance == "favor"  # favor cues describe the act
        agent = phrase_agent(text, match.start, match.end) if acting else None
        if agent and agent.actor not in claim.agents:
            cues.append(f"{phrase}, inverted: done by {agent.mention} ({agent.actor}) -> none")
            weight += 1.0
            continue
        use = phrase_use(text, match.start, match.end, markers)
        direction = DIRECTION[cue.stance] * (-1.0 if use.denied else 1.0)
        # A denial is the voice's own judgement; otherwise reporting softens the cue.
        softened = not use.denied and (use.reported or use.reported_voice)
        strength = REPORTED_WEIGHT if softened else 1.0
        side = "favor" if direction > 0 else "against"
        reasons = "; ".join(use.cues())
        cues.append(f"{phrase}" + (f", {reasons}" if reasons else "") + f" -> {side}")
        total += direction * strength
        weight += strength
    if not cues:
        return None
    hedged = hedging(text)
    label = "favor" if total > 0 else "against" if total < 0 else "none"
    agreement = abs(total) / weight
    strength = 1.0 - 0.4**weight  # more agreeing cues, more confidence
    confidence = round(agreement * strength * hedged.confidence_factor, 3)
    return ClaimStance(claim.id, label, confidence, tuple(cues) + hedged.cues)
