"""Who said what: direct, partial and indirect quotes with speakers, roles and affiliations.

The article is read in order, one body paragraph (one spaCy doc) at a time:

1. quotation marks are paired (``marks.pair_quotes``), sentences never split inside them;
2. reporting cues ("said", "according to", ...) outside quotes are matched;
3. each cue gets a speaker phrase (``attribution.Phrases``), resolved to a person or
   group (``speakers.ArticleContext``: short names, pronouns, "the official");
4. each quote is classed: ``direct`` (a sentence or more), ``partial`` (a phrase inside
   attributed speech) or ``term`` (nobody is said to have spoken it); sentences with a
   cue and a speaker but no direct quote give an ``indirect`` quote.

A quote with no cue of its own continues the speaker of the same or the previous
paragraph; a quote left open at a paragraph's end continues into a next paragraph
that opens with a quotation mark.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Literal

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from geolib.actors import load_actors
from geolib.extract.attribution import (
    NOUN_DETERMINERS,
    PLACE_LABELS,
    PREPOSITIONS,
    TITLE_PREPOSITIONS,
    TITLE_WINDOW,
    Cue,
    Mention,
    Phrases,
    ends_inside_portfolio,
    find_cues,
    is_name_word,
    load_attribution_lexicon,
    party_aside,
    place_then_name,
    portfolio_words,
    split_title,
)
from geolib.extract.confidence import confidence
from geolib.extract.gender import is_given_name
from geolib.extract.prefilter import PreparedParagraph, PreparedText, cue_pattern, prepare
from geolib.extract.speakers import PRONOUN_GENDERS, ArticleContext, Speaker
from geolib.institutions import find_institution
from geolib.model import Article, Paragraph
from geolib.nlp import (
    entity_labels,
    get_nlp,
    parse,
    token_starts,
    tokenizes_sparingly,
)
from geolib.segment import Segmentation, segment
from geolib.text.expressions import trie_expression
from geolib.text.marks import (
    ALL_MARKS,
    DOUBLE_MARKS,
    DOUBLE_OPEN,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    TWO_CHARACTER_MARKS,
    QuoteSpan,
    inside_quote,
    pair_quotes,
    starts_with_opening_mark,
)

QUOTE_PARAGRAPH_KINDS = ("body",)
TRANSCRIPT_CONTEXT = 100  # sentences before the body that headline names are placed at
CLAUSE_END = tuple(",.?!…—–-:;")
SIGN_OFF_DASHES = ("—", "–", "-")
# Punctuation after which a cue may take its speaker after it ("..., said X", "'' said X").
INVERTING_MARKS = frozenset({",", "”", '"', "’", "'", "''", "—", "–", ":",
                             "“", "‘", "»", "«"})  # a misdirected opener may close a quote: ,“ said X
MIN_INDIRECT_WORDS = 4
TRAILING_PUNCT = {".", ",", ";", ":", "!", "?", "…", "—", "–", "-"}
_GRAMMAR = load_attribution_lexicon().grammar  # function-word classes: data/attribution_patterns.json
TIME_ADJUNCTS = _GRAMMAR["time_adjuncts"]
ADJUNCT_OPENERS = TIME_ADJUNCTS | _GRAMMAR["adjunct_openers"]  # "said last week"
SUBORDINATORS = _GRAMMAR["subordinators"]
BE_FORMS = _GRAMMAR["be_forms"]
COORDINATORS = _GRAMMAR["coordinators"]
QUANTITY_WORDS = _GRAMMAR["quantity_words"]
CLAUSE_BREAKS = _GRAMMAR["clause_breaks"]
INVERTING_VERBS = _GRAMMAR["inverting_verbs"]  # '"...," said the designer': any noun may follow
# Marks a cue may follow when it takes the speaker after it; an opening mark too: misdirected, it closes
CLOSING_MARKS = frozenset(DOUBLE_MARKS + SINGLE_CLOSE + "'") | {"''"}
OPENING_MARKS = frozenset(DOUBLE_OPEN + SINGLE_OPEN + '"\'') | set(TWO_CHARACTER_MARKS)
OPENS_A_QUOTATION = OPENING_MARKS | {",", ":"}  # "to say it plainly: “..."
CONTENT_NOUNS = _GRAMMAR["content_nouns"]  # "stressed the fact that ...": what was said
FINITE_VERBS = _GRAMMAR["finite_verbs"]
DEMONSTRATIVES = _GRAMMAR["demonstratives"]  # "this “small town …”": a phrase the reporter's clause holds
QUOTING_VERBS = _GRAMMAR["quoting_verbs"]  # "quoted X as saying": X speaks
COMPLEMENTIZERS = _GRAMMAR["complementizers"]  # "said that ..., “...”": the quote goes on a reported clause
QUESTION_WORDS = _GRAMMAR["question_complementizers"]  # "said whether ...": only where the clause opens
CONTRACTION_HOSTS = _GRAMMAR["contraction_hosts"]  # "it’s", "he’s": "is", not a possessive
WORK_TITLE_OPENERS = _GRAMMAR["work_title_openers"]  # "the", "titled": a show's or a book's name follows
CLAUSE_SUBJECTS = _GRAMMAR["clause_subjects"]
CATENATIVE_VERBS = _GRAMMAR["catenative_verbs"]  # "continued to warn that": the infinitive is speech
SECOND_REPORT_JOINS = COORDINATORS | SUBORDINATORS  # ", though she noted ...": a second report
REFUSALS = _GRAMMAR["refusals"]  # "declined to say whether": nothing was said
APPOSITIVE_CLOSERS = frozenset({",", ".", ";", "!", "?", "—", "–", ")"})  # what ends an aside
NAME_LABEL_OPENERS = frozenset({"-", "—", "–", "from"})  # "Polls agree - Carl Bialik: ..."
CLOSING_TAIL = 8  # tokens after a cue that closes its sentence ("..., officials said on Monday.")
QUOTED_CLAUSE_SHARE = 0.8  # of a reported clause's letters quoted: a direct quote (as PolNeAR is scored)
THAT_WINDOW = 14  # tokens between a cue and its "that" ("said in an interview with X that")
ADJUNCT_COMMA_WINDOW = 6  # tokens after a cue to the comma of a narrator's tail
ADJUNCT_WORDS = 12  # words after a cue that may still be an adjunct, not a clause
PORTFOLIO_LOOKBACK = 80  # characters before a capitalised stretch searched for its title
TITLE_REACH = 2000  # characters before a name read for its title (TITLE_WINDOW words fit many times)
ACRONYM_NAME_WORDS = 12  # words before "(ACRONYM)" searched for the name it stands for


QuoteKind = Literal["direct", "partial", "indirect", "term"]
SpeakerKind = Literal["person", "org", "group", "role"]


def speaker_slug(name: str) -> str:
    """A speaker's id from their name: lower case, accents dropped, words joined by "-"
    ("Xi Jinping" -> "xi-jinping", "China’s commerce ministry" -> "china-s-commerce-ministry")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[^\W_]+", plain))


@dataclass
class Quote:
    """One quote: where it is, what it says, who said it."""

    file: str
    article_id: str
    quote_id: str
    start: int  # raw offsets of the quoted words, without quotation marks
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_mention: str | None
    role: str | None
    affiliation: str | None
    cue: str | None
    paragraph: int
    rule: str | None = None  # why it was attributed: rule ids (data/attribution_rules.toml), "/"-separated
    speaker_id: str | None = None  # canonical within the article; a corpus makes it canonical across articles
    speaker_kind: SpeakerKind | None = None
    confidence: float | None = None  # 0-1: span and speaker right (extract/confidence.py); None for a term


def extract_quotes(
    article: Article, segmentation: Segmentation | None = None, nlp: Language | None = None,
    kinds: Iterable[str] = QUOTE_PARAGRAPH_KINDS,
) -> list[Quote]:
    """Every quote in the article's paragraphs of the given kinds (body by default).

    ``segmentation`` is the article's (``geolib.segment``) when already made."""
    nlp = nlp or get_nlp()
    segmentation = segmentation or segment(article)
    chosen = segmentation.of_kinds(tuple(kinds))
    prepared = prepare(chosen)
    # The blank pipeline tokenizes only what the rules read; a trained pipeline sees
    # the whole text (its parser and entity recogniser need the context).
    tokenized = prepared.masked() if tokenizes_sparingly(nlp) else None
    doc = parse(nlp, prepared.text, tokenized, (prepared.quotes, False), prepared.starts)
    reader = _ArticleReader(article, nlp, doc, prepared.text)
    reader.note_names([text for text in (article.title, article.standfirst) if text])
    reader.scan_turns(prepared)
    for seg, ready in zip(chosen, prepared.paragraphs, strict=True):
        reader.read(seg.index, seg.paragraph, ready)
    quotes = _with_fullest_titles(reader.quotes)
    for quote in quotes:
        quote.confidence = confidence(quote.kind, quote.rule, quote.speaker, quote.speaker_kind,
                                      quote.speaker_mention)
    return quotes


def _with_fullest_titles(quotes: list[Quote]) -> list[Quote]:
    """One name and title per speaker in the article: a surname quoted before the full name
    was given takes the full name, when only one speaker's full name ends in it; and every
    quote of a speaker gets the role and affiliation of the speaker's fullest mention (both
    given beats one; a longer one beats a shorter)."""
    full_names: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.speaker_kind == "person" and quote.speaker and " " in quote.speaker:
            full_names.setdefault(quote.speaker.split()[-1], set()).add(quote.speaker)
    for quote in quotes:
        owners = full_names.get(quote.speaker or "", set())
        if quote.speaker_kind == "person" and len(owners) == 1:
            quote.speaker = next(iter(owners))
            quote.speaker_id = speaker_slug(quote.speaker)
    fullest: dict[str, tuple[str | None, str | None]] = {}
    for quote in quotes:
        if quote.speaker is not None:
            known = fullest.get(quote.speaker, (None, None))
            fullest[quote.speaker] = max(known, (quote.role, quote.affiliation), key=_title_weight)
    for quote in quotes:
        if quote.speaker is not None:
            quote.role, quote.affiliation = fullest[quote.speaker]
    return quotes


def _title_weight(title: tuple[str | None, str | None]) -> tuple[int, int]:
    return sum(part is not None for part in title), sum(len(part or "") for part in title)


QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


