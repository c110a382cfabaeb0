"""Sentences for notebook prose whose numbers come from the data, not from the writer."""

from __future__ import annotations

from IPython.display import Markdown, display


def say(text: str) -> None:
    """Show a computed sentence as Markdown in the notebook."""
    display(Markdown(text))


def count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
