"""A long fuzz run: mutated articles through the reader and every extractor, looking for
crashes, broken offsets and hangs. Prints inputs tried, crashes, hangs and CPU-minutes.

    .venv/bin/python benchmarks/bench_fuzz.py --minutes 10            # CPU-minutes of fuzzing
    .venv/bin/python benchmarks/bench_fuzz.py --minutes 5 --seed 2 --cap 20 --out /tmp/fuzz

Inputs are the seed articles in ``data/raw`` and made-up paragraphs (``tests/fuzzing.py``),
mutated (quote marks, bytes, unicode, markup, long lines, no punctuation, ...) and now and
then wrapped as HTML. Each runs in a worker process under a CPU-time cap per input
(``--cap``, an interval timer in the worker; the parent also kills a worker that stays
silent for five times the cap): an input over the cap is a hang, and the worker is
replaced. A crash is any exception but ``ArticleError``; a violation is an inexact offset
or a record pointing at the wrong text. Each is saved under ``--out`` with its input and
traceback; ``--replay FILE`` runs one saved input again in this process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import KINDS, MADE_UP, Mutation, Violation, check_file, mutate, seed_texts  # noqa: E402

from geolib.errors import ArticleError  # noqa: E402


class Hang(Exception):
    """The input used up its CPU-time cap."""


def make_input(rng: random.Random, seeds: list[str], max_length: int) -> tuple[bytes, str, list[Mutation]]:
    """One fuzz input: its bytes, a file suffix and the mutations that made it."""
    if rng.random() < 0.03:  # now and then, bytes with no article in them at all
        return rng.randbytes(rng.randint(0, 4000)), ".txt", []
    text = rng.choice(seeds)
    if rng.random() < 0.3:  # a made-up article in a new order
        text = "\n\n".join(rng.sample(MADE_UP, rng.randint(1, len(MADE_UP))))
    mutations = [
        Mutation(rng.choice(KINDS), rng.random(), rng.randint(0, 400), rng.randint(0, 1000),
                 rng.randbytes(rng.randint(1, 6)))
        for _ in range(rng.randint(0, 6))
    ]
    data = mutate(text, mutations, max_length)
    if rng.random() < 0.15:
        paragraphs = data.split(b"\n\n")
        body = b"".join(b"<p>" + p + b"</p>\n" for p in paragraphs[1:])
        data = (b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + paragraphs[0][:200]
                + b"</title></head><body><article><h1>" + paragraphs[0][:200] + b"</h1>\n" + body
                + b"</article></body></html>")
        return data, ".html", mutations
    return data, rng.choice([".txt", ".txt", ".md"]), mutations


# ----------------------------------------------------------------------------- the worker
def _on_cap(signum, frame):
    raise Hang


def _worker(connection, folder: str, cap: float) -> None:
    import warnings

    warnings.simplefilter("ignore")
    os.environ["GEOLIB_HOME"] = folder  # caches and extracted text stay in the scratch folder
    signal.signal(signal.SIGPROF, _on_cap)
    while True:
        job = connection.recv()
        if job is None:
            return
        number, data, suffix = job
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        start = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, cap)
        try:
            outcome = check_file(path)
            result = ("refused", outcome.refused) if outcome.refused else ("ok", outcome.seconds)
        except Hang:
            result = ("hang", traceback.format_exc(limit=-8))
        except Violation as violation:
            result = ("violation", str(violation))
        except ArticleError as error:  # not from the reader (check_file returns those)
            result = ("crash", f"ArticleError outside the reader: {error}")
        except Exception:
            result = ("crash", traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        connection.send((number, *result, time.process_time() - start))


class Worker:
    """A worker process and the pipe to it; replaced after a hang or a death."""

    def __init__(self, folder: str, cap: float) -> None:
        self.folder, self.cap = folder, cap
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_worker, args=(theirs, folder, cap), daemon=True)
        self.process.start()

    def run(self, number: int, data: bytes, suffix: str) -> tuple[str, object, float]:
        self.connection.send((number, data, suffix))
        if not self.connection.poll(self.cap * 5 + 60):  # the parent's backstop: wall time
            self.process.kill()
            return "hang", "no answer: worker killed", self.cap
        try:
            _, kind, detail, seconds = self.connection.recv()
        except EOFError:
            return "crash", f"worker died (exit code {self.process.exitcode})", 0.0
        return kind, detail, seconds

    def close(self) -> None:
        if self.process.is_alive():
            try:
                self.connection.send(None)
                self.process.join(5)
            finally:
                self.process.kill()


# ------------------------------------------------------------------------------- the run
def fuzz(minutes: float, seed: int, cap: float, max_length: int, out: Path) -> None:
    rng = random.Random(seed)
    seeds = seed_texts()
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    stage_max: Counter[str] = Counter()
    refusals: Counter[str] = Counter()
    slowest: list[tuple[float, int, int]] = []
    cpu = 0.0
    found = []
    wall = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="geolib-fuzz-") as folder:
        worker = Worker(folder, cap)
        number = 0
        try:
            while cpu < minutes * 60:
                number += 1
                data, suffix, mutations = make_input(rng, seeds, max_length)
                kind, detail, seconds = worker.run(number, data, suffix)
                cpu += seconds
                counts[kind] += 1
                slowest = sorted([*slowest, (seconds, number, len(data))], reverse=True)[:5]
                if kind == "refused":
                    refusals[str(detail).split(" (")[0]] += 1
                if kind == "ok":
                    for stage, value in detail.items():
                        stage_max[stage] = max(stage_max[stage], value)
                if kind in ("crash", "hang", "violation"):
                    stem = out / f"{kind}-{seed}-{number}"
                    stem.with_suffix(suffix).write_bytes(data)
                    log = f"{kind} after {seconds:.1f} CPU s, {len(data)} bytes\nmutations: {mutations}\n"
                    stem.with_suffix(".log").write_text(f"{log}\n{detail}\n", encoding="utf-8")
                    found.append((kind, stem.with_suffix(suffix), str(detail).strip().splitlines()[-1:]))
                    if kind != "violation":
                        worker.close()
                        worker = Worker(folder, cap)
                if number % 200 == 0:
                    print(f"  {number} inputs, {cpu / 60:.1f} CPU-min, {dict(counts)}", flush=True)
        finally:
            worker.close()
    print(f"\ninputs tried: {number} (seed {seed}, up to {max_length} characters, cap {cap:g} CPU s each)")
    print(f"read: {counts['ok']}, refused with ArticleError: {counts['refused']} ("
          + ", ".join(f"{n} {why}" for why, n in refusals.most_common(4)) + ")")
    print(f"crashes: {counts['crash']}, hangs: {counts['hang']}, offset violations: {counts['violation']}")
    print(f"CPU-minutes: {cpu / 60:.1f} (wall {(time.perf_counter() - wall) / 60:.1f} min)")
    print("slowest stage on any read input (CPU s): "
          + ", ".join(f"{stage} {value:.2f}" for stage, value in sorted(stage_max.items())))
    print("slowest inputs (CPU s, input, bytes): "
          + ", ".join(f"{s:.1f} #{n} {b}" for s, n, b in slowest))
    for kind, path, last in found:
        print(f"  {kind}: {path} {last}")


def replay(path: Path) -> None:
    """Run one saved input in this process, printing what each stage took."""
    outcome = check_file(path)
    print(outcome)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="CPU-minutes of fuzzing (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cap", type=float, default=20.0, help="CPU seconds per input before it is a hang")
    parser.add_argument("--max-length", type=int, default=60_000, help="characters per mutated input")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "geolib-fuzz")
    parser.add_argument("--replay", type=Path, help="run one saved input and print its outcome")
    args = parser.parse_args()
    if args.replay:
        replay(args.replay)
    else:
        fuzz(args.minutes, args.seed, args.cap, args.max_length, args.out)


if __name__ == "__main__":
    main()