def quote_records(quotes: list[Quote]) -> list[dict]:
    """Quotes as plain dicts (for tables, JSONL and CSV)."""
    # not dataclasses.asdict: it deep-copies, slowly
    return [{name: getattr(q, name) for name in QUOTE_FIELDS} for q in quotes]


def speaker_records(
    article: Article, quotes: list[Quote], institutions: str | Path | None = None
) -> list[dict]:
    """One record per speaker of the article's ``quotes``, with institution country and type
    when known. ``institutions`` is an optional extra institutions CSV (see ``geolib.institutions``)."""
    article_id = article.id
    rows: dict[str, dict] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        row = rows.setdefault(quote.speaker, {
            "file": article.file, "article_id": article_id, "speaker": quote.speaker,
            "speaker_id": quote.speaker_id, "kind": quote.speaker_kind,
            "role": quote.role, "affiliation": quote.affiliation, "institution": None,
            "institution_country": None, "institution_type": None, "n_quotes": 0,
        })
        row["n_quotes"] += 1
    for row in rows.values():
        institution = (find_institution(row["affiliation"], institutions)
                       or find_institution(row["role"], institutions))
        if institution is not None:
            row["institution"] = institution.name
            row["institution_country"] = institution.country
            row["institution_type"] = institution.type
    return list(rows.values())


@lru_cache(maxsize=1)
def _known_people() -> dict[str, str]:
    """Short name -> full name for the leaders and officials in geolib's actor data."""
    full_names = [a.alias for a in load_actors() if a.kind in {"leader", "official"} and " " in a.alias]
    known: dict[str, str] = {}
    for name in full_names:
        for word in name.split():
            if word[:1].isupper():
                known.setdefault(word, name)
    return known


@dataclass
class _Attribution:
    speaker: Speaker | None
    mention: Mention | None
    cue: str | None
    rule: str | None = None  # the rules that attributed it, outermost first, "/"-separated

    def by(self, rule: str) -> _Attribution:
        """The same attribution, with quote rule ``rule`` in front of its chain."""
        return _Attribution(self.speaker, self.mention, self.cue, _chain(rule, self.rule))


def _chain(*rules: str | None) -> str | None:
    return "/".join(r for r in rules if r) or None


