"""Tables for the corpus notebook: offset checks and who is quoted how."""

from __future__ import annotations

import pandas as pd

from geolib.corpus import Corpus
from geolib.model import offsets_are_exact
from geolib.reading import read_raw

SPOKEN = {"direct": "in their own words", "partial": "in their own words", "indirect": "reported"}


def offsets_check(corpus: Corpus) -> pd.DataFrame:
    """Per article read from raw text: how many paragraphs, and whether every one of
    them maps back to the raw file character for character."""
    rows = []
    for article in corpus.items:
        if article.offsets_base != "raw":
            continue
        raw = read_raw(article.file).text
        rows.append({
            "article_id": article.id,
            "paragraphs": len(article.paragraphs),
            "exact": all(offsets_are_exact(p, raw) for p in article.paragraphs),
        })
    return pd.DataFrame(rows, columns=["article_id", "paragraphs", "exact"])


def quote_mix(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker, split into own words (direct or partial) and reported speech:
    ``speaker, kind, quotes``. Quoted terms with no speaker are left out."""
    speech = quotes[quotes["kind"].isin(list(SPOKEN)) & quotes["speaker"].notna()]
    table = (
        speech.assign(kind=speech["kind"].map(SPOKEN))
        .groupby(["speaker", "kind"]).size().rename("quotes").reset_index()
    )
    return table.sort_values(["quotes", "speaker"], ascending=[False, True]).reset_index(drop=True)
