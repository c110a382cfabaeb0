"""Target-dependent sentiment on NewsMTSC: cross-validated macro-F1, speed, baselines.

    .venv/bin/python benchmarks/bench_sentiment.py [--data PATH] [--folds 5] [--write]

Reads ../shared/newsmtsc/train.jsonl (never copied into the project). Folds are
grouped by source article, so no sentence (or its neighbours) is both fitted and
scored. ``--write`` refits on all data and saves the shipped weights file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from textblob import TextBlob

from geolib.stance import sentiment
from geolib.stance.features import extract_features
from geolib.stance.fit import fit_softmax, macro_f1, predict_proba

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "newsmtsc" / "train.jsonl"
POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}


def load_targets(path: Path) -> list[dict]:
    """One item per labelled target: sentence, span, label, article group."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            group = "_".join(row["primary_gid"].split("_")[:3])
            for target in row["targets"]:
                items.append({
                    "sentence": row["sentence_normalized"],
                    "start": target["from"],
                    "end": target["to"],
                    "label": POLARITY[target["polarity"]],
                    "group": group,
                })
    return items


def grouped_folds(items: list[dict], folds: int, seed: int = 13) -> list[int]:
    """Fold number of each item; all items of one article share a fold."""
    groups = sorted({item["group"] for item in items})
    random.Random(seed).shuffle(groups)
    fold_of = {g: k % folds for k, g in enumerate(groups)}
    return [fold_of[item["group"]] for item in items]


def cross_validate(items: list[dict], rows: list[dict], folds: int, **fit_args) -> float:
    fold = grouped_folds(items, folds)
    gold = [item["label"] for item in items]
    predicted = [0] * len(items)
    for k in range(folds):
        train = [i for i in range(len(items)) if fold[i] != k]
        test = [i for i in range(len(items)) if fold[i] == k]
        weights = fit_softmax([rows[i] for i in train], [gold[i] for i in train], **fit_args)
        proba = predict_proba([rows[i] for i in test], weights)
        for i, p in zip(test, proba.argmax(axis=1), strict=True):
            predicted[i] = int(p)
    return macro_f1(gold, predicted)


def textblob_baseline(items: list[dict]) -> float:
    """TextBlob polarity of the whole sentence; |polarity| < 0.05 counts as neutral."""
    predicted = []
    for item in items:
        polarity = TextBlob(item["sentence"]).sentiment.polarity
        predicted.append(0 if polarity <= -0.05 else 2 if polarity >= 0.05 else 1)
    return macro_f1([item["label"] for item in items], predicted)


def speed(items: list[dict]) -> float:
    """Targets per second through the public ``sentiment_toward`` (cold caches)."""
    sentiment._model.cache_clear()
    sentiment.sentiment_toward("warm up", 0, 4)
    began = time.perf_counter()
    for item in items:
        sentiment.sentiment_toward(item["sentence"], item["start"], item["end"])
    return len(items) / (time.perf_counter() - began)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=sentiment.FIT["l2"])
    parser.add_argument("--write", action="store_true", help="refit on all data, save weights")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    items = load_targets(args.data)
    gold = [item["label"] for item in items]
    print(f"targets: {len(items)}  source articles: {len({i['group'] for i in items})}")
    print(f"always-neutral macro-F1: {macro_f1(gold, [1] * len(items)):.3f}")
    print(f"TextBlob (whole sentence) macro-F1: {textblob_baseline(items):.3f}")

    began = time.perf_counter()
    rows = [extract_features(i["sentence"], i["start"], i["end"]).values for i in items]
    print(f"features: {len(items) / (time.perf_counter() - began):.0f} targets/s")
    fit_args = {**sentiment.FIT, "l2": args.l2}
    score = cross_validate(items, rows, args.folds, **fit_args)
    print(f"geolib {args.folds}-fold CV (grouped by article) macro-F1: {score:.3f}")

    if args.write:
        weights = fit_softmax(rows, gold, **fit_args)
        sentiment.save_weights(weights)
        print(f"wrote {len(weights)} feature weights to {sentiment.WEIGHTS_JSON}")
    if sentiment.WEIGHTS_JSON.exists():
        print(f"sentiment_toward speed: {speed(items):.0f} targets/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
