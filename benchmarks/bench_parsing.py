"""The parser on real pages without their manifest: titles, dates and chrome in bodies.

    .venv/bin/python benchmarks/bench_parsing.py ../shared/devcorpus [--show]

The files are copied to a temporary folder without ``manifest.csv`` and parsed as an
analyst's folder would be; then each article's date is compared with the manifest's
``published`` (exact), and its title with the publisher's own slug of it: the URL's last
path segment when it spells the title, else the file name's slug (``kremlin-2016-09-05-
interview-to-bloomberg.html``), which the corpus truncates to about 60 characters and so
is matched as a prefix. Both sides are compared as slugs: case, accents, punctuation and
whitespace do not count.

Chrome in bodies: body paragraphs that are site chrome by the rules of
``geolib/data/site_chrome.txt`` (menus, newsletter, footer and cookie lines), or that equal
a line the parser dropped as chrome in another article of the corpus. The goal is 0.

Skips cleanly (exit 0) when the folder is absent. ``--show`` lists every mismatch.
``--save FILE`` keeps what was parsed (titles, dates, bodies, dropped lines) as JSON, and
``--score FILE`` scores such a file instead of parsing: how another version of geolib
is compared with this one's rules.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

from geolib.errors import ArticleError
from geolib.parse import cues, read_article

# Reasons the parser gives for dropping site furniture; other drops (rules, repeated titles,
# links) are not chrome lines that could recur in a body.
_CHROME_REASONS = ("site chrome", "site menu", "newsletter", "footer", "cookie", "sharing")


def slug(text: str) -> str:
    """``"Trump’s Tariffs: What Next?"`` -> ``"trumps-tariffs-what-next"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’‘`]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def reference_slugs(row: dict) -> tuple[str | None, str]:
    """``(url_slug, file_slug)``: the title as the publisher's URL and the file name spell it."""
    path = [p for p in urlparse(row.get("url") or "").path.split("/") if p]
    url_slug = None
    if path and not path[-1].isdigit():
        url_slug = re.sub(r"-\d{4,}$", "", re.sub(r"\.\w+$", "", path[-1]))  # "...-92735" is an id
    stem = Path(row["file"]).stem
    file_slug = re.sub(r"^[a-z]+-\d{4}-\d{2}-\d{2}-", "", stem)
    return url_slug, file_slug


def title_matches(title: str | None, row: dict) -> bool:
    if not title:
        return False
    got = slug(title)
    url_slug, file_slug = reference_slugs(row)
    if url_slug and got == url_slug:
        return True
    if len(file_slug) >= 50:  # cut at about 60 characters: the title may go on
        return got == file_slug or got.startswith(file_slug + "-")
    return got == file_slug


def shape(path: Path, article) -> str:
    """The file's source shape, as the parser saw it."""
    if article is None:
        return "unparsed"
    if article.source_format == "html":
        return "html page"
    head = path.read_text(encoding="utf-8", errors="replace")[:5]
    front = "with YAML front matter" if head.startswith("---") else ""
    return f"{article.source_format} {front}".strip()


def parse_without_manifest(corpus: Path, rows: dict) -> tuple[dict, float]:
    """Each file, copied to a folder without the manifest and parsed there: what the
    scores need, by file name (None when unreadable), and the CPU seconds it took."""
    parsed: dict[str, dict | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for name in rows:
            if (corpus / name).is_file():
                shutil.copy2(corpus / name, folder / name)
        os.environ["GEOLIB_HOME"] = str(Path(tmp) / "home")  # extraction caches go there
        started = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name in sorted(rows):
                try:
                    article = read_article(folder / name)
                except ArticleError as error:
                    print(f"  unparsed: {error}")
                    parsed[name] = None
                    continue
                parsed[name] = {
                    "shape": shape(folder / name, article),
                    "title": article.title,
                    "published": article.published_iso,
                    "body": [p.text for p in article.body],
                    "dropped": [(d.text, d.reason) for d in article.dropped],
                }
        seconds = time.process_time() - started
    return parsed, seconds


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("corpus", type=Path, nargs="?", default=Path("../shared/devcorpus"))
    options.add_argument("--show", action="store_true", help="list every mismatch")
    options.add_argument("--save", type=Path, help="keep what was parsed in this JSON file")
    options.add_argument("--score", type=Path, help="score a file saved with --save instead of parsing")
    args = options.parse_args(argv)
    manifest = args.corpus / "manifest.csv"
    if not manifest.is_file():
        print(f"no corpus with a manifest at {args.corpus}; skipped")
        return 0
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}

    if args.score:
        parsed = json.loads(args.score.read_text(encoding="utf-8"))
        seconds = None
    else:
        parsed, seconds = parse_without_manifest(args.corpus, rows)
    if args.save:
        args.save.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    articles = {name: parsed.get(name) for name in rows}
    shapes = {name: (articles[name] or {}).get("shape", "unparsed") for name in rows}

    chrome_lines = {
        text for a in articles.values() if a for text, reason in a["dropped"]
        if reason.startswith(_CHROME_REASONS) and len(text) > 3
    }
    tally: dict[str, Counter] = defaultdict(Counter)
    leaks, misses = [], []
    for name, row in sorted(rows.items()):
        article = articles[name]
        for group in (shapes[name], "all"):
            tally[group]["files"] += 1
        if article is None:
            misses.append((name, "unparsed", "", ""))
            continue
        date_ok = article["published"] == row["published"]
        title_ok = title_matches(article["title"], row)
        for group in (shapes[name], "all"):
            tally[group]["date"] += date_ok
            tally[group]["title"] += title_ok
            tally[group]["both"] += date_ok and title_ok
        if not date_ok:
            misses.append((name, "date", article["published"], row["published"]))
        if not title_ok:
            misses.append((name, "title", article["title"], " / ".join(filter(None, reference_slugs(row)))))
        for text in article["body"]:
            if cues.is_chrome(text) or text in chrome_lines:
                leaks.append((name, text))
                for group in (shapes[name], "all"):
                    tally[group]["chrome"] += 1

    how = f"({seconds:.1f} CPU s)" if seconds is not None else f"(as saved in {args.score})"
    print(f"{len(rows)} files from {args.corpus}, parsed without the manifest {how}\n")
    print(f"{'shape':<34} {'files':>5} {'title':>7} {'date':>7} {'both':>7} {'chrome lines in bodies':>24}")
    for group in sorted(tally, key=lambda g: (g == "all", g)):
        t = tally[group]
        n = t["files"]
        print(f"{group:<34} {n:>5} {t['title'] / n:>7.1%} {t['date'] / n:>7.1%} {t['both'] / n:>7.1%} "
              f"{t['chrome']:>24}")
    if args.show:
        print("\nmismatches:")
        for name, what, got, want in misses:
            print(f"  {what:<8} {name}\n           got  {got!r}\n           want {want!r}")
        print("\nchrome lines in bodies:")
        for name, text in leaks:
            print(f"  {name}: {text[:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
