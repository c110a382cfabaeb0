"""The ``geolib`` command: one subcommand per job, each explained by ``--help``.

``geolib --help`` lists the commands (``COMMANDS``, one line each) and where to start;
``geolib COMMAND --help`` documents every option. ``tests/test_cli.py`` fails on an
option without help text and on a command the top-level help leaves out.

Where things are (``geolib.paths``): inside a project (``$GEOLIB_HOME``, or the nearest
folder at or above the working folder holding ``data/raw``) the defaults are the
project's folders; outside one, commands read only what they are given, reference data
comes from the package and the cache goes to the user's cache folder, so every command
gives the same results from any folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from geolib.corpus import load_corpus, people
from geolib.engine import SCHEDULERS, Engine, EngineError
from geolib.errors import ArticleError, OutputError, show_warnings_as_lines
from geolib.files import output_folder
from geolib.model import Article
from geolib.output import ARTICLE_TABLES, FORMATS, RecordStream, TableFiles
from geolib.paths import in_project, project_root, raw_dir, user_cache
from geolib.pipeline import TABLES
from geolib.search import as_date
from geolib.sources import find_sources, parse_cached
from geolib.tableio import printable

EXIT_OK = 0
EXIT_FAILED = 1  # geolib itself failed
EXIT_UNREADABLE = 3  # the work is done, but some input files could not be read
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a command it interrupted


# One line per command, in the order ``geolib --help`` lists them.
COMMANDS = {
    "parse": "print one article as geolib reads it: metadata, paragraphs, dropped chrome",
    "quotes": "the quotes table: direct, partial and reported speech with speaker and role",
    "speakers": "the speakers table: each speaker of an article, role, affiliation, quote count",
    "figures": "the figures table: trade values and other amounts, with parties and year",
    "checks": "the checks table: each figure checked against the reference statistics",
    "stances": "the stances table: sentiment toward actors, stance on claims, hedging, with cues",
    "frames": "the frames table: uses of frames such as the \"reverse Nixon\", with their voice",
    "tables": "write every table for a corpus as CSV, JSON lines or Parquet",
    "search": "find quotes and reported speech by words, speaker, outlet and date",
    "manifest": "propose manifest.csv rows (outlet, date, URL, title) for review",
    "briefing": "run the notebooks on a corpus and rebuild every chart and the PDF",
}

DESCRIPTION = """\
Who said what about great-power politics in the news: geolib reads articles, finds
quotes, speakers, stances, trade figures and frames, and writes a briefing on them."""

EPILOG = """\
start here:
  geolib briefing                                    charts and the PDF for the project's data/raw
  geolib briefing --corpus ~/articles --out ~/brief  the same for any folder of articles
  geolib tables ~/articles --out ~/tables            every table, as CSV
  geolib search "sanctions" --speaker Putin          quotes by words and speaker
  geolib parse ARTICLE.txt --format text             how one article is read
  geolib COMMAND --help                              a command's options

