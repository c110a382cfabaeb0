"""Tables for the sentiment and framing notebooks, built from the stance, quote and
speaker tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import permutations

import pandas as pd

from geolib.actors import find_actor_mentions

WESTERN = re.compile(r"\b(western|american|european|us|uk|british|singapore)\b", re.IGNORECASE)


def actor_records(stances: pd.DataFrame) -> pd.DataFrame:
    """The per-actor sentiment records of a stances table."""
    return stances[stances["aspect"] == "actor"].reset_index(drop=True)


def methods_by_actor(stances: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """Mean sentiment toward each actor by two methods: geolib's target-aware score, and
    TextBlob's polarity of the whole quote (the naive baseline). ``actor, method, score, n``."""
    records = actor_records(stances)
    records = records[records["target"].isin(actors)]
    geolib_scores = records.groupby("target")["score"].agg(["mean", "size"])
    naive = records.groupby("target")["textblob_polarity"].mean()
    rows = []
    for actor in [a for a in actors if a in geolib_scores.index]:
        n = int(geolib_scores.loc[actor, "size"])
        rows.append({"actor": actor, "method": "geolib, toward the actor",
                     "score": round(geolib_scores.loc[actor, "mean"], 3), "n": n})
        rows.append({"actor": actor, "method": "TextBlob, whole quote",
                     "score": round(naive.loc[actor], 3), "n": n})
    return pd.DataFrame(rows, columns=["actor", "method", "score", "n"])


def disagreements(stances: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Actor records where TextBlob's whole-quote polarity and geolib's score toward the
    actor point opposite ways, with the quote and the cues behind geolib's score."""
    records = actor_records(stances)
    opposite = records[(records["score"] * records["textblob_polarity"]) < 0]
    text = quotes.set_index("quote_id")["text"]
    table = opposite.assign(quote=opposite["quote_id"].map(text))
    return table[["speaker", "target", "textblob_polarity", "score", "label", "cues", "quote"]]


def voice_origin(speaker: str, role: object, affiliation: object, country: object) -> str:
    """ "Chinese" or "Western" voice, from the institution's country, else from what the
    speaker, role and affiliation say; "unknown" when nothing tells."""
    if isinstance(country, str) and country:
        return "Chinese" if country == "China" else "Western"
    words = " ".join(str(v) for v in (speaker, role, affiliation) if isinstance(v, str))
    if any(m.actor == "China" for m in find_actor_mentions(words)) or re.search(
        r"\b(Shanghai|Beijing|Chinese|PRC)\b", words
    ):
        return "Chinese"
    if WESTERN.search(words) or any(m.actor in ("US", "EU") for m in find_actor_mentions(words)):
        return "Western"
    return "unknown"


def with_origin(speakers: pd.DataFrame) -> pd.DataFrame:
    """Speakers with a ``voice`` column (Chinese, Western, unknown)."""
    return speakers.assign(voice=[
        voice_origin(r.speaker, r.role, r.affiliation, r.institution_country)
        for r in speakers.itertuples()
    ])


def claim_positions(stances: pd.DataFrame, claim: str) -> pd.DataFrame:
    """Each speaker's stance on one claim: ``position`` is +confidence for favor,
    -confidence against, 0 for none; cues say why."""
    records = stances[(stances["aspect"] == "claim") & (stances["claim"] == claim)]
    sign = records["label"].map({"favor": 1, "against": -1}).fillna(0)
    table = records.assign(position=(sign * records["confidence"]).round(3))
    return table[["speaker", "quote_id", "label", "confidence", "position", "cues"]].reset_index(drop=True)


def actor_edges(stances: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """The triangle from stance data: for every quote that mentions two actors, the score
    toward one is read as the tone of the relation from the other. ``from, to, weight, n``."""
    records = actor_records(stances)
    records = records[records["target"].isin(actors)]
    rows = []
    for _, group in records.groupby("quote_id"):
        scores = dict(zip(group["target"], group["score"], strict=False))
        for source, target in permutations(scores, 2):
            rows.append({"from": source, "to": target, "weight": scores[target]})
    edges = pd.DataFrame(rows, columns=["from", "to", "weight"])
    if edges.empty:
        return edges.assign(n=[])
    return (edges.groupby(["from", "to"], as_index=False)
            .agg(weight=("weight", "mean"), n=("weight", "size"))
            .round({"weight": 2}))


def frame_summary(frames: pd.DataFrame) -> pd.DataFrame:
    """How often each frame is invoked, by use (endorses, reports, dismisses, inverts)."""
    return frames.pivot_table(index="frame", columns="use", values="text", aggfunc="count",
                              fill_value=0)
