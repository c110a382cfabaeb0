"""Reading a raw file into text, refusing what cannot be an article.

Only regular files are read (a link is followed only to a regular file): a named pipe
would block, a device never end. No read goes past ``MAX_BYTES`` + 1 bytes, whatever size
the file claims. The text is UTF-8 (a byte-order mark removed), UTF-16 or UTF-32 with a
byte-order mark, or else cp1252; a few bytes that none of these can decode are replaced by
U+FFFD and reported in ``RawText.warnings`` with their positions, but a file with more than
``MAX_UNDECODABLE_SHARE`` of them is refused. Every offset geolib records indexes
``RawText.text``, the decoded text (see ``geolib.model``); ``decoded_text`` gives it back.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from geolib.errors import ArticleError, GeolibWarning
from geolib.tableio import printable

MAX_BYTES = 20_000_000  # "over 20 MB" in the README and in the message
# Share of control characters (other than whitespace) above which text is not prose.
MAX_CONTROL_SHARE = 0.01
# Share of undecodable byte sequences up to which they are replaced rather than the file refused
# (one in a hundred bytes: a stray byte or two in an article, never a binary file).
MAX_UNDECODABLE_SHARE = 0.01
REPORTED_POSITIONS = 10  # positions listed in a warning; the count is always given
# Unicode category Cc minus the characters ``str.isspace`` accepts (tab, newline, ...).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_REPLACEMENT = "\ufffd"
# Byte-order marks, longest first: UTF-32-LE's begins with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # the five bytes cp1252 leaves undefined


class LegacyEncodingWarning(GeolibWarning):
    """A file was read in a legacy encoding (cp1252) instead of UTF-8."""


class ReplacedBytesWarning(GeolibWarning):
    """A few undecodable bytes of a file were replaced by U+FFFD."""


@dataclass(frozen=True)
class RawText:
    """A raw file's decoded text, with what is needed to trace it back."""

    path: Path
    text: str
    encoding: str  # "utf-8", "utf-16-le", ..., or "cp1252"
    sha256: str
    # What the reader had to do to the bytes (replacements, a legacy encoding, a BOM removed).
    warnings: tuple[str, ...] = field(default=())


def read_raw(path: str | Path) -> RawText:
    """Decode ``path`` or raise ArticleError naming the file and the problem."""
    path = Path(path)
    return raw_from_bytes(path, read_bytes(path))


def raw_from_bytes(path: str | Path, data: bytes) -> RawText:
    """Decode bytes read elsewhere (a remote file, an archive record) as ``read_raw`` decodes
    a file's, refusing the same input; ``path`` names them in errors."""
    path = Path(path)
    if len(data) > MAX_BYTES:
        limit = f"the limit is {MAX_BYTES / 1e6:.0f} MB"
        raise ArticleError(path, f"too large ({len(data) / 1e6:.1f} MB; {limit})")
    if not data:
        raise ArticleError(path, "is empty")
    text, encoding, notes = decode(path, data)
    if not text.strip():
        raise ArticleError(path, "contains only whitespace")
    control = len(_CONTROL.findall(text))
    if control / len(text) > MAX_CONTROL_SHARE:
        raise ArticleError(path, f"looks binary ({control} control characters), not text")
    return RawText(path, text, encoding, hashlib.sha256(data).hexdigest(), tuple(notes))


