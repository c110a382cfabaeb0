"""The PolNeAR benchmark's pure scoring and gold reading, on made-up text and spans only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_polnear  # noqa: E402
import polnear  # noqa: E402
from scoring import (  # noqa: E402
    Description,
    Score,
    description,
    exact_match,
    head_word,
    match_spans,
    name_part,
    name_words,
    overlap_match,
    quoted_regions,
    quoted_share,
    score,
    speaker_match,
    trim,
    trim_span,
)

TEXT = (
    "\u201cThe bridge opens in May,\u201d said Ann Lee, the mayor. \u201cBring a boat.\u201d\n"
    'Critics said the plan "will fail" and the toll was too high.\n'
    "''We will not pay,'' said Tom Ash.\n"
    "\u201cAn open quote runs on\n"
)


def _at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


# -- quoted regions -----------------------------------------------------------------
def test_quoted_regions_pair_curly_straight_and_doubled_apostrophe_marks():
    regions = [TEXT[a:b] for a, b in quoted_regions(TEXT)]
    assert regions == ["The bridge opens in May,", "Bring a boat.", "will fail", "We will not pay,",
                       "An open quote runs on"]


def test_quoted_share_counts_letters_inside_marks():
    regions = quoted_regions(TEXT)
    assert quoted_share(TEXT, (_at("\u201cBring a boat.\u201d"),), regions) == 1.0
    assert quoted_share(TEXT, (_at("Critics said"),), regions) == 0.0
    mixed = quoted_share(TEXT, (_at('the plan "will fail"'),), regions)
    assert 0.4 < mixed < 0.6


# -- spans --------------------------------------------------------------------------
def test_trim_drops_marks_spaces_and_edge_punctuation():
    start, end = trim(TEXT, _at("\u201cThe bridge opens in May,\u201d "))
    assert TEXT[start:end] == "The bridge opens in May"


def test_overlap_needs_half_of_the_shorter_span():
    assert overlap_match(((0, 10),), ((5, 100),))  # shares 5 of the shorter 10
    assert not overlap_match(((0, 10),), ((6, 100),))  # shares 4
    assert overlap_match(((10, 20),), ((0, 8), (12, 30)))  # fragments count together
    assert not overlap_match(((0, 0),), ((0, 10),))


def test_exact_match_is_the_whole_span_or_one_fragment():
    gold = ((0, 10), (20, 30))
    assert exact_match(((0, 30),), gold)
    assert exact_match(((20, 30),), gold)
    assert not exact_match(((0, 29),), gold)
    assert not exact_match((), gold)


def test_match_spans_lets_two_predictions_find_one_split_gold():
    golds = [((0, 10), (20, 30)), ((100, 140),)]
    preds = [((0, 10),), ((20, 30),), ((50, 60),)]
    matching = match_spans(preds, golds)
    assert matching.pred_to_gold == [0, 0, None]
    assert matching.gold_found == [True, False]
    result = score(matching)
    assert (result.precision, result.recall) == (2 / 3, 1 / 2)
    assert result.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_match_spans_prefers_the_gold_it_shares_most_with():
    golds = [((0, 10),), ((8, 40),)]
    assert match_spans([((6, 30),)], golds).pred_to_gold == [1]


def test_exact_matching_after_trimming_both_sides():
    gold = trim_span(TEXT, (_at("\u201cBring a boat.\u201d"),))
    pred = trim_span(TEXT, (_at("Bring a boat."),))
    assert match_spans([pred], [gold], exact=True).gold_found == [True]


def test_score_adds_and_guards_against_empty_counts():
    assert Score(0, 0, 0, 0).f1 == 0.0
    total = Score(1, 2, 1, 4) + Score(1, 2, 3, 4)
    assert (total.precision, total.recall) == (0.5, 0.5)


# -- speakers -----------------------------------------------------------------------
def test_name_words_and_head_word_drop_possessives_and_suffixes():
    assert name_words("Ann Lee\u2019s campaign") == ["ann", "lee", "campaign"]
    assert head_word("Tom Ash Jr.") == "ash"
    assert head_word(None) is None


def test_name_part_drops_the_appositive_but_keeps_a_name_after_a_title():
    assert name_part("Ann Lee, the mayor of Hilltown,") == "Ann Lee"
    assert name_part("Rep. Ann Lee (D-Hill)") == "Rep. Ann Lee "
    assert name_part("the council's chair, Tom Ash") == "the council's chair, Tom Ash"


@pytest.mark.parametrize(("predicted", "gold", "expected"), [
    ("Ann Lee", ["Mayor Ann Lee"], True),
    ("Lee", ["Ann Lee"], True),
    ("Ann Lee", ["Lee"], True),
    ("Tom Ash", ["Ann Lee"], False),
    ("statement", ["Ann Lee"], False),
    (None, ["Ann Lee"], False),
    ("Ann Lee", ["she", "Lee"], True),  # a pronoun's resolved name counts
])
def test_speaker_match_on_the_head_word(predicted, gold, expected):
    assert speaker_match(predicted, gold) is expected


# -- gold reading -------------------------------------------------------------------
def test_parse_ann_reads_brat_attributions_with_fragments_and_no_source():
    ann = "\n".join([
        "T1\tSource {} {}\tAnn Lee".format(*_at("Ann Lee")),
        "T2\tCue {} {}\tsaid".format(*_at("said Ann")[:1], _at("said Ann")[0] + 4),
        "T3\tContent {} {};{} {}\t...".format(*_at("\u201cThe bridge opens in May,\u201d"),
                                           *_at("\u201cBring a boat.\u201d")),
        "T4\tAttribution {} {}\tsaid".format(_at("said Ann")[0], _at("said Ann")[0] + 4),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue {} {}\tsaid".format(_at("said the plan")[0], _at("said the plan")[0] + 4),
        "T6\tContent {} {}\t...".format(*_at('the plan "will fail" and the toll was too high')),
        "T7\tAttribution-no-source {} {}\tsaid".format(_at("said the plan")[0], _at("said the plan")[0] + 4),
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
    ])
    first, second = polnear.parse_ann(ann, TEXT)
    assert len(first.content) == 2 and first.direct and first.source_text == "Ann Lee"
    assert first.speaker_names == ["Ann Lee"]
    assert second.source is None and not second.direct and second.speaker_names is None


def test_pronoun_and_nameless_sources():
    def gold(source: str) -> polnear.GoldAttribution:
        return polnear.GoldAttribution(((0, 5),), ((10, 12),), source)

    assert gold("she").pronoun and gold("she").speaker_names is None
    resolved = gold("she")
    resolved.pronoun_name = "Ann Lee"
    assert resolved.speaker_names == ["Ann Lee"]
    assert gold("the mayor").nameless and not gold("Ann Lee").nameless


def test_the_reserved_split_is_refused(tmp_path, capsys):
    with pytest.raises(ValueError):
        polnear.Mirror(tmp_path).read("data/test/text/any.txt")
    with pytest.raises(ValueError):
        polnear.load_split(polnear.Mirror(tmp_path), "test")
    with pytest.raises(SystemExit):
        bench_polnear.main([str(tmp_path), "--split", "test"])


def test_benchmark_skips_cleanly_without_a_mirror(tmp_path, capsys):
    assert bench_polnear.main([str(tmp_path / "absent"), "--split", "dev"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_a_source_description_is_compared_with_the_role_and_affiliation_given():
    found = description("Ann Lee, Harbour Trust's chief economist,", "Ann Lee", "chief economist",
                                "Harbour Trust")
    assert found == Description(True, True, True, True)
    bare = description("Ann Lee", "Ann Lee", None, None)
    assert not bare.described and not bare.named_body
    wrong = description("Ann Lee, a nurse", "Ann Lee", "senator", None)
    assert wrong.described and not wrong.named_body and not wrong.role_from_source
    tagged = description("Sen. Ann Lee, D-Md.,", "Ann Lee", "Sen.", "Democrat")
    assert tagged.affiliation_from_source
