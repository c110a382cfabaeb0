"""Interpretable features of a sentence's sentiment toward one target mention.

Each feature has a name and a value, and an *evidence* string naming the words or
rule behind it, so a fitted linear model over these features can explain itself.
Tokenising is a regex: spaCy's blank tokenizer would work too but costs ~10x more
per sentence, and the features only need word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from geolib.stance.lexicon import SentimentCues, default_cues, textblob_polarity

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "its", "their", "it"})
WINDOW = 6  # tokens either side of the target that count as "near"


@dataclass
class Token:
    text: str
    lower: str
    start: int
    end: int
    clause: int = 0
    negated: bool = False
    weight: float = 1.0  # intensifier multiplier from the word before


@dataclass
class Features:
    """Feature values plus, for each feature, the words or rule that produced it."""

    values: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: float, evidence: str) -> None:
        if value:
            self.values[name] = self.values.get(name, 0.0) + value
            self.evidence.setdefault(name, evidence)


def tokenize(sentence: str) -> list[Token]:
    """Word, number and punctuation tokens with character offsets."""
    return [
        Token(m.group(0), m.group(0).lower().replace("’", "'"), m.start(), m.end())
        for m in _TOKEN.finditer(sentence)
    ]


def _mark_clauses(tokens: list[Token], cues: SentimentCues) -> set[int]:
    """Number each token's clause; return the clause ids opened by a contrast word."""
    clause, contrasted = 0, set()
    for token in tokens:
        if token.lower in cues.contrast:
            clause += 1
            contrasted.add(clause)
        elif token.lower in cues.breaks or token.lower == ",":
            clause += 1
        token.clause = clause
    return contrasted


def _mark_negation_and_intensity(tokens: list[Token], cues: SentimentCues) -> None:
    """Negation scope: up to ``negation_window`` tokens after a negator, same clause."""
    scope_end, scope_clause = -1, -1
    for i, token in enumerate(tokens):
        if i <= scope_end and token.clause == scope_clause:
            token.negated = True
        if token.lower in cues.negators or token.lower.endswith("n't"):
            scope_end, scope_clause = i + cues.negation_window, token.clause
        if i and tokens[i - 1].lower in cues.intensifiers:
            token.weight = cues.intensifiers[tokens[i - 1].lower]


def _evaluative_spans(tokens: list[Token], cues: SentimentCues) -> list[tuple[int, int, float]]:
    """(first token, last token + 1, prior polarity): longest cue phrase first, then
    TextBlob's single-word lexicon."""
    lexicon = textblob_polarity()
    spans, i = [], 0
    while i < len(tokens):
        for size in range(min(cues.longest_phrase, len(tokens) - i), 0, -1):
            phrase = tuple(t.lower for t in tokens[i : i + size])
            if phrase in cues.evaluative:
                spans.append((i, i + size, cues.evaluative[phrase]))
                i += size
                break
        else:
            if tokens[i].lower in lexicon:
                spans.append((i, i + 1, lexicon[tokens[i].lower]))
            i += 1
    return spans


def target_tokens(tokens: list[Token], start: int, end: int) -> list[int]:
    """Indices of the tokens overlapping ``[start, end)`` (nearest token if none)."""
    inside = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if inside or not tokens:
        return inside
    return [min(range(len(tokens)), key=lambda i: abs(tokens[i].start - start))]


@lru_cache(maxsize=256)
def _sentence_blob(sentence: str) -> tuple[float, float]:
    from textblob import TextBlob

    polarity, subjectivity = TextBlob(sentence).sentiment
    return float(polarity), float(subjectivity)


def extract_features(
    sentence: str, start: int, end: int, cues: SentimentCues | None = None
) -> Features:
    """The features of ``sentence``'s sentiment toward ``sentence[start:end]``."""
    cues = cues or default_cues()
    tokens = tokenize(sentence)
    contrasted = _mark_clauses(tokens, cues)
    _mark_negation_and_intensity(tokens, cues)
    target = target_tokens(tokens, start, end)
    features = Features()
    features.add("bias", 1.0, "base rate")
    if not target:
        return features
    first, last = target[0], target[-1]
    clause = tokens[first].clause
    in_target = set(target)

    polarity, subjectivity = _sentence_blob(sentence)
    features.add("textblob", polarity, f"TextBlob sentence polarity {polarity:+.2f}")
    features.add("subjectivity", subjectivity, f"TextBlob subjectivity {subjectivity:.2f}")

    _add_words(features, tokens, in_target, first, last, clause)
    _add_evaluations(features, tokens, cues, in_target, first, last, clause, contrasted)
    _add_reporting(features, tokens, cues, first, last)
    _add_target_shape(features, tokens, first, last, clause, contrasted)
    return features


