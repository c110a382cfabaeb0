"""Scaling: each stage's CPU time at 10 KB, 100 KB and 1 MB of text, on real prose and on
the shapes that made stages super-linear (issue 21, item 1).

    .venv/bin/python benchmarks/bench_scaling.py                          # every shape, 3 sizes
    .venv/bin/python benchmarks/bench_scaling.py --shapes quote figures --cap 120
    .venv/bin/python benchmarks/bench_scaling.py --devcorpus ../shared/devcorpus

The shapes, each written to a file and read as an analyst's would be (a title line, then
the body):

* ``prose``: real paragraphs of the dev corpus (``--devcorpus``; the seed articles in
  ``data/raw`` when it is absent), in one fixed shuffled order (so every size has the same
  mix of quotes, names and figures) until the size is reached;
* ``quote``: one paragraph holding one long quotation full of actor mentions;
* ``nopunct``: the prose without any punctuation, on one line (one sentence);
* ``marks``: quotation marks only (every kind, with spaces between);
* ``figures``: dense trade figures (values, shares, years, currencies) in one paragraph.

Sizes are 10 KiB, 100 KiB and 1 MiB (the largest is over spaCy's ``max_length`` of
1,000,000 characters, so long bodies are exercised too). Each shape and size runs in a
fresh worker process, each stage under a CPU-time cap (``--cap``): a stage still running
at the cap is shown as ``>cap``. Stages are timed in the pipeline's order, each one's own cost
(the stages before it are already done): read (and parse), segmentation, quotes,
speakers, figures, checks, stances, frames. The ratio columns are the CPU time at one
size over the size ten times smaller; linear time gives about 10x (goal: at most 12x).
A ratio needs both times at 0.05 s or more (else ``-``: too small to tell from noise).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10 * 1024, 100 * 1024, 1024 * 1024)
SIZE_NAMES = ("10 KB", "100 KB", "1 MB")
STAGES = ("read", "segmentation", "quotes", "speakers", "figures", "checks", "stances", "frames")
SHAPES = ("prose", "quote", "nopunct", "marks", "figures")
TITLE = "China and Russia: the partnership in numbers"
PUNCTUATION = ".,;:!?\"“”‘’'()—–-«»[]"
GOAL = 12.0
MIN_SECONDS = 0.05  # below this a ratio is noise

# Made-up sentences for the synthetic shapes (never benchmark text).
ACTOR_SENTENCES = [
    "Xi Jinping and Vladimir Putin met in Moscow while Joe Biden spoke to NATO about Ukraine",
    "the European Union warned China that Russia must not be armed, and Beijing denied it",
    "Washington and Moscow traded blame as Emmanuel Macron and Olaf Scholz called Kyiv",
    "Sergei Lavrov told Antony Blinken that the United States had ignored Russia for years",
    "Japan, India and Brazil watched as the Kremlin courted Tehran and Pyongyang",
    "Wang Yi said the White House and the Pentagon underestimated China's resolve in Taiwan",
]
FIGURE_SENTENCES = [
    "China's exports to Russia rose 12.5% in 2023 to $40.5 billion",
    "imports from the EU fell 8 per cent to €15bn in the first half of 2022",
    "the US trade deficit with China narrowed to $279.4 billion in 2023 from $382.3bn in 2022",
    "bilateral trade reached ¥1.7tn (about $240bn) in 2024, up from $190bn in 2021",
    "Russian oil shipments to India climbed 2.1 million barrels a day, worth £9.8bn, in 2019",
    "Germany's surplus with the United States was €63.7 billion in 2018, a record",
]


# ------------------------------------------------------------------------------ the texts
def prose_paragraphs(devcorpus: Path | None) -> list[str]:
    """Body paragraphs of real articles, in file order: the dev corpus when given, else
    the seed articles."""
    import warnings

    from geolib.errors import ArticleError
    from geolib.parse import read_article

    folder = devcorpus if devcorpus and devcorpus.is_dir() else ROOT / "data" / "raw"
    paragraphs = []
    warnings.simplefilter("ignore")
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".md") or path.name.lower().startswith("readme"):
            continue  # HTML pages take trafilatura's time, which is not geolib's
        try:
            article = read_article(path)
        except ArticleError:
            continue
        paragraphs += [p.text for p in article.paragraphs if p.kind == "body"]
    random.Random(21).shuffle(paragraphs)  # the same mix at every size
    return paragraphs


def shape_text(shape: str, size: int, paragraphs: list[str]) -> str:
    """A file's text of ``size`` characters in the given shape."""
    head = TITLE + "\n\n"
    room = size - len(head)
    if shape == "prose":
        body = _fill(paragraphs, room, "\n\n")
    elif shape == "quote":
        inner = _fill([s + "." for s in ACTOR_SENTENCES], room - 40, " ")
        body = f"Putin said: “{inner}”"
    elif shape == "nopunct":
        plain = _fill(paragraphs, room + room // 4, " ").translate({ord(c): None for c in PUNCTUATION})
        body = re.sub(r"\s+", " ", plain)[:room]
    elif shape == "marks":
        body = _fill(["“", "”", '"', "‘", "’", "'", "«", "»", "„", "''", "``"], room, " ")
    elif shape == "figures":
        body = _fill([s + "," for s in FIGURE_SENTENCES], room - 1, " ") + "."
    else:
        raise ValueError(shape)
    return (head + body)[:size]


def _fill(pieces: list[str], size: int, joiner: str) -> str:
    out, length, n = [], 0, 0
    while length < size:
        piece = pieces[n % len(pieces)]
        out.append(piece)
        length += len(piece) + len(joiner)
        n += 1
    return joiner.join(out)[:size]


# ----------------------------------------------------------------------------- the worker
class Cap(Exception):
    """The run used up its CPU-time cap."""


def _on_cap(signum, frame):
    raise Cap


def _stages(connection, path: str, cap: float) -> None:
    """Each stage of the file at ``path``, timed in CPU seconds; sends (stage, seconds)
    as each ends, then ("cap", stage) or ("error", message) or ("done", None)."""
    import warnings

    from geolib.parse import read_article
    from geolib.pipeline import analyse

    warnings.simplefilter("ignore")
    signal.signal(signal.SIGPROF, _on_cap)
    stage = "read"
    try:
        signal.setitimer(signal.ITIMER_PROF, cap)  # each stage gets its own cap
        clock = time.process_time()
        article = read_article(path)
        connection.send(("read", time.process_time() - clock))
        analysis = analyse(article, cache=False)
        signal.setitimer(signal.ITIMER_PROF, cap)
        stage, clock = "segmentation", time.process_time()
        segmentation = analysis.segmentation
        for n in range(len(article.paragraphs)):
            segmentation[n]
        connection.send((stage, time.process_time() - clock))
        for stage in STAGES[2:]:
            signal.setitimer(signal.ITIMER_PROF, cap)
            clock = time.process_time()
            analysis.records(stage)
            connection.send((stage, time.process_time() - clock))
        connection.send(("done", None))
    except Cap:
        connection.send(("cap", stage))
    except Exception as error:  # reported in the table, the next run goes on
        connection.send(("error", f"{stage}: {type(error).__name__}: {str(error)[:120]}"))
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def _warm() -> None:
    """Load the pipeline and data once in the parent, so forked workers start warm."""
    from geolib.nlp import get_nlp
    from geolib.pipeline import TABLES, analyse
    from geolib.reference import reference_tables

    get_nlp()
    reference_tables()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "warm.txt"
        path.write_text(TITLE + "\n\n" + " ".join(ACTOR_SENTENCES + FIGURE_SENTENCES) + ".\n",
                        encoding="utf-8")
        from geolib.parse import read_article

        analysis = analyse(read_article(path), cache=False)
        for table in TABLES:
            analysis.records(table)


def run_one(path: Path, cap: float) -> tuple[dict[str, float], str | None]:
    """Every stage on ``path`` in a forked worker: seconds per finished stage, and what
    stopped it (None when it finished)."""
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    process = context.Process(target=_stages, args=(theirs, str(path), cap), daemon=True)
    process.start()
    seconds: dict[str, float] = {}
    stopped = None
    while True:
        if not ours.poll(cap * 3 + 60):  # wall-clock backstop per stage on a busy machine
            process.kill()
            stopped = "no answer (killed)"
            break
        try:
            kind, value = ours.recv()
        except EOFError:
            stopped = f"worker died (exit code {process.exitcode})"
            break
        if kind == "done":
            break
        if kind == "cap":
            seconds[value] = float("inf")
            stopped = f"{value} over the cap"
            break
        if kind == "error":
            stopped = value
            break
        seconds[kind] = value
    process.join(5)
    if process.is_alive():
        process.kill()
    return seconds, stopped


# ------------------------------------------------------------------------------- the run
def _cell(value: float | None, cap: float) -> str:
    if value is None:
        return "·"
    if value == float("inf"):
        return f">{cap:g}"
    return f"{value:.2f}"


def _ratio(small: float | None, large: float | None, cap: float) -> tuple[str, float | None]:
    if small is None or large is None:
        return "·", None
    if large == float("inf"):  # stopped at the cap: at least cap / small
        return ("?" if small == float("inf") else f">{cap / max(small, MIN_SECONDS):.0f}x !"), float("inf")
    if large < MIN_SECONDS or small < MIN_SECONDS:
        return "-", None
    ratio = large / small
    return f"{ratio:.1f}x" + (" !" if ratio > GOAL else ""), ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devcorpus", type=Path, default=ROOT.parent / "shared" / "devcorpus",
                        help="folder of real articles for the prose shape (default ../shared/devcorpus)")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--sizes", type=int, default=len(SIZES), help="how many sizes (1-3)")
    parser.add_argument("--cap", type=float, default=180.0, help="CPU seconds per shape and size")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="geolib-bench-scaling-"))
    os.environ["GEOLIB_HOME"] = str(folder)  # caches and extracted text stay in the scratch folder
    devcorpus = args.devcorpus if args.devcorpus.is_dir() else None
    paragraphs = prose_paragraphs(devcorpus)
    print(f"prose from {'the dev corpus ' + str(devcorpus) if devcorpus else 'the seed articles'} "
          f"({len(paragraphs)} body paragraphs); load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    _warm()
    sizes = SIZES[: args.sizes]
    worst = 0.0
    for shape in args.shapes:
        results = []
        for size in sizes:
            path = folder / f"{shape}-{size}.txt"
            path.write_text(shape_text(shape, size, paragraphs), encoding="utf-8")
            results.append(run_one(path, args.cap))
            path.unlink()
        print(f"\n{shape}: CPU seconds per stage (ratio per tenfold step; ! over {GOAL:g}x)")
        ratio_heads = [f"{a}->{b}" for a, b in zip(SIZE_NAMES, SIZE_NAMES[1 : len(sizes)], strict=False)]
        print("| stage | " + " | ".join(SIZE_NAMES[: len(sizes)]) + " | " + " | ".join(ratio_heads) + " |")
        print("|---" * (1 + len(sizes) + len(ratio_heads)) + "|")
        for stage in STAGES:
            values = [seconds.get(stage) for seconds, _ in results]
            ratios = [_ratio(a, b, args.cap) for a, b in zip(values, values[1:], strict=False)]
            worst = max([worst, *(r for _, r in ratios if r is not None)])
            print(f"| {stage} | " + " | ".join(_cell(v, args.cap) for v in values) + " | "
                  + " | ".join(text for text, _ in ratios) + " |")
        for (_, stopped), name in zip(results, SIZE_NAMES, strict=False):
            if stopped:
                print(f"  {name}: stopped: {stopped}")
    worst_text = f"{worst:.1f}x" if worst != float("inf") else "a stage stopped at the cap"
    print(f"\nworst ratio per tenfold step: {worst_text} (goal <= {GOAL:g}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
