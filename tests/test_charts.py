"""The house chart style: titled, sourced, slide-sized charts saved as PNG and SVG."""

from __future__ import annotations

import json

import matplotlib as mpl
import pandas as pd
import pytest
from PIL import Image

from geolib import charts


@pytest.fixture(autouse=True)
def _restore_rcparams():
    with mpl.rc_context():
        yield


TRADE = pd.DataFrame({
    "year": [2019, 2020, 2021, 2022, 2023, 2024],
    "value": [110.75, 107.76, 146.887, 190.271, 240.11, 244.81],
    "series": "China–Russia",
})
CLAIMS = pd.DataFrame({"year": [2024], "value": [245.0], "label": ["FT: $245bn"]})


def _line_chart():
    return charts.line_with_claims(
        TRADE, CLAIMS, title="China–Russia trade more than doubled after 2020",
        subtitle="Goods trade, US$ bn; the diamond marks the figure an article quotes",
        source="China customs (GACC) via TASS and Reuters", ylabel="US$ bn",
    )


def _figure_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(mpl.text.Text)]


def test_new_chart_carries_title_subtitle_source_and_axis_labels():
    fig, ax = charts.new_chart("Russia's imports fell", "EUR bn, 2021-2024", "Eurostat",
                               xlabel="year", ylabel="EUR bn")
    texts = _figure_texts(fig)
    assert "Russia's imports fell" in texts
    assert "EUR bn, 2021-2024" in texts
    assert "Source: Eurostat" in texts
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("year", "EUR bn")
    assert tuple(fig.get_size_inches()) == pytest.approx(charts.SLIDE)
    assert charts.chart_text(fig) == charts.ChartText("Russia's imports fell", "EUR bn, 2021-2024",
                                                      "Eurostat")


def test_long_title_wraps_inside_the_figure_width():
    title = "Western experts quoted in the articles see the Beijing–Moscow axis as durable, " * 2
    fig, _ = charts.new_chart(title, "", "geolib", xlabel="", ylabel="", figsize=charts.HALF_SLIDE)
    fig.canvas.draw()
    title_artist = next(t for t in fig.texts if t.get_gid() == "geolib-title")
    assert title_artist.get_text().count("\n") >= 2
    box = title_artist.get_window_extent()
    assert box.x1 <= fig.bbox.width


def test_house_style_applies_slide_fonts_and_deterministic_svg():
    charts.use_house_style()
    assert mpl.rcParams["figure.figsize"] == pytest.approx([13.33, 7.5])
    assert mpl.rcParams["font.size"] >= 14
    assert mpl.rcParams["svg.hashsalt"] == "geolib"
    assert mpl.rcParams["svg.fonttype"] == "none"
    assert mpl.rcParams["savefig.dpi"] >= 200


def test_actor_colours_are_fixed_distinct_and_know_aliases():
    six = [charts.actor_color(a) for a in ("US", "China", "Russia", "EU", "Ukraine", "Taiwan")]
    assert len(set(six)) == 6
    assert charts.actor_color("United States") == charts.actor_color("US")
    assert charts.actor_color("Beijing") == charts.actor_color("China")
    assert charts.actor_color("Atlantis") == charts.OTHER_COLOR
    colours = charts.colors_for(["China", "China–Russia", "EU–Russia"])
    assert len(set(colours.values())) == 3 and colours["China"] == charts.actor_color("China")


def test_save_chart_writes_png_svg_and_caption(tmp_path):
    files = charts.save_chart(_line_chart(), "02-china-russia-trade", tmp_path,
                              caption="Official series with the article's claim marked.")
    assert files.png == tmp_path / "02-china-russia-trade.png" and files.svg.exists()
    with Image.open(files.png) as png:
        dpi = png.info["dpi"]
        size = png.size
    assert min(dpi) >= 199.5
    assert size[0] >= 13 * 200 and size[0] / size[1] == pytest.approx(16 / 9, rel=0.01)
    svg = files.svg.read_text(encoding="utf-8")
    for words in ("China–Russia trade more than doubled after 2020",
                  "Source: China customs (GACC) via TASS and Reuters", "FT: $245bn", "US$ bn"):
        assert words in svg
    assert "<dc:date>" not in svg
    captions = json.loads(files.captions.read_text(encoding="utf-8"))
    assert captions["02-china-russia-trade"] == {
        "title": "China–Russia trade more than doubled after 2020",
        "subtitle": "Goods trade, US$ bn; the diamond marks the figure an article quotes",
        "source": "China customs (GACC) via TASS and Reuters",
        "caption": "Official series with the article's claim marked.",
        "basis": "",
        "rank": captions["02-china-russia-trade"]["rank"],
    }


