"""Scaling: long articles and the text shapes that once made a stage super-linear.

Every test asserts behaviour (what comes out, with exact offsets), never time: the times
live in ``benchmarks/bench_scaling.py``. Texts are made up, in the shapes that caused
trouble: a body over spaCy's ``max_length``, long quotes full of names, text without
punctuation, quotation marks only, dense figures, long stacked appositives."""

from __future__ import annotations

import warnings

import pytest

from geolib.extract.quotes import extract_quotes
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


# -- a chain of appositive links (once exponential in the chain's length) ---------------------
def _write(tmp_path, body: str, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text("A made-up headline for the test\n\n" + body + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_article(path), decoded_text(path)


@pytest.mark.parametrize("links", [0, 3, 25])
def test_a_long_chain_of_links_before_a_cue_is_read_like_a_short_one(tmp_path, links):
    chain = " for Maritime Studies at Lindqvist" * links
    article, raw = _write(tmp_path, "Arno Falk professor and director of the Halden Centre for Maritime "
                          f"Studies at Lindqvist{chain} University said in an interview that "
                          "shipping between the two ports would keep growing next year.")
    quotes = analyse(article, cache=False).quotes
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "shipping between the two ports would keep growing next year")]
    assert quotes[0].speaker.startswith("Arno Falk") and quotes[0].speaker.endswith("Lindqvist University")
    assert quotes[0].affiliation == "Halden Centre for Maritime Studies"
    assert raw[quotes[0].start:quotes[0].end] == quotes[0].text


def test_the_phrase_before_a_cue_is_a_fresh_mention_each_time_it_is_asked_for():
    from geolib.extract.attribution import Phrases

    nlp = get_nlp()
    doc = nlp(make_doc(nlp, "Finance Minister Ilse Varga of Molvania said the talks would go on."))
    phrases = Phrases(doc)
    said = next(t.i for t in doc if t.text == "said")
    first = phrases.before(said, 0)
    first.affiliation, first.end = "changed by a caller", 99
    second = phrases.before(said, 0)
    assert second is not first
    assert (second.name, second.affiliation, second.end) == ("Ilse Varga", "Molvania", said)


# -- text without full stops, quotation marks only, dense figures ---------------------------
FIGURE_CLAUSES = [
    "Molvania's exports to Freedonia rose 12.5% in 2023 to $40.5 billion",
    "imports from the EU fell 8 per cent to €15bn in the first half of 2022",
]


def test_figures_in_one_endless_sentence_read_as_in_short_ones(tmp_path):
    one, _ = _write(tmp_path, ", ".join(FIGURE_CLAUSES) + ".", "one.txt")
    alone = [(f.text, f.value, f.currency, f.measure) for f in analyse(one, cache=False).figures]
    many, raw = _write(tmp_path, ", ".join(FIGURE_CLAUSES * 300) + ".", "many.txt")  # ~40 KB, one sentence
    figures = analyse(many, cache=False).figures
    assert [(f.text, f.value, f.currency, f.measure) for f in figures] == alone * 300
    assert all(raw[f.start:f.end] == f.text for f in figures)


@pytest.mark.parametrize("shape", ["no punctuation", "marks only"])
def test_hostile_shapes_give_exact_records_in_every_table(tmp_path, shape):
    if shape == "no punctuation":
        words = ("Xi Jinping told Vladimir Putin in Moscow that China said trade with Russia rose "
                 "12 percent to 240 billion dollars and officials said the talks would go on ")
        body = words * 400  # ~60 KB, one sentence
    else:
        body = " ".join(["“", "”", '"', "‘", "’", "'", "«", "»", "''"] * 3000)
    article, raw = _write(tmp_path, body)
    analysis = analyse(article, cache=False)
    for table in ("quotes", "speakers", "figures", "checks", "stances", "frames"):
        analysis.records(table)
    for record in [*analysis.quotes, *analysis.figures]:
        assert raw[record.start:record.end] == record.text
    if shape == "marks only":
        assert not [q for q in analysis.quotes if q.text.strip("“”\"‘’'«» ")]


# -- bylines: a long line of capitalised words that is no byline -----------------------------
@pytest.mark.parametrize("line", [
    "By Mara Lind in Halden and Mara Lind in Halden and Mara Lind in Halden and Mara Lind i",
    "The United Provinces and our Allies and partners will emerge from this",
])
def test_a_line_of_names_that_is_no_byline_is_refused(line):
    from geolib.parse.cues import is_byline

    assert not is_byline(line) and not is_byline(line, loose=True)


@pytest.mark.parametrize("line", [
    "By Dan O'Neil and Jane Smith-Jones in Halden",
    "By J.-P. Lind, Mara McAllister & Anna van der Berg",
    "Joe Leahy in Beijing and Max Seddon in Berlin",
])
def test_bylines_are_still_bylines(line):
    from geolib.parse.cues import is_byline

    assert is_byline(line) or is_byline(line, loose=True)


# -- many partial quotes in one long sentence (the clause after each was once rescanned per cue) --
def test_many_partial_quotes_in_one_sentence_keep_their_reporter(tmp_path):
    phrases = ", ".join(f"\u201cstep {n}\u201d" for n in range(300))
    body = f"Anna Berg said the plan had {phrases} and more, while Jonas Holm said nothing at all."
    article, _ = _write(tmp_path, body)
    quotes = [q for q in extract_quotes(article) if q.text.startswith("step ")]
    assert len(quotes) == 300 and {q.speaker for q in quotes} == {"Anna Berg"}


# -- shapes the long fuzz run found -----------------------------------------------------------
def test_a_run_of_forty_thousand_characters_without_a_space_is_read_with_exact_offsets(tmp_path):
    body = ("Anna Berg said \u201cthe port stays open\u201d on Monday. " + "x7#" * 13_000
            + " Jonas Holm said \u201cit will close\u201d later.")
    article, raw = _write(tmp_path, body)
    quotes = extract_quotes(article)
    assert {q.text for q in quotes} >= {"the port stays open", "it will close"}
    assert all(raw[q.start:q.end] == q.text for q in quotes)


def test_a_chain_of_hundreds_of_links_before_a_cue_gives_up_instead_of_overflowing(tmp_path):
    body = "Anna Berg of the Institute" + " of the Institute" * 400 + " said the port would stay open."
    article, _ = _write(tmp_path, body)
    extract_quotes(article)  # no RecursionError: a phrase nested this deep is no speaker phrase
