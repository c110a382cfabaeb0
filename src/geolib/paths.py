"""Where the project's folders are: raw data, derived data, reference data, reports.

A project is ``$GEOLIB_HOME``, or else the nearest folder at or above the working
directory that holds ``data/raw``. Outside a project nothing is written beside the
articles: the cache goes to the user's cache folder (``platformdirs``), reference data
comes from the package, reports go to ``./reports``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir

PACKAGE_DATA = Path(__file__).parent / "data"


def project_root() -> Path | None:
    """The project folder: ``$GEOLIB_HOME``, else the nearest parent of the working
    directory holding ``data/raw``; None when there is neither (not in a project)."""
    if home := os.environ.get("GEOLIB_HOME"):
        return _resolved(home, "" if os.path.isabs(home) else os.getcwd())
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return None


@lru_cache(maxsize=16)
def _resolved(home: str, cwd: str) -> Path:
    """``home`` resolved (from ``cwd`` when relative), once per process: every cache read
    and write asks for the project folder, and resolving a path reads each of its folders."""
    return (Path(cwd) / home).resolve()


def in_project() -> bool:
    return project_root() is not None


def raw_dir() -> Path:
    """The project's ``data/raw``; outside a project, ``./data/raw`` (absent: reading it
    reports that there is no such folder)."""
    return (project_root() or Path.cwd()) / "data" / "raw"


def user_cache() -> Path:
    """The user's cache folder for geolib (``platformdirs``: ``~/.cache/geolib`` on Linux)."""
    return Path(user_cache_dir("geolib", appauthor=False))


def cache_dir() -> Path:
    """The project's ``data/cache``; outside a project, the user's cache folder for geolib,
    never a folder beside the articles (a later run would read the cache as articles)."""
    root = project_root()
    return _cache_in(root) if root is not None else user_cache()


@lru_cache(maxsize=16)
def _cache_in(root: Path) -> Path:  # asked for at every cache read and write
    return root / "data" / "cache"


def reference_dir() -> Path:
    """The project's ``data/reference``; outside a project, the package's reference data
    folder (``geolib/data/reference``; when the package ships none, no figure is checked)."""
    root = project_root()
    return root / "data" / "reference" if root is not None else PACKAGE_DATA / "reference"


def reports_dir() -> Path:
    """The project's ``reports``; outside a project, ``./reports``."""
    return (project_root() or Path.cwd()) / "reports"


def notebooks_dir() -> Path:
    """The project's ``notebooks``; outside a project, ``./notebooks``."""
    return (project_root() or Path.cwd()) / "notebooks"
