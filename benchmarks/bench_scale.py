"""Scale: every table of a real corpus on a Dask cluster of 1 and then 2 worker processes.

    .venv/bin/python benchmarks/bench_scale.py --polnear /work/.mirror/networkdynamics+PolNeAR/repo
    .venv/bin/python benchmarks/bench_scale.py --devcorpus ../shared/devcorpus   # 202 files, repeated

The corpus: PolNeAR's train split (840 news articles from seven US outlets; read from a local
copy of its repository into a temporary folder, never its test split), or the dev corpus
repeated under other names until there are ``--articles`` files. Prints, measured in one run:

* articles/s and words/s with 1 and 2 worker processes (the engine's own ``LocalCluster``,
  as ``geolib tables --jobs N`` starts it: one thread each, every table of ``geolib
  tables``, cold cache), and the scale-out efficiency;
* peak memory (RSS) of each worker after the first quarter of the corpus and at the end
  (flat means memory does not grow with corpus size);
* the per-core cost of all tables as a multiple of spaCy's blank English tokenizer on the
  same files, and where the time goes: each stage of one process over a sample spread over
  the corpus, also as a multiple of the tokenizer's time on that sample, and of its time at
  its speed over the whole corpus (``--profile`` adds cProfile's top lines). The two differ:
  spaCy's tokenizer keeps the split of every word form it has seen, so it runs faster per
  word over the whole corpus (~350k words/s over PolNeAR's 840 articles) than over a sample
  alone (~220k over 120 of them); the per-core figure divides by the whole corpus's time,
  and the second column is the one to set beside it.

Timings on a shared machine vary; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import pstats
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

TABLE_NAMES = ["articles", "paragraphs", "dropped"]  # + geolib.pipeline.TABLES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, help="PolNeAR repository (a bare git dir or a checkout)")
    parser.add_argument("--devcorpus", type=Path, help="geolib's dev corpus folder (repeated)")
    parser.add_argument("--articles", type=int, default=840, help="articles to run (default 840)")
    parser.add_argument("--sample", type=int, default=120, help="articles for the stage breakdown")
    parser.add_argument("--profile", action="store_true", help="cProfile the stage breakdown")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="geolib-bench-scale-"))
    try:
        corpus = work / "corpus"
        if args.polnear and args.polnear.exists():
            what = _polnear(args.polnear, corpus, args.articles)
        elif args.devcorpus and args.devcorpus.is_dir():
            what = _devcorpus(args.devcorpus, corpus, args.articles)
        else:
            print("skipped: give --polnear PATH (PolNeAR's repository) or --devcorpus PATH")
            return 0
        return _run(corpus, work, what, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- corpora -----------------------------------------------------------------------------
def _polnear(repo: Path, folder: Path, limit: int) -> str:
    """PolNeAR's train texts (only ``data/train/text``), with a manifest of outlet and date
    read from their names (``nyt_2016-10-02_slug.txt``)."""
    folder.mkdir(parents=True)
    git_dir = repo if (repo / "HEAD").exists() and not (repo / ".git").exists() else repo / ".git"
    archive = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "HEAD", "data/train/text"],
                             check=True, capture_output=True).stdout
    outlets = {"nyt": "The New York Times", "wash-post": "The Washington Post", "politico": "Politico",
               "breitbart": "Breitbart", "huff-post": "HuffPost", "usa-today": "USA Today",
               "west-journal": "Western Journal"}
    rows = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")),
                         key=lambda m: m.name)[:limit]
        for member in members:
            name = Path(member.name).name
            (folder / name).write_bytes(tar.extractfile(member).read())
            outlet, published = name.split("_")[:2]
            rows.append({"file": name, "outlet": outlets.get(outlet, outlet), "published": published})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return f"PolNeAR train split, {len(rows)} articles (from {repo})"


def _devcorpus(source: Path, folder: Path, count: int) -> str:
    folder.mkdir(parents=True)
    from geolib.sources import NOT_ARTICLES

    files = sorted(p for p in source.iterdir() if p.is_file() and p.name not in NOT_ARTICLES)
    for n in range(count):
        original = files[n % len(files)]
        shutil.copy(original, folder / f"r{n // len(files)}-{original.name}")
    return f"dev corpus ({len(files)} files) repeated under other names to {count} articles"


# -- the run -----------------------------------------------------------------------------
def _run(corpus: Path, work: Path, what: str, args: argparse.Namespace) -> int:
    from geolib.sources import find_sources

    sources = find_sources(corpus).sources
    texts = [Path(s.location).read_text(encoding="utf-8", errors="replace") for s in sources]
    print(f"corpus: {what}")
    print(f"load before: {_load()}")
    tokenizer_s, tokenizer_cpu, words = _tokenizer_seconds(texts)
    print(f"{len(sources)} articles, {words:,} words (whitespace-split raw text); "
          f"spaCy blank tokenizer: {tokenizer_s:.2f} s, {tokenizer_cpu:.2f} CPU s "
          f"({words / tokenizer_s:,.0f} words/s)\n")

    runs = {}
    for workers in (1, 2):
        runs[workers] = _cluster_run(sources, work / f"home-{workers}", corpus, workers)
    one, two = runs[1], runs[2]
    print("| workers | seconds | articles/s | words/s | peak RSS per worker at 1/4 -> end (MB) | failed |")
    print("|---|---|---|---|---|---|")
    for workers, run in runs.items():
        pairs = zip(run["rss_quarter"], run["rss_end"], strict=True)
        memory = "; ".join(f"{a:.0f} -> {b:.0f}" for a, b in pairs)
        print(f"| {workers} | {run['seconds']:.1f} | {len(sources) / run['seconds']:.2f} | "
              f"{words / run['seconds']:,.0f} | {memory} | {run['failed']} |")
    speedup = one["seconds"] / two["seconds"]
    print(f"\nscale-out 1 -> 2 workers, wall clock: {speedup:.2f}x (efficiency {speedup / 2:.0%}; "
          "goal >= 1.8x)")
    cpu_one, cpu_two = sum(one["cpu"]), two["cpu"]
    cpu_speedup = cpu_one / max(cpu_two)
    print(f"worker CPU seconds: 1 worker {cpu_one:.1f}; 2 workers {' + '.join(f'{c:.1f}' for c in cpu_two)} "
          f"= {sum(cpu_two):.1f}. On two idle cores the busier worker sets the time: {cpu_speedup:.2f}x "
          f"(efficiency {cpu_speedup / 2:.0%}), the wall clock's when nothing else shares the cores")
    print(f"this process (local scheduler, results) used {one['own_cpu']:.1f} and {two['own_cpu']:.1f} "
          "CPU seconds, on the same cores as the workers")
    vocab = "; ".join(f"{a:,} -> {b:,}" for a, b in zip(two["vocab_quarter"], two["vocab_end"], strict=True))
    print(f"spaCy vocabulary per worker (2 workers) at 1/4 -> end: {vocab} word types")
    print(f"cluster start-up (not in the times above): {one['startup']:.1f} s and {two['startup']:.1f} s")
    print(f"all tables, per core (1 worker): {one['seconds'] / tokenizer_s:.1f}x the blank tokenizer's "
          f"wall time; {cpu_one / tokenizer_cpu:.1f}x its CPU time (goal <= 4x)")

    # Spread over the corpus (its files are in outlet order, and outlets differ in cost per word).
    step = max(1, len(sources) // max(1, args.sample))
    picked = list(range(0, len(sources), step))[: args.sample]
    sample = [sources[i] for i in picked]
    print(f"\nwhere the time goes: one process, {len(sample)} articles (one in {step}), cold cache, "
          "each stage as a multiple of the tokenizer's time on the same files")
    _stages(sample, [texts[i] for i in picked], work / "home-stages", corpus, args.profile,
            words / tokenizer_s)
    print(f"\nload after: {_load()}")
    return 0


def _tokenizer_seconds(texts: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of spaCy's blank English tokenizer over ``texts``, and their words."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    for text in texts[:5]:
        tokenizer(text)  # warm
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        tokenizer(text)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu, sum(len(t.split()) for t in texts)


def _cluster_run(sources: list, home: Path, corpus: Path, workers: int) -> dict:
    """Every table of every article on ``workers`` processes, cold cache, timed from the first
    task to the last result (the cluster is started and warmed up before). The cluster is the
    engine's own, as ``geolib tables --jobs N`` starts it."""
    from geolib.engine import Engine
    from geolib.pipeline import TABLES

    _project(home, corpus)
    started = time.perf_counter()
    with Engine("processes", jobs=workers) as engine:
        client = engine.client()  # start and warm every worker up: pipeline and reference data built
        startup = time.perf_counter() - started
        quarter = len(sources) // 4
        failed = 0
        cpu_before = _worker_state(client)
        start, own_cpu = time.perf_counter(), time.process_time()
        at_quarter: list[tuple] = []
        for n, result in enumerate(engine.map(sources, [*TABLE_NAMES, *TABLES]), 1):
            failed += result.error is not None
            if n == quarter:
                at_quarter = _worker_state(client)
        seconds, own_cpu = time.perf_counter() - start, time.process_time() - own_cpu
        at_end = _worker_state(client)
    return {"seconds": seconds, "startup": startup, "failed": failed, "own_cpu": own_cpu,
            "rss_quarter": [s[1] for s in at_quarter], "rss_end": [s[1] for s in at_end],
            "vocab_quarter": [s[2] for s in at_quarter], "vocab_end": [s[2] for s in at_end],
            "cpu": [end[0] - begin[0] for begin, end in zip(cpu_before, at_end, strict=True)]}


