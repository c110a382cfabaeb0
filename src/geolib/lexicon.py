"""Word lists that more than one layer reads, loaded once from ``src/geolib/data/``.

A word list has one home, a data file. Most have one reader, which loads its own file; the
lists here are read both by parsing (below the extractors) and by the extractors, so they
are loaded in the data layer, where both may import them.
"""

from __future__ import annotations

import json
from functools import cache

from geolib.paths import PACKAGE_DATA


@cache
def name_particles() -> tuple[str, ...]:
    """Lower-case words inside a personal name ("de", "van", "bin", "dos"), longest first:
    ``name_particles`` in ``data/attribution_patterns.json``, which the attribution rules
    (``geolib.extract.attribution``) read too."""
    words = json.loads((PACKAGE_DATA / "attribution_patterns.json").read_text(encoding="utf-8"))
    return tuple(sorted({w.lower() for w in words["name_particles"]}, key=lambda w: (-len(w), w)))
