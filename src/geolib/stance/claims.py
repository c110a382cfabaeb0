"""Stance on named claims: does a text argue for or against "Russia can be split from China"?

Claims live in ``data/claims.toml`` (users pass their own file). Each claim is argued by
*triggers*: general families of words (closeness, durability, split, wedge, detach,
fragility, mistrust ...) that argue ``favor`` or ``against`` when asserted plainly. How a
trigger is used (``geolib.stance.markers``) decides what it counts for:

- negated or dismissed: the other side ("Putin is not going to abandon Xi", "any attempt
  to sow discord ... is doomed to fail");
- conceded ("mistrust is not the same as a split", "mistrust, but that does not mean a
  split"): nothing; set against the rest of its sentence by a contrast ("close, but
  fragile"): half;
- the subject of the other side's trigger ("the friendship between them is only skin
  deep"): nothing (the predicate says it);
- someone else's view or worry that the voice reports ("some fear that ...", "the theory
  goes that", "according to"): nothing, unless the voice endorses it ("as analysts rightly
  say"); an aim the voice describes ("trying to pull Moscow away"): half, unless the voice
  urges it ("the US should try to");
- done by someone other than the claim's agents: nothing (noted);
- asked ("is the alliance as strong as before?"): nothing;
- hedged: the same side with lower confidence.

A claim no trigger touches gets no stance at all; one touched only by reported views, or
whose sides cancel, gets ``none``.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from geolib.actors import ActorMention, actors_in, find_actor_mentions
from geolib.paths import PACKAGE_DATA
from geolib.places import nation_mentions
from geolib.stance.hedging import Hedging, hedging
from geolib.stance.markers import Markers, default_markers, phrase_agent, phrase_use
from geolib.stance.patterns import Match, find_patterns
from geolib.text.sentences import sentence_at, sentence_spans
from geolib.text.words import words

CLAIMS_TOML = PACKAGE_DATA / "claims.toml"
DIRECTION = {"favor": 1.0, "against": -1.0}
CONTRASTED_WEIGHT = 0.5  # a trigger in a clause a contrast sets against the rest
AIM_WEIGHT = 0.5  # a trigger describing someone's aim ("a bid to pull Moscow away"), not urged
# (0 was tried: it turns "containing China is the goal of US policy" from against to none,
# and no made-up item gained)
WITHIN = 8  # default words between a trigger and its `with` word
PAIR_REACH = 2  # sentences before a trigger's that may name the pair it is about
SUBJECT_REACH = 6  # words between a trigger and the other side's trigger said of it
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
    nearness: bool = False  # not before a nearness phrase ("close to a deal": markers' proximity_after)


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
                bool(t.get("acts", False)), bool(t.get("nearness", False)),
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
    markers: Markers | None = None, context: str | None = None, *,
    sentences: list[tuple[int, int]] | None = None, mentions: list[ActorMention] | None = None,
) -> list[ClaimStance]:
    """The stance ``text`` takes on each claim it touches. ``context`` is text around it
    that names who it is about (the reported-speech clause of a partial quote); it counts
    for a trigger's ``needs`` and ``context`` but is not scored itself. ``sentences`` and
    ``mentions``: the text's sentence spans and actor mentions, when already read (as
    ``sentence_spans`` and ``find_actor_mentions`` give them)."""
    claims = default_claims() if claims is None else claims
    markers = markers or default_markers()
    scene = _Scene(text, context, sentences, mentions)
    results = []
    for claim in claims:
        stance = _stance_on(claim, scene, markers)
        if stance is not None:
            results.append(stance)
    return results


class _Scene:
    """A text read once for every claim: its sentences, actors and pattern matches."""

    def __init__(self, text: str, context: str | None, sentences: list[tuple[int, int]] | None = None,
                 mentions: list[ActorMention] | None = None):
        self.text = text
        self.context = context
        self.around = f"{text} {context}" if context else text
        self.sentences = sentences or sentence_spans(text) or [(0, len(text))]
        self._ends = [end for _, end in self.sentences]
        self.mentions = find_actor_mentions(text) if mentions is None else mentions
        self.named = {m.actor for m in self.mentions}  # in the text itself
        self.mentioned = self.named | (
            set(actors_in(context)) if context else set())
        self._nations: list[tuple[int, int]] | None = None
        self._hedging: Hedging | None = None
        self._matches: dict[tuple[str, ...], list[Match]] = {}
        self._present: dict[tuple[str, ...], bool] = {}
        self._local: dict[tuple[int, int, tuple[str, ...]], bool] = {}

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

    def pair_near(self, claim: Claim, at: int) -> bool:
        """Does the claim's pair stand around ``at``: in its sentence, or in it and the
        ``PAIR_REACH`` sentences before? Both named; or one named with a word for the two together ("our
        relations", "bilateral") and no other nation named there ("Turkish-Russian
        relations" are not Russia's with China)."""
        n = min(bisect.bisect_right(self._ends, at), len(self.sentences) - 1)
        for first in range(n, max(-1, n - PAIR_REACH - 1), -1):
            span = (self.sentences[first][0], self.sentences[n][1])
            key = (*span, claim.pair)
            if key not in self._local:
                self._local[key] = self._pair_in(claim, span)
            if self._local[key]:
                return True
        return False

    def _pair_in(self, claim: Claim, span: tuple[int, int]) -> bool:
        lo, hi = span
        inside = [m for m in self.mentions if lo <= m.start < hi]
        named = {m.actor for m in inside} & set(claim.pair)
        if len(named) == len(claim.pair):
            return True
        if not named or not claim.pair_words:
            return False
        if not find_patterns(self.text[lo:hi], list(claim.pair_words)):
            return False
        if any(m.actor not in claim.pair for m in inside):
            return False  # another actor: the relation may be with them
        ours = [(m.start, m.end) for m in inside]
        return not any(
            lo <= start < hi and not any(a <= start < b for a, b in ours)
            for start, _ in self.nations()
        )

    def hedging(self) -> Hedging:
        """The text's hedging (read when first asked, once for every claim)."""
        if self._hedging is None:
            self._hedging = hedging(self.text)
        return self._hedging

    def nations(self) -> list[tuple[int, int]]:
        """Where the text names a country, capital or nationality (read when first asked)."""
        if self._nations is None:
            self._nations = nation_mentions(self.text)
        return self._nations


def _needs_met(claim: Claim, trigger: Trigger, scene: _Scene, match: Match) -> bool:
    for need in trigger.needs:
        if need == "pair":
            if scene.pair_near(claim, match.start):
                continue
            if not scene.context:
                return False
            # a partial quote: its reported clause may name who it is about
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
    """Does one of the trigger's ``with`` patterns stand within ``within`` words (words,
    not punctuation), or inside the trigger's own words ("make {China} stronger")?"""
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
            if match.start <= other.start and other.end <= match.end:
                return True  # a slot of the trigger's own words ("make {China} stronger")
            continue  # overlapping the trigger's words: not a word of its own
        lo, hi = (other.end, match.start) if other.end <= match.start else (match.end, other.start)
        between = words(scene.text[lo:hi])
        if any(w.text in ";:—–" for w in between):
            continue
        if sum(w.is_word for w in between) <= trigger.within:
            return True
    return False


_NAME_WORD = re.compile(r"\s+[A-Z][\w'-]*")
_WORD_BEFORE = re.compile(r"([A-Z][\w'-]*)\s+$")


def _in_name(scene: _Scene, match: Match) -> bool:
    """Is the match part of a proper name ("United" in "the United Nations", "Strong" in
    "Strong Families Act")? Capitalised, and beside another capitalised word; at a
    sentence's start, a capitalised word after it that is a nation of its own makes no
    name of the two ("Containing China")."""
    text = scene.text
    if not text[match.start : match.start + 1].isupper():
        return False
    if any(m.start <= match.start < m.end for m in scene.mentions):
        return True  # "United" in "United States"
    opens = text[max(0, match.start - 2) : match.start].strip() in ("", ".", "!", "?", '"', "“")
    first_word = re.match(r"[\w'-]+", text[match.start : match.end])
    after = _NAME_WORD.match(text, match.start + (first_word.end() if first_word else 0))
    if after:
        if not opens:
            return True
        at = after.start() + len(after.group()) - len(after.group().lstrip())
        return not any(m.start == at for m in scene.mentions) and not any(
            start == at for start, _ in scene.nations())
    before = _WORD_BEFORE.search(text, max(0, match.start - 40), match.start)
    if before is None:
        return False
    opening = text[max(0, before.start() - 2) : before.start()].strip()
    return before.start() > 0 and opening not in (".", "!", "?", '"', "“")


def _subject_of(scene: _Scene, match: Match, predicate: Match, markers: Markers) -> str | None:
    """The words of ``predicate`` when ``match`` is what it is said of: the next trigger,
    the other side's, after a copula in the same clause ("the friendship between them is
    only skin deep": the friendship is not asserted, its shallowness is)."""
    between = scene.text[match.end : predicate.start]
    tokens = words(between)
    if not tokens or any(not t.is_word for t in tokens) or len(tokens) > SUBJECT_REACH:
        return None
    if not find_patterns(between, list(markers.copulas)):
        return None
    return scene.text[predicate.start : predicate.end]


_PARTIES = re.compile(r"\W*(?:between|among|with)\s", re.IGNORECASE)
_PARTIES_LAST = re.compile(r"\b(?:between|among|with)$", re.IGNORECASE)
_PARTIES_END = re.compile(r"[.;:!?,—–()]")
PARTIES_REACH = 80  # characters after "between" / "with" that may name a relation's parties


def _other_parties(scene: _Scene, match: Match, claim: Claim) -> bool:
    """Does the trigger name its relation's parties right after it, one of them not of the
    claim's pair ("tensions between America and China", "cooperation with the EU")? Then
    it is about that relation, not the pair's."""
    if _PARTIES_LAST.search(scene.text, match.start, match.end):
        begin = match.end  # the trigger's own last word opens them ("tensions between")
    else:
        opening = _PARTIES.match(scene.text, match.end)
        if opening is None:
            return False
        begin = opening.end()
    rest = scene.text[begin : begin + PARTIES_REACH]
    stop = _PARTIES_END.search(rest)
    end = begin + (stop.start() if stop else len(rest))
    return any(begin <= m.start < end and m.actor not in claim.pair for m in scene.mentions)


def _asked(text: str, sentence: tuple[int, int]) -> bool:
    """Is the sentence a question ("is the alliance as strong as before?")? Its speaker asks
    and asserts nothing, whichever way the words lean."""
    return text[sentence[0] : sentence[1]].rstrip().rstrip("\"'”’)").endswith("?")


def _nearness(text: str, match: Match, markers: Markers) -> str | None:
    """The nearness phrase right after the match, if any ("close" in "close to a deal")."""
    after = text[match.end : match.end + 30]
    near = find_patterns(after, list(markers.proximity_after))
    return near[0].pattern if near and not after[: near[0].start].strip() else None


_SLOT_ONLY = re.compile(r"\{([^}]+)\}")


@cache
def _slot_actors(with_: tuple[str, ...]) -> tuple[str, ...] | None:
    """The actors of ``with`` words that are all actor slots; None when any is not one."""
    slots = [_SLOT_ONLY.fullmatch(w) for w in with_]
    return tuple(slot.group(1) for slot in slots) if with_ and all(slots) else None


def _can_hold(claim: Claim, trigger: Trigger, scene: _Scene) -> bool:
    """Can the trigger count at all in this text? Not when it needs the claim's pair and
    neither is named, nor when its ``with`` words are all actors the text does not name
    (read before its patterns, which most quotes would scan in vain)."""
    if "pair" in trigger.needs and scene.mentioned.isdisjoint(claim.pair):
        return False
    actors = _slot_actors(trigger.with_)
    return actors is None or not scene.named.isdisjoint(actors)


def _stance_on(claim: Claim, scene: _Scene, markers: Markers) -> ClaimStance | None:
    by_pattern: dict[str, Trigger] = {}
    for trigger in claim.triggers:
        if not _can_hold(claim, trigger, scene):
            continue
        for pattern in trigger.patterns:
            by_pattern.setdefault(pattern, trigger)
    if not by_pattern:
        return None
    total, weight, cues = 0.0, 0.0, []
    text = scene.text
    found = [
        (match, by_pattern[match.pattern]) for match in scene.matches(tuple(by_pattern))
        if not _in_name(scene, match) and _needs_met(claim, by_pattern[match.pattern], scene, match)
        and (not by_pattern[match.pattern].with_ or _near(scene, match, by_pattern[match.pattern]))
        and not (by_pattern[match.pattern].nearness and _nearness(text, match, markers))
        and not (claim.pair and _other_parties(scene, match, claim))
    ]
    for k, (match, trigger) in enumerate(found):
        sentence = scene.sentence(match.start)
        phrase = f"'{text[match.start:match.end]}' ({trigger.concept}: {trigger.stance})"
        if k + 1 < len(found) and found[k + 1][1].stance != trigger.stance:
            subject_of = _subject_of(scene, match, found[k + 1][0], markers)
            if subject_of:
                cues.append(f"{phrase}, the subject of '{subject_of}' -> no stance")
                continue
        if claim.agents and trigger.acts:
            agent = phrase_agent(text, match.start, match.end, sentence)
            if agent and agent.actor not in claim.agents:
                cues.append(f"{phrase}, done by {agent.mention} ({agent.actor}) -> no stance")
                continue
        use = phrase_use(text, match.start, match.end, markers, sentence)
        direction = DIRECTION[trigger.stance] * (-1.0 if use.denied else 1.0)
        strength = 1.0
        asked = _asked(text, sentence)
        if use.conceded or asked:
            strength = 0.0  # granted only to be set aside; or asked, not asserted
        elif not use.denied and use.others_view:
            strength = 0.0  # the speaker reports a view they do not take
        else:
            if use.contrasted:
                strength *= CONTRASTED_WEIGHT
            if use.aimed and not use.denied and not (use.endorsed or use.advocated):
                strength *= AIM_WEIGHT
        side = "no stance" if strength == 0 else "favor" if direction > 0 else "against"
        reasons = "; ".join(use.cues() + (["asked: a question"] if asked else []))
        cues.append(phrase + (f", {reasons}" if reasons else "") + f" -> {side}")
        total += direction * strength
        weight += strength
    if not cues:
        return None
    hedged = scene.hedging()
    if weight == 0 or abs(total) < 1e-9:
        return ClaimStance(claim.id, "none", 0.0, tuple(cues) + hedged.cues)
    label = "favor" if total > 0 else "against"
    agreement = abs(total) / weight
    strength = 1.0 - 0.4 ** weight  # more agreeing triggers, more confidence
    confidence = round(agreement * strength * hedged.confidence_factor, 3)
    return ClaimStance(claim.id, label, confidence, tuple(cues) + hedged.cues)
