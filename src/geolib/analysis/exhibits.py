"""The briefing's charts, each built from a selection: a true title, what it shows, its
basis (n) and its source, or, when the selection has nothing to draw, one sentence
saying so instead of an empty chart.

A notebook cell is one call::

    present(exhibits.quotes_by_speaker(sel), OUTPUT)

which saves the chart (PNG, SVG, caption) and shows it, or says why there is none.
File names derive from what a chart shows, never from its position.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from geolib import charts
from geolib.analysis import across, headlines, stance, trade
from geolib.analysis.corpus import quote_mix
from geolib.analysis.headlines import MIN_N
from geolib.analysis.selection import Selection, claims
from geolib.narrative import count, listing, say_plain
from geolib.reference import load_events

PAIRED_NOTE = f"actors with fewer than {MIN_N} scores are drawn but not ranked"


@dataclass
class Exhibit:
    """One chart of the briefing, or the sentence that stands in for it."""

    name: str
    figure: Figure | None = None
    caption: str = ""  # what the chart shows
    basis: str = ""  # its n
    empty: str = ""  # said instead when there is nothing to draw

    @property
    def title(self) -> str:
        return charts.chart_text(self.figure).title if self.figure is not None else ""


def present(exhibit: Exhibit, folder: str | os.PathLike | None = None) -> Figure | None:
    """Save the exhibit's chart in ``folder`` (default ``reports/figures``) and return it
    for the notebook to show; or say in one sentence why there is no chart."""
    if exhibit.figure is None:
        say_plain(exhibit.empty)
        return None
    charts.save_chart(exhibit.figure, exhibit.name, folder, caption=exhibit.caption, basis=exhibit.basis)
    return exhibit.figure


def _source(sel: Selection, what: str) -> str:
    return f"{what} over {sel.described()}"


# --- 01 the corpus ---------------------------------------------------------------------------


def quotes_by_speaker(sel: Selection) -> Exhibit:
    """Quotes per speaker, own words and reported speech, top speakers plus others."""
    name = "01-quotes-by-speaker"
    mix = quote_mix(sel.quotes)
    if mix.empty:
        return Exhibit(name, empty="No quote in the selection is attributed to a speaker, so there is no "
                                   "chart of who is quoted.")
    totals = mix.groupby("speaker")["quotes"].sum().sort_values(ascending=False, kind="stable")
    fig = charts.stacked_bars(
        mix, category="speaker", part="kind", value="quotes", order=list(totals.index),
        part_order=list(charts.SPEECH_COLORS), colors=charts.SPEECH_COLORS,
        title=headlines.most_quoted(totals),
        subtitle="Attributed quotes per speaker: in their own words (direct or partial) or reported",
        source=_source(sel, "geolib quote extraction"), xlabel="quotes",
    )
    return Exhibit(name, fig, caption="Who the articles quote, and how often in their own words.",
                   basis=f"{count(int(totals.sum()), 'attributed quote')} from "
                         f"{count(len(totals), 'speaker')}")


# --- 02 trade figures -------------------------------------------------------------------------


def trade_series(sel: Selection, pairs: Sequence[Sequence[str]]) -> Exhibit:
    """Official series per pair and publisher, with the articles' figures on them."""
    name = "02-trade-series"
    series = trade.official_series(pairs)
    if series.empty:
        return Exhibit(name, empty="The reference data holds no trade series for the chosen pairs, so "
                                   "there is no trade chart.")
    checked = trade.checked_money(sel.figures, sel.checks)
    on_lines = trade.claims_on_series(checked, pairs)
    first, last = int(series["year"].min()), int(series["year"].max())
    outside = on_lines[(on_lines["year"] < first) | (on_lines["year"] > last)]
    on_lines = on_lines.drop(outside.index)
    labelled = on_lines.assign(label=[f"{r.label}, {r.verdict}" for r in on_lines.itertuples()])
    longest = series.groupby("series").size().sort_values(ascending=False, kind="stable").index[0]
    main = series[series["series"] == longest]
    title = (f"In {main['publisher'].iloc[0]} figures, {headlines.series_high(main, label='pair')}; "
             f"{headlines.claims_on_lines(on_lines['verdict'])}")
    pair_colors = charts.colors_for(dict.fromkeys(series["pair"]))
    colors = {name: pair_colors[pair] for name, pair in zip(series["series"], series["pair"], strict=True)}
    outside_note = (f"; {count(len(outside), 'article figure')} for years outside "
                    f"{first}–{last} not drawn" if len(outside) else "")
    publishers = listing(sorted(series["publisher"].unique()))
    several = series[series["totals"] > 1]
    note = (f"; where one publisher gives several totals for a year, the first reported is drawn "
            f"({count(len(several), 'year')})" if len(several) else "")
    fig = charts.line_with_claims(
        series, labelled, by="series", x="year", y="value", ylabel="goods trade, USD bn",
        title=title, colors=colors, linestyle_by="publisher",
        subtitle=("Annual goods trade, one line per pair (colour) and publisher (line style), never "
                  "averaged; totals in euros at each year's average rate" + note + outside_note),
        source=f"{publishers} (data/reference/trade.csv); figures from {sel.described()}",
    )
    return Exhibit(name, fig,
                   caption="Official trade series, one line per publisher, with the figures the articles "
                           "quote for the same pairs and years, labelled with their check.",
                   basis=f"{count(len(series), 'published total')} in "
                         f"{count(series['series'].nunique(), 'series')}; "
                         f"{count(len(on_lines), 'article figure')} on these lines")


