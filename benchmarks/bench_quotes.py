"""Quote extraction: accuracy on every gold set of ``benchmarks/*/set.toml``, and speed.

    .venv/bin/python benchmarks/bench_quotes.py [--set heldout5] [--misses] [--articles 800]

Accuracy: see ``goldsets.py`` (one matching and scoring for every set). ``--misses`` lists
every miss of development and regression sets; a blind set gives scores only.

Speed: >= 800 articles are generated in a temporary folder by recombining paragraphs:
first the seed articles' and the made-up ones below, then those and every held-out
article's (more varied wording). Printed for each: words/s of spaCy's bare
``spacy.blank("en")`` tokenizer over the same files; of quote extraction and of parsing
plus extraction in this process, one article at a time (streaming), with their ratio to
the tokenizer's time; how much of extraction the fixed steps take, before any attribution
rule runs (pairing quotes and splitting sentences, tokenizing, the EntityRuler and sentence
component, the cue and role matchers); of what ``geolib quotes FOLDER`` runs (cache included, cold) in one
process and in one worker process per CPU, wall clock; and peak traced memory after 200
and after all articles.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import spacy
from goldsets import accuracy, gold_sets

from geolib import read_article
from geolib.engine import Engine, default_jobs
from geolib.extract.attribution import find_cues, role_tokens
from geolib.extract.prefilter import prepare
from geolib.extract.quotes import QUOTE_PARAGRAPH_KINDS, extract_quotes, quote_records
from geolib.nlp import get_nlp, make_doc, tokenizes_sparingly
from geolib.segment import segment
from geolib.sources import find_sources

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# The speed corpus draws on these sets' articles (never on a blind set's).
SPEED_SETS = ("heldout", "heldout2", "heldout3", "heldout4")
SEEDS = ["ft-trump-russia-ties-china", "gzero-trump-no-limits-china-russia"]

MADE_UP = [
    '"We are not going to back down," said Maria Lopez, a senior fellow at the Atlantic Council. '
    '"Beijing knows that."',
    "Chinese foreign ministry spokesperson Lin Jian told reporters that the talks were "
    "\u201cconstructive\u201d and that both sides would meet again.",
    "According to Kremlin spokesman Dmitry Peskov, the summit will take place next month.",
    "\u201cThe sanctions are working,\u201d Janet Morris of the Peterson Institute for International "
    "Economics wrote in a post on X. \u201cRussia is running out of options.\u201d",
    "Officials in Brussels warned that tariffs on Chinese cars could rise further.",
    "The so-called \u201cstrategic ambiguity\u201d has guided US policy on Taiwan for decades.",
    "\u201cIt is a delusion,\u201d Morris added.",
    "Harvard University\u2019s Graham Allison argued that the two powers were falling into a trap.",
    "Trade between the two countries rose 4 per cent last year, according to customs data.",
    'In an interview with CNN, the minister said: "We will defend our interests."',
    "\u201cWe are watching closely\u201d \u2014 Elena Petrova, a researcher at the Carnegie Russia "
    "Eurasia Center.",
    "Some European diplomats fear that Washington will strike a deal over their heads.",
]


# -- speed ------------------------------------------------------------------------
def seed_pool() -> list[str]:
    """The made-up paragraphs above and the seed articles' body paragraphs."""
    pool = list(MADE_UP)
    for name in SEEDS:
        pool.extend(p.text for p in read_article(RAW / f"{name}.txt").body)
    return pool


def wide_pool() -> list[str]:
    """The seed pool and every body paragraph of the held-out sets' articles: more varied
    wording, so the tokenizer's cache of known words helps it less."""
    pool = seed_pool()
    for name in SPEED_SETS:
        for path in sorted((ROOT / "benchmarks" / name).glob("*.txt")):
            pool.extend(p.text for p in read_article(path).body)
    return pool


def generate(folder: Path, n: int, pool: list[str] | None = None, seed: int = 7) -> list[Path]:
    """``n`` plain-text articles of 8-18 paragraphs drawn from ``pool`` (default: the seed pool)."""
    rng = random.Random(seed)
    pool = pool if pool is not None else seed_pool()
    paths = []
    for i in range(n):
        body = rng.sample(pool, k=min(len(pool), rng.randint(8, 18)))
        text = f"Generated article {i} about great powers\n\n" + "\n\n".join(body) + "\n"
        path = folder / f"gen-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def speed(n_articles: int) -> None:
    nlp = get_nlp()
    blank = spacy.blank("en")
    corpora = {"seed and made-up paragraphs": seed_pool(),
               "paragraphs of all benchmark articles": wide_pool()}
    for label, pool in corpora.items():
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "data" / "raw"  # a project of its own: its cache starts empty
            raw.mkdir(parents=True)
            paths = generate(raw, n_articles, pool)
            print(f"-- {n_articles} articles generated from {len(pool)} {label}")
            tok_time, words = _in_process(paths, nlp, blank)
            _command(paths, Path(tmp), words, tok_time)
            if label == next(iter(corpora)):
                _memory(paths, nlp)


