"""Quote extraction: accuracy against the hand-annotated seed gold, and speed.

    .venv/bin/python benchmarks/bench_quotes.py [--articles 800]

Accuracy: predictions are matched one-to-one to gold quotes of the same article by
word overlap (Dice >= 0.5, best pairs first). Precision/recall/F1 are printed for
direct quotes (a match must be direct on both sides) and for all kinds (any kind);
speaker accuracy over matched gold quotes with a speaker (case-insensitive exact),
role and affiliation accuracy over matched gold quotes that have one (one string
containing the other, quote marks normalised).

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
import json
import os
import random
import re
import resource
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import spacy

from geolib import read_article
from geolib.extract.attribution import find_cues, role_tokens
from geolib.extract.prefilter import prepare
from geolib.extract.quotes import QUOTE_PARAGRAPH_KINDS, extract_quotes
from geolib.nlp import get_nlp, make_doc, tokenizes_sparingly
from geolib.workers import default_jobs, table_records

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "quotes_seeds.jsonl"
RAW = ROOT / "data" / "raw"
HELDOUT = ROOT / "benchmarks" / "heldout"
HELDOUT2 = ROOT / "benchmarks" / "heldout2"
HELDOUT3 = ROOT / "benchmarks" / "heldout3"
HELDOUT4 = ROOT / "benchmarks" / "heldout4"
HELDOUT5 = ROOT / "benchmarks" / "heldout5"
HELDOUT6 = ROOT / "benchmarks" / "heldout6"
HELDOUT7 = ROOT / "benchmarks" / "heldout7"
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


# -- accuracy ---------------------------------------------------------------------
def _words(text: str) -> list[str]:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.findall(r"\w+", text.lower())


def _dice(a: str, b: str) -> float:
    wa, wb = set(_words(a)), set(_words(b))
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _norm(text: str | None) -> str:
    return " ".join(_words(text or ""))


def _match(pred: list[dict], gold: list[dict], same_kind: str | None) -> list[tuple[dict, dict]]:
    pairs = []
    for p in pred:
        for g in gold:
            if p["article_id"] != g["article_id"]:
                continue
            if same_kind and (p["kind"] != same_kind or g["kind"] != same_kind):
                continue
            score = _dice(p["text"], g["text"])
            if score >= 0.5:
                pairs.append((score, id(p), id(g), p, g))
    pairs.sort(key=lambda x: -x[0])
    used_p, used_g, matched = set(), set(), []
    for _, ip, ig, p, g in pairs:
        if ip in used_p or ig in used_g:
            continue
        used_p.add(ip)
        used_g.add(ig)
        matched.append((p, g))
    return matched


def _prf(n_pred: int, n_gold: int, n_match: int) -> tuple[float, float, float]:
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


GOLD_SETS = {
    "seeds (rules written while reading them)": (GOLD, RAW),
    "held-out (24 made-up articles, annotated without seeing the rules; since used for development)":
        (HELDOUT / "gold.jsonl", HELDOUT),
    "second held-out (16 made-up articles, written blind; its misses were then used for development)":
        (HELDOUT2 / "gold.jsonl", HELDOUT2),
    "third held-out (16 made-up articles, written blind; scored blind twice, then used for development)":
        (HELDOUT3 / "gold.jsonl", HELDOUT3),
    "fourth held-out (16 made-up articles, written blind; scored blind, later a check against regressions)":
        (HELDOUT4 / "gold.jsonl", HELDOUT4),
    "fifth held-out (16 made-up articles, written blind; scored blind once, then used for development)":
        (HELDOUT5 / "gold.jsonl", HELDOUT5),
    "sixth held-out (16 made-up articles, written blind; scored blind once, then used for development)":
        (HELDOUT6 / "gold.jsonl", HELDOUT6),
    "seventh held-out (16 made-up articles, written blind, never used for development)":
        (HELDOUT7 / "gold.jsonl", HELDOUT7),
}


def accuracy(gold_path: Path, folder: Path, verbose: bool = False) -> dict[str, float]:
    """Print and return precision/recall/F1 and attribute accuracy against one gold file."""
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = []
    for article_id in sorted({g["article_id"] for g in gold}):
        pred.extend(q.__dict__ for q in extract_quotes(read_article(folder / f"{article_id}.txt")))
    print(f"gold: {len(gold)} quotes in {len({g['article_id'] for g in gold})} articles, "
          f"predictions: {len(pred)}")
    scores = {}
    for label, kind in (("direct", "direct"), ("all kinds", None)):
        p_set = [p for p in pred if kind is None or p["kind"] == kind]
        g_set = [g for g in gold if kind is None or g["kind"] == kind]
        matched = _match(p_set, g_set, kind)
        p, r, f = _prf(len(p_set), len(g_set), len(matched))
        scores[f"{label} F1"] = f
        print(f"  {label:9s}  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
              f"({len(matched)} matched of {len(p_set)} predicted, {len(g_set)} gold)")
        if kind is None:
            kinds_ok = sum(pp["kind"] == g["kind"] for pp, g in matched)
            print(f"  kind accuracy over matched: {kinds_ok / len(matched):.3f}")
        for field in ("speaker", "role", "affiliation"):
            scored = [(pp, g) for pp, g in matched if g[field]]
            if field == "speaker":
                ok = sum(_norm(pp[field]) == _norm(g[field]) for pp, g in scored)
            else:
                ok = sum(bool(pp[field]) and (_norm(pp[field]) in _norm(g[field])
                                              or _norm(g[field]) in _norm(pp[field])) for pp, g in scored)
            share = ok / len(scored) if scored else 0.0
            scores[f"{label} {field}"] = share
            print(f"    {field:11s} accuracy {share:.3f} ({ok}/{len(scored)})")
        if verbose:
            _print_misses(p_set, g_set, matched)
    return scores


def _print_misses(p_set: list[dict], g_set: list[dict], matched: list[tuple[dict, dict]]) -> None:
    matched_p = {id(p) for p, _ in matched}
    matched_g = {id(g) for _, g in matched}
    for pp, g in matched:
        if _norm(pp["speaker"]) != _norm(g["speaker"]):
            print(f"    speaker miss [{g['article_id'][:3]}] {g['text'][:50]!r}: "
                  f"{pp['speaker']!r} != {g['speaker']!r}")
            continue
        for field in ("role", "affiliation"):  # scored as in ``accuracy``
            if g[field] and not (pp[field] and (_norm(pp[field]) in _norm(g[field])
                                                or _norm(g[field]) in _norm(pp[field]))):
                print(f"    {field} miss [{g['article_id'][:3]}] {g['speaker']!r}: "
                      f"{pp[field]!r} != {g[field]!r}")
    for g in g_set:
        if id(g) not in matched_g:
            print(f"    missed [{g['article_id'][:3]}] {g['kind']:8s} {g['speaker']!r}: {g['text'][:70]!r}")
    for pp in p_set:
        if id(pp) not in matched_p:
            print(f"    extra  [{pp['article_id'][:3]}] {pp['kind']:8s} {pp['speaker']!r}: "
                  f"{pp['text'][:70]!r}")


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
    for folder in (HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4):
        for path in sorted(folder.glob("*.txt")):
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
        n_quotes += len(extract_quotes(article, nlp))
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
    prepared = prepare([p.text for p in article.paragraphs if p.kind in QUOTE_PARAGRAPH_KINDS])
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
        for jobs in sorted({1, default_jobs()}):
            shutil.rmtree(home / "data" / "cache", ignore_errors=True)
            t0 = time.perf_counter()
            for _ in table_records(paths, "quotes", jobs):
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
        extract_quotes(read_article(path), nlp)
        if i in (200, len(paths)):
            peaks[i] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    for count, peak in peaks.items():
        print(f"  peak traced memory (streaming), after {count:4d} articles: {peak / 1e6:.2f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process max RSS at the end: {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--misses", action="store_true", help="list every miss and extra quote")
    parser.add_argument("--accuracy-only", action="store_true")
    args = parser.parse_args()
    for label, (gold, folder) in GOLD_SETS.items():
        print(f"== accuracy: {label} ==")
        accuracy(gold, folder, args.misses)
    if not args.accuracy_only:
        print("== speed ==")
        speed(max(args.articles, 200))


if __name__ == "__main__":
    main()
