"""Dask, geolib's one engine: every article of a corpus is one task (on a distributed
scheduler, a few consecutive articles make one task: see below).

    sources ──(a task per article: read and parse it through the cache, then every
               requested table from one Analysis, each stage once)──> ArticleResult
            ──> rows streamed in order to files (``geolib.output``), pandas tables
                (``geolib.corpus``), or a Dask bag / Dask DataFrames (``Engine.bag``)

Schedulers (``Engine(scheduler)``):

* ``"synchronous"``: this process, one article after another (dask's synchronous scheduler);
* ``"threads"``: dask's threaded scheduler (the rules are pure Python and hold the
  interpreter lock, so this helps only a pipeline that releases it);
* ``"processes"``: a ``dask.distributed.LocalCluster`` of one single-threaded worker process
  per CPU. Futures stream results back in order as they finish and each worker keeps its
  spaCy pipeline across tasks (dask's multiprocessing scheduler would start a new pool,
  and build every pipeline again, for each computation). Its workers run without dask's
  sampling profiler (``WORKER_CONFIG``): it walks the task's stack 100 times a second,
  holding the interpreter lock the task needs, and keeps what it saw. Its workers start
  without the caller's main module (``main_left_alone``), so a script read from stdin, or
  one without an ``if __name__ == "__main__"`` guard, starts them as a notebook does;
* an address such as ``"tcp://10.0.0.5:8786"``: a running ``dask.distributed`` scheduler;
  or a ``distributed.Client`` the caller made.

The default (``None``) is ``"synchronous"`` below ``PARALLEL_FROM`` articles, where
starting processes costs more than it saves, and ``"processes"`` from there on.

On a distributed scheduler a task is a batch of up to ``MAX_BATCH`` consecutive articles
(``run_articles``), fewer for a corpus too small to give every worker several batches:
dask's own cost per task (the scheduler, the worker's event loop, the client's
future) is milliseconds, a tenth of an article's, and batches pay it once for several. Results
come back in order, but a new task is sent whenever any task finishes: a long article at the
head of the queue holds back what is yielded, not what the workers do (up to ``HOLD`` windows
of finished results are kept meanwhile). A batch whose worker dies is run again one article per
task, so only the article that kills a worker fails.

Heavy objects are built once per worker process, never pickled into tasks: the spaCy
pipeline (``geolib.nlp.get_nlp``, cached per process) and the reference tables, built on
every worker when the engine connects (``warm_up``) and lazily by a worker that joins
later. Each task carries the project folder (``home``) of the process that asked for it,
so every worker reads and writes the same cache (``data/cache``) and reference data
whatever folder it was started in: a rerun on any scheduler finds what an earlier run
cached, and skips it. Workers must run the same geolib code and see the same reference
data; ``Engine`` checks, and says so when not.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from geolib import cache, reference
from geolib.errors import ArticleError
from geolib.model import Article
from geolib.output import ARTICLE_TABLES, article_rows, partition_of
from geolib.paths import project_root
from geolib.pipeline import TABLES, analyse
from geolib.sources import Source, read_source

SCHEDULERS = ("processes", "threads", "synchronous")
PARALLEL_FROM = 16  # fewer articles than this: the default runs them in this process
IN_FLIGHT = 4  # tasks submitted ahead per worker thread: workers never wait, memory stays flat
MAX_BATCH = 8  # articles per task on a distributed scheduler (see ``batch_size``)
HOLD = 2  # on a distributed scheduler: tasks sent and not yet yielded, in windows of IN_FLIGHT per thread
# The dask configuration of the workers of a cluster the engine starts itself.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
# Its scheduler's HTTP routes (health, metrics; no dashboard) on any free local port: by default
# they ask for 8787 and warn, on the user's terminal, when another cluster has it.
SCHEDULER_OPTIONS = {"dashboard_address": "127.0.0.1:0"}


class EngineError(Exception):
    """The engine cannot run (no scheduler at the address, workers that differ from us)."""


@dataclass
class ArticleResult:
    """One article's rows for the tables asked for, or why its source could not be read."""

    name: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    partition: tuple[str | None, int | None] = (None, None)  # (outlet, year)
    error: tuple[str, str] | None = None  # (file, problem)
    article: Article | None = None  # when asked for (``keep_article``)