RATE_PUZZLES = 3  # differing figures charted at most; the rest are counted in the notebook


def differing(sel: Selection, limit: int | None = RATE_PUZZLES) -> pd.DataFrame:
    """Money figures that differ from the official statistics, largest gap first (at most
    ``limit``)."""
    checked = trade.checked_money(sel.figures, sel.checks)
    table = checked[checked["verdict"] == "differs"]
    gap = pd.to_numeric(table["gap_pct"], errors="coerce").abs().fillna(0)
    table = table.assign(_gap=gap).sort_values(["_gap", "article_id"], ascending=[False, True],
                                                kind="stable").drop(columns="_gap")
    return table if limit is None else table.head(limit)


def rate_puzzles(sel: Selection, limit: int = RATE_PUZZLES) -> list[Exhibit]:
    """For each figure that differs from totals published in another currency (the
    ``limit`` with the largest gaps): where it would fit at each year's exchange rate."""
    out = []
    for _, figure in differing(sel, limit).iterrows():
        table = trade.rate_sensitivity(figure)
        if table.empty:
            continue
        text, year = trade.figure_label(figure), int(figure["year"])
        own = table[table["rate_year"] == year]
        lines = table.assign(series=table["reference"], year=table["rate_year"], value=table["usd_bn"])
        claim = pd.DataFrame([{"year": year, "value": float(figure["value_usd_bn"]),
                               "label": f"{text} quoted for {year}"}])
        parties = "–".join(figure["parties"])
        fig = charts.line_with_claims(
            lines, claim, by="series", ylabel="USD bn", xlabel="year of the exchange rate",
            title=headlines.rate_puzzle_title(text, year, own),
            subtitle=f"Each published {year} {parties} total in another currency, converted at every "
                     "year's average rate",
            source=f"{listing(sorted(set(table['source'])))}; ECB euro reference rates; "
                   f"figure from {figure['article_id']}",
        )
        out.append(Exhibit(
            charts.chart_name("02-rate", figure["article_id"], text, parties, year), fig,
            caption=f"How {text} ({parties}, {year}) relates to totals published in another currency "
                    "at different years' exchange rates.",
            basis=f"{count(table['reference'].nunique(), 'published total')} × "
                  f"{count(table['rate_year'].nunique(), 'rate year')}"))
    return out


# --- 03 expert sentiment -----------------------------------------------------------------------


