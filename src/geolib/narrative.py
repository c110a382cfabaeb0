"""Sentences for notebook prose whose numbers come from the data, not from the writer.

Words that change with a number ("1 quote", "3 quotes"; "1 voice doubts", "2 voices
doubt") come from inflect, never from gluing letters onto a stem. Text from the
corpus (names, quotes, figures such as "$245bn") is escaped before it is shown as
Markdown, so a dollar sign is a dollar sign and not the start of a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import inflect

# Characters Markdown (and the MathJax that renders notebook Markdown) reads as markup.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


@lru_cache(maxsize=1)
def _engine() -> inflect.engine:
    return inflect.engine()


def escape(text: object) -> str:
    """``text`` with every Markdown special escaped, so it shows exactly as written
    ("$245bn" stays "$245bn", "*" stays a star)."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def code(text: object) -> str:
    """``text`` as a Markdown code span (ids, file names); backticks inside are dropped."""
    return f"`{str(text).replace('`', '')}`"


def escape_dollars(markdown: str) -> str:
    """Escape every unescaped ``$`` outside code spans: notebook prose never holds maths,
    and two dollar amounts in one sentence must not become a formula."""
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(markdown):
        parts.append(_UNESCAPED_DOLLAR.sub(r"\\$", markdown[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_UNESCAPED_DOLLAR.sub(r"\\$", markdown[last:]))
    return "".join(parts)


def markdown(template: str, /, **values: object) -> str:
    """The Markdown ``say`` shows: ``template`` is the writer's Markdown (bold, italics,
    code spans allowed), ``values`` are data filled into its ``{name}`` fields, each
    escaped; any dollar sign left is escaped too."""
    text = template.format(**{k: escape(v) for k, v in values.items()}) if values else template
    return escape_dollars(text)


def say(template: str, /, **values: object) -> None:
    """Show a computed sentence as Markdown in the notebook (see ``markdown``)."""
    from IPython.display import Markdown, display

    display(Markdown(markdown(template, **values)))


def say_plain(text: str) -> None:
    """Show computed plain text (a headline, a sentence built from data) with every
    Markdown special escaped: it shows exactly as written."""
    say("{text}", text=text)


def plural(noun: str, n: int | float = 2) -> str:
    """``noun`` in the number ``n`` calls for: plural("analysis") == "analyses"."""
    return noun if n == 1 else _engine().plural_noun(noun)


def count(n: int | float, singular: str, plural_form: str | None = None) -> str:
    """ "1 article", "2 articles", "1,204 quotes", "no figures" is never said: 0 stays 0."""
    n = int(n) if float(n).is_integer() else n
    noun = singular if n == 1 else (plural_form or plural(singular, n))
    return f"{n:,} {noun}"


def verb(n: int | float, singular: str) -> str:
    """The verb agreeing with a subject of ``n`` things, given its third-person singular:
    verb(1, "doubts") == "doubts", verb(3, "doubts") == "doubt", verb(2, "is") == "are"."""
    return singular if n == 1 else _engine().plural_verb(singular, 2)


def count_verb(n: int | float, singular_noun: str, singular_verb: str) -> str:
    """ "1 voice doubts", "2 voices doubt"."""
    return f"{count(n, singular_noun)} {verb(n, singular_verb)}"


def listing(items: Iterable[object], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"; an empty list gives ""."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def signed(value: float, digits: int = 2) -> str:
    """A score with its sign and a true minus sign: "+0.21", "−0.63", "0.00"."""
    rounded = round(float(value), digits)
    if rounded == 0:
        return f"{0:.{digits}f}"
    return f"{rounded:+.{digits}f}".replace("-", "\u2212")


def share(part: int, whole: int) -> str:
    """ "3 of 12" with the percentage when the whole is large enough to make one useful."""
    if whole >= 20:
        return f"{part:,} of {whole:,} ({part / whole:.0%})"
    return f"{part:,} of {whole:,}"


def money_bn(value: float, currency: str = "$") -> str:
    """ "$245bn", "$1.2bn", "$0.35bn"."""
    value = float(value)
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 1:
        text = f"{value:,.1f}".removesuffix(".0")
    else:
        text = f"{value:.2f}"
    return f"{currency}{text}bn"


# --- tables in a notebook ------------------------------------------------------------------


def number(value: float) -> str:
    """How a notebook table shows a float: thousands separated, at most two decimals,
    small values to three significant digits, never 5.000000e-04."""
    if value != value:  # NaN
        return ""
    magnitude = abs(value)
    if magnitude >= 1000 or value == int(value) and magnitude < 1e15:
        return f"{value:,.0f}" if magnitude >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if magnitude >= 0.01:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def tidy_display() -> None:
    """pandas display settings for briefing notebooks: readable numbers, wrapped text,
    and no MathJax in tables (a "$" in a cell stays a dollar sign)."""
    import pandas as pd

    pd.set_option("display.float_format", number)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.max_rows", 40)
    pd.set_option("display.html.use_mathjax", False)


def show_table(table, limit: int = 12, what: str = "row"):
    """The first ``limit`` rows of ``table`` for the notebook to show, after a sentence
    saying how many there are when some are left out; an empty table gets a sentence
    instead. Returns what to display (or None)."""
    if table is None or len(table) == 0:
        say(f"No {plural(what)} to show.")
        return None
    if len(table) > limit:
        say(f"The first {limit} of {count(len(table), what)}:")
        return table.head(limit)
    return table