class _ArticleReader:
    """Reads an article paragraph by paragraph, keeping what later quotes need."""

    def __init__(self, article: Article, nlp: Language, doc: Doc, text: str) -> None:
        self.article = article
        self.nlp = nlp
        self.doc = doc
        self.text = text  # the article's paragraphs as joined in ``doc``; offsets are into it
        self.base = 0  # where the paragraph being read starts in ``text``
        self.entity_labels = entity_labels(nlp)
        self.article_id = article.id
        self.context = ArticleContext(known_people=_known_people(), labels=self.entity_labels)
        self.lex = load_attribution_lexicon()
        self.phrases = Phrases(doc, labels=self.entity_labels)
        self.tokens = self.phrases.tokens
        self.token_starts = token_starts(doc)
        self.cues = find_cues(doc)
        self._cue_starts = [c.start for c in self.cues]
        self.quotes: list[Quote] = []
        self.sentence_no = 0
        self.paragraph_first_sentence: list[int] = []
        self.open_quote: Quote | None = None  # a quote left open at the previous paragraph's end
        self._names_in = _stretch_cache(self.entity_labels)  # see _remember_names
        self.transcript = False  # two or more paragraphs open with a speaker label (scan_turns)
        self.recurring_labels: set[str] = set()  # capitals labels opening two turns or more
        self.turn: Speaker | None = None  # the speaker of the transcript turn being read

    # -- per paragraph ------------------------------------------------------------
    def read(self, index: int, paragraph: Paragraph, ready: PreparedParagraph) -> None:
        self.paragraph_first_sentence.append(self.sentence_no)
        self.base = ready.start
        doc, spans, starts = self.doc, ready.quotes, self.token_starts
        first_token, end_token = _token_at(starts, ready.start), _token_at(starts, ready.end)
        here = self.cues[bisect.bisect_left(self._cue_starts, first_token):
                         bisect.bisect_left(self._cue_starts, end_token)]  # cues are in order
        cues = [c for c in here if not inside_quote(starts[c.start], spans)]
        continued = self.open_quote if starts_with_opening_mark(paragraph.text) else None
        self.open_quote = None
        if "(" in paragraph.text:
            self.context.acronyms.update(acronyms_defined(paragraph.text))
        if self._transcript_line(index, paragraph, ready, cues):
            self.sentence_no += len(ready.starts)
            return
        for begin, end, needed in zip(ready.starts, ready.ends, ready.needed, strict=True):
            number = self.sentence_no
            self.sentence_no += 1
            self._pronoun_subject(begin, end, number)
            if needed:
                first, stop = _token_at(starts, begin), _token_at(starts, end)
                sent = doc[first:stop]
                in_sentence = [q for q in spans if begin <= q.open_at < end]
                sent_cues = [c for c in cues if first <= c.start < stop]
                self._read_sentence(index, paragraph, doc, sent, number, in_sentence, sent_cues,
                                    self.phrases, starts, continued)
            continued = None
            self._remember_names(self.text, begin, end, spans, number)
        if ready.left_open and spans and spans[-1].close_at is None:
            last = [q for q in self.quotes if q.paragraph == index and q.kind == "direct"]
            self.open_quote = last[-1] if last else None

    def _pronoun_subject(self, begin: int, end: int, number: int) -> None:
        """A sentence opening with "He" or "She" goes on about the person the pronoun means, who
        is then the sentence's subject: the first person it names, for a "he" after it
        ("He nodded to his finish behind Cruz. “...,” he said." is not Cruz speaking)."""
        match = _SUBJECT_PRONOUN.match(self.text, begin, end)
        if match is None:
            return
        speaker = self.context.resolve_pronoun(match.group(1).lower(), number)
        if speaker is not None and speaker.kind == "person":
            self.context.mentions.append((number, speaker.name))

    def note_names(self, headlines: list[str]) -> None:
        """Remember the people a headline or standfirst names (a transcript's "Press Briefing by
        Press Secretary Jen Psaki" tells who "MS. PSAKI" is); they are never recent enough to
        be what "he" or "she" means."""
        for text in headlines:
            self._remember_names(text, 0, len(text), pair_quotes(text)[0], -TRANSCRIPT_CONTEXT, headline=True)

    def scan_turns(self, prepared: PreparedText) -> None:
        """Is the article a transcript: two or more paragraphs opening with a speaker label?
        Then a paragraph without a label continues the turn before it."""
        labels = [line[0] for p in prepared.paragraphs
                  if (line := _turn_label(self.text, p.start, p.end, self._label_names)) is not None]
        self.transcript = len(labels) >= 2
        # A label in capitals that opens two turns or more is someone's name ("WALLACE:"), even
        # one the article never gives in full; "UPDATE:" or "WATCH:" opens one paragraph.
        self.recurring_labels = {label for label, n in Counter(labels).items() if n >= 2 and label.isupper()}

    def _label_names(self, label: str) -> list[tuple[int, str, bool]]:
        """The people a title-case label names: a name of two words or more that opens with a
        known given name, follows a title ("Foreign Minister X Y") or names someone the article
        has met ("Key Points:" and "Washington:" are no one)."""
        words = label.split()
        people = []
        for first, name, alone in self._names_in_stretch(words):
            parts = name.split()
            titled = any(w.lower() in self.lex.role_words for w in words[:first])
            met = self.context._person_by_word(parts[-1]) is not None
            if alone and len(parts) >= 2 and (is_given_name(parts[0]) or titled or met):
                people.append((first, name, alone))
        return people

    def _transcript_line(self, index: int, paragraph: Paragraph, ready: PreparedParagraph,
                         cues: list[Cue]) -> bool:
        """A transcript's speaker turn: ``NAME: words`` (a label in capitals, a person's name with
        or without a title, or a questioner's label) gives one direct quote of the words after
        the label, cue ":"; in a transcript, a paragraph without a label continues the turn."""
        line = _turn_label(self.text, ready.start, ready.end, self._label_names)
        if line is None:
            return self._turn_goes_on(index, paragraph, ready, cues)
        label, words_at = line
        speaker, rule = self._label_speaker(label)
        if speaker is None:
            return False
        mention = Mention(0, 0, label, speaker.kind, speaker.name)
        self.context.spoke(self.sentence_no, speaker)
        self.turn = speaker
        end = ready.end
        words = self.text[words_at:end].rstrip()
        wrapped = len(words) > 2 and words[0] in ALL_MARKS and words[-1] in ALL_MARKS
        if wrapped and not any(mark in words[1:-1] for mark in ALL_MARKS):
            words_at, end = words_at + 1, words_at + len(words) - 1  # 'X: “words”': the words, not the marks
        elif len(words) > 1 and words[-1] in DOUBLE_MARKS and not any(m in words[:-1] for m in DOUBLE_MARKS):
            end = words_at + len(words) - 1  # the mark closing a transcript quoted whole
        quote = self._make_quote(index, paragraph, words_at, end, "direct",
                                 _Attribution(speaker, mention, ":", rule))
        if quote is not None:
            self.quotes.append(quote)
        return True

    def _names_a_speaker(self, cues: list[Cue], ready: PreparedParagraph) -> bool:
        """Does a cue of the paragraph have a speaker named by a noun phrase (not a pronoun)?"""
        floor, limit = _token_at(self.token_starts, ready.start), _token_at(self.token_starts, ready.end)
        for cue in cues:
            for mention in (self.phrases.before(cue.start, floor), self.phrases.after(cue.end, limit)):
                if mention is not None and mention.kind != "pronoun":
                    return True
        return False

    def _label_speaker(self, label: str) -> tuple[Speaker | None, str]:
        """Who a transcript label names, and the rule that read it."""
        if label in QUESTION_LABELS:  # "Q:", "QUESTION:": a reporter's question
            return Speaker("reporter", "group", None, None), "direct.transcript-question"
        if label.isupper():
            words = label.split()
            bare = " ".join(w for w in words if w.lower() not in self.lex.honorifics)
            person = self.context.person_by_label(bare)
            if person is not None:
                speaker = Speaker(person.name, "person", person.role, person.affiliation)
                return speaker, "direct.transcript-line"
            if len(words) > 1 and words[0].lower() in self.lex.honorifics:  # "MS. PSAKI", not yet named
                person = self.context.person(bare.title(), written_with=words[0])
                return Speaker(person.name, "person", None, None), "direct.transcript-line"
            if label in self.recurring_labels and bare.replace(" ", "").isalpha():
                return self._recurring_label_speaker(bare.split()), "direct.transcript-line"
            return None, ""
        found = self._label_names(label)  # "President of Russia Vladimir Putin"
        first, name, _ = found[-1]
        words = label.split()
        portfolio = portfolio_words(name.split(), [w.lower() for w in words[:first]], self.lex)
        if portfolio:  # "Secretary of | Transportation | Sean Duffy"
            first, name = first + portfolio, " ".join(name.split()[portfolio:])
        role, affiliation = split_title(label.split()[:first], self.entity_labels.get, self.lex)
        person = self.context.person(name, role, affiliation)
        return Speaker(person.name, "person", person.role, person.affiliation), "direct.transcript-line"

    def _recurring_label_speaker(self, words: list[str]) -> Speaker:
        """Who a capitals label that opens several turns names, when nobody met so far has that
        name: a title and a surname ("PRESIDENT DUDA", "WALLACE"), or a title alone ("THE
        PRESIDENT", "SENIOR ADMINISTRATION OFFICIAL": it ends in a title word): the one person
        met with that title, else the title itself."""
        lowered = [w.lower() for w in words]
        n = 0
        while n < len(words) and (lowered[n] in self.lex.role_words or lowered[n] in NOUN_DETERMINERS):
            n += 1
        if lowered[-1] in self.lex.group_nouns:  # "AUDIENCE:", "PROTESTERS:"
            return Speaker(" ".join(lowered), "group", None, None)
        if lowered[-1] in self.lex.role_words:  # "SENIOR ADMINISTRATION OFFICIAL": a title, whole
            n = len(words)
        title = " ".join(w.title() for w, low in zip(words[:n], lowered[:n], strict=True)
                         if low not in NOUN_DETERMINERS) or None
        if n < len(words):
            person = self.context.person(" ".join(words[n:]).title(), title)
            return Speaker(person.name, "person", person.role, person.affiliation)
        holder = self.context.person_with_title(lowered[-1])
        if holder is not None:
            return Speaker(holder.name, "person", holder.role, holder.affiliation)
        return Speaker((title or "").lower(), "role", None, None)

    def _turn_goes_on(self, index: int, paragraph: Paragraph, ready: PreparedParagraph,
                      cues: list[Cue]) -> bool:
        """In a transcript, an unlabelled paragraph after a turn is more of the same speaker's
        words. The turn ends at a line of capitals ("END") and at narration: a paragraph that
        reports the words of someone it names ("The ministry said ...") without a word of the
        first person (a speaker's own "they do not want to admit" goes on)."""
        if not self.transcript or self.turn is None:
            return False
        words = self.text[ready.start : ready.end]
        if not any(c.islower() for c in words) or (
                cues and not _FIRST_PERSON.search(words) and self._names_a_speaker(cues, ready)):
            self.turn = None
            return False
        self.context.spoke(self.sentence_no, self.turn)
        mention = Mention(0, 0, "", self.turn.kind, self.turn.name)
        quote = self._make_quote(index, paragraph, ready.start, ready.end, "direct",
                                 _Attribution(self.turn, mention, None, "direct.transcript-turn-goes-on"))
        if quote is not None:
            quote.speaker_mention = None
            self.quotes.append(quote)
        return True

    def _read_sentence(self, index, paragraph, doc, sent, number, spans, cues, phrases, starts,
                       continued) -> None:
        text = self.text
        has_direct = False
        for n, span in enumerate(spans):
            left = spans[n - 1].outer_end if n else sent.start_char
            right = spans[n + 1].open_at if n + 1 < len(spans) else sent.end_char
            lead = text[left : span.open_at].strip()
            tail = text[span.outer_end : right].strip()
            content = text[span.start : span.end]
            is_continuation = continued is not None and n == 0 and not lead
            kind = "direct" if is_continuation or self._is_direct(lead, tail, content, n > 0, cues,
                                                                   span, doc) else None
            floor = _token_at(starts, left)
            limit = _token_at(starts, right)
            after_cues = [c for c in cues if span.outer_end <= self.token_starts[c.start] < right]
            before_cues = [c for c in cues if left <= self.token_starts[c.start] < span.open_at]
            if kind == "direct":
                has_direct = True
                found = self._direct_attribution(doc, phrases, sent, span, after_cues, before_cues, lead,
                                                 tail, floor, limit, starts, number)
            elif _names_a_work(content, lead):  # 'on “Meet the Press,”': a show's or a book's name
                found = _Attribution(None, None, None)
                kind = "term"
            else:
                found = self._partial_attribution(doc, phrases, sent, span, cues, number)
                if found.speaker is None:
                    kind, found = "term", _Attribution(None, None, None)
                elif self._quotes_whole_clause(n, spans, cues, sent, limit):
                    kind, found = "direct", found.by("direct.quoted-clause")
                    has_direct = True
                else:
                    kind, found = "partial", found.by("partial.in-reported-speech")
                if found.speaker is not None:
                    self.context.spoke(number, found.speaker)  # "the official" may refer back to them
            quote = self._make_quote(index, paragraph, span.start, span.end, kind, found)
            if is_continuation and quote is not None:
                self._continue(continued, quote)
            if quote is not None:
                self.quotes.append(quote)
                if kind == "direct":
                    self._inner_quotes(index, paragraph, span, number)
        if not has_direct:  # reported speech, whole, beside the partials of the words it quotes
            self._indirect(index, paragraph, doc, sent, number, spans, cues, phrases)

    # -- direct quotes --------------------------------------------------------------
    def _is_direct(self, lead: str, tail: str, content: str, follows_quote: bool, cues: list[Cue],
                   span: QuoteSpan, doc: Doc) -> bool:
        """A quoted sentence: it opens its clause (sentence start, colon, or attribution
        comma) and ends one (closing punctuation inside, or nothing but attribution after)."""
        if not content.strip():
            return False
        stripped = content.rstrip()
        first = stripped.lstrip("‘'\"([…. ")[:1]
        ends_inside = stripped.rstrip("’'\"”)]")[-1:] in CLAUSE_END
        ends_clause = ends_inside or not tail or tail[0] in CLAUSE_END
        lead_has_cue = any(self.token_starts[c.start] < span.open_at for c in cues)
        if not lead or lead.endswith(":") or follows_quote and lead.endswith(","):
            opens = True
        elif lead.endswith(",") and lead_has_cue:
            opens = not self._reported_clause_before(span, cues)
        else:
            opens = lead_has_cue and _ends_with_cue(lead, cues, doc) and stripped[-1] in ".?!…"
        sentence_like = first.isupper() or first.isdigit() or lead.endswith((",", ":"))
        if not (opens and ends_clause and sentence_like):
            return False
        # A short capitalised phrase in a running sentence ("No limits" friendship) is a term.
        return ends_inside or len(stripped.split()) >= 3 or bool(lead)

    def _reported_clause_before(self, span: QuoteSpan, cues: list[Cue]) -> bool:
        """The words between the last cue and the quote open a reported clause that the quote
        goes on ('said that the plan was sound, “and we will ...”', 'said because X won, “...”'):
        a subject pronoun or a complementizer first, or "that", "because" or a finite verb
        among them. The quote is then part of what is reported, not a sentence of its own
        (adjuncts such as 'said in an interview,', 'told reporters,', 'said, when asked whether
        ...,' or 'said, asked how ...,' leave it direct)."""
        tokens = self.tokens
        before = [c for c in cues if self.token_starts[c.start] < span.open_at and not (
            tokens[c.start].lower_.endswith("ed") and c.start > 0  # ", asked how ...", "when asked"
            and (tokens[c.start - 1].text == "," or tokens[c.start - 1].lower_ in SUBORDINATORS))]
        if not before:
            return False
        words = [t.lower_ for t in tokens[before[-1].end : _token_at(self.token_starts, span.open_at)]
                 if not t.is_punct]
        if len(words) < 2 or words[0] in SUBORDINATORS and words[0] not in COMPLEMENTIZERS \
                or words[0].endswith("ed"):
            return False  # "said after the vote was counted, “...”", "said, asked how long, “...”"
        return words[0] in CLAUSE_SUBJECTS or words[0] in COMPLEMENTIZERS or words[0] in QUESTION_WORDS \
            or any(w in COMPLEMENTIZERS or w in FINITE_VERBS for w in words[1:])

    def _direct_attribution(self, doc, phrases, sent, span, after_cues, before_cues, lead, tail, floor,
                            limit, starts, number) -> _Attribution:
        tokens = self.tokens
        if lead.endswith(":") and (labelled := self._name_before_colon(phrases, span, floor, starts)):
            return self._resolved(labelled, ":", number).by("direct.name-before-colon")
        for cue in after_cues[:1]:
            found = self._attribute(doc, phrases, sent, cue, floor, limit, number)
            if found.speaker is not None:
                return found.by("direct.quote-then-cue")
        for cue in reversed(before_cues):
            found = self._attribute(doc, phrases, sent, cue, floor, limit, number)
            if found.speaker is not None:
                return found.by("direct.cue-then-quote")
        if lead.endswith(":"):
            colon = _token_at(starts, span.open_at)
            mention = phrases.subject(floor, colon)
            if mention is not None and not mention.text.isupper():  # "QUOTE OF THE WEEK:" is a head
                self._add_appositive(phrases, mention, colon)  # "X, a former diplomat, is blunt:"
                return self._resolved(mention, ":", number).by("direct.colon-introduction")
        if tail[:1] in SIGN_OFF_DASHES:
            dash = _token_at(starts, span.outer_end)
            while dash < limit and tokens[dash].text not in SIGN_OFF_DASHES:
                dash += 1
            mention = phrases.after(dash + 1, limit) or phrases.described(dash + 1, limit)
            if mention is not None:
                self._add_appositive(phrases, mention, limit)
                return self._resolved(mention, tokens[dash].text, number).by("direct.sign-off")
        if not after_cues and (verb := self._unlisted_verb_after(phrases, span, limit)) is not None:
            found = self._attribute(doc, phrases, sent, verb, floor, limit, number)
            if found.speaker is not None:  # '“...,” an angry Holm retaliated.'
                return found.by("direct.quote-then-unlisted-verb")
        # A follow-on quote: the speaker of this or the previous paragraph goes on.
        paragraphs = self.paragraph_first_sentence
        since = paragraphs[-2] if len(paragraphs) >= 2 else paragraphs[-1]
        speaker = self.context.last_speaker(since)
        if speaker is not None:
            self.context.spoke(number, speaker)
        return _Attribution(speaker, None, None, "direct.same-speaker-goes-on" if speaker else None)

    def _unlisted_verb_after(self, phrases: Phrases, span: QuoteSpan, limit: int) -> Cue | None:
        """A verb in -ed that the lexicon does not list, in the slot of an attribution after a
        quote: a speaker phrase, then the verb ending the sentence ('“...,” an angry Holm
        retaliated.', '“...,” he fumed.'): whatever verb stands there says how it was said."""
        tokens = self.tokens
        i = _token_at(self.token_starts, span.outer_end)
        while i < limit and tokens[i].text in {",", "—", "–"} | CLOSING_MARKS:
            i += 1
        mention = phrases.after(i, limit) if i < limit else None
        if mention is None or mention.start != i or mention.end >= limit:
            return None
        verb = tokens[mention.end]
        after = tokens[mention.end + 1] if mention.end + 1 < limit else None
        if not (verb.is_lower and verb.is_alpha and verb.lower_.endswith("ed")
                and (after is None or after.text in {".", ",", "!", "?"})):
            return None
        return Cue(verb.i, verb.i + 1, verb.lower_, False, False, False, False)

    def _name_before_colon(self, phrases: Phrases, span: QuoteSpan, floor: int, starts) -> Mention | None:
        """"Pollsters agree - Carl Bialik:", "More from Blumenthal and Cohen:": a digest names
        its source after a dash or "from", just before the colon (the first of two joined names)."""
        tokens = self.tokens
        colon = _token_at(starts, span.open_at)  # the opening mark; the colon is before it
        while colon > floor and tokens[colon - 1].text != ":":
            colon -= 1
        named = phrases.before(colon - 1, floor, appositive=False) if colon > floor else None
        while named is not None and named.kind == "person" and named.start - 1 > floor \
                and tokens[named.start - 1].lower_ == "and":
            named = phrases.before(named.start - 1, floor, appositive=False)
        if named is None or named.kind != "person" or named.start <= floor:
            return None
        return named if tokens[named.start - 1].lower_ in NAME_LABEL_OPENERS else None

    def _inner_quotes(self, index: int, paragraph: Paragraph, span: QuoteSpan, number: int) -> None:
        """Quotes inside a direct quote that someone else is said to have spoken ("A Slovak
        friend said to me, 'China builds bridges'"): direct quotes of their own. The outer
        quote's words were never tokenized, so the words leading to each such quote get a
        small doc of their own."""
        content = self.text[span.start : span.end]
        inner, _ = pair_quotes(content)
        for quote_span in inner:
            lead = content[max(content.rfind(stop, 0, quote_span.open_at) for stop in ".?!") + 1 :
                           quote_span.open_at]
            if not cue_pattern().search(lead):
                continue
            doc = self.nlp(lead)
            cues = find_cues(doc)
            if not cues:
                continue
            phrases, cue = Phrases(doc, labels=self.entity_labels), cues[-1]
            mention = phrases.before(cue.start, 0, appositive=False)
            if mention is None and doc[cue.end - 1].lower_.endswith("ing"):
                mention = phrases.subject(0, cue.start)  # "The Government keeps telling us"
            if mention is None or mention.kind == "pronoun":
                continue  # "I" is the outer speaker; "he" inside a quote is seldom anyone named before
            speaker = self.context.resolve(mention, number)
            if speaker is None:
                continue
            found = _Attribution(speaker, mention, doc[cue.start : cue.end].text,
                                 _chain("direct.inner-quote", "speaker-before-cue", mention.rule))
            start, end = span.start + quote_span.start, span.start + quote_span.end
            quote = self._make_quote(index, paragraph, start, end, "direct", found)
            if quote is not None:
                self.quotes.append(quote)

    # -- partial quotes -------------------------------------------------------------
    def _partial_attribution(self, doc, phrases, sent, span, cues, number) -> _Attribution:
        """A quoted phrase belongs to the speaker of the reported speech around it: the nearest
        cue before it, unless that cue stands in the clause another speaker reports ("X told
        reporters that the government had agreed to “…”" is X's); else a cue after it in the
        same clause."""
        before = [c for c in cues if self.token_starts[c.start] < span.open_at]
        clause_end = self._clause_end(span.outer_end, sent.end_char)
        after = [c for c in cues if span.outer_end <= self.token_starts[c.start] < clause_end]
        outer = next((k for k in range(len(before) - 1) if self._reports_into(before[k], before[-1])), None)
        if outer is not None:
            reporter = self._attribute(doc, phrases, sent, before[outer], sent.start, sent.end, number,
                                       remember=False)
            nearest = self._attribute(doc, phrases, sent, before[-1], sent.start, sent.end, number,
                                      remember=False)
            if reporter.speaker is not None and reporter.mention.kind != "pronoun" and (
                    nearest.speaker is None or nearest.speaker.name != reporter.speaker.name):
                return reporter
        # '... — “why not?” asked Dunn': a cue right after the quote's closing punctuation owns it
        owner = [after[0]] if after and self._cue_closes(span, after[0]) else []
        pronoun = None  # "Harbach said he expected ... “…”": the named subject outranks "he"
        for cue in [*owner, *reversed(before), *after]:
            found = self._attribute(doc, phrases, sent, cue, sent.start, sent.end, number, remember=False)
            if found.speaker is None:
                continue
            if pronoun is not None:  # the named subject only of the cue right before "he"
                reports_it = cue in before and 0 <= pronoun.mention.start - cue.end <= 1
                return found if reports_it and found.mention.kind != "pronoun" else pronoun
            if found.mention is None or found.mention.kind != "pronoun" or cue not in before:
                return found
            pronoun = found
        return pronoun or _Attribution(None, None, None)

    def _cue_closes(self, span: QuoteSpan, cue: Cue) -> bool:
        """Does ``cue`` stand right after the quote, nothing but its closing punctuation between
        ('“…?” asked X', '“…,” said X')?"""
        between = self.text[span.end : self.token_starts[cue.start]]
        return all(c.isspace() or c in ",?!" or c in CLOSING_MARKS for c in between) and \
            any(c in ",?!" for c in self.text[span.end - 1] + between)

    def _quotes_whole_clause(self, n: int, spans: list[QuoteSpan], cues: list[Cue], sent, limit: int
                             ) -> bool:
        """Is the reported clause around quote ``n`` the speaker's words quoted nearly whole
        (X said that “…”; X said the plan “…”): at least ``QUOTED_CLAUSE_SHARE`` of its letters
        inside quotation marks? Then it is a direct quote, as news annotation counts it (PolNeAR:
        content mostly in quotation marks), not a phrase the reporter's own words carry. The
        clause runs from the nearest cue before the quote, past a "that" (and the listener
        before it), to where the quote's clause ends."""
        span, tokens = spans[n], self.tokens
        before = [c for c in cues if self.token_starts[c.start] < span.open_at]
        if not before:  # "Things “should be wrapped up by May,” he said.": the clause opens the sentence
            after = [c for c in cues if span.outer_end <= self.token_starts[c.start]]
            if not after or after[0].phrase or len(_WORDS.findall(
                    self.text, span.outer_end, self.token_starts[after[0].start])) > CLOSING_TAIL:
                return False
            start = _after_dateline_char(self.text, sent.start_char, span.open_at)
            # Words after the quote up to a comma before the cue go on its clause
            # ("“... accurately measure” income, he said").
            closed = _CLAUSE_PUNCT.search(self.text, span.end - 1, span.outer_end) is not None  # “…,”
            stop = None if closed else _CLAUSE_PUNCT.search(self.text, span.outer_end)
            cue_at = self.token_starts[after[0].start]
            end = stop.start() if stop is not None and stop.start() < cue_at else span.end
            end = next((q.end for q in spans if q.open_at < end < q.outer_end), end)  # a later quote's comma
            return self._mostly_quoted(start, end, spans)
        if before[-1].phrase or before[-1].no_indirect:
            return False  # "according to X", "called it “…”": no clause is reported
        i = before[-1].end  # an object stays in the clause: called the plan “a disaster”
        for j in range(i, min(i + THAT_WINDOW, limit)):  # "told reporters on Monday that"
            if self.token_starts[j] >= span.open_at:
                break
            if tokens[j].lower_ == "that":
                i = j + 1
                break
        start = min(self.token_starts[i] if i < len(tokens) else span.open_at, span.open_at)
        lead = _WORDS.findall(self.text, start, span.open_at)
        last = lead[-1].lower() if lead else ""
        if last in PREPOSITIONS or last in NOUN_DETERMINERS or last in DEMONSTRATIVES or \
                (owner := _POSSESSIVE_END.search(self.text, start, span.open_at)) \
                and owner.group(1).lower() not in CONTRACTION_HOSTS:  # "it’s “…”" is "it is"
            return False  # "spoke of “…”", "a “…”", "on ABC's “…”": a phrase in the reporter's clause
        return self._mostly_quoted(start, self._clause_end(span.outer_end, sent.end_char), spans)

    def _mostly_quoted(self, start: int, end: int, spans: list[QuoteSpan]) -> bool:
        """Are ``QUOTED_CLAUSE_SHARE`` of the letters of ``text[start:end]`` inside quotes?"""
        letters = _letters(self.text[start:end])
        quoted = sum(_letters(self.text[q.start : q.end]) for q in spans
                     if start <= q.open_at and q.end <= end)
        return letters > 0 and quoted >= QUOTED_CLAUSE_SHARE * letters

    def _reports_into(self, outer: Cue, inner: Cue) -> bool:
        """Does ``inner`` stand in the clause ``outer`` reports ("told reporters that the
        government had agreed"): a verb cue taking a clause, and no punctuation between?"""
        if outer.phrase or outer.no_indirect:
            return False
        return not any(t.is_punct and t.text not in "“”\"‘’'" for t in self.tokens[outer.end : inner.start])

    def _clause_end(self, start: int, end: int) -> int:
        """Where the clause that runs on from ``start`` has crossed into another ("…”, while
        Beijing accused"): the end of the first clause-break word in ``text[start:end]``, else
        ``end``. A cue starting before it is in the same clause (one scan, not one per cue)."""
        for word in _WORDS.finditer(self.text, start, end):
            if word.group().lower() in CLAUSE_BREAKS:
                return word.end()
        return end

    # -- indirect quotes ------------------------------------------------------------
    def _indirect(self, index, paragraph, doc, sent, number, spans, cues, phrases) -> None:
        tokens = self.tokens
        # "China has asked Pakistan to ..., officials said": an attribution closing the sentence
        # reports all before it, the cues inside included; it is tried first.
        closing = [cues[-1]] if len(cues) > 1 and sent.end - cues[-1].end <= CLOSING_TAIL else []
        introduced = None  # "Sam Lau, the party's spokesman, said in a statement." then the quote
        for n, cue in enumerate([*closing, *cues]):
            found = self._attribute(doc, phrases, sent, cue, sent.start, sent.end, number, remember=False)
            if found.mention is None or found.speaker is None and found.mention.kind != "pronoun":
                continue  # "he said ..." is reported speech even when nobody is sure who "he" is
            bounds, shape = self._reported_clause(doc, phrases, sent, cue, found.mention)
            if bounds is None and not spans and found.speaker is not None \
                    and found.mention.start < cue.start \
                    and _ends_sentence(tokens, max(cue.end, found.mention.end), sent.end):
                introduced = found.speaker
            if bounds is None or n == 0 and closing and bounds[1] > found.mention.start:
                continue  # not closing the sentence after all: tried again in its place
            a, b = bounds
            if "antecedent-of-who" in (found.rule or "").split("/"):  # ", who said A, left": A ends at ","
                b = next((j for j in range(a, b) if tokens[j].text == ","), b)
                if not _checked(tokens, a, b):
                    continue
            found = found.by(f"indirect.{'closing-attribution' if n == 0 and closing else shape}")
            later = None if n == 0 and closing else \
                self._second_report(doc, phrases, sent, number, cues, cue, a, b)
            if later is not None:  # "X said A, though she noted B": A ends at the comma
                b = later[0]
            self._add_indirect(index, paragraph, number, a, b, found)
            if later is not None:
                self._add_indirect(index, paragraph, number, *later[1:])
            return
        if introduced is not None:  # a sentence that only says who speaks next
            self.context.spoke(number, introduced)

    def _add_indirect(self, index, paragraph, number, a: int, b: int, found: _Attribution) -> None:
        if found.speaker is not None:
            self.context.spoke(number, found.speaker)
        last = self.tokens[b - 1]
        end = last.idx + len(last.text)
        quote = self._make_quote(index, paragraph, self.tokens[a].idx, end, "indirect", found)
        if quote is not None:
            self.quotes.append(quote)

    def _second_report(self, doc, phrases, sent, number, cues, first: Cue, a: int, b: int
                       ) -> tuple[int, int, int, _Attribution] | None:
        """A second speaker's report joined to the first clause by a comma and a conjunction
        ("X said A, though she noted B"; "..., and Democrats accused Y of Z"): where the
        first clause ends, and the second clause's bounds and attribution."""
        tokens = self.tokens
        for cue in cues:
            if not a < cue.start < b or cue.start <= first.end:
                continue
            participle = tokens[cue.start].lower_.endswith("ing") and not cue.phrase
            if participle and tokens[cue.start - 1].text == ",":
                # "X said A, noting B": the participle's report is the same speaker's, and A ends at ","
                found = self._attribute(doc, phrases, sent, cue, sent.start, sent.end, number, remember=False)
                bounds = self._reported_clause(doc, phrases, sent, cue, found.mention)[0] \
                    if found.speaker is not None else None
                if bounds is not None and bounds[0] >= cue.end and _checked(tokens, a, cue.start - 1):
                    return cue.start - 1, *bounds, found.by("indirect.participle-goes-on")
                continue
            mention = phrases.before(cue.start, a + 1)  # where the second speaker stands
            if mention is None:
                continue
            found = self._attribute(doc, phrases, sent, cue, sent.start, sent.end, number, remember=False)
            if found.mention is None or found.speaker is None and found.mention.kind != "pronoun":
                continue
            joint = mention.start - 1
            if tokens[joint].lower_ in SECOND_REPORT_JOINS and tokens[joint - 1].text in {",", ";"}:
                joint -= 1
            elif tokens[joint].text != ";":
                continue
            bounds, shape = self._reported_clause(doc, phrases, sent, cue, mention)
            if bounds is None or bounds[0] < cue.end:
                continue
            return joint, *bounds, found.by(f"indirect.{shape}")
        return None

    def _reported_clause(self, doc, phrases, sent, cue: Cue, mention: Mention
                         ) -> tuple[tuple[int, int] | None, str]:
        """Token range of the reported speech around ``cue`` and its speaker, and the rule that
        found it (None when there is none)."""
        tokens = self.tokens
        end = sent.end
        while end > sent.start and (tokens[end - 1].text in TRAILING_PUNCT or tokens[end - 1].is_space):
            end -= 1
        block_start, block_end = min(cue.start, mention.start), max(cue.end, mention.end)
        if cue.phrase and cue.speaker_after and block_start == sent.start:
            start = block_end  # According to X, CLAUSE.
            while start < end and tokens[start].text == ",":
                start += 1
            return _checked(self.tokens, start, end), "according-to-then-clause"
        adjacent = 0 <= cue.start - mention.end <= 2 or mention.start == cue.end
        after = block_end
        if cue.takes_object and mention.end <= cue.start:  # "CLAUSE, X told reporters."
            listener = phrases.after(cue.end, end)
            after = listener.end if listener is not None else after
        # "CLAUSE, X said." (nothing but an adjunct after the cue); no clause follows "according to X".
        if adjacent and block_start - 1 > sent.start and tokens[block_start - 1].text == "," and \
                (cue.phrase or _ends_sentence(self.tokens, after, sent.end)):
            start = _after_dateline(doc, sent.start, block_start - 1)
            before = _checked(self.tokens, start, block_start - 1)  # CLAUSE, X said. / CLAUSE, said X.
            if before is not None:
                return before, "clause-then-attribution"  # else "In a statement, X said CLAUSE": read on
        if cue.phrase or cue.no_indirect or mention.start > cue.start:
            return None, ""
        start = cue.end
        that = next((j for j in range(cue.end, min(cue.end + THAT_WINDOW, end))
                     if tokens[j].lower_ == "that" or tokens[j].text in {";", ":"}), None)
        shape = "attribution-then-clause"
        if that is not None and tokens[that].lower_ == "that" and (
                any(tokens[j].text in {".", ";"} for j in range(cue.end, that))
                or that > cue.end and not cue.takes_object and self._object_before_that(cue.end, that)):
            that = None  # "maintains standards that restrict", "said Bonn had a plan that": a relative clause
        if that is not None and tokens[that].lower_ == "that":
            start, shape = that + 1, "attribution-then-that-clause"
        elif cue.needs_that and not self._pronoun_clause(start, end) \
                or self._prepositional_object(start, end):
            return None, ""  # "announced a plan" is an object; "announced it had won" a clause
        elif cue.takes_object:
            listener = phrases.after(cue.end, end)
            start = listener.end if listener is not None else cue.end + 1
            shape = "attribution-listener-then-clause"
        while start < end and (tokens[start].text == "," or tokens[start].lower_ in TIME_ADJUNCTS):
            start += 1  # "said on Tuesday the ..."
        return _checked(self.tokens, start, end), shape

    def _object_before_that(self, i: int, that: int) -> bool:
        """Do the words between a cue and its "that" name an object ("maintains standards |
        that ...") rather than an adjunct ("said on Monday that", "said repeatedly that")?"""
        first, last = self.tokens[i], self.tokens[that - 1]
        if first.is_punct or first.lower_ in PREPOSITIONS or first.lower_ in ADJUNCT_OPENERS \
                or first.lower_ in self.lex.between or first.lower_.endswith("ly"):
            return False
        return last.is_alpha and last.is_lower and last.lower_ not in CONTENT_NOUNS

    def _pronoun_clause(self, i: int, end: int) -> bool:
        """Does a clause open at token ``i`` with a subject pronoun and an auxiliary ("it had
        reached", "she would run"), so that a cue that otherwise wants "that" reports it?"""
        tokens = self.tokens
        return i + 1 < end and tokens[i].lower_ in self.lex.pronouns and tokens[i + 1].lower_ in FINITE_VERBS

    def _quoted_as(self, phrases: Phrases, cue: Cue, floor: int) -> Mention | None:
        """"The agency quoted Yan Xiaodong, a spokesman, as saying ...": the object of a verb of
        quoting before "as" is the speaker, not the subject that quotes them."""
        tokens, as_ = self.tokens, cue.start - 1
        for j in range(as_ - 1, floor - 1, -1):
            if tokens[j].lower_ in QUOTING_VERBS:
                mention = phrases.after(j + 1, as_)
                if mention is None:
                    return None
                # its object reaches "as", an aside at most between ("Interfax, citing the
                # Kremlin, described X as saying" is the describer's: X)
                if mention.end != as_:
                    aside_end = phrases.appositive_end(mention.end + 1, as_)
                    if tokens[mention.end].text != "," or aside_end != as_ - 1 \
                            or not any(phrases.appositive(mention.end + 1, aside_end)):
                        return None
                self._add_appositive(phrases, mention, as_)
                return mention
        return None

    def _prepositional_object(self, i: int, end: int) -> bool:
        """Does a verb's prepositional object or an infinitive, not a clause, follow it at token
        ``i`` ("will ask for an exemption", "asked not to be named")? A manner adverb or a
        place adjunct may come first ("said quietly into the phone", "said in Kyiv the ...")."""
        tokens = self.tokens
        while i + 1 < end and tokens[i].is_lower and tokens[i].lower_.endswith("ly") and tokens[i].is_alpha:
            i += 1  # "said pleasantly into the phone": a manner adverb first
        while i + 2 < end and tokens[i].lower_ == "in" and tokens[i + 1].ent_type_ in PLACE_LABELS:
            i += 2
        if i + 1 < end and tokens[i + 1].lower_ in QUANTITY_WORDS:
            return False  # "at least three suppliers ..."
        if i < end and tokens[i].lower_ == "not":
            return True  # "asked not to be named"
        return i < end and tokens[i].lower_ in PREPOSITIONS and tokens[i].lower_ not in TIME_ADJUNCTS

    # -- shared ---------------------------------------------------------------------
    def _attribute(self, doc, phrases, sent, cue: Cue, floor: int, limit: int, number: int,
                   remember: bool = True) -> _Attribution:
        """The speaker of one cue: after it ("said X", "according to X") or before it."""
        tokens = self.tokens
        mention = None
        position = "speaker-before-cue"
        cue_text = doc[cue.start : cue.end].text
        if cue.phrase:
            if cue.speaker_after:
                mention, position = phrases.after(cue.end, limit), "speaker-after-phrase-cue"
            else:
                mention = phrases.before(cue.start, floor)
        else:
            previous = tokens[cue.start - 1].text if cue.start > sent.start else ""
            if cue_text.endswith("ing") and previous in BE_FORMS:
                # "Lund also is stressing that": a progressive's subject stands before its "is";
                # without one ("what is being said") it is a verb in a clause of its own
                mention, position = phrases.before(cue.start - 1, floor), "speaker-before-progressive"
                if mention is None:
                    return _Attribution(None, None, cue_text)
            elif cue_text.endswith("ing") and previous.lower() == "as" and \
                    (quoted := self._quoted_as(phrases, cue, floor)) is not None:
                mention, position = quoted, "object-of-quoted-as"  # "Xinhua quoted Yan as saying"
            elif cue_text.endswith("ing"):  # ", saying ...": the main clause's subject spoke
                mention = phrases.before(cue.start, floor, appositive=False)
                document = mention is not None and mention.document
                if document and self._object_of_preposition(mention, floor):
                    mention = None  # "Thiel wrote in a statement to Wired explaining ...": Thiel's words
                elif document and (issuer := self._issuer(phrases, mention, floor)):
                    mention, position = issuer, "issuer-of-document"  # "Teneo issued a statement saying"
                if mention is None:  # "..., Berg said, adding": the speaker of the verb before, if any,
                    # from the sentence's start ("Gore insisted it was “premature” ... while adding, ...")
                    mention = self._earlier_verbs_speaker(doc, phrases, sent, cue, sent.start, number)
                    position = "subject-of-participle"
                if mention is None:
                    mention, position = phrases.subject(floor, cue.start), "subject-of-participle"
            else:
                if previous == ",":
                    mention = phrases.before(cue.start, floor)
                inverted_ok = not cue.takes_object and not tokens[cue.start].lower_.endswith("ing") and (
                    previous in INVERTING_MARKS or cue.start == sent.start)  # not "X, speaking of Y,"
                if mention is None and inverted_ok:
                    mention, position = phrases.after(cue.end, limit), "speaker-after-cue"
                    if mention is not None and not phrases.clean_end(mention.end, limit):
                        mention = None
                    if mention is None and previous in CLOSING_MARKS and cue.lemma in INVERTING_VERBS:
                        mention = phrases.described_after_cue(cue.end, limit)  # '"...," said the designer
                if mention is None:
                    mention, position = phrases.before(cue.start, floor), "speaker-before-cue"
                if mention is None and (who := self._relative_who(cue.start, floor)) is not None:
                    mention, position = phrases.before(who - 1, floor, appositive=False), "antecedent-of-who"
                    last = mention.role.split()[-1] if mention is not None and mention.role else ""
                    if last.islower() and last not in self.lex.role_words:  # "met Anna Berg, who": no title
                        mention.role = None
                if mention is None and previous.lower() == "to":
                    if cue.start - 2 >= floor and tokens[cue.start - 2].lower_ in REFUSALS:
                        return _Attribution(None, None, cue_text)
                    # only an infinitive that opens a quotation ("was moved to say, “...”") or
                    # goes on from a verb of going on ("continued to warn that"); a purpose ("used
                    # markers to write notes") or a plan ("to announce") says nothing yet
                    if any(t.text in OPENS_A_QUOTATION for t in tokens[cue.end : cue.end + 4]) \
                            or self._catenative_before(cue.start - 1, floor):  # "went on to say that"
                        mention, position = self._infinitives_speaker(phrases, cue, floor)
                if previous in COORDINATORS and (mention is None or mention.kind != "pronoun"):
                    # "Lin dismissed the claim and said", "a statement called it X and promised Y":
                    # the subject of the verb before, found by that verb's own cue when it has one
                    shared = self._earlier_verbs_speaker(doc, phrases, sent, cue, floor, number)
                    if shared is not None:
                        mention, position = shared, "subject-of-coordinated-verb"
                    elif mention is None:
                        mention, position = phrases.subject(floor, cue.start), "subject-of-coordinated-verb"
        if mention is None or self._reduced_relative(mention, cue):
            return _Attribution(None, None, cue_text)
        if mention.kind == "pronoun" and mention.name == "it":  # "X urged ... to drop what it called"
            subject = phrases.subject(floor, mention.start)
            if subject is not None and subject.kind in {"org", "group"}:
                subject.text = mention.text
                mention = subject.mark("it-is-the-subject")
        if mention.end > cue.start:
            self._add_appositive(phrases, mention, limit, closed=cue.phrase)
        if mention.kind == "pronoun" and mention.name in {"he", "she"}:
            mention = self._own_sentences_subject(phrases, sent, mention) or mention
        speaker = self.context.resolve(mention, number)
        if speaker is not None and remember:
            self.context.spoke(number, speaker)
        return _Attribution(speaker, mention, cue_text, _chain(position, mention.rule))

    def _issuer(self, phrases: Phrases, document: Mention, floor: int) -> Mention | None:
        """"Teneo issued a statement saying ...": the subject of the clause whose object is the
        document speaks through it (not "a statement from X", which names its own source)."""
        tokens, k = self.tokens, document.start - 1
        while k > floor and tokens[k].lower_ in NOUN_DETERMINERS:
            k -= 1
        if k <= floor or not tokens[k].is_alpha or tokens[k].lower_ in PREPOSITIONS or document.via_document:
            return None
        subject = phrases.subject(floor, k)
        return subject if subject is not None and subject.kind in {"person", "org", "group", "role"} \
            and not subject.document else None

    def _object_of_preposition(self, mention: Mention, floor: int) -> bool:
        """Is ``mention`` governed by a preposition ("in a statement", "in his memo")?"""
        tokens, k = self.tokens, mention.start - 1
        while k > floor and tokens[k].lower_ in NOUN_DETERMINERS:
            k -= 1
        return k >= floor and tokens[k].lower_ in PREPOSITIONS

    def _own_sentences_subject(self, phrases: Phrases, sent, pronoun: Mention) -> Mention | None:
        """"Zubrilin told TASS that ..., "a condition unchanged," as he put it": a "he" or "she"
        refers to the person named as its own sentence's subject, when narration before any
        quotation mark names one, before anyone who spoke in an earlier sentence."""
        tokens, k = self.tokens, sent.start
        while k < pronoun.start and not any(mark in tokens[k].text for mark in ALL_MARKS):
            k += 1
        subject = phrases.subject(sent.start, k) if k > sent.start else None
        if subject is None or subject.kind != "person" or subject.end > pronoun.start:
            return None
        if len(subject.name.split()) < 2 and not self.context.knows(subject.name):
            return None  # one capitalised word opening a sentence ("Freight rates ...") may be no one
        if not self.context.may_be(subject.name, PRONOUN_GENDERS.get(pronoun.name)):
            return None
        return subject.mark("pronoun-is-its-sentences-subject")

    def _relative_who(self, k: int, floor: int) -> int | None:
        """Where the "who" of a relative clause set off by a comma stands, when the cue at
        token ``k`` is its verb ("Berg, who said the plan would fail, left"; "who has since
        said"), else None."""
        tokens = self.tokens
        while k - 1 > floor and tokens[k - 1].lower_ in self.lex.between:
            k -= 1
        who = k - 1
        relative = who - 1 > floor and tokens[who].lower_ == "who" and tokens[who - 1].text == ","
        return who if relative else None

    def _catenative_before(self, to: int, floor: int) -> bool:
        """Does a verb of starting or going on stand before the "to" at token ``to``
        ("continued to warn", "went on to say", "was quick to add")?"""
        tokens = self.tokens
        one = tokens[to - 1].lower_ if to - 1 >= floor else ""
        two = f"{tokens[to - 2].lower_} {one}" if to - 2 >= floor else ""
        return one in CATENATIVE_VERBS or two in CATENATIVE_VERBS

    def _infinitives_speaker(self, phrases: Phrases, cue: Cue, floor: int) -> tuple[Mention | None, str]:
        """Who speaks an infinitive cue ("to say"): the object a verb asks to speak ("urged the
        envoy to say"), else the clause's subject ("Ross was prompted to say", "Lind went on to add")."""
        tokens = self.tokens
        asked = phrases.before(cue.start - 1, floor, appositive=False)
        if asked is not None and asked.kind in {"person", "role", "group"} and asked.start > floor \
                and tokens[asked.start - 1].is_alpha and tokens[asked.start - 1].lower_ not in PREPOSITIONS:
            return asked, "object-of-infinitive"
        return phrases.subject(floor, cue.start), "subject-of-infinitive"

    def _earlier_verbs_speaker(self, doc, phrases, sent, cue: Cue, floor: int, number: int) -> Mention | None:
        """The speaker phrase of the last cue before ``cue`` in the sentence, if it has one."""
        earlier = [c for c in self.cues if floor <= c.start < cue.start - 1]
        if not earlier:
            return None
        found = self._attribute(doc, phrases, sent, earlier[-1], floor, cue.start, number, remember=False)
        return found.mention

    def _reduced_relative(self, mention: Mention, cue: Cue) -> bool:
        """"a statement posted on the website": a participle after a document, then a preposition,
        says what was done to the document; it is no cue of the document's."""
        tokens = self.tokens
        return mention.document and mention.end == cue.start and tokens[cue.end - 1].lower_.endswith("ed") \
            and cue.end < len(tokens) and tokens[cue.end].lower_ in PREPOSITIONS

    def _add_appositive(self, phrases: Phrases, mention: Mention, limit: int, closed: bool = False) -> None:
        """", a professor at Y" after a speaker named after its cue; ``closed``: only an aside that
        a comma or a full stop closes (after "according to X" a clause may follow the comma)."""
        tokens = self.tokens
        if mention.end < limit and tokens[mention.end].text == "," and mention.kind in {"person", "org"}:
            start = mention.end + 1
            end = phrases.appositive_end(start, limit)
            if end == start + 1 and end < limit and tokens[start].like_num and tokens[end].text == ",":
                start = end + 1  # an age first: "said Gloria Garza, 34, a nurse"
                end = phrases.appositive_end(start, limit)
            if closed and end < limit and tokens[end].text not in APPOSITIVE_CLOSERS:
                return  # "According to X, the tariffs ... “clearly show”": a clause, not an aside
            role, affiliation = party_aside(mention.role, *phrases.appositive(start, end))
            if role or affiliation:
                mention.role = mention.role or role
                mention.affiliation = mention.affiliation or affiliation

    def _resolved(self, mention: Mention, cue: str | None, number: int) -> _Attribution:
        speaker = self.context.resolve(mention, number)
        if speaker is not None:
            self.context.spoke(number, speaker)
        return _Attribution(speaker, mention, cue, mention.rule or None)

    def _make_quote(self, index: int, paragraph: Paragraph, start: int, end: int, kind: str,
                    found: _Attribution) -> Quote | None:
        text = self.text
        while end > start and (text[end - 1] in ", " or text[end - 1].isspace()):
            end -= 1
        if end <= start:
            return None
        raw_start, raw_end = paragraph.raw_span(start - self.base, end - self.base)
        speaker = found.speaker
        affiliation = speaker.affiliation if speaker else None
        affiliation = self.context.acronyms.get(affiliation, affiliation)  # "KAM" -> its name, if defined
        told = speaker is not None or kind == "indirect"  # reported speech keeps an unresolved "he"
        return Quote(
            file=self.article.file, article_id=self.article_id,
            quote_id=f"{self.article_id}:q{len(self.quotes) + 1:03d}",
            start=raw_start, end=raw_end, text=text[start:end], kind=kind,
            speaker=speaker.name if speaker else None,
            speaker_id=speaker_slug(speaker.name) if speaker else None,
            speaker_kind=speaker.kind if speaker else None,
            speaker_mention=found.mention.text if found.mention is not None and told else None,
            role=speaker.role if speaker else None,
            affiliation=affiliation,
            cue=found.cue if told else None,
            paragraph=index,
            rule=found.rule if told else None,
        )

    def _continue(self, earlier: Quote, quote: Quote) -> None:
        """A quote running on from the previous paragraph (one record per paragraph): both
        parts have one speaker, whichever part names it."""
        if quote.speaker is None or quote.cue is None and earlier.speaker is not None:
            quote.speaker, quote.speaker_mention, quote.cue = earlier.speaker, None, None
            quote.role, quote.affiliation = earlier.role, earlier.affiliation
            quote.rule = _chain("direct.continued-paragraph", earlier.rule) if earlier.speaker else None
        elif earlier.speaker is None:
            for part in self.quotes:
                if part.kind == "direct" and part.speaker is None and part.paragraph >= earlier.paragraph:
                    part.speaker, part.role, part.affiliation = quote.speaker, quote.role, quote.affiliation
                    part.rule = _chain("direct.continued-paragraph", quote.rule)

    def _remember_names(self, text: str, begin: int, end: int, spans: list[QuoteSpan], number: int,
                        headline: bool = False) -> None:
        """Note the people named in ``text[begin:end]`` (outside quotes), for short names and
        pronouns. Read from the characters, not tokens: most sentences are never tokenized.
        In a ``headline``, written in title case, a name needs a given name, a title or an
        honorific before it, or the EntityRuler or the actor data to know it ("National and
        Economic Security" is no one)."""
        for match in _CAPITALISED_RUN.finditer(text, begin, end):
            words = match.group().split()
            # A stretch after a title's "for", "of" or "and" may open with the end of a portfolio
            # ("Minister for | Economic Affairs Wahyu Setiabudi"): the names are in the rest.
            skipped = 0
            if text.endswith((" for ", " of ", " and "), begin, match.start()):
                lookback = max(begin, match.start() - PORTFOLIO_LOOKBACK)
                words_before = text[lookback : match.start()].lower().split()
                skipped = portfolio_words(words, words_before, self.lex)
            stretch = " ".join(words[skipped:])
            names = self._names_in.get(stretch)
            if names is None:  # what a stretch names does not depend on the article: worked out once
                if len(self._names_in) >= _STRETCH_CACHE_SIZE:
                    self._names_in.clear()
                names = self._names_in[stretch] = self._names_in_stretch(stretch.split())
            if not names or spans and inside_quote(match.start(), spans):
                continue
            for first, name, known_alone in names:
                reach = max(begin, match.start() - TITLE_REACH)  # not the whole sentence: linear time
                before = f"{text[reach : match.start()]} {' '.join(words[: skipped + first])}"
                honorific = before.rsplit(None, 1)[-1] if before.strip() else ""  # "Ms", "Mr.", "Sen."
                last = honorific.lower()
                titled = last in self.lex.honorifics or last in self.lex.title_abbreviations \
                    or last in self.lex.role_words  # "Mr. Lund", "Sen. Lund", "President Lund"
                if not (known_alone or titled or name in self.context.known_people
                        or self.context._person_by_word(name) is not None):
                    continue  # one word the article has not met as a name: a place, a word
                role, affiliation = split_title(_title_before(before, self.lex), self.entity_labels.get,
                                                self.lex)
                if role is None and affiliation is None and text.startswith(",", match.end()) \
                        and first + len(name.split()) == len(stretch.split()):  # "X, a fellow at Y,"
                    role, affiliation = _appositive_after(text, match.end(), end, self.lex,
                                                          self.entity_labels)
                if headline and not (role or known_alone and len(name.split()) == 1
                                     or is_given_name(name.split()[0]) or name in self.context.known_people
                                     or honorific.lower().rstrip(".") in self.lex.honorifics
                                     or self.entity_labels.get(name) == "PERSON"):
                    continue
                self.context.mention(number, name, role, affiliation, honorific)

    def _names_in_stretch(self, words: list[str]) -> list[tuple[int, str, bool]]:
        """The possible person names in a capitalised stretch: (index of the first word, name,
        whether it is a name on its own: two words or more, or a person the EntityRuler knows)."""
        names = []
        for first, run in self._name_runs(words):
            while len(run) > 2 and (self.entity_labels.get(run[0]) in _PLACE_OR_GROUP_LABELS
                                    or run[0].lower() in self.lex.title_words):
                first, run = first + 1, run[1:]  # "ambassador to Moscow Russell Kindred", "for Trade X Y"
            found = self._person_name(run)
            if found is not None:
                names.append((first, *found))
        return names

    def _name_runs(self, words: list[str]) -> Iterable[tuple[int, list[str]]]:
        """Runs of name words in a capitalised stretch, each with the index of its first
        word; a run ends at a non-name word, a possessive or a sentence's full stop."""
        run: list[str] = []
        first = 0
        for n, word in enumerate(words):
            bare, ends_run = _bare_word(word)
            if self._is_name_word(bare) or (run and bare.lower() in self.lex.particles):
                if not run:
                    first = n
                run.append(bare)
            elif run:
                yield first, run
                run = []
            if ends_run and run:
                yield first, run
                run = []
        if run:
            yield first, run

    def _is_name_word(self, word: str) -> bool:
        """``is_name_word`` for a word of narration, which has no tokens: a role or group word
        is any word of the lexicon's roles and groups (``never_names``)."""
        if word[:1].islower() and "-" in word and word.split("-", 1)[0] in self.lex.particles:
            word = word.split("-", 1)[1]  # "al-Harbi"
        return is_name_word(word, self.lex, role_or_group=word.lower() in self.lex.never_names,
                            entity=word in self.entity_labels)

    def _person_name(self, run: list[str]) -> tuple[str, bool] | None:
        """The name ``run`` spells when it may name a person (not a place or organisation),
        and whether it does so on its own: two words or more, or one the EntityRuler knows
        as a person (a single other word needs the actor data or the article to know it)."""
        while run and run[-1].lower() in self.lex.particles:
            run = run[:-1]
        if not run:
            return None
        name = " ".join(run)
        by_word = [self.entity_labels.get(word) for word in run]
        labels = {*by_word, self.entity_labels.get(name)}
        if "PERSON" in labels:
            return name, True
        if any(word.lower() in self.lex.org_nouns for word in run) or (
                len(run) >= 2 and run[-1].lower() in self.lex.place_nouns):
            return None  # "Carrier Corporation", "Galeana Street"
        if labels & _PLACE_OR_GROUP_LABELS and not place_then_name(run, by_word):
            return None
        return name, len(run) >= 2


