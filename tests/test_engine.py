"""The Dask engine: a cluster of worker processes gives exactly what one process gives,
each article in one task, through the project's cache whatever folder workers started in."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

import geolib.engine
from geolib import load_corpus
from geolib.cli import main as cli_main
from geolib.engine import MAX_BATCH, ArticleResult, Engine, EngineError, batch_size, main_left_alone
from geolib.pipeline import TABLES
from geolib.sources import find_sources

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

MADE_UP = {
    "made-up-wire.txt": (
        "Freedonia and Sylvania agree to resume grain talks\n\n"
        "By Jane Doe\n\n"
        "GENEVA, March 3, 2024 (Wire) -- Freedonia's trade minister, Anna Kessler, said on Monday "
        "that talks with Sylvania would resume next week. \"We are ready to sign a fair deal,\" "
        "Kessler told reporters.\n\n"
        "Trade between Russia and China reached $245bn in 2024, according to customs data.\n\n"
        "\"Nobody expects a quick settlement,\" said Paul Ortega, a senior fellow at the Centre "
        "for Trade Studies. Officials in Beijing said the United States was driving a wedge "
        "between Russia and China.\n"
    ),
    "made-up-brief.md": (
        "---\ntitle: Statement on the harbour accord\ndate: 2023-06-01\n---\n\n"
        "# Statement on the harbour accord\n\n"
        "The foreign ministry said on Thursday that the accord \"marks a new chapter\" for the "
        "region, and that China would be invited to observe.\n\n"
        "\"We welcome the agreement,\" a spokesperson for the European Commission said, adding "
        "that the EU's trade with Russia was €257.5bn in 2021.\n"
    ),
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The seeds, two made-up articles and an empty file, in a project of their own."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw)
    for name, text in MADE_UP.items():
        (raw / name).write_text(text, encoding="utf-8")
    (raw / "zz-empty.txt").write_bytes(b"")
    return raw


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, as on a real cluster, shared by this module."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40,
                                  scheduler_kwargs=geolib.engine.SCHEDULER_OPTIONS) as local, \
            distributed.Client(local) as client:
        yield client


def _tables(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.csv"))}


def _cache_files(project: Path) -> dict[str, float]:
    cache = project.parent / "cache"
    return {str(p.relative_to(cache)): p.stat().st_mtime for p in cache.rglob("*.json")}


def test_a_cluster_of_worker_processes_writes_what_one_process_writes(project, cluster, tmp_path, capsys,
                                                                     monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path, from a folder the workers were not started in
    raw = "data/raw"
    assert cli_main(["tables", raw, "--out", str(tmp_path / "one"),
                     "--scheduler", "synchronous"]) == 3  # the empty file: done, with one unreadable
    one = _tables(tmp_path / "one")
    assert "\ndata/raw/ft-trump-russia-ties-china.txt," in one["quotes.csv"]
    shutil.rmtree(project.parent / "cache")  # the cluster starts cold: it computes, not reads back

    address = cluster.scheduler.address
    assert cli_main(["tables", raw, "--out", str(tmp_path / "many"), "--scheduler", address]) == 3
    err = capsys.readouterr().err
    assert "Dask dashboard" in err and "zz-empty.txt: is empty" in err
    many = _tables(tmp_path / "many")
    assert many == one
    assert len(many["quotes.csv"].splitlines()) > 30 and "Anna Kessler" in many["quotes.csv"]
    expected = ("articles", "paragraphs", "dropped", "errors", *TABLES, "people")
    assert set(many) == {f"{t}.csv" for t in expected}

    # the workers wrote the project's cache (passed to them, not found from their folder) ...
    cached = _cache_files(project)
    assert any(name.startswith("quotes/") for name in cached)
    # ... so a rerun on the cluster reads it back: nothing is computed or written again
    assert cli_main(["tables", raw, "--out", str(tmp_path / "again"), "--scheduler", address]) == 3
    assert _tables(tmp_path / "again") == one
    assert _cache_files(project) == cached


def test_the_table_commands_stream_the_same_records_in_file_order(project, cluster, capsys):
    assert cli_main(["quotes", str(project), "--scheduler", "synchronous"]) == 3
    one = capsys.readouterr().out
    assert cli_main(["quotes", str(project), "--scheduler", cluster.scheduler.address]) == 3
    many = capsys.readouterr().out
    assert many == one
    files = [json.loads(line)["file"] for line in many.splitlines()]
    assert files == sorted(files, key=lambda f: sorted(p.name for p in project.iterdir()).index(Path(f).name))


def test_load_corpus_on_a_client_gives_the_tables_of_one_process(project, cluster):
    alone = load_corpus(project, scheduler="synchronous")
    expected = alone.tables(TABLES)
    shutil.rmtree(project.parent / "cache")
    with load_corpus(project, client=cluster) as corpus:
        assert corpus.engine.kind() == "distributed"
        assert [a.id for a in corpus.items] == [a.id for a in alone.items]
        pd.testing.assert_frame_equal(corpus.articles, alone.articles)
        pd.testing.assert_frame_equal(corpus.errors, alone.errors)
        for name, table in corpus.tables(TABLES).items():
            pd.testing.assert_frame_equal(table, expected[name])


def test_batches_of_articles_on_a_cluster_give_the_records_of_one_process_in_order(project, cluster):
    sources = find_sources(project).sources
    with Engine("synchronous") as alone, Engine(cluster, batch=2) as batched:
        one = [(r.name, r.rows, r.error) for r in alone.map(sources, ["quotes", "figures"])]
        shutil.rmtree(project.parent / "cache")
        two = [(r.name, r.rows, r.error) for r in batched.map(sources, ["quotes", "figures"])]
    assert len(sources) > 2 and two == one


def test_a_task_holds_several_articles_only_when_every_worker_still_gets_several_tasks():
    assert batch_size(10_000, 2) == MAX_BATCH
    assert batch_size(40, 2) == 5  # 8 tasks: 4 ahead for each of 2 workers
    assert batch_size(7, 2) == batch_size(0, 2) == 1


LAST_STARTED = threading.Event()
N_SLOW = 12  # more than the 8 tasks kept running for 2 threads, fewer than the 16 held


def _slow_head(items, tables, home, cwd=None, keep=False):
    """A stand-in task: the first article waits until the last one has started."""
    if items[-1] == N_SLOW - 1:
        LAST_STARTED.set()
    reached = LAST_STARTED.wait(timeout=20) if items[0] == 0 else True
    return [ArticleResult(str(item), {"reached": [reached]}) for item in items]


def test_a_slow_article_at_the_head_holds_back_what_is_yielded_not_the_workers(monkeypatch):
    distributed = pytest.importorskip("distributed")
    LAST_STARTED.clear()
    monkeypatch.setattr(geolib.engine, "run_articles", _slow_head)
    monkeypatch.setattr(Engine, "_check_workers", lambda self, client: None)  # no pipeline to build
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None, silence_logs=40,
                                  scheduler_kwargs=geolib.engine.SCHEDULER_OPTIONS) as local, \
            distributed.Client(local) as client:
        results = list(Engine(client, batch=1).map(list(range(N_SLOW)), []))
    assert [r.name for r in results] == [str(i) for i in range(N_SLOW)]  # still in order
    assert results[0].rows["reached"] == [True]  # the others ran while the first waited


def test_dask_tables_compute_lazily_to_the_pandas_tables(project):
    corpus = load_corpus(project, scheduler="synchronous")
    frames = corpus.dask_tables(["quotes", "figures"])
    quotes, figures = corpus.engine.compute(frames["quotes"], frames["figures"])
    pandas_quotes = corpus.table("quotes")
    assert list(quotes.columns) == list(pandas_quotes.columns)
    assert quotes["quote_id"].tolist() == pandas_quotes["quote_id"].tolist()
    assert quotes["text"].tolist() == pandas_quotes["text"].tolist()
    assert figures["parties"].map(list).tolist() == corpus.table("figures")["parties"].tolist()


def test_threads_give_the_records_of_one_process(project):
    sources = find_sources(project).sources
    with Engine("synchronous") as alone, Engine("threads", jobs=2) as threads:
        one = [(r.name, r.rows, r.error) for r in alone.map(sources, ["quotes", "stances"])]
        two = [(r.name, r.rows, r.error) for r in threads.map(sources, ["quotes", "stances"])]
    assert two == one
    assert [name for name, _, error in one if error] == [str(project / "zz-empty.txt")]


def test_a_relative_path_is_read_where_it_was_given_and_keeps_its_name(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sources = find_sources("data/raw").sources
    monkeypatch.chdir(project)  # as a worker started in another folder
    with Engine("synchronous") as engine:
        engine.cwd = str(tmp_path)
        results = list(engine.map(sources, ["quotes"]))
    assert [r.error for r in results if r.error] == [("data/raw/zz-empty.txt", "is empty")]
    assert {q["file"] for r in results for q in r.rows.get("quotes", [])} >= {"data/raw/made-up-wire.txt"}


def test_a_warning_names_a_relative_path_as_it_was_given(project, tmp_path, monkeypatch):
    from geolib.reading import LegacyEncodingWarning

    (project / "made-up-latin1.txt").write_bytes(
        "Talks resume\n\n\"We are ready to sign a fair deal in Genève,\" the trade minister, "
        "Anna Kessler, told reporters on Monday.\n".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    sources = [s for s in find_sources("data/raw").sources if s.name.endswith("latin1.txt")]
    with Engine("synchronous") as engine, pytest.warns(LegacyEncodingWarning) as seen:
        (result,) = engine.map(sources, ["quotes"])
    assert result.error is None and result.rows["quotes"]
    assert str(seen[0].message).startswith("data/raw/made-up-latin1.txt: not UTF-8")


def test_each_article_is_one_task_whatever_the_tables(project):
    bag = Engine("synchronous").bag(find_sources(project).sources, ["quotes", "figures", "frames"])
    results = bag.compute(scheduler="synchronous")
    assert len(results) == len(list(project.iterdir())) - 1  # every file but the manifest
    ft = next(r for r in results if r.name.endswith("ft-trump-russia-ties-china.txt"))
    assert set(ft.rows) == {"quotes", "figures", "frames"} and ft.partition == ("Financial Times", 2025)


def test_an_unknown_scheduler_is_one_clear_line(project, capsys):
    with pytest.raises(EngineError, match="unknown scheduler 'proceses'"):
        Engine("proceses")
    assert cli_main(["quotes", str(project), "--scheduler", "proceses"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


# A script that starts the engine's own cluster of worker processes, as an analyst writes it:
# no ``if __name__ == "__main__"`` guard.
SCRIPT = """
from geolib import load_corpus
with load_corpus({folder!r}, scheduler="processes", jobs=1) as corpus:
    print("loaded", len(corpus.items), len(corpus.errors), len(corpus.quotes) > 0)
