"""Money figures: recall, precision and attribute accuracy on three sets.

    .venv/bin/python benchmarks/bench_figures.py                    # (a) and (b)
    .venv/bin/python benchmarks/bench_figures.py --devcorpus ../shared/devcorpus --sample 50

(a) ``figures_cases.jsonl``: made-up sentences, one per line, with their publication date
    and the figures a reader finds in them (only the fields given are scored) - a
    regression set.
(b) ``figures_wire/``: made-up articles in 1980s wire style (hard-wrapped, "mln stg",
    "billion dlrs", capitals headlines) and 2014-2020 newspaper style, with ``gold.jsonl``
    (see its README): a development set, and ``figures_wire/heldout/`` scored once. Each
    article is read twice: by geolib's parser, and as written (each blank-line or
    indented block one paragraph), so a parsing fault shows apart from a figure fault.
(c) ``--devcorpus``: a real corpus with no gold: money figures found per file type, and
    a random sample printed for checking by hand.

Recall and precision count money figures; a found figure matches a gold one when their
raw spans overlap. Among matched figures: year, parties (as a set), measure, value,
currency and scale accuracy.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geolib.errors import ArticleError
from geolib.extract.figures import Figure, extract_figures
from geolib.model import Article, Paragraph, clean_run
from geolib.parse import read_article
from geolib.parse.manifest import load_manifest
from geolib.paths import raw_dir

HERE = Path(__file__).parent
CASES = HERE / "figures_cases.jsonl"
WIRE = HERE / "figures_wire"
ATTRIBUTES = ("year", "parties", "measure", "value", "currency", "scale")


# ------------------------------------------------------------------ (a) made-up cases


def _article(text: str, published: str) -> Article:
    return Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None,
        published=date.fromisoformat(published), published_text=None, topics=[], url=None,
        paragraphs=[Paragraph("body", text, 0, len(text))], dropped=[], file="case.txt",
        published_precision="day",
    )


def _same(name: str, got: object, value: object) -> bool:
    if name == "qualifiers":
        return all(q in got for q in value)
    if name == "parties":
        return sorted(got) == sorted(value)
    if name == "value":
        return got is not None and abs(got - value) <= 1e-9 * max(1.0, abs(value))
    return got == value


def score_cases() -> None:
    right, total, missed, extra, money_found, money_expected = Counter(), Counter(), 0, 0, 0, 0
    money_extra = 0
    lines = CASES.read_text(encoding="utf-8").splitlines()
    for line in lines:
        case = json.loads(line)
        found = {f.text: f for f in extract_figures(_article(case["text"], case["published"]))}
        expected = {e["text"] for e in case["expect"]}
        extra += len(set(found) - expected)
        money_extra += sum(1 for t in set(found) - expected if found[t].kind == "money")
        for want in case["expect"]:
            figure = found.get(want["text"])
            is_money = want.get("kind", "money") == "money"
            money_expected += is_money
            if figure is None:
                missed += 1
                print(f"  missed {want['text']!r} in: {case['text']}")
                continue
            money_found += is_money and figure.kind == "money"
            for name, value in want.items():
                if name == "text":
                    continue
                total[name] += 1
                ok = _same(name, getattr(figure, name), value)
                right[name] += ok
                if not ok:
                    print(f"  {want['text']}: {name} = {getattr(figure, name)!r}, expected {value!r}")
    expected_total = sum(len(json.loads(x)["expect"]) for x in lines)
    print(f"(a) made-up cases: figures found {expected_total - missed}/{expected_total}, extra {extra}; "
          f"money recall {money_found}/{money_expected}, extra money {money_extra}")
    for name in sorted(total):
        print(f"  {name:<11} {right[name]}/{total[name]}")


# ------------------------------------------------------------- (b) wire and newspaper


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    right: Counter = field(default_factory=Counter)
    scored: Counter = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched
        self.right.update(other.right)
        self.scored.update(other.scored)

    def line(self, label: str) -> str:
        recall = self.matched / self.gold if self.gold else 0.0
        precision = self.matched / self.found if self.found else 0.0
        parts = [f"{label:<28} recall {recall:.2f} ({self.matched}/{self.gold})  "
                 f"precision {precision:.2f} ({self.matched}/{self.found})"]
        for name in ATTRIBUTES:
            if self.scored[name]:
                parts.append(f"{name} {self.right[name] / self.scored[name]:.2f}")
        return "  ".join(parts)


def as_written(path: Path) -> Article:
    """The article as written: each blank-line-separated or indented block one paragraph
    (lines joined), the first block its title; offsets exact."""
    raw = path.read_text(encoding="utf-8")
    entry = load_manifest(path.parent).get(path.name)
    paragraphs = []
    for match in re.finditer(r"\S.*?(?=\n\s*\n|\n[ \t]+\S|\Z)", raw, re.DOTALL):
        kind = "title" if not paragraphs else "body"
        paragraph = clean_run(match.group(0), match.start(), kind)
        if paragraph is not None:
            paragraphs.append(paragraph)
    published = date.fromisoformat(entry.published) if entry and entry.published else None
    return Article(title=None, standfirst=None, authors=[], outlet=entry.outlet if entry else None,
                   section=None, published=published, published_text=None, topics=[], url=None,
                   paragraphs=paragraphs, dropped=[], file=str(path), published_precision="day")


def _gold_spans(raw: str, gold: list[dict]) -> list[tuple[int, int, dict]]:
    spans = []
    for want in gold:
        pattern = r"\s+".join(re.escape(part) for part in want["text"].split())
        found = list(re.finditer(pattern, raw))
        occurrence = want.get("occurrence", 1)
        if len(found) < occurrence:
            raise SystemExit(f"gold text {want['text']!r} not found in {want['file']}")
        spans.append((found[occurrence - 1].start(), found[occurrence - 1].end(), want))
    return spans


def score_article(raw: str, figures: list[Figure], gold: list[dict], verbose: bool) -> Score:
    score = Score(gold=len(gold))
    money = [f for f in figures if f.kind == "money"]
    score.found = len(money)
    spans = _gold_spans(raw, gold)
    used: set[int] = set()
    for start, end, want in spans:
        match = next((f for f in money if f.start < end and start < f.end and id(f) not in used), None)
        if match is None:
            if verbose:
                print(f"    missed {want['text']!r}")
            continue
        used.add(id(match))
        score.matched += 1
        for name in ATTRIBUTES:
            if name not in want:
                continue
            score.scored[name] += 1
            ok = _same(name, getattr(match, name), want[name])
            score.right[name] += ok
            if not ok and verbose:
                print(f"    {want['text']!r}: {name} = {getattr(match, name)!r}, expected {want[name]!r}")
    if verbose:
        for figure in money:
            if id(figure) not in used:
                print(f"    extra {figure.text!r} ({figure.currency})")
    return score


def score_wire(folder: Path, verbose: bool) -> None:
    gold: dict[str, list[dict]] = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold.setdefault(row["file"], []).append(row)
    wire_style = {name for name, rows in gold.items() if any(r["text"].isupper() for r in rows)} | {
        p.name for p in folder.glob("w[0-9]*")}
    for reading in ("parsed", "as written"):
        totals = {"wire": Score(), "newspaper": Score()}
        print(f"(b) {folder.relative_to(HERE)}, read {reading}:")
        for path in sorted(folder.glob("[wnh][0-9]*")):
            raw = path.read_text(encoding="utf-8")
            if reading == "parsed":
                try:
                    article = read_article(path)
                except ArticleError as error:
                    print(f"  {path.name}: not parsed ({error}); no figures")
                    article = None
            else:
                article = as_written(path)
            if verbose:
                print(f"  {path.name}")
            figures = extract_figures(article) if article is not None else []
            score = score_article(raw, figures, gold.get(path.name, []), verbose)
            totals["wire" if path.name in wire_style or "REUTER" in raw else "newspaper"].add(score)
        overall = Score()
        for label, score in totals.items():
            print("  " + score.line(label))
            overall.add(score)
        print("  " + overall.line("all"))


# ------------------------------------------------------------------ (c) real corpus


def spot_check(folder: Path, sample: int, seed: int) -> None:
    found: list[tuple[str, Figure]] = []
    per_type, files, failed = Counter(), Counter(), 0
    started = time.perf_counter()
    paths = sorted(p for p in folder.iterdir()
                   if p.suffix in (".txt", ".html", ".md", ".htm") and p.stem.lower() != "readme")
    for path in paths:
        try:
            article = read_article(path)
        except ArticleError:
            failed += 1
            continue
        money = [f for f in extract_figures(article) if f.kind == "money"]
        kind = path.name.split("-")[0]
        per_type[kind] += len(money)
        files[kind] += bool(money)
        found.extend((path.name, f) for f in money)
    elapsed = time.perf_counter() - started
    print(f"(c) {folder}: {len(found)} money figures in {sum(files.values())} of {len(paths)} files "
          f"({failed} not parsed), {elapsed:.0f} s")
    for kind in sorted(per_type):
        print(f"  {kind:<16} {per_type[kind]:>5} figures in {files[kind]} files")
    if sample:
        print(f"  random sample of {sample} (seed {seed}) to check by hand:")
        for n, (name, f) in enumerate(random.Random(seed).sample(found, min(sample, len(found)))):
            at = f.sentence.find(f.text)
            context = f.sentence[max(0, at - 80): at + len(f.text) + 50]
            print(f"  {n:2d} {name[:44]:<44} [{f.text}] {f.currency} {f.value:g}x{f.scale:g} "
                  f"year={f.year}({getattr(f, 'year_basis', None)}) parties={f.parties} measure={f.measure}\n"
                  f"       …{context}…")


def seed_articles() -> None:
    for path in sorted(raw_dir().glob("*")):
        if path.name.startswith(".") or path.suffix not in (".txt", ".md", ".html", ".htm"):
            continue
        try:
            article = read_article(path)
        except ArticleError as error:
            print(f"{path.name}: skipped ({error})")
            continue
        figures = [f for f in extract_figures(article) if f.kind == "money"]
        print(f"{path.name}: {len(figures)} money figures")
        for f in figures:
            print(f"  {f.text:<10} year={f.year} parties={f.parties} measure={f.measure} "
                  f"qualifiers={f.qualifiers}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devcorpus", type=Path, help="a real corpus folder to spot-check (c)")
    parser.add_argument("--sample", type=int, default=0, help="random money figures to print from (c)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss and error")
    args = parser.parse_args()
    if args.devcorpus:
        spot_check(args.devcorpus, args.sample, args.seed)
    else:
        score_cases()
        score_wire(WIRE, args.verbose)
        score_wire(WIRE / "heldout", args.verbose)
        seed_articles()
