"""The time of ``geolib tables`` on a corpus, in one process, cold cache; optionally beside
another version of geolib's code (to show what computing each stage once saves).

    .venv/bin/python benchmarks/bench_pipeline.py [CORPUS] [--baseline SRC] [--runs 1]

CORPUS defaults to ``../shared/devcorpus`` (skipped with a line when absent). ``--baseline``
is the ``src`` folder of another checkout (e.g. ``git worktree add /tmp/before <rev>``).
Each run is a fresh process with an empty cache; the figure is its CPU time (user + system),
which other work on a shared machine disturbs less than wall-clock time; wall clock is
printed beside it. Versions alternate run by run, so both see the same machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "devcorpus"


def run_tables(src: Path, corpus: Path) -> tuple[float, float]:
    """CPU and wall-clock seconds of ``geolib tables CORPUS`` with the code in ``src``."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PYTHONPATH": str(src), "GEOLIB_HOME": home}
        (Path(home) / "data" / "raw").mkdir(parents=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geolib", "tables", str(corpus), "--out", f"{home}/out"],
                       env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--baseline", type=Path, help="src folder of another version of geolib")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus}")
        return
    files = [p for p in args.corpus.iterdir() if p.is_file() and p.name != "manifest.csv"]
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
    versions = {"this version": ROOT / "src"}
    if args.baseline:
        versions = {"baseline": args.baseline.resolve(), **versions}
    print(f"geolib tables on {args.corpus} ({len(files)} files, {words:,} words), one process, cold cache")
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
    for _ in range(args.runs):
        for name, src in versions.items():
            times[name].append(run_tables(src, args.corpus))
    for name, runs in times.items():
        cpu = min(c for c, _ in runs)
        wall = min(w for _, w in runs)
        print(f"  {name:13s} CPU {cpu:7.1f} s ({words / cpu:8,.0f} words/s)   wall clock {wall:7.1f} s")
    if args.baseline:
        ratio = min(c for c, _ in times["baseline"]) / min(c for c, _ in times["this version"])
        print(f"  this version takes {1 / ratio:.2f}x the baseline's CPU time ({ratio:.2f}x faster)")


if __name__ == "__main__":
    main()
