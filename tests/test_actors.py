"""Actor mentions: aliases, longest match, word boundaries, possessives, user data."""

from pathlib import Path

import spacy

from geolib.actors import (
    Actor,
    actors_in,
    entity_ruler_patterns,
    find_actor_mentions,
    load_actors,
)


def spans(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.actor) for m in find_actor_mentions(text)]


def test_leaders_capitals_and_adjectives_reach_their_actor():
    text = "Xi Jinping met Putin in Moscow while the White House and Chinese diplomats watched."
    assert spans(text) == [
        ("Xi Jinping", "China"),
        ("Putin", "Russia"),
        ("Moscow", "Russia"),
        ("White House", "US"),
        ("Chinese", "China"),
    ]


def test_longest_alias_wins():
    text = "The European Union and the People's Republic of China disagree."
    assert spans(text) == [("European Union", "EU"), ("People's Republic of China", "China")]


def test_possessives_match_through_the_name():
    text = "Beijing's claim and the Kremlin’s view"
    found = find_actor_mentions(text)
    assert [(m.alias, m.actor) for m in found] == [("Beijing", "China"), ("Kremlin", "Russia")]
    assert text[found[0].start : found[0].end] == "Beijing"


def test_word_boundaries_and_case():
    # "us" is a pronoun, USD a currency, US$ a currency sign, Xi'an a city.
    assert spans("Tell us about USD rates, US$245bn and Xi'an.") == []
    assert spans("Russia-China ties") == [("Russia", "Russia"), ("China", "China")]
    assert spans("chinese whispers") == []


def test_lowercase_alias_matches_capitalised_at_sentence_start():
    assert spans("Von der Leyen spoke; von der Leyen left.") == [
        ("Von der Leyen", "EU"),
        ("von der Leyen", "EU"),
    ]


def test_users_extend_actor_data(tmp_path: Path):
    extra = tmp_path / "more.csv"
    extra.write_text("actor,alias,kind\nIndia,New Delhi,capital\nIndia,Modi,leader\n")
    actors = load_actors(extra)
    assert Actor("India", "Modi", "leader") in actors
    assert actors_in("Modi flew from New Delhi to Beijing.", actors) == ["India", "China"]


def test_entity_ruler_patterns_label_mentions_with_actor_ids():
    patterns = entity_ruler_patterns()
    assert {"label": "GPE", "pattern": "Beijing", "id": "China"} in patterns
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    doc = nlp("Putin called Xi Jinping from the Kremlin.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Putin", "PERSON", "Russia"),
        ("Xi Jinping", "PERSON", "China"),
        ("Kremlin", "ORG", "Russia"),
    ]
