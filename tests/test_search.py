"""Finding quotes by words, speaker, outlet and date, and filtering a corpus the same way."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geolib import load_corpus
from geolib.cli import main as cli_main
from geolib.search import published_in, search_quotes, speaker_matches, text_matches

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_words_match_whole_words_in_any_order_ignoring_case_and_accents():
    said = "Les sanctions contre Moscou sont un échec, a déclaré le ministre."
    assert text_matches(said, "moscou ECHEC")
    assert not text_matches(said, "échecs")  # whole words only
    assert text_matches("It is a “reverse Nixon” moment.", '"reverse nixon"')
    assert not text_matches("Nixon did it in reverse.", '"reverse Nixon"')  # a phrase keeps its order


@pytest.mark.parametrize("query, hit", [
    ("Putin", True), ("vladimir putin", True), ("Vladimir", True), ("Putin Vladimir", False), ("Put", False),
])
def test_a_speaker_matches_by_the_name_or_words_of_it_in_order(query, hit):
    assert speaker_matches("Vladimir Putin", query) is hit


def test_dates_known_only_to_the_year_are_in_range_when_their_year_is():
    assert published_in("2025-05-07", date(2025, 5, 1), date(2025, 5, 31))
    assert not published_in("2025-04-30", date(2025, 5, 1), None)
    assert published_in("2025", date(2025, 5, 1), None)
    assert not published_in(None, date(2025, 5, 1), None)
    assert published_in(None, None, None)


def test_search_filters_a_quotes_table():
    quotes = pd.DataFrame([
        {"kind": "direct", "text": "We will never abandon Kyiv.", "speaker": "Anna Berglund",
         "outlet": "Nordic Wire", "published": "2024-03-02"},
        {"kind": "indirect", "text": "Kyiv would get more air defence", "speaker": "Tomas Lindqvist",
         "outlet": "Baltic Times", "published": "2025-01-10"},
        {"kind": "term", "text": "Kyiv", "speaker": None, "outlet": "Baltic Times",
         "published": "2025-01-10"},
    ])
    assert list(search_quotes(quotes, "kyiv")["speaker"]) == ["Anna Berglund", "Tomas Lindqvist"]
    assert list(search_quotes(quotes, "kyiv", since="2025")["speaker"]) == ["Tomas Lindqvist"]
    assert list(search_quotes(quotes, outlet="nordic")["speaker"]) == ["Anna Berglund"]
    assert search_quotes(quotes, "Kyiv", speaker="Lindqvist", until="2024-12-31").empty


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw)
    return raw


def test_search_the_seeds_by_words_and_speaker(project):
    corpus = load_corpus(project)
    nixon = corpus.search("Nixon")
    assert set(nixon["speaker"]) == {"Ja Ian Chong", "Sergey Radchenko"}
    assert set(nixon["outlet"]) == {"Financial Times"}  # every table carries outlet and date
    xi = corpus.search(speaker="Xi")
    assert len(xi) and set(xi["speaker"]) == {"Xi Jinping"}


def test_load_corpus_filters_by_outlet_date_and_speaker(project):
    gzero = load_corpus(project, outlet="gzero")
    assert [a.id for a in gzero.items] == ["gzero-trump-no-limits-china-russia"]
    assert [a.id for a in load_corpus(project, since="2025-05-01", until="2025-05-31").items] == [
        "ft-trump-russia-ties-china", "gzero-trump-no-limits-china-russia"]  # the FT is dated to the year
    assert load_corpus(project, until="2024").items == []
    by_graham = load_corpus(project, speaker="Thomas Graham")
    assert [a.id for a in by_graham.items] == ["ft-trump-russia-ties-china"]
    assert set(by_graham.quotes["speaker"]) == {"Thomas Graham"}
    assert set(by_graham.stances["speaker"]) == {"Thomas Graham"}


def test_the_search_command(project, capsys):
    assert cli_main(["search", "Nixon", "--corpus", str(project)]) == 0
    out = capsys.readouterr().out
    assert "Sergey Radchenko (direct; 2025, Financial Times; ft-trump-russia-ties-china)" in out
    assert cli_main(["search", "--speaker", "Radchenko", "--format", "jsonl", "--corpus", str(project)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and {r["speaker"] for r in records} == {"Sergey Radchenko"}
    assert cli_main(["search", "x", "--since", "2025-13-01", "--corpus", str(project)]) == 2


def test_the_search_command_names_what_an_article_lacks_and_an_empty_folder(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "made-up.txt").write_text(  # no outlet, no date
        "Talks resume\n\n\"We are ready to sign a fair deal,\" the Freedonian trade minister, "
        "Anna Kessler, told reporters.\n", encoding="utf-8")
    assert cli_main(["search", "fair deal", "--corpus", str(corpus)]) == 0
    assert "Anna Kessler (direct; undated, unknown outlet; made-up)" in capsys.readouterr().out
    (tmp_path / "empty").mkdir()
    assert cli_main(["search", "fair deal", "--corpus", str(tmp_path / "empty")]) == 0
    assert capsys.readouterr().err == f"geolib: no article files in {tmp_path / 'empty'}\n"
