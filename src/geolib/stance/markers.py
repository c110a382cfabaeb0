"""How a phrase is used in its sentence: negated, dismissed, reported, and by whom.

Shared by claims and frames; the word lists are ``data/stance_markers.toml``.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib.actors import find_actor_mentions
from geolib.paths import PACKAGE_DATA
from geolib.stance.patterns import Match, any_pattern, find_patterns, normalise
from geolib.text.sentences import sentence_at
from geolib.text.words import words

MARKERS_TOML = PACKAGE_DATA / "stance_markers.toml"
DENIED_REACH = 8  # words between an aim or claim marker and a target it holds
REACH = 400  # characters either side of a phrase that its markers are sought in (within its sentence)


@dataclass(frozen=True)
class Markers:
    negators: tuple[str, ...]
    negation_window: int
    dismissals: tuple[str, ...]
    reporting: tuple[str, ...]
    voice: re.Pattern[str]
    aims: tuple[str, ...] = ()
    endorsements: tuple[str, ...] = ()
    concessions: tuple[str, ...] = ()
    concession_window: int = 3
    contrast_after: tuple[str, ...] = ()
    contrast_within: tuple[str, ...] = ()
    false_negations: tuple[str, ...] = ()  # "never been closer", "not only": no negation
    rebuttal_window: int = 3  # words after a "but" in which a concession concedes the clause before
    copulas: tuple[str, ...] = ()  # "is", "remains": a claim phrase before one is its subject
    advocacy: tuple[str, ...] = ()  # "should", "must": an aim the voice urges is its own
    hostility: tuple[str, ...] = ()  # "rift", "tensions": hostility between two actors
    denial_verbs: tuple[str, ...] = ()  # "rejected", "played down": a denial before what it denies
    denial_links: frozenset[str] = frozenset()  # words that may stand between a denial and it
    denial_reach: int = 8
    denial_after: tuple[str, ...] = ()  # "is not the same as": a hostile word granted no weight
    closeness: tuple[str, ...] = ()  # "remain close": closeness said without a sentiment word
    breaking: tuple[str, ...] = ()  # "abandon": a break, negated ("will not abandon") closeness
    proximity_after: tuple[str, ...] = ()  # "close to a deal": nearness, not closeness


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
        aims=tuple(data.get("aims", [])),
        endorsements=tuple(data.get("endorsements", [])),
        concessions=tuple(data.get("concessions", [])),
        concession_window=int(data.get("concession_window", 3)),
        contrast_after=tuple(data.get("contrast_after", [])),
        contrast_within=tuple(data.get("contrast_within", [])),
        false_negations=tuple(data.get("false_negations", [])),
        rebuttal_window=int(data.get("rebuttal_window", 3)),
        copulas=tuple(data.get("copulas", [])),
        advocacy=tuple(data.get("advocacy", [])),
        hostility=tuple(data.get("hostility", [])),
        denial_verbs=tuple(data.get("denial_verbs", [])),
        denial_links=frozenset(w.lower() for w in data.get("denial_links", [])),
        denial_reach=int(data.get("denial_reach", 8)),
        denial_after=tuple(data.get("denial_after", [])),
        closeness=tuple(data.get("closeness", [])),
        breaking=tuple(data.get("breaking", [])),
        proximity_after=tuple(data.get("proximity_after", [])),
    )


def _voice_regex(voice: dict) -> re.Pattern[str]:
    """"what some Chinese analysts see as", "analysts described the trip as", "what some in
    Washington call", "portrayed by state media as", "many officials fear that", "Chinese
    officials dismiss the idea that": each ``group*`` group = the noun phrase (up to four
    words, ending in a group word, perhaps placed or said whose) that holds the view."""
    heads = "|".join(map(re.escape, voice.get("group_heads", ["analysts"])))
    as_verbs = "|".join(map(re.escape, voice.get("as_verbs", ["see"])))
    that_verbs = "|".join(map(re.escape, voice.get("that_verbs", ["fear"])))
    objects = "|".join(map(re.escape, voice.get("that_objects", ["idea"])))
    to_verbs = "|".join(map(re.escape, voice.get("to_verbs", ["hope"])))
    name_verbs = "|".join(map(re.escape, voice.get("name_verbs", ["call"])))
    passives = "|".join(map(re.escape, voice.get("passive_as", ["seen"])))
    # a group may be placed ("some in Washington", "hawks in the administration") or said
    # whose ("critics of the president"), and said who ("people who say"); an adverb may
    # stand before the verb ("often claim")
    def group(name: str) -> str:
        return (rf"(?P<{name}>(?:[\w-]+\s+){{0,3}}?(?:{heads})"
                rf"(?:\s+(?:in|at|from|within|of)\s+(?:the\s+)?[\w-]+)?)")
    lead = r"\s+(?:who\s+)?(?:have\s+|had\s+)?(?:\w+ly\s+|often\s+|also\s+|now\s+|still\s+|long\s+)?"
    what_they_see = rf"(?:{as_verbs})\s+(?:[\w'-]+\s+){{0,4}}?as\b"  # the object: a short phrase
    return re.compile(
        rf"\b{group('group')}{lead}{what_they_see}"
        rf"|\b{group('group2')}{lead}(?:{that_verbs})\s+"
        rf"(?:(?:the\s+|any\s+|all\s+)?(?:{objects})\s+)?(?:that\b|of\b)?"
        rf"|\b{group('group3')}{lead}(?:{to_verbs})\s+(?:to|of)\b"
        rf"|\b(?:what|which)\s+{group('group4')}{lead}(?:{name_verbs})\b"
        rf"|\b(?:{passives})\s+(?:\w+ly\s+)?by\s+{group('group5')}\s+as\b",
        re.IGNORECASE,
    )


_CLAUSE_PUNCTUATION = frozenset(",;:.!?—–()")
_COORDINATORS = frozenset({"and", "or", "nor"})
_LEADING_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "however", "while", "though",
                                   "what", "which", "that", "as", "how"})


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
    aimed: tuple[str, ...] = ()  # someone's aim is described ("aimed at", "a bid to")
    endorsed: tuple[str, ...] = ()  # the voice makes a reported view its own ("rightly")
    advocated: tuple[str, ...] = ()  # the voice urges the aim ("should try to")
    conceded: str | None = None  # granted, then denied its weight ("X is not Y")
    contrasted: str | None = None  # in the clause a contrast sets against the rest

    @property
    def denied(self) -> bool:
        """Negated or dismissed, but not both (a double denial asserts)."""
        return bool(self.negated) != bool(self.dismissed)

    @property
    def others_view(self) -> bool:
        """The phrase is someone else's view or worry, which the voice does not endorse."""
        return bool(self.reported or self.reported_voice) and not self.endorsed

    def cues(self) -> list[str]:
        return (
            [f"negated by '{w}'" for w in self.negated]
            + [f"dismissed as '{w}'" for w in self.dismissed]
            + [f"reported: '{w}'" for w in self.reported]
            + ([f"voice of '{self.reported_voice}'"] if self.reported_voice else [])
            + [f"an aim: '{w}'" for w in self.aimed]
            + [f"endorsed: '{w}'" for w in self.endorsed]
            + [f"urged: '{w}'" for w in self.advocated]
            + ([f"conceded: '{self.conceded}'"] if self.conceded else [])
            + ([f"set against: '{self.contrasted}'"] if self.contrasted else [])
        )


