"""Finding the article files among the paths a user gives, and checking the folder
geolib is asked to write its tables to.

A folder is searched recursively, in name order. Left out: hidden files and folders,
notes about the articles (``NOT_ARTICLES``), and geolib's own outputs and caches (a
``data/cache`` or ``data/processed`` folder, any folder tagged as a cache with
``CACHEDIR.TAG``), which a later run would otherwise read as articles. Everything else
is an article file, pipes, devices and broken links included: the reader refuses those
with a line naming the file, where skipping them here would hide them.

An output folder must not be, or be inside, a raw folder (``data/raw``, the project's raw
folder, the folder being read): geolib never writes beside the articles.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from geolib.cache import is_cache_folder
from geolib.errors import GeolibWarning, OutputError
from geolib.parse.manifest import MANIFEST_NAME
from geolib.paths import project_root
from geolib.tableio import printable

# Files in a raw folder that are notes about the articles, not articles.
NOT_ARTICLES = {MANIFEST_NAME, "README.md", "README.txt", "NOTES.md"}
# Folders geolib writes in a project (``data/cache``, ``data/processed``), as (parent, name).
OWN_FOLDERS = {("data", "cache"), ("data", "processed")}


def article_files(paths: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Article files among ``paths``: files as given, folders searched recursively
    (see the module's docstring for what is skipped), in name order."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(_search(path, set()))
        else:
            yield path


def is_skipped_folder(folder: Path) -> bool:
    """Whether a folder inside a corpus is hidden or one of geolib's outputs or caches."""
    return (
        folder.name.startswith(".")
        or (folder.parent.name, folder.name) in OWN_FOLDERS
        or is_cache_folder(folder)
    )


def _search(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:  # a link back up the tree: searched already
            return
        seen.add((info.st_dev, info.st_ino))
        entries = list(os.scandir(folder))
    except OSError as error:
        warnings.warn(f"{printable(folder)}: cannot list the folder ({error.strerror or error}); skipped",
                      GeolibWarning, stacklevel=3)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            if not is_skipped_folder(path):
                yield from _search(path, seen)
        elif entry.name not in NOT_ARTICLES:
            yield path


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows links: a linked folder of articles is searched
    except OSError:
        return False


def output_folder(out: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """``out``, created if need be and checked writable, or OutputError saying in one line
    why not: it is or is inside a raw folder (any ``data/raw``, the project's, or one of the
    folders in ``inputs``), it is a file, or it cannot be created or written."""
    out = Path(out)
    target = out.resolve()
    root = project_root()
    raw_folders = [Path(p).resolve() for p in inputs if Path(p).is_dir()]
    if root is not None:
        raw_folders.append((root / "data" / "raw").resolve())
    inside = next((f for f in raw_folders if target == f or f in target.parents), None)
    parts = target.parts
    if inside is None and any(parts[i : i + 2] == ("data", "raw") for i in range(len(parts) - 1)):
        inside = next(p for p in (target, *target.parents) if p.name == "raw" and p.parent.name == "data")
    if inside is not None:
        raise OutputError(f"--out {printable(out)}: refusing to write inside the raw folder "
                          f"{printable(inside)}; geolib never writes beside the articles")
    if target.exists() and not target.is_dir():
        raise OutputError(f"--out {printable(out)}: is a file, not a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as error:
        raise OutputError(f"--out {printable(out)}: cannot write there ({error.strerror or error})") from None
    return out
