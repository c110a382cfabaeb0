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

from geolib.actors import ActorMention, find_actor_mentions
from geolib.model import Article
from geolib.segment import Segmentation, segment
from geolib.stance.baseline import pattern_sentiment
from geolib.stance.claims import claim_stances
from geolib.stance.hedging import Hedging, hedging
from geolib.stance.markers import REACH, denied_hostility, inside_denied, said_closeness
from geolib.stance.quoting import QuoteLike
from geolib.stance.scope import contrasted, scopes
from geolib.stance.sentiment import (
    MAX_CUES,
    NO_CUES,
    Model,
    SentenceScorer,
    TargetSentiment,
)
from geolib.text.sentences import sentence_spans
from geolib.text.words import words

STANCE_FIELDS = (
    "file", "article_id", "quote_id", "speaker", "paragraph", "quote_kind", "aspect",
    "target", "claim", "label", "score", "confidence", "cues",
    "textblob_polarity", "textblob_subjectivity", "hedging", "hedging_cues",
)
SPOKEN_KINDS = ("direct", "partial", "indirect")  # a bare "term" has no speaker to hold it
CLAUSE_KINDS = ("partial",)  # quotes read within the sentence that reports them
PRONOUN_QUOTE_KINDS = ("indirect",)  # reported clauses whose subject may be a pronoun
PRONOUN_REACH = 3  # words into an indirect quote its pronoun subject stands by
# A pronoun and the kinds of actor alias it may stand for (actors.csv's kinds).
PRONOUN_KINDS = {
    **dict.fromkeys(("he", "she", "his", "her"), ("leader", "official")),
    **dict.fromkeys(("it", "its"), ("country", "capital", "government", "bloc")),
}
SUBJECT_ONLY = ("it",)  # pronouns that stand for an actor only if it opened the sentence before
CONTRAST_SHARE = 0.5  # of the other actor's score, for an actor set against it
CONTRAST_LEAN = 0.3  # own words leaning the other way by more than this keep it neutral
CLOSE_SCORE = 0.2  # an actor said to be close to another, no sentiment word: mildly positive
CLOSE_PROBABILITY = 0.5  # and no more sure than a coin of it


@lru_cache(maxsize=1024)
def _textblob(text: str) -> tuple[float, float]:
    polarity, subjectivity = pattern_sentiment()(text)  # TextBlob(text).sentiment, without NLTK
    return round(float(polarity), 3), round(float(subjectivity), 3)


def actor_sentiments(
    text: str, skip: tuple[tuple[int, int], ...] = (), extra: tuple[ActorMention, ...] = (), *,
    sentences: list[tuple[int, int]] | None = None, mentions: list[ActorMention] | None = None,
) -> dict[str, TargetSentiment]:
    """Sentiment toward each actor ``text`` mentions. Each mention is scored in its
    sentence, with the lexicon's words inside its scope (``geolib.stance.scope``: when the
    sentence names other actors in other clauses, the clause the mention stands in and the
    words it governs) counted apart from the rest. Every sentence is read once, however
    many mentions it holds; several mentions of one actor average their scores.
    ``skip``: spans whose mentions are not targets (a speaker's name in the attribution);
    ``extra``: more mentions (a pronoun standing for an actor named before the clause);
    ``sentences`` and ``mentions``: the text's sentence spans and actor mentions, when
    already read (as ``sentence_spans`` and ``find_actor_mentions`` give them)."""
    per_actor: dict[str, list[TargetSentiment]] = defaultdict(list)
    sentences = sentences or sentence_spans(text) or [(0, len(text))]
    by_sentence: dict[int, list] = defaultdict(list)
    n = 0
    found = find_actor_mentions(text) if mentions is None else mentions
    if extra:
        found = sorted([*found, *extra], key=lambda m: m.start)
    for mention in found:
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
        placed = scopes(sentence, spans)
        results = [scorer.toward(start, end, scope)
                   for (start, end), scope in zip(spans, placed, strict=True)]
        results = [_denied_aim(sentence, span, result)
                   for span, result in zip(spans, results, strict=True)]
        denials = denied_hostility(sentence) if any(r.label == "negative" for r in results) else []
        if denials:
            results = [_in_denied_hostility(denials, span, result)
                       for span, result in zip(spans, results, strict=True)]
        results = _set_against(sentence, mentions, spans, placed, results)
        if len({m.actor for m in mentions}) > 1 and any(r.label == "neutral" for r in results):
            close = said_closeness(sentence)
            if close:
                results = [_said_close(close, scope, result)
                           for scope, result in zip(placed, results, strict=True)]
        for mention, result in zip(mentions, results, strict=True):
            per_actor[mention.actor].append(result)
    return {actor: _combine(results) for actor, results in per_actor.items()}