def run_article(item: Source | Article, tables: Sequence[str], home: str, cwd: str | None = None,
                keep_article: bool = False) -> ArticleResult:
    """The task: one article read (a ``Source``) or given (an ``Article``), then all of
    ``tables`` from one ``Analysis``. ``home`` and ``cwd`` are the caller's project folder
    and working folder (a relative path is read from there, and keeps its name). Never
    raises for a bad article: it becomes ``error``."""
    _use_project(home)
    name = item.name if isinstance(item, Source) else item.file
    try:
        article = read_source(item, cwd) if isinstance(item, Source) else item
        rows = article_rows(article, [t for t in tables if t in ARTICLE_TABLES])
        analysis = analyse(article)
        for table in tables:
            if table in TABLES:
                rows[table] = analysis.records(table)
    except ArticleError as error:
        return ArticleResult(name, error=(error.path, error.problem))
    except Exception as error:  # one odd article must not stop the corpus
        return ArticleResult(name, error=(name, f"unexpected {type(error).__name__}: {error}"))
    return ArticleResult(name, rows, partition_of(article), article=article if keep_article else None)


def run_articles(items: Sequence[Source | Article], tables: Sequence[str], home: str,
                 cwd: str | None = None, keep_article: bool = False) -> list[ArticleResult]:
    """The task of a batch: ``run_article`` on each of ``items``, in order."""
    return [run_article(item, tables, home, cwd, keep_article) for item in items]


