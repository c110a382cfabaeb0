"""The ``geolib`` command.

    geolib parse FILE [--format json|text]
    geolib quotes|speakers|figures|stances|frames PATH... [--format jsonl|csv] [--jobs N]
    geolib tables [FOLDER] [--out DIR]
    geolib briefing [--corpus FOLDER] [--articles ID ...] [--out FOLDER]

Table commands stream: one article is read, written and forgotten at a time (from
16 files on, in worker processes, one per CPU; output stays in file order).
A file that cannot be read gets one line on stderr; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from geolib.corpus import TABLES, load_corpus, parse_cached
from geolib.errors import ArticleError
from geolib.model import Article
from geolib.workers import table_records


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geolib", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="print one parsed article")
    parse.add_argument("file", type=Path)
    parse.add_argument("--format", choices=["json", "text"], default="json")
    parse.set_defaults(run=_run_parse)

    for name in TABLES:
        table = commands.add_parser(name, help=f"the {name} table for files and folders")
        table.add_argument("paths", nargs="+", type=Path)
        table.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        table.add_argument("--jobs", type=int, default=None,
                           help="worker processes (default: one per CPU from 16 files on)")
        table.set_defaults(run=_run_table, table=name)

    tables = commands.add_parser("tables", help="write every corpus table as CSV")
    tables.add_argument("folder", nargs="?", type=Path, default=Path("data/raw"))
    tables.add_argument("--out", type=Path, default=Path("data/processed"))
    tables.add_argument("--only", nargs="*", choices=list(TABLES), help="extraction tables to build")
    tables.set_defaults(run=_run_tables)

    from geolib import briefing as briefing_module

    briefing = commands.add_parser(
        "briefing", help="run the notebooks on a corpus and rebuild every chart and the PDF",
        description=briefing_module.__doc__.split("\n\n")[0],
        epilog=briefing_module.__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    briefing_module.add_arguments(briefing)
    briefing.set_defaults(run=briefing_module.run)
    return parser


def _fail(error: ArticleError | str) -> None:
    print(f"geolib: {error}", file=sys.stderr)


def _run_parse(args: argparse.Namespace) -> int:
    try:
        article = parse_cached(args.file)
    except ArticleError as error:
        _fail(error)
        return 1
    if args.format == "json":
        json.dump(article.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_as_text(article))
    return 0


def _as_text(article: Article) -> str:
    meta = article.to_dict()
    lines = [f"{key}: {meta[key]}" for key in meta if key not in ("paragraphs", "dropped")]
    lines.append(f"format: {article.source_format}; offsets into: {article.offsets_base}")
    lines += [f"warning: {w}" for w in article.warnings]
    lines.append("")
    for paragraph in article.paragraphs:
        lines.append(f"[{paragraph.kind} {paragraph.start}-{paragraph.end}] {paragraph.text}")
    lines.append("")
    for dropped in article.dropped:
        lines.append(f"(dropped {dropped.start}-{dropped.end}: {dropped.reason}) {dropped.text}")
    return "\n".join(lines) + "\n"


def _run_table(args: argparse.Namespace) -> int:
    writer = _RecordWriter(args.format)
    status = 0
    for result in table_records(args.paths, args.table, args.jobs):
        if result.problem is not None:
            _fail(result.problem)
            status = 1
        for record in result.records:
            writer.write(record)
    return status


class _RecordWriter:
    """Writes records to stdout as JSON lines or CSV (header from the first record)."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.csv: csv.DictWriter | None = None

    def write(self, record: dict) -> None:
        if self.fmt == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            return
        if self.csv is None:
            self.csv = csv.DictWriter(sys.stdout, fieldnames=list(record), extrasaction="ignore")
            self.csv.writeheader()
        self.csv.writerow({k: _cell(v) for k, v in record.items()})


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _run_tables(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.folder, progress=True)
    args.out.mkdir(parents=True, exist_ok=True)
    tables = {
        "articles": corpus.articles, "paragraphs": corpus.paragraphs,
        "dropped": corpus.dropped, "errors": corpus.errors,
    }
    for name in args.only if args.only is not None else TABLES:
        tables[name] = corpus.table(name)
    for name, frame in tables.items():
        path = args.out / f"{name}.csv"
        frame.map(_cell).to_csv(path, index=False)
        print(f"wrote {path} ({len(frame)} rows)")
    for file, problem in corpus.failures:
        print(f"geolib: {file}: {problem}", file=sys.stderr)
    return 1 if corpus.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