def test_saving_again_rewrites_identical_files(tmp_path):
    first = charts.save_chart(_line_chart(), "trade", tmp_path / "a", caption="c")
    second = charts.save_chart(_line_chart(), "trade", tmp_path / "b", caption="c")
    assert first.png.read_bytes() == second.png.read_bytes()
    assert first.svg.read_bytes() == second.svg.read_bytes()


def test_save_chart_refuses_figures_without_house_text_and_bad_names(tmp_path):
    with pytest.raises(ValueError, match="new_chart"):
        charts.save_chart(mpl.figure.Figure(), "plain", tmp_path, caption="")
    with pytest.raises(ValueError, match="chart name"):
        charts.save_chart(_line_chart(), "../escape", tmp_path, caption="")


def test_captions_accumulate_across_charts(tmp_path):
    charts.save_chart(_line_chart(), "b-second", tmp_path, caption="two")
    charts.save_chart(_line_chart(), "a-first", tmp_path, caption="one")
    assert sorted(charts.load_captions(tmp_path)) == ["a-first", "b-second"]


def test_diverging_bars_one_bar_per_actor_and_method_around_zero():
    table = pd.DataFrame({
        "actor": ["US", "China", "Russia", "US", "China", "Russia"],
        "score": [0.10, -0.20, -0.35, 0.02, 0.12, -0.10],
        "method": ["TextBlob"] * 3 + ["target-aware"] * 3,
    })
    fig = charts.diverging_bars(table, method="method", title="Methods disagree on China",
                                subtitle="Mean sentiment toward each actor", source="geolib",
                                xlabel="mean sentiment")
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_width() != 0]
    assert len(bars) == 6
    china = charts.actor_color("China")
    china_bars = [b for b in bars if mpl.colors.to_hex(b.get_edgecolor()) == china.lower()]
    assert sorted(round(b.get_width(), 2) for b in china_bars) == [-0.2, 0.12]
    left, right = ax.get_xlim()
    assert left < 0 < right and left == pytest.approx(-right)
    rows = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.get_yticks(), strict=True))
    assert rows["US"] > rows["China"] > rows["Russia"]  # first category on top
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"TextBlob", "target-aware"}
    assert "\u22120.35" in _figure_texts(fig)


def test_dot_chart_places_every_row_and_marks_means():
    table = pd.DataFrame({"origin": ["Chinese"] * 3 + ["Western"] * 2,
                          "score": [0.3, 0.1, 0.2, -0.3, 0.1],
                          "target": ["US", "Russia", "US", "China", "Russia"]})
    fig = charts.dot_chart(table, category="origin", value="score", color_by="target",
                           title="Chinese voices are warmer", subtitle="per quote",
                           source="geolib", xlabel="sentiment")
    ax = fig.axes[0]
    offsets = [c.get_offsets() for c in ax.collections]
    assert sum(len(o) for o in offsets) == 5
    means = sorted(round(line.get_xdata()[0], 3) for line in ax.lines
                   if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1])
    assert 0.2 in means and -0.1 in means


def test_timeline_orders_events_and_keeps_date_precision():
    events = pd.DataFrame({
        "date": ["2025-02-24", "1972", "2022-02-04"],
        "event": ["UN resolution 2774", "Nixon visits China", "'No limits' statement"],
    })
    fig = charts.timeline(events, title="Fifty years in three events", subtitle="",
                          source="reference/events.csv")
    texts = [t for t in _figure_texts(fig) if ":" in t and not t.startswith("Source")]
    assert texts == ["1972: Nixon visits China", "4 Feb 2022: 'No limits' statement",
                     "24 Feb 2025: UN resolution 2774"]


def test_event_times_reads_years_and_dates():
    stamps, labels = charts.event_times(pd.Series([1972, "2025-05-07"]))
    assert [s.year for s in stamps] == [1972, 2025]
    assert labels == ["1972", "7 May 2025"]