def _denied_aim(sentence: str, span: tuple[int, int], result: TargetSentiment) -> TargetSentiment:
    """A target inside an aim or claim the voice denies ("any attempt to sow discord between
    Beijing and Moscow is doomed to fail"): the failure words judge the aim, not its
    target, so the target scores neutral (``markers.inside_denied``)."""
    if result.label == "neutral":
        return result
    denied = inside_denied(sentence, *span)
    if denied is None:
        return result
    return TargetSentiment("neutral", 0.0, (f"inside a denied aim or claim: {denied} +0.00",),
                           result.probability)


def _in_denied_hostility(denials: list[tuple[int, int, str]], span: tuple[int, int],
                         result: TargetSentiment) -> TargetSentiment:
    """A target of a clause that denies hostility between actors ("the Kremlin rejected
    claims of a rift with Beijing", "talk of tensions with Brussels is overblown"): neither
    the hostile word nor the denial judges it (``markers.denied_hostility``), so a negative
    score is set to neutral. A positive one stands: the voice calls the relation sound."""
    if result.label != "negative":
        return result
    for begin, stop, said in denials:
        if begin <= span[0] < stop:
            return TargetSentiment("neutral", 0.0, (f"in a denial of hostility: {said} +0.00",),
                                   result.probability)
    return result


def _said_close(close: list[tuple[int, int, str]], scope: tuple[int, int],
                result: TargetSentiment) -> TargetSentiment:
    """A target the model finds neutral, in a sentence naming two actors whose scope says
    they are close without a sentiment word ("Russia and China are going to remain close",
    "Putin is not going to abandon Xi"; ``markers.said_closeness``): mildly positive."""
    if result.label != "neutral":
        return result
    for start, _, said in close:
        if scope[0] <= start < scope[1]:
            return TargetSentiment("positive", CLOSE_SCORE, (f"said to be close: {said} "
                                                             f"+{CLOSE_SCORE:.2f}",),
                                   CLOSE_PROBABILITY)
    return result


def _set_against(sentence: str, mentions: list, spans: list, placed: list,
                 results: list[TargetSentiment]) -> list[TargetSentiment]:
    """Parallel contrast: an actor whose own clause says nothing either way takes the other
    side of the actor its clause is set against ("Russia destroys, while Europe rebuilds":
    Europe positive; ``scope.contrasted``), at ``CONTRAST_SHARE`` of that actor's score,
    unless its own words lean the other way. NewsMTSC train, out of fold: fires on 7 of
    8,739 targets (this shape is rare in US political news, common in quotes about rival
    powers), macro-F1 unchanged."""
    out = list(results)
    for i, result in enumerate(results):
        if result.label != "neutral":
            continue
        against = [
            j for j, other in enumerate(results)
            if other.label != "neutral" and mentions[j].actor != mentions[i].actor
            and contrasted(sentence, spans[i], placed[i], spans[j], placed[j])
        ]
        if not against:
            continue
        j = max(against, key=lambda k: abs(results[k].score))
        other = results[j]
        sign = -1.0 if other.score > 0 else 1.0
        lean = sum(float(c.rsplit(" ", 1)[1]) for c in result.cues if c != NO_CUES)
        if lean * sign < -CONTRAST_LEAN:
            continue
        # a cue like any other, "words weight": the other actor's strongest word, its push
        # turned round and shared
        words, _, push = next((c for c in other.cues if c != NO_CUES), "'' 0").rpartition(" ")
        weight = -float(push) * CONTRAST_SHARE
        cue = f"set against {mentions[j].alias}'s {words} {weight:+.2f}"
        out[i] = TargetSentiment(Model.label(sign), round(sign * abs(other.score) * CONTRAST_SHARE, 3),
                                 (cue,), round(other.probability * CONTRAST_SHARE, 3))
    return out


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