def _worker_state(client) -> list[tuple]:
    """Each worker's (CPU seconds used, peak RSS in MB, spaCy vocabulary size), in a fixed order."""
    return [state for _, state in sorted(client.run(_process_state).items())]


def _process_state() -> tuple[float, float, int]:
    import resource

    from geolib.nlp import get_nlp

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, len(get_nlp().vocab)


def _stages(sources: list, texts: list[str], home: Path, corpus: Path, profile: bool,
            corpus_rate: float) -> None:
    """Each stage of one process over ``sources``, in pipeline order, cold cache, against the
    tokenizer's time on ``texts`` alone and at ``corpus_rate`` (its words/s over the corpus)."""
    from geolib.nlp import get_nlp
    from geolib.output import article_rows
    from geolib.pipeline import TABLES, analyse
    from geolib.sources import read_source

    _project(home, corpus)
    get_nlp()
    for source in sources[:3]:  # one-time costs (word lists, lexicons, patterns) out of the timing
        analysis = analyse(read_source(source), cache=False)
        for table in TABLES:
            analysis.records(table)
    tokenizer_s, _, sample_words = _tokenizer_seconds(texts)
    corpus_s = sample_words / corpus_rate  # the tokenizer's time for these words, at its corpus speed
    spent = {"parse": 0.0, "article rows": 0.0, **{t: 0.0 for t in TABLES}}
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    for source in sources:
        start = time.perf_counter()
        try:
            article = read_source(source)
        except Exception:
            continue
        now = time.perf_counter()
        spent["parse"] += now - start
        article_rows(article)
        spent["article rows"] += time.perf_counter() - now
        analysis = analyse(article)
        for table in TABLES:  # each stage's own cost: the earlier ones are already done
            now = time.perf_counter()
            analysis.records(table)
            spent[table] += time.perf_counter() - now
    if profiler:
        profiler.disable()
    total = sum(spent.values())
    print(f"tokenizer: {sample_words / tokenizer_s:,.0f} words/s over these files alone, "
          f"{corpus_rate:,.0f} over the whole corpus")
    print("| stage | seconds | x tokenizer (these files) | x tokenizer (corpus speed) |")
    print("|---|---|---|---|")
    for stage, seconds in spent.items():
        label = {"quotes": "segmentation + quotes"}.get(stage, stage)
        print(f"| {label} | {seconds:.2f} | {seconds / tokenizer_s:.1f}x | {seconds / corpus_s:.1f}x |")
    print(f"| **all** | {total:.2f} | **{total / tokenizer_s:.1f}x** | **{total / corpus_s:.1f}x** |")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print("\ncProfile, top 15 by own time:\n" + "\n".join(out.getvalue().splitlines()[6:26]))


def _project(home: Path, corpus: Path) -> None:
    """A project folder of its own (an empty cache), with the repository's reference data."""
    home.mkdir(parents=True, exist_ok=True)
    reference = Path(__file__).resolve().parents[1] / "data" / "reference"
    if reference.is_dir() and not (home / "data" / "reference").exists():
        shutil.copytree(reference, home / "data" / "reference")
    os.environ["GEOLIB_HOME"] = str(home)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPUs"


if __name__ == "__main__":
    sys.exit(main())
