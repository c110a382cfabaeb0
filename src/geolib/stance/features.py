"""Interpretable features of a sentence's sentiment toward one target mention.

A sentence is read once (``SentenceView``): words (``geolib.text.words``), clauses,
negation scopes, intensifiers and the evaluative words of the lexicon
(``geolib.stance.lexicon``). Its target-free features (the bag of words, the sentence's
overall tone) are made once; each target then adds features from at most ``CONTEXT``
words either side of it, so scoring every mention of a long quote stays linear.

Every feature value is the sum of *parts*, each with the words behind it, so the fitted
linear model can say which words moved a score and by how much.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from geolib.stance.lexicon import SentimentCues, default_cues
from geolib.text.words import Word, words

WINDOW = 5  # words either side of the target that count as "near"
CONTEXT = 60  # words either side of the target that its own features read
PHRASE_REACH = 4  # words either side searched for the target's nearest content word
RELATIVE_REACH = 15  # words of a relative clause or apposition read as said of the target
NEGATED_FACTOR = -0.5  # a negated evaluation: weaker, and the other way round
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "its", "their", "it",
                       "we", "us", "our", "i", "me", "my", "you", "your"})
_QUOTE_MARKS = frozenset('"“”')
_RELATIVE_OPENERS = frozenset({"who", "whose"})
_CLAUSE_OPENERS = frozenset({",", '"', "“"})
# Function words ("than", "the", "as") fit one corpus's habits and explain nothing: the
# bag of words leaves them out (negators still set the negation scope).
_FUNCTION_WORDS = frozenset(w.replace("’", "'") for w in STOP_WORDS)


@dataclass
class Features:
    """Feature values; ``parts`` names, for a feature, the words behind each share of it."""

    values: dict[str, float] = field(default_factory=dict)
    parts: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def add(self, name: str, value: float, words: str | None = None) -> None:
        if not value:
            return
        self.values[name] = self.values.get(name, 0.0) + value
        if words is not None:
            self.parts.setdefault(name, []).append((words, value))

    def flag(self, name: str, words: str | None = None) -> None:
        """A binary feature (set once, however often it is seen)."""
        if name not in self.values:
            self.add(name, 1.0, words)

    def flag_shared(self, name: str, shown: list[str]) -> None:
        """A binary feature whose weight the words of ``shown`` share equally (none: no
        word takes it, as for a phrase of function words)."""
        if name in self.values:
            return
        self.values[name] = 1.0
        if shown:
            self.parts[name] = [(words, 1.0 / len(shown)) for words in shown]

    def merged(self, other: Features) -> Features:
        merged = Features(dict(self.values), {k: list(v) for k, v in self.parts.items()})
        for name, value in other.values.items():
            merged.values[name] = merged.values.get(name, 0.0) + value
        for name, parts in other.parts.items():
            merged.parts.setdefault(name, []).extend(parts)
        return merged


@dataclass(frozen=True)
class Span:
    """An evaluative word or phrase: tokens ``[first, stop)``, prior polarity, source."""

    first: int
    stop: int
    value: float  # prior times intensity; already turned around when negated
    source: str  # "cue" (geolib's diplomatic lexicon) or "general" (VADER's)
    shown: str  # the words, as the cue shows them


class SentenceView:
    """One sentence, tokenised and marked once; every target in it is scored from here."""

    def __init__(self, text: str, cues: SentimentCues | None = None):
        self.text = text
        self.cues = cues = cues or default_cues()
        self.tokens: list[Word] = words(text)
        self.lower = [t.lower for t in self.tokens]
        self.clause, self.contrasted = self._clauses()
        self.negated, self.intensity = self._negation_and_intensity()
        self.plain: set[int] = set()  # tokens of a phrase the cues call neutral ("great power")
        self.spans = self._spans()
        self.rated = [(i, *cues.rated[w]) for i, w in enumerate(self.lower)
                      if w in cues.rated and i not in self.plain]
        self._rated_at = [r[0] for r in self.rated]
        self.content = [self._content_word(i) for i in range(len(self.tokens))]
        self._span_firsts = [s.first for s in self.spans]
        self._ends = [t.end for t in self.tokens]
        self._quote_marks = self._quote_mark_counts()
        self._starts = [t.start for t in self.tokens]
        self._shared: dict[tuple[int, int] | None, Features] = {}
        self.shared = self.shared_features()

    # -- reading the sentence once --------------------------------------------------------
    def _clauses(self) -> tuple[list[int], set[int]]:
        """Each token's clause number; the clause numbers opened by a contrast word."""
        clause, contrasted, numbers = 0, set(), []
        for lower in self.lower:
            if lower in self.cues.contrast:
                clause += 1
                contrasted.add(clause)
            elif lower in self.cues.breaks:
                clause += 1
            numbers.append(clause)
        return numbers, contrasted

    def _negation_and_intensity(self) -> tuple[list[bool], list[float]]:
        """Negation scope: up to ``negation_window`` words after a negator, same clause."""
        cues, n = self.cues, len(self.tokens)
        negated, intensity = [False] * n, [1.0] * n
        scope_end, scope_clause = -1, -1
        for i, lower in enumerate(self.lower):
            if i <= scope_end and self.clause[i] == scope_clause:
                negated[i] = True
            if lower in cues.negators or lower.endswith("n't"):
                scope_end, scope_clause = i + cues.negation_window, self.clause[i]
            if i and self.lower[i - 1] in cues.intensifiers:
                intensity[i] = cues.intensifiers[self.lower[i - 1]]
        return negated, intensity

    def _spans(self) -> list[Span]:
        """Evaluative words and phrases, longest phrase first; neutral phrases block."""
        cues, lower, spans, i = self.cues, self.lower, [], 0
        longest, openers, phrases = cues.longest_phrase, cues.openers, cues.phrases
        while i < len(lower):
            word = lower[i]
            if word not in openers:  # the common case: one word, one look-up each
                if (word,) in cues.neutral:
                    pass
                elif (word,) in phrases:
                    spans.append(self._span(i, i + 1, phrases[(word,)], "cue"))
                elif (prior := cues.general_prior(word)) is not None and not self._named(i):
                    spans.append(self._span(i, i + 1, prior, "general"))
                i += 1
                continue
            for size in range(min(longest, len(lower) - i), 0, -1):
                phrase = tuple(lower[i : i + size])
                if phrase in cues.neutral:
                    self.plain.update(range(i, i + size))
                    i += size
                    break
                prior = cues.phrases.get(phrase)
                source = "cue"
                if prior is None and size == 1:
                    prior, source = cues.general_prior(phrase[0]), "general"
                    if prior is not None and self._named(i):
                        prior = None
                if prior is not None:
                    spans.append(self._span(i, i + size, prior, source))
                    i += size
                    break
            else:
                i += 1
        return spans

    def _named(self, i: int) -> bool:
        """A capitalised word inside the sentence (not its first word, nor the first of a
        quotation) is a name, whatever a general lexicon rates its lower-cased form
        ("Warsaw", a chess term to VADER; "Hope", "Trump")."""
        return bool(i) and self.tokens[i].text[0].isupper() and self.lower[i - 1] not in _QUOTE_MARKS

    def _span(self, first: int, stop: int, prior: float, source: str) -> Span:
        shown = " ".join(t.text for t in self.tokens[first:stop])
        value = prior * self.intensity[first]
        if self.negated[first]:
            value *= NEGATED_FACTOR
            shown = f"not … {shown}"
        return Span(first, stop, value, source, f"'{shown}'")

    def _quote_mark_counts(self) -> list[int]:
        counts, seen = [], 0
        for token in self.tokens:
            counts.append(seen)
            seen += token.text in _QUOTE_MARKS
        return counts

    def shared_features(self, scope: tuple[int, int] | None = None) -> Features:
        """Features that do not depend on the target: the bag of words and overall tone of
        the sentence, or of one target's ``scope`` (another target's part of the sentence
        is not this one's); made once per scope. Capitalised words are names (or open the
        sentence), and a name is not a sentiment."""
        if scope == (0, len(self.text)):
            scope = None
        found = self._shared.get(scope)
        if found is not None:
            return found
        lo, hi = scope or (0, len(self.text))
        first = bisect.bisect_left(self._starts, lo)
        stop = bisect.bisect_left(self._starts, hi)
        features = Features()
        features.flag("bias")
        for i in range(first, stop):
            token = self.tokens[i]
            if not self.content[i]:
                continue
            negated = self.negated[i]
            features.flag(f"w:not_{token.lower}" if negated else f"w:{token.lower}",
                          f"'not … {token.text}'" if negated else f"'{token.text}'")
        for span in self.spans[bisect.bisect_left(self._span_firsts, first):
                               bisect.bisect_left(self._span_firsts, stop)]:
            features.add(f"s:lex_{'pos' if span.value > 0 else 'neg'}", abs(span.value), span.shown)
        self._shared[scope] = features
        return features

    def _content_word(self, i: int) -> bool:
        """A word the bag of words counts: not a name, a function word or a word the
        cues call neutral ("half", "great" in "great power")."""
        token = self.tokens[i]
        lower = token.lower
        if not token.is_word or token.text[0].isupper() or (lower,) in self.cues.neutral:
            return False
        if i in self.plain:
            return False
        # a contraction counts as its function word ("don't", "it's"); negation has its scope
        return lower.removesuffix("n't").split("'")[0] not in _FUNCTION_WORDS and not lower.endswith("n't")

    # -- one target -----------------------------------------------------------------------
    def target_span(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last token of the target at characters ``[start, end)``."""
        if not self.tokens:
            return None
        first = min(bisect.bisect_right(self._ends, start), len(self.tokens) - 1)
        last = first
        while last + 1 < len(self.tokens) and self.tokens[last + 1].start < end:
            last += 1
        return first, last

    def features(self, start: int, end: int, scope: tuple[int, int] | None = None) -> Features:
        """All features toward ``text[start:end]``: the shared ones and the target's own."""
        return self.shared_features(scope).merged(self.target_features(start, end, scope))

    def target_features(self, start: int, end: int,
                        scope: tuple[int, int] | None = None) -> Features:
        """The features that depend on where the target is (bounded work per target).
        ``scope``: the target's part of the sentence (``geolib.stance.scope``) when the
        sentence names other targets in other clauses; the lexicon's words inside it
        then count apart from those outside."""
        features = Features()
        found = self.target_span(start, end)
        if found is None:
            return features
        first, last = found
        if scope == (0, len(self.text)):
            scope = None
        self._near_words(features, first, last)
        self._phrases(features, first, last)
        self._relative_clause(features, first, last)
        self._evaluations(features, first, last, scope)
        self._ratings(features, first, last, scope)
        self._reporting(features, first, last)
        self._shape(features, first, last)
        return features

    def _near_words(self, features: Features, first: int, last: int) -> None:
        """The words of the target's clause (at most ``CONTEXT`` either side): all of them
        ("c:"), those within ``WINDOW`` ("n:"), by side ("b:", "a:") and right beside it."""
        clause = self.clause[first]
        lo, hi = max(0, first - CONTEXT), min(len(self.tokens), last + 1 + CONTEXT)
        for i in range(lo, hi):
            token = self.tokens[i]
            if first <= i <= last or self.clause[i] != clause or not self.content[i]:
                continue
            word = f"not_{token.lower}" if self.negated[i] else token.lower
            shown = f"'not … {token.text}'" if self.negated[i] else f"'{token.text}'"
            features.flag(f"c:{word}", shown)
            if first - WINDOW <= i <= last + WINDOW:
                side = "b" if i < first else "a"
                features.flag(f"n:{word}", shown)
                features.flag(f"{side}:{word}", shown)
                if i in (first - 1, last + 1):
                    features.flag(f"{side}1:{word}", shown)

    def _phrases(self, features: Features, first: int, last: int) -> None:
        """The target in its phrase ("g:"), the target written ``T``: the one or two words
        before it ("accused T", "praise for T") and after it ("T denied", "T has denied"),
        the word two away ("T ? denied"), and the nearest content word either side within
        ``PHRASE_REACH`` words ("T .. denied"). A name in the phrase is ``N``, a number
        ``#`` and a word of a neutral phrase ``~`` (a name is not a sentiment, nor is
        "great" in "great power"); the phrase's content words share its weight."""
        n = len(self.tokens)
        if first >= 1:
            self._phrase(features, first - 1, "T")
        if first >= 2:
            self._phrase(features, first - 2, first - 1, "T")
            self._phrase(features, first - 2, "?", "T")
        if last + 1 < n:
            self._phrase(features, "T", last + 1)
        if last + 2 < n:
            self._phrase(features, "T", last + 1, last + 2)
            self._phrase(features, "T", "?", last + 2)
        for i in range(last + 1, min(n, last + 1 + PHRASE_REACH)):
            if self.content[i]:
                self._phrase(features, "T", "..", i)
                break
        for i in range(first - 1, max(-1, first - 1 - PHRASE_REACH), -1):
            if self.content[i]:
                self._phrase(features, i, "..", "T")
                break

    def _phrase(self, features: Features, *slots: int | str) -> None:
        """Flag one phrase: its slots are token indices or the marks ``T`` (the target),
        ``?`` (any one word) and ``..`` (any words up to the next content word)."""
        names = [s if isinstance(s, str) else self._phrase_word(s) for s in slots]
        shown = [f"'{self.tokens[s].text}'" for s in slots
                 if not isinstance(s, str) and self.content[s]]
        features.flag_shared(f"g:{'_'.join(names)}", shown)

    def _phrase_word(self, i: int) -> str:
        token = self.tokens[i]
        if token.text[0].isdigit():
            return "#"
        if i and token.is_word and token.text[0].isupper():
            return "N"
        if i in self.plain:
            return "~"  # a word of a neutral phrase ("great" in "great power")
        return token.lower

    def _relative_clause(self, features: Features, first: int, last: int) -> None:
        """What a relative clause or apposition right after the target says of it ("X, who
        lied", "X, a seasoned diplomat,"): its content words ("r:") and the lexicon's
        evaluations in it, up to ``RELATIVE_REACH`` words."""
        n, i = len(self.tokens), last + 1
        if i < n and self.lower[i] == ",":
            i += 1
        elif i >= n or self.lower[i] not in _RELATIVE_OPENERS:
            return
        if i >= n:
            return
        clause, stop = self.clause[i], min(n, i + RELATIVE_REACH)
        for j in range(i, stop):
            if j > i and self.clause[j] != clause:
                stop = j
                break
            token = self.tokens[j]
            if self.content[j]:
                negated = self.negated[j]
                features.flag(f"r:not_{token.lower}" if negated else f"r:{token.lower}",
                              f"'not … {token.text}'" if negated else f"'{token.text}'")
        for span in self.spans[bisect.bisect_left(self._span_firsts, i):
                               bisect.bisect_left(self._span_firsts, stop)]:
            sign = "pos" if span.value > 0 else "neg"
            features.add(f"lex_relative_{sign}", abs(span.value), span.shown)

    def _evaluations(self, features: Features, first: int, last: int,
                     scope: tuple[int, int] | None) -> None:
        """Lexicon polarity by where it sits: near the target, in its clause, in a
        contrasting clause after it, or elsewhere in the sentence; by side and distance
        (in bins, and weighted by closeness), inside or outside quotation marks, as the
        predicate of a target that opens its clause, by lexicon; the strongest each way and
        the nearest in the target's clause, or a flag that none is in reach or in its clause
        (plain reporting); when the sentence names other targets in other clauses, only
        those inside this target's scope. (Not a count of evaluative words: it let a word
        VADER barely rates weigh as much as a slur; grouped CV the same without it.)"""
        clause = self.clause[first]
        subject = first <= 1 or self.lower[first - 1] in _CLAUSE_OPENERS
        strongest: dict[str, Span] = {}
        nearest: tuple[int, Span] | None = None  # the closest evaluation in the target's clause
        lo = bisect.bisect_left(self._span_firsts, max(0, first - CONTEXT))
        hi = bisect.bisect_right(self._span_firsts, last + CONTEXT)
        for span in self.spans[lo:hi]:
            if span.first <= last and span.stop > first:
                continue  # the target's own words
            sign = "pos" if span.value > 0 else "neg"
            if scope is not None and not scope[0] <= self.tokens[span.first].start < scope[1]:
                continue  # another target's part of the sentence: not this one's
            at = self.clause[span.first]
            near = first - WINDOW <= span.first <= last + WINDOW
            if at == clause:
                place = "near" if near else "clause"
            elif at > clause and at in self.contrasted:
                place = "contrast"  # "..., but X": the later clause outweighs the target's
            elif clause in self.contrasted and at < clause:
                place = "conceded"  # the target's clause overrides what came before it
            else:
                place = "other"
            size, shown = abs(span.value), span.shown
            features.add(f"lex_{place}_{sign}", size, shown)
            before = span.stop <= first
            distance = first - span.stop + 1 if before else span.first - last
            side = "b" if before else "a"
            features.add(f"lex_{side}{_distance_bin(distance)}_{sign}", size, shown)
            features.add(f"lex_close_{sign}", size / (1.0 + distance / 3.0), shown)
            if at == clause and (nearest is None or distance < nearest[0]):
                nearest = (distance, span)
            if sign not in strongest or size > abs(strongest[sign].value):
                strongest[sign] = span
            features.add(f"lex_{span.source}_{sign}", size, shown)
            features.add(f"lex_quoted{self._quote_marks[span.first] % 2}_{sign}", size, shown)
            if subject and not before and at == clause:
                features.add(f"lex_predicate_{sign}", size, shown)  # "X lied", "X is a hero"
        for sign, span in strongest.items():
            features.add(f"lex_strongest_{sign}", abs(span.value), span.shown)
        if nearest is not None:
            span = nearest[1]
            features.add(f"lex_nearest_{'pos' if span.value > 0 else 'neg'}", abs(span.value), span.shown)
        elif not strongest:
            features.flag("lex_none")  # nothing evaluative anywhere in reach: plain reporting
        else:
            features.flag("lex_none_clause")  # evaluations, but none in the target's clause

    def _ratings(self, features: Features, first: int, last: int,
                 scope: tuple[int, int] | None) -> None:
        """TextBlob's adjectives near the target, in its clause, elsewhere in its scope:
        their polarity either way, and their subjectivity (an opinion, whichever way)."""
        clause = self.clause[first]
        lo = bisect.bisect_left(self._rated_at, first - CONTEXT)
        hi = bisect.bisect_right(self._rated_at, last + CONTEXT)
        for i, polarity, subjectivity in self.rated[lo:hi]:
            if first <= i <= last:
                continue
            if scope is not None and not scope[0] <= self.tokens[i].start < scope[1]:
                continue
            near = first - WINDOW <= i <= last + WINDOW
            place = "near" if near else "clause" if self.clause[i] == clause else "other"
            shown = f"'{self.tokens[i].text}'"
            if self.negated[i]:
                polarity, shown = polarity * NEGATED_FACTOR, f"'not … {self.tokens[i].text}'"
            features.add(f"adj_{place}_{'pos' if polarity > 0 else 'neg'}", abs(polarity), shown)
            features.add(f"adj_{place}_subjective", subjectivity, shown)

    def _reporting(self, features: Features, first: int, last: int) -> None:
        """Reporting verbs: the target as the one who praises or blames (agent), or the
        one praised or blamed (patient)."""
        clause = self.clause[first]
        for i in range(max(0, first - 4), min(len(self.tokens), last + 4)):
            tone = self.cues.reporting.get(self.lower[i])
            if tone is None or first <= i <= last or self.clause[i] != clause:
                continue
            role = "agent" if i > last else "patient"
            features.flag(f"{role}_{tone}", f"'{self.tokens[i].text}'" if tone != "neutral" else None)

    def _shape(self, features: Features, first: int, last: int) -> None:
        """Where the target sits and what it is: opening the sentence, after a contrast, a
        pronoun, inside quotation marks or outside those of a quoting sentence, its common
        words ("the protesters"), its length, a plural. (A possessive or a preposition
        before it is no feature: "Russia's share", "exports to China" say nothing of the
        actor.)"""
        if first <= 1:
            features.flag("target_first")
        if self.clause[first] in self.contrasted:
            features.flag("target_after_contrast")
        shout = len(self.tokens[first].text) > 1 and self.tokens[first].text.isupper()
        if self.lower[first] in _PRONOUNS and first == last and not shout:  # "US": a country
            features.flag("target_pronoun")
        if self._quote_marks[first] % 2:
            features.flag("target_in_quote")
        elif self._quote_marks[-1] or self.tokens[-1].text in _QUOTE_MARKS:
            features.flag("target_outside_quote")  # the sentence quotes someone, not the target
        if self._quote_marks[-1] or self.tokens[-1].text in _QUOTE_MARKS:
            features.flag("quote_in_sentence")
        for i in range(first, last + 1):  # the target's own common words ("the rebels")
            token = self.tokens[i]
            if token.is_word and not token.text[0].isupper():
                features.flag(f"tw:{token.lower}")
        features.flag(f"target_words_{min(last - first + 1, 4)}")
        if self.lower[last].endswith("s") and not self.tokens[last].text[0].isupper():
            features.flag("target_plural")


def _distance_bin(distance: int) -> str:
    """Distance in words, binned: beside (1-2), near (3-5), 6-10, 11-20, farther."""
    return "1" if distance <= 2 else "3" if distance <= 5 else "6" if distance <= 10 else (
        "11" if distance <= 20 else "far")


def extract_features(sentence: str, start: int, end: int, cues: SentimentCues | None = None) -> Features:
    """The features of ``sentence``'s sentiment toward ``sentence[start:end]``."""
    return SentenceView(sentence, cues).features(start, end)
