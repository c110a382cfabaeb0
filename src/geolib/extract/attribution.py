"""Attribution building blocks: reporting cues, speaker noun phrases, appositives.

Everything works on the tokens of one paragraph's spaCy ``Doc`` from the blank
pipeline (no tagger or parser), so the rules lean on word classes shipped in
``data/reporting_verbs.json`` and ``data/attribution_patterns.json``,
capitalisation, punctuation and entity labels from the EntityRuler.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy
from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from geolib.extract.gender import is_given_name
from geolib.paths import PACKAGE_DATA
from geolib.text.dates import MONTHS

POSSESSIVE = {"'s", "’s", "'", "’"}
NON_PERSON_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "DATE"}
APPOSITIVE_END = {",", ".", ";", ":", "—", "–", "(", ")", "!", "?", "“", "”", '"'}
# Windows, in tokens: how far each rule looks.
PHRASE_WINDOW = 12  # a speaker phrase, before or after its cue
RELATIVE_WINDOW = 12  # back from a cue to the "who" of a relative clause
APPOSITIVE_WINDOW = 30  # back from a comma to the comma opening an appositive
AGENT_SUFFIXES = ("er", "or", "ist")  # nouns of doers: "the buyer", "the organiser", "an economist"
AGENT_PLURAL_SUFFIXES = ("ers", "ors", "ists", "ants", "ents")  # "merchants said", "respondents said"
FIELD_WORDS = 4  # "the chief of staff", "the director of the city museum": the of-phrase of a role
POSTMODIFIER_WINDOW = 10  # back from a cue to the link word of a describing phrase
PHRASE_DEPTH = 40  # phrase lookups nested through links ("of X of Y ...") before one gives up
DESCRIPTION_WINDOW = 8  # a described speaker ("a senior Senate staffer")
TITLE_WINDOW = 8  # a title before a name, or a portfolio's role before it
NAME_WORDS = 5  # a name set off by commas after a title
ORG_NOUN_REACH = 4  # either side of a connector ("and", "of"), for an organisation noun
PARTY_TAG = re.compile(r"[A-Z]{1,3}-[A-Z][A-Za-z.]{1,12}")  # "D-Md.", "R-Texas": party and state
BRACKETED_TAG = re.compile(r"[A-Z]{1,3}(?:-[A-Z][A-Za-z.]{1,12})?")  # "(D-Ore.)", "(D)": party, maybe state
PLACE_LABELS = {"GPE", "LOC"}
PLACE_OR_PEOPLE_LABELS = PLACE_LABELS | {"NORP"}  # "US", "Chinese": in a title, never the body it serves
INITIAL = re.compile(r"[A-Z]\.")  # "T." in "Peter T. King"
HOME_TOWN_WINDOW = 8  # tokens back from a place to the "of" of "X of Springfield, Va., said"
ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")


@dataclass(frozen=True)
class AttributionLexicon:
    """Word classes for attribution, lower-cased."""

    verbs: dict[str, dict]  # lemma -> {"forms": [...], "needs_that": bool, "object": bool}
    phrases: dict[str, dict]
    group_nouns: frozenset[str]
    role_nouns: tuple[str, ...]
    roles_after_a_number: tuple[str, ...]  # "-year-old": "the 52-year-old said"
    role_words: frozenset[str]  # every word of every role noun ("prime", "minister")
    org_nouns: frozenset[str]
    place_nouns: frozenset[str]  # "Street", "Strait": the last word of a place's name
    field_nouns: frozenset[str]  # org nouns that name a field more often than a body ("policy")
    unit_nouns: frozenset[str]  # parts of an organisation ("programme", "department")
    document_nouns: frozenset[str]  # "statement", "report": they speak for their source
    determiners: frozenset[str]
    between: frozenset[str]
    link_words: frozenset[str]
    particles: frozenset[str]
    occasion_nouns: frozenset[str]
    compound_suffixes: frozenset[str]  # "-based", "-led": a hyphenated adjective, not a name
    role_modifiers: frozenset[str]  # "former", "acting": inside a title even when capitalised
    title_words: frozenset[str]  # portfolio words in titles: "defence", "economy", "press"
    not_names: frozenset[str]
    honorifics: frozenset[str]
    pronouns: dict[str, str]
    appositive_rejected: frozenset[str]
    parenthetical: frozenset[str]
    verb_forms: frozenset[str]  # every single word of every verb form
    compound_nouns: frozenset[str]  # "tank": a cue word before it is a noun ("think tank")
    collective_nouns: frozenset[str]  # "group", "delegation": "a group of senators" is one group
    title_abbreviations: dict[str, str]  # "sen." -> "senator"
    party_tags: dict[str, str]  # "D" -> "Democrat": the party a tag such as "(D-Ore.)" names
    given_names_also_places: frozenset[str]  # "Jordan", "Sofia": as written
    never_names: frozenset[str]  # words never part of a name: roles, groups, weekdays, titles
    grammar: dict[str, frozenset[str]]  # function-word classes the rules read, by name ("prepositions")


@lru_cache(maxsize=1)
def load_attribution_lexicon() -> AttributionLexicon:
    """The attribution word classes shipped in the package's data folder."""
    verbs = json.loads((PACKAGE_DATA / "reporting_verbs.json").read_text(encoding="utf-8"))
    words = json.loads((PACKAGE_DATA / "attribution_patterns.json").read_text(encoding="utf-8"))

    def lowered(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in words[key])

    role_words = frozenset(w for role in words["role_nouns"] for w in role.lower().split() if w != "of")
    with open(PACKAGE_DATA / "page_words.toml", "rb") as handle:  # "File Photo:" is a credit, no one
        credit_nouns = frozenset(tomllib.load(handle)["credit_nouns"])
    not_names = lowered("not_names") | frozenset(m.lower() for m in MONTHS) \
        | frozenset(words["grammar"]["time_nouns"]) | credit_nouns  # months: text.dates; "Hours later"
    return AttributionLexicon(
        verbs=verbs["verbs"],
        phrases=verbs["phrases"],
        group_nouns=lowered("group_nouns") | _plurals(words["role_nouns"]),
        role_nouns=tuple(w.lower() for w in words["role_nouns"]),
        roles_after_a_number=tuple(words["roles_after_a_number"]),
        role_words=role_words,
        org_nouns=lowered("org_nouns"),
        place_nouns=lowered("place_nouns"),
        field_nouns=lowered("field_nouns"),
        unit_nouns=lowered("unit_nouns"),
        document_nouns=lowered("document_nouns"),
        determiners=lowered("determiners"),
        between=lowered("between_subject_and_verb"),
        link_words=lowered("link_words"),
        particles=lowered("name_particles"),
        occasion_nouns=lowered("occasion_nouns"),
        compound_suffixes=lowered("compound_suffixes"),
        role_modifiers=lowered("role_modifiers"),
        title_words=lowered("title_words"),
        not_names=not_names,
        honorifics=lowered("honorifics"),
        pronouns={k.lower(): v for k, v in words["pronouns"].items()},
        appositive_rejected=lowered("appositive_openers_rejected"),
        parenthetical=lowered("parenthetical_adverbs"),
        compound_nouns=lowered("compound_nouns_after_cue_words"),
        collective_nouns=lowered("collective_nouns"),
        given_names_also_places=frozenset(words["given_names_also_places"]),
        title_abbreviations={k.lower(): v.lower() for k, v in words["title_abbreviations"].items()},
        party_tags=dict(words["party_tags"]),
        verb_forms=frozenset(
            word for info in verbs["verbs"].values() for form in info["forms"] for word in form.split()
            if word not in words["grammar"]["verb_form_function_words"]
        ),
        never_names=role_words | lowered("group_nouns") | not_names | lowered("honorifics"),
        grammar={name: frozenset(class_) for name, class_ in words["grammar"].items()},
    )


def is_name_word(text: str, lex: AttributionLexicon, *, role_or_group: bool, entity: bool) -> bool:
    """May ``text`` be a word of a person's name? Capitalised, made of letters (and - . '),
    no role or group word, weekday, month or honorific, and no stop word unless the
    EntityRuler knows it (``entity``). The one test behind both the token rules
    (``Phrases.is_name``) and the reading of names in narration, which has no tokens."""
    lower = text.lower()
    return (text[:1].isupper() and not role_or_group
            and lower not in lex.not_names and lower not in lex.honorifics
            and (lower not in STOP_WORDS or entity)
            and text.replace("-", "").replace(".", "").replace("'", "").replace("’", "").isalpha())


def party_aside(title: str | None, role: str | None, affiliation: str | None
                ) -> tuple[str | None, str | None]:
    """An aside's role and affiliation after a titled name: a party member's noun opening the
    aside ("Sen. X, a Republican from Ohio,") tells the party, not the role."""
    if title and role and role.split()[0].lower() in PARTY_MEMBERS:
        if all(word.lower() in PARTY_MEMBERS for word in role.split()):
            return None, role  # "Rep. X, Republican of New York,": the party; New York is the seat
        return None, affiliation or role
    return role, affiliation


def place_then_name(words: list[str], labels: list[str | None]) -> bool:
    """Two name words, a place that is also a given name then an unknown word, as in "Sofia
    Rossi" or "Jordan Bardella": a person (but "Kyiv Independent" is no one)."""
    return len(words) == 2 and labels[0] in {"GPE", "LOC"} and not labels[1] \
        and words[0] in load_attribution_lexicon().given_names_also_places


def _plurals(nouns: list[str]) -> frozenset[str]:
    """Plurals of one-word role nouns ("senators", "spokesmen", "deputies"): each names a group."""
    found = set()
    for noun in (n.lower() for n in nouns if " " not in n and "." not in n):
        if noun.endswith("man"):
            found.add(noun[:-3] + "men")
        elif noun.endswith("y") and noun[-2:-1] not in "aeiou":
            found.add(noun[:-1] + "ies")
        elif noun.endswith(("s", "x", "ch", "sh")):
            found.add(noun + "es")
        else:
            found.add(noun + "s")
    return frozenset(found)


