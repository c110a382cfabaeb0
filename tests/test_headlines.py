"""Chart titles and sentences are true of their data: ties named as ties, no superlative
below the minimum, warm and cool only where the sign allows, grammar from inflect."""

from __future__ import annotations

import pandas as pd
import pytest

from geolib.analysis import headlines as h


def _scores(rows):
    return pd.DataFrame(rows, columns=["actor", "score", "n"])


# --- most quoted --------------------------------------------------------------------------


def test_most_quoted_names_a_tie_as_a_tie():
    title = h.most_quoted({"Thomas Graham": 3, "Wang Dong": 3, "Xi Jinping": 3, "Ja Ian Chong": 2})
    assert title == (
        "Thomas Graham, Wang Dong and Xi Jinping tie as the most quoted voices, with 3 quotes each")
    assert "is the most quoted" not in title


def test_most_quoted_single_leader_shows_its_share():
    assert h.most_quoted({"A": 5, "B": 3, "C": 1}) == (
        "A is the most quoted voice, with 5 of 9 quotes from 3 speakers")


def test_most_quoted_no_superlative_below_the_minimum():
    assert h.most_quoted({"A": 1}) == "1 quote from only 1 speaker: A (1)"
    assert h.most_quoted({"A": 3, "B": 1}) == "4 quotes from only 2 speakers: A (3) and B (1)"
    assert "most" not in h.most_quoted({"A": 3, "B": 1})


def test_most_quoted_empty_and_all_equal():
    assert h.most_quoted({}) == "No quote in the selection names its speaker"
    assert h.most_quoted(pd.Series(dtype=int)) == "No quote in the selection names its speaker"
    assert h.most_quoted({"A": 2, "B": 2, "C": 2}) == (
        "All 3 speakers are quoted equally often, 2 quotes each")


# --- sentiment toward actors -----------------------------------------------------------------


def test_sentiment_all_negative_uses_no_warm_word():
    title = h.sentiment_extremes(_scores([("US", -0.2, 10), ("China", -0.3, 8), ("Russia", -0.1, 6),
                                          ("Taiwan", -0.14, 5)]))
    assert "warm" not in title and "cool" not in title
    assert title == ("Quoted voices are negative toward all 4 actors: least toward Russia (−0.10, n = 6), "
                     "most toward China (−0.30, n = 8)")


def test_sentiment_all_positive_and_mixed():
    positive = h.sentiment_extremes(_scores([("US", 0.2, 10), ("China", 0.3, 8), ("Russia", 0.1, 6)]))
    assert positive.startswith("Quoted voices are positive toward all 3 actors: most toward China")
    mixed = h.sentiment_extremes(_scores([("US", 0.2, 10), ("China", -0.3, 8), ("Russia", 0.1, 6)]))
    assert mixed == ("Quoted voices are warmest toward US (+0.20, n = 10) and coolest toward China "
                     "(−0.30, n = 8)")


def test_sentiment_tie_at_the_top_is_named():
    title = h.sentiment_extremes(_scores([("US", 0.2, 10), ("Taiwan", 0.2, 5), ("China", -0.3, 8)]))
    assert "warmest toward Taiwan and US (+0.20 each; n = 5 and 10)" in title or \
        "warmest toward US and Taiwan (+0.20 each; n = 10 and 5)" in title


def test_sentiment_ignores_means_on_too_few_scores():
    # EU's -0.63 rests on one quote: it may not be called the coolest.
    title = h.sentiment_extremes(_scores([("US", -0.2, 10), ("China", -0.3, 8), ("Russia", -0.1, 6),
                                          ("EU", -0.63, 1)]))
    assert "EU" not in title
    assert "with 5 or more scores" in title


