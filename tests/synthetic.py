"""A large made-up corpus, as tables, for checking charts at scale (no text is real)."""

from __future__ import annotations

import numpy as np
import pandas as pd

ACTORS = ["US", "China", "Russia", "EU", "Ukraine", "Taiwan"]
ORIGIN_COUNTRIES = ["China", "Russia", "United States", "Germany", "India", None, None]
FRAMES = ["reverse-nixon", "wedge", "isolate-china", "multipolar-order", "no-limits"]
USES = ["endorses", "reports", "dismisses", "inverts"]
PARTIES = [["China", "Russia"], ["Russia", "EU"], ["US", "China"], ["US"], []]


def large_tables(articles: int = 500, speakers: int = 400, quotes: int = 5000, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    outlets = [f"Outlet number {k} ({'news desk of outlet' * (k % 3)} {k}.example.com)" for k in range(14)]
    ids = [f"article-{k:04d}-{'x' * (k % 7)}" for k in range(articles)]
    days = pd.to_datetime("2014-01-01") + pd.to_timedelta(rng.integers(0, 4300, articles), unit="D")
    table_articles = pd.DataFrame({
        "article_id": ids, "file": [f"{i}.txt" for i in ids], "title": [f"Title {i}" for i in ids],
        "outlet": rng.choice(outlets, articles), "authors": "A. Writer",
        "published": [d.strftime("%Y-%m-%d") for d in days],
        "published_precision": rng.choice(["day", "day", "year"], articles), "published_text": None,
        "n_body": 10, "n_captions": 1, "n_dropped": 2, "n_words": 800,
    })
    names = [f"Speaker {k} {'Longname-' * (k % 4)}{k}" for k in range(speakers)]
    quote_articles = rng.choice(ids, quotes)
    quote_speakers = rng.choice(names, quotes, p=_zipf(speakers))
    table_quotes = pd.DataFrame({
        "article_id": quote_articles, "quote_id": [f"{a}:q{k:05d}" for k, a in enumerate(quote_articles)],
        "text": "made-up words", "kind": rng.choice(["direct", "partial", "indirect", "term"], quotes),
        "speaker": quote_speakers,
    })
    pairs = table_quotes[["article_id", "speaker"]].drop_duplicates()
    table_speakers = pairs.assign(
        role="analyst", affiliation="an institute", institution=None,
        institution_country=rng.choice(np.array(ORIGIN_COUNTRIES, dtype=object), len(pairs)),
        institution_type=None,
        n_quotes=table_quotes.groupby(["article_id", "speaker"]).size().loc[
            list(zip(pairs["article_id"], pairs["speaker"], strict=True))].to_numpy())
    scored = table_quotes.sample(n=min(quotes, 4000), random_state=seed)
    actor_rows = scored.assign(aspect="actor", target=rng.choice(ACTORS, len(scored)),
                               score=rng.uniform(-1, 1, len(scored)).round(3),
                               textblob_polarity=rng.uniform(-1, 1, len(scored)).round(3),
                               claim=None, label="negative", confidence=0.5, cues=[["cue"]] * len(scored))
    second = actor_rows.assign(target=rng.choice(ACTORS, len(actor_rows)))
    claim_rows = scored.head(400).assign(aspect="claim", target=None, claim="split-russia-china",
                                         label=rng.choice(["favor", "against", "none"], 400),
                                         confidence=rng.uniform(0.2, 1, 400).round(2), score=None,
                                         textblob_polarity=0.0, cues=[["cue"]] * 400)
    table_stances = pd.concat([actor_rows, second, claim_rows], ignore_index=True)
    table_stances = table_stances.drop(columns=["text", "kind"]).assign(quote_kind="direct", hedging=0.0)
    table_frames = pd.DataFrame({
        "article_id": rng.choice(ids, 400), "frame": rng.choice(FRAMES, 400), "text": "a frame",
        "voice": rng.choice(["narration", "Speaker 1 1"], 400), "use": rng.choice(USES, 400),
        "cues": [["cue"]] * 400,
    })
    n_figures = 800
    table_figures = pd.DataFrame({
        "article_id": rng.choice(ids, n_figures),
        "text": [f"${v}bn" for v in rng.integers(1, 900, n_figures)],
        "kind": rng.choice(["money", "money", "percent"], n_figures),
        "value_usd_bn": rng.uniform(1, 800, n_figures).round(1),
        "year": rng.integers(1990, 2031, n_figures),
        "parties": [PARTIES[k] for k in rng.integers(0, len(PARTIES), n_figures)],
        "flow": "total", "measure": "trade",
        "verdict": rng.choice(["consistent", "differs", "no reference"], n_figures),
        "explanation": "made up",
    })
    return {"articles": table_articles, "quotes": table_quotes, "speakers": table_speakers,
            "stances": table_stances, "frames": table_frames, "figures": table_figures}


def _zipf(n: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1)
    return weights / weights.sum()
