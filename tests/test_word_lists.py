"""The shared word lists of the text layer: month names, read by every date pattern."""

from __future__ import annotations

import re

import pytest

from geolib.extract.amounts import find_amounts
from geolib.parse import cues
from geolib.text.dates import MONTH_NAME, MONTH_WORD, month_number
from geolib.text.sentences import sentence_spans


@pytest.mark.parametrize("name, number", [("January", 1), ("MARCH", 3), ("Sept.", 9), ("Sep.", 9),
                                          ("Dec", 12), ("May", 5)])
def test_month_number_reads_names_and_abbreviations(name, number):
    assert month_number(name) == number


def test_running_text_months_are_case_sensitive_and_abbreviations_need_a_full_stop():
    pattern = re.compile(rf"\b{MONTH_NAME}(?!\w)")
    assert [m.group() for m in pattern.finditer("In March, MARCH and Sept. 5 but not march or Mar 5")] == [
        "March", "MARCH", "Sept."]


def test_dateline_months_are_loose_words():
    assert re.fullmatch(MONTH_WORD, "Sept.") and re.fullmatch(MONTH_WORD, "Feb")
    assert cues.dateline_date("Published 4 Sept. 2024") == "4 Sept. 2024"
    assert cues.dateline_date("FEBRUARY 13, 2025") == "FEBRUARY 13, 2025"


def test_every_date_pattern_reads_the_same_months():
    """A month abbreviation ends no sentence, a count before a month is a date, not a count."""
    assert len(sentence_spans("Talks resumed on Sept. 5 in Geneva. Both sides spoke.")) == 2
    assert [a.kind for a in find_amounts("Some 1,200 workers left on 12 March.")] == ["count"]
    assert [a.kind for a in find_amounts("By March 12 workers had left.")] == []