def decoded_text(path: str | Path) -> str:
    """The text every offset geolib records for ``path`` indexes (``read_raw(path).text``)."""
    return read_raw(path).text


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit``; ArticleError otherwise.

    The file is opened without blocking and checked again once open, so a pipe or device
    swapped in after the first check is refused too; at most ``limit + 1`` bytes are read
    even when the file claims a smaller size (files in /proc, a file still growing)."""
    path = Path(path)
    _check_regular(path, _stat(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    with open(descriptor, "rb", buffering=0) as handle:
        try:
            info = os.fstat(descriptor)
            _check_regular(path, info)
            _check_size(path, info.st_size, limit)
            data = _read_at_most(handle, limit + 1)
        except OSError as exc:
            raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise ArticleError(path, f"too large (over {_megabytes(limit)}; the limit is {_megabytes(limit)})")
    return data


def _read_at_most(handle, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleError(path, f"is a broken link (to {printable(os.readlink(path))})") from None
        raise ArticleError(path, "no such file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(path: Path, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "not a regular file")
    if os.path.islink(path):
        target = printable(os.path.realpath(path))
        raise ArticleError(path, f"is a link to {kind} ({target}), not to a regular file")
    if kind == "a folder":
        raise ArticleError(path, "is a folder, not a file")
    raise ArticleError(path, f"is {kind}, not a regular file")


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise ArticleError(path, f"too large ({size / 1e6:.1f} MB; the limit is {_megabytes(limit)})")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1_000_000 else f"{size} bytes"


# ------------------------------------------------------------------------------ decoding
def decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """``data`` as text, its encoding and notes on what was done to it; ArticleError when
    it is binary or undecodable.

    UTF-8 first (the fast, usual case). Failing that, a byte-order mark decides; else the
    text is UTF-8 with a few bad bytes when it holds more well-formed multi-byte sequences
    than bad ones, and cp1252 (Windows' superset of latin-1's printable characters)
    otherwise. Whatever the encoding, a few undecodable sequences become U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(path, data, bom, encoding)
    if b"\x00" in data[:65536]:
        raise ArticleError(path, "looks binary (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        first_bad = error.start
    allowed = _allowed(data)
    utf8 = _decode_replacing(data, "utf-8", allowed)
    if utf8 is not None and _multibyte_chars(utf8[0]) > utf8[1]:
        text, bad = utf8
        return text, "utf-8", [_replaced_note(path, text, bad, "UTF-8")]
    cp1252 = _decode_replacing(data, "cp1252", allowed)
    if cp1252 is None:
        undefined = sum(data.count(byte) for byte in _CP1252_UNDEFINED)
        raise ArticleError(
            path,
            f"is not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}), and not "
            f"cp1252/latin-1 text either ({undefined} of its {len(data)} bytes are undefined in "
            f"cp1252 and control codes in latin-1); it may be binary or in another encoding",
        )
    text, bad = cp1252
    notes = ["not UTF-8; read as cp1252 (Windows-1252, which latin-1 text also is)"]
    warnings.warn(f"{printable(path)}: {notes[0]}", LegacyEncodingWarning, stacklevel=3)
    if bad:
        notes.append(_replaced_note(path, text, bad, "cp1252"))
    return text, "cp1252", notes


def _decode_with_bom(path: Path, data: bytes, bom: bytes, encoding: str) -> tuple[str, str, list[str]]:
    decoded = _decode_replacing(data[len(bom) :], encoding, _allowed(data))
    name = encoding.upper().replace("-LE", "").replace("-BE", "")
    if decoded is None:
        raise ArticleError(path, f"starts with a {name} byte-order mark but is not valid {name}")
    text, bad = decoded
    if "\x00" in text[:65536]:
        raise ArticleError(path, "looks binary (contains NUL characters), not text")
    notes = [f"starts with a {name} byte-order mark; offsets index the decoded text after it"]
    if bad:
        notes.append(_replaced_note(path, text, bad, name))
    return text, encoding, notes


def _allowed(data: bytes) -> int:
    return max(1, int(len(data) * MAX_UNDECODABLE_SHARE))


class _TooManyErrors(Exception):
    pass


def _decode_replacing(data: bytes, encoding: str, allowed: int) -> tuple[str, int] | None:
    """``data`` decoded with every undecodable sequence replaced by U+FFFD, and how many
    there were; None as soon as there are more than ``allowed`` (a binary file is not
    decoded to the end)."""
    count = 0

    def replace(error: UnicodeDecodeError) -> tuple[str, int]:
        nonlocal count
        count += 1
        if count > allowed:
            raise _TooManyErrors
        return _REPLACEMENT, error.end

    _HANDLER.append(replace)
    try:
        return data.decode(encoding, errors="geolib-count"), count
    except _TooManyErrors:
        return None
    finally:
        _HANDLER.pop()


# The codec registry takes one handler per name for good; the current call's goes on a stack.
_HANDLER: list = []


def _dispatch(error: UnicodeDecodeError) -> tuple[str, int]:
    return _HANDLER[-1](error)


codecs.register_error("geolib-count", _dispatch)


def _multibyte_chars(text: str) -> int:
    """Characters beyond ASCII that are not replacements: well-formed UTF-8 sequences."""
    return len(text) - len(text.encode("ascii", "ignore")) - text.count(_REPLACEMENT)


def _replaced_note(path: Path, text: str, count: int, encoding: str) -> str:
    """The note (and warning) on replaced bytes, with where the replacements are."""
    positions = []
    at = text.find(_REPLACEMENT)
    while at >= 0 and len(positions) < REPORTED_POSITIONS:
        positions.append(str(at))
        at = text.find(_REPLACEMENT, at + 1)
    more = ", ..." if count > len(positions) else ""
    which = "sequence" if count == 1 else "sequences"
    at = "character" if len(positions) == 1 else "characters"
    note = (f"replaced {count} undecodable byte {which} (not {encoding}) with U+FFFD at {at} "
            f"{', '.join(positions)}{more} of the decoded text")
    warnings.warn(f"{printable(path)}: {note}", ReplacedBytesWarning, stacklevel=4)
    return note
