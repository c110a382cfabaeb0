"""Extractors: each takes an Article and returns dataclasses plus ``*_records`` dicts."""
