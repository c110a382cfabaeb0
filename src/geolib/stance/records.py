"""Per-quote stance records: TextBlob baseline, sentiment toward each actor, hedging,
and stance on each claim. Reported speech counts: a stance belongs to the quote's speaker.

Every record carries the quote's ``file``, ``article_id``, ``quote_id`` and ``speaker``,
and an ``aspect``: ``quote`` (one per quote: TextBlob and hedging), ``actor`` (one per
actor the quote mentions) or ``claim`` (one per claim the quote touches). All records
have the same keys, ``None`` where an aspect does not apply, so they tabulate directly.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from geolib.actors import find_actor_mentions
from geolib.model import Article
from geolib.stance.claims import claim_stances
from geolib.stance.hedging import Hedging, hedging
from geolib.stance.quoting import QuoteLike
from geolib.stance.sentiment import TargetSentiment, sentiment_toward
from geolib.text.sentences import sentence_at, sentence_spans

STANCE_FIELDS = (
    "file", "article_id", "quote_id", "speaker", "paragraph", "quote_kind", "aspect",
    "target", "claim", "label", "score", "confidence", "cues",
    "textblob_polarity", "textblob_subjectivity", "hedging", "hedging_cues",
)
SPOKEN_KINDS = ("direct", "partial", "indirect")  # a bare "term" has no speaker to hold it


@lru_cache(maxsize=1024)
def _textblob(text: str) -> tuple[float, float]:
    from textblob import TextBlob

    polarity, subjectivity = TextBlob(text).sentiment
    return round(float(polarity), 3), round(float(subjectivity), 3)


def actor_sentiments(text: str) -> dict[str, TargetSentiment]:
    """Sentiment toward each actor ``text`` mentions, each mention judged in its own
    sentence; several mentions of one actor average their scores and vote on the label."""
    per_actor: dict[str, list[TargetSentiment]] = defaultdict(list)
    sentences = sentence_spans(text)
    for mention in find_actor_mentions(text):
        begin, stop = sentence_at(text, mention.start, sentences)
        per_actor[mention.actor].append(
            sentiment_toward(text[begin:stop], mention.start - begin, mention.end - begin)
        )
    return {actor: _combine(results) for actor, results in per_actor.items()}


def _combine(results: list[TargetSentiment]) -> TargetSentiment:
    if len(results) == 1:
        return results[0]
    score = sum(r.score for r in results) / len(results)
    votes = defaultdict(int)
    for r in results:
        votes[r.label] += 1
    top = max(votes.values())
    leaders = [label for label, n in votes.items() if n == top]
    label = leaders[0] if len(leaders) == 1 else "neutral"
    cues = tuple(dict.fromkeys(c for r in results for c in r.cues))
    return TargetSentiment(label, round(score, 3), cues)


def quote_stance_records(quote: QuoteLike, file: str, article: str) -> list[dict]:
    """All stance records of one quote."""
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
    records = [{**base, "aspect": "quote", "cues": []}]
    for actor, result in actor_sentiments(text).items():
        certainty = abs(result.score) if result.label != "neutral" else 1 - abs(result.score)
        records.append({
            **base, "aspect": "actor", "target": actor, "label": result.label,
            "score": result.score, "cues": list(result.cues),
            "confidence": round(certainty * hedged.confidence_factor, 3),
        })
    for stance in claim_stances(text):
        records.append({
            **base, "aspect": "claim", "claim": stance.claim, "label": stance.label,
            "confidence": stance.confidence, "cues": list(stance.cues),
        })
    return records


def stance_records(article: Article, quotes: list[QuoteLike]) -> list[dict]:
    """Stance records for every spoken quote among the article's ``quotes``."""
    file, ident = article.file, article.id
    return [
        record
        for quote in quotes
        if quote.kind in SPOKEN_KINDS
        for record in quote_stance_records(quote, file, ident)
    ]