_PLACE_OR_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC"})

# Capitalised stretch -> the names in it, per EntityRuler (a cache like the tokenizer's own:
# "Mr Putin" or "The" recur across a corpus, and working out names is costlier than looking up).
_STRETCH_CACHES: dict[int, tuple[dict[str, str], dict[str, list[tuple[int, str, bool]]]]] = {}
_STRETCH_CACHE_SIZE = 100_000


def _stretch_cache(labels: dict[str, str]) -> dict[str, list[tuple[int, str, bool]]]:
    known = _STRETCH_CACHES.get(id(labels))
    if known is None or known[0] is not labels:
        known = _STRETCH_CACHES[id(labels)] = (labels, {})
    return known[1]


def _title_before(before: str, lex) -> list[str]:
    """The title written just before a name ("former Russian diplomat", "Chinese President",
    "The CDU's candidate for chancellor,"): role words, role modifiers, capitalised words,
    portfolio words and prepositions after a role word, ending in a role word; or an owner
    ("Peking University's")."""
    words = before.split()[-TITLE_WINDOW:]
    if words and words[-1].endswith(",") and words[-1][:-1].lower() in lex.role_words:
        words[-1] = words[-1][:-1]  # a title set off by commas: "Taiwan's president, Hsu Wen-chieh,"
    if words and words[-1].endswith(("’s", "'s")) and words[-1][:1].isupper():
        owner = len(words) - 1
        while owner > 0 and words[owner - 1][:1].isupper() and words[owner - 1].lower() not in STOP_WORDS:
            owner -= 1
        return words[owner:]
    if not words or words[-1].lower() not in lex.role_words and not _ends_in_portfolio(words, lex):
        return []
    title: list[str] = []
    for n in range(len(words) - 1, -1, -1):
        word, lower = words[n], words[n].lower()
        if word[-1:] in ",.;:!?)”\"’'" and title:
            break
        in_title = lower in lex.role_words or lower in lex.role_modifiers or lower in lex.title_words or (
            word[:1].isupper() and lower not in STOP_WORDS and lower not in lex.not_names)
        # "Minister of State for Foreign Affairs"; not "Readout of President": a role after the
        # preposition is the title's head, and what stands before the preposition is no part of it
        portfolio = n > 0 and (words[n - 1].lower() in lex.role_words or words[n - 1][:1].isupper() and title
                               and title[0][:1].isupper() and title[0].lower() not in lex.role_words)
        joined = lower == "and" and title and title[0][:1].isupper() \
            and ends_inside_portfolio([w.lower() for w in words[:n]], lex)
        if in_title or lower in TITLE_PREPOSITIONS and portfolio or joined:  # "of Agriculture and Livestock"
            title.insert(0, word)
        else:
            break
    return title