def phrase_use(
    text: str, start: int, end: int, markers: Markers | None = None,
    sentence: tuple[int, int] | None = None,
) -> Use:
    """How ``text[start:end]`` is used in its sentence (``sentence``: its bounds, when known)."""
    markers = markers or default_markers()
    whole = sentence or sentence_at(text, start)
    s_start, s_end = _window(whole, start, end)
    sentence = text[s_start:s_end]
    local_start, local_end = start - s_start, end - s_start
    kinds = {
        **dict.fromkeys(markers.reporting, "reported"), **dict.fromkeys(markers.aims, "aimed"),
        **dict.fromkeys(markers.endorsements, "endorsed"),
        **dict.fromkeys(markers.advocacy, "advocated"),
        **dict.fromkeys(markers.dismissals, "dismissed"),
    }
    found: dict[str, list[str]] = {"dismissed": [], "reported": [], "aimed": [], "endorsed": [],
                                   "advocated": []}
    starts, matches = _sentence_markers(text, whole[0], whole[1], tuple(kinds))
    for m in matches[bisect.bisect_left(starts, s_start - whole[0]):]:
        m_start, m_end = m.start + whole[0] - s_start, m.end + whole[0] - s_start
        if m_end > len(sentence):
            break
        if m_start >= local_end and m.pattern in markers.denial_verbs and _own_clause(
                sentence[local_end:m_start]):
            continue  # "no quarrel with Beijing, the envoy said, dismissing a rift": its own object
        if m_end <= local_start or m_start >= local_end:
            found[kinds[m.pattern]].append(sentence[m_start:m_end])
    return Use(
        negated=_negators_before(sentence, local_start, markers),
        dismissed=tuple(found["dismissed"]),
        reported=tuple(found["reported"]),
        reported_voice=_reported_voice(sentence, local_start, markers),
        aimed=tuple(found["aimed"]),
        endorsed=tuple(found["endorsed"]),
        advocated=tuple(found["advocated"]),
        conceded=_conceded(sentence, local_end, markers),
        contrasted=_contrasted(sentence, local_start, local_end, markers),
    )


