"""One speaker id across a corpus, and one row per speaker in corpus.speakers."""

from __future__ import annotations

from geolib import load_corpus
from geolib.extract.quotes import extract_quotes, speaker_slug
from geolib.identity import canonical_speakers, speaker_ids
from geolib.model import Article, Paragraph


def test_a_surname_joins_the_only_full_name_that_ends_in_it():
    names = canonical_speakers([
        ("Barack Obama", "person", 5), ("Obama", "person", 9), ("Barack H. Obama", "person", 1),
        ("Jane Smith", "person", 2), ("Tom Smith", "person", 2), ("Smith", "person", 1),
    ])
    assert {names[n] for n in ("Barack Obama", "Obama", "Barack H. Obama")} == {"Barack Obama"}
    assert names["Smith"] == "Smith"  # two full names end in it: it stays apart
    assert names["Jane Smith"] != names["Tom Smith"]


def test_a_body_written_two_ways_is_one_speaker():
    names = canonical_speakers([
        ("China’s Ministry of Commerce", "org", 3), ("China’s commerce ministry", "org", 1),
        ("officials", "group", 4),
    ])
    assert names["China’s commerce ministry"] == "China’s Ministry of Commerce"
    assert names["officials"] == "officials"
    assert speaker_ids([("Xi Jinping", "person", 1)]) == {"Xi Jinping": ("xi-jinping", "Xi Jinping")}


def test_slugs_are_plain():
    assert speaker_slug("Mercedes Valdés Ortega") == "mercedes-valdes-ortega"
    assert speaker_slug("China’s commerce ministry") == "china-s-commerce-ministry"


def _write(folder, name, *paragraphs):
    (folder / f"{name}.txt").write_text(f"{name}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_corpus_speakers_has_one_row_per_person_across_articles(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    _write(raw, "first", "“We will not back down,” said Anna Berglund, a professor at Uppsala University.")
    _write(raw, "second", "“The talks are over,” Berglund said on Tuesday. “Nothing will change.”")
    corpus = load_corpus(raw)
    quotes = corpus.quotes
    assert set(quotes["speaker_id"]) == {"anna-berglund"}
    (row,) = corpus.speakers.itertuples()
    assert (row.speaker, row.n_quotes, row.n_articles) == ("Anna Berglund", 3, 2)
    assert row.aliases == ["Berglund"] and row.role == "professor"
    assert row.affiliation == "Uppsala University" and row.articles == ["first", "second"]
    assert len(corpus.table("speakers")) == 2  # the per-article rows


def test_every_quote_of_a_speaker_carries_the_fullest_title():
    paragraphs = ["“We will not back down,” Berglund said.",
                  "“Nor will we,” said Anna Berglund, the foreign minister of Norway.",
                  "“Never,” she added."]
    built, at = [], 0
    for text in paragraphs:
        built.append(Paragraph("body", text, at, at + len(text), ((0, at, len(text)),)))
        at += len(text) + 2
    article = Article(None, None, [], None, None, None, None, [], None, built, [], file="x/made-up.txt")
    quotes = extract_quotes(article)
    assert {(q.speaker, q.role, q.speaker_id) for q in quotes} == {
        ("Anna Berglund", "foreign minister", "anna-berglund")}


def test_a_short_given_name_and_a_generational_suffix_join_the_full_name():
    names = canonical_speakers([("Joe Biden", "person", 7), ("Joseph R. Biden", "person", 4),
                                ("Joseph R. Biden Jr.", "person", 1), ("Bill Clinton", "person", 5),
                                ("William J. Clinton", "person", 2), ("Hillary Clinton", "person", 9)])
    assert {names["Joseph R. Biden"], names["Joseph R. Biden Jr."]} == {"Joe Biden"}
    assert names["William J. Clinton"] == "Bill Clinton" and names["Hillary Clinton"] == "Hillary Clinton"
