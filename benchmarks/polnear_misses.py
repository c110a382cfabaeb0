"""Failure families for the PolNeAR benchmark's misses (``bench_polnear.py --misses``).

Each miss (a gold span not found, a prediction matching no gold, a found span with the
wrong speaker) is put in one family by the first test below that fits. The families are
the issue's candidates, told apart by what the gold and geolib's output show: which
geolib kind overlaps the gold span, where PolNeAR's CUE is (before or after the content,
in the same paragraph or not), whether the cue word is in geolib's reporting lexicon,
what the SOURCE is (a pronoun, a document, a transcript tag). ``FAMILIES`` gives each a
made-up example shape and the geolib module it concerns.

The printed misses quote article text: they are for the terminal only, never for a commit.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from polnear import GoldArticle, GoldAttribution
from scoring import head_word, name_words, overlap_match, quoted_regions, shared, trim_span

PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "us", "me", "who"}
# What quoted words come from when no person speaks them (beyond geolib's document nouns).
THINGS = {"ad", "advert", "advertisement", "sign", "signs", "slogan", "message", "website", "site", "book",
          "tweet", "email", "e-mail", "ruling", "order", "piece", "story", "headline", "video", "spot",
          "banner", "caption", "petition", "law", "bill", "platform", "motto", "chant", "t-shirt", "shirt",
          "note", "text", "page", "column", "op-ed", "blog", "show", "segment", "poster", "flyer"}

AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "be", "been", "being", "will", "would",
               "did", "does", "do", "not", "also", "reportedly", "still"}
PREPOSITION_CUES = {"in", "for", "of", "about", "to", "on", "from", "by", "with", "over", "against", "as",
                    "referring", "talking", ":"}
# Attribution kinds PolNeAR annotates beyond speech (stems, for diagnosis only).
CUE_GROUPS = {
    "evidence or appearance": ("show", "found", "find", "seem", "appear", "reveal", "indicat", "prov",
                               "demonstrat", "sugg", "confirm", "document", "cit"),
    "stance act": ("endors", "critici", "accus", "defend", "prais", "support", "oppos", "attack", "back",
                   "reject", "den", "refus", "declin", "blast", "slam", "condemn", "applaud", "welcom",
                   "agree", "disagree", "object", "protest", "question", "challeng", "mock", "thank"),
    "belief, intention or knowledge": ("want", "hope", "plan", "know", "knew", "see", "saw", "seen", "feel",
                                       "felt", "seek", "sought", "wish", "intend", "consider", "view",
                                       "regard", "assum", "doubt", "understand", "realiz", "decid",
                                       "promis", "pledg", "aim", "vow", "prefer", "like", "love", "hate",
                                       "care", "worr", "concern"),
}

# family -> (made-up example shape, geolib module or rule it concerns)
FAMILIES: dict[str, tuple[str, str]] = {
    "mixed quote: reported words lead into it": (
        "Lee said that the plan \u201cwill cut costs and save the bridge.\u201d -> partial",
        "gold definition (>= 80% quoted) vs extract/quotes.py classing"),
    "quoted fragment classed partial": (
        "Lee called the plan \u201ca bold step for the whole valley.\u201d -> partial",
        "extract/quotes.py: classing (direct vs partial)"),
    "quote classed as reported speech": (
        "Lee said the bridge \u201cwill open in May,\u201d aides added.",
        "extract/quotes.py: classing (indirect)"),
    "span boundary (overlap < half)": (
        "\u201cWe build,\u201d Lee said, \u201cand then we build more, and more, and more.\u201d",
        "extract/marks.py + quotes.py: quote span"),
    "''...'' quote marks": (
        "''We will win,'' said Ann Park, a council member.",
        "extract/marks.py: pair_quotes (doubled apostrophes)"),
    "headline or non-body paragraph": (
        "Lee: \u2018The bridge opens in May\u2019 (headline line)",
        "parse/layout.py: paragraph kinds; quotes.py QUOTE_PARAGRAPH_KINDS"),
    "transcript speaker turn (NAME:)": (
        "LEE: We will open the bridge in May.",
        "parse/layout.py + quotes.py: speaker turns"),
    "attribution in another paragraph": (
        "Lee spoke next. \u00b6 \u201cThe bridge opens in May.\u201d",
        "extract/quotes.py: continuation across paragraphs"),
    "reporting word not in lexicon": (
        "Lee quipped, \u201cBring your own boat.\u201d / Lee thanked him for \u201cholding firm.\u201d",
        "data/reporting_verbs.json + attribution.py find_cues"),
    "non-person source (document, ad, sign)": (
        "The flyer reads, \u201cVote early, vote once.\u201d",
        "extract/attribution.py Phrases; speakers.py (things as speakers)"),
    "colon introduction": (
        "Lee put it bluntly: \u201cThe bridge opens in May.\u201d",
        "extract/quotes.py: cue before quote"),
    "cue before quote with comma": (
        "Lee continued, \u201cThe bridge opens in May.\u201d",
        "extract/quotes.py: cue before quote"),
    "cue after quote not linked": (
        "\u201cNot now!\u201d Lee tweeted. / \u201cWe agree,\u201d said the 52-year-old. / "
        "\u201cNo,\u201d the firm wrote.",
        "extract/quotes.py + attribution.py: speaker phrase after cue"),
    "no gold cue": ("(PolNeAR attribution without a cue)", "gold"),
    "other speakerless": ("\u201cThe bridge opens in May.\u201d (cue found elsewhere)", "extract/quotes.py"),
    "reported speech after a known cue (she said the ...)": (
        "The Hilltown campaign says it will move staff to the coast.",
        "extract/quotes.py: indirect (subject, clause shape)"),
    "reported speech before a known cue (..., she said)": (
        "The bridge will open in May, the mayor said on Monday.",
        "extract/quotes.py: indirect (clause before the cue)"),
    "reported speech, cue not in lexicon: evidence or appearance": (
        "Records show the council paid twice. / The mayor seemed unsure of the date.",
        "data/reporting_verbs.json (PolNeAR counts evidence and appearance)"),
    "reported speech, cue not in lexicon: stance act": (
        "Lee endorsed the plan. / Lee accused the board of stalling.",
        "data/reporting_verbs.json + quotes.py indirect (object, not a clause)"),
    "reported speech, cue not in lexicon: belief, intention or knowledge": (
        "Lee wants the bridge open by May. / Lee knows the vote is close.",
        "data/reporting_verbs.json (mental states)"),
    "reported speech, cue not in lexicon: preposition or punctuation cue": (
        "In Lee's view, the bridge is unsafe. / Lee's plan for a toll-free bridge",
        "attribution.py find_cues (noun and preposition cues)"),
    "reported speech, cue not in lexicon: other verb or noun": (
        "Lee proposed a toll. / Lee's criticism of the plan",
        "data/reporting_verbs.json"),
    "reported speech, cue in another sentence": (
        "Lee had a warning. The bridge, in her view, is unsafe.",
        "extract/quotes.py: indirect"),
    "pronoun resolved to the wrong person": (
        "Lee met Park. \u201cWe agree,\u201d she said. (she = Park)",
        "extract/speakers.py ArticleContext (pronouns)"),
    "non-person, role or junk taken as speaker": (
        "\u201cWe agree,\u201d said a statement from spokesman Tom Ash. -> speaker 'statement'",
        "extract/attribution.py Phrases; speakers.py"),
    "wrong one of two people nearby": (
        "Lee, who met Park on Monday, said \u201cwe agree.\u201d -> Park",
        "extract/attribution.py: speaker phrase choice"),
    "speaker carried from an earlier quote": (
        "\u201cWe agree,\u201d Lee said. \u00b6 Park disagreed. \u00b6 \u201cNo deal.\u201d -> Lee",
        "extract/quotes.py: continuation of the previous speaker"),
    "nameless source, other words": ("\u201cWe agree,\u201d the announcer said. -> another name",
                                     "extract/speakers.py"),
    "gold source is a cue word (annotation slip)": ("(SOURCE span covers 'said')", "gold"),
    "title, slogan or name in quotes": (
        "Voters chanted \u201cFour more years\u201d at the rally.",
        "extract/quotes.py: term vs direct"),
    "quote inside mixed content (gold not direct)": (
        "Lee said the plan \u201cwill work\u201d if funded. -> direct",
        "extract/quotes.py: classing (direct vs partial)"),
    "indirect span that is not reported speech": (
        "Lee, who spoke as the vote began, ... -> indirect 'as the vote began'",
        "extract/quotes.py: indirect (clause after a cue)"),
    "block quote of a document or article": (
        "\"The council met on Monday and approved the plan. (excerpt, no speaker)",
        "extract/quotes.py: excerpt paragraphs"),
    "quote the annotators did not mark": ("\u201cWe agree,\u201d Lee said. (no gold)", "gold"),
}


@dataclass
class Context:
    """What geolib produced for one article, for classifying its misses."""

    records: list[dict]
    paragraphs: list[tuple[str, int, int]]  # (kind, raw start, raw end)


@dataclass
class Miss:
    set: str  # "direct" or "all"
    type: str  # "missed", "speaker" or "spurious"
    article: GoldArticle
    gold: GoldAttribution | None
    pred: dict | None
    context: Context
    family: str = ""


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Every word form of geolib's reporting verbs and phrases (read-only, for diagnosis)."""
    import geolib.extract.attribution as attribution

    data = Path(attribution.__file__).resolve().parents[1] / "data" / "reporting_verbs.json"
    verbs = json.loads(data.read_text(encoding="utf-8"))
    forms = {form.lower() for verb in verbs["verbs"].values() for form in verb["forms"]}
    forms |= {phrase.lower() for phrase in verbs["phrases"]}
    return frozenset(forms)


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _cue_known(cue_text: str) -> bool:
    words = cue_text.lower().replace("\u2019", "'").split()
    forms = cue_forms()
    return any(w.strip(",.:;\"'") in forms for w in words) or any(p in cue_text.lower() for p in forms
                                                                 if " " in p)


