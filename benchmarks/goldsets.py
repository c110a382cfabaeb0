"""Quote gold sets: found by glob, described by a small ``set.toml`` each, scored one way.

    benchmarks/<set>/set.toml   name, order, status (development | regression | blind),
                                origin, date, gold (JSONL), articles (folder), checked

Matching: predictions are paired one-to-one with gold quotes of the same article by word
overlap (Dice >= 0.5, best pairs first). Precision/recall/F1 for direct quotes (a match
must be direct on both sides) and for all kinds; speaker accuracy over matched gold quotes
with a speaker (case-insensitive exact), role and affiliation accuracy over matched gold
quotes that have one (one string containing the other, quote marks normalised).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
STATUSES = ("development", "regression", "blind")


@dataclass(frozen=True)
class GoldSet:
    folder: Path
    name: str
    order: int
    status: str
    origin: str
    date: str
    gold: Path
    articles: Path
    checked: bool
    # The gold's convention for reported speech that quotes words: partials only (the sets
    # written before issue 17), or the whole clause as indirect beside the partials.
    clause_around_partials: bool = True
    # A reported clause quoted nearly whole ('X said that “…”'): direct, as real-news
    # annotation counts it, or partial (the sets written before that rule).
    quoted_clause_is_direct: bool = True

    @property
    def blind(self) -> bool:
        return self.status == "blind"

    def records(self) -> list[dict]:
        lines = self.gold.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


def gold_sets(root: Path = BENCHMARKS) -> list[GoldSet]:
    """Every gold set under ``root`` (a folder holding a ``set.toml``), in their order."""
    found = []
    for meta in sorted(root.glob("*/set.toml")):
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
        if data["status"] not in STATUSES:
            raise ValueError(f"{meta}: status must be one of {', '.join(STATUSES)}")
        found.append(GoldSet(
            folder=meta.parent, name=data["name"], order=data["order"], status=data["status"],
            origin=data["origin"], date=str(data["date"]), gold=(meta.parent / data["gold"]).resolve(),
            articles=(meta.parent / data["articles"]).resolve(), checked=bool(data.get("checked")),
            clause_around_partials=bool(data.get("clause_around_partials", True)),
            quoted_clause_is_direct=bool(data.get("quoted_clause_is_direct", True)),
        ))
    return sorted(found, key=lambda s: s.order)


# -- scoring ----------------------------------------------------------------------
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


def _partials_only(pred: list[dict]) -> list[dict]:
    """Predictions under the older convention: an indirect record whose clause holds a
    partial quote of the same speaker is left out (the partials tell that speech)."""
    partials = [p for p in pred if p["kind"] == "partial"]
    return [p for p in pred if p["kind"] != "indirect" or not any(
        q["article_id"] == p["article_id"] and q["speaker"] == p["speaker"]
        and p["start"] <= q["start"] and q["end"] <= p["end"] for q in partials)]


def _as_partial(pred: dict) -> dict:
    """A prediction under the older convention: a quoted clause ('X said that “…”', rule
    ``direct.quoted-clause``) is a partial quote."""
    if pred["kind"] == "direct" and (pred.get("rule") or "").startswith("direct.quoted-clause"):
        return {**pred, "kind": "partial"}
    return pred


def accuracy(gold_set: GoldSet, predict: Callable[[Path], list[dict]], verbose: bool = False
             ) -> dict[str, float]:
    """Print and return precision/recall/F1 and attribute accuracy on one gold set;
    ``predict`` gives the quote records of one article file. ``verbose`` lists every miss,
    and is refused for a blind set."""
    if verbose and gold_set.blind:
        raise PermissionError(f"{gold_set.name} is a blind set: its misses are not to be read")
    gold = gold_set.records()
    pred = []
    for article_id in sorted({g["article_id"] for g in gold}):
        pred.extend(predict(gold_set.articles / f"{article_id}.txt"))
    if not gold_set.clause_around_partials:
        pred = _partials_only(pred)
    if not gold_set.quoted_clause_is_direct:
        pred = [_as_partial(p) for p in pred]
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
