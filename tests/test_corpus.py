"""The corpus: tables, failures recorded rather than raised, cache reuse, raw data untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from geolib import load_corpus
from geolib.cli import main as cli_main
from geolib.corpus import parse_cached

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def corpus_folder(tmp_path, monkeypatch):
    """A copy of the seed corpus plus bad files, in a project of its own."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (raw / ".hidden.txt").write_text("not an article", encoding="utf-8")
    return raw


def test_corpus_tables_and_errors(corpus_folder):
    before = _digest(corpus_folder)
    corpus = load_corpus(corpus_folder)
    assert sorted(corpus.articles["article_id"]) == [
        "ft-trump-russia-ties-china", "gzero-trump-no-limits-china-russia",
    ]
    assert sorted(Path(f).name for f in corpus.errors["file"]) == ["empty.txt", "image.png"]
    assert set(corpus.errors["problem"]) == {"is empty", "looks binary (contains NUL bytes), not text"}
    paragraphs = corpus.paragraphs
    assert list(paragraphs.columns) == ["article_id", "paragraph", "kind", "text", "start", "end"]
    ft = paragraphs[paragraphs.article_id == "ft-trump-russia-ties-china"]
    assert (ft.kind == "body").sum() == 25
    assert (ft.kind == "caption").sum() == 2
    row = corpus.articles.set_index("article_id").loc["gzero-trump-no-limits-china-russia"]
    assert row.outlet == "GZERO Media"
    assert row.published == "2025-05-07"
    assert _digest(corpus_folder) == before  # data/raw is never written


def test_cache_is_reused_and_invalidated_by_content(corpus_folder):
    path = corpus_folder / "gzero-trump-no-limits-china-russia.txt"
    first = parse_cached(path)
    cached = list((corpus_folder.parent / "cache" / "articles").glob("*.json"))
    assert len(cached) == 1
    again = parse_cached(path)
    assert again == first  # rebuilt from the cache, field for field
    path.write_text(path.read_text(encoding="utf-8").replace("Putin", "Medvedev"), encoding="utf-8")
    changed = parse_cached(path)
    assert "Medvedev" in changed.paragraphs[-1].text
    assert len(list((corpus_folder.parent / "cache" / "articles").glob("*.json"))) == 2


def test_cached_article_keeps_the_path_each_caller_gave(corpus_folder, monkeypatch):
    """A cache entry written by a run from the project root must serve a notebook that runs
    in notebooks/ with an absolute path (the raw file is read again from that path)."""
    monkeypatch.chdir(corpus_folder.parent.parent)
    relative = Path("data/raw/gzero-trump-no-limits-china-russia.txt")
    assert parse_cached(relative).file == str(relative)
    monkeypatch.chdir(corpus_folder)
    absolute = corpus_folder / relative.name
    assert parse_cached(absolute).file == str(absolute)


def test_include_selects_articles(corpus_folder):
    corpus = load_corpus(corpus_folder, include=["ft-trump-russia-ties-china"])
    assert list(corpus.articles["article_id"]) == ["ft-trump-russia-ties-china"]
    assert corpus["ft-trump-russia-ties-china"].outlet == "Financial Times"


def test_cli_parse_text_format(capsys):
    assert cli_main(["parse", str(RAW / "ft-trump-russia-ties-china.txt"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "title: What Donald Trump's closer ties to Russia mean for China" in out
    assert "(dropped" in out and "horizontal rule" in out


def test_tables_finish_despite_unreadable_files_and_say_so(corpus_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli_main(["tables", str(corpus_folder), "--out", str(out)]) == 3  # done, with unreadable files
    err = capsys.readouterr().err
    assert "empty.txt: is empty" in err and "2 files could not be read" in err
    errors = (out / "errors.csv").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 3  # header and the two bad files
    assert (out / "quotes.csv").stat().st_size > 0  # the good articles were processed


def test_an_empty_corpus_gives_every_table_with_the_columns_of_a_filled_one(corpus_folder, tmp_path):
    (tmp_path / "empty").mkdir()
    tables = ("articles", "paragraphs", "dropped", "errors", "quotes", "speakers", "figures", "checks",
              "stances", "frames")
    with load_corpus(corpus_folder, scheduler="synchronous") as full, \
            load_corpus(tmp_path / "empty", scheduler="synchronous") as empty:
        assert full.items and not empty.items
        for name in tables:
            assert getattr(empty, name).empty, name
            assert list(getattr(empty, name).columns) == list(getattr(full, name).columns), name
