"""Time ``make briefing`` on a whole corpus: the first run (which computes the tables
unless the cache already holds them) and a rerun with the tables cached.

    python benchmarks/bench_briefing.py [CORPUS] [--runs 2] [--out FOLDER]

CORPUS defaults to ../shared/devcorpus (the 202-file development corpus); without it the
benchmark says so and exits 0. The briefing is written to a temporary folder unless
--out is given. Goal: under 3 minutes once the tables are cached. Timings on a shared
machine vary; compare runs made one after the other.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 180


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "devcorpus")
    parser.add_argument("--runs", type=int, default=2, help="briefing runs, one after the other")
    parser.add_argument("--out", type=Path, default=None, help="keep the briefing here")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to time")
        return 0
    files = [p for p in args.corpus.rglob("*") if p.is_file() and p.name not in ("manifest.csv", "README.md")]
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-briefing-"))
    print(f"corpus: {args.corpus.resolve()} ({len(files)} files); briefing written to {out}")
    print(f"CPUs: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}")
    times = []
    for run in range(1, args.runs + 1):
        start = time.perf_counter()
        done = subprocess.run(["make", "--no-print-directory", "briefing", f"CORPUS={args.corpus.resolve()}",
                               f"OUT={out}"], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:], sep="\n", file=sys.stderr)
            print(f"run {run}: make briefing failed (exit {done.returncode})")
            return 1
        times.append(seconds)
        label = "first run (tables computed unless already cached)" if run == 1 else "rerun, tables cached"
        print(f"run {run}, {label}: {seconds:.0f} s")
    charts = json.loads((out / "figures" / "captions.json").read_text(encoding="utf-8"))
    print(f"charts: {len(charts)}; PDF: {out / 'briefing.pdf'}")
    cached = min(times[1:]) if len(times) > 1 else times[0]
    verdict = "meets" if cached <= GOAL_SECONDS else "misses"
    print(f"cached briefing: {cached:.0f} s, {verdict} the goal of {GOAL_SECONDS} s; "
          f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