def sentiment_by_actor(sel: Selection, actors: Sequence[str]) -> Exhibit:
    """Mean sentiment toward each actor, geolib's target-aware score beside TextBlob's."""
    name = "03-sentiment-by-actor"
    by_actor = stance.methods_by_actor(sel.stances, actors)
    if by_actor.empty:
        return Exhibit(name, empty=f"No quote in the selection mentions {listing(actors, 'or')}, so there "
                                   "is no sentiment to chart.")
    ns = by_actor.drop_duplicates("actor").set_index("actor")["n"]
    labelled = by_actor.assign(actor=[f"{a} · n {ns[a]}" for a in by_actor["actor"]])
    fig = charts.diverging_bars(
        labelled, category="actor", value="score", method="method",
        colors={f"{a} · n {ns[a]}": charts.actor_color(a) for a in ns.index},
        title=headlines.sentiment_extremes(stance.geolib_scores(by_actor)),
        subtitle="Mean sentiment toward each actor in the quotes that mention it (−1 to +1); "
                 + PAIRED_NOTE,
        source=_source(sel, "geolib stance scores and TextBlob polarity"), xlabel="mean sentiment",
    )
    return Exhibit(name, fig, caption="Target-aware sentiment toward each actor, beside TextBlob's "
                                      "polarity of the whole quote.",
                   basis=f"{count(int(ns.sum()), 'actor score')} toward {count(len(ns), 'actor')}")


def claim_stances(sel: Selection, claim: str) -> Exhibit:
    """Each voice's stance on a claim, coloured by the voice's origin."""
    name = charts.chart_name("03-claim", claim)
    positions = stance.claim_positions(sel.stances, claim)
    claim_text = claims().get(claim, claim)
    if positions.empty:
        return Exhibit(name, empty=f"No quote in the selection touches the claim “{claim_text}”, so there "
                                   "is no chart of who backs or doubts it.")
    positions = stance.origin_of_quotes(positions, sel.speakers)
    voices = stance.claim_voices(positions)
    fig = charts.dot_chart(
        positions, category="speaker", value="position", color_by="voice",
        order=list(voices["speaker"]), colors=charts.ORIGIN_COLORS,
        title=headlines.claim_sides(voices),
        subtitle=f"Stance on “{claim_text}” per quote: backs (+) or doubts (−), scaled by confidence; "
                 "colour: the voice's origin",
        source=_source(sel, "geolib claim stances"), xlabel="stance × confidence",
    )
    return Exhibit(name, fig, caption=f"Who backs or doubts the claim “{claim_text}”.",
                   basis=f"{count(len(positions), 'quote')} from {count(len(voices), 'voice')}")


def sentiment_by_origin(sel: Selection, actors: Sequence[str]) -> Exhibit:
    """Mean sentiment toward each actor by the voices' origin."""
    name = "03-sentiment-by-origin"
    records = stance.actor_records(sel.stances)
    records = stance.origin_of_quotes(records[records["target"].isin(actors)], sel.speakers)
    if records.empty:
        return Exhibit(name, empty="No scored quote mentions the chosen actors, so there is no chart of "
                                   "sentiment by origin.")
    cells = (records.groupby(["voice", "target"])["score"].agg(["mean", "size"]).reset_index())
    cells = cells.assign(label=[f"{v} voices toward {t}" for v, t in zip(cells["voice"], cells["target"],
                                                                        strict=True)])
    origins = [o for o in stance.ORIGINS if o in set(records["voice"])]
    fig = charts.heatmap(
        records, row="voice", col="target", value="score", row_order=origins,
        col_order=[a for a in actors if a in set(records["target"])],
        title=headlines.cell_extremes(cells, value="mean", n="size", what="origin and actor pair"),
        subtitle=f"Mean sentiment toward each actor by the origin of the voice; cells with fewer than "
                 f"{MIN_N} scores are grey",
        source=_source(sel, "geolib stance scores and institution data"), colorbar_label="mean sentiment",
        min_n=MIN_N,
    )
    return Exhibit(name, fig, caption="Sentiment toward each actor by where the quoted voices come from "
                                      "(the institution's country, else their description).",
                   basis=f"{count(len(records), 'actor score')}")


# --- 04 frames and the triangle -----------------------------------------------------------------


