"""The stances table's TextBlob baseline: TextBlob's own scores, without NLTK in the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import geolib
from geolib.stance.baseline import pattern_sentiment

SENTENCES = [
    "The talks were a terrible failure, and nobody was happy with the outcome.",
    "\"We are not unhappy with this very good deal,\" the minister said.",
    "Officials called the accord historic; critics said it was terribly naive.",
    "It's NOT a bad idea at all!!",
    "Prices rose 4% in March (!)",
    "The summit ended without a statement.",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_scores_are_textblobs(text):
    textblob = pytest.importorskip("textblob")
    assert pattern_sentiment()(text) == tuple(textblob.TextBlob(text).sentiment)


def test_an_article_s_stances_load_neither_nltk_nor_scikit_learn(tmp_path):
    article = tmp_path / "made-up.txt"
    article.write_text(
        "Talks resume\n\nGENEVA, March 3, 2024 -- \"This is a very good deal for China,\" the minister, "
        "Anna Kessler, said on Monday. Trade between Russia and China reached $245bn.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from geolib.parse import read_article\n"
        "from geolib.pipeline import analyse\n"
        f"records = analyse(read_article({str(article)!r}), cache=False).records('stances')\n"
        "assert records and records[0]['textblob_polarity'] is not None, records\n"
        "print(sorted(m for m in ('nltk', 'sklearn', 'scipy', 'textblob') if m in sys.modules))\n"
    )
    source = str(Path(geolib.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
