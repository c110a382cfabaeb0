"""Regular expressions built from word lists.

Python's ``re`` tries the branches of a flat alternation one by one at every position;
the same words shaped as a trie share their prefixes, and the expression runs ~5x faster
while matching exactly what the alternation would, the longest word first.
"""

from __future__ import annotations

import re


def trie_expression(words: list[str], any_space: bool = True) -> str:
    """An expression matching exactly ``words``, shaped as a trie: where one word is a
    prefix of another, the longer is tried first (as a longest-first alternation does).
    With ``any_space`` a space in a word matches any run of whitespace. Words are taken as
    written: to run it case-insensitively, give them lower-cased (so that "US" and "us"
    make one branch)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def expression(node: dict) -> str:
        branches = [(r"\s+" if char == " " and any_space else re.escape(char)) + expression(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:  # a word may end here
            return f"(?:{'|'.join(branches)})?"
        return group

    return expression(root)


# The characters beyond ASCII that a case-insensitive regex takes for ASCII letters (İ ı ſ K:
# tests/test_patterns.py finds them all); a text without them holds an ASCII word in any case
# only where its lower-cased copy holds the word lower-cased.
CASE_TWINS = "\u0130\u0131\u017f\u212a"

Needs = tuple[str, ...]  # any match holds one of these strings (in lower case)


def needed_words(expression: str | re.Pattern[str]) -> Needs | None:
    """Strings, lower-cased and ASCII, one of which every match of ``expression`` holds in
    its lower-cased copy (see ``CASE_TWINS``), read from the expression's parsed form: its
    longest run of plain characters, or one from each branch of an alternation; None when
    nothing is certain. A cheap test before running an expression that rarely matches."""
    from re import _parser  # the parser ``re`` itself compiles with (its public alias warns)

    source = expression.pattern if isinstance(expression, re.Pattern) else expression
    return _needs(_parser.parse(source))


def may_hold(needs: Needs | None, lowered: str | None) -> bool:
    """Whether a text whose lower-cased copy is ``lowered`` (None: a text holding a
    ``CASE_TWINS`` character, where lower-casing proves nothing) may match."""
    return needs is None or lowered is None or any(word in lowered for word in needs)


def lowered_for_needs(text: str) -> str | None:
    """``text`` lower-cased for ``may_hold``, or None when it holds a case twin."""
    return None if any(twin in text for twin in CASE_TWINS) else text.lower()


def _needs(items) -> Needs | None:
    from re import _constants as sre

    found: list[Needs] = []
    run = ""
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL and chr(value).isascii():
            run += chr(value).lower()
            continue
        if run:
            found.append((run,))
        run = ""
        if op is sre.SUBPATTERN:
            needs = _needs(value[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
            needs = _needs(value[2])
        elif op is sre.ATOMIC_GROUP:
            needs = _needs(value)
        elif op is sre.BRANCH:
            branches = [_needs(branch) for branch in value[1]]
            needs = None if None in branches else tuple(dict.fromkeys(w for b in branches for w in b))
        else:  # a class, an anchor, a look-around, a back-reference: nothing certain
            needs = None
        if needs:
            found.append(needs)
    # the most telling: the need whose shortest string is longest
    return max(found, key=lambda needs: min(map(len, needs)), default=None)
