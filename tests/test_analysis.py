"""The tables behind the notebooks: selections and their checks, voices by origin, trade
series per publisher, and tables that stay well-formed when empty."""

from __future__ import annotations

import pandas as pd
import pytest

from geolib.analysis import across, exhibits, stance, trade
from geolib.analysis.selection import (
    ParameterError,
    Selection,
    check_actors,
    check_articles,
    check_claim,
    check_frame,
    load_selection,
    with_columns,
)
from geolib.paths import raw_dir

SEEDS = ["ft-trump-russia-ties-china", "gzero-trump-no-limits-china-russia"]


# --- parameters are checked first ------------------------------------------------------------


def test_unknown_ids_stop_with_the_valid_ones():
    with pytest.raises(ParameterError, match=r"split-russia-chin.*did you mean 'split-russia-china'.*"
                                             r"valid claim ids: split-russia-china"):
        check_claim("split-russia-chin")
    with pytest.raises(ParameterError, match=r"unknown actor 'India'; valid actors: US, China, Russia"):
        check_actors(["US", "India"])
    with pytest.raises(ParameterError, match=r"valid frame ids: reverse-nixon, wedge"):
        check_frame("nixon")
    with pytest.raises(ParameterError, match=r"gzero-trump.*valid article ids: " + SEEDS[0]):
        check_articles(raw_dir(), ["gzero-trump"])
    with pytest.raises(ParameterError, match="empty list"):
        check_articles(raw_dir(), [])
    with pytest.raises(ParameterError, match="does not exist"):
        load_selection("no/such/folder")
    with pytest.raises(ParameterError, match="valid reference names"):
        trade.check_pairs([["China", "Atlantis"]])


def test_a_single_article_string_is_a_selection_of_one():
    assert check_articles(raw_dir(), SEEDS[1]) == [SEEDS[1]]
    sel = load_selection(None, SEEDS[1])
    assert list(sel.articles["article_id"]) == [SEEDS[1]]


def test_empty_tables_keep_their_columns():
    sel = Selection.from_tables({"articles": pd.DataFrame(columns=["article_id", "outlet", "published"])})
    for name in ("quotes", "speakers", "figures", "stances", "frames"):
        table = getattr(sel, name)
        assert table.empty and {"article_id"} <= set(table.columns)
    assert with_columns(pd.DataFrame(), "quotes").columns.tolist()[:5] == [
        "file", "article_id", "outlet", "published", "quote_id"]


def test_every_exhibit_says_why_when_there_is_nothing_to_draw():
    sel = Selection.from_tables({"articles": pd.DataFrame(columns=["article_id", "outlet", "published",
                                                                   "published_precision"])})
    actors = ["US", "China"]
    for exhibit in (exhibits.quotes_by_speaker(sel), exhibits.sentiment_by_actor(sel, actors),
                    exhibits.claim_stances(sel, "split-russia-china"), exhibits.frame_uses(sel),
                    exhibits.timeline(sel), exhibits.triangle(sel, actors), exhibits.quotes_by_year(sel),
                    exhibits.voices_by_origin(sel), exhibits.top_voices(sel),
                    exhibits.sentiment_by_outlet(sel, actors), exhibits.sentiment_by_year(sel, actors),
                    exhibits.frames_by_year(sel), exhibits.figures_by_year(sel),
                    exhibits.sentiment_by_origin(sel, actors)):
        assert exhibit.figure is None
        assert exhibit.empty.endswith(".") and exhibit.empty.count(".") >= 1, exhibit.name
    assert exhibits.rate_puzzles(sel) == []


# --- voices --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("speaker", "role", "affiliation", "country", "origin"), [
    ("Ivan Timofeev", "programme director", "MGIMO", "Russia", "Russian"),
    ("A. Researcher", "professor", "Moscow State Institute of International Relations", None, "Russian"),
    ("Wang Dong", "executive director", "Peking University", "China", "Chinese"),
    ("Jane Roe", "fellow", "Atlantic Council", "United States", "American"),
    ("Karl Beispiel", "economist", "Kiel Institute", "Germany", "European"),
    ("Raja Mohan", "fellow", "an institute", "India", "other"),
    ("Vladimir Putin", None, None, None, "Russian"),
    ("experts", None, None, None, "unknown"),
])
def test_voice_origin_from_the_institutions_country(speaker, role, affiliation, country, origin):
    assert stance.voice_origin(speaker, role, affiliation, country) == origin


def test_one_person_in_many_articles_is_one_voice():
    speakers = pd.DataFrame({
        "article_id": ["a", "b", "c"], "speaker": ["Xi Jinping"] * 3, "role": [None, "president", None],
        "affiliation": None, "institution_country": None, "n_quotes": [2, 3, 1]})
    voices = stance.voices(speakers)
    assert voices.to_dict("records") == [{"speaker": "Xi Jinping", "voice": "Chinese", "articles": 3,
                                          "quotes": 6, "role": "president", "affiliation": None}]
    stances = pd.DataFrame({"article_id": ["a", "b"], "speaker": ["Xi Jinping"] * 2, "score": [0.1, 0.2]})
    joined = stance.origin_of_quotes(stances, speakers)  # no reindexing error with repeated names
    assert list(joined["voice"]) == ["Chinese", "Chinese"]