# The function-word classes of data/attribution_patterns.json ("grammar"), by the names the
# rules below use; the data file is their one home.
_GRAMMAR = load_attribution_lexicon().grammar
PREPOSITIONS = _GRAMMAR["prepositions"]
POSTMODIFIER_PREPOSITIONS = _GRAMMAR["postmodifier_prepositions"]  # "officials on both sides"
INVERTED_FOLLOWERS = _GRAMMAR["inverted_followers"]
PARENTHETICAL_OPENERS = _GRAMMAR["parenthetical_openers"]  # "Putin, speaking in Moscow, said"
TITLE_PREPOSITIONS = _GRAMMAR["title_prepositions"]
ORG_NAME_CONNECTORS = _GRAMMAR["org_name_connectors"]
INTRODUCERS = _GRAMMAR["introducers"]  # "Asked whether ..., X said", "When ..., X said"
FINITE_VERBS = _GRAMMAR["finite_verbs"]
AFFILIATION_PREPOSITIONS = _GRAMMAR["affiliation_prepositions"]
RELATIVE_PRONOUNS = _GRAMMAR["relative_pronouns"]
FIELD_STOPS = RELATIVE_PRONOUNS | _GRAMMAR["coordinators"]  # no of-phrase of a role runs past these
NOUN_DETERMINERS = _GRAMMAR["noun_determiners"]
TIME_NOUNS = _GRAMMAR["time_nouns"]
PARTY_MEMBERS = _GRAMMAR["party_members"]  # "a Republican from Ohio": a party, not a role
SUBORDINATORS = _GRAMMAR["subordinators"]  # "while", "before": a participle after one has no phrase before it
TENURE_PREPOSITIONS = _GRAMMAR["tenure_prepositions"]  # lower case: "Under Secretary" is a title
TITLE_MODIFIERS = _GRAMMAR["title_modifiers"]  # "Vice", "Special": capitalised words inside a title
COPULAS = _GRAMMAR["copulas"]  # "who was the party's chief of staff": a title after "who"
INDEFINITE = _GRAMMAR["indefinite_determiners"]
ARTICLES = _GRAMMAR["articles"]
SERVED_BY = _GRAMMAR["served_by_prepositions"]
TITLED_NAME_SERVERS = _GRAMMAR["titled_name_servers"]
BELONGING = _GRAMMAR["belonging_prepositions"]
SOURCE_PREPOSITIONS = _GRAMMAR["source_prepositions"]
DESCRIBED_ROLE_PREPOSITIONS = _GRAMMAR["described_role_prepositions"]
LINK_PREPOSITIONS = _GRAMMAR["link_prepositions"]
DOCUMENT_SOURCE = _GRAMMAR["document_source_prepositions"]
LOCATION_PREPOSITIONS = _GRAMMAR["location_prepositions"]
AFFILIATION_LINKS = _GRAMMAR["affiliation_link_prepositions"]
PORTFOLIO_LINKS = _GRAMMAR["portfolio_links"]
CONJUNCTIONS = _GRAMMAR["conjunctions"]
ABBREVIATIONS = _GRAMMAR["abbreviations"]
NOT_BODIES = _GRAMMAR["not_bodies"]


@dataclass(frozen=True)
class Cue:
    """A reporting cue: tokens ``doc[start:end]``, its lemma, and how it takes a speaker."""

    start: int
    end: int
    lemma: str
    phrase: bool  # a phrase cue ("according to") rather than a verb
    speaker_after: bool  # phrase cues: is the speaker after the cue?
    needs_that: bool
    takes_object: bool
    no_indirect: bool = False


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, Cue]]:
    lex = load_attribution_lexicon()
    cues = PhraseMatcher(vocab, attr="LOWER")
    proto: dict[str, Cue] = {}
    for lemma, info in lex.verbs.items():
        key = f"V:{lemma}"
        cues.add(key, [vocab_doc(vocab, form) for form in info["forms"]])
        proto[key] = Cue(0, 0, lemma, False, False, bool(info.get("needs_that")), bool(info.get("object")),
                         bool(info.get("no_indirect")))
    for phrase, info in lex.phrases.items():
        key = f"P:{phrase}"
        cues.add(key, [vocab_doc(vocab, phrase)])
        proto[key] = Cue(0, 0, phrase, True, info.get("speaker") == "after", False, False)
    roles = PhraseMatcher(vocab, attr="LOWER")
    roles.add("ROLE", [vocab_doc(vocab, role) for role in lex.role_nouns])
    roles.add("AFTER_NUMBER", [vocab_doc(vocab, end) for end in lex.roles_after_a_number])
    return cues, roles, proto


def vocab_doc(vocab: Vocab, text: str) -> Doc:
    """A tokenised pattern doc (same tokenisation rules as the pipeline's for plain words)."""
    words = text.replace("-", " - ").split()
    return Doc(vocab, words=words, spaces=[True] * len(words))


def find_cues(doc: Doc) -> list[Cue]:
    """Every reporting cue in ``doc``, left to right, longest match at each place."""
    cues, _, proto = _matchers(doc.vocab)
    found: list[Cue] = []
    for match_id, start, end in sorted(cues(doc), key=lambda m: (m[1], -m[2])):
        if found and start < found[-1].end:
            continue
        base = proto[doc.vocab.strings[match_id]]
        if not base.phrase and (_inside_a_name(doc, start) or _after_a_determiner(doc, start)
                                or _before_a_compound_noun(doc, end)
                                or _plural_after_nationality(doc, start, end)):
            continue  # "the United States", "Tells Group"; "his remarks", "Lin's comments"; "think tank"
        found.append(Cue(start, end, base.lemma, base.phrase, base.speaker_after, base.needs_that,
                         base.takes_object, base.no_indirect))
    return found


def _inside_a_name(doc: Doc, i: int) -> bool:
    """A capitalised word after a capitalised word ("United States"): part of a name."""
    return doc[i].text[:1].isupper() and i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha


def _after_a_determiner(doc: Doc, i: int) -> bool:
    """A cue word after an article, a possessive or a possessive pronoun is a noun (a bare
    apostrophe is no sign: it may close a quotation)."""
    return i > 0 and (doc[i - 1].lower_ in {"'s", "’s"} or doc[i - 1].lower_ in NOUN_DETERMINERS)


def _plural_after_nationality(doc: Doc, start: int, end: int) -> bool:
    """"American calls", "Chinese claims": after a nationality word, a cue word in -s is a
    plural noun (a nationality as subject is plural and takes "call", "claim")."""
    return end - start == 1 and start > 0 and doc[start - 1].ent_type_ == "NORP" \
        and doc[start].lower_.endswith("s")


def _before_a_compound_noun(doc: Doc, end: int) -> bool:
    """A cue word followed, maybe across a hyphen, by the rest of a compound noun ("think tank")."""
    nouns = load_attribution_lexicon().compound_nouns
    after = end + 1 if end < len(doc) and doc[end].text == "-" else end
    return after < len(doc) and doc[after].lower_ in nouns


def role_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside a role phrase ("Secretary of State", "spokeswoman")."""
    _, roles, _ = _matchers(doc.vocab)
    after_number = doc.vocab.strings["AFTER_NUMBER"]
    found = set()
    for match_id, start, end in roles(doc):
        if match_id == after_number:  # "-year-old" counts only after a number: "52-year-old"
            if start == 0 or not doc[start - 1].like_num:
                continue
            start -= 1
        found.update(range(start, end))
    return found


def _before_verb_forms(doc: Doc, forms: frozenset[str]) -> list[int]:
    """Indices ``i`` (``0 < i < len(doc) - 1``) of the tokens right before a word of ``forms``,
    read from one array of lower-case hashes: most of a doc's tokens are never looked at."""
    found = numpy.isin(doc.to_array(LOWER)[2:], _form_hashes(forms))  # one array test, not a loop
    return (numpy.flatnonzero(found) + 1).tolist()


@lru_cache(maxsize=4)
def _form_hashes(forms: frozenset[str]) -> numpy.ndarray:
    return numpy.array(sorted(hash_string(form) for form in forms), dtype="uint64")


@dataclass
class Mention:
    """A speaker as written: tokens ``doc[start:end]`` and what they say about the speaker."""

    start: int
    end: int
    text: str  # as written, e.g. "Graham", "he", "some Chinese analysts"
    kind: str  # "person", "group", "org", "role" (an anonymous official) or "pronoun"
    name: str  # the name or group as it should be reported ("Chinese analysts")
    role: str | None = None
    affiliation: str | None = None
    definite: bool = False  # "the official": refers back to an earlier speaker
    document: bool = False  # "the study": a document, which speaks for its source
    via_document: bool = False  # "a report by CSIS": the source, named through its document
    rule: str = ""  # the phrase rules that shaped it, "/"-separated (see data/attribution_rules.toml)

    def mark(self, rule: str) -> Mention:
        """Note that phrase rule ``rule`` shaped this mention; returns the mention."""
        if rule not in self.rule.split("/"):
            self.rule = f"{self.rule}/{rule}" if self.rule else rule
        return self


