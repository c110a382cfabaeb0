"""Where articles come from, and reading each one into an ``Article`` through the cache.

``find_sources(paths)`` turns what a user names into ``Source``s, one per article:

* local files, folders (searched recursively; hidden files and notes such as
  ``manifest.csv`` skipped) and globs (``news/2024-*.html``);
* URLs that fsspec reads (``s3://bucket/news/``, ``gs://...``, a glob in either) when the
  user has installed the package for the scheme (s3fs, gcsfs); when not, one line says
  which package to install;
* the HTML responses of WARC and WARC.GZ news archives (``geolib.sources.warc``).

``read_source(source)`` parses one. Local files keep the local reader (``parse_cached``:
``read_raw`` and the manifest beside the file), so their offsets and errors are exactly
``geolib.parse.read_article``'s; remote bytes and archive records are decoded the same
way (``geolib.reading.raw_from_bytes``) and parsed by the same parser.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geolib import cache
from geolib.errors import ArticleError
from geolib.files import NOT_ARTICLES, article_files
from geolib.model import Article
from geolib.parse import parse_raw
from geolib.parse.manifest import MANIFEST_NAME, ManifestEntry, load_manifest
from geolib.reading import raw_from_bytes, read_raw
from geolib.sources import remote, warc
from geolib.sources.caching import cached_article


@dataclass(frozen=True)
class Source:
    """One article to read: a local file, a remote file (a URL), or one record of a WARC
    archive (``location`` is then the archive's, ``record`` its number, ``offset`` where it starts)."""

    location: str
    record: int | None = None
    offset: int = 0

    @property
    def name(self) -> str:
        """How errors and ``Article.file`` name it."""
        return self.location if self.record is None else warc.record_name(self.location, self.record)


@dataclass
class Found:
    """The sources among the paths given, and what could not be listed (name, problem)."""

    sources: list[Source]
    problems: list[tuple[str, str]]


def find_sources(paths: str | Path | Iterable[str | Path]) -> Found:
    """Every article among ``paths``, in the order given (a folder's or glob's files in name
    order); a path that does not exist is kept, so reading it names the problem."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    sources: list[Source] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        try:
            for location in _files(str(path)):
                if warc.is_archive(location):
                    _add_records(location, sources, problems)
                else:
                    sources.append(Source(location))
        except ArticleError as error:
            problems.append((error.path, error.problem))
    return Found(sources, problems)


def _files(path: str) -> Iterator[str]:
    if remote.is_url(path):
        yield from remote.list_files(path, NOT_ARTICLES)
    elif any(char in path for char in "*?[") and not Path(path).exists():
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            raise ArticleError(path, "matches no file")
        for match in matches:
            yield from map(str, article_files(match))
    else:
        yield from map(str, article_files(path))


def _add_records(archive: str, sources: list[Source], problems: list[tuple[str, str]]) -> None:
    for entry in warc.scan(archive):
        if entry.problem is None:
            sources.append(Source(archive, entry.number, entry.offset))
        else:
            problems.append((warc.record_name(archive, entry.number), entry.problem))


def read_source(source: Source, cwd: str | None = None) -> Article:
    """The article ``source`` holds, through the cache; ArticleError naming it when it has none.

    ``cwd``: the folder a relative path was given in (a worker process may run elsewhere);
    the article, its errors and the reader's warnings keep the path as given (read from
    here as given when this process runs in that folder, as every local worker does)."""
    location = source.location
    if not remote.is_url(location) and cwd is not None and not Path(location).is_absolute() \
            and cwd != os.getcwd():
        location = str(Path(cwd) / location)
    try:
        if source.record is not None:
            article = warc.read_record(location, source.record, source.offset)
            article.file = source.name
            return article
        if remote.is_url(location):
            return _read_remote(location)
        return parse_cached(Path(location), name=source.location)
    except ArticleError as error:
        if location == source.location:
            raise
        raise ArticleError(error.path.replace(location, source.location, 1), error.problem) from None


def parse_cached(path: Path, name: str | None = None) -> Article:
    """``read_article`` through the cache (keyed by content, manifest row and code);
    ``name``: how the article names its file (default: ``path``)."""
    raw = read_raw(path)
    entry = _manifest(path.parent).get(path.name)
    key = cache.cache_key(raw.sha256, entry, path.resolve())
    file = name if name is not None else str(path)

    def build() -> Article:
        article = parse_raw(raw, entry)
        article.file = file
        return article

    return cached_article(key, file, build)


def _manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The folder's manifest, read once per process for each state of the file (read for
    every article, a manifest of n rows cost n times n rows)."""
    try:
        stat = (folder / MANIFEST_NAME).stat()
        state = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        state = None
    return _read_manifest(str(folder.resolve()), state)


@lru_cache(maxsize=16)
def _read_manifest(folder: str, _state: tuple[int, int] | None) -> dict[str, ManifestEntry]:
    return load_manifest(folder)


def _read_remote(url: str) -> Article:
    data = remote.read_bytes(url)
    try:
        raw = raw_from_bytes(Path(url.rsplit("/", 1)[-1]), data)
        key = cache.cache_key(raw.sha256, url)

        def build() -> Article:
            article = parse_raw(raw, None)
            article.file = url
            return article

        return cached_article(key, url, build)
    except ArticleError as error:  # named by the URL, not the path-like name parsing used
        raise ArticleError(url, error.problem) from None
