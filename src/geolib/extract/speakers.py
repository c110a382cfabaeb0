"""Who a mention refers to, within one article: short names, pronouns, "the official".

A small rule-based resolver (no coreference model is light enough for the blank
pipeline): full names are remembered with their role and affiliation; a short
name maps to the latest full name sharing a word with it; "he"/"she" to the
speaker of the previous sentence (a person, named or described), else the last person mentioned, else the last
speaker, skipping people of the other gender; "they" to the last group that spoke;
"it" to the last organisation that spoke; "the official" to an earlier speaker with
that title, else to whoever just spoke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geolib.extract.attribution import Mention, load_attribution_lexicon
from geolib.extract.gender import gender_of

PRONOUN_GENDERS = {"he": "m", "she": "f"}
ORGANISATION_RECENCY = 6  # sentences back that "the company" may refer to an organisation that spoke


@dataclass
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None  # "m" or "f", when the article shows it

    @property
    def words(self) -> list[str]:
        if self._words_of != self.name:  # cached: looked up for every name in the article
            self._words, self._words_of = self.name.replace("-", " ").split(), self.name
        return self._words

    _words: list[str] = field(default_factory=list, repr=False, compare=False)
    _words_of: str = field(default="", repr=False, compare=False)
    _seen: int = field(default=0, repr=False, compare=False)  # when last named (ArticleContext's clock)


@dataclass
class Speaker:
    """A resolved speaker: canonical name, and role and affiliation when known."""

    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None


@dataclass
class ArticleContext:
    """What the resolver remembers while reading an article in order."""

    known_people: dict[str, str] = field(default_factory=dict)  # short name -> full (actor data)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (sentence no, person name)
    speakers: list[tuple[int, Speaker]] = field(default_factory=list)  # (sentence no, speaker)
    document_sources: list[Speaker] = field(default_factory=list)  # who issued "a report by ..."
    acronyms: dict[str, str] = field(default_factory=dict)  # "CMRG" -> "China Mineral Resources Group"
    labels: dict[str, str] = field(default_factory=dict)  # the EntityRuler's label of a name ("Danish": NORP)
    # Everyone named so far (by id, most recent last), and indexes of them by name and by
    # word of the name: looking a word up among all names for every name read was quadratic.
    _recent: dict[int, Person] = field(default_factory=dict, repr=False)
    _by_name: dict[str, dict[int, Person]] = field(default_factory=dict, repr=False)
    _by_word: dict[str, dict[int, Person]] = field(default_factory=dict, repr=False)
    _clock: int = field(default=0, repr=False)

    @property
    def people(self) -> list[Person]:
        """Everyone named so far, most recent last."""
        return list(self._recent.values())

    # -- people ---------------------------------------------------------------
    def person(self, name: str, role: str | None = None, affiliation: str | None = None,
               written_with: str = "") -> Person:
        """The person a name refers to, registering full names and refreshing recency;
        ``written_with`` is the title or honorific written with the name ("Ms", "spokeswoman")."""
        found = None
        key = name_key(name)  # "O’Neill" is "O'Neill", "De Blasio" "de Blasio", "Biden Jr" "Biden"
        if len(key.split()) >= 2:  # a full name; "Vasquez-Hart" is a short one
            found = self._named(key) or self._person_extending(key)
            if found is None and key.split()[0] in _PARTICLES:  # "De Blasio" after "Bill de Blasio"
                found = self._person_ending_in(key)
        else:
            found = self._person_by_word(key)
        if found is None:
            full = self.known_people.get(name, name)
            found = self._named(full) or Person(full)
        self._seen_now(found)
        found.role = found.role or role
        found.affiliation = found.affiliation or affiliation
        found.gender = found.gender or gender_of(found.name, f"{written_with} {role or ''}")
        return found

    def _seen_now(self, person: Person) -> None:
        """Make ``person`` the most recent, registering a newcomer in the indexes."""
        key = id(person)
        if key in self._recent:
            del self._recent[key]
        else:
            self._index(person)
        self._clock += 1
        person._seen = self._clock
        self._recent[key] = person

    def _index(self, person: Person, drop: bool = False) -> None:
        key = name_key(person.name)
        for index, keys in ((self._by_name, {person.name, key}),
                            (self._by_word, {*person.words, *person.name.split(), *key.split()})):
            for key in keys:
                if drop:
                    index[key].pop(id(person), None)
                else:
                    index.setdefault(key, {})[id(person)] = person

    def knows(self, word: str) -> bool:
        """Has a person with this name or name word been met in the article?"""
        return self._person_by_word(word) is not None or self._named(word) is not None

    def _named(self, name: str) -> Person | None:
        """The person first registered under the full name ``name``."""
        holders = self._by_name.get(name)
        return min(holders.values(), key=_seen) if holders else None

    def _person_by_word(self, word: str) -> Person | None:
        """The latest person whose surname, else any part of whose name, is ``word``
        (a hyphenated surname counts whole and by its parts)."""
        holders = list(self._by_word.get(word, {}).values())
        surnamed = [p for p in holders
                    if len(p.words) > 1 and (p.words[-1] == word or p.name.split()[-1] == word)]
        if surnamed or holders:
            return max(surnamed or holders, key=_seen)
        return None

    def person_by_label(self, label: str) -> Person | None:
        """The person named earlier whose full name or surname is ``label`` in capitals, as
        transcripts write speakers ("ØSTERGAARD" for Mads Østergaard); failing that, any part
        of the name but the first ("VALDÉS" for Mercedes Valdés Ortega, "SEAH" for Seah Kok Leong)."""
        if not label.isupper():
            return None
        for person in reversed(self.people):
            if label in {person.name.upper(), person.name.split()[-1].upper()}:
                return person
        for person in reversed(self.people):
            words = person.name.upper().split()
            if label in words:
                return person
        return None

    def person_with_title(self, head: str) -> Person | None:
        """The one person met so far whose title ends in ``head`` ("president"), or None when
        none or several have it."""
        holders = [p for p in self.people if p.role and p.role.lower().split()[-1] == head]
        return holders[0] if len(holders) == 1 else None

    def _person_ending_in(self, name: str) -> Person | None:
        """The latest person whose full name ends in the two or more words of ``name`` ("Bill
        de Blasio" for "de Blasio")."""
        words = name.split()
        holders = [p for p in self._by_word.get(words[-1], {}).values()
                   if name_key(p.name).split()[-len(words):] == words and len(p.name.split()) > len(words)]
        return max(holders, key=_seen) if holders else None

    def _person_extending(self, name: str) -> Person | None:
        """A full name first met in a shorter form ("Xi", then "Xi Jinping")."""
        words = name.split()
        single = [p for word in set(words) for p in self._by_word.get(word, {}).values()
                  if len(p.words) == 1 and p.words[0] in words]
        if not single:
            return None
        person = max(single, key=_seen)
        self._index(person, drop=True)
        person.name = name
        self._index(person)
        return person

    def mention(
        self, sentence: int, name: str, role: str | None = None, affiliation: str | None = None,
        written_with: str = "",
    ) -> None:
        """Remember that a person was named (outside quotes) in sentence ``sentence``, with the
        title and honorific written there."""
        self.mentions.append((sentence, self.person(name, role, affiliation, written_with).name))

    # -- speakers -------------------------------------------------------------
    def resolve(self, mention: Mention, sentence: int) -> Speaker | None:
        """The speaker a mention at sentence ``sentence`` refers to, or None."""
        if mention.kind == "pronoun":
            return self._pronoun(mention.name, sentence)
        if mention.name in self.acronyms and mention.kind in {"org", "group", "person"}:
            return Speaker(self.acronyms[mention.name], "org", None, mention.affiliation)  # "CMRG said"
        if mention.document and mention.definite and self.document_sources:
            return self.document_sources[-1]  # "the study" after "a new report by CSIS"
        if mention.kind == "person":
            person = self.person(mention.name, mention.role, mention.affiliation, mention.text)
            return Speaker(person.name, "person", person.role, person.affiliation)
        if mention.kind in {"org", "group"} and mention.name[:1].isupper():
            fuller = self._earlier_fuller_name(mention.kind, mention.name) or self._same_body(mention.name)
            if fuller is not None:
                return fuller
        if "common-organisation" in mention.rule.split("/") and mention.definite:
            # "Ukrenergo said ... The company said"; "the Central Election Commission ... the commission"
            earlier = self._recent_organisation(sentence, mention.name.split()[-1].lower())
            if earlier is not None:
                return earlier
        if mention.kind in {"role", "group"} and mention.definite:  # "the official", "the people"
            earlier = self._earlier_with_head(mention.name.split()[-1])
            if earlier is not None:
                return earlier
            if mention.kind == "role":  # "the former Danish prime minister also said": who just spoke
                last = self.last_speaker(sentence - 2)
                if last is not None and last.kind == "person" and self._may_describe(mention.text, last):
                    return last
        speaker = Speaker(mention.name, mention.kind, mention.role if mention.kind != "role" else None,
                          mention.affiliation)
        if mention.via_document:
            self.document_sources.append(speaker)
        return speaker

    def spoke(self, sentence: int, speaker: Speaker) -> None:
        self.speakers.append((sentence, speaker))

    def last_speaker(self, since: int) -> Speaker | None:
        """The latest speaker at or after sentence ``since``."""
        if self.speakers and self.speakers[-1][0] >= since:
            return self.speakers[-1][1]
        return None

    def _earlier_fuller_name(self, kind: str, name: str) -> Speaker | None:
        """"the Economy Ministry" after "Germany's Economy Ministry": the earlier, fuller name."""
        return next((s for _, s in reversed(self.speakers) if s.kind == kind and s.name.endswith(" " + name)),
                    None)

    def _same_body(self, name: str) -> Speaker | None:
        """"China's commerce ministry" after "China's Ministry of Commerce": the same body in
        other words, named as it first spoke."""
        key = body_words(name)
        return next((s for _, s in reversed(self.speakers)
                     if s.kind == "org" and s.name != name and body_words(s.name) == key), None)

    def _recent_organisation(self, sentence: int, noun: str) -> Speaker | None:
        """The organisation that spoke last, within ``ORGANISATION_RECENCY`` sentences, that
        ``noun`` ("company", "commission") may name: its name holds that noun, or, for a company
        noun, no organisation noun at all ("BHP", "Ukrenergo": a one-word name never given a
        first name)."""
        lex = load_attribution_lexicon()
        for said_at, speaker in reversed(self.speakers):
            if sentence - said_at > ORGANISATION_RECENCY:
                return None
            bare = speaker.kind == "person" and " " not in speaker.name and speaker.role is None
            if speaker.kind != "org" and not bare:
                continue
            words = {w.lower() for w in speaker.name.split()}
            if noun in words or noun in lex.grammar["company_nouns"] and not words & lex.org_nouns:
                return speaker
        return None

    def _may_describe(self, description: str, speaker: Speaker) -> bool:
        """May "the Holm supporter" describe ``speaker``? Not when it names someone by a capitalised
        word that is no nationality and none of the speaker's name, role or affiliation (a
        supporter of Holm is not who just spoke); "the former Danish prime minister" may be."""
        known = " ".join(filter(None, (speaker.name, speaker.role, speaker.affiliation))).lower().split()
        words = description.split()[1:]  # the first word may be capitalised as a sentence's start
        if words and words[-1].lower() in load_attribution_lexicon().grammar["plain_person_nouns"]:
            return False  # "the boy", "the insider": someone new, no title of who just spoke
        return all(not w[:1].isupper() or w.lower() in known or self.labels.get(w) == "NORP" for w in words)

    def _earlier_with_head(self, head: str) -> Speaker | None:
        for _, speaker in reversed(self.speakers):
            words = speaker.name.lower().split()
            if words[-1] == head.lower() or speaker.kind != "person" and head.lower() in words:
                return speaker  # "the diplomat" after "a Western diplomat briefed on the talks"
            if speaker.role and _full_title(speaker.role.split()[-1]) == head.lower():
                return speaker  # "the senator" after "Sen. Lorraine Pettibone"
        return None

    def resolve_pronoun(self, pronoun: str, sentence: int) -> Speaker | None:
        """Who "he", "she", "it", "they" or "we" at sentence ``sentence`` refers to, if anyone."""
        return self._pronoun(pronoun, sentence)

    def _pronoun(self, pronoun: str, sentence: int) -> Speaker | None:
        if pronoun in {"they", "we"}:
            for said_at, speaker in reversed(self.speakers):
                if speaker.kind in {"group", "org"} and sentence - said_at <= 6:
                    return speaker
            return None
        if pronoun == "it":  # "what it called": the organisation that spoke just before
            for said_at, speaker in reversed(self.speakers):
                if sentence - said_at <= 3 and (speaker.kind == "org" or speaker.kind == "group"
                                                and not _head_word(speaker).endswith("s")):
                    return speaker  # "the ministry", "China's transport ministry"
            return None
        gender = PRONOUN_GENDERS.get(pronoun)
        recent = [s for n, s in self.speakers if sentence - n <= 1 and _one_person(s)
                  and self.may_be(s.name, gender)]
        named_recently = [s for s in recent if s.kind == "person"]
        if named_recently or recent:
            return (named_recently or recent)[-1]
        named = [(n, name) for n, name in self.mentions
                 if 0 <= sentence - n <= 1 and self.may_be(name, gender)]
        if named:
            latest = max(n for n, _ in named)  # the latest sentence naming someone, and in it
            person = self.person(next(name for n, name in named if n == latest))  # the first: its subject
            return Speaker(person.name, "person", person.role, person.affiliation)
        people = [s for _, s in self.speakers if s.kind == "person" and self.may_be(s.name, gender)]
        return people[-1] if people else None

    def may_be(self, name: str, gender: str | None) -> bool:
        """Could "he" or "she" (``gender``) refer to the person called ``name``?"""
        person = self._named(name)
        return gender is None or person is None or person.gender in (None, gender)


_NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
_PARTICLES = load_attribution_lexicon().particles


def name_key(name: str) -> str:
    """How a name is looked up, in an article and across a corpus: one apostrophe, a particle
    that opens a short name in lower case ("De Blasio" at a sentence's start), no generational
    suffix ("Biden Jr")."""
    words = name.replace("’", "'").split()
    while len(words) > 1 and words[-1].rstrip(",") in _NAME_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0].lower() in _PARTICLES:
        words[0] = words[0].lower()
    return " ".join(words)


