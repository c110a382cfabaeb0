"""Where the project's folders are: raw data, derived data, reference data, reports."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The project folder: ``$GEOLIB_HOME``, else the nearest parent of the working
    directory holding ``data/raw``, else the working directory."""
    if home := os.environ.get("GEOLIB_HOME"):
        return Path(home).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return here


def raw_dir() -> Path:
    return project_root() / "data" / "raw"


def cache_dir() -> Path:
    return project_root() / "data" / "cache"


def reference_dir() -> Path:
    return project_root() / "data" / "reference"


def reports_dir() -> Path:
    return project_root() / "reports"


PACKAGE_DATA = Path(__file__).parent / "data"
