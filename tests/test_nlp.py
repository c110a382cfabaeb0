"""The spaCy pipeline: quote-aware sentences, entities from package data, model fallback."""

from __future__ import annotations

import pytest

from geolib.nlp import get_nlp, make_doc
from geolib.text.marks import pair_quotes
from geolib.text.sentences import sentence_starts


def test_blank_pipeline_has_geolib_components():
    nlp = get_nlp()
    assert nlp.pipe_names == ["geolib_sentences", "entity_ruler"]
    assert get_nlp() is nlp  # cached


def test_sentences_do_not_split_inside_quotes():
    doc = get_nlp()("“We are entering a new world. It is crumbling,” said Wang Dong. Mr. Li disagreed.")
    assert [s.text for s in doc.sents] == [
        "“We are entering a new world. It is crumbling,” said Wang Dong.", "Mr. Li disagreed."]


def test_sentence_ends_after_closing_mark():
    text = "He said: “It is over.” Then he left."
    quotes, _ = pair_quotes(text)
    assert sentence_starts(text, quotes) == [0, text.index("Then")]


def test_entity_ruler_knows_institutions():
    doc = get_nlp()("She teaches at the National University of Singapore.")
    assert [(e.text, e.label_) for e in doc.ents] == [("National University of Singapore", "ORG")]


def test_missing_trained_pipeline_falls_back_to_blank_with_warning():
    with pytest.warns(UserWarning, match="not installed"):
        nlp = get_nlp("en_geolib_no_such_model")
    assert "geolib_sentences" in nlp.pipe_names


def test_model_from_environment(monkeypatch):
    monkeypatch.setenv("GEOLIB_SPACY_MODEL", "en_geolib_also_missing")
    with pytest.warns(UserWarning):
        nlp = get_nlp()
    assert "entity_ruler" in nlp.pipe_names


@pytest.mark.parametrize("text, sentences", [
    ("\u201cWhy now?\u201d Ana Ruiz asked the minister. Then she left.", 2),
    ("\u201cStop the vote!\u201d Senator Ruiz shouted. Nobody moved.", 2),
    ("\u201cWhy now?\u201d That was the question. Nobody answered.", 3),
    ("\u201cWhy now?\u201d Ana Ruiz, a retired trader, asked. Nobody answered.", 2),
    ("\u201cWe lost.\u201d Ruiz, the campaign chair, said. Then she left.", 2),
    ("\u201cWe lost.\u201d Ruiz, the chair, and Lee, the treasurer, left. Then she wept.", 3),
])
def test_a_quoted_question_keeps_the_attribution_that_follows_it(text, sentences):
    quotes, _ = pair_quotes(text)
    assert len(sentence_starts(text, quotes)) == sentences


@pytest.mark.parametrize("text, sentences", [
    ("\u201cCan we win Ohio?\u201d Mr. Ruiz asked. Nobody answered.", 2),
    ("\u201cThe emails are missing.\u201d Ruiz said. Then she left.", 2),
    ("\u201cThe emails are missing.\u201d Sen. Ruiz said on Monday. Then she left.", 2),
    ("\u201cThe emails are missing.\u201d Ruiz said the polls were wrong and the race was close.", 2),
    ("He said: \u201cIt is over.\u201d Then he left.", 2),
])
def test_an_attribution_after_a_quote_closing_on_a_full_stop_or_an_abbreviation_stays(text, sentences):
    quotes, _ = pair_quotes(text)
    assert len(sentence_starts(text, quotes)) == sentences


@pytest.mark.parametrize("title", ["Capt.", "Lt.", "Sgt.", "Cmdr.", "Gen.", "Sen."])
def test_title_abbreviations_are_one_token(title):
    doc = get_nlp().make_doc(f"said Army {title} Anna Berg")
    assert [t.text for t in doc][2] == title


@pytest.mark.parametrize("text", [
    "Sen. Anna Berg said “~~~~~~~~~~~~”, and ~~~~~~~~~ ~~~~~~~~~~~~~~~~~~~~.",
    "~~~~~~ (~~~~~~~) “~~~~”'s ~~~~.Then a~~~~b x~~ ~~y 1~~~2 ~~~-~~~ http://x.org/~~~~ ~ ~~",
    "~~~~",
    "  ~~~~~~  ~~  don't ~~~~~~ Capt. Lee ~~~~~~~~~~~~~~~~~~~~~~~~",
])
def test_a_stand_in_with_runs_of_filler_tokenizes_as_spacy_does(text):
    """Runs of filler are tokenized short and widened back: the same tokens, offsets and norms."""
    nlp = get_nlp()
    def tokens(doc):
        return [(t.text, t.idx, t.whitespace_, t.norm_, t.lower_) for t in doc]
    assert tokens(make_doc(nlp, text)) == tokens(nlp.make_doc(text))