def _seen(person: Person) -> int:
    return person._seen


def _one_person(speaker: Speaker) -> bool:
    """A named person, or one person described ("a Novosibirsk grain trader", "senior manager at
    the fund"), not a group or an organisation: "he" and "she" may refer back to either."""
    if speaker.kind == "person":
        return True
    if speaker.kind not in {"role", "group"}:
        return False
    head, lex = _head_word(speaker), load_attribution_lexicon()
    return not head.endswith("s") and head not in lex.group_nouns and head not in lex.org_nouns


def _head_word(speaker: Speaker) -> str:
    """The head of a described speaker: "manager" in "senior manager at the fund"."""
    return _DESCRIPTION_TAIL.split(speaker.name, maxsplit=1)[0].split()[-1].lower()


_DESCRIPTION_TAIL = re.compile(r" (?:of|at|for|in|from|with|to|on|who|whose|involved|familiar|close|based)\b")


_WORD = re.compile(r"\w+")


def body_words(name: str) -> frozenset[str]:
    """The words of an organisation's name in any order, without linking words: "China's
    Ministry of Foreign Affairs" and "China's foreign ministry" give the same set."""
    words = _WORD.findall(name.lower().replace("’s", "").replace("'s", ""))
    return frozenset(w for w in words if w not in load_attribution_lexicon().grammar["body_name_filler"])


def _full_title(word: str) -> str:
    """A title word in full and lower case ("Sen." -> "senator")."""
    word = word.lower()
    return load_attribution_lexicon().title_abbreviations.get(word, word)
