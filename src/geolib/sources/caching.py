"""Parsed articles through the cache (``geolib.cache``), whatever they were read from."""

from __future__ import annotations

from collections.abc import Callable

from geolib import cache
from geolib.model import Article


def cached_article(key: str, file: str, build: Callable[[], Article]) -> Article:
    """The article cached under ``key``, or ``build()`` stored there; ``file`` is how this
    caller names it (the same bytes may be reached under another name)."""
    if (data := cache.load("articles", key)) is not None:
        article = cache.article_from_json(data)
        article.file = file
        return article
    article = build()
    cache.store("articles", key, cache.article_to_json(article))
    return article
