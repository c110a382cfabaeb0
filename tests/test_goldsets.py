"""The benchmark harness: gold sets found by glob with their metadata, one checker for all,
and no reading of a blind set's misses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from goldsets import accuracy, gold_sets  # noqa: E402

SETS = gold_sets()


def test_every_set_is_found_with_its_metadata():
    assert [s.folder.name for s in SETS][:2] == ["seeds", "heldout"]
    assert len(SETS) >= 8
    for gold_set in SETS:
        assert gold_set.status in {"development", "regression", "blind"}
        assert gold_set.gold.is_file() and gold_set.articles.is_dir()
        ids = {r["article_id"] for r in gold_set.records()}
        assert all((gold_set.articles / f"{i}.txt").is_file() for i in ids)
    assert any(s.blind for s in SETS)


@pytest.mark.parametrize("gold_set", [s for s in SETS if s.checked], ids=lambda s: s.folder.name)
def test_the_one_checker_passes_on_each_checked_set(gold_set):
    run = subprocess.run([sys.executable, str(BENCHMARKS / "check_gold.py"), str(gold_set.folder)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "OK: no errors" in run.stdout


def test_misses_of_a_blind_set_are_refused():
    blind = next(s for s in SETS if s.blind)
    with pytest.raises(PermissionError, match="blind"):
        accuracy(blind, lambda path: [], verbose=True)
