"""Tables for the sentiment and framing notebooks, built from the stance, quote and
speaker tables."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

import pandas as pd

from geolib.actors import find_actor_mentions
from geolib.paths import PACKAGE_DATA

VOICE_ORIGINS_CSV = PACKAGE_DATA / "voice_origins.csv"
ORIGINS = ["Chinese", "Russian", "American", "European", "other", "unknown"]
"""Where a voice comes from: the four powers' camps, any other known country, or unknown."""


@lru_cache(maxsize=1)
def _origin_names() -> dict[str, str]:
    """Country, actor and nationality names -> origin, from ``data/voice_origins.csv``."""
    with open(VOICE_ORIGINS_CSV, newline="", encoding="utf-8") as handle:
        return {row["name"].strip(): row["origin"].strip() for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _origin_pattern() -> re.Pattern[str]:
    names = sorted(_origin_names(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")


def origin_of_country(country: str) -> str:
    """The origin of an institution's country: listed countries by their camp, any other
    country "other"."""
    return _origin_names().get(country.strip(), "other")


def origin_in_text(text: str) -> str | None:
    """The origin the first place, power or nationality named in ``text`` points to."""
    found = [(m.start, _origin_names().get(m.actor)) for m in find_actor_mentions(text)]
    found += [(m.start(), _origin_names()[m.group(1)]) for m in _origin_pattern().finditer(text)]
    found = [(start, origin) for start, origin in found if origin]
    return min(found)[1] if found else None


def voice_origin(speaker: object, role: object, affiliation: object, country: object) -> str:
    """Chinese, Russian, American, European, other or unknown: from the institution's
    country when geolib's institution data knows it, else from the first place, power or
    nationality the affiliation, role or name mentions."""
    if isinstance(country, str) and country.strip():
        return origin_of_country(country)
    for text in (affiliation, role, speaker):
        if isinstance(text, str) and (origin := origin_in_text(text)):
            return origin
    return "unknown"


def with_origin(speakers: pd.DataFrame) -> pd.DataFrame:
    """Speakers (one row per article and speaker) with a ``voice`` column of origins."""
    return speakers.assign(voice=[
        voice_origin(r.speaker, r.role, r.affiliation, r.institution_country)
        for r in speakers.itertuples()
    ])


def origin_of_quotes(table: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """``table`` (quotes or stances) with the ``voice`` origin of its speaker in that
    article: the same name may speak in many articles, so the key is both."""
    origins = with_origin(speakers)[["article_id", "speaker", "voice"]]
    origins = origins.drop_duplicates(["article_id", "speaker"])
    joined = table.drop(columns=["voice"], errors="ignore").merge(
        origins, on=["article_id", "speaker"], how="left", validate="many_to_one")
    joined["voice"] = joined["voice"].fillna("unknown")
    return joined


def voices(speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker name across the articles: ``speaker, voice, articles, quotes,
    role, affiliation`` (the most frequent origin, role and affiliation given)."""
    table = with_origin(speakers)
    if table.empty:
        return pd.DataFrame(columns=["speaker", "voice", "articles", "quotes", "role", "affiliation"])

    def most_common(values: pd.Series) -> object:
        values = values.dropna()
        return values.value_counts().index[0] if len(values) else None

    grouped = table.groupby("speaker", sort=False)
    out = pd.DataFrame({
        "voice": grouped["voice"].agg(most_common),
        "articles": grouped["article_id"].nunique(),
        "quotes": grouped["n_quotes"].sum(),
        "role": grouped["role"].agg(most_common),
        "affiliation": grouped["affiliation"].agg(most_common),
    }).reset_index()
    return out.sort_values(["quotes", "speaker"], ascending=[False, True]).reset_index(drop=True)


# --- sentiment toward actors --------------------------------------------------------------------


def actor_records(stances: pd.DataFrame) -> pd.DataFrame:
    """The per-actor sentiment records of a stances table."""
    return stances[stances["aspect"] == "actor"].reset_index(drop=True)


GEOLIB_METHOD = "geolib, toward the actor"
TEXTBLOB_METHOD = "TextBlob, whole quote"


def methods_by_actor(stances: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """Mean sentiment toward each actor by two methods: geolib's target-aware score, and
    TextBlob's polarity of the whole quote (the naive baseline). ``actor, method, score, n``."""
    records = actor_records(stances)
    records = records[records["target"].isin(actors)]
    rows = []
    for actor in actors:
        scores = records[records["target"] == actor]
        if scores.empty:
            continue
        n = len(scores)
        rows.append({"actor": actor, "method": GEOLIB_METHOD,
                     "score": round(float(scores["score"].mean()), 3), "n": n})
        rows.append({"actor": actor, "method": TEXTBLOB_METHOD,
                     "score": round(float(scores["textblob_polarity"].mean()), 3), "n": n})
    return pd.DataFrame(rows, columns=["actor", "method", "score", "n"])


def geolib_scores(by_actor: pd.DataFrame) -> pd.DataFrame:
    """geolib's own scores of ``methods_by_actor``: ``actor, score, n``."""
    return by_actor[by_actor["method"] == GEOLIB_METHOD][["actor", "score", "n"]].reset_index(drop=True)


def disagreements(stances: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Actor records where TextBlob's whole-quote polarity and geolib's score toward the
    actor point opposite ways, with the quote and the cues behind geolib's score."""
    records = actor_records(stances)
    opposite = records[(records["score"] * records["textblob_polarity"]) < 0]
    text = quotes.drop_duplicates("quote_id").set_index("quote_id")["text"]
    table = opposite.assign(quote=opposite["quote_id"].map(text))
    return table[["article_id", "speaker", "target", "textblob_polarity", "score", "label", "cues",
                  "quote"]].reset_index(drop=True)


def sentiment_by_origin(stances: pd.DataFrame, speakers: pd.DataFrame,
                        actors: Sequence[str]) -> pd.DataFrame:
    """Mean score toward each actor by the voices' origin: ``actor, voice, score, n``."""
    records = actor_records(stances)
    records = origin_of_quotes(records[records["target"].isin(actors)], speakers)
    table = (records.groupby(["target", "voice"]).agg(score=("score", "mean"), n=("score", "size"))
             .reset_index().rename(columns={"target": "actor"}))
    table["score"] = table["score"].round(2)
    order = {a: k for k, a in enumerate(actors)}
    origin_order = {o: k for k, o in enumerate(ORIGINS)}
    return table.sort_values(["actor", "voice"], key=lambda c: c.map(order if c.name == "actor"
                                                                    else origin_order))\
        .reset_index(drop=True)


# --- claims -----------------------------------------------------------------------------------


def claim_positions(stances: pd.DataFrame, claim: str) -> pd.DataFrame:
    """Each quote's stance on one claim: ``position`` is +confidence for favor,
    -confidence against, 0 for none; cues say why."""
    records = stances[(stances["aspect"] == "claim") & (stances["claim"] == claim)]
    sign = records["label"].map({"favor": 1, "against": -1}).astype(float).fillna(0)  # float when none
    table = records.assign(position=(sign * records["confidence"].astype(float)).round(3))
    return table[["article_id", "speaker", "quote_id", "label", "confidence", "position", "cues"]]\
        .reset_index(drop=True)


def claim_voices(positions: pd.DataFrame) -> pd.DataFrame:
    """One row per voice: mean ``position`` on the claim over its quotes, and ``quotes``."""
    table = positions.groupby("speaker", as_index=False).agg(position=("position", "mean"),
                                                             quotes=("position", "size"))
    return table.sort_values(["position", "speaker"]).reset_index(drop=True)


# --- relations between actors ------------------------------------------------------------------


def actor_pairs(stances: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """For every pair of ``actors``, the quotes that mention both and the mean sentiment
    they carry toward either of the two: ``a, b, weight, n`` (n = quotes). A pair of
    actors has one tone, not one per direction."""
    records = actor_records(stances)
    records = records[records["target"].isin(actors)]
    order = {a: k for k, a in enumerate(actors)}
    rows = []
    for _, group in records.groupby("quote_id", sort=True):
        scores = group.groupby("target")["score"].mean()
        for a, b in combinations(sorted(scores.index, key=order.get), 2):
            rows.append({"a": a, "b": b, "weight": (scores[a] + scores[b]) / 2})
    pairs = pd.DataFrame(rows, columns=["a", "b", "weight"])
    if pairs.empty:
        return pairs.assign(n=pd.Series(dtype=int))
    table = (pairs.groupby(["a", "b"], as_index=False, sort=False)
             .agg(weight=("weight", "mean"), n=("weight", "size")))
    table["weight"] = table["weight"].round(2)
    return table.sort_values(["a", "b"], key=lambda c: c.map(order)).reset_index(drop=True)


# --- frames -----------------------------------------------------------------------------------


FRAME_USE_ORDER = ["endorses", "reports", "dismisses", "inverts"]


def frame_uses(frames: pd.DataFrame) -> pd.DataFrame:
    """Mentions per frame and use: ``frame, use, mentions``, uses in a fixed order."""
    table = frames.groupby(["frame", "use"]).size().rename("mentions").reset_index()
    rank = {u: k for k, u in enumerate(FRAME_USE_ORDER)}
    return table.sort_values(["frame", "use"], key=lambda c: c.map(rank) if c.name == "use" else c)\
        .reset_index(drop=True)


def frame_summary(frames: pd.DataFrame) -> pd.DataFrame:
    """How often each frame is invoked, by use (endorses, reports, dismisses, inverts)."""
    table = frame_uses(frames).pivot_table(index="frame", columns="use", values="mentions",
                                           aggfunc="sum", fill_value=0)
    present = [u for u in FRAME_USE_ORDER if u in table.columns]
    return table[present + [c for c in table.columns if c not in present]]