@lru_cache(maxsize=64)
def _sentence_markers(text: str, start: int, end: int, patterns: tuple[str, ...]
                      ) -> tuple[list[int], list[Match]]:
    """The marker phrases of one sentence, found once however many phrases in it ask (a
    sentence with many claim phrases read the same markers again for each)."""
    matches = find_patterns(text[start:end], list(patterns))
    return [m.start for m in matches], matches


_RELATIVES = frozenset({"which", "that", "as", "what"})


def _own_clause(between: str) -> bool:
    """Does a denial verb after a phrase stand in a clause of its own, one punctuation sets
    off and no relative word ties back to the phrase ("..., the envoy said, dismissing a
    rift", not "a split, which Moscow dismissed,")?"""
    tokens = words(between)
    return (any(w.text in _CLAUSE_PUNCTUATION for w in tokens)
            and not any(w.lower in _RELATIVES for w in tokens))


def _negators_before(sentence: str, at: int, markers: Markers) -> tuple[str, ...]:
    """Negators within ``negation_window`` words before ``at``, less those a false negation
    holds ("never been closer", "not only"), which may run on up to the phrase itself."""
    window = words(sentence[:at])[-markers.negation_window :]
    if not window:
        return ()
    begin = window[0].start
    found = find_patterns(sentence[begin:at], list(markers.negators))
    if found and markers.false_negations:
        false = find_patterns(sentence[begin:at + 1], list(markers.false_negations))
        found = [m for m in found
                 if not any(f.start <= m.start and m.end <= f.end for f in false)]
    return tuple(sentence[begin + m.start : begin + m.end] for m in found)


def _conceded(sentence: str, end: int, markers: Markers) -> str | None:
    """A concession soon after the phrase, in its clause ("mistrust is not a split"), or
    opening the clause after its "but" ("mistrust, but that is not the same as a split")."""
    after = words(sentence[end:])[: markers.concession_window + 3]
    clause_end = next((w.start for w in after if w.text in _CLAUSE_PUNCTUATION), None)
    stop = clause_end if clause_end is not None else (after[-1].end if after else 0)
    for m in find_patterns(sentence[end : end + stop], list(markers.concessions)):
        before = words(sentence[end : end + m.start])
        if before and before[-1].lower in _COORDINATORS:
            break  # "built on trust and is not directed against anyone": a predicate of its own
        if len(before) < markers.concession_window:
            return sentence[end + m.start : end + m.end]
    rest = sentence[end:]
    for but in find_patterns(rest, list(markers.contrast_after)):
        reach = words(rest[but.end:])[: markers.rebuttal_window + 3]
        if not reach:
            break
        span = rest[but.end : but.end + reach[-1].end]
        for m in find_patterns(span, list(markers.concessions)):
            if len(words(span[: m.start])) <= markers.rebuttal_window:
                return f"{rest[but.start:but.end]} ... {span[m.start:m.end]}"
        break  # only the first contrast after the phrase
    return None


