"""Per-quote stance records: TextBlob baseline, sentiment toward each actor, hedging,
and stance on each claim. Reported speech counts: a stance belongs to the quote's speaker.

Every record carries the quote's ``file``, ``article_id``, ``quote_id`` and ``speaker``,
and an ``aspect``: ``quote`` (one per quote: TextBlob and hedging), ``actor`` (one per
actor the quote mentions) or ``claim`` (one per claim the quote touches). All records
have the same keys, ``None`` where an aspect does not apply, so they tabulate directly.

A partial quote ('Trump may be "unnecessarily endangering" alliances, she said') is read
within its reported-speech clause: the sentence around the quoted words, from the
article's segmentation. The actors named there are scored in that clause (the speaker's
own name, in the attribution, is not one of them) and the clause is what the claims read.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from geolib.actors import find_actor_mentions
from geolib.model import Article
from geolib.segment import Segmentation, segment
from geolib.stance.baseline import pattern_sentiment
from geolib.stance.claims import claim_stances
from geolib.stance.hedging import Hedging, hedging
from geolib.stance.markers import REACH
from geolib.stance.quoting import QuoteLike
from geolib.stance.scope import scopes
from geolib.stance.sentiment import (
    MAX_CUES,
    NO_CUES,
    Model,
    SentenceScorer,
    TargetSentiment,
)
from geolib.text.sentences import sentence_spans

STANCE_FIELDS = (
    "file", "article_id", "quote_id", "speaker", "paragraph", "quote_kind", "aspect",
    "target", "claim", "label", "score", "confidence", "cues",
    "textblob_polarity", "textblob_subjectivity", "hedging", "hedging_cues",
)
SPOKEN_KINDS = ("direct", "partial", "indirect")  # a bare "term" has no speaker to hold it
CLAUSE_KINDS = ("partial",)  # quotes read within the sentence that reports them


@lru_cache(maxsize=1024)
def _textblob(text: str) -> tuple[float, float]:
    polarity, subjectivity = pattern_sentiment()(text)  # TextBlob(text).sentiment, without NLTK
    return round(float(polarity), 3), round(float(subjectivity), 3)


def actor_sentiments(
    text: str, skip: tuple[tuple[int, int], ...] = ()
) -> dict[str, TargetSentiment]:
    """Sentiment toward each actor ``text`` mentions. Each mention is scored in its
    sentence, with the lexicon's words inside its scope (``geolib.stance.scope``: when the
    sentence names other actors in other clauses, the clause the mention stands in and the
    words it governs) counted apart from the rest. Every sentence is read once, however
    many mentions it holds; several mentions of one actor average their scores.
    ``skip``: spans whose mentions are not targets (a speaker's name in the attribution)."""
    per_actor: dict[str, list[TargetSentiment]] = defaultdict(list)
    sentences = sentence_spans(text) or [(0, len(text))]
    by_sentence: dict[int, list] = defaultdict(list)
    n = 0
    for mention in find_actor_mentions(text):
        if any(lo <= mention.start < hi for lo, hi in skip):
            continue
        while n + 1 < len(sentences) and sentences[n][1] <= mention.start:
            n += 1  # mentions come left to right: the sentence index only moves forward
        by_sentence[n].append(mention)
    for n, mentions in by_sentence.items():
        begin, stop = sentences[n]
        sentence = text[begin:stop]
        spans = [(m.start - begin, m.end - begin) for m in mentions]
        scorer = SentenceScorer(sentence)
        for mention, (start, end), scope in zip(mentions, spans, scopes(sentence, spans),
                                                strict=True):
            per_actor[mention.actor].append(scorer.toward(start, end, scope))
    return {actor: _combine(results) for actor, results in per_actor.items()}


def _combine(results: list[TargetSentiment]) -> TargetSentiment:
    """One actor's mentions: the mean score, its label (the score's sign, as for one
    mention), the cues that weigh most across mentions."""
    if len(results) == 1:
        return results[0]
    score = round(sum(r.score for r in results) / len(results), 3)
    label = Model.label(score)
    weights: dict[str, float] = {}
    for result in results:
        for cue in result.cues:
            words, _, weight = cue.rpartition(" ")
            if cue != NO_CUES:
                weights[words] = weights.get(words, 0.0) + float(weight)
    sign = {"positive": 1.0, "negative": -1.0}.get(label)
    ranked = sorted(weights.items(), key=lambda kv: -abs(kv[1]))
    chosen = [kv for kv in ranked if sign is None or kv[1] * sign > 0] or ranked
    cues = tuple(f"{w} {v:+.2f}" for w, v in chosen[:MAX_CUES]) or (NO_CUES,)
    agreeing = [r.probability for r in results if r.label == label]
    probability = sum(agreeing) / len(results) if agreeing else 0.0
    return TargetSentiment(label, score, cues, round(probability, 3))


def reported_clause(quote: QuoteLike, segmentation: Segmentation) -> tuple[str, int] | None:
    """The sentence(s) of the quote's paragraph around its quoted words (at most ``REACH``
    characters either side), and where the quoted words start in it; None when the words
    cannot be placed."""
    if quote.paragraph >= len(segmentation.article.paragraphs) or not quote.text:
        return None
    seg = segmentation[quote.paragraph]
    text = seg.text
    at = seg.paragraph.from_raw(quote.start)
    if at is None or not text.startswith(quote.text, at):
        return None
    begin = max(seg.sentence_at(at)[0], at - REACH)
    stop = min(seg.sentence_at(max(at, at + len(quote.text) - 1))[1], at + len(quote.text) + REACH)
    return text[begin:stop], at - begin


def _speaker_spans(clause: str, quote: QuoteLike, inside: tuple[int, int]) -> tuple:
    """Where the speaker's name stands in the clause, outside the quoted words."""
    name = getattr(quote, "speaker_mention", None) or quote.speaker
    if not name:
        return ()
    spans, at = [], clause.find(name)
    while at != -1:
        if not (inside[0] <= at < inside[1]):
            spans.append((at, at + len(name)))
        at = clause.find(name, at + 1)
    return tuple(spans)


def quote_stance_records(
    quote: QuoteLike, file: str, article: str, segmentation: Segmentation | None = None
) -> list[dict]:
    """All stance records of one quote (``segmentation``: the article's, to read a
    partial quote within its reported-speech clause)."""
    text = quote.text
    hedged: Hedging = hedging(text)
    polarity, subjectivity = _textblob(text)
    base = dict.fromkeys(STANCE_FIELDS)
    base.update(
        file=file, article_id=article, quote_id=quote.quote_id, speaker=quote.speaker,
        paragraph=quote.paragraph, quote_kind=quote.kind, textblob_polarity=polarity,
        textblob_subjectivity=subjectivity, hedging=hedged.score,
        hedging_cues=list(hedged.cues),
    )
    scored, skip = text, ()
    if quote.kind in CLAUSE_KINDS and segmentation is not None:
        found = reported_clause(quote, segmentation)
        if found is not None:
            scored, at = found
            skip = _speaker_spans(scored, quote, (at, at + len(text)))
    records = [{**base, "aspect": "quote", "cues": []}]
    for actor, result in actor_sentiments(scored, skip).items():
        records.append({
            **base, "aspect": "actor", "target": actor, "label": result.label,
            "score": result.score, "cues": list(result.cues),
            "confidence": round(result.probability * hedged.confidence_factor, 3),
        })
    for stance in claim_stances(scored):
        records.append({
            **base, "aspect": "claim", "claim": stance.claim, "label": stance.label,
            "confidence": stance.confidence, "cues": list(stance.cues),
        })
    return records


def stance_records(
    article: Article, quotes: list[QuoteLike], segmentation: Segmentation | None = None
) -> list[dict]:
    """Stance records for every spoken quote among the article's ``quotes``
    (``segmentation``: the article's, when already made)."""
    file, ident = article.file, article.id
    segmentation = segmentation or segment(article)
    return [
        record
        for quote in quotes
        if quote.kind in SPOKEN_KINDS
        for record in quote_stance_records(quote, file, ident, segmentation)
    ]