def _in_process(paths: list[Path], nlp, blank) -> tuple[float, int]:
    """Parsing and extraction in this process, one article at a time, against the tokenizer."""
    articles_time = extract_time = tok_time = fixed_time = 0.0
    words = n_quotes = 0
    for path in paths:  # streaming: one article in memory at a time
        t0 = time.perf_counter()
        article = read_article(path)
        t1 = time.perf_counter()
        n_quotes += len(extract_quotes(article, nlp=nlp))
        t2 = time.perf_counter()
        articles_time += t1 - t0
        extract_time += t2 - t1
        fixed_time += _fixed_steps(article, nlp)
        text = path.read_text(encoding="utf-8")
        t3 = time.perf_counter()
        words += len(blank.tokenizer(text))
        tok_time += time.perf_counter() - t3
    print(f"  {words} tokens, {n_quotes} quotes")
    print(f"  spacy.blank('en') tokenizer:  {words / tok_time:12,.0f} words/s")
    print(f"  quote extraction:             {words / extract_time:12,.0f} words/s "
          f"(ratio {extract_time / tok_time:.2f}x the tokenizer's time)")
    print(f"  read_article + extraction:    {words / (extract_time + articles_time):12,.0f} words/s "
          f"(ratio {(extract_time + articles_time) / tok_time:.2f}x)")
    rules_time = extract_time - fixed_time
    print(f"    of which read_article {articles_time / tok_time:.2f}x; extraction's fixed steps "
          f"{fixed_time / tok_time:.2f}x, its attribution rules {rules_time / tok_time:.2f}x")
    return tok_time, words


def _fixed_steps(article, nlp) -> float:
    """Seconds ``extract_quotes`` spends on ``article`` before any attribution rule runs
    (the same calls, repeated here to time them)."""
    t0 = time.perf_counter()
    prepared = prepare(segment(article).of_kinds(QUOTE_PARAGRAPH_KINDS))
    tokenized = prepared.masked() if tokenizes_sparingly(nlp) else None
    doc = nlp(make_doc(nlp, prepared.text, tokenized, (prepared.quotes, False), prepared.starts))
    find_cues(doc)
    role_tokens(doc)
    return time.perf_counter() - t0


def _command(paths: list[Path], home: Path, words: int, tok_time: float) -> None:
    """What ``geolib quotes FOLDER`` runs (parse, extract, cache, in file order), cold cache,
    in this process and in worker processes; wall-clock time."""
    saved = os.environ.get("GEOLIB_HOME")
    os.environ["GEOLIB_HOME"] = str(home)
    try:
        sources = find_sources(paths).sources
        for jobs in sorted({1, default_jobs()}):
            shutil.rmtree(home / "data" / "cache", ignore_errors=True)
            with Engine("synchronous" if jobs == 1 else "processes", jobs=jobs) as engine:
                if jobs > 1:
                    engine.client()  # worker processes started and warmed up outside the timing
                t0 = time.perf_counter()
                for _ in engine.map(sources, ["quotes"]):
                    pass
                wall = time.perf_counter() - t0
            print(f"  geolib quotes FOLDER, {jobs} process{'es' if jobs > 1 else ''}: "
                  f"{words / wall:12,.0f} words/s (ratio {wall / tok_time:.2f}x, wall clock)")
    finally:
        if saved is None:
            os.environ.pop("GEOLIB_HOME", None)
        else:
            os.environ["GEOLIB_HOME"] = saved


def _memory(paths: list[Path], nlp) -> None:
    tracemalloc.start()
    peaks = {}
    for i, path in enumerate(paths, start=1):
        extract_quotes(read_article(path), nlp=nlp)
        if i in (200, len(paths)):
            peaks[i] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    for count, peak in peaks.items():
        print(f"  peak traced memory (streaming), after {count:4d} articles: {peak / 1e6:.2f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process max RSS at the end: {rss:.0f} MB")


def predict(path: Path) -> list[dict]:
    return quote_records(extract_quotes(read_article(path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--set", action="append", default=None,
                        help="score only this set (its folder name; repeatable)")
    parser.add_argument("--misses", action="store_true",
                        help="list every miss and extra quote (refused for blind sets)")
    parser.add_argument("--accuracy-only", action="store_true")
    args = parser.parse_args()
    chosen = [s for s in gold_sets() if args.set is None or s.folder.name in args.set]
    if args.misses and any(s.blind for s in chosen) and args.set is not None:
        parser.error("--misses is refused for a blind set: "
                     + ", ".join(s.folder.name for s in chosen if s.blind))
    for gold_set in chosen:
        print(f"== accuracy: {gold_set.name} ({gold_set.status}; {gold_set.origin}) ==")
        if args.misses and gold_set.blind:
            print("  (blind: scores only, misses not listed)")
        accuracy(gold_set, predict, args.misses and not gold_set.blind)
    if not args.accuracy_only:
        print("== speed ==")
        speed(max(args.articles, 200))


if __name__ == "__main__":
    main()
