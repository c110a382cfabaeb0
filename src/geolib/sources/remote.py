"""Files named by URL (``s3://bucket/news/``, ``gs://...``, ``memory://...``), read through fsspec.

fsspec knows every scheme; the package that reads one (s3fs, gcsfs, ...) is the user's to
install. When it is missing, ``MissingBackend`` says in one line which package to install.
"""

from __future__ import annotations

from typing import IO

from geolib.errors import ArticleError


def is_url(name: str) -> bool:
    """A name with a scheme other than ``file://`` (local paths keep the local reader)."""
    scheme, sep, _ = name.partition("://")
    return bool(sep) and scheme.isidentifier() and scheme != "file"


def filesystem(url: str):
    """``(fs, path)`` for ``url``; ArticleError naming the package to install when fsspec
    has no backend for the scheme here."""
    import fsspec
    from fsspec.registry import known_implementations

    scheme = url.partition("://")[0]
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError:
        known = known_implementations.get(scheme, {})
        package = known.get("class", "").split(".")[0] or f"an fsspec backend for {scheme}://"
        raise ArticleError(url, f"reading {scheme}:// URLs needs the {package} package "
                                f"(pip install {package})") from None
    except ValueError as exc:  # fsspec: "Protocol not known"
        raise ArticleError(url, f"no reader for {scheme}:// URLs ({exc})") from None


def list_files(url: str, skip: set[str]) -> list[str]:
    """The files a URL names: itself, every file under it (a folder), or a glob's matches;
    hidden files and the names in ``skip`` left out, in name order."""
    fs, path = filesystem(url)
    try:
        if any(char in path for char in "*?["):
            found = [p for p in fs.glob(path) if fs.isfile(p)]
        elif fs.isdir(path):
            found = fs.find(path)
        elif fs.exists(path):
            found = [path]
        else:
            raise ArticleError(url, "no such file or folder")
    except OSError as exc:
        raise ArticleError(url, f"cannot be listed ({exc})") from None
    kept = [p for p in found if p.rsplit("/", 1)[-1] not in skip
            and not any(part.startswith(".") for part in p[len(path):].split("/"))]
    return [fs.unstrip_protocol(p) for p in sorted(kept)]


def open_binary(name: str) -> IO[bytes]:
    """A local path or URL opened for reading bytes (seekable)."""
    if not is_url(name):
        return open(name.removeprefix("file://"), "rb")
    fs, path = filesystem(name)
    return fs.open(path, "rb")


def read_bytes(url: str) -> bytes:
    fs, path = filesystem(url)
    try:
        return fs.cat_file(path)
    except FileNotFoundError:
        raise ArticleError(url, "no such file") from None
    except OSError as exc:
        raise ArticleError(url, f"cannot be read ({exc})") from None