# ", a senior research fellow at the Oxford Institute ...," after a name, up to the next
# comma, full stop or "and a" joining a second appositive.
_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?([a-z][^,;:.()“”\"‘’]*?)(?=\s*[,;:.(]|\s+and\s+(?:a|an)\s|$)")
_AFFILIATION_START = re.compile(r"\s(?:at|of|for|with)\s+(?:the\s+)?(?=[A-Z])")
_FIRST_PREPOSITION = re.compile(r"\s(?:at|of|for|with|in|on|to|from)\s")


def _appositive_after(
    text: str, at: int, end: int, lex, labels: dict[str, str]
) -> tuple[str | None, str | None]:
    """The role and affiliation of an appositive written right after a name in narration
    ("..., a senior research fellow at the Oxford Institute for Energy Studies,"): its head
    (the word before its first preposition) must be a role word; the affiliation is the
    object of a preposition before a capital, and no place. Read from the characters:
    narration is not tokenized. (None, None) if there is none."""
    match = _APPOSITIVE.match(text, at, end)
    if match is None:
        return None, None
    phrase = match.group(1).strip()
    head = phrase[: m.start()] if (m := _FIRST_PREPOSITION.search(phrase)) else phrase
    if not head or head.split()[-1].lower() not in lex.role_words:
        return None, None
    split = _AFFILIATION_START.search(phrase)
    if split is None or labels.get(phrase[split.end() :]) in PLACE_LABELS:
        return phrase, None
    return phrase[: split.start()], phrase[split.end() :]


_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Z&]{1,9})\)")
_NAME_CONNECTORS = _GRAMMAR["acronym_name_connectors"]