def frame_uses(sel: Selection) -> Exhibit:
    """Mentions of each frame split by use."""
    name = "04-frame-uses"
    uses = stance.frame_uses(sel.frames)
    if uses.empty:
        return Exhibit(name, empty="No frame is invoked in the selection, so there is no chart of how "
                                   "frames are used.")
    totals = uses.groupby("frame")["mentions"].sum().sort_values(ascending=False, kind="stable")
    fig = charts.stacked_bars(
        uses, category="frame", part="use", value="mentions", order=list(totals.index),
        part_order=stance.FRAME_USE_ORDER, colors=charts.USE_COLORS,
        title=headlines.frame_uses(uses.groupby("use")["mentions"].sum()),
        subtitle="Mentions of each frame by how the voice uses it", xlabel="mentions",
        source=_source(sel, "geolib frame tracing"),
    )
    return Exhibit(name, fig, caption="How each frame is used: endorsed, reported, dismissed or turned "
                                      "around.",
                   basis=f"{count(int(totals.sum()), 'frame mention')} of {count(len(totals), 'frame')}")


def timeline(sel: Selection) -> Exhibit:
    """Reference events from a year before the first article to the last, with the days
    the articles appeared."""
    name = "04-timeline"
    articles = sel.articles
    dates = pd.to_datetime(articles["published"], errors="coerce", format="mixed").dropna()
    to_the_day = articles["published_precision"].eq("day").reindex(dates.index, fill_value=False)
    days = dates[to_the_day]
    events = load_events()
    if dates.empty or events.empty:
        return Exhibit(name, empty="The articles carry no publication date (or the reference holds no "
                                   "events), so there is no timeline.")
    start = dates.min() - pd.DateOffset(years=1)
    end = dates.max()
    when = pd.to_datetime(events["date"])
    within = events[(when >= start) & (when <= end)]
    if within.empty:
        return Exhibit(name, empty=f"No reference event falls between {start:%b %Y} and {end:%b %Y}, the "
                                   "year before the first article to the last.")
    span = f"{start:%b %Y} to {end:%b %Y}"
    undated = len(dates) - len(days)
    fig = charts.timeline(
        within, date="date", label="event", end_date="end_date", marks=list(days),
        title=f"{count(len(within), 'reference event')} from {span}, the year before the first article "
              "to the last",
        subtitle="Dated events from geolib's reference data; ticks: the days the articles appeared"
                 + (f" ({count(undated, 'article')} dated only to the month or year not marked)"
                    if undated else ""),
        source="data/reference/events.csv, each event with its own source: "
               + "; ".join(sorted(set(within["source"]))[:4]) + ("; ..." if within["source"].nunique() > 4
                                                                 else ""),
    )
    return Exhibit(name, fig, caption="Reference events around the articles' publication dates (not "
                                      "events the articles are known to cite).",
                   basis=f"{count(len(within), 'event')}; {count(len(dates), 'dated article')}")


def triangle(sel: Selection, actors: Sequence[str]) -> Exhibit:
    """The tone between each pair of actors in quotes that mention both."""
    name = charts.chart_name("04-triangle", *actors)
    edges = stance.actor_pairs(sel.stances, actors)
    if edges.empty:
        return Exhibit(name, empty=f"No quote mentions two of {listing(actors)}, so there is no triangle "
                                   "to draw.")
    fig = charts.triangle(
        edges, actors=list(actors),
        title=headlines.relation_extremes(edges),
        subtitle="Mean sentiment toward either actor in the quotes that mention both; n = quotes",
        source=_source(sel, "geolib stance scores"),
    )
    return Exhibit(name, fig, caption="The tone of the quotes that mention two of the actors, pair by pair.",
                   basis=f"{count(int(edges['n'].sum()), 'quote-pair')} over {count(len(edges), 'pair')}")


# --- 05 across the corpus -------------------------------------------------------------------------


