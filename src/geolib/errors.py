"""Errors and warnings geolib raises for input it cannot use (or can use only in part)."""

from __future__ import annotations

import contextlib
import sys
import warnings

from geolib.tableio import printable


class ArticleError(Exception):
    """A file that cannot be read as an article; the message names the file and the problem.

    ``path`` is the name as given; the message escapes control characters in it, so that a
    hostile file name cannot reach a terminal raw."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{printable(self.path)}: {problem}")


class OutputError(Exception):
    """An output folder geolib must not or cannot write; the message says which and why."""


class GeolibWarning(UserWarning):
    """Input geolib could use only in part (a manifest row ignored, bytes replaced, ...).

    The message is one line naming the file and the problem."""


def show_warnings_as_lines(stream=None) -> None:
    """Print geolib's warnings as ``geolib: <message>`` lines (on stderr by default)
    instead of Python's two-line form with a source line; other warnings are unchanged.
    Meant for command-line entry points."""
    original = warnings.showwarning
    if getattr(original, "_geolib", False):
        return

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, GeolibWarning):
            target = file or stream or sys.stderr
            with contextlib.suppress(OSError):  # a closed stderr must not stop the run
                target.write(f"geolib: {message}\n")
            return
        original(message, category, filename, lineno, file, line)

    show._geolib = True  # type: ignore[attr-defined]
    warnings.showwarning = show
