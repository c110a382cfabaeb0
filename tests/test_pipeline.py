"""The pipeline: every stage once per article, whichever way the tables are asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import geolib.pipeline
from geolib import load_corpus
from geolib.cli import main as cli_main
from geolib.parse import read_article
from geolib.pipeline import TABLES, analyse

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The seed articles in a project of their own (its own cache)."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw)
    return raw


@pytest.fixture
def extractions(monkeypatch):
    """Counts calls of the quote extractor the pipeline uses."""
    calls: list[str] = []
    real = geolib.pipeline.extract_quotes

    def counting(article, *args, **kwargs):
        calls.append(article.id)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(geolib.pipeline, "extract_quotes", counting)
    return calls


def test_all_tables_extract_quotes_once_per_article(project, extractions):
    corpus = load_corpus(project)
    tables = corpus.tables()
    assert set(tables) == set(TABLES)
    assert sorted(extractions) == sorted(corpus.articles["article_id"])  # once each
    assert len(tables["stances"]) and len(tables["frames"]) and len(tables["speakers"])


def test_tables_asked_one_by_one_reuse_the_quotes(project, extractions):
    corpus = load_corpus(project)
    for name in ("quotes", "speakers", "stances", "frames"):
        corpus.table(name)
    assert len(extractions) == 2
    again = load_corpus(project)  # a new run reads the cache: nothing is extracted again
    again.tables()
    assert len(extractions) == 2


def test_the_tables_command_extracts_quotes_once_per_article(project, tmp_path, extractions, capsys):
    assert cli_main(["tables", str(project), "--out", str(tmp_path / "out")]) == 0
    assert len(extractions) == 2
    written = sorted(p.stem for p in (tmp_path / "out").glob("*.csv"))
    assert set(TABLES) <= set(written)


def test_stances_and_frames_take_the_quotes_they_are_given(extractions):
    analysis = analyse(read_article(RAW / "ft-trump-russia-ties-china.txt"), cache=False)
    stances = analysis.records("stances")
    frames = analysis.records("frames")
    assert extractions == ["ft-trump-russia-ties-china"]
    quote_ids = {q.quote_id for q in analysis.quotes}
    assert {s["quote_id"] for s in stances} <= quote_ids
    assert {f["quote_id"] for f in frames if f["quote_id"]} <= quote_ids


def test_checks_follow_the_figures_they_judge(project):
    analysis = analyse(read_article(project / "ft-trump-russia-ties-china.txt"))
    figures, checks = analysis.records("figures"), analysis.records("checks")
    assert [f["figure_id"] for f in figures] == [c["figure_id"] for c in checks]
    assert all(c["verdict"] in {"consistent", "differs", "no reference"} for c in checks)


def test_an_unknown_table_names_the_tables():
    analysis = analyse(read_article(RAW / "gzero-trump-no-limits-china-russia.txt"), cache=False)
    with pytest.raises(KeyError, match="quotes, speakers"):
        analysis.records("voices")
