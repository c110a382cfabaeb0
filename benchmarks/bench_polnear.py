"""Who said what in real news: geolib's quotes scored against PolNeAR's attributions.

    .venv/bin/python benchmarks/bench_polnear.py MIRROR --split train|dev [--limit N] [--misses]

MIRROR is a PolNeAR clone: its bare git directory or a checkout. Without a usable mirror
the benchmark prints one line and exits 0. Only the train and dev splits are read; the
test split is reserved for final measurement by others and is refused.

Each article's raw text is written to a temporary ``.txt`` file and read with the public
API (``geolib.read_article``, ``geolib.pipeline.analyse(article).records("quotes")``). Gold (see
``benchmarks/polnear.py`` and ``benchmarks/scoring.py``; README "Method"):

- **direct quotes**: PolNeAR content spans with >= 80% of their letters inside quotation
  marks, against geolib's ``direct`` quotes;
- **all attributions**: every content span (reported speech, beliefs and intentions
  included), against geolib's ``direct``, ``partial`` and ``indirect`` quotes (``term``
  quotes, words nobody is said to have spoken, are not attributions).

Spans match by overlap (shared characters >= half the shorter span) or exactly (same span
once quotation marks, spaces and edge punctuation are trimmed). Speaker accuracy is over
gold spans found by overlap that have a SOURCE: the best-overlapping prediction's speaker
head word (surname) must be a word of the SOURCE span or, for a pronoun or a nameless
source, of the name CoreNLP's coreference chain gives it.

``--misses`` prints every miss (text excerpts, to the terminal only: PolNeAR texts are not
ours to redistribute) with a guessed failure family, then a family table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import DIRECT_SHARE, GoldArticle, GoldAttribution, Mirror, load_split  # noqa: E402
from polnear_misses import Context, Miss, print_misses, same_person_twice  # noqa: E402
from scoring import (  # noqa: E402
    Description,
    Score,
    Span,
    description,
    match_spans,
    score,
    shared,
    speaker_match,
    trim_span,
)

DIRECT_KINDS = ("direct",)
QUOTED_KINDS = ("direct", "partial")
QUOTED_SHARE = 1e-9  # any quoted letter
ATTRIBUTION_KINDS = ("direct", "partial", "indirect")
REFERENCE = {  # published figures, for the table
    "citron (PARC 3.0 test)": "overlap F1 0.83, exact F1 0.57, speaker exact 0.82",
    "GenderGapTracker": "quote F1 0.84, speaker 0.87",
}


class Tally:
    """Counts for one comparison (direct quotes or all attributions)."""

    def __init__(self) -> None:
        self.overlap = Score(0, 0, 0, 0)
        self.exact = Score(0, 0, 0, 0)
        self.speaker_right = 0
        self.speaker_scored = 0
        self.speaker_unscored = 0  # found, but the gold names no speaker
        self.pronoun_scored = 0  # of speaker_scored, SOURCE a pronoun (resolved, see polnear.py)
        # right speakers whose SOURCE describes them, and geolib's role / affiliation against it
        self.described = self.role_filled = self.role_from_source = 0
        self.named_body = self.affiliation_filled = self.affiliation_from_source = 0

    @property
    def speaker(self) -> float:
        return self.speaker_right / self.speaker_scored if self.speaker_scored else 0.0


def score_article(article: GoldArticle, records: list[dict], kinds: tuple[str, ...], gold_share: float,
                  tally: Tally, misses: list[Miss] | None = None, context: Context | None = None,
                  label: str = "") -> None:
    """Add one article's counts to ``tally`` (and its misses to ``misses``).

    Gold spans are the content spans whose quoted share is at least ``gold_share`` (0 for
    every span); predictions are the records of the given kinds."""
    text = article.text
    golds = [g for g in article.attributions if g.quoted >= gold_share]
    gold_spans = [trim_span(text, g.content) for g in golds]
    preds = [r for r in records if r["kind"] in kinds]
    pred_spans: list[Span] = [trim_span(text, ((r["start"], r["end"]),)) for r in preds]
    overlap = match_spans(pred_spans, gold_spans)
    exact = match_spans(pred_spans, gold_spans, exact=True)
    tally.overlap += score(overlap)
    tally.exact += score(exact)
    found: list[tuple[str, GoldAttribution | None, dict | None]] = []
    for g, gold in enumerate(golds):
        matched = [p for p, m in enumerate(overlap.pred_to_gold) if m == g]
        if not matched:
            found.append(("missed", gold, None))
            continue
        best = max(matched, key=lambda p: shared(pred_spans[p], gold_spans[g]))
        pred = preds[best]
        names = gold.speaker_names
        if names is None:
            tally.speaker_unscored += 1
            continue
        tally.speaker_scored += 1
        tally.pronoun_scored += gold.pronoun
        if speaker_match(pred["speaker"], names) or (
                gold.nameless and speaker_match(pred["speaker_mention"], names)):
            tally.speaker_right += 1
            if not gold.pronoun:
                _tally_description(tally, description(gold.source_text or "", pred["speaker"], pred["role"],
                                                      pred["affiliation"]), pred)
        else:
            found.append(("speaker", gold, pred))
    found += [("spurious", None, preds[p]) for p, m in enumerate(overlap.pred_to_gold) if m is None]
    if misses is not None and context is not None:
        misses += [Miss(label, kind, article, gold, pred, context) for kind, gold, pred in found]


def _tally_description(tally: Tally, found: Description, pred: dict) -> None:
    if found.described:
        tally.described += 1
        tally.role_filled += bool(pred["role"])
        tally.role_from_source += found.role_from_source
    if found.named_body:
        tally.named_body += 1
        tally.affiliation_filled += bool(pred["affiliation"])
        tally.affiliation_from_source += found.affiliation_from_source


def _description_line(name: str, tally: Tally) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part / whole:.2f}" if whole else "-"
    return (f"{name}: SOURCE describes the speaker {tally.described}: role given "
            f"{share(tally.role_filled, tally.described)}, role in the SOURCE's words "
            f"{share(tally.role_from_source, tally.described)}; SOURCE names a body or place "
            f"{tally.named_body}: affiliation given {share(tally.affiliation_filled, tally.named_body)}, "
            f"in the SOURCE's words {share(tally.affiliation_from_source, tally.named_body)}")


def run_geolib(article: GoldArticle, folder: Path) -> tuple[Context | None, str | None]:
    """geolib's quote records and paragraphs for one article's raw text, or the error it raised."""
    from geolib import read_article
    from geolib.pipeline import analyse

    path = folder / f"{article.name}.txt"
    path.write_text(article.text, encoding="utf-8")
    try:
        parsed = read_article(path)
        records = analyse(parsed, cache=False).records("quotes")
        return Context(records, [(p.kind, p.start, p.end) for p in parsed.paragraphs]), None
    except Exception as exc:  # a crash is a finding to report, not a reason to stop
        return None, f"{type(exc).__name__}: {exc}"
    finally:
        path.unlink()


def _row(name: str, tally: Tally) -> str:
    o, e = tally.overlap, tally.exact
    return (f"| {name} | {o.precision:.3f} | {o.recall:.3f} | **{o.f1:.3f}** | {e.precision:.3f} | "
            f"{e.recall:.3f} | {e.f1:.3f} | {tally.speaker:.3f} ({tally.speaker_scored}) | "
            f"{o.gold} | {o.predictions} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mirror", help="PolNeAR bare git directory or checkout")
    parser.add_argument("--split", default="dev", help="train or dev (test is reserved and refused)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--misses", action="store_true", help="print every miss with a guessed family")
    parser.add_argument("--table-only", action="store_true", help="with --misses: the family table only")
    parser.add_argument("--direct-share", type=float, default=DIRECT_SHARE,
                        help="share of a content span's letters inside quotation marks that makes it a "
                             "direct quote (default %(default)s)")
    args = parser.parse_args(argv)
    if args.split == "test":
        parser.error("the PolNeAR test split is reserved for final measurement; use train or dev")
    if args.split not in ("train", "dev"):
        parser.error("--split must be train or dev")

    mirror = Mirror(args.mirror)
    if not mirror.usable():
        print(f"PolNeAR mirror not found or unreadable at {args.mirror}: skipped")
        return 0
    load_start = time.perf_counter()
    articles = load_split(mirror, args.split, args.limit)
    mirror.close()
    load_time = time.perf_counter() - load_start

    direct, quoted, everything = Tally(), Tally(), Tally()
    by_outlet: dict[str, Tally] = {}
    misses: list[Miss] | None = [] if args.misses else None
    crashes: list[tuple[str, str]] = []
    words = twice = 0
    geolib_time = 0.0
    with tempfile.TemporaryDirectory(prefix="bench_polnear_") as tmp:
        if articles:
            run_geolib(articles[0], Path(tmp))  # load the pipeline outside the timing
        for article in articles:
            start = time.perf_counter()
            context, error = run_geolib(article, Path(tmp))
            geolib_time += time.perf_counter() - start
            words += len(article.text.split())
            if context is None:
                crashes.append((article.name, error or ""))
                context = Context([], [])
            twice += same_person_twice(context.records)
            score_article(article, context.records, DIRECT_KINDS, args.direct_share, direct, misses, context,
                          "direct")
            outlet = by_outlet.setdefault(article.name.split("_")[0], Tally())
            score_article(article, context.records, DIRECT_KINDS, args.direct_share, outlet)
            score_article(article, context.records, QUOTED_KINDS, QUOTED_SHARE, quoted)
            score_article(article, context.records, ATTRIBUTION_KINDS, 0.0, everything, misses, context,
                          "all")

    if misses is not None:
        print_misses(misses, examples=not args.table_only)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {words} words; gold: {direct.overlap.gold} "
          f"direct quotes (content >= {args.direct_share:.0%} inside quotation marks), "
          f"{quoted.overlap.gold} with quoted words, {everything.overlap.gold} attributions; geolib: "
          f"{direct.overlap.predictions} direct, {quoted.overlap.predictions} direct+partial, "
          f"{everything.overlap.predictions} direct+partial+indirect")
    print("| set | P overlap | R overlap | F1 overlap | P exact | R exact | F1 exact | speaker (n) "
          "| gold | predicted |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(_row("direct quotes", direct))
    print(_row("quoted words, direct+partial", quoted))
    print(_row("all attributions", everything))
    for name, tally in sorted(by_outlet.items()):
        print(_row(f"direct, {name}", tally))
    for name, figures in REFERENCE.items():
        print(f"reference: {name}: {figures}")
    print("roles and affiliations (a proxy: PolNeAR's SOURCE phrase holds the speaker's description "
          "unlabelled; right speakers only):")
    for name, tally in (("direct", direct), ("all", everything)):
        print("  " + _description_line(name, tally))
    print(f"speaker scored on found spans (of them with a pronoun SOURCE): direct {direct.speaker_scored} "
          f"({direct.pronoun_scored}), all {everything.speaker_scored} ({everything.pronoun_scored}); not "
          f"scored (no SOURCE, or a pronoun not resolved with confidence): direct {direct.speaker_unscored}, "
          f"all {everything.speaker_unscored}")
    print(f"one person under two names (extra names beyond the first, per article): {twice}")
    print(f"geolib time {geolib_time:.1f} s ({words / geolib_time if geolib_time else 0:,.0f} words/s, "
          f"read_article + quote extraction, one process); gold loading {load_time:.1f} s")
    if crashes:
        print(f"{len(crashes)} article(s) made geolib raise:")
        for name, error in crashes:
            print(f"  {name}: {error}")
    else:
        print("geolib raised on no article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