class Phrases:
    """Noun-phrase rules over one paragraph's doc."""

    def __init__(self, doc: Doc, lex: AttributionLexicon | None = None,
                 labels: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.tokens = list(doc)  # indexing a list is far cheaper than indexing a Doc
        self.lex = lex or load_attribution_lexicon()
        self.roles, self.agent_groups = self._agent_nouns_before_cues()
        self.roles |= role_tokens(doc)
        self.labels = labels or {}  # the EntityRuler's label of every name it knows
        self._before: dict[tuple[int, int, bool], Mention | None] = {}  # see before()
        self._depth = 0  # phrases before() is looking for at once, nested

    def label(self, name: str) -> str | None:
        return self.labels.get(name)

    def _agent_nouns_before_cues(self) -> tuple[set[int], set[int]]:
        """Nouns of doers right before a reporting verb, as the role and group lists' nouns are
        (the lists cannot hold them all): a singular after a determiner is a role ("the buyer",
        "one economist"), a plural a group ("most respondents", "local merchants")."""
        tokens, roles, groups = self.tokens, set(), set()
        for i in _before_verb_forms(self.doc, self.lex.verb_forms):  # only these can pass is_cue_word
            tok = tokens[i]
            if not (tok.is_lower and tok.is_alpha and len(tok.text) > 4 and self.is_cue_word(tokens[i + 1])
                    and tok.lower_ not in self.lex.not_names and tok.lower_ not in self.lex.document_nouns) \
                    or i >= 2 and tokens[i - 2].lower_ in PREPOSITIONS:  # "a spokesman for the buyer"
                continue
            if tok.lower_.endswith(AGENT_SUFFIXES) and tokens[i - 1].lower_ in self.lex.determiners:
                roles.add(i)
            elif tok.lower_.endswith(AGENT_PLURAL_SUFFIXES) and not tok.lower_.endswith("ments"):
                groups.add(i)  # but not things: "the statements said", "the documents said"
        return roles, groups

    # -- word classes ---------------------------------------------------------
    def is_role(self, tok: Token) -> bool:
        return tok.i in self.roles

    def is_group(self, tok: Token) -> bool:
        return tok.lower_ in self.lex.group_nouns or tok.i in self.agent_groups

    def is_name(self, tok: Token) -> bool:
        """A word of a name, including the parts of a hyphenated one ("Mei-ling", "Jean-Marc")."""
        tokens, i = self.tokens, tok.i
        if self._hyphenated_particle(tok):  # "al" and "-" of "al-Harbi"
            return True
        if self.joins(tok):  # the hyphen itself
            suffix = tokens[i + 1].lower_ in self.lex.compound_suffixes  # "Beijing-based"
            return self._is_plain_name(tokens[i - 1]) and not suffix
        if i > 1 and self.joins(tokens[i - 1]) and tok.text[:1].islower():  # "ling" of "Mei-ling"
            return tok.lower_ not in self.lex.compound_suffixes and not self.is_role(tok) \
                and not self.is_group(tok) and self._is_plain_name(tokens[i - 2])  # not "Z-blogger"
        if i > 0 and tok.is_title and tok.is_alpha and tokens[i - 1].lower_ in self.lex.honorifics:
            return True  # "Mr. King", "Ms. Bishop": after an honorific, a title word is a surname
        before = tokens[i - 1] if i > 0 else None
        if before is not None and tok.is_title and tok.is_alpha and (is_given_name(before.text) or (
                INITIAL.fullmatch(before.text) and i > 1 and self._is_plain_name(tokens[i - 2]))):
            return True  # "Amy Pope", "Peter T. King": after a given name or an initial, a surname
        return self._is_plain_name(tok)

    def _hyphenated_particle(self, tok: Token) -> bool:
        """The particle or hyphen of a name such as "al-Harbi" or "el-Sisi"."""
        tokens, i = self.tokens, tok.i
        if tok.lower_ in self.lex.particles:
            return i + 2 < len(tokens) and self.joins(tokens[i + 1]) and self._is_plain_name(tokens[i + 2])
        return self.joins(tok) and tokens[i - 1].lower_ in self.lex.particles \
            and self._is_plain_name(tokens[i + 1])

    def joins(self, tok: Token) -> bool:
        """A hyphen inside a word, as spaCy splits "Mei-ling" or "Beijing-based"."""
        doc, tokens, i = self.doc, self.tokens, tok.i
        return tok.text == "-" and 0 < i < len(doc) - 1 and not tokens[i - 1].whitespace_ \
            and not tok.whitespace_ and tokens[i - 1].is_alpha and tokens[i + 1].is_alpha

    def _is_plain_name(self, tok: Token) -> bool:
        return is_name_word(tok.text, self.lex, role_or_group=self.is_role(tok) or self.is_group(tok),
                            entity=bool(tok.ent_type_))

    def is_modifier(self, tok: Token) -> bool:
        """A word that may stand inside a noun phrase before its head."""
        if self.joins(tok):
            return True
        if tok.is_punct and tok.text not in "-":
            return False
        if tok.lower_ in self.lex.determiners:
            return False
        if self.is_name(tok) or self.is_role(tok) or self.is_group(tok):
            return True
        if tok.lower_ in self.lex.honorifics or tok.lower_ in self.lex.role_modifiers:
            return True  # "Mr", "former", "acting"
        if ORDINAL.fullmatch(tok.lower_):
            return True  # "Air Force 1st Lt. Tyler Livingston", "the 3rd District"
        if tok.text[:1].isupper() and tok.is_ascii and tok.text.isalnum() and not tok.is_alpha:
            return True  # a body's code before a title: "L2 president Bruce Willsie", "G7 leaders"
        return tok.is_alpha and not tok.is_stop and tok.text[:1].islower() and not self.is_cue_word(tok) \
            and not self._verb_after_name(tok)

    def _verb_after_name(self, tok: Token) -> bool:
        """"Demchuk thanked", "the woman rallied": a past-tense word right after a name, a role
        or a group is its verb, not a modifier."""
        if not tok.i or not tok.lower_.endswith("ed"):
            return False
        before = self.tokens[tok.i - 1]
        return before.is_alpha and (
            before.text[:1].isupper() or self.is_role(before) or self.is_group(before))

    def is_cue_word(self, tok: Token) -> bool:
        """A reporting verb's word ("said"), not in a name ("United States") or a noun ("think tank")."""
        return tok.lower_ in self.lex.verb_forms and not tok.text[:1].isupper() and \
            not _before_a_compound_noun(self.doc, tok.i + 1)

    def is_head(self, tok: Token) -> bool:
        return self.is_name(tok) or self.is_group(tok) or self.is_role(tok) or tok.lower_ == "others" \
            or self._common_organisation(tok)

    def _common_organisation(self, tok: Token) -> bool:
        """An organisation named by its common noun ("the company", "the utility")."""
        lower = tok.lower_
        return tok.text.islower() and lower in self.lex.org_nouns and lower not in NOT_BODIES

    # -- noun phrases ---------------------------------------------------------
    def after(self, i: int, limit: int) -> Mention | None:
        """The speaker phrase starting at token ``i`` (before ``limit``): "said X ..."."""
        tokens = self.tokens
        if i >= limit:
            return None
        if tokens[i].lower_ in self.lex.pronouns:
            return self._pronoun(i)
        start = i
        j = i
        if tokens[j].lower_ in self.lex.determiners:
            j += 1
        while j < limit and j - start < PHRASE_WINDOW:
            beyond = tokens[j + 1] if j + 1 < limit else None
            if not self._inside_phrase(tokens[j], beyond if j > start else None):
                break
            j += 1
        if j > start and j + 1 < limit and tokens[j - 1].lower_ in self.lex.collective_nouns \
                and tokens[j].lower_ == "of":  # "a bipartisan group of senators"
            members = self.after(j + 1, limit)
            if members is not None and members.kind == "group":
                members.start = start
                self._name_as_group(members, members.end)
                return members.mark("collective-group")
        phrase_end = j
        while j > start and not self.is_head(tokens[j - 1]):
            j -= 1
        if j == start or j < phrase_end and tokens[j - 1].ent_type_ == "NORP":
            return None  # "Chinese customs data": a nationality describing a noun is no speaker
        mention = self.interpret(start, j)
        if mention is not None:
            mention = self._link_after(mention, limit)
        if mention is not None and mention.kind == "role":
            mention = self._name_after_title(mention, limit) or mention
        return self._with_party_tag(mention)

    def _name_after_title(self, title: Mention, limit: int) -> Mention | None:
        """``the deputy minister, Iryna Voloshko,`` or ``A spokesman for the German government,
        Lutz Ebersbach,``: a title, maybe with its organisation, then a name set off by commas."""
        tokens = self.tokens
        comma = title.end
        if comma < limit and tokens[comma].lower_ in TITLE_PREPOSITIONS:
            comma = self.appositive_end(comma + 1, limit)
        if comma >= limit or tokens[comma].text != ",":
            return None
        end = self.appositive_end(comma + 1, limit)
        if comma == title.end:
            return self._named_after_title(comma, end, title.start)
        if not self._short_name(comma + 1, end):
            return None
        role, affiliation = split_role_affiliation(self.doc[title.start : comma], self)
        return Mention(title.start, end, self.doc[title.start : end].text, "person",
                       self.doc[comma + 1 : end].text, role=role, affiliation=affiliation,
                       rule="name-after-title")

    def before(self, k: int, floor: int, appositive: bool = True) -> Mention | None:
        """The speaker phrase ending just before token ``k`` (not before ``floor``): "X said"."""
        # Memoised: each link rule asks again for the phrase before the same word, so a chain
        # of "for X at Y" links took exponential time; callers get a copy they may change.
        key = (k, floor, appositive)
        if key not in self._before:
            if self._depth >= PHRASE_DEPTH:
                return None  # a chain of links this deep is no speaker phrase (and would overflow the stack)
            self._depth += 1
            try:
                self._before[key] = self._with_party_tag(self._phrase_before(k, floor, appositive))
            finally:
                self._depth -= 1
        found = self._before[key]
        return None if found is None else replace(found)

    def _phrase_before(self, k: int, floor: int, appositive: bool) -> Mention | None:
        tokens = self.tokens
        while k > floor:
            if tokens[k - 1].lower_ in self.lex.between:
                k -= 1
            elif k - 3 >= floor and tokens[k - 1].text == "," and tokens[k - 3].text == "," \
                    and tokens[k - 2].lower_ in self.lex.parenthetical:
                k -= 3  # "Others, however, argued"
            elif (opened := self._party_tag_before(k, floor)) is not None:
                k = opened  # "Rep. Anna Berg (D-Ore.) said"
            elif self._manner_adverb(k, floor):
                k -= 1  # "Quint emphatically said"
            else:
                break
        if k <= floor:
            return None
        last = tokens[k - 1]
        if last.lower_ in self.lex.pronouns:
            return self._pronoun(k - 1)
        if last.text == "," and appositive:
            return self._subject_with_appositive(k - 1, floor)
        relative = self._relative_clause(k, floor)
        if relative is not None:  # "A retired general who served in Ladakh told me"
            mention = self.before(relative, floor, appositive)
            if mention is not None and mention.kind in {"person", "role"}:
                # a group keeps its clause: "people who were present" says who they are
                return mention.mark("relative-clause")
        j = k
        while j > floor and k - j < PHRASE_WINDOW:
            beyond = tokens[j - 2] if j - 1 > floor else None
            if not self._inside_phrase(tokens[j - 1], beyond):
                break
            j -= 1
        if (located := self._organisation_in_place(j, k, floor)) is not None:
            return located
        if j > floor and tokens[j - 1].lower_ in self.lex.determiners:
            j -= 1
        elif j > floor and tokens[j - 1].lower_ in PREPOSITIONS:  # "In Bratislava Mr Ouyang told"
            place_end = j
            while place_end < k - 1 and tokens[place_end].ent_type_ in PLACE_LABELS:
                place_end += 1
            if tokens[place_end].text not in POSSESSIVE:  # but "from China's commerce ministry"
                j = place_end
        if j == k or not (self.is_head(tokens[k - 1]) or self._organisation_name(j, k)):
            return self._postmodified(k, floor)
        mention = self.interpret(j, k)
        if mention is None:
            return None
        return self._coordinated(self._described_before(mention, floor) or self._link_before(mention, floor),
                                 floor)

    def _organisation_in_place(self, j: int, k: int, floor: int) -> Mention | None:
        """``The U.S. Embassy in Mexico City said``: an organisation located by "in" and the
        place ``doc[j:k]``, which speaks as the whole phrase."""
        tokens = self.tokens
        while j - 1 > floor and tokens[j - 1].ent_type_ in PLACE_LABELS:
            j -= 1
        if j >= k or j - 2 < floor or tokens[j - 1].lower_ != "in" or tokens[j].ent_type_ not in PLACE_LABELS:
            return None
        if tokens[j - 2].lower_ not in self.lex.org_nouns or not tokens[j - 2].text[:1].isupper():
            return None
        org = self.before(j - 1, floor, appositive=False)
        if org is None or org.kind not in {"org", "group"} or org.end != j - 1:
            return None
        org.kind = "org"
        org.end, org.text = k, self.doc[org.start : k].text
        org.name = f"{org.name} in {self.doc[j:k].text}"
        return org.mark("organisation-in-place")

    def _relative_clause(self, k: int, floor: int) -> int | None:
        """Where a relative clause set off by no comma ends the subject before a cue at ``k``
        ("A senior diplomat | who asked not to be named | said"): the "who", at most twelve
        tokens back and with no punctuation between."""
        tokens = self.tokens
        # "the farmer who asked": the clause's own verb comes first
        for j in range(k - 2, max(floor, k - RELATIVE_WINDOW), -1):
            if tokens[j].is_punct:
                return None
            if tokens[j].lower_ == "who":
                return j if tokens[j - 1].text != "," else None
        return None

    def _described_before(self, org: Mention, floor: int) -> Mention | None:
        """``a senior official in the Ministry of Petroleum said``, ``an official at one of the
        big carmakers told``, ``a spokesman for Agriculture Minister Jean Dupont said``: a role
        described by what it belongs to, spoken of as described. A name after "at", "for" or
        "of" is the one the role serves, not the speaker."""
        tokens, a = self.tokens, org.start
        if org.kind == "group":  # "one of the three big carmakers", "one of the country’s three ..."
            if a - 2 > floor and tokens[a - 1].text in POSSESSIVE:
                a -= 1
                while a - 1 > floor and self.is_modifier(tokens[a - 1]):
                    a -= 1
            if a - 1 > floor and tokens[a - 1].lower_ == "the":
                a -= 1
            if not (a - 3 >= floor and tokens[a - 1].lower_ == "of" and tokens[a - 2].lower_ == "one"):
                return None
            a -= 2
        elif org.kind == "person":
            if a - 2 < floor or tokens[a - 1].lower_ not in SERVED_BY:
                return None
        elif org.kind != "org" or not self._org_like(a, org.end):
            return None
        if a - 2 < floor or tokens[a - 1].lower_ not in BELONGING:
            return None
        if self._name_follows(org.end):
            return None
        head = self.before(a - 1, floor, appositive=False)
        if head is None or head.kind != "role" or head.end != a - 1:
            return None
        self._as_anonymous_source(head, org.end)
        return head

    def subject(self, floor: int, k: int) -> Mention | None:
        """The first speaker-like phrase in ``doc[floor:k]`` not governed by a preposition:
        the subject of "Xi took pains ..., saying" or of a colon lead-in."""
        tokens = self.tokens
        floor = self._after_run_in_heading(floor, k)
        opener = tokens[floor].lower_ if floor < k else ""
        participle = opener.endswith(("ed", "ing")) and not tokens[floor].ent_type_  # not "Beijing"
        if opener in INTRODUCERS or participle:
            comma = next((i for i in range(floor, k) if tokens[i].text == ","), None)
            floor = comma + 1 if comma is not None else floor  # "Asked what ..., Sorokina did not hesitate:"
        for i in range(floor, k):
            if tokens[i].is_punct or (i > floor and tokens[i - 1].lower_ in PREPOSITIONS):
                continue
            if i > floor and not tokens[i - 1].is_punct and tokens[i - 1].lower_ not in self.lex.determiners \
                    and tokens[i - 1].is_stop is False:
                continue  # inside a phrase already passed over
            mention = self.after(i, k)
            if mention is not None:
                return mention
        return None

    def _after_run_in_heading(self, floor: int, k: int) -> int:
        """Past a run-in heading in capitals that opens ``doc[floor:k]`` ("TAKING BACK OUR
        SOVEREIGNTY: President Trump refuses ..."): two or more words, then a colon."""
        tokens, j = self.tokens, floor
        while j < k and tokens[j].is_upper and (tokens[j].is_alpha or tokens[j].text in {"'", "’", "-", ","}):
            j += 1
        return j + 1 if j - floor >= 2 and j < k and tokens[j].text == ":" else floor

    def _inside_phrase(self, tok: Token, beyond: Token | None) -> bool:
        """May ``tok`` stand inside a speaker phrase, given the token ``beyond`` it?
        A possessive or a name particle ("van", "al") needs a name-like word beyond."""
        if self.is_modifier(tok) or tok.lower_ == "others":
            return True
        if tok.lower_ in TITLE_PREPOSITIONS and tok.i > 0 and self.is_role(self.tokens[tok.i - 1]):
            return True  # "ambassador to China", "minister for trade"
        if self._connects_org_name(tok):
            return True
        if beyond is None:
            return False
        if tok.text in POSSESSIVE:
            return self.is_modifier(beyond)
        return tok.lower_ in self.lex.particles and self.is_name(beyond)

    def _connects_org_name(self, tok: Token) -> bool:
        """"and", "for", "of" inside an organisation's name ("Center for Strategic and
        International Studies", "Ministry of Foreign Affairs"), not between two names."""
        doc, tokens, i = self.doc, self.tokens, tok.i
        if tok.lower_ not in ORG_NAME_CONNECTORS or i == 0 or i + 1 >= len(doc):
            return False
        if not (tokens[i - 1].text[:1].isupper() and tokens[i + 1].text[:1].isupper()):
            return False
        window = doc[max(0, i - ORG_NOUN_REACH) : i + ORG_NOUN_REACH + 1]
        return any(t.lower_ in self.lex.org_nouns and t.text[:1].isupper() for t in window)

    def described(self, i: int, limit: int) -> Mention | None:
        """"a senior Senate staffer" after a sign-off dash: an anonymous speaker described
        by an indefinite noun phrase, up to the next comma."""
        doc, tokens = self.doc, self.tokens
        if i >= limit or tokens[i].lower_ not in INDEFINITE:
            return None
        end = self.appositive_end(i + 1, limit)
        if end - i < 2 or end - i > DESCRIPTION_WINDOW or any(self.is_cue_word(t) for t in tokens[i:end]):
            return None
        return Mention(i, end, doc[i:end].text, "role", _group_name(doc[i:end], self),
                       rule="described-after-dash")

    def described_after_cue(self, i: int, limit: int) -> Mention | None:
        """``"...," said the designer, who ...``: after an inverted cue, a determiner and one to
        three lower-case words where an inverted speaker may end (a comma, a full stop, "on
        Monday") describe the speaker, even with a noun no word list holds. Not linked back to
        an earlier speaker."""
        tokens = self.tokens
        if i >= limit or tokens[i].lower_ not in NOUN_DETERMINERS:
            return None
        j = i + 1
        while j < limit and j - i <= 3 and tokens[j].is_alpha and tokens[j].is_lower \
                and not tokens[j].is_stop and not self.is_cue_word(tokens[j]):
            j += 1
        if j == i + 1 or j - i > 3 or not self.clean_end(j, limit):
            return None
        if j < limit and tokens[j].text in "(-–—":
            return None
        head = tokens[j - 1].lower_
        if head in self.lex.occasion_nouns or head in TIME_NOUNS or head.endswith("ly"):
            return None  # "said the day before", "said the next morning"
        return Mention(i, j, self.doc[i:j].text, "role", _group_name(self.doc[i + 1 : j], self),
                       rule="described-after-cue")

    def _pronoun(self, i: int) -> Mention | None:
        tok = self.tokens[i]
        kind = self.lex.pronouns[tok.lower_]
        if kind == "writer":
            return None
        return Mention(i, i + 1, tok.text, "pronoun", tok.lower_, rule="pronoun")

    def _home_town(self, a: int, b: int) -> bool:
        """Is ``doc[a:b]`` a place, or a town that a place after a comma follows ("Springfield,
        Va.")? Then "of" it says where the speaker lives, not whom they speak for."""
        tokens = self.tokens
        if a >= b or not all(t.text == "," or (t.is_title or t.ent_type_ in PLACE_LABELS)
                             and t.lower_ not in self.lex.org_nouns for t in tokens[a:b]):
            return False  # "of the Bank of Norway" is a body
        return tokens[b - 1].ent_type_ in PLACE_LABELS or b + 1 < len(tokens) and tokens[b].text == "," \
            and tokens[b + 1].ent_type_ in PLACE_LABELS

    def _named_with_home_town(self, comma: int, floor: int) -> Mention | None:
        """"Rachel Woolard of Jacksonville, Fla., said": a person, then "of" and a home town ending
        in a place, set off by no comma before "of"."""
        tokens = self.tokens
        if comma < 1 or tokens[comma - 1].ent_type_ not in PLACE_LABELS:
            return None
        of = next((j for j in range(comma - 2, max(floor, comma - HOME_TOWN_WINDOW) - 1, -1)
                   if tokens[j].lower_ == "of"), None)
        if of is None or not self._home_town(of + 1, comma):
            return None
        mention = self.before(of, floor, appositive=False)
        return mention if mention is not None and mention.kind == "person" else None

    def _subject_with_appositive(self, comma: int, floor: int) -> Mention | None:
        """``X, a professor at Y, said``: the name before the appositives. Up to three may
        stand in a row ("Sir Malcolm Teague, the chair of the China Research Group, a caucus
        of Conservative MPs, said"); the one next to the name gives role and affiliation."""
        if (named := self._named_with_home_town(comma, floor)) is not None:
            return named
        tokens = self.tokens
        end, found = comma, None
        described: tuple[str | None, str | None] = (None, None)
        for _ in range(3):
            j = end - 1
            while j > floor and end - j < APPOSITIVE_WINDOW and (
                    tokens[j].text != "," or self._place_goes_on(j, end)):
                if self._bracketed_acronym(j):
                    j -= 3  # "at the Indian Council for ... (ICRIER),"
                    continue
                if tokens[j].text in APPOSITIVE_END - {","} and not self._abbreviation_stop(j):
                    return found
                j -= 1
            if j <= floor or tokens[j].text != ",":
                return found
            named = self._named_after_title(j, end, floor) or self._org_named_after_description(j, end, floor)
            if named is not None:
                return named
            role, affiliation = self.appositive(j + 1, end)
            aside = role is None and affiliation is None
            if aside and not self._parenthetical(j + 1, end):
                return found  # "Putin, speaking in Moscow, said" is an aside; a list is not
            if aside and found is None:
                role, affiliation = described  # "X, 67, a retired teacher,": the title after the aside
            described = (role, affiliation)
            mention = self.before(j, floor, appositive=False)
            if mention is not None and mention.affiliation \
                    and not any(self.is_role(t) for t in tokens[j + 1 : end]):
                role, affiliation = None, None  # "Kanaan of Global SWF, a data firm,": the firm's aside
            if mention is not None and mention.kind != "pronoun":
                role, affiliation = party_aside(mention.role, role, affiliation)
                mention.role = role or mention.role
                mention.affiliation = affiliation or mention.affiliation
                found = mention.mark("appositive") if role or affiliation else mention
                if mention.kind == "person":
                    return mention
            end = j
        return found

    def _place_goes_on(self, comma: int, end: int) -> bool:
        """Is the comma at ``comma`` inside a place name ("from Kumasi, Ghana,"): a place
        before it, and nothing but a place between it and ``end``?"""
        tokens = self.tokens
        after = tokens[comma + 1 : end]
        before = tokens[comma - 1] if comma > 0 else None
        return before is not None and (before.ent_type_ in PLACE_LABELS or before.text[:1].isupper()
                                       and before.is_alpha) \
            and bool(after) and all(t.ent_type_ in PLACE_LABELS for t in after)

    def _abbreviation_stop(self, j: int) -> bool:
        """Is the full stop at ``j`` an abbreviation's ("No. 2", "Sen."), not a sentence's end?"""
        tokens = self.tokens
        return tokens[j].text == "." and j > 0 and not tokens[j - 1].whitespace_ \
            and tokens[j - 1].lower_ in ABBREVIATIONS

    def _org_named_after_description(self, comma: int, end: int, floor: int) -> Mention | None:
        """``Germany's auto industry association, the VDA, warned``: an organisation described,
        then named; it speaks by its name."""
        tokens = self.tokens
        first = comma + 1
        if first < end and tokens[first].lower_ == "the":
            first += 1
        if not self._short_name(first, end) or tokens[comma - 1].lower_ not in self.lex.org_nouns:
            return None
        described = self.before(comma, floor, appositive=False)
        if described is None or described.kind != "org" or not tokens[comma - 1].text.islower():
            return None
        return Mention(described.start, end, self.doc[described.start : end].text, "org",
                       self.doc[first:end].text, rule="organisation-after-description")

    def _bracketed_acronym(self, j: int) -> bool:
        """Does token ``j`` close an acronym in brackets ("(ICRIER)")?"""
        tokens = self.tokens
        return tokens[j].text == ")" and j >= 2 and tokens[j - 2].text == "(" and tokens[j - 1].text.isupper()

    def _short_name(self, a: int, b: int) -> bool:
        """Is ``doc[a:b]`` a name of one to five words (not empty, as in "an executive, “…”")?"""
        return 0 < b - a <= NAME_WORDS and all(self.is_name(t) for t in self.tokens[a:b])

    def _named_after_title(self, comma: int, end: int, floor: int) -> Mention | None:
        """``the foreign secretary, Rachel Adeyemi, said``: a name set off after a title."""
        doc, tokens = self.doc, self.tokens
        first = comma + 1
        if first < end - 1 and tokens[first].lower_ in self.lex.honorifics:
            first += 1  # "Britain's ambassador, Sir Rupert Calloway,"
        if not self._short_name(first, end):
            return None
        title = self.before(comma, floor, appositive=False)
        if title is not None and title.kind in {"org", "group"} and title.start - 1 > floor \
                and tokens[title.start - 1].lower_ in TITLE_PREPOSITIONS:
            role = self.before(title.start - 1, floor, appositive=False)  # "A spokesman for the government,"
            if role is not None and role.kind == "role" and role.end == title.start - 1:
                role_text, affiliation = split_role_affiliation(doc[role.start : comma], self)
                name = doc[first:end].text
                return Mention(role.start, end, doc[role.start : end].text, "person", name, role=role_text,
                               affiliation=affiliation, rule="name-after-title")
        if title is None or title.kind == "org" and tokens[comma - 1].ent_type_ in PLACE_LABELS:
            place = comma  # "Russia's ambassador to Kazakhstan, Yefim Tolmachyov,": a title ending in a place
            while place - 1 > floor and tokens[place - 1].ent_type_ in PLACE_LABELS:
                place -= 1
            if place < comma and place - 1 > floor and tokens[place - 1].lower_ in TITLE_PREPOSITIONS:
                title = self.before(place - 1, floor, appositive=False) or title
        if title is None or title.kind != "role":  # "A lawyer for the news outlets, David Schulz,"
            for link in range(comma - 2, max(floor, comma - NAME_WORDS - 2), -1):
                if tokens[link].is_punct:
                    break
                if tokens[link].lower_ in TITLE_PREPOSITIONS:
                    role = self.before(link, floor, appositive=False)
                    if role is not None and role.kind == "role" and role.end == link:
                        role_text, affiliation = split_role_affiliation(doc[role.start : comma], self)
                        return Mention(role.start, end, doc[role.start : end].text, "person",
                                       doc[first:end].text, role=role_text, affiliation=affiliation,
                                       rule="name-after-title")
                    break
        if title is None:
            return self._named_after_description(comma, first, end, floor)
        if title.kind != "role":
            return None
        name = doc[first:end]
        words = _words(t for t in tokens[title.start : comma] if t.lower_ not in self.lex.determiners)
        role, affiliation = split_title(words, self.label, self.lex)
        return Mention(title.start, end, doc[title.start : end].text, "person", name.text, role=role,
                       affiliation=title.affiliation or affiliation, rule="name-after-title")

    def _named_after_description(self, comma: int, first: int, end: int, floor: int) -> Mention | None:
        """``the attacker, Jonas Berg, said`` / ``another old classmate, Jonas Berg,``: a name
        set off after a description that names no known role (its words become the role)."""
        doc, tokens = self.doc, self.tokens
        start = comma - 1
        while start > floor and comma - start <= DESCRIPTION_WINDOW and tokens[start].is_alpha \
                and tokens[start].text.islower() and tokens[start].lower_ not in NOUN_DETERMINERS \
                and tokens[start].lower_ not in INDEFINITE and not self.is_cue_word(tokens[start]):
            start -= 1
        opener = tokens[start].lower_
        if start == comma - 1 or not (opener in NOUN_DETERMINERS or opener in INDEFINITE):
            return None
        if start > floor and not tokens[start - 1].is_punct:
            return None  # the description must open its clause ("..., said the attacker, X,")
        role = doc[start + 1 : comma].text
        return Mention(start, end, doc[start:end].text, "person", doc[first:end].text, role=role,
                       rule="name-after-title")

    def _manner_adverb(self, k: int, floor: int) -> bool:
        """Is token ``k - 1`` an adverb in -ly between a speaker's name or head noun (or the comma
        closing an aside) and the cue ("Quint emphatically said", "Quint, after the vote,
        initially said")? Not a noun in -ly ("the family said", "an ally said")."""
        tokens = self.tokens
        word = tokens[k - 1]
        return k - 2 >= floor and word.is_lower and word.is_alpha and len(word.text) > 4 \
            and word.lower_.endswith("ly") and word.lower_ not in self.lex.group_nouns \
            and word.lower_ not in self.lex.role_words \
            and (self.is_name(tokens[k - 2]) or self.is_head(tokens[k - 2]) or tokens[k - 2].text == ",")

    def _with_party_tag(self, mention: Mention | None) -> Mention | None:
        """A person's party from a tag right after the name ("Rep. Anna Berg (D-Ore.)", "Sen. X,
        R-Texas,"), as their affiliation when nothing else gives one."""
        if mention is None or mention.kind != "person" or mention.affiliation:
            return mention
        tokens, i = self.tokens, mention.end
        if i >= len(tokens) or tokens[i].text not in {"(", ","}:
            return mention
        closers = {")"} if tokens[i].text == "(" else {",", ".", "\n"}  # "said Sen. X, D-Md." ends too
        end = min(i + 8, len(tokens))
        j = next((j for j in range(i + 1, end + 1) if j == len(tokens) or tokens[j].text in closers), None)
        tag = self.doc[i + 1 : j].text if j is not None else ""
        if (BRACKETED_TAG if ")" in closers else PARTY_TAG).fullmatch(tag):
            mention.affiliation = self.lex.party_tags.get(tag.split("-")[0]) or mention.affiliation
        return mention

    def _party_tag_before(self, k: int, floor: int) -> int | None:
        """Where a bracketed party tag ending just before token ``k`` opens ("(D-Ore.)", "(R)"), if any."""
        tokens = self.tokens
        if tokens[k - 1].text != ")":
            return None
        for j in range(k - 2, max(floor, k - 8) - 1, -1):
            if tokens[j].text == "(":
                inside = "".join(t.text_with_ws for t in tokens[j + 1 : k - 1]).strip()
                return j if BRACKETED_TAG.fullmatch(inside) and j > floor else None
        return None

    def _parenthetical(self, a: int, b: int) -> bool:
        """Is ``doc[a:b]`` an aside between a subject and its verb: a participle phrase,
        a relative clause or a prepositional phrase (not a list of further subjects)?"""
        first = self.tokens[a]
        if a < b and PARTY_TAG.fullmatch(self.doc[a:b].text):
            return True  # "Sen. Lorraine Pettibone, D-Md., said"
        if b - a == 1 and first.like_num:
            return True  # an age: "Nadiia Lysenko, 67, a retired teacher, said"
        if b - a >= 3 and first.is_title and self.tokens[a + 1].lower_ == "of" \
                and all(t.text[:1].isupper() or t.text in {",", "."} for t in self.tokens[a + 2 : b]):
            return True  # a party and a constituency: "Steve Holm, Democrat of Tennessee, said"
        if first.lower_ == "of" and b - a >= 2 and self.tokens[b - 1].ent_type_ in PLACE_LABELS and all(
                t.text[:1].isupper() or t.text == "," for t in self.tokens[a + 1 : b]):
            return True  # where the speaker is from: "Ann Wilson, of Springfield, Va., said"
        if a >= b or not first.text[:1].islower():
            return False
        return first.lower_ in PARENTHETICAL_OPENERS or first.lower_ in self.lex.parenthetical or (
            first.lower_.endswith("ing") and first.is_alpha)

    def _postmodified(self, k: int, floor: int) -> Mention | None:
        """``diplomats familiar with the talks said`` / ``officials who attended said``: a
        group or role head followed by a descriptive phrase that opens with a link word."""
        tokens = self.tokens
        if k - 1 <= floor or tokens[k - 1].is_punct or tokens[k - 1].lower_ in PREPOSITIONS \
                or tokens[k - 1].lower_ in SUBORDINATORS:
            return None  # "... Americans by | asking", "... for president while | adding": no speaker phrase
        for p in range(k - 2, max(floor, k - POSTMODIFIER_WINDOW), -1):
            tok = tokens[p]
            if (tok.is_punct and tok.text != "-") or self.is_cue_word(tok):
                return None
            timed = tok.lower_ == "on" and not tokens[p + 1].text[:1].islower()  # "on Thursday"
            if (tok.lower_ in self.lex.link_words or tok.lower_ in POSTMODIFIER_PREPOSITIONS) and p > floor \
                    and not timed:
                head = self.before(p, floor, appositive=False)
                if head is not None and head.kind in {"group", "role"} and head.end == p:
                    self._name_as_group(head, k)
                    return head.mark("postmodified-group")
            field = tokens[p + 1 : k]  # "of staff", "of the museum": a short phrase of plain words
            if tok.lower_ == "of" and p > floor and len(field) <= FIELD_WORDS and all(
                    t.is_lower and t.is_alpha and t.lower_ not in FIELD_STOPS for t in field):
                head = self.before(p, floor, appositive=False)
                if head is not None and head.kind in {"group", "role"} and head.end == p \
                        and "postmodified-group" not in head.rule.split("/"):
                    # "the chief of staff", "critics of the plan": a role or group of a field
                    head.name = f"{head.name} {self.doc[p:k].text}"
                    head.end, head.text = k, self.doc[head.start : k].text
                    return head.mark("role-of-field")
        return None

    def _coordinated(self, mention: Mention, floor: int) -> Mention:
        """``Britain and Australia have vowed``: one joint speaker, named whole (people
        joined by "and" are left apart: each is remembered by name)."""
        a = mention.start
        if mention.kind in {"person", "pronoun"} or a - 2 < floor or self.tokens[a - 1].lower_ != "and":
            return mention
        first = self.before(a - 1, floor, appositive=False)
        if first is None or first.kind in {"person", "pronoun"} or first.end != a - 1:
            return mention
        span = self.doc[first.start : mention.end]
        return Mention(first.start, mention.end, span.text, "group", _group_name(span, self),
                       rule="coordinated-group")

    def _link_before(self, mention: Mention, floor: int) -> Mention:
        """``experts quoted in state media`` / ``Astrov of the Vienna Institute``."""
        doc, tokens = self.doc, self.tokens
        a = mention.start
        if a - 2 >= floor and tokens[a - 1].lower_ in LINK_PREPOSITIONS - {"of"} \
                and tokens[a - 2].lower_ in self.lex.link_words:
            head = self.before(a - 2, floor, appositive=False)
            if head is not None and head.kind in {"group", "role", "person"}:
                self._name_as_group(head, mention.end)
                return head.mark("postmodified-group")
        linked_by = tokens[a - 1].lower_ if a - 1 > floor else ""
        if linked_by == "of" and mention.kind == "group" and a - 2 >= floor \
                and tokens[a - 2].lower_ in self.lex.collective_nouns:  # "a bipartisan group of senators"
            start = a - 2
            while start > floor and self.is_modifier(tokens[start - 1]):
                start -= 1
            mention.start = start - 1 if start > floor and tokens[start - 1].lower_ in self.lex.determiners \
                else start
            self._name_as_group(mention, mention.end)
            return mention.mark("collective-group")
        if linked_by in DOCUMENT_SOURCE and mention.kind in {"group", "org"}:
            document = self.before(a - 1, floor, appositive=False)
            if document is not None and self._is_document(document):
                mention.start = document.start  # "a statement from the ministry said": the ministry
                mention.text = doc[document.start : mention.end].text
                mention.via_document = True
                return mention.mark("document-source")
        if linked_by in LOCATION_PREPOSITIONS - {"in"} or linked_by == "in" and self._place(mention):
            head = self.before(a - 1, floor, appositive=False)  # "the Chinese embassy in London"
            if head is not None and head.kind in {"group", "org", "role"} and head.end == a - 1:
                self._name_as_group(head, mention.end)
                head.kind = "group" if head.kind == "role" else head.kind
                return head.mark("located-group")
        if linked_by in SOURCE_PREPOSITIONS and mention.kind in {"org", "group"} \
                and not self._name_follows(mention.end):
            head = self.before(a - 1, floor, appositive=False)  # "a spokesman for the Kremlin"
            if head is not None and head.kind == "role" and head.end == a - 1:
                self._as_anonymous_source(head, mention.end)
                return head
        if linked_by in AFFILIATION_LINKS and self._org_like(a, mention.end):
            head = self.before(a - 1, floor, appositive=False)
            if head is not None and head.kind in {"person", "group"}:
                head.affiliation = head.affiliation or _affiliation(doc[a : mention.end].text)
                if head.kind == "group":  # a group is named as described: "analysts at Rhodium Group"
                    self._name_as_group(head, mention.end)
                head.end = mention.end
                return head.mark("affiliation-after-name")
        if linked_by in AFFILIATION_LINKS - {"from"} and mention.kind in {"org", "person"} \
                and mention.name[:1].isupper():
            head = self.before(a - 1, floor, appositive=False)  # "Reem Kanaan of Global SWF"
            if head is not None and head.kind == "person" and len(head.name.split()) >= 2 \
                    and head.end == a - 1:
                head.affiliation = head.affiliation or _affiliation(doc[a : mention.end].text)
                head.end = mention.end
                return head.mark("affiliation-after-name")
        return mention

    def _link_after(self, mention: Mention, limit: int) -> Mention:
        """``said experts quoted in state media`` / ``said Astrov of the Vienna Institute``."""
        doc, tokens = self.doc, self.tokens
        j = mention.end
        if j < limit and tokens[j].lower_ in DOCUMENT_SOURCE and self._is_document(mention):
            source = self.after(j + 1, limit)  # "according to a statement from the ministry"
            if source is not None and source.kind in {"group", "org", "person", "role"}:
                source.start = mention.start
                source.text = doc[mention.start : source.end].text
                source.via_document = True
                return source.mark("document-source")
        if j + 1 < limit and tokens[j].lower_ in self.lex.link_words \
                and tokens[j + 1].lower_ in LINK_PREPOSITIONS \
                and mention.kind != "person":
            tail_end = self._phrase_end(j + 2, limit)
            if tail_end > j + 2:
                self._name_as_group(mention, tail_end)
                mention.mark("postmodified-group")
        elif j < limit and tokens[j].lower_ in AFFILIATION_LINKS and mention.kind in {"person", "group"}:
            tail_end = self._phrase_end(j + 1, limit)
            if tail_end > j + 1 and self._org_like(j + 1, tail_end):
                mention.affiliation = _affiliation(doc[j + 1 : tail_end].text)
                if mention.kind == "group":
                    self._name_as_group(mention, tail_end)
                mention.end = tail_end
                mention.mark("affiliation-after-name")
            elif tokens[j].lower_ != "from" and mention.kind == "person" and len(mention.name.split()) >= 2 \
                    and (body := self.after(j + 1, limit)) is not None and body.kind in {"org", "person"} \
                    and body.name[:1].isupper() and body.start == j + 1 \
                    and not any(t.ent_type_ in PLACE_LABELS for t in tokens[body.start : body.end]) \
                    and not self._home_town(body.start, body.end):  # "of Springfield, Va."
                mention.affiliation = _affiliation(doc[j + 1 : body.end].text)  # "said Mike Lund of Nordea"
                mention.end = body.end
                mention.mark("affiliation-after-name")
        elif j < limit and tokens[j].lower_ in DESCRIBED_ROLE_PREPOSITIONS and mention.kind == "role" \
                and self._described_source(mention, limit):
            pass  # renamed in place ("a senior manager at the fund"); otherwise the rules below apply
        elif j < limit and tokens[j].lower_ in LOCATION_PREPOSITIONS - {"to"} \
                and mention.kind in {"role", "group"}:
            tail_end = self._phrase_end(j + 1, limit)  # "one diplomat from a Nordic country"
            if tail_end > j + 1 and any(t.text[:1].isupper() for t in tokens[j + 1 : tail_end]):
                self._name_as_group(mention, tail_end)
                mention.kind = "group" if mention.kind == "role" else mention.kind
                mention.mark("located-group")
        return mention

    def _organisation_name(self, a: int, b: int) -> bool:
        """A capitalised phrase around a capitalised organisation noun ("Ministry of Commerce"),
        or a name that describes an organisation noun ("the VDA auto industry association")."""
        tokens = self.tokens[a:b]
        while tokens and tokens[0].lower_ in self.lex.determiners:
            tokens = tokens[1:]
        if not tokens or not tokens[0].text[:1].isupper():
            return False
        if tokens[-1].text[:1].isupper():
            return any(t.lower_ in self.lex.org_nouns and t.text[:1].isupper() for t in tokens)
        return len(tokens) >= 2 and tokens[-1].lower_ in self.lex.org_nouns and self.is_name(tokens[0])

    def _name_follows(self, i: int) -> bool:
        """Does a name set off by a comma follow token ``i`` ("A spokesman for X, Lutz Ebersbach,")?"""
        return i + 1 < len(self.tokens) and self.tokens[i].text == "," and self.is_name(self.tokens[i + 1])

    def _described_source(self, role: Mention, limit: int) -> bool:
        """``a spokesman for the Kremlin``, ``a senior manager at the fund``, ``the owner of a
        Moscow importer``: a role described by what it belongs to is an anonymous source, named
        as described (unless a name follows: "A spokesman for X, Lutz Ebersbach,")."""
        j = role.end
        source = self.after(j + 1, limit)
        if (source is None or source.kind in {"org", "group", "role"}) and self._describes(j + 1, limit):
            end = self._phrase_end(j + 1, limit)  # "a Gdansk freight forwarder": a common noun's phrase
        elif source is not None and source.kind in {"org", "group"}:
            end = source.end if self.tokens[j].lower_ != "in" or self._org_like(j + 1, source.end) else None
        else:
            end = None
        if end is None or self._name_follows(end):
            return False
        self._as_anonymous_source(role, end)
        return True

    def _describes(self, i: int, limit: int) -> bool:
        """Does a noun phrase describing a person start at ``i`` ("the fund", "a Moscow
        auto-parts importer"), rather than an occasion ("a news conference") or a place?"""
        tokens = self.tokens
        end = self._phrase_end(i, limit)
        if end - i < 2 or end - i > DESCRIPTION_WINDOW or tokens[i].lower_ not in NOUN_DETERMINERS:
            return False
        phrase = tokens[i:end]
        if any(t.lower_ in PREPOSITIONS or t.lower_ in self.lex.occasion_nouns or t.like_num for t in phrase):
            return False  # "at a news conference", "in an interview on Monday"
        return phrase[-1].is_alpha and phrase[-1].text[:1].islower() and not phrase[-1].is_stop

    def _as_anonymous_source(self, role: Mention, end: int) -> None:
        """A role and its organisation ("a spokesman for the Kremlin"): an anonymous source,
        named as described, with no role or affiliation of its own."""
        self._name_as_group(role, end)
        role.kind, role.role, role.affiliation = "group", None, None
        role.mark("described-source")

    def _name_as_group(self, mention: Mention, end: int) -> None:
        """Stretch ``mention`` to token ``end``, named as the group it now describes."""
        mention.text = self.doc[mention.start : end].text
        mention.name = _group_name(self.doc[mention.start : end], self)
        mention.end = end

    def _place(self, mention: Mention) -> bool:
        """A place name: "London", "the Donetsk region" (after "in", a capitalised name that
        is no organisation is taken for a place)."""
        tokens = self.doc[mention.start : mention.end]
        if any(t.ent_type_ in {"GPE", "LOC"} for t in tokens):
            return True
        unknown_name = mention.kind == "person" and not mention.role
        return unknown_name and not self._org_like(mention.start, mention.end)

    def _is_document(self, mention: Mention) -> bool:
        """A statement, report or post: it speaks for whoever issued it."""
        return mention.kind == "group" and self.tokens[mention.end - 1].lower_ in self.lex.document_nouns

    def _phrase_end(self, i: int, limit: int) -> int:
        """End of a descriptive phrase starting at ``i``: up to punctuation or a cue."""
        tokens = self.tokens
        j = i
        while j < limit and tokens[j].text not in APPOSITIVE_END and not self.is_cue_word(tokens[j]) \
                and tokens[j].lower_ not in FINITE_VERBS:  # "officials involved in the talks | were"
            j += 1
        return j

    def _org_like(self, a: int, b: int) -> bool:
        tokens = self.doc[a:b]
        return any(t.lower_ in self.lex.org_nouns or t.ent_type_ == "ORG" for t in tokens)

    def interpret(self, a: int, b: int) -> Mention | None:
        """What the phrase ``doc[a:b]`` says about a speaker (None: not a speaker)."""
        doc, tokens = self.doc, self.tokens
        span = doc[a:b]
        det = ""
        i = a
        while i < b and tokens[i].lower_ in self.lex.determiners:
            det = tokens[i].lower_
            i += 1
        owner = None
        named_from = i  # organisations and groups are named with their owner: "China's commerce ministry"
        possessive = [t.i for t in tokens[i:b] if t.text in POSSESSIVE]
        if possessive:
            p = possessive[-1]
            owner = doc[i:p].text or None
            i = p + 1
        if i >= b:
            return None
        # The trailing run of name tokens is the name; what precedes it is a title.
        k = b
        while k > i and (self.is_name(tokens[k - 1]) or self._particle_in_name(i, k - 1)):
            k -= 1
        if det in INDEFINITE and i <= k - 2 < b - 1 and tokens[k - 1].lower_ in TITLE_PREPOSITIONS \
                and self.is_role(tokens[k - 2]):
            return Mention(a, b, span.text, "group", _group_name(doc[i:b], self),  # "a spokesperson for X"
                           rule="described-source")
        while k < b - 1 and self._place_in_title(i, k, b):
            k += 1
        while k < b - 2 and k > i and tokens[k].lower_ in self.lex.title_words:
            k += 1  # "Minister of State for Foreign Affairs Seah Kok Leong": portfolio words end the title
        portfolio = 0
        if k > 0 and tokens[k - 1].lower_ in PORTFOLIO_LINKS:  # "and" may join portfolios before i
            title = [t.lower_ for t in tokens[max(0, i - TITLE_WINDOW) : k]]
            portfolio = portfolio_words([t.text for t in tokens[k:b]], title, self.lex)
        k += portfolio
        if k < b:
            name_tokens = doc[k:b]
            premod = doc[i:k]
            if portfolio and k - portfolio == i and tokens[i - 1].lower_ == "and":
                premod = doc[self._title_start(i - 1):k]  # "Minister of Agriculture and | Livestock X"
            premod_words = [t for t in premod if t.lower_ not in self.lex.honorifics]
            labels = {t.ent_type_ for t in name_tokens}
            org = bool(labels & NON_PERSON_LABELS) and "PERSON" not in labels \
                and not place_then_name([t.text for t in name_tokens], [t.ent_type_ for t in name_tokens])
            org = org or any(t.lower_ in self.lex.org_nouns for t in name_tokens) or (
                tokens[k - 1].lower_ in ORG_NAME_CONNECTORS and self._organisation_name(named_from, b))
            # A description before the name ("news agency Xinhua"), not part of it ("Center for
            # Strategic and International Studies": a capitalised organisation noun).
            last = premod_words[-1] if premod_words else None
            described = last is not None and last.text[:1].islower() and last.is_alpha \
                and last.lower_ not in PREPOSITIONS and last.lower_ not in CONJUNCTIONS \
                and not any(t.lower_ in self.lex.org_nouns and t.text[:1].isupper() for t in premod_words)
            if org:
                if premod_words and not any(self.is_name(t) for t in premod_words) and det != "the" \
                        and not self._organisation_name(i, b):
                    return None  # "a senior Kremlin" is not a speaker; "Ministry of Commerce" is
                name = name_tokens.text if described else _strip_article(doc[named_from:b].text)
                return Mention(a, b, span.text, "org", name, affiliation=owner)  # "think tank Bruegel"
            if described and last.lower_ in self.lex.org_nouns:  # "Chinese telecoms company Huawei"
                return Mention(a, b, span.text, "org", name_tokens.text, affiliation=owner)
            if self._serves_a_titled_name(premod):  # "a spokesman for Agriculture Minister Jean Dupont"
                return Mention(a, b, span.text, "group", _group_name(doc[i:b], self), rule="described-source")
            role, affiliation = split_title(_words(premod_words), self.label, self.lex)
            if role and det in INDEFINITE and not any(self.is_role(t) or self.is_group(t) or not t.is_lower
                                                      for t in premod_words):
                role = None  # "an angry Anna Holm", "a defiant Holm": a mood, no title
            if owner and affiliation:  # "China's Foreign Ministry spokeswoman X": the owner's body
                affiliation = f"{doc[named_from:i].text} {affiliation}"
            return Mention(a, b, span.text, "person", name_tokens.text, role=role,
                           affiliation=affiliation or owner)
        head = tokens[b - 1]
        if det in ARTICLES - {"the"} and self.is_group(head) and head.lower_.endswith("s"):
            return None  # "a link Indian officials (deny)": an indefinite article with a plural head
        if self.is_group(head) or head.lower_ == "others":
            return Mention(a, b, span.text, "group", _group_name(doc[named_from:b], self), affiliation=owner,
                           definite=det == "the" and i == b - 1,  # "the people", not "the Chinese people"
                           document=head.lower_ in self.lex.document_nouns)
        if self.is_role(head):
            return Mention(a, b, span.text, "role", _group_name(doc[i:b], self), role=doc[i:b].text,
                           affiliation=owner, definite=det == "the")
        if self._organisation_name(named_from, b):  # "Russia's central bank": owner and organisation noun
            return Mention(a, b, span.text, "org", _strip_article(doc[named_from:b].text),
                           affiliation=owner)  # "Ministry of Commerce": its head is no name
        if self._common_organisation(head) and (det or owner):  # "the company", "Quint's campaign"
            name = _strip_article(doc[named_from:b].text) if owner else _group_name(doc[i:b], self)
            return Mention(a, b, span.text, "group", name, affiliation=owner,
                           definite=det == "the" and not owner, rule="common-organisation")
        return None

    def _title_start(self, j: int) -> int:
        """Where the title ending at token ``j`` starts: capitalised words, prepositions of a
        title and "and", at most eight tokens back."""
        tokens, floor = self.tokens, max(0, j - TITLE_WINDOW)
        while j > floor and (tokens[j - 1].text[:1].isupper() or tokens[j - 1].lower_ in TITLE_PREPOSITIONS
                             or tokens[j - 1].lower_ == "and"):
            j -= 1
        while tokens[j].lower_ in TITLE_PREPOSITIONS or tokens[j].lower_ == "and":
            j += 1
        return j

    def _serves_a_titled_name(self, premod) -> bool:
        """Does the title before a name end in "ROLE for/to TITLE" ("spokesman for Agriculture
        Minister", "lawyer for Ms", "adviser to President")? Then the name has its own title,
        and the speaker is the role serving it."""
        words = list(premod)
        for n in range(1, len(words) - 1):
            if words[n].lower_ in TITLED_NAME_SERVERS and self.is_role(words[n - 1]):
                last = words[-1]
                return self.is_role(last) and last.i != words[n - 1].i or last.lower_ in self.lex.honorifics
        return False

    def _particle_in_name(self, i: int, j: int) -> bool:
        """Is token ``j`` a particle inside a name, after its first part ("von der" in "Ursula
        von der Leyen"), not before ``i``?"""
        tokens, particles = self.tokens, self.lex.particles
        if tokens[j].lower_ not in particles:
            return False
        while j > i and tokens[j].lower_ in particles:
            j -= 1
        return tokens[j].lower_ not in particles and self.is_name(tokens[j])

    def _place_in_title(self, i: int, k: int, b: int) -> bool:
        """Does the place at token ``k`` belong to the title before the name ``doc[k + 1:b]``?
        Yes in "ambassador to China Nicholas Burns" and "Ukrainian Oleksandr Kovalenko"; no in
        "Sofia Rossi" (a given name) and "Finnish Border Guard" (an organisation's name)."""
        tokens = self.tokens
        place, after = tokens[k].ent_type_, tokens[k + 1].ent_type_
        if place not in NON_PERSON_LABELS or tokens[b - 1].ent_type_ or after in NON_PERSON_LABELS:
            return False
        if any(t.lower_ in self.lex.org_nouns for t in tokens[k + 1 : b]):
            return False
        titled = k > i and (tokens[k - 1].lower_ in PREPOSITIONS or self.is_role(tokens[k - 1]))
        return place == "NORP" or titled

    # -- appositives ----------------------------------------------------------
    def appositive_end(self, i: int, limit: int) -> int:
        tokens = self.tokens
        j = i
        while j < limit and tokens[j].text not in APPOSITIVE_END:
            j += 1
        return j

    def appositive(self, a: int, b: int) -> tuple[str | None, str | None]:
        """Role and affiliation from ``doc[a:b]`` ("a professor at Y"), or (None, None)."""
        doc, tokens = self.doc, self.tokens
        if a >= b:
            return None, None
        first = tokens[a]
        if first.lower_ in RELATIVE_PRONOUNS and (start := self._role_after_copula(a + 1, b)) is not None:
            return self.appositive(start, b)  # "X, who was the party's chief of staff,": a former title
        if first.lower_ in self.lex.appositive_rejected or first.like_num:
            return None, None
        if first.text.endswith("ing") and first.lower_ not in self.lex.determiners \
                and not (a + 1 < b and self.is_role(tokens[a + 1])):  # but "managing director"
            return None, None
        body = tokens[a + 2 : b] if a + 1 < b and tokens[a + 1].lower_ == "the" else tokens[a + 1 : b]
        if first.lower_ == "of" and len(body) and body[0].text[:1].isupper() and all(
                t.text[:1].isupper() or t.lower_ in self.lex.grammar["org_name_connectors"] for t in body):
            if self._home_town(a + 1, b):
                return None, None  # "Ann Wilson, of Springfield, Va.,": where she lives
            return None, _affiliation(doc[a + 1 : b].text)  # "Mr. Holm, of Nordea Markets, said"
        if first.is_stop and first.lower_ not in self.lex.determiners \
                and first.lower_ not in NOUN_DETERMINERS:
            return None, None  # but "its chief executive officer", "his spokesman"
        # "a former diplomat who now runs a consultancy": the relative clause is no title
        b = next((j for j in range(a + 1, b) if tokens[j].lower_ in RELATIVE_PRONOUNS), b)
        if any(self.is_cue_word(t) for t in tokens[a:b]):
            return None, None
        if self.is_name(first) and not self._org_like(a, b) and not self.is_role(tokens[b - 1]) \
                and not any(t.text in POSSESSIVE for t in tokens[a:b]):
            return None, None  # "Xi took pains to ..." is a clause, not an appositive
        return split_role_affiliation(doc[a:b], self)

    def _role_after_copula(self, i: int, b: int) -> int | None:
        """Where a title starts after "who is", "who was", "who served as" (an adverb such as
        "now" or "then" may stand between): the role words of a relative clause."""
        tokens = self.tokens
        if i < b and tokens[i].lower_ in COPULAS:
            i += 1
            if i < b and tokens[i].lower_ == "as":
                i += 1
            while i < b and (tokens[i].lower_ in self.lex.grammar["time_adjuncts"]
                             or tokens[i].lower_ in self.lex.grammar["copula_adverbs"]):
                i += 1
            if i < b and (tokens[i].lower_ in NOUN_DETERMINERS or self.is_role(tokens[i])
                          or tokens[i].lower_ in self.lex.role_modifiers or tokens[i].text[:1].isupper()):
                return i
        return None

    def clean_end(self, i: int, limit: int) -> bool:
        """Is ``tokens[i]`` a place where an inverted speaker phrase may end ("said X." /
        "said X, a professor" / "said X in a post") rather than a clause going on?"""
        if i >= limit:
            return True
        tok = self.tokens[i]
        return tok.is_punct or tok.lower_ in PREPOSITIONS or tok.lower_ in INVERTED_FOLLOWERS


def _affiliation(text: str) -> str:
    """An organisation as it should be reported: no leading article, no trailing location
    ("the Carnegie Endowment for International Peace in Beijing" -> "Carnegie Endowment
    for International Peace")."""
    return _TRAILING_ACRONYM.sub("", _TRAILING_PLACE.sub("", _strip_article(text)))


_TRAILING_PLACE = re.compile(r"(?:,)?\s+(?:in|based in)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")
_TRAILING_ACRONYM = re.compile(r"\s*\([A-Z][A-Z&.-]+\)$")  # "... Economic Relations (ICRIER)"


def _strip_article(text: str) -> str:
    for article in ("the ", "The ", "a ", "an "):
        if text.startswith(article):
            return text[len(article):]
    return text


def _group_name(span, phrases: Phrases) -> str:
    """A group as it should be reported: without quantifiers, common words lower-cased
    ("Some Chinese analysts" -> "Chinese analysts", "Experts" -> "experts")."""
    words = list(span)
    while len(words) > 1 and words[0].lower_ in phrases.lex.determiners:
        words = words[1:]
    text = "".join(t.text_with_ws for t in words).strip()
    first = words[0]
    if phrases.is_group(first) or phrases.is_role(first) or first.lower_ == "others" \
            or first.lower_ in phrases.lex.determiners:
        text = text[:1].lower() + text[1:]
    return text


def split_role_affiliation(span, phrases: Phrases) -> tuple[str | None, str | None]:
    """``former senior director for Russia on the US National Security Council`` ->
    role "former senior director for Russia", affiliation "US National Security Council".

    The split is the first preposition whose object looks like an organisation
    (an organisation noun or entity); failing that, a preposition before a capital."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in ARTICLES:
        tokens = tokens[1:]
    # "a senior fellow at Brookings and a Democratic superdelegate": the first description only
    tokens = next((tokens[:n] for n in range(1, len(tokens) - 1)
                   if tokens[n].lower_ == "and" and tokens[n + 1].lower_ in INDEFINITE), tokens)
    # "majority leader under George W. Bush", "chief of staff during the Clinton years": a tenure
    tokens = next((tokens[:n] for n in range(1, len(tokens)) if tokens[n].text in TENURE_PREPOSITIONS),
                  tokens)
    if not tokens:
        return None, None
    fallback = None
    home = None  # "a voter from Ohio": a home town, no affiliation
    unit_split = None  # "director of the China programme | at Chatham House": a unit, then its home
    for n, tok in enumerate(tokens):
        if tok.lower_ not in AFFILIATION_PREPOSITIONS or n == 0:
            continue
        rest = tokens[n + 1 :]
        while rest and rest[0].lower_ == "the":
            rest = rest[1:]
        # "at the nonpartisan Tax Policy Center": an adjective or two before the name
        lead = next((m for m in range(min(3, len(rest))) if not (rest[m].is_lower and rest[m].is_alpha)), 0)
        if lead and rest[lead].text[:1].isupper() and not any(t.lower_ in PREPOSITIONS for t in rest[:lead]):
            rest = rest[lead:]
        if not rest or not rest[0].text[:1].isupper():
            continue
        # The preposition's own object: up to the next preposition ("for Russia | on the ...").
        stop = next((m for m, t in enumerate(rest) if t.lower_ in AFFILIATION_PREPOSITIONS
                     and not _inside_org_name(rest, m)), len(rest))
        if tokens[n + 1].lower_ != "the" and all(
                t.lower_ in phrases.lex.title_words or t.lower_ in ORG_NAME_CONNECTORS for t in rest[:stop]):
            continue  # a portfolio, never with "the": "Secretary of State", "Minister for Foreign Affairs"
        org_words = [t for t in rest[:stop] if t.lower_ in phrases.lex.org_nouns or t.ent_type_ == "ORG"]
        if org_words and all(t.lower_ in phrases.lex.unit_nouns for t in org_words) and stop < len(rest):
            unit_split = unit_split if unit_split is not None else n
            continue
        if org_words:
            return _text(tokens[:n]), _affiliation_or_none(_text(rest))
        if fallback is None and tok.lower_ in AFFILIATION_LINKS - {"from"}:
            fallback = n
        elif fallback is None and tok.lower_ == "for" and rest[0].ent_type_ not in PLACE_LABELS \
                and not any(t.lower_ in phrases.lex.title_words for t in rest[:stop]):
            fallback = n  # "spokesman for World Relief"; "minister for Trade" is a portfolio
        if home is None and tok.lower_ == "from" and rest[0].ent_type_ in PLACE_LABELS:
            home = n
    if unit_split is not None:
        fallback = unit_split
    if fallback is None and home is not None:
        tokens = tokens[:home]
    if fallback is not None:
        rest = tokens[fallback + 1 :]
        while rest and rest[0].lower_ == "the":
            rest = rest[1:]
        return _text(tokens[:fallback]), _affiliation_or_none(_text(rest))
    # "Peking University's Institute ..." or a bare organisation: all affiliation.
    if tokens[0].text[:1].isupper() and any(t.lower_ in phrases.lex.org_nouns for t in tokens) \
            and not any(phrases.is_role(t) for t in tokens):
        return None, _text(tokens)
    role = _text(tokens)
    return split_title(role.split(), phrases.label, phrases.lex) if role else (None, None)


def _inside_org_name(tokens: list[Token], m: int) -> bool:
    """Does the preposition ``tokens[m]`` join two capitalised words of one name ("Kiel Centre
    for Trade Analysis")?"""
    return tokens[m].lower_ in ORG_NAME_CONNECTORS and 0 < m < len(tokens) - 1 \
        and tokens[m - 1].text[:1].isupper() and tokens[m + 1].text[:1].isupper()


def portfolio_words(run: list[str], before: list[str], lex: AttributionLexicon) -> int:
    """How many words that open the capitalised ``run`` end a title's portfolio rather than
    start a name, given the lower-cased words of the title ``before`` it. After "for" or
    "of" following a role, or after "and" joining two portfolios: through the last portfolio
    word that leaves a name of two words or more ("Secretary for | Pacific Island Affairs |
    Marta Quillfeather"), else up to a known given name ("Minister of | Fisheries | Tomas
    Arrieta"); after "and", at least one word ("of Energy and | Mines | Ilse Varga")."""
    joined = bool(before) and before[-1] == "and" and ends_inside_portfolio(before[:-1], lex)
    if not joined and not (before and before[-1] in PORTFOLIO_LINKS - {"and"}
                           and any(word in lex.role_words for word in before)):
        return 0
    for m in range(len(run) - 3, -1, -1):
        if run[m].lower() in lex.title_words:
            return m + 1
    for m in range(1, len(run) - 1):
        if is_given_name(run[m]):
            return m
    return 1 if joined and len(run) >= 3 else 0


def ends_inside_portfolio(words: list[str], lex: AttributionLexicon) -> bool:
    """Do the lower-cased ``words`` end in a role's portfolio: a role word, "of" or "for",
    then at most three words ("minister of fisheries")?"""
    for n in range(len(words) - 1, max(0, len(words) - 5), -1):
        if words[n] in PORTFOLIO_LINKS - {"and"}:
            return n < len(words) - 1 and words[n - 1] in lex.role_words
    return False


def split_title(words: list[str], label, lex: AttributionLexicon) -> tuple[str | None, str | None]:
    """A title's organisation, when it leads the title: "Kremlin spokesman" -> ("spokesman",
    "Kremlin"), "Ukraine's foreign minister" -> ("foreign minister", "Ukraine"), "NATO
    spokesperson" -> ("spokesperson", "NATO"), "China's Foreign Ministry spokeswoman" ->
    ("spokeswoman", "China's Foreign Ministry"). Nationalities and places stay in the role
    ("Chinese President", "US ambassador"). ``label`` gives a name's entity label."""
    if not words:
        return None, None
    for n, word in enumerate(words):
        if not word[:1].isupper():
            break
        if word.endswith(("’s", "'s")):  # "Ukraine's foreign minister", not "adviser to Ukraine's office"
            body = _leading_body(words[n + 1 :], lex)
            if body is not None:  # "China's Foreign Ministry spokeswoman": the body is China's ministry
                return body[0], " ".join([*words[: n + 1], body[1]])
            return " ".join(words[n + 1 :]) or None, " ".join([*words[:n], word[:-2]])
    body = _leading_body(words, lex)
    if body is not None:
        return body
    lead = 0
    while lead < len(words) - 1 and words[lead][:1].isupper() and words[lead].lower() not in lex.role_words \
            and words[lead].lower() not in lex.role_modifiers and words[lead].lower() not in TITLE_MODIFIERS \
            and words[lead].lower() not in lex.title_words:
        lead += 1
    rest = words[lead:]
    if lead and any(w.lower() in lex.role_words for w in rest):
        organisation = " ".join(words[:lead])
        kind = label(organisation) or label(words[lead - 1])
        acronym = organisation.isupper() and len(organisation) > 1 and kind not in PLACE_OR_PEOPLE_LABELS
        if kind == "ORG" or acronym or words[lead - 1].lower() in lex.org_nouns:
            return " ".join(rest), organisation
        # "Judicial Watch President", "Rubio spokesman": a name (a person's, or two words or more)
        # that is no nationality, place or party leads the title as the body it serves
        named = kind == "PERSON" or lead >= 2 and kind is None
        if named and not any(label(w) in PLACE_OR_PEOPLE_LABELS or w.lower() in PARTY_MEMBERS
                             for w in words[:lead]):
            return " ".join(rest), organisation
    return " ".join(words), None


def _leading_body(words: list[str], lex: AttributionLexicon) -> tuple[str, str] | None:
    """An issuing body written before a title, ending in an organisation noun: "foreign
    ministry spokeswoman" -> ("spokeswoman", "foreign ministry"). After a modifier the
    title stays whole ("retired PLA Navy captain", affiliation "PLA Navy")."""
    modifiers = 0
    while modifiers < len(words) and words[modifiers].lower() in lex.role_modifiers:
        modifiers += 1
    for n in range(len(words) - 2, modifiers - 1, -1):
        lower = words[n].lower()
        if lower in lex.org_nouns and lower not in lex.field_nouns and words[n + 1] != "-" \
                and any(w.lower() in lex.role_words for w in words[n + 1 :]):
            role = words if modifiers else words[n + 1 :]
            return " ".join(role), " ".join(words[modifiers : n + 1])
    return None


def _words(tokens) -> list[str]:
    """The words the tokens spell, hyphenated words whole ("co-leader", not "co - leader")."""
    return "".join(t.text_with_ws for t in tokens).split()


def _affiliation_or_none(text: str | None) -> str | None:
    return _affiliation(text) if text else None


def _text(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    return "".join(t.text_with_ws for t in tokens).strip() or None
