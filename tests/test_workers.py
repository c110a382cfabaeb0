"""Extraction tables over many files in worker processes: same records, same order, bad files named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geolib.cli import main as cli_main
from geolib.workers import table_records

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The seed articles, each twice under another name, and an empty file, in a project of their own."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for n, seed in enumerate(sorted(RAW.glob("*.txt"))):
        shutil.copy(seed, raw / f"a{n}-{seed.name}")
        shutil.copy(seed, raw / f"b{n}-{seed.name}")
    (raw / "c-empty.txt").write_bytes(b"")
    return raw


def test_workers_give_the_records_of_one_process_in_file_order(folder):
    serial = list(table_records(folder, "quotes", jobs=1))
    parallel = list(table_records(folder, "quotes", jobs=2))
    assert [r.path.name for r in parallel] == [r.path.name for r in serial] == sorted(
        p.name for p in folder.iterdir())
    assert [r.records for r in parallel] == [r.records for r in serial]
    assert sum(len(r.records) for r in parallel) > 40  # the seeds are quote-dense
    failed = [r for r in parallel if r.problem is not None]
    assert [r.path.name for r in failed] == ["c-empty.txt"]
    assert "c-empty.txt" in failed[0].problem and failed[0].records == []


def test_the_command_with_workers_writes_every_record_and_names_the_bad_file(folder, capsys):
    assert cli_main(["quotes", str(folder), "--jobs", "2"]) == 3  # done, with one unreadable file
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["article_id"] for r in records} == {p.stem for p in folder.glob("[ab]*.txt")}
    assert "c-empty.txt" in err