def _cue_group(cue_text: str) -> str:
    """Which kind of attribution a cue outside geolib's lexicon makes."""
    words = [w.strip(",.:;\"'") for w in cue_text.lower().replace("\u2019", "'").split()]
    words = [w for w in words if w not in AUXILIARIES] or words
    if not words or words[0] in PREPOSITION_CUES or not words[0].isalpha():
        return "preposition or punctuation cue"
    for group, stems in CUE_GROUPS.items():
        if any(words[0].startswith(stem) for stem in stems):
            return group
    return "other verb or noun"


def _thing(phrase: str | None) -> bool:
    """A SOURCE that names a thing (a document, an ad, a sign), not a person or group."""
    words = name_words(phrase)
    return bool(words) and words[-1] in THINGS | _document_nouns()


@lru_cache(maxsize=1)
def _document_nouns() -> frozenset[str]:
    import geolib.extract.attribution as attribution

    data = Path(attribution.__file__).resolve().parents[1] / "data" / "attribution_patterns.json"
    return frozenset(json.loads(data.read_text(encoding="utf-8"))["document_nouns"])


def _quoted_at(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` lies inside quotation marks of its line."""
    start, end = _line(text, pos)
    return any(start + a <= pos < start + b for a, b in quoted_regions(text[start:end]))


def _paragraph_kind(context: Context, pos: int) -> str | None:
    for kind, start, end in context.paragraphs:
        if start <= pos < end:
            return kind
    return None


def _transcript(text: str, gold: GoldAttribution) -> bool:
    source = (gold.source_text or "").strip()
    if not source or not gold.source:
        return False
    start, end = _line(text, gold.source[0][0])
    after = text[gold.source[-1][1]:gold.source[-1][1] + 2]
    return source.isupper() and len(source) > 1 and gold.source[0][0] - start < 3 and ":" in after


def _cue_family(text: str, gold: GoldAttribution, context: Context) -> str:
    """Why a quote with no (or the wrong) speaker had its attribution missed."""
    if _transcript(text, gold):
        return "transcript speaker turn (NAME:)"
    if not gold.cue:
        return "no gold cue"
    cue_start, cue_end = gold.cue[0][0], gold.cue[-1][1]
    content_start = gold.content[0][0]
    if _line(text, cue_start) != _line(text, content_start):
        return "attribution in another paragraph"
    cue_text = " ".join(text[a:b] for a, b in gold.cue)
    if not _cue_known(cue_text):
        return "reporting word not in lexicon"
    if _thing(gold.source_text):
        return "non-person source (document, ad, sign)"
    if cue_end <= content_start:
        between = text[cue_end:content_start]
        before = text[:content_start].rstrip(" \u201c\"'`")
        if before.endswith(":"):
            return "colon introduction"
        if before.endswith(",") and len(between) < 40:
            return "cue before quote with comma"
        return "other speakerless"
    return "cue after quote not linked"


def classify(miss: Miss) -> str:
    text, gold, pred, context = miss.article.text, miss.gold, miss.pred, miss.context
    if miss.type == "missed" and gold is not None:
        kind = _paragraph_kind(context, gold.content[0][0])
        if kind != "body":
            return "headline or non-body paragraph"
        span = trim_span(text, gold.content)
        over = [r for r in context.records if shared(((r["start"], r["end"]),), span) > 0]
        kinds = {r["kind"] for r in over}
        if miss.set == "direct":
            start, end = _line(text, gold.content[0][0])
            if "''" in text[start:end]:
                return "''...'' quote marks"
            if "direct" in kinds:
                return "span boundary (overlap < half)"
            if "partial" in kinds:
                if span and not _quoted_at(text, span[0][0]):
                    return "mixed quote: reported words lead into it"
                return "quoted fragment classed partial"
            if "indirect" in kinds:
                return "quote classed as reported speech"
            return _cue_family(text, gold, context)
        if gold.quoted > 0:  # quoted words in the gold, none found
            start, end = _line(text, gold.content[0][0])
            if "''" in text[start:end] and not kinds - {"term"}:
                return "''...'' quote marks"
            if kinds & {"direct", "partial", "indirect"}:
                return "span boundary (overlap < half)"
            return _cue_family(text, gold, context)
        if not gold.cue:
            return "no gold cue"
        if _line(text, gold.cue[0][0]) != _line(text, gold.content[0][0]):
            return "reported speech, cue in another sentence"
        cue_text = " ".join(text[a:b] for a, b in gold.cue)
        if _cue_known(cue_text):
            if gold.cue[0][0] > gold.content[-1][1]:
                return "reported speech before a known cue (..., she said)"
            return "reported speech after a known cue (she said the ...)"
        return f"reported speech, cue not in lexicon: {_cue_group(cue_text)}"
    if miss.type == "speaker" and gold is not None and pred is not None:
        if _transcript(text, gold):
            return "transcript speaker turn (NAME:)"
        source_words = name_words(gold.source_text)
        if gold.source_text and gold.cue and gold.source_text.strip().lower() == \
                " ".join(text[a:b] for a, b in gold.cue).strip().lower():
            return "gold source is a cue word (annotation slip)"
        if source_words and _cue_known(gold.source_text or "") and len(source_words) <= 2:
            return "gold source is a cue word (annotation slip)"
        if pred["speaker"] is None:
            return _cue_family(text, gold, context)
        if _thing(gold.source_text):
            return "non-person source (document, ad, sign)"
        speaker = pred["speaker"]
        if speaker[:1].islower() or _thing(speaker) or len(speaker.split()) > 4:
            return "non-person, role or junk taken as speaker"
        if all(w in PRONOUNS for w in source_words):
            return "pronoun resolved to the wrong person"
        if gold.nameless:
            return "nameless source, other words"
        line = text[slice(*_line(text, gold.content[0][0]))]
        if head_word(speaker) in name_words(line):
            return "wrong one of two people nearby"
        return "speaker carried from an earlier quote"
    if miss.type == "spurious" and pred is not None:
        span = ((pred["start"], pred["end"]),)
        near = [g for g in miss.article.attributions if shared(trim_span(text, g.content), span) > 0]
        if near and any(overlap_match(trim_span(text, g.content), span) for g in near):
            return "quote inside mixed content (gold not direct)"
        if pred["kind"] == "indirect":
            return "indirect span that is not reported speech"
        start, end = _line(text, pred["start"])
        line = text[start:end].lstrip()
        if line[:1] in "\"\u201c" and not any(c in line[1:] for c in "\"\u201d"):
            return "block quote of a document or article"
        words = text[pred["start"]:pred["end"]].split()
        if len(words) <= 6 and (not pred["cue"] or sum(w[:1].isupper() for w in words) * 2 > len(words)):
            return "title, slogan or name in quotes"
        return "quote the annotators did not mark"
    return "other"


def same_person_twice(records: list[dict]) -> int:
    """Speakers of one article named two ways ("Obama" and "Barack Obama") beyond the first."""
    by_head: dict[str, set[str]] = {}
    for record in records:
        if record["speaker"]:
            by_head.setdefault(head_word(record["speaker"]) or "", set()).add(record["speaker"])
    return sum(len(names) - 1 for head, names in by_head.items() if head)


def family_table(misses: list[Miss]) -> list[tuple[str, str, str, int, int]]:
    """(set, type, family, count, share of that set/type's misses) rows, largest first."""
    counts = Counter((m.set, m.type, m.family) for m in misses)
    totals = Counter((m.set, m.type) for m in misses)
    rows = [(s, t, f, n, totals[(s, t)]) for (s, t, f), n in counts.items()]
    return sorted(rows, key=lambda r: (r[0], r[1], -r[3]))


def print_misses(misses: list[Miss], examples: bool = True) -> None:
    """Every miss with its family (text to the terminal only), then the family table."""
    for miss in misses:
        miss.family = classify(miss)
    if examples:
        for miss in misses:
            text = miss.article.text
            where = miss.gold.content if miss.gold else ((miss.pred["start"], miss.pred["end"]),)
            start, end = where[0][0], where[-1][1]
            excerpt = re.sub(r"\s+", " ", text[start:end])[:160]
            who = ""
            if miss.gold is not None:
                who += f" gold-source={miss.gold.source_text!r}"
            if miss.pred is not None:
                who += f" geolib={miss.pred['kind']}:{miss.pred['speaker']!r}"
            print(f"[{miss.set}/{miss.type}] {miss.family} | {miss.article.name}{who} | {excerpt}")
    print()
    print("| set | miss | family | count | share |")
    print("|---|---|---|---|---|")
    for s, t, family, n, total in family_table(misses):
        print(f"| {s} | {t} | {family} | {n} | {n / total:.0%} |")