# --- trade ---------------------------------------------------------------------------------------


def test_official_series_are_drawn_per_publisher_never_averaged():
    series = trade.official_series([["United States", "China"]])
    in_2024 = series[series["year"] == 2024].set_index("publisher")["value"].round(1).to_dict()
    assert in_2024 == {"China customs (GACC)": 688.3, "US Census Bureau": 582.0}
    assert not series["value"].round(0).isin([635.0]).any()  # no mean of the two
    assert set(series["series"]) == {"US–China, China customs (GACC)", "US–China, US Census Bureau"}


def test_one_publishers_several_totals_keep_the_first_reported_and_list_the_rest():
    series = trade.official_series([["EU27", "Russia"]])
    eurostat_2021 = series[(series["publisher"] == "Eurostat") & (series["year"] == 2021)]
    assert len(eurostat_2021) == 1 and eurostat_2021["totals"].iloc[0] == 2
    assert len(eurostat_2021["other_totals"].iloc[0]) == 1
    commission = series[series["publisher"] == "European Commission"]
    assert list(commission["year"]) == [2021]


def test_estimates_are_not_drawn_as_published_series():
    series = trade.official_series([["China", "Russia"]])
    assert 2015 not in set(series["year"])  # the 2015 row is inferred, not published
    assert trade.publisher_of("GACC, as reported by TASS") == "China customs (GACC)"
    assert trade.publisher_of("someone's blog") == trade.OTHER_SOURCES


def test_checked_money_is_the_one_place_verdicts_are_read():
    figures = pd.DataFrame({"figure_id": ["a:f1", "a:f2", "a:f3"], "outlet": "X",
                            "kind": ["money", "percent", "money"], "text": ["$1bn", "5%", "$2bn"]})
    checks = pd.DataFrame({"figure_id": ["a:f1"], "outlet": "X", "verdict": ["differs"]})
    checked = trade.checked_money(figures, checks)
    assert list(checked["verdict"]) == ["differs", "no reference"]
    assert "outlet" in checked and set(trade.CHECK_COLUMNS) <= set(checked.columns)


def test_the_seed_figures_get_their_verdicts_in_a_selection():
    from geolib.analysis.selection import load_selection

    sel = load_selection(None, None)
    checked = trade.checked_money(sel.figures, sel.checks)
    assert dict(zip(checked["text"], checked["verdict"], strict=True)) == {
        "$245bn": "consistent", "$270bn": "differs"}


# --- across the corpus ----------------------------------------------------------------------------


def test_tables_by_outlet_and_year_join_on_article_id():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", None],
                             "published": ["2020-01-02", "2021", None]})
    quotes = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "kind": "direct",
                           "speaker": ["P", "Q", "P", "R"], "quote_id": ["1", "2", "3", "4"]})
    sel = Selection.from_tables({"articles": articles, "quotes": quotes})
    by_year = across.quotes_by_year(sel)
    assert by_year.to_dict("records") == [{"year": 2020, "outlet": "X", "quotes": 2},
                                          {"year": 2021, "outlet": "X", "quotes": 1}]
    summary = across.outlet_summary(sel).set_index("outlet")
    assert summary.loc["X", "voices"] == 2 and summary.loc["outlet not recorded", "quotes"] == 1
    top = across.top_voices(sel, per_outlet=1)
    assert list(top["speaker"]) == ["P", "R"]


def test_a_claim_no_quote_takes_a_stance_on_gives_an_empty_table_of_positions():
    stances = pd.DataFrame({"aspect": ["claim", "actor"], "claim": ["made-up-claim", None],
                            "label": ["favor", "positive"], "confidence": [0.5, 0.9],
                            "article_id": ["a", "a"], "speaker": ["Anna Kessler"] * 2,
                            "quote_id": ["a:q001"] * 2, "cues": [[], []]})
    assert stance.claim_positions(stances, "made-up-claim")["position"].tolist() == [0.5]
    none = stance.claim_positions(stances, "another-claim")  # strings typed as pandas's str dtype
    assert none.empty and none["position"].dtype == float


def test_one_person_written_two_ways_is_one_voice_in_every_count():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["Wire", "Wire"],
                             "published": ["2024-01-02", "2024-02-03"]})
    quotes = pd.DataFrame({"article_id": ["a1", "a1", "a2"], "kind": ["direct"] * 3,
                           "speaker": ["Joe Biden", "Joe Biden", "Joseph R. Biden"],
                           "speaker_kind": ["person"] * 3, "speaker_id": ["joe-biden"] * 3})
    speakers = pd.DataFrame({"article_id": ["a1", "a2"], "speaker": ["Joe Biden", "Joseph R. Biden"],
                             "kind": ["person", "person"], "n_quotes": [2, 1],
                             "speaker_id": ["joe-biden", "joe-biden"]})
    sel = Selection.from_tables({"articles": articles, "quotes": quotes, "speakers": speakers})
    assert set(sel.quotes["speaker"]) == {"Joe Biden"}
    assert exhibits.quotes_by_speaker(sel).basis == "3 attributed quotes from 1 speaker"