def _contrasted(sentence: str, start: int, end: int, markers: Markers) -> str | None:
    """The contrast that sets the phrase's clause against the rest of the sentence: a
    "but" after it, or an "although"/"while" opening its clause."""
    for m in find_patterns(sentence[end:], list(markers.contrast_after)):
        return sentence[end + m.start : end + m.end]
    before = sentence[:start]
    clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(":")) + 1
    for m in find_patterns(before[clause_start:], list(markers.contrast_within)):
        return before[clause_start + m.start : clause_start + m.end]
    return None


def _reported_voice(sentence: str, at: int, markers: Markers) -> str | None:
    """The group a reporting clause before ``at`` attributes the phrase to, if any."""
    found = None
    for m in markers.voice.finditer(normalise(sentence[:at])):
        found = next(v for k, v in m.groupdict().items() if v and k.startswith("group"))
    if found is None:
        return None
    words = found.split()
    while len(words) > 1 and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    return " ".join(words)


_CLEFT = re.compile(r"^\W*(?:it|that)\s*(?:'s|is|was)\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:I|we|We|they|They|he|He|she|She|anyone|anybody|someone|somebody|"
                      r"no one|nobody|nothing|anything)\b")  # a nearer doer than any actor
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
    A personal or indefinite pronoun nearer the phrase ("we're going to break ...", "will not
    let anyone come between them") leaves it unknown."""
    s_start, s_end = _window(sentence or sentence_at(text, start), start, end)
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


def _window(sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``, cut to ``REACH`` characters either side: a
    sentence is seldom longer, and a run of text with no full stop must not make every
    phrase read all of it."""
    return max(sentence[0], start - REACH), min(sentence[1], end + REACH)


def inside_denied(sentence: str, start: int, end: int, markers: Markers | None = None) -> str | None:
    """Is ``sentence[start:end]`` inside an aim or a claim that the voice denies ("any effort
    to drive a wedge between Moscow and Beijing will fail", "talk of a rift with Beijing is
    nonsense", "he dismissed claims of a rift with Beijing")? Then the failure words judge
    the aim, not the one it is aimed at. Returns the words that say so, or None."""
    markers = markers or default_markers()
    if not any_pattern(sentence, markers.dismissals):
        return None  # the common case, most often on a set lookup
    kinds = {**dict.fromkeys(markers.reporting, "opens"), **dict.fromkeys(markers.aims, "opens"),
             **dict.fromkeys(markers.dismissals, "denies")}
    _, found = _sentence_markers(sentence, 0, len(sentence), tuple(kinds))
    opens = [m for m in found if kinds[m.pattern] == "opens" and m.end <= start]
    if not opens:
        return None
    opener = opens[-1]
    between = words(sentence[opener.end : start])
    if len(between) > DENIED_REACH or any(w.text in _CLAUSE_PUNCTUATION for w in between):
        return None  # the aim or claim must hold the target, in one clause
    for m in found:
        if kinds[m.pattern] != "denies":
            continue
        gap = words(sentence[end : m.start]) if m.start >= end else None
        after = gap is not None and len(gap) <= DENIED_REACH and not any(
            w.text in _CLAUSE_PUNCTUATION - {","} or w.text in "\"“”" for w in gap
        )  # "any effort to ... will fail"
        before = m.end <= opener.start and len(words(sentence[m.end : opener.start])) <= 1
        if after or before:  # "rejected claims of", "dismissed talk of"
            return (f"'{sentence[opener.start:opener.end]}' … "
                    f"'{sentence[m.start:m.end]}'")
    return None


def denied_hostility(sentence: str, markers: Markers | None = None) -> list[tuple[int, int, str]]:
    """The clauses of ``sentence`` that deny hostility between actors, as ``(start, end,
    words that say so)``: a hostile word ("rift", "tensions") with a denial before it
    ("rejected claims of a rift with Beijing", "denied that ties with Moscow had soured") or
    a dismissal after it ("talk of tensions with Brussels is overblown", "mistrust between
    them is not the same as a split"), the words between
    them only links (``denial_links``: "claims of", "any", "that its ties with") or names.
    The clause runs from the punctuation before the first of the two to the punctuation
    after the second; its actors are the ones whose relation the voice calls sound."""
    markers = markers or default_markers()
    if not markers.hostility:
        return []
    if not any_pattern(sentence, markers.hostility):
        return []  # the common case: the patterns' word index, then only the patterns it opens
    kinds = {**dict.fromkeys(markers.dismissals, "after"),
             **dict.fromkeys(markers.denial_after, "after"),
             **dict.fromkeys(markers.denial_verbs, "before"),
             **dict.fromkeys(markers.hostility, "hostile")}
    _, found = _sentence_markers(sentence, 0, len(sentence), tuple(kinds))
    hostile = [m for m in found if kinds[m.pattern] == "hostile"]
    denials = [m for m in found if kinds[m.pattern] != "hostile"]
    out = []
    for h in hostile:
        for d in denials:
            if d.end <= h.start and kinds[d.pattern] == "before":
                lo, hi = d.end, h.start
            elif d.start >= h.end:
                lo, hi = h.end, d.start
            else:
                continue
            if not _links_only(sentence[lo:hi], markers):
                continue
            first, last = min(d.start, h.start), max(d.end, h.end)
            begin = max((w.end for w in words(sentence[:first]) if w.text in _CLAUSE_PUNCTUATION),
                        default=0)
            stop = next((last + w.start for w in words(sentence[last:])
                         if w.text in _CLAUSE_PUNCTUATION), len(sentence))
            words_said = (f"'{sentence[d.start:d.end]}' … '{sentence[h.start:h.end]}'"
                          if d.start < h.start else
                          f"'{sentence[h.start:h.end]}' … '{sentence[d.start:d.end]}'")
            out.append((begin, stop, words_said))
            break
    return out


def _links_only(between: str, markers: Markers) -> bool:
    """Are the words between a denial and a hostile word only links or names (capitalised)?"""
    tokens = words(between)
    if sum(t.is_word for t in tokens) > markers.denial_reach:
        return False
    return all(
        t.is_word and (t.lower in markers.denial_links or t.text[:1].isupper() or t.text == "'s")
        or t.text in ("'s", "-")
        for t in tokens
    )


def said_closeness(sentence: str, markers: Markers | None = None) -> list[tuple[int, int, str]]:
    """Where ``sentence`` says two actors are close without a sentiment word, as ``(start,
    end, words that say so)``: a closeness phrase the voice asserts ("are going to remain
    close", "true friends") or a break it negates ("is not going to abandon"). Not a
    closeness phrase negated, conceded, aimed at or reported as someone else's view
    (``phrase_use``), nor one followed by a ``proximity_after`` phrase ("close to a deal")."""
    markers = markers or default_markers()
    if not markers.closeness:
        return []
    kinds = {**dict.fromkeys(markers.closeness, "close"), **dict.fromkeys(markers.breaking, "break")}
    if not any_pattern(sentence, list(kinds)):
        return []  # the common case: the patterns' word index, then only the patterns it opens
    out = []
    for m in find_patterns(sentence, list(kinds)):
        said = sentence[m.start : m.end]
        after = sentence[m.end : m.end + 30]
        near = find_patterns(after, list(markers.proximity_after))
        if kinds[m.pattern] == "close" and near and not after[: near[0].start].strip():
            continue
        use = phrase_use(sentence, m.start, m.end, markers, (0, len(sentence)))
        if use.others_view or use.aimed or use.conceded:
            continue
        if kinds[m.pattern] == "close" and not use.denied:
            out.append((m.start, m.end, f"'{said}'"))
        elif kinds[m.pattern] == "break" and use.denied:
            out.append((m.start, m.end, f"'{said}', {' '.join(use.cues()[:1])}"))
    return out
