"""Making values safe to leave geolib: cells for spreadsheets, names for terminals.

Both guard against text geolib did not write (an article's words, a manifest's values, a
file's name) being taken for something else where it lands.
"""

from __future__ import annotations

import re

# A cell that a spreadsheet would run as a formula: OWASP's list of leading characters
# (tab and carriage return included: some spreadsheets strip them and then see the rest).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number written as text ("-3.5", "+1e6") is data, not a formula: left as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def safe_cell(value: object) -> object:
    """``value`` for a CSV cell: a string a spreadsheet would read as a formula gets a
    leading single quote, as well-kept exporters do (the quote shows that the cell was
    neutralised and keeps its text); numbers, plain numbers written as text and every
    other value are returned unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(name: object) -> str:
    """``name`` (a file name, a path) safe to print on one terminal line: newlines, escape
    codes and other invisible or control characters are written as Python-style escapes
    (a file name's undecodable bytes as ``\\xNN``). Printable names come back unchanged."""
    text = str(name)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