def acronyms_defined(text: str) -> dict[str, str]:
    """Acronyms a text defines in brackets after a name: "China Mineral Resources Group (CMRG)"
    -> {"CMRG": "China Mineral Resources Group"}; the name's first initial must match."""
    found = {}
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        words = text[: match.start()].split()[-ACRONYM_NAME_WORDS:]
        n = len(words)
        while n > 0 and (words[n - 1][:1].isupper() and not words[n - 1].endswith(("’s", "'s", ","))
                         or words[n - 1] in _NAME_CONNECTORS):
            n -= 1
        name = words[n:]
        while name and (name[0] in _NAME_CONNECTORS or name[0][:1] != match.group(1)[0]):
            name = name[1:]  # "the", or a word before the name ("Saudi Arabia's Public ...")
        if len(name) >= 2:
            found[match.group(1)] = " ".join(name)
    return found


def _ends_in_portfolio(words: list[str], lex) -> bool:
    """Do ``words`` end in a role and its portfolio ("Minister of Commerce", "Minister of State
    for Foreign Affairs", "Minister of Agriculture and Livestock"): capitalised words, prepositions
    and an "and" joining portfolios, back to a role word?"""
    for n in range(len(words) - 1, 0, -1):
        word = words[n]
        if word.lower() in TITLE_PREPOSITIONS and n < len(words) - 1:
            if words[n - 1].lower() in lex.role_words:
                return True
        elif not word[:1].isupper() and not (
                word == "and" and ends_inside_portfolio([w.lower() for w in words[:n]], lex)):
            return False
    return False