def test_sentiment_single_empty_and_two_items():
    assert h.sentiment_extremes(_scores([])) == "No actor has a scored mention"
    assert h.sentiment_extremes(_scores([("EU", -0.63, 1)])) == (
        "No actor has 5 or more scored mentions, too few to compare (1 actor with fewer)")
    assert h.sentiment_extremes(_scores([("US", -0.2, 10)])) == (
        "Only US has 5 or more scored mentions: a negative mean of −0.20 (n = 10)")
    two = h.sentiment_extremes(_scores([("US", -0.2, 10), ("China", -0.3, 8)]))
    assert two == "Quoted voices are less negative toward US (−0.20, n = 10) than toward China (−0.30, n = 8)"
    assert "est " not in two  # a comparison, not a superlative


def test_relation_extremes_reads_pairs():
    edges = pd.DataFrame({"a": ["US", "US", "China"], "b": ["China", "Russia", "Russia"],
                          "weight": [-0.21, -0.37, 0.26], "n": [10, 8, 10]})
    assert h.relation_extremes(edges) == (
        "Quotes that mention two actors are warmest about China–Russia (+0.26, n = 10) and coolest "
        "about US–Russia (−0.37, n = 8)")
    assert h.relation_extremes(edges.iloc[0:0]) == "No pair has a scored mention"


# --- claims, frames, figures -----------------------------------------------------------------------


def test_claim_sides_counts_every_side_with_agreement():
    positions = pd.DataFrame({"position": [-0.5, 0, 0, 0.3, 0, 0]})
    assert h.claim_sides(positions) == (
        "Of 6 voices whose quotes touch the claim, 1 doubts it, 1 backs it and 4 take no side")
    assert h.claim_sides(pd.DataFrame({"position": [-0.5]})) == (
        "The only voice whose quotes touch the claim doubts it")
    assert h.claim_sides(pd.DataFrame({"position": [-0.5, -0.2]})) == (
        "Both voices whose quotes touch the claim doubt it")
    assert h.claim_sides(pd.DataFrame({"position": [-0.5, -0.2, -0.1]})) == (
        "All 3 voices whose quotes touch the claim doubt it")
    assert h.claim_sides(pd.DataFrame({"position": []})) == "No quoted voice touches the claim"


def test_frame_uses_never_glues_letters():
    assert h.frame_uses({"reports": 8, "endorses": 3, "dismisses": 2}) == (
        "Most frame mentions (8 of 13) report the frame without taking a side")
    for title in (h.frame_uses({"reports": 8}), h.frame_uses({"dismisses": 4, "reports": 1})):
        assert "reportsed" not in title and "ed," not in title


def test_frame_uses_tie_single_small_and_empty():
    assert h.frame_uses({"reports": 4, "dismisses": 4, "endorses": 1}) == (
        "Of 9 frame mentions, 4 each report the frame without taking a side and dismiss the frame")
    assert h.frame_uses({"endorses": 7}) == "All 7 frame mentions endorse the frame"
    assert h.frame_uses({"reports": 2, "endorses": 1}) == (
        "Only 3 frame mentions: 2 report the frame without taking a side and 1 endorses the frame")
    assert h.frame_uses({}) == "No frame is invoked in the selection"


def test_verdict_summary_agrees_in_number():
    assert h.verdict_summary({"consistent": 1, "differs": 1}) == (
        "Of 2 monetary figures, 1 is consistent with the official statistics and 1 differs from the "
        "official statistics")
    assert h.verdict_summary({"differs": 1}) == (
        "The only monetary figure differs from the official statistics")
    assert h.verdict_summary({"no reference": 3}) == (
        "All 3 monetary figures have no official statistic to check against")
    assert h.verdict_summary({}) == "The selection quotes no monetary figure"


def test_claims_on_lines_agreement():
    assert h.claims_on_lines(pd.Series(["consistent", "differs"])) == (
        "1 of 2 article figures for these pairs and years matches a published total")
    assert h.claims_on_lines(pd.Series(["differs", "differs"])) == (
        "0 of 2 article figures for these pairs and years match a published total")
    assert h.claims_on_lines(pd.Series([], dtype=object)) == "no article figure is for these pairs and years"


