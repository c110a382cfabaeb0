"""Scaling: long articles and the text shapes that once made a stage super-linear.

Every test asserts behaviour (what comes out, with exact offsets), never time: the times
live in ``benchmarks/bench_scaling.py``. Texts are made up, in the shapes that caused
trouble: a body over spaCy's ``max_length``, long quotes full of names, text without
punctuation, quotation marks only, dense figures, long stacked appositives."""

from __future__ import annotations

import warnings

import pytest

from geolib.nlp import get_nlp, make_doc, parse
from geolib.parse import read_article
from geolib.pipeline import analyse
from geolib.reading import decoded_text


@pytest.fixture(autouse=True)
def _own_project(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path / "project"))


PARAGRAPHS = [
    "“We will not accept new tariffs on our steel,” said Trade Minister Ilse Varga of Molvania, "
    "speaking in Brussels on Tuesday.",
    "Officials in Beijing said exports to Russia rose 12% last year, and the Kremlin welcomed "
    "the figures as proof that sanctions had failed.",
    "The talks, Varga said, would go on “for as long as it takes” and would include the energy "
    "ministers of both countries.",
    "Analysts at the Halvorsen Institute said the deal was “a turning point for the region” but "
    "warned that shipping costs could rise.",
]


def _long_article(tmp_path, size: int):
    paragraphs, length, n = [], 0, 0
    while length < size:
        paragraph = PARAGRAPHS[n % len(PARAGRAPHS)].replace("Tuesday", f"day {n}")
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
        n += 1
    path = tmp_path / "long.txt"
    path.write_text("Molvania and the EU: a long file\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def test_an_article_over_spacys_length_limit_gives_quotes_with_exact_offsets(tmp_path):
    path = _long_article(tmp_path, 1_200_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = read_article(path)
        raw = decoded_text(path)
    assert sum(len(p.text) for p in article.paragraphs) > get_nlp().max_length
    quotes = analyse(article, cache=False).quotes
    for quote in quotes:
        assert raw[quote.start:quote.end] == quote.text
    said = [q for q in quotes if q.text.startswith("We will not accept")]
    assert len(said) == sum(p.text.startswith("“We will not accept") for p in article.paragraphs)
    assert {q.speaker for q in said} == {"Ilse Varga"}


@pytest.mark.parametrize("limit", [300, 1000])
def test_a_doc_made_in_pieces_equals_the_doc_made_whole(limit):
    nlp = get_nlp()
    text = "\n\n".join(PARAGRAPHS * 3) + " and then one long sentence without an end " * 20
    whole = nlp(make_doc(nlp, text))
    pieces = parse(nlp, text, limit=limit)
    assert pieces.user_data["geolib_text"] == text
    assert [(t.idx, t.text, t.whitespace_, t.is_sent_start) for t in pieces] == \
        [(t.idx, t.text, t.whitespace_, t.is_sent_start) for t in whole]
    assert [(e.start_char, e.end_char, e.text) for e in pieces.ents] == \
        [(e.start_char, e.end_char, e.text) for e in whole.ents]

