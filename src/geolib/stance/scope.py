"""Each target's scope in its sentence: the clause it stands in and the words it governs.

When a sentence names several targets in different clauses ("While Washington squanders
its credibility, Beijing is winning trust"), each is judged on its own part of the
sentence, so one actor's praise is not another's. A sentence is cut into segments at
clause punctuation and at contrast and subordinating words; a segment without a target
belongs to the target before it (the words a mention governs follow it), or to the one
after it at the sentence's start. Consecutive segments with the same targets make one
scope; the scopes partition the sentence, so every word is read once. A sentence whose
targets all share one segment (or that names one target) is one scope.
"""

from __future__ import annotations

from geolib.stance.lexicon import default_cues
from geolib.text.words import words

_CUT_PUNCTUATION = frozenset(",;:—–()[]")
# Words that open a clause of their own, over and above the cues' contrast words.
_OPENERS = frozenset({"unlike", "whereas", "while", "although", "though", "as", "but",
                      "however", "yet", "meanwhile", "instead"})


def _cuts(text: str) -> list[int]:
    """Offsets where a new segment starts (0 first)."""
    openers = _OPENERS | default_cues().contrast
    cuts = [0]
    for token in words(text):
        if token.text in _CUT_PUNCTUATION:
            cuts.append(token.end)
        elif token.lower in openers and token.start > 0:
            cuts.append(token.start)
    return sorted(set(cuts))


def scopes(text: str, targets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each target span ``(start, end)`` of ``text``, the ``(start, end)`` of its scope."""
    whole = (0, len(text))
    if len(targets) < 2:
        return [whole] * len(targets)
    cuts = _cuts(text)
    bounds = list(zip(cuts, [*cuts[1:], len(text)], strict=True))
    segment_of = [_segment_index(bounds, start) for start, _ in targets]
    if len(set(segment_of)) < 2:
        return [whole] * len(targets)
    holders: dict[int, frozenset[int]] = {}
    for target, segment in enumerate(segment_of):
        holders[segment] = holders.get(segment, frozenset()) | {target}
    owner: list[frozenset[int]] = []
    current: frozenset[int] | None = None
    for index in range(len(bounds)):
        current = holders.get(index, current)
        owner.append(current if current is not None else frozenset())
    first_owner = next(o for o in owner if o)
    owner = [o or first_owner for o in owner]  # segments before the first target
    run_of, runs = [], []  # runs: [start, end] of consecutive segments with one owner
    for index, (start, end) in enumerate(bounds):
        if index and owner[index] == owner[index - 1]:
            runs[-1][1] = end
        else:
            runs.append([start, end])
        run_of.append(len(runs) - 1)
    return [tuple(runs[run_of[segment]]) for segment in segment_of]


def _segment_index(bounds: list[tuple[int, int]], at: int) -> int:
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bounds[mid][0] <= at:
            lo = mid
        else:
            hi = mid - 1
    return lo


# Parallel contrast: two clauses, each opened by its own subject, set against each other by
# a word opening the sentence ("While A ..., B ...", "Unlike A, B ...") or the later clause
# ("A ..., whereas B ...", "A ...; B ...").
_CONTRAST_OPENING = frozenset({"while", "whereas", "unlike", "as", "where"})
_CONTRAST_LATER = frozenset({"while", "whereas", "but", "yet", "instead", "unlike"})
_SUBJECT_REACH = 3  # words before a target that still let it open its clause ("the", "as the")


def contrasted(text: str, first: tuple[int, int], first_scope: tuple[int, int],
               second: tuple[int, int], second_scope: tuple[int, int]) -> bool:
    """Do two targets (``first``, ``second``: their spans) stand as the subjects of clauses
    set against each other? "As A loses good will, B is building it", "A destroys, while B
    rebuilds", "Unlike A, B keeps its word", "A offered help; B only threats"."""
    if first_scope == second_scope:
        return False
    (early, early_scope), (late, late_scope) = sorted(((first, first_scope), (second, second_scope)))
    lead = words(text[early_scope[0] : early[0]])
    if len(lead) > _SUBJECT_REACH:
        return False
    tail = [w for w in words(text[late_scope[0] : late[0]]) if w.text != ","]
    if len(tail) > _SUBJECT_REACH:
        return False
    if early_scope[0] == 0 and lead and lead[0].lower in _CONTRAST_OPENING:
        return True
    if tail and (tail[0].lower in _CONTRAST_LATER or tail[0].text == ";"):
        return True
    return ";" in text[early_scope[1] - 1 : late_scope[0] + 1]