def quotes_by_year(sel: Selection) -> Exhibit:
    """Attributed quotes per year of publication, split by outlet."""
    name = "05-quotes-by-year"
    table = across.quotes_by_year(sel)
    if table.empty:
        return Exhibit(name, empty="No attributed quote has a publication year, so there is no chart of "
                                   "quotes over time.")
    per_year = table.groupby("year")["quotes"].sum()
    if len(per_year) < 2:
        return Exhibit(name, empty=f"All {count(int(per_year.sum()), 'attributed quote')} come from articles "
                                   f"published in {int(per_year.index[0])}, so there is no chart over time.")
    folded, outlets, note = charts.top_with_others(table, "outlet", "quotes", 6)
    fig = charts.stacked_bars(
        folded, category="year", part="outlet", value="quotes", part_order=outlets, horizontal=False,
        title=headlines.busiest(per_year, noun="quote", what="year"),
        subtitle=charts._with_note("Attributed quotes per year of publication, by outlet", note),
        source=_source(sel, "geolib quote extraction"), ylabel="quotes",
    )
    return Exhibit(name, fig, caption="How many quotes the corpus holds for each year, outlet by outlet.",
                   basis=f"{count(int(per_year.sum()), 'quote')} in {count(len(per_year), 'year')}")


def voices_by_origin(sel: Selection) -> Exhibit:
    """Distinct voices per outlet by origin."""
    name = "05-voices-by-origin"
    table = across.voices_by_origin(sel)
    if table.empty:
        return Exhibit(name, empty="No speaker in the selection, so there is no chart of voices by origin.")
    by_origin = table.groupby("voice")["voices"].sum()
    outlets = table.groupby("outlet")["voices"].sum().sort_values(ascending=False, kind="stable")
    fig = charts.stacked_bars(
        table, category="outlet", part="voice", value="voices", order=list(outlets.index),
        part_order=stance.ORIGINS, colors=charts.ORIGIN_COLORS,
        title=headlines.largest_group(by_origin, noun="voice", ignore=["unknown"]),
        subtitle="Distinct voices per outlet (a voice quoted by two outlets counts in each) by origin: the "
                 "institution's country, else the words of its description", xlabel="distinct voices",
        source=_source(sel, "geolib speakers and institution data"),
    )
    return Exhibit(name, fig, caption="Where the voices each outlet quotes come from.",
                   basis=f"{count(int(outlets.sum()), 'voice')} (distinct per outlet) in "
                         f"{count(len(outlets), 'outlet')}")


def top_voices(sel: Selection, per_outlet: int = 3) -> Exhibit:
    """The most quoted voices of each outlet."""
    name = "05-top-voices-by-outlet"
    table = across.top_voices(sel, per_outlet)
    if table.empty:
        return Exhibit(name, empty="No attributed quote, so there is no chart of the most quoted voices.")
    outlets = list(dict.fromkeys(table["outlet"]))[:4]
    shown = table[table["outlet"].isin(outlets)]
    rows = shown.assign(row=[f"{charts.shorten(s, 20)} · {charts.short_label(o, 20)}"
                             for s, o in zip(shown["speaker"], shown["outlet"], strict=True)])
    more = len(dict.fromkeys(table["outlet"])) - len(outlets)
    fig = charts.stacked_bars(
        rows, category="row", part="outlet", value="quotes", order=list(rows["row"]),
        part_order=outlets,
        title=headlines.leaders_by_group(shown.assign(outlet=shown["outlet"].map(charts.short_label)),
                                         group="outlet", label="speaker", n="quotes"),
        subtitle=f"The {per_outlet} most quoted voices of each outlet (ties kept)"
                 + (f"; the {len(outlets)} outlets with most quotes, {more} more in the table"
                    if more else ""),
        source=_source(sel, "geolib quote extraction"), xlabel="attributed quotes",
    )
    return Exhibit(name, fig, caption="The most quoted voices, outlet by outlet.",
                   basis=f"{count(int(shown['quotes'].sum()), 'quote')} from "
                         f"{count(shown['speaker'].nunique(), 'voice')}")