def _bare_word(word: str) -> tuple[str, bool]:
    """``word`` without a possessive or a sentence's full stop, and whether one was there
    (a name run ends at either)."""
    last = word[-1]
    if last in "’'":
        return word[:-1], True
    if last == "s" and word[-2:-1] in ("’", "'"):
        return word[:-2], True
    if last == "." and "." not in word[:-1]:
        if len(word) == 2 and word[0].isupper():
            return word, False  # an initial: "Joseph R. Biden" goes on
        return word[:-1], True
    return word, False


_PARTICLE = trie_expression(sorted(load_attribution_lexicon().particles))  # the one list, as a trie
_NAME_WORD = rf"(?:[A-Z]|(?:{_PARTICLE})-[A-Z])[\w’'.-]*"  # "al-Harbi", "el-Sisi"; capital first: faster
_CAPITALISED_RUN = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:{_PARTICLE})\s+)?{_NAME_WORD})*")


# Speaker labels opening a transcript's paragraph: "ØSTERGAARD: No, and ...", "MS. PSAKI:  Hi",
# "President of Russia Vladimir Putin: India is ...", "Question: ...", and "Q    Thanks" (a
# questioner's turn with no colon, as White House transcripts write it: "Q" and a capital).
_CAPITAL_WORD = r"[^\W\d_a-z](?:[^\W\d_a-z]|['’.-])+"  # a word in capitals, any script ("AL-HARBI")
_CAPITALS_LABEL = re.compile(rf"((?:{_CAPITAL_WORD}|Q)(?: {_CAPITAL_WORD}){{0,2}}):[ \t]+(?=\S)")
_TITLE_LINK = "|".join(sorted(load_attribution_lexicon().particles | TITLE_PREPOSITIONS | {"the", "and"}))
_NAMED_LABEL = re.compile(
    rf"([A-Z][\w’'.-]*(?:[ \t]+(?:(?:{_TITLE_LINK})[ \t]+)*[A-Z][\w’'.-]*){{0,7}}):[ \t]+(?=\S)")
