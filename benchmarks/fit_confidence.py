"""Fit the attribution confidence (``geolib/extract/confidence.py``) on PolNeAR's train split
and check it on dev.

    .venv/bin/python benchmarks/fit_confidence.py MIRROR [--write] [--limit N]

Each geolib quote (direct, partial, indirect) of a PolNeAR article is labelled right when its
span overlaps an annotated attribution (the matching of ``bench_polnear.py``) and, where the
annotation names a source, geolib's speaker matches it; otherwise wrong. A logistic model
over the quote's features (``confidence.features``) is fitted on train with an L2 penalty
(plain gradient descent in numpy: a few dozen binary features need nothing more). Printed:
on train and on dev, how many quotes, the share right, the log-loss and Brier score of the
model against always saying the base rate, and a reliability table (quotes binned by
confidence: mean confidence beside the share right). ``--write`` stores the weights in
``src/geolib/data/attribution_confidence.json``. Only the train and dev splits are read;
the test split is reserved and refused. Without a usable mirror the script prints one line
and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_polnear import ATTRIBUTION_KINDS, run_geolib  # noqa: E402
from polnear import GoldArticle, Mirror, load_split  # noqa: E402
from scoring import match_spans, shared, speaker_match, trim_span  # noqa: E402

from geolib.extract.confidence import CONFIDENCE_JSON, features  # noqa: E402

L2 = 1.0  # penalty on the weights (not the bias), in units of the summed log-loss
MIN_COUNT = 5  # a feature seen on fewer train quotes gets no weight of its own


def labelled(articles: list[GoldArticle]) -> list[tuple[list[str], bool]]:
    """Each geolib attribution of the articles: its features and whether it is right."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="fit_confidence_") as tmp:
        for article in articles:
            context, _ = run_geolib(article, Path(tmp))
            if context is None:
                continue
            text = article.text
            preds = [r for r in context.records if r["kind"] in ATTRIBUTION_KINDS]
            gold_spans = [trim_span(text, g.content) for g in article.attributions]
            pred_spans = [trim_span(text, ((r["start"], r["end"]),)) for r in preds]
            matching = match_spans(pred_spans, gold_spans)
            for p, (record, g) in enumerate(zip(preds, matching.pred_to_gold, strict=True)):
                right = g is not None
                if right:
                    gold = article.attributions[g]
                    names = gold.speaker_names
                    if names is not None:
                        right = speaker_match(record["speaker"], names) or (
                            gold.nameless and speaker_match(record["speaker_mention"], names))
                    assert shared(pred_spans[p], gold_spans[g]) > 0
                rows.append((features(record["kind"], record["rule"], record["speaker"],
                                      record["speaker_kind"], record["speaker_mention"]), right))
    return rows


def design(rows: list[tuple[list[str], bool]], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (feats, _) in enumerate(rows):
        for name in feats:
            if name in index:
                x[r, index[name]] = 1.0
    return x, np.array([right for _, right in rows], dtype=float)


def fit(x: np.ndarray, y: np.ndarray, steps: int = 4000, rate: float = 0.5) -> tuple[float, np.ndarray]:
    """Bias and weights minimising mean log-loss + L2 / n * |w|^2 (gradient descent)."""
    n, k = x.shape
    w, b = np.zeros(k), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / n + 2 * L2 / n * w
        grad_b = float(np.mean(p - y))
        w -= rate * grad_w
        b -= rate * grad_b
    return b, w


def report(label: str, p: np.ndarray, y: np.ndarray, base: float) -> None:
    eps = 1e-9
    loss = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    base_loss = -np.mean(y * np.log(base) + (1 - y) * np.log(1 - base))
    print(f"{label}: {len(y)} quotes, {y.mean():.3f} right; log-loss {loss:.3f} (base rate {base_loss:.3f}), "
          f"Brier {np.mean((p - y) ** 2):.3f} (base rate {np.mean((base - y) ** 2):.3f})")
    print("  | confidence | quotes | mean confidence | share right |")
    print("  |---|---|---|---|")
    for low, high in ((0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        chosen = (p >= low) & (p < high)
        if chosen.any():
            print(f"  | {low:.1f}-{min(high, 1):.1f} | {int(chosen.sum())} | {p[chosen].mean():.3f} | "
                  f"{y[chosen].mean():.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mirror", help="PolNeAR bare git directory or checkout")
    parser.add_argument("--write", action="store_true", help="store the fitted weights in geolib's data")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each split")
    args = parser.parse_args(argv)
    mirror = Mirror(args.mirror)
    if not mirror.usable():
        print(f"PolNeAR mirror not found or unreadable at {args.mirror}: skipped")
        return 0
    train = labelled(load_split(mirror, "train", args.limit))
    dev = labelled(load_split(mirror, "dev", args.limit))
    mirror.close()
    counts: dict[str, int] = {}
    for feats, _ in train:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    x, y = design(train, names)
    bias, weights = fit(x, y)
    base = float(y.mean())
    report("train", 1.0 / (1.0 + np.exp(-(x @ weights + bias))), y, base)
    x_dev, y_dev = design(dev, names)
    report("dev", 1.0 / (1.0 + np.exp(-(x_dev @ weights + bias))), y_dev, base)
    print("weights, strongest first:")
    for name, w in sorted(zip(names, weights, strict=True), key=lambda item: -abs(item[1]))[:15]:
        print(f"  {w:+.2f}  {name}  (n={counts[name]})")
    if args.write:
        data = {
            "_doc": "Logistic weights of geolib.extract.confidence, fitted by benchmarks/fit_confidence.py "
                    f"on PolNeAR train ({len(y)} quotes, {base:.3f} right: span matches an annotated "
                    "attribution and the speaker its source); features seen fewer than "
                    f"{MIN_COUNT} times weigh 0. Checked on PolNeAR dev ({len(y_dev)} quotes).",
            "bias": round(bias, 4),
            "weights": {name: round(float(w), 4) for name, w in zip(names, weights, strict=True)},
        }
        CONFIDENCE_JSON.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {CONFIDENCE_JSON}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
