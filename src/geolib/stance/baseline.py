"""The TextBlob baseline of the stances table (``textblob_polarity``, ``textblob_subjectivity``).

``TextBlob(text).sentiment`` is TextBlob's English pattern sentiment, ``textblob.en.sentiment``.
It is built here as ``textblob.en`` builds it, from TextBlob's own ``_text`` module and its
``en-sentiment.xml``, without importing the ``textblob`` package: that imports NLTK, which
imports SciPy and scikit-learn, 150 MB and over a second in every process (each Dask worker)
for two numbers per quote. The scores are TextBlob's own (the tests check
them against ``TextBlob``: ``tests/test_baseline.py``).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def pattern_sentiment() -> Callable[[str], tuple[float, float]]:
    """TextBlob's English sentiment: ``text -> (polarity, subjectivity)``."""
    spec = importlib.util.find_spec("textblob")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob is not installed (pip install textblob)")
    folder = spec.submodule_search_locations[0]
    module_spec = importlib.util.spec_from_file_location("geolib_textblob_text",
                                                         os.path.join(folder, "_text.py"))
    text = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(text)

    class Sentiment(text.Sentiment):
        # Plain lookups: TextBlob's lazy dict sends every ``in`` and ``[]`` through a check
        # that loads the word list on first use; it is loaded once, below, before any.
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__

        def load(self, path=None):  # textblob.en's: an adjective's score for its adverb ("terribly")
            text.Sentiment.load(self, path)
            if not path:
                for w, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    sentiment = Sentiment(
        path=os.path.join(folder, "en", "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=text.Parser().find_tokens,  # textblob.en's parser: its tokenizer reads no lexicon
        language="en",
    )
    sentiment.load()  # as the lazy dict would on first use (and with textblob.en's adverbs)

    def score(value: str) -> tuple[float, float]:
        polarity, subjectivity = sentiment(value)
        return polarity, subjectivity

    return score