"""


@pytest.mark.parametrize("how", ["stdin", "file without a main guard"])
def test_a_script_on_stdin_or_without_a_main_guard_starts_worker_processes(project, tmp_path, how):
    script = SCRIPT.format(folder=str(project))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    with socket.socket() as taken:  # another cluster's dashboard: no warning about it
        with contextlib.suppress(OSError):  # unless something has the port already
            taken.bind(("127.0.0.1", 8787))
            taken.listen()
        if how == "stdin":  # ``python - <<EOF``: its main module's path, "<stdin>", is no file
            run = subprocess.run([sys.executable, "-"], input=script, cwd=tmp_path, env=env,
                                 capture_output=True, text=True, timeout=600)
        else:  # spawn would run it again in each worker, and that would start a cluster there
            (tmp_path / "analysis.py").write_text(script, encoding="utf-8")
            run = subprocess.run([sys.executable, "analysis.py"], cwd=tmp_path, env=env,
                                 capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "already in use" not in run.stderr
    n_files = len(find_sources(project).sources)
    assert run.stdout == f"loaded {n_files - 1} 1 True\n"  # once: the workers ran no script


def test_the_main_module_is_back_as_it_was_once_the_workers_started(monkeypatch):
    main = sys.modules["__main__"]
    monkeypatch.setattr(main, "__file__", "<stdin>", raising=False)
    spec = main.__spec__
    with main_left_alone():
        assert not hasattr(main, "__file__") and main.__spec__ is None
    assert main.__file__ == "<stdin>" and main.__spec__ is spec
