"""Reading a raw file into text, refusing what cannot be an article."""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from geolib.errors import ArticleError

MAX_BYTES = 20 * 1024 * 1024
# Share of control characters (other than whitespace) above which text is not prose.
MAX_CONTROL_SHARE = 0.01
# Unicode category Cc minus the characters ``str.isspace`` accepts (tab, newline, ...).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


class LegacyEncodingWarning(UserWarning):
    """A file was read in a legacy encoding (cp1252) instead of UTF-8."""


@dataclass(frozen=True)
class RawText:
    """A raw file's decoded text, with what is needed to trace it back."""

    path: Path
    text: str
    encoding: str
    sha256: str


def read_raw(path: str | Path) -> RawText:
    """Decode ``path`` or raise ArticleError naming the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(path, "no such file")
    if path.is_dir():
        raise ArticleError(path, "is a folder, not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(path, f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return raw_from_bytes(path, data)


def raw_from_bytes(path: str | Path, data: bytes) -> RawText:
    """Decode bytes read elsewhere (a remote file, an archive record) as ``read_raw`` decodes
    a file's, refusing the same input; ``path`` names them in errors."""
    path = Path(path)
    if len(data) > MAX_BYTES:
        limit = f"the limit is {MAX_BYTES / 1e6:.0f} MB"
        raise ArticleError(path, f"too large ({len(data) / 1e6:.1f} MB; {limit})")
    if not data:
        raise ArticleError(path, "is empty")
    if b"\x00" in data[:65536]:
        raise ArticleError(path, "looks binary (contains NUL bytes), not text")
    text, encoding = _decode(path, data)
    if not text.strip():
        raise ArticleError(path, "contains only whitespace")
    control = len(_CONTROL.findall(text))
    if control / len(text) > MAX_CONTROL_SHARE:
        raise ArticleError(path, f"looks binary ({control} control characters), not text")
    return RawText(path, text, encoding, hashlib.sha256(data).hexdigest())


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else cp1252 with a warning when it decodes cleanly."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ArticleError(
                path,
                f"is not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset "
                f"{utf8_error.start}) nor cleanly decodable as cp1252/latin-1",
            ) from None
        warnings.warn(
            f"{path}: not UTF-8; read as cp1252 (Windows Latin-1)",
            LegacyEncodingWarning,
            stacklevel=3,
        )
        return text, "cp1252"