PATHs are files, folders, globs, URLs that fsspec reads (s3://..., gs://...) and
WARC/WARC.GZ archives. Figures are checked against the reference statistics that ship
with geolib. Inside a project ($GEOLIB_HOME, or the nearest folder at or above this one
holding data/raw) the default corpus is its data/raw, tables go to data/processed, the
cache to data/cache, and CSV files in data/reference extend the reference statistics.
From any other folder geolib reads only what it is given and caches in
{cache}; results are the same.

exit status: 0 done; 3 done, but some files could not be read (each named on stderr);
1 geolib itself failed; 2 the command line was wrong or named no corpus.
"""


def version() -> str:
    """The installed geolib's version (its package metadata), else ``geolib.__version__``."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("geolib")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from geolib import __version__

        return __version__


def main(argv: Sequence[str] | None = None) -> int:
    show_warnings_as_lines()
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C: a file is replaced only by a run that finished
        _fail("interrupted; no file was replaced")
        return EXIT_INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geolib", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG.format(cache=user_cache()))
    parser.add_argument("--version", action="version", version=f"geolib {version()}",
                        help="print geolib's version and exit")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", title="commands")

    def command(name: str, **options) -> argparse.ArgumentParser:
        options.setdefault("description", _sentence(COMMANDS[name]))
        return commands.add_parser(name, help=COMMANDS[name], **options)

    parse = command("parse")
    parse.add_argument("file", type=Path, help="an article file (text, Markdown, HTML, ...)")
    parse.add_argument("--format", choices=["json", "text"], default="json",
                       help="json: the article as a JSON object (default); text: metadata, then "
                            "each paragraph with its kind and character offsets, then what was dropped")
    parse.set_defaults(run=_run_parse)

    for name in TABLES:
        table = command(name, description=f"{_sentence(COMMANDS[name])} One row a line, in input "
                                          "order, for the articles in each PATH.")
        table.add_argument("paths", nargs="+", metavar="PATH",
                           help="articles: files, folders, globs, URLs, WARC archives")
        table.add_argument("--format", choices=["jsonl", "csv"], default="jsonl",
                           help="jsonl: one JSON object a line (default); csv: a header, then rows")
        _engine_options(table)
        table.set_defaults(run=_run_table, table=name)

    tables = command("tables")
    tables.add_argument("paths", nargs="*", metavar="PATH",
                        help="articles: files, folders, globs, URLs, WARC archives "
                             "(default: the project's data/raw)")
    tables.add_argument("--out", type=Path, default=None,
                        help="folder for the tables (default: the project's data/processed, "
                             "./data/processed outside a project); each replaces its previous "
                             "file only once the run has finished")
    tables.add_argument("--format", choices=FORMATS, default="csv",
                        help="csv (lists as JSON strings), jsonl, or parquet (one folder per table, "
                             "partitioned by outlet and year, lists as lists)")
    tables.add_argument("--only", nargs="*", choices=list(TABLES), metavar="TABLE",
                        help=f"extraction tables to build ({', '.join(TABLES)}; default: all); "
                             "articles, paragraphs, dropped and errors are always written")
    _engine_options(tables)
    tables.set_defaults(run=_run_tables)

    search = command(
        "search", description="Find quotes and reported speech. Words match whole words in any order, "
                              "ignoring case and accents; a query in double quotation marks matches "
                              "as a phrase.")
    search.add_argument("text", nargs="?", default=None, help="words to find (optional)")
    search.add_argument("--corpus", action="append", type=Path, metavar="PATH",
                        help="an article file or folder (repeatable; default: the project's data/raw)")
    search.add_argument("--speaker", help="the speaker's name, or words of it ('Putin')")
    search.add_argument("--outlet", help="part of the outlet's name ('GZERO')")
    search.add_argument("--since", help="published on or after this date (YYYY-MM-DD or YYYY)")
    search.add_argument("--until", help="published on or before this date (YYYY-MM-DD or YYYY)")
    search.add_argument("--format", choices=["text", "jsonl", "csv"], default="text",
                        help="text: one line a quote (default); jsonl or csv: every column")
    search.set_defaults(run=_run_search)

    manifest = command(
        "manifest", description="Propose manifest.csv rows for the files in FOLDER that its manifest "
        "does not list, from their meta tags, front matter, bylines, datelines and file names. "
        "Printed as CSV unless --out or --write is given; rows already in the manifest are never "
        "changed.")
    manifest.add_argument("folder", type=Path, help="a folder of articles (its files, not subfolders)")
    manifest.add_argument("--out", type=Path, help="write the proposals to this CSV file instead")
    manifest.add_argument("--write", action="store_true",
                          help="append the proposals to FOLDER/manifest.csv (only new files' rows)")
    manifest.add_argument("--all", action="store_true",
                          help="also propose rows for files the manifest lists (to compare; never written)")
    manifest.set_defaults(run=_run_manifest)

    from geolib import briefing as briefing_module

    briefing = command(
        "briefing", description=briefing_module.__doc__.split("\n\n")[0],
        epilog=briefing_module.__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    briefing_module.add_arguments(briefing)
    briefing.set_defaults(run=briefing_module.run)
    return parser


def _sentence(line: str) -> str:
    """A command's one line as a sentence, for the top of its ``--help``."""
    return line[0].upper() + line[1:] + "."


def _engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--scheduler", metavar="S", default=None,
                         help=f"{'|'.join(SCHEDULERS)}|ADDRESS of a dask.distributed scheduler "
                              "(default: this process below 16 articles, else local processes)")
    command.add_argument("--jobs", type=int, default=None,
                         help="local worker processes or threads (default: one per CPU)")


def _fail(error: ArticleError | str) -> None:
    print(f"geolib: {error}", file=sys.stderr)


def _run_parse(args: argparse.Namespace) -> int:
    try:
        article = parse_cached(args.file)
    except ArticleError as error:
        _fail(error)
        return EXIT_UNREADABLE
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


def _found(paths: Sequence[str]):
    """The sources among ``paths``, with one line on stderr when there is none at all (an
    empty folder, or one of notes only): the run goes on, and its tables are empty."""
    found = find_sources(paths)
    if not found.sources and not found.problems:
        _fail(f"no article files in {', '.join(map(printable, paths))}; the tables are empty")
    return found


def _run_table(args: argparse.Namespace) -> int:
    found = _found(args.paths)
    stream = RecordStream(args.table, args.format)
    unreadable = 0
    for name, problem in found.problems:
        _fail(f"{name}: {problem}")
        unreadable += 1
    try:
        with Engine(args.scheduler, jobs=args.jobs) as engine:
            for result in engine.map(found.sources, [args.table]):
                if result.error is not None:
                    _fail(f"{result.error[0]}: {result.error[1]}")
                    unreadable += 1
                else:
                    stream.write(result.rows[args.table])
    except EngineError as error:
        _fail(error)
        return EXIT_FAILED
    stream.close()
    return _finish(unreadable)


def _text(value: object) -> str | None:
    """A table's cell as text; None for a missing one (None, or pandas's NaN)."""
    return None if value is None or pd.isna(value) else str(value)


def _finish(unreadable: int) -> int:
    """The exit status after a run over files: a summary line when some could not be read."""
    if not unreadable:
        return EXIT_OK
    _fail(f"done; {unreadable} file{'s' if unreadable != 1 else ''} could not be read (named above)")
    return EXIT_UNREADABLE


def _project_corpus(command: str, give: str) -> Path | None:
    """The project's ``data/raw``; outside a project, None after one line saying what to give."""
    if in_project():
        return raw_dir()
    _fail(f"{command}: no corpus given, and {printable(Path.cwd())} is not inside a geolib project "
          f"(no data/raw here or above; GEOLIB_HOME unset): {give}, or run inside a project")
    return None


def _run_tables(args: argparse.Namespace) -> int:
    if not args.paths:
        if (corpus := _project_corpus("tables", "name the articles (PATH ...)")) is None:
            return 2
        args.paths = [str(corpus)]
    if args.out is None:
        args.out = (project_root() or Path.cwd()) / "data" / "processed"
    try:
        output_folder(args.out, [Path(p) for p in args.paths])
    except OutputError as error:
        _fail(str(error))
        return 2
    extraction = args.only if args.only is not None else list(TABLES)
    found = _found(args.paths)
    failures = list(found.problems)
    names = [*ARTICLE_TABLES, "errors", *extraction]
    if "speakers" in extraction:  # per article as they come; people: one row per speaker, at the end
        names.append("people")
    article_speakers: list[dict] = []
    try:
        with Engine(args.scheduler, jobs=args.jobs, progress=True) as engine, \
                TableFiles(args.out, args.format, names) as files:
            for result in engine.map(found.sources, [*ARTICLE_TABLES, *extraction]):
                if result.error is not None:
                    failures.append(result.error)
                    continue
                for name, rows in result.rows.items():
                    files.write(name, rows, *result.partition)
                article_speakers.extend(result.rows.get("speakers", []))
            files.write("errors", [{"file": file, "problem": problem} for file, problem in failures])
            if "speakers" in extraction:
                files.write("people", people(pd.DataFrame(article_speakers)).to_dict("records"))
    except EngineError as error:
        _fail(error)
        return EXIT_FAILED
    for path, rows in files.paths().values():
        print(f"wrote {path} ({rows} rows)")
    for file, problem in failures:
        print(f"geolib: {printable(file)}: {problem}", file=sys.stderr)
    return _finish(len(failures))


def _run_search(args: argparse.Namespace) -> int:
    filters = {"speaker": args.speaker, "outlet": args.outlet, "since": args.since, "until": args.until}
    try:  # dates are checked before any work
        as_date(args.since), as_date(args.until, end=True)
    except ValueError as error:
        _fail(f"a date must be YYYY-MM-DD or YYYY ({error})")
        return 2
    if not args.corpus and _project_corpus("search", "give --corpus FOLDER") is None:
        return 2
    unreadable = 0
    for folder in args.corpus or [None]:
        with load_corpus(folder, progress=False) as corpus:
            for file, problem in corpus.failures:
                _fail(f"{file}: {problem}")
            if not corpus.items and not corpus.failures:
                _fail(f"no article files in {printable(corpus.folder)}")
            unreadable += len(corpus.failures)
            found = corpus.search(args.text, **filters)
        if args.format == "text":
            for row in found.itertuples():
                when = f"{_text(row.published) or 'undated'}, {_text(row.outlet) or 'unknown outlet'}"
                print(f"{row.speaker} ({row.kind}; {when}; {row.article_id}): “{row.text}”")
        else:
            stream = RecordStream("search", args.format)  # columns as the results have them
            stream.write(found.to_dict(orient="records"))
            stream.close()
    return _finish(unreadable)


def _run_manifest(args: argparse.Namespace) -> int:
    from geolib.files import article_files
    from geolib.parse.propose import append_rows, proposals_csv, propose_rows

    folder = args.folder
    if not folder.is_dir():
        _fail(f"{folder}: no such folder")
        return 1
    if args.write and (args.out or args.all):
        _fail("--write appends to the folder's manifest; it takes neither --out nor --all")
        return 1
    if args.out and folder.resolve() in args.out.resolve().parents:
        _fail(f"{args.out}: proposals go outside the corpus folder (use --write to append to its manifest)")
        return 1
    files = [f for f in article_files(folder) if f.parent == folder]
    try:
        proposals = propose_rows(files, parse_cached, every=args.all)
        for proposal in proposals:
            if proposal.problem:
                _fail(f"{folder / proposal.file}: {proposal.problem}")
        if args.write:
            added = append_rows(folder, proposals)
            print(f"appended {added} row(s) to {folder / 'manifest.csv'}")
            return 0
    except ArticleError as error:  # the folder's manifest itself cannot be read
        _fail(error)
        return 1
    text = proposals_csv(proposals)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {len(proposals)} proposal(s) to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