def batch_size(n_items: int, threads: int) -> int:
    """Articles per task: ``MAX_BATCH``, or fewer so that each of ``threads`` worker threads
    gets at least ``IN_FLIGHT`` tasks (a small corpus still spreads over every worker)."""
    return max(1, min(MAX_BATCH, n_items // max(1, threads * IN_FLIGHT)))


def _use_project(home: str) -> None:
    """Make ``home`` this process's project folder (a worker started elsewhere)."""
    if str(project_root()) != home:
        os.environ["GEOLIB_HOME"] = home


def warm_up(home: str) -> tuple[str, str]:
    """Build this process's heavy objects; return what its results depend on (the code's
    and the reference data's fingerprints)."""
    from geolib.nlp import get_nlp

    _use_project(home)
    get_nlp()
    reference.reference_tables()
    return cache.code_fingerprint(), reference.fingerprint()


@contextmanager
def main_left_alone() -> Iterator[None]:
    """While open, a process started with multiprocessing's "spawn" (how dask starts its
    workers) does not run this process's main module again.

    Spawn runs the parent's ``__main__`` in each child, by module name (``python -m``) or by
    path, unless it has neither, as in the interactive interpreter or Jupyter
    (https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods).
    A script read from stdin (``python -``) has the path "<stdin>", no file, and its workers
    fail to start; a script without an ``if __name__ == "__main__"`` guard would run again in
    every worker. The workers need none of it: their tasks are geolib's functions, and dask
    pickles a caller's own functions by value. A worker its nanny starts again after it died
    runs the main module as spawn does (the caller's ``__file__`` is back by then)."""
    main = sys.modules.get("__main__")
    hidden = {key: main.__dict__[key] for key in ("__file__", "__spec__")
              if main is not None and key in main.__dict__}
    if main is not None:
        main.__dict__.pop("__file__", None)
        main.__spec__ = None
    try:
        yield
    finally:
        if main is not None:
            main.__dict__.update(hidden)
            if "__spec__" not in hidden:
                del main.__spec__


class Engine:
    """Runs ``run_article`` over many articles on one scheduler (see the module's doc).

    ``Engine(scheduler, jobs)``; ``jobs`` is the number of local worker processes or
    threads (default one per CPU); ``batch``, the articles per task on a distributed
    scheduler (default: ``batch_size``). Use as a context manager, or ``close()`` it: a local
    cluster it started is shut down then (one passed in or reached by address is not)."""

    def __init__(self, scheduler: Any = None, jobs: int | None = None, progress: bool = False,
                 batch: int | None = None) -> None:
        if isinstance(scheduler, str) and scheduler not in SCHEDULERS and "://" not in scheduler:
            raise EngineError(f"unknown scheduler {scheduler!r}: give one of {', '.join(SCHEDULERS)}, "
                              "or a dask.distributed scheduler's address such as tcp://127.0.0.1:8786")
        self.scheduler = scheduler
        self.jobs = jobs
        self.progress = progress
        self.batch = batch  # articles per distributed task (None: ``batch_size``)
        self.home = str(project_root())
        self.cwd = os.getcwd()
        self._client = None
        self._own: list = []  # a cluster and client this engine started, closed with it

    # -- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for thing in reversed(self._own):
            thing.close()
        self._own.clear()
        self._client = None

    def kind(self, n_items: int | None = None) -> str:
        """``"synchronous"``, ``"threads"`` or ``"distributed"`` for ``n_items`` articles."""
        scheduler = self.scheduler
        if scheduler is None:
            many = n_items is None or n_items >= PARALLEL_FROM or (self.jobs or 1) > 1
            scheduler = "processes" if many else "synchronous"
        if scheduler in ("synchronous", "threads"):
            return scheduler
        return "distributed"

    def client(self):
        """The ``distributed.Client`` of this engine, started or connected on first use."""
        if self._client is not None:
            return self._client
        from distributed import Client

        scheduler = self.scheduler
        if scheduler is None or scheduler == "processes":
            import dask
            from distributed import LocalCluster

            # each worker process is given this configuration, and none runs the caller's script
            with dask.config.set(WORKER_CONFIG), main_left_alone():
                cluster = LocalCluster(n_workers=self.jobs or default_jobs(), threads_per_worker=1,
                                       processes=True, dashboard_address=None, silence_logs=40,
                                       scheduler_kwargs=SCHEDULER_OPTIONS)
            client = Client(cluster)
            self._own += [cluster, client]
        elif isinstance(scheduler, str):
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"no dask scheduler answers at {scheduler} ({exc})") from None
            self._own.append(client)
        else:
            client = scheduler  # a Client the caller made
        if self.progress and scheduler not in (None, "processes"):  # a cluster of its own: no dashboard
            link = client.dashboard_link
            print(f"geolib: Dask dashboard: {link or 'none (the scheduler serves none)'}", file=sys.stderr)
        self._check_workers(client)
        self._client = client
        return client

    def _check_workers(self, client) -> None:
        """Build every worker's pipeline now (a worker that joins later builds its own on its
        first task), and refuse workers whose results would differ from this process's."""
        here = (cache.code_fingerprint(), reference.fingerprint())
        theirs = client.run(warm_up, self.home)
        if not theirs:
            raise EngineError(f"the dask scheduler at {client.scheduler.address} has no workers")
        for worker, seen in theirs.items():
            if tuple(seen) != here:
                what = "geolib code" if seen[0] != here[0] else "reference data (data/reference)"
                raise EngineError(f"worker {worker} runs other {what} than this process: install the "
                                  "same geolib and give workers the project folder")

    # -- running ------------------------------------------------------------------------
    def map(self, items: Sequence[Source | Article], tables: Sequence[str],
            keep_article: bool = False, label: str = "articles") -> Iterator[ArticleResult]:
        """``run_article`` over ``items``, results in the items' order as they finish; a few
        tasks ahead of the one awaited, never the whole corpus, are held at once."""
        items, tables = list(items), list(tables)
        kind = self.kind(len(items))
        if kind == "distributed":
            self.client()  # connected (and its dashboard named) before any progress bar starts
            results = self._map_distributed(items, tables, keep_article)
        else:
            results = self._map_local(kind, items, tables, keep_article)
        if not self.progress:
            yield from results
            return
        from tqdm import tqdm

        with tqdm(total=len(items), desc=label, unit="article", file=sys.stderr) as bar:
            for result in results:
                bar.update()
                yield result

    def _map_local(self, kind: str, items: list, tables: list[str], keep: bool) -> Iterator[ArticleResult]:
        if kind == "synchronous":  # what dask's synchronous scheduler does, without importing dask
            for item in items:
                yield run_article(item, tables, self.home, self.cwd, keep)
            return
        import dask.bag as db

        workers = self.jobs or default_jobs()
        chunk = workers * IN_FLIGHT
        for start in range(0, len(items), chunk):
            part = items[start:start + chunk]
            bag = db.from_sequence(part, npartitions=min(len(part), workers))
            bag = bag.map(run_article, tables, self.home, self.cwd, keep)
            yield from bag.compute(scheduler=kind, num_workers=workers)

    def _map_distributed(self, items: list, tables: list[str], keep: bool) -> Iterator[ArticleResult]:
        from distributed import wait

        client = self.client()
        threads = max(1, sum(client.nthreads().values()))
        window = IN_FLIGHT * threads  # tasks queued or running: no worker waits for its next
        size = self.batch or batch_size(len(items), threads)
        todo = (items[i:i + size] for i in range(0, len(items), size))
        sent: deque = deque()  # (batch, future) in the items' order, until yielded

        def top_up() -> None:
            running = sum(not future.done() for _, future in sent)
            for batch in islice(todo, max(0, min(window - running, HOLD * window - len(sent)))):
                future = client.submit(run_articles, batch, tables, self.home, self.cwd, keep, pure=False)
                sent.append((batch, future))

        top_up()
        while sent:
            batch, future = sent[0]
            if not future.done():  # the oldest still runs: the workers go on with the others
                wait([f for _, f in sent if not f.done()], return_when="FIRST_COMPLETED")
                top_up()
                continue
            sent.popleft()
            try:
                results = future.result()
            except Exception as exc:  # the worker died on it (out of memory, killed)
                results = self._one_by_one(client, batch, tables, keep) if len(batch) > 1 else \
                    [_failed(batch[0], exc)]
            future.release()
            top_up()
            yield from results

    def _one_by_one(self, client, batch: list, tables: list[str], keep: bool) -> list[ArticleResult]:
        """A failed batch again, one task per article: only the one its worker dies on fails."""
        futures = [client.submit(run_article, item, tables, self.home, self.cwd, keep, pure=False)
                   for item in batch]
        results = []
        for item, future in zip(batch, futures, strict=True):
            try:
                results.append(future.result())
            except Exception as exc:
                results.append(_failed(item, exc))
            future.release()
        return results

    def bag(self, items: Sequence[Source | Article], tables: Sequence[str], partition_size: int = 16):
        """A Dask bag of ``ArticleResult``s (lazy): every requested table from one task per
        article, for Dask DataFrames of many tables sharing one computation."""
        import dask.bag as db

        items = list(items)
        bag = db.from_sequence(items, partition_size=partition_size)
        return bag.map(run_article, list(tables), self.home, self.cwd, False)

    def compute(self, *collections: Any) -> tuple:
        """``dask.compute`` on this engine's scheduler (a local one, or its client)."""
        import dask

        kind = self.kind()
        if kind == "distributed":
            return tuple(self.client().compute(list(collections), sync=True))
        return dask.compute(*collections, scheduler=kind, num_workers=self.jobs or default_jobs())


def _failed(item: Source | Article, exc: Exception) -> ArticleResult:
    name = item.name if isinstance(item, Source) else item.file
    return ArticleResult(name, error=(name, f"its worker failed ({type(exc).__name__}: {exc})"))


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)

