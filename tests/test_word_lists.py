"""Word lists with one home that several stages read: month names (``geolib.text.dates``)
and name particles (``name_particles`` in data/attribution_patterns.json)."""

from __future__ import annotations

import re

import pytest

from geolib.extract.amounts import find_amounts
from geolib.extract.attribution import load_attribution_lexicon
from geolib.lexicon import name_particles
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


@pytest.mark.parametrize("sentence, unit", [("Some 1,200 marines landed.", "marines"),
                                            ("About 4,000 separatists fought.", "separatists"),
                                            ("Some 300 mayors met.", "mayors")])
def test_a_word_that_only_starts_like_a_month_is_counted(sentence, unit):
    assert [(a.kind, a.unit) for a in find_amounts(sentence)] == [("count", unit)]


def test_parsing_reads_the_attribution_rules_particles():
    assert set(name_particles()) == load_attribution_lexicon().particles


@pytest.mark.parametrize("byline", ["By Maria dos Santos and Carlos de Souza",
                                    "Maria dos Santos and Carlos de Souza in Brasília"])
def test_a_byline_with_name_particles_gives_both_authors(byline):
    assert cues.is_byline(byline, loose=True)
    assert cues.byline_names(byline) == ["Maria dos Santos", "Carlos de Souza"]


@pytest.mark.parametrize("label", ["Maria dos Santos:", "Ahmed bin Rashid:", "Omar abu Zaid:"])
def test_a_speaker_label_may_hold_a_name_particle(label):
    assert cues.is_speaker_label(label)


@pytest.mark.parametrize("caption, credit", [
    ("Container ships wait outside the port of Qingdao. Photograph: Jane Doe", "Photograph: Jane Doe"),
    ("Trade between the two countries since 2014. Graphic: Anna Berg", "Graphic: Anna Berg"),
])
def test_a_caption_ends_in_a_credit_led_by_any_credit_noun(caption, credit):
    """One list of credit nouns (data/page_words.toml) for credit lines and trailing credits."""
    assert cues.is_photo_credit(credit)
    assert caption[cues.inline_credit_start(caption):] == credit


def test_wire_credits_and_author_notes_read_the_page_words():
    credit = "(Reporting by Liz Lee in Beijing; Editing by Kim Coghill)"
    assert cues.is_contributor_credit(credit)
    assert cues.contributor_names(credit) == ["Liz Lee"]
    assert cues.is_author_bio("Emma Walsh covers trade for the paper.", ["Emma Walsh"])
