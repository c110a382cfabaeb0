"""Tables and sentences for the corpus notebook: what was read, kept and dropped, which
files failed, whether offsets hold, and who is quoted how."""

from __future__ import annotations

import pandas as pd

from geolib.model import offsets_are_exact
from geolib.narrative import count, listing, share, verb
from geolib.reading import read_raw

SPOKEN = {"direct": "in their own words", "partial": "in their own words", "indirect": "reported"}


def offsets_check(corpus) -> pd.DataFrame:
    """Per article read from raw text: how many paragraphs, and whether every one of
    them maps back to the raw file character for character."""
    rows = []
    for article in getattr(corpus, "items", []):
        if article.offsets_base != "raw":
            continue
        raw = read_raw(article.file).text
        rows.append({
            "article_id": article.id,
            "paragraphs": len(article.paragraphs),
            "exact": all(offsets_are_exact(p, raw) for p in article.paragraphs),
        })
    return pd.DataFrame(rows, columns=["article_id", "paragraphs", "exact"])


def offsets_sentence(checked: pd.DataFrame, n_articles: int | None = None) -> str:
    """Whether every paragraph maps back to its raw text, with the exceptions named;
    ``n_articles`` (all articles) says how many were not read from raw text."""
    if checked.empty:
        return "No article was read from raw text, so there are no offsets to check."
    bad = checked[~checked["exact"].astype(bool)]
    total = int(checked["paragraphs"].sum())
    others = (n_articles or len(checked)) - len(checked)
    rest = (f" (the other {count(others, 'article')} {verb(others, 'keeps')} offsets into "
            "the text extracted from the file, not into the raw file)" if others > 0 else "")
    if bad.empty:
        return (f"All {count(total, 'paragraph')} of the {count(len(checked), 'article')} read from raw "
                f"text map back to it character for character{rest}.")
    return (f"{share(len(bad), len(checked))} articles have a paragraph that does not map back to its "
            f"raw text: {listing(bad['article_id'].head(5))}"
            + (f" and {len(bad) - 5} more." if len(bad) > 5 else "."))


def corpus_sentence(articles: pd.DataFrame, errors: pd.DataFrame) -> str:
    """ "The corpus holds 2 articles from A and B, 2019-2025: 1,186 words of body text, ..." """
    if articles.empty:
        unread = f" ({count(len(errors), 'file')} could not be read)" if len(errors) else ""
        return f"The selection holds no readable article{unread}."
    outlets = sorted(articles["outlet"].dropna().unique())
    where = listing(outlets) if len(outlets) <= 4 else count(len(outlets), "outlet")
    years = pd.to_numeric(articles["published"].astype("string").str[:4], errors="coerce").dropna()
    span = ""
    if len(years):
        first, last = int(years.min()), int(years.max())
        span = f", published {first}" if first == last else f", published {first}–{last}"
    return (f"The corpus holds {count(len(articles), 'article')} from {where}{span}: "
            f"{int(articles['n_words'].sum()):,} words of body text, "
            f"{count(int(articles['n_captions'].sum()), 'photo caption')} and "
            f"{count(int(articles['n_dropped'].sum()), 'dropped line')}.")


def dates_sentence(articles: pd.DataFrame) -> str:
    """How precisely the articles are dated."""
    if articles.empty:
        return "No article, so no dates."
    precision = articles["published_precision"].fillna("none").value_counts()
    parts = [f"{n} dated to the {p}" if p in ("day", "month", "year") else f"{n} undated"
             for p, n in precision.items()]
    return f"Publication dates: {listing(parts)}."


def paragraph_kinds(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs by kind: ``kind, paragraphs, articles``."""
    table = paragraphs.groupby("kind").agg(paragraphs=("text", "size"), articles=("article_id", "nunique"))
    return table.sort_values("paragraphs", ascending=False).reset_index()


def dropped_reasons(dropped: pd.DataFrame) -> pd.DataFrame:
    """Dropped lines by reason: ``reason, lines, articles, example``."""
    if dropped.empty:
        return pd.DataFrame(columns=["reason", "lines", "articles", "example"])
    table = dropped.groupby("reason").agg(lines=("text", "size"), articles=("article_id", "nunique"),
                                          example=("text", "first"))
    return table.sort_values(["lines", "reason"], ascending=[False, True]).reset_index()


def dropped_sentence(reasons: pd.DataFrame) -> str:
    if reasons.empty:
        return "The parser dropped no line: every line became content or metadata."
    total = int(reasons["lines"].sum())
    top = [f"{r.reason} ({r.lines})" for r in reasons.head(4).itertuples()]
    more = len(reasons) - 4
    return (f"The parser dropped {count(total, 'line')} for {count(len(reasons), 'reason')}: "
            f"{listing(top + ([count(more, 'more reason')] if more > 0 else []))}.")


def errors_sentence(errors: pd.DataFrame) -> str:
    if errors.empty:
        return "Every file was read."
    return (f"{count(len(errors), 'file')} could not be read and {verb(len(errors), 'is')} left out; "
            "each is listed below with the problem, and the rest of the corpus goes on.")


def quote_mix(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker, split into own words (direct or partial) and reported speech:
    ``speaker, kind, quotes``. Quoted terms with no speaker are left out."""
    speech = quotes[quotes["kind"].isin(list(SPOKEN)) & quotes["speaker"].notna()]
    table = (
        speech.assign(kind=speech["kind"].map(SPOKEN))
        .groupby(["speaker", "kind"]).size().rename("quotes").reset_index()
    )
    return table.sort_values(["quotes", "speaker"], ascending=[False, True]).reset_index(drop=True)


def quotes_sentence(quotes: pd.DataFrame) -> str:
    """How many quotes of each kind, from how many speakers."""
    kinds = quotes.groupby("kind").size()
    speech = quotes[quotes["kind"].isin(list(SPOKEN))]
    if speech.empty and not kinds.get("term", 0):
        return "geolib finds no quote in the selection."
    by_kind = listing(f"{int(kinds.get(k, 0))} {k}" for k in ("direct", "partial", "indirect"))
    attributed = speech[speech["speaker"].notna()]
    return (f"geolib finds {count(len(speech), 'quote')} ({by_kind}), "
            f"{count(len(attributed), 'attributed quote')} from "
            f"{count(attributed['speaker'].nunique(), 'speaker')}, and "
            f"{count(int(kinds.get('term', 0)), 'quoted term')} nobody is said to have spoken.")