def test_series_high_names_its_year_and_needs_enough_years():
    series = pd.DataFrame({"pair": "China–Russia", "year": [2022, 2023, 2024, 2025],
                           "value": [190.3, 240.1, 244.8, 228.1]})
    assert h.series_high(series, label="pair") == (
        "China–Russia trade was highest in 2024, at $245bn (2022–2025)")
    assert h.series_high(series.iloc[:2], label="pair") == (
        "China–Russia trade: $190bn in 2022 and $240bn in 2023")
    assert h.series_high(series.iloc[0:0], label="pair") == "No official series for the chosen pairs"


def test_rate_fit_with_no_fit_says_so_without_an_empty_list():
    own = pd.DataFrame({"usd_bn": [293.1, 304.5]})
    text = h.rate_fit("$270bn", 2021, pd.DataFrame(columns=["reference", "rate_year", "usd_bn"]), own)
    assert text == ("$270bn (2021): at the 2021 rate the published totals give $293bn and $304bn; no total "
                    "at any year's rate comes within the tolerance")
    assert "0 " not in text and ": ." not in text


# --- over time and by group -------------------------------------------------------------------------


def test_busiest_tie_single_and_empty():
    assert h.busiest({2022: 10, 2023: 10, 2024: 3}, noun="quote", what="year") == (
        "2022 and 2023 tie for the most quotes, with 10 each of 23")
    assert h.busiest({2022: 10, 2023: 4, 2024: 3}, noun="quote", what="year") == (
        "2022 has the most quotes: 10 of 17")
    assert h.busiest({2025: 27}, noun="quote", what="year") == "27 quotes across 1 year (2025: 27)"
    assert h.busiest({}, noun="quote", what="year") == "No quote in the selection"


def test_cell_extremes_all_negative_tie_and_empty():
    cells = pd.DataFrame({"label": ["a", "b", "c"], "value": [-0.1, -0.3, -0.3], "n": [9, 9, 6]})
    assert h.cell_extremes(cells, what="pair") == (
        "No pair with 5 or more scores is positive; most negative: b and c (−0.30 each; n = 9 and 6)")
    assert h.cell_extremes(cells.iloc[0:0], what="pair") == "No pair has 5 or more scores, too few to compare"


def test_trend_needs_enough_years_and_names_the_move():
    points = pd.DataFrame({"series": ["Russia"] * 3 + ["US"] * 3, "year": [2016, 2020, 2025] * 2,
                           "value": [0.1, 0.0, -0.2, 0.1, 0.1, 0.15], "n": [12, 9, 30, 8, 8, 8]})
    assert h.trend(points) == ("Sentiment toward Russia fell from +0.10 in 2016 to −0.20 in 2025 "
                               "(n = 12 and 30), the largest move of 2 actors followed")
    assert h.trend(points[points["year"] == 2016]).startswith("Too few scores per year")


def test_largest_group_keeps_unknown_out_of_the_ranking():
    assert h.largest_group({"unknown": 10, "American": 3, "Russian": 2}, noun="voice",
                           ignore=["unknown"]) == (
        "American voices are the largest known group: 3 of 5; 10 of 15 unknown")
    assert h.largest_group({"American": 2, "Russian": 2}, noun="voice") == (
        "American and Russian voices are equally numerous, 2 each")
    assert h.largest_group({}, noun="voice") == "No voice in the selection"


def test_leaders_by_group_names_ties():
    table = pd.DataFrame({"outlet": ["A", "A", "B"], "speaker": ["x", "y", "z"], "quotes": [3, 3, 5]})
    assert h.leaders_by_group(table, group="outlet", label="speaker", n="quotes") == (
        "Most quoted voice per outlet: 2 tied in A (3 each); z in B (5)")


@pytest.mark.parametrize("function", [h.most_quoted, h.frame_uses, h.verdict_summary])
def test_no_headline_glues_a_plural(function):
    for counts in ({"a": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 1, "c": 1}):
        text = function(counts)
        assert "1 quotes" not in text and "1 figures" not in text and "(s)" not in text
