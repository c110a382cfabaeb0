"""Tables for the corpus-scale notebook: quotes, voices, sentiment, frames and figures
by outlet and by year of publication (joined from the articles table on ``article_id``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geolib.analysis import stance
from geolib.analysis.selection import Selection

SPEECH = ["direct", "partial", "indirect"]


def attributed(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes with a speaker (quoted terms and unattributed quotes left out)."""
    return quotes[quotes["kind"].isin(SPEECH) & quotes["speaker"].notna()]


def articles_by_year(sel: Selection) -> pd.DataFrame:
    """Articles per year of publication and outlet: ``year, outlet, articles``."""
    dated = sel.articles.dropna(subset=["published_year"])
    table = dated.groupby(["published_year", "outlet"]).size().rename("articles").reset_index()
    return table.rename(columns={"published_year": "year"})


def quotes_by_year(sel: Selection) -> pd.DataFrame:
    """Attributed quotes per year of publication and outlet: ``year, outlet, quotes``."""
    quotes = sel.with_articles(attributed(sel.quotes)).dropna(subset=["published_year"])
    table = quotes.groupby(["published_year", "outlet"]).size().rename("quotes").reset_index()
    return table.rename(columns={"published_year": "year"})


def outlet_summary(sel: Selection) -> pd.DataFrame:
    """One row per outlet: articles, first and last year, attributed quotes, distinct
    voices, quotes per article."""
    articles = sel.articles
    quotes = sel.with_articles(attributed(sel.quotes))
    table = articles.groupby("outlet").agg(articles=("article_id", "size"),
                                           first_year=("published_year", "min"),
                                           last_year=("published_year", "max"))
    table["quotes"] = quotes.groupby("outlet").size().reindex(table.index, fill_value=0)
    table["voices"] = quotes.groupby("outlet")["speaker"].nunique().reindex(table.index, fill_value=0)
    table["quotes_per_article"] = (table["quotes"] / table["articles"]).round(1)
    return table.sort_values(["articles", "quotes"], ascending=False).reset_index()


def voices_by_origin(sel: Selection) -> pd.DataFrame:
    """Distinct voices per outlet and origin: ``outlet, voice, voices``."""
    speakers = sel.with_articles(stance.with_origin(sel.speakers), ["outlet"])
    distinct = speakers.drop_duplicates(["outlet", "speaker"])
    return distinct.groupby(["outlet", "voice"]).size().rename("voices").reset_index()


def top_voices(sel: Selection, per_outlet: int = 3) -> pd.DataFrame:
    """The most quoted voices of each outlet (ties at the cut kept): ``outlet, speaker,
    quotes, rank``; outlets with most quotes first."""
    quotes = sel.with_articles(attributed(sel.quotes), ["outlet"])
    counts = quotes.groupby(["outlet", "speaker"]).size().rename("quotes").reset_index()
    if counts.empty:
        return counts.assign(rank=pd.Series(dtype=int))
    counts["rank"] = counts.groupby("outlet")["quotes"].rank(method="min", ascending=False).astype(int)
    counts = counts[counts["rank"] <= per_outlet]
    outlet_order = quotes.groupby("outlet").size().sort_values(ascending=False, kind="stable").index
    counts["outlet"] = pd.Categorical(counts["outlet"], categories=list(outlet_order), ordered=True)
    counts = counts.sort_values(["outlet", "rank", "speaker"]).reset_index(drop=True)
    counts["outlet"] = counts["outlet"].astype(str)
    return counts


def actor_scores(sel: Selection, actors: Sequence[str]) -> pd.DataFrame:
    """geolib's per-actor scores with the article's outlet and year: one row per score."""
    records = stance.actor_records(sel.stances)
    records = records[records["target"].isin(actors)]
    return sel.with_articles(records)


def sentiment_by_year(sel: Selection, actors: Sequence[str]) -> pd.DataFrame:
    """Mean score toward each actor by year of publication: ``actor, year, score, n``."""
    scores = actor_scores(sel, actors).dropna(subset=["published_year"])
    table = (scores.groupby(["target", "published_year"]).agg(score=("score", "mean"),
                                                               n=("score", "size"))
             .reset_index().rename(columns={"target": "actor", "published_year": "year"}))
    table["year"] = table["year"].astype(int)
    table["score"] = table["score"].round(3)
    return table


def sentiment_by_outlet(sel: Selection, actors: Sequence[str]) -> pd.DataFrame:
    """Mean score toward each actor by outlet: ``outlet, actor, score, n``."""
    scores = actor_scores(sel, actors)
    table = (scores.groupby(["outlet", "target"]).agg(score=("score", "mean"), n=("score", "size"))
             .reset_index().rename(columns={"target": "actor"}))
    table["score"] = table["score"].round(3)
    return table


def frames_by_year(sel: Selection) -> pd.DataFrame:
    """Frame mentions per year of publication: ``year, frame, mentions``."""
    frames = sel.with_articles(sel.frames).dropna(subset=["published_year"])
    table = frames.groupby(["published_year", "frame"]).size().rename("mentions").reset_index()
    return table.rename(columns={"published_year": "year"})