def _placed(quote: QuoteLike, segmentation: Segmentation) -> tuple[str, int] | None:
    """The quote's paragraph text and where its words start in it; None when they cannot
    be placed."""
    if quote.paragraph >= len(segmentation.article.paragraphs) or not quote.text:
        return None
    seg = segmentation[quote.paragraph]
    at = seg.paragraph.from_raw(quote.start)
    if at is None or not seg.text.startswith(quote.text, at):
        return None
    return seg.text, at


def pronoun_antecedent(
    scored: str, until: int, quote: QuoteLike, segmentation: Segmentation, clause_at: int
) -> ActorMention | None:
    """A pronoun subject of a reported clause that names no actor ('He may be "needlessly
    endangering" the alliance', 'its policy was "a disaster"'), as a mention of the actor
    named last in the sentence before the clause (the paragraph's, else the last of the
    paragraph before): a person for "he", "she", "his", "her", a state or government for
    "its", and for "it" only one that opens that sentence. Not when that actor is the
    quote's speaker, nor when the last actor named there is of another kind. ``until``:
    where the pronoun must stand by (the quoted words of a partial quote, a few words into
    an indirect one); ``clause_at``: where ``scored`` starts in the quote's paragraph."""
    pronoun = next((w for w in words(scored[:until]) if w.lower in PRONOUN_KINDS), None)
    if pronoun is None:
        return None
    kinds = PRONOUN_KINDS[pronoun.lower]
    text = segmentation[quote.paragraph].text[:clause_at]
    if not text.strip():
        if quote.paragraph == 0:
            return None
        text = segmentation[quote.paragraph - 1].text
    spans = sentence_spans(text.rstrip()) or [(0, len(text))]
    last = text[spans[-1][0] : spans[-1][1]]  # the sentence just before the clause
    speakers = {n.lower() for n in (getattr(quote, "speaker_mention", None), quote.speaker) if n}
    mentions = find_actor_mentions(last)
    for mention in reversed(mentions):
        if mention.kind not in kinds:
            return None  # the last actor named is of another kind: no guess
        alias = mention.alias.lower()
        if any(alias in name or name.split()[-1] in alias for name in speakers):
            return None  # the speaker speaking of themselves
        if pronoun.lower in SUBJECT_ONLY and len(words(last[: mention.start])) > 1:
            return None  # "it" may be anything: only the sentence's opening subject
        return ActorMention(pronoun.start, pronoun.end, mention.actor,
                            f"{pronoun.text} ({mention.alias})", mention.kind)
    return None


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
    scored, skip, extra = text, (), ()
    clause_kind = quote.kind in CLAUSE_KINDS and segmentation is not None
    found = reported_clause(quote, segmentation) if clause_kind else None
    if found is not None:
        scored = found[0]
    # read once, for the pronoun test, the actors' sentiment and the claims
    sentences = sentence_spans(scored) or [(0, len(scored))]
    mentions = find_actor_mentions(scored)
    if clause_kind:
        if found is not None:
            at = found[1]
            skip = _speaker_spans(scored, quote, (at, at + len(text)))
            if not any(not any(lo <= m.start < hi for lo, hi in skip) for m in mentions):
                placed = _placed(quote, segmentation)
                if placed is not None:
                    clause_at = placed[1] - at
                    antecedent = pronoun_antecedent(scored, at, quote, segmentation, clause_at)
                    extra = (antecedent,) if antecedent else ()
    elif quote.kind in PRONOUN_QUOTE_KINDS and segmentation is not None:
        placed = _placed(quote, segmentation)
        if placed is not None and not mentions:
            first_words = words(text)[:PRONOUN_REACH]
            until = first_words[-1].end if first_words else 0
            antecedent = pronoun_antecedent(text, until, quote, segmentation, placed[1])
            extra = (antecedent,) if antecedent else ()
    records = [{**base, "aspect": "quote", "cues": []}]
    for actor, result in actor_sentiments(scored, skip, extra, sentences=sentences,
                                          mentions=mentions).items():
        records.append({
            **base, "aspect": "actor", "target": actor, "label": result.label,
            "score": result.score, "cues": list(result.cues),
            "confidence": round(result.probability * hedged.confidence_factor, 3),
        })
    for stance in claim_stances(scored, sentences=sentences, mentions=mentions):
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
