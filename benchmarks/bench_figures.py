"""Figure extraction on labelled made-up sentences written after the extractor, and on
the seed articles: field accuracy, verdicts and speed.

    .venv/bin/python benchmarks/bench_figures.py

``figures_cases.jsonl``: one sentence per line with its publication date and the
figures a reader finds in it (only the fields given are scored).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import date
from pathlib import Path

from geolib.errors import ArticleError
from geolib.extract.figures import extract_figures, figure_records
from geolib.model import Article, Paragraph
from geolib.parse import read_article
from geolib.paths import raw_dir

CASES = Path(__file__).with_name("figures_cases.jsonl")


def _article(text: str, published: str) -> Article:
    return Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None,
        published=date.fromisoformat(published), published_text=None, topics=[], url=None,
        paragraphs=[Paragraph("body", text, 0, len(text))], dropped=[], file="case.txt",
        published_precision="day",
    )


def score_cases() -> None:
    right, total, missed, extra = Counter(), Counter(), 0, 0
    for line in CASES.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        found = {f.text: f for f in extract_figures(_article(case["text"], case["published"]))}
        expected = {e["text"] for e in case["expect"]}
        extra += len(set(found) - expected)
        for want in case["expect"]:
            figure = found.get(want["text"])
            if figure is None:
                missed += 1
                print(f"  missed {want['text']!r} in: {case['text']}")
                continue
            for name, value in want.items():
                if name == "text":
                    continue
                total[name] += 1
                got = getattr(figure, name)
                ok = (all(q in got for q in value) if name == "qualifiers"
                      else sorted(got) == sorted(value) if name == "parties" else got == value)
                right[name] += ok
                if not ok:
                    print(f"  {want['text']}: {name} = {got!r}, expected {value!r}")
    expected_total = sum(len(json.loads(x)["expect"]) for x in CASES.read_text().splitlines())
    print(f"figures found: {expected_total - missed}/{expected_total}, extra: {extra}")
    for name in sorted(total):
        print(f"  {name:<11} {right[name]}/{total[name]}")


def seed_articles() -> None:
    for path in sorted(raw_dir().glob("*")):
        try:
            article = read_article(path)
        except ArticleError as error:
            print(f"{path.name}: skipped ({error})")
            continue
        started = time.perf_counter()
        records = figure_records(article)
        elapsed = time.perf_counter() - started
        print(f"{path.name}: {len(records)} figures in {elapsed * 1000:.0f} ms")
        for r in records:
            print(f"  {r['text']:<10} {r['kind']:<7} year={r['year']} parties={r['parties']} "
                  f"qualifiers={r['qualifiers']} -> {r['verdict']}")


if __name__ == "__main__":
    score_cases()
    seed_articles()