def _distance(i: int, first: int, last: int) -> int:
    return first - i if i < first else i - last


def _add_words(features, tokens, in_target, first, last, clause) -> None:
    """Bag of words: every word, plus 'near' words in the target's clause and window;
    a negated word is its own feature ("not_work")."""
    for i, token in enumerate(tokens):
        if i in in_target or not token.lower[0].isalpha():
            continue
        word = f"not_{token.lower}" if token.negated else token.lower
        shown = f"not … {token.text}" if token.negated else token.text
        features.values[f"w:{word}"] = 1.0
        features.evidence.setdefault(f"w:{word}", f"'{shown}'")
        if token.clause == clause and _distance(i, first, last) <= WINDOW:
            features.values[f"n:{word}"] = 1.0
            features.evidence.setdefault(f"n:{word}", f"'{shown}' near the target")
            side = "before" if i < first else "after"
            features.values[f"{side[0]}:{word}"] = 1.0
            features.evidence.setdefault(f"{side[0]}:{word}", f"'{shown}' {side} the target")


def _add_evaluations(features, tokens, cues, in_target, first, last, clause, contrasted) -> None:
    """Lexicon polarity, split by where it sits relative to the target."""
    for a, b, prior in _evaluative_spans(tokens, cues):
        if any(i in in_target for i in range(a, b)):
            continue
        words = " ".join(t.text for t in tokens[a:b])
        value = prior * tokens[a].weight
        rule = ""
        if tokens[a].negated:
            value, rule = -0.5 * value, " (negated)"
        place = "clause" if tokens[a].clause == clause else "other"
        if place == "other" and tokens[a].clause in contrasted and tokens[a].clause > clause:
            place = "contrast"  # a later "but ..." clause outweighs the target's own
        sign = "pos" if value > 0 else "neg"
        near = _distance(a, first, last) <= WINDOW and place == "clause"
        name = f"lex_{'near' if near else place}_{sign}"
        features.add(name, abs(value), f"'{words}' {value:+.2f}{rule}")
        if (tuple(t.lower for t in tokens[a:b])) in cues.evaluative:
            features.add(f"cue_{place}_{sign}", abs(value), f"'{words}'{rule}")
            if _is_verdict(tokens, a, cues):
                features.add(f"verdict_{sign}", abs(value), f"verdict '… {words}'{rule}")


def _is_verdict(tokens: list[Token], a: int, cues: SentimentCues) -> bool:
    """Is the evaluative phrase at ``a`` predicated of "it"/"that" ("it's just a delusion")?"""
    i = a - 1
    while i >= 0 and tokens[i].lower in cues.verdict_copulas and tokens[i].clause == tokens[a].clause:
        i -= 1
    return i >= 0 and i < a - 1 and tokens[i].lower in cues.verdict_subjects


def _add_reporting(features, tokens, cues, first, last) -> None:
    """Reporting verbs: the target as the one who dismisses/praises, or the one dismissed."""
    for i, token in enumerate(tokens):
        tone = cues.reporting.get(token.lower)
        if tone is None or tone == "neutral":
            continue
        if last < i <= last + 3:
            features.add(f"agent_{tone}", 1.0, f"target {token.text} …")
        elif first - 4 <= i < first:
            features.add(f"patient_{tone}", 1.0, f"… {token.text} target")


def _add_target_shape(features, tokens, first, last, clause, contrasted) -> None:
    """Where the target sits: sentence subject, after a contrast, a pronoun, quoted."""
    if first <= 1:
        features.add("target_first", 1.0, "target opens the sentence")
    if clause in contrasted:
        features.add("target_after_contrast", 1.0, "target in the clause after a contrast word")
    if tokens[first].lower in _PRONOUNS and first == last:
        features.add("target_pronoun", 1.0, "target is a pronoun")
    if tokens[last].lower.endswith("'s"):
        features.add("target_possessive", 1.0, "target is possessive")
    quotes = sum(1 for t in tokens[:first] if t.text in "\"“”")
    if quotes % 2:
        features.add("target_in_quote", 1.0, "target inside a quotation")