def test_triangle_draws_one_signed_line_per_pair_and_a_truthful_legend():
    edges = pd.DataFrame({"a": ["US", "China", "US", "Russia"], "b": ["China", "Russia", "Russia", "EU"],
                          "weight": [-0.4, -0.5, -0.6, -0.7], "n": [9, 12, 6, 2]})
    fig = charts.triangle(edges, actors=["US", "China", "Russia", "EU"],
                          title="Quotes are cool about every pair", subtitle="mean stance",
                          source="geolib stance table")
    ax = fig.axes[0]
    lines = [line for line in ax.lines if len(line.get_xdata()) == 2]
    assert len(lines) == 4
    assert all(line.get_linestyle() != "-" for line in lines)  # every edge is negative: none solid
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["negative mean (dashed)", "fewer than 5 quotes (faint)"]  # no "positive" swatch
    texts = _figure_texts(fig)
    assert {"US", "China", "Russia", "EU", "\u22120.70\nn 2", "\u22120.40\nn 9"} <= set(texts)
    assert charts.overlapping_texts(fig) == []


def test_polygon_layout_starts_at_top_and_goes_clockwise():
    where = charts.polygon_layout(["US", "China", "Russia", "EU"])
    assert where["US"] == pytest.approx((0.0, 1.0))
    assert where["China"] == pytest.approx((1.0, 0.0))
    assert where["EU"] == pytest.approx((-1.0, 0.0))


def test_dollar_signs_in_chart_text_are_not_maths():
    fig, _ = charts.new_chart("$245bn and $270bn", "from $1bn to $2bn", "GACC", xlabel="", ylabel="")
    fig.canvas.draw()
    title = next(t for t in fig.texts if t.get_gid() == "geolib-title")
    assert title.get_text() == "$245bn and $270bn"
    assert not title._preprocess_math(title.get_text())[1]  # drawn as plain text, not mathtext


def test_chart_names_derive_from_content():
    assert charts.chart_name("02-rate", "ft-trump", "$270bn", "Russia–EU", 2021) == (
        "02-rate-ft-trump-270bn-russia-eu-2021")
    assert charts.chart_name("03-claim", "split-russia-china") == "03-claim-split-russia-china"


def test_actor_colours_come_from_the_actor_data():
    import csv

    from geolib.actors import ACTORS_CSV

    with open(ACTORS_CSV, newline="", encoding="utf-8") as handle:
        given = {row["actor"]: row["colour"].upper() for row in csv.DictReader(handle) if row.get("colour")}
    assert given and all(charts.actor_color(actor) == colour for actor, colour in given.items())
    # colours for things that are not actors never borrow an actor's colour
    outlets = charts.colors_for([f"Outlet {k}" for k in range(5)])
    assert not set(outlets.values()) & set(given.values())


def test_many_rows_fold_into_others_with_the_count_in_the_subtitle():
    table = pd.DataFrame({"speaker": [f"Speaker {k}" for k in range(185)], "kind": "reported",
                          "quotes": list(range(185, 0, -1))})
    fig = charts.stacked_bars(table, category="speaker", part="kind", value="quotes",
                              title="Speaker 0 is the most quoted", subtitle="Quotes per speaker",
                              source="geolib", xlabel="quotes")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == charts.MAX_ROWS and labels[-1] == "others (174)"
    subtitle = charts.chart_text(fig).subtitle
    assert "top 11 of 185" in subtitle
    assert charts.overlapping_texts(fig) == [] and charts.texts_outside(fig) == []


def test_every_briefing_chart_is_legible_on_a_large_corpus():
    from synthetic import ACTORS, large_tables

    from geolib.analysis import exhibits
    from geolib.analysis.selection import Selection

    sel = Selection.from_tables(large_tables())
    made = [
        exhibits.quotes_by_speaker(sel),
        exhibits.trade_series(sel, [["China", "Russia"], ["EU27", "Russia"], ["United States", "China"]]),
        *exhibits.rate_puzzles(sel),
        exhibits.sentiment_by_actor(sel, ACTORS),
        exhibits.claim_stances(sel, "split-russia-china"),
        exhibits.sentiment_by_origin(sel, ACTORS),
        exhibits.frame_uses(sel),
        exhibits.timeline(sel),
        exhibits.triangle(sel, ["US", "China", "Russia", "EU", "Ukraine"]),
        exhibits.quotes_by_year(sel),
        exhibits.voices_by_origin(sel),
        exhibits.top_voices(sel),
        exhibits.sentiment_by_outlet(sel, ACTORS),
        exhibits.sentiment_by_year(sel, ACTORS),
        exhibits.frames_by_year(sel),
        exhibits.figures_by_year(sel),
    ]
    assert all(e.figure is not None for e in made), [e.name for e in made if e.figure is None]
    names = [e.name for e in made]
    assert len(set(names)) == len(names)
    for exhibit in made:
        assert charts.overlapping_texts(exhibit.figure) == [], exhibit.name
        assert charts.texts_outside(exhibit.figure) == [], exhibit.name
        assert exhibit.basis and exhibit.caption