_QUESTION_TURN = re.compile(r"(Q)[ \t]+(?=[A-Z“\"‘'(])")
QUESTION_LABELS = _GRAMMAR["question_labels"]
_WORDS = re.compile(r"\w+|;")
_CLAUSE_PUNCT = re.compile(r"[,;:.!?]")
_POSSESSIVE_END = re.compile(r"(\w+)['’]s\s*$")  # "Oslo’s “...”": a possessive right before the quote
_SUBJECT_PRONOUN = re.compile(r"(He|She) ")  # a sentence opening with "He" or "She" (not quoted)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Ww]e|[Mm]y|[Oo]ur|us|me)\b")


def _turn_label(text: str, start: int, end: int, names_in) -> tuple[str, int] | None:
    """The speaker label opening ``text[start:end]`` and where the words after it start, or
    None. A label in capitals or a questioner's label counts as it is; a label in title case
    must hold a person's name (``names_in`` finds them: not "Key Points:" or "Washington:").
    A transcript quoted whole opens each turn with a quotation mark ('"WALLACE: If I may').
    """
    if start < end and text[start] in OPENING_MARKS and start + 1 < end and text[start + 1].isupper():
        start += 1
    for pattern in (_CAPITALS_LABEL, _QUESTION_TURN):
        if (match := pattern.match(text, start, end)) is not None:
            return match.group(1), match.end()
    match = _NAMED_LABEL.match(text, start, end)
    if match is None:
        return None
    label = match.group(1)
    if label in QUESTION_LABELS or names_in(label):
        return label, match.end()
    return None



# "BEIJING, March 5 (Reuters) -", "TOKYO --", "NEW DELHI:" at the start of a story are not reported speech.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'/-]*[A-Z](?:,[^()\n]{0,40}?)?(?:\s*\([A-Za-z .]+\))?\s*(?:--|[-–—:])\s+")


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """The first token of ``doc[start:end]`` after a dateline, if it opens with one."""
    if end <= start:
        return start
    first, last = doc[start], doc[end - 1]  # the span's text: ``doc.text`` is rebuilt from every token
    skip_to = first.idx + _after_dateline_char(doc[start:end].text, 0, last.idx + len(last) - first.idx)
    while start < end and doc[start].idx < skip_to:
        start += 1
    return start


def _after_dateline_char(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` begins after a dateline ("BEIJING, March 5 (Reuters) -")."""
    match = _DATELINE.match(text[start:end])  # not match(text, start): "^" holds only at 0
    return start + match.end() if match is not None else start


def _token_at(starts: list[int], char: int) -> int:
    """Index of the first token starting at or after ``char``."""
    return bisect.bisect_left(starts, char)


def _ends_with_cue(lead: str, cues: list[Cue], doc: Doc) -> bool:
    words = lead.rstrip(" ,").split()
    return bool(words) and any(doc[c.end - 1].text == words[-1] for c in cues)


def _names_a_work(content: str, lead: str) -> bool:
    """Quoted words that name a show, book or film rather than quote anyone: two to eight words,
    every word of four letters or more capitalised, right after a preposition, an article or a
    possessive ('on “Meet the Press,”', 'in “The Art of the Deal”', 'on ABC’s “This Week”')."""
    words = content.strip(" ,.;:").split()
    if not 2 <= len(words) <= 8 or not lead:
        return False
    if not all(w[:1].isupper() or len(w) < 4 and w.islower() for w in words) or not words[0][:1].isupper():
        return False
    last = lead.rsplit(None, 1)[-1].lower()
    return last in PREPOSITIONS or last in WORK_TITLE_OPENERS \
        or _POSSESSIVE_END.search(lead) is not None  # "on the network’s “Morning Hour”"


def _ends_sentence(tokens: list[Token], i: int, end: int) -> bool:
    """Only an appositive, a short adjunct or punctuation follows token ``i`` (not a clause:
    "Speaking in Beijing, Lin said China opposed it" reports what follows "said")."""
    rest = [t for t in tokens[i:end] if not t.is_punct]
    if not rest:
        return True
    first = tokens[i]
    opens_adjunct = first.is_punct or first.lower_ in PREPOSITIONS or first.lower_ in ADJUNCT_OPENERS
    if not opens_adjunct:
        return False
    comma = next((j for j in range(i, min(end, i + ADJUNCT_COMMA_WINDOW)) if tokens[j].text == ","), None)
    if comma is not None and comma + 1 < end and (tokens[comma + 1].lower_ in SUBORDINATORS
                                                  or tokens[comma + 1].lower_.endswith("ing")):
        return True  # "..., the government said on Friday, as Tokyo seeks to ...": a narrator's tail
    return len(rest) <= ADJUNCT_WORDS


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _checked(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """A reported clause of ``MIN_INDIRECT_WORDS`` words, or one word fewer when it opens with a
    subject pronoun ("he was joking")."""
    words = [t for t in tokens[start:end] if not t.is_punct]
    least = MIN_INDIRECT_WORDS - 1 if words and words[0].lower_ in CLAUSE_SUBJECTS else MIN_INDIRECT_WORDS
    return (start, end) if len(words) >= least else None
