"""An extraction table over many files, in worker processes, streamed in file order.

The rules are pure Python and hold the interpreter lock, so threads would not help:
each file goes to one of a pool of processes (the standard library's
``multiprocessing.Pool``, nothing of geolib's own), and results come back in the
files' order, a few at a time, so memory stays flat however many files there are.
Where processes can be forked, the pipeline is built once before the pool starts
and every worker inherits it.

A file that cannot be read yields its problem instead of records; the rest go on.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from geolib.corpus import article_files, parse_cached
from geolib.errors import ArticleError
from geolib.nlp import get_nlp
from geolib.pipeline import analyse

PARALLEL_FROM = 16  # fewer files than this: starting processes costs more than it saves
MAX_JOBS = 8
CHUNK = 4  # files a worker takes at a time


@dataclass
class FileRecords:
    """One file's records for a table, or the reason it could not be read."""

    path: Path
    records: list[dict] = field(default_factory=list)
    problem: str | None = None  # "data/raw/x.txt: the file is empty" when it failed


def default_jobs() -> int:
    """The CPUs this process may use, at most ``MAX_JOBS``."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        usable = os.cpu_count() or 1
    return max(1, min(usable, MAX_JOBS))


def table_records(
    paths: str | Path | Iterable[str | Path], table: str, jobs: int | None = None
) -> Iterator[FileRecords]:
    """Records of extraction table ``table`` for every article file among ``paths``, in order.

    ``jobs`` is the number of worker processes; by default one per usable CPU when there
    are at least ``PARALLEL_FROM`` files, else none (the work runs in this process)."""
    files = list(article_files(paths))
    if jobs is None:
        jobs = default_jobs() if len(files) >= PARALLEL_FROM else 1
    work = partial(file_records, table=table)
    if jobs <= 1 or len(files) <= 1:
        yield from map(work, files)
        return
    context = _fork_context()
    if context is not None:
        get_nlp()  # built once, before forking: every worker inherits it
    pool = (context or multiprocessing.get_context()).Pool(min(jobs, len(files)), initializer=_start_worker)
    try:
        yield from pool.imap(work, files, chunksize=CHUNK)
    except BaseException:
        pool.terminate()
        raise
    pool.close()
    pool.join()


def file_records(path: Path, table: str) -> FileRecords:
    """One file, parsed and extracted through the cache; any failure becomes its problem."""
    try:
        article = parse_cached(path)
        return FileRecords(path, analyse(article).records(table))
    except ArticleError as error:
        return FileRecords(path, problem=str(error))
    except Exception as error:  # one odd file must not stop the rest
        return FileRecords(path, problem=f"{path}: unexpected {type(error).__name__}: {error}")


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Forking where it is safe and available (Linux): workers start at once, pipeline built."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _start_worker() -> None:
    get_nlp()  # a spawned worker builds its own pipeline, once