def sentiment_by_outlet(sel: Selection, actors: Sequence[str]) -> Exhibit:
    """Mean sentiment toward each actor by outlet."""
    name = "05-sentiment-by-outlet"
    scores = across.actor_scores(sel, actors)
    if scores.empty:
        return Exhibit(name, empty="No scored quote mentions the chosen actors, so there is no chart of "
                                   "sentiment by outlet.")
    cells = across.sentiment_by_outlet(sel, actors)
    cells = cells.assign(label=[f"{charts.short_label(o)} toward {a}"
                                for o, a in zip(cells["outlet"], cells["actor"], strict=True)])
    fig = charts.heatmap(
        scores, row="outlet", col="target", value="score",
        col_order=[a for a in actors if a in set(scores["target"])],
        title=headlines.cell_extremes(cells, value="score", what="outlet and actor pair"),
        subtitle=f"Mean sentiment toward each actor in each outlet's quotes; cells with fewer than {MIN_N} "
                 "scores are grey",
        source=_source(sel, "geolib stance scores"), colorbar_label="mean sentiment", min_n=MIN_N,
    )
    return Exhibit(name, fig, caption="How the quotes each outlet carries treat each actor.",
                   basis=f"{count(len(scores), 'actor score')} in "
                         f"{count(scores['outlet'].nunique(), 'outlet')}")


def sentiment_by_year(sel: Selection, actors: Sequence[str]) -> Exhibit:
    """Mean sentiment toward each actor by year of publication (years with enough scores)."""
    name = "05-sentiment-by-year"
    table = across.sentiment_by_year(sel, actors)
    enough = table[table["n"] >= MIN_N]
    if enough["year"].nunique() < 2:
        return Exhibit(name, empty=f"Too few scores per year to follow sentiment over time: no actor has "
                                   f"{MIN_N} or more scores in two different years, so there is no chart.")
    fig = charts.lines_by_year(
        enough, by="actor", x="year", y="score",
        title=headlines.trend(table, series="actor", value="score"),
        subtitle=f"Mean sentiment toward each actor by year of publication; years with fewer than {MIN_N} "
                 "scores left out",
        source=_source(sel, "geolib stance scores"), ylabel="mean sentiment",
    )
    return Exhibit(name, fig, caption="Sentiment toward each actor over time.",
                   basis=f"{count(int(enough['n'].sum()), 'actor score')} in "
                         f"{count(enough['year'].nunique(), 'year')}")


def frames_by_year(sel: Selection) -> Exhibit:
    """Frame mentions per year of publication, by frame."""
    name = "05-frames-by-year"
    table = across.frames_by_year(sel)
    if table.empty:
        return Exhibit(name, empty="No frame is invoked in a dated article, so there is no chart of frames "
                                   "over time.")
    per_year = table.groupby("year")["mentions"].sum()
    if len(per_year) < 2:
        return Exhibit(name, empty=f"All {count(int(per_year.sum()), 'frame mention')} come from articles "
                                   f"published in {int(per_year.index[0])}, so there is no chart over time.")
    fig = charts.stacked_bars(
        table, category="year", part="frame", value="mentions", horizontal=False,
        title=headlines.busiest(per_year, noun="frame mention", what="year"),
        subtitle="Frame mentions per year of publication, by frame",
        source=_source(sel, "geolib frame tracing"), ylabel="mentions",
    )
    return Exhibit(name, fig, caption="When the frames appear.",
                   basis=f"{count(int(per_year.sum()), 'frame mention')} in {count(len(per_year), 'year')}")


def figures_by_year(sel: Selection) -> Exhibit:
    """Monetary figures per year they refer to, by the check's verdict."""
    name = "05-figures-by-year"
    table = trade.figures_by_year(trade.checked_money(sel.figures, sel.checks))
    if table.empty:
        return Exhibit(name, empty="No monetary figure with a year, so there is no chart of figures by year.")
    per_year = table.groupby("year")["figures"].sum()
    verdicts = table.groupby("verdict")["figures"].sum()
    fig = charts.stacked_bars(
        table, category="year", part="verdict", value="figures", horizontal=False,
        part_order=list(charts.VERDICT_COLORS), colors=charts.VERDICT_COLORS,
        title=f"{headlines.busiest(per_year, noun='monetary figure', what='year')}; "
              f"{listing(headlines.verdict_parts(verdicts))}",
        subtitle="Monetary figures by the year they refer to, coloured by the check against official "
                 "statistics",
        source=_source(sel, "geolib figure extraction and checks"), ylabel="figures",
    )
    return Exhibit(name, fig, caption="Which years the articles' money figures refer to, and how they check.",
                   basis=count(int(per_year.sum()), "dated monetary figure"))
