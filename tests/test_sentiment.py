"""Target-dependent sentiment on made-up sentences: negation, contrast, reporting verbs."""

from geolib.stance.sentiment import TargetSentiment, sentiment_toward


def toward(sentence: str, target: str, occurrence: int = 0) -> TargetSentiment:
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(target, start + 1)
    return sentiment_toward(sentence, start, start + len(target))


def test_result_shape():
    result = toward("Xi is a great leader.", "Xi")
    assert result.label == "positive"
    assert 0 < result.score <= 1
    assert any("great" in cue for cue in result.cues)


def test_negation_flips_the_evaluation():
    plain = toward("Analysts say Putin is a great strategist.", "Putin")
    negated = toward("Analysts say Putin is not a great strategist.", "Putin")
    assert plain.label == "positive"
    assert negated.score < plain.score
    assert negated.label != "positive"
    assert any("negated" in cue or "not" in cue for cue in negated.cues)


def test_contrast_separates_the_targets():
    sentence = "The summit in Beijing was a success, but Putin is a villain."
    assert toward(sentence, "Putin").label == "negative"
    assert any("villain" in cue for cue in toward(sentence, "Putin").cues)


def test_reporting_verbs_carry_the_speakers_judgement():
    praised = toward("European leaders praised Zelensky for his courage.", "Zelensky")
    dismissed = toward("Critics dismissed Trump as reckless and erratic.", "Trump")
    assert praised.label == "positive"
    assert dismissed.label == "negative"
    assert any("dismissed" in cue for cue in dismissed.cues)


def test_evaluative_predicates_about_the_target():
    result = toward("The plan to woo Moscow is a delusion that won't work.", "Moscow")
    assert result.label == "negative"
    assert any("delusion" in cue for cue in result.cues)


def test_not_fooled_by_a_superlative_before_a_dismissal():
    # TextBlob scores this +1.0 ("best"); geolib weighs the rest of the passage.
    sentence = "Xi and Putin talk all the time. They're best buddies … it's just a delusion."
    result = toward(sentence, "Xi")
    assert result.score < 0.5


def test_neutral_reporting_is_neutral():
    result = toward("Putin met Xi in Moscow on Wednesday for talks.", "Xi")
    assert result.label == "neutral"
    assert -0.5 < result.score < 0.5


# --- the lexicon knows diplomatic hostility and praise -------------------------------


def test_diplomatic_hostility_is_negative():
    for sentence, target in [
        ("Officials say Moscow's agents infiltrate and steal from research labs.", "Moscow"),
        ("State media called the protesters hoodlums paid by Washington.", "Washington"),
        ("Brussels is an economic foe, frankly an adversary.", "Brussels"),
    ]:
        result = toward(sentence, target)
        assert result.label == "negative", (sentence, result)


def test_diplomatic_praise_is_positive():
    for sentence, target in [
        ("Ties with Beijing rest on mutual trust and have reached an unprecedented level.",
         "Beijing"),
        ("Kyiv has true friends in the Baltic states.", "Kyiv"),
    ]:
        result = toward(sentence, target)
        assert result.label == "positive", (sentence, result)


# --- neutral stays neutral ------------------------------------------------------------


def test_quantities_possessives_and_plain_reporting_are_neutral():
    for sentence, target in [
        ("Nearly half of Russia's oil now goes to Asian buyers.", "Russia"),
        ("Washington's delegation arrived in Geneva on Monday, officials said.", "Washington"),
        ("Beijing said the talks would continue next week.", "Beijing"),
    ]:
        result = toward(sentence, target)
        assert result.label == "neutral", (sentence, result)
        assert not any("half" in cue for cue in result.cues)


def test_function_words_are_never_cues():
    result = toward("More than half of China's soybeans go to feed pigs.", "China")
    words = {cue.rsplit(" ", 1)[0].strip("'") for cue in result.cues}
    assert not words & {"than", "more", "half", "go", "to", "of"}


# --- score, label and cues agree --------------------------------------------------------


def test_label_is_the_band_the_score_falls_in():
    from geolib.stance.sentiment import default_model

    model = default_model()
    sentences = [
        ("Putin is a ruthless dictator.", "Putin"), ("Xi is a wise and trusted leader.", "Xi"),
        ("Biden flew to Warsaw on Friday.", "Biden"), ("The EU is not a reliable ally.", "EU"),
        ("Kyiv welcomed the aid but warned it was too little.", "Kyiv"),
    ]
    for sentence, target in sentences:
        result = toward(sentence, target)
        assert result.label == model.label(result.score)
        assert -1 <= result.score <= 1
        # the score is the side's excess over neutral beyond its margin, scaled: any size
        if result.label == "negative":
            assert result.score < 0
        if result.label == "positive":
            assert result.score > 0
        if result.label == "neutral":
            assert result.score == 0


def test_cues_carry_the_weight_each_word_added():
    result = toward("Putin is a ruthless dictator.", "Putin")
    assert result.label == "negative"
    word, weight = result.cues[0].rsplit(" ", 1)
    assert word in ("'ruthless'", "'dictator'")
    assert float(weight) < 0


# --- every actor its own label ----------------------------------------------------------


def test_each_actor_in_a_sentence_gets_its_own_label():
    from geolib.stance.records import actor_sentiments

    found = actor_sentiments(
        "While Washington squanders its credibility, Beijing is winning trust and respect."
    )
    assert found["US"].label == "negative"
    assert found["China"].label == "positive"


# --- scope: the clause each actor stands in ---------------------------------------------


def test_targets_in_different_clauses_get_their_own_scope():
    from geolib.stance.scope import scopes

    text = "Unlike the cautious Europeans, Washington rushed in; Moscow watched."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Europeans", "Washington", "Moscow")]
    parts = [text[a:b] for a, b in scopes(text, spans)]
    assert parts[0].startswith("Unlike") and "Washington" not in parts[0]
    assert "rushed" in parts[1] and "Moscow" not in parts[1]
    assert parts[2].strip() == "Moscow watched."


def test_targets_sharing_a_clause_share_the_sentence():
    from geolib.stance.scope import scopes

    text = "Putin met Xi in Beijing on Tuesday, officials said."
    spans = [(0, 5), (10, 12)]
    assert scopes(text, spans) == [(0, len(text))] * 2


def test_another_targets_words_are_not_this_ones():
    # the whole sentence is read once; each target keeps only its own part's evaluations
    from geolib.stance.scope import scopes
    from geolib.stance.sentiment import SentenceScorer

    text = "Unlike the corrupt and brutal regime in Caracas, Bogotá governs honestly."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Caracas", "Bogotá")]
    scorer = SentenceScorer(text)
    caracas, bogota = (scorer.toward(*span, scope)
                       for span, scope in zip(spans, scopes(text, spans), strict=True))
    assert caracas.label == "negative"
    assert bogota.label != "negative"
    assert not any("corrupt" in cue or "brutal" in cue for cue in bogota.cues)


def test_cues_are_words_of_the_sentence_with_their_weights():
    sentence = "Critics say the minister lied and mocked the families of the victims."
    result = toward(sentence, "the minister")
    assert result.label == "negative"
    for cue in result.cues:
        words, weight = cue.rsplit(" ", 1)
        assert words.strip("'").removeprefix("not … ") in sentence
        assert float(weight) < 0


# --- the word lists -------------------------------------------------------------------


def test_textblob_adjectives_are_read_less_the_neutral_words():
    from geolib.stance.lexicon import adjective_ratings, default_cues

    rated = default_cues().rated
    assert rated["terrible"][0] < 0 < rated["wonderful"][0]
    assert "many" in adjective_ratings() and "many" not in rated  # a quantity, no opinion


def test_inflections_reach_the_general_lexicon_and_goods_are_no_good():
    cues = default_cues_()
    assert cues.general_prior("irresponsibly") == cues.phrases[("irresponsible",)] < 0
    result = toward("Mexico sold more goods to Canada this year.", "Mexico")
    assert result.label == "neutral"
    assert not any("goods" in cue for cue in result.cues)


def default_cues_():
    from geolib.stance.lexicon import default_cues

    return default_cues()


# --- issue 22: word families, quantities, parallel contrast ---------------------------------


def _actor(text: str, actor: str):
    from geolib.stance.records import actor_sentiments

    return actor_sentiments(text).get(actor)


def test_hostility_word_families_reach_every_form():
    for text, actor in [
        ("Russia is fomenting unrest in the Balkans.", "Russia"),
        ("Beijing has been pilfering our designs for decades.", "China"),
        ("China is plundering the region's forests.", "China"),
        ("The US keeps instigating colour revolutions.", "US"),
        ("The Kremlin masterminded the plot.", "Russia"),
        ("Washington is the hidden hand behind the protests.", "US"),
        ("The Americans are stirring up trouble on our border.", "US"),
    ]:
        found = _actor(text, actor)
        assert found is not None and found.label == "negative", (text, found)


def test_diplomatic_praise_families():
    for text, actor in [
        ("The United States has been an indispensable ally.", "US"),
        ("America stood by us in our darkest hour.", "US"),
        ("Beijing acted as an honest broker in the talks.", "China"),
    ]:
        found = _actor(text, actor)
        assert found is not None and found.label == "positive", (text, found)


def test_great_as_a_quantity_and_names_of_things_are_neutral():
    for text, actor in [
        ("Certainly the United States imports a great deal of steel.", "US"),
        ("Russia's energy exports increased last year.", "Russia"),
        ("China accounts for a great many of the patents on intellectual property.", "China"),
    ]:
        found = _actor(text, actor)
        assert found is not None and found.label == "neutral", (text, found)


def test_parallel_contrast_sets_a_silent_actor_against_the_other():
    found = {a: _actor("Russia destroys, while Europe rebuilds.", a) for a in ("Russia", "EU")}
    assert found["Russia"].label == "negative"
    assert found["EU"].label == "positive"
    ahead = _actor("While Washington abandons its allies, Beijing quietly waits.", "China")
    assert ahead.label == "positive"
    assert any("set against" in cue for cue in ahead.cues)


def test_no_contrast_between_actors_in_one_clause():
    # both in one clause: no contrast, each judged on the words
    found = _actor("Moscow and Beijing met in Geneva while the talks were stalled.", "China")
    assert found.label != "positive"


def test_obama_with_or_without_title_is_the_us():
    for text in ("President Obama showed real courage on the deal.",
                 "Obama showed real courage on the deal."):
        found = _actor(text, "US")
        assert found is not None and found.label == "positive", (text, found)


def test_a_contrast_cue_is_a_cue_like_any_other():
    # "words weight", so an actor named twice combines its cues
    from geolib.stance.records import actor_sentiments

    found = actor_sentiments("Russia destroys, while Europe rebuilds. Europe is a partner.")["EU"]
    assert found.label == "positive"
    for cue in found.cues:
        float(cue.rsplit(" ", 1)[1])
    assert any(cue.startswith("set against Russia's 'destroys'") for cue in found.cues)


def test_a_target_inside_a_denied_aim_is_not_what_fails():
    # the failure words judge the attempt, not the pair it is aimed at
    for text in ("Every attempt to sow discord between Beijing and Moscow is bound to fail.",
                 "Talk of a rift between Moscow and Beijing is nonsense."):
        for actor in ("China", "Russia"):
            found = _actor(text, actor)
            assert found.label == "neutral", (text, actor, found)
            assert any("denied aim" in cue for cue in found.cues)
    # the one whose aim it is may still be judged
    assert _actor("Washington's reckless attempt to isolate Beijing will fail.", "US").label == (
        "negative")


# --- the target in its phrase, what a relative clause says of it ------------------------


def _target_features(sentence: str, target: str):
    from geolib.stance.features import SentenceView

    start = sentence.index(target)
    return SentenceView(sentence).target_features(start, start + len(target))


def test_the_targets_phrase_names_the_target_t_and_hides_names_and_numbers():
    features = _target_features("Critics of Ortega accused the envoy of lying in 2019.", "the envoy")
    for name in ("g:accused_T", "g:N_accused_T", "g:N_?_T", "g:T_of", "g:T_of_lying",
                 "g:T_?_lying", "g:T_.._lying", "g:accused_.._T"):
        assert name in features.values, name
    assert not any("ortega" in name for name in features.values if name.startswith("g:"))
    # a phrase's weight goes to its content words; a phrase of function words names none
    assert features.parts["g:T_of_lying"] == [("'lying'", 1.0)]
    assert "g:T_of" not in features.parts


def test_a_relative_clause_after_the_target_is_read_as_said_of_it():
    features = _target_features(
        "Delegates thanked Ambassador Ruiz, who remained a trusted mediator, on Friday.",
        "Ambassador Ruiz")
    assert {"r:trusted", "r:mediator"} <= set(features.values)
    assert features.values.get("lex_relative_pos", 0) > 0
    plain = _target_features("Delegates thanked Ambassador Ruiz on Friday.", "Ambassador Ruiz")
    assert not any(name.startswith(("r:", "lex_relative")) for name in plain.values)


def test_a_quoting_sentence_marks_a_target_outside_the_quote():
    outside = _target_features('Ruiz said: "The talks were useful."', "Ruiz")
    inside = _target_features('"Ruiz is useful," the minister said.', "Ruiz")
    assert {"quote_in_sentence", "target_outside_quote"} <= set(outside.values)
    assert "target_in_quote" in inside.values and "target_outside_quote" not in inside.values


def test_a_capitalised_word_inside_the_sentence_is_a_name_not_an_evaluation():
    from geolib.stance.features import SentenceView

    # VADER rates "warsaw" (a chess term) and "hope"; as names they say nothing
    assert SentenceView("Ministers flew to Warsaw and Hope on Monday.").spans == []
    assert [s.shown for s in SentenceView("Ministers voiced hope on Monday.").spans] == ["'hope'"]
    # the sentence's first word and a quotation's first word are read as words
    assert SentenceView('He said: "Hope is gone."').spans


def test_the_words_of_a_neutral_phrase_are_neither_words_nor_ratings():
    features = _target_features("Analysts call Brazil a great power in the south.", "Brazil")
    assert not any("great" in name for name in features.values)
    assert not any(name.startswith("adj_") for name in features.values)
    rated = _target_features("Analysts call Brazil a great partner in the south.", "Brazil")
    assert "c:great" in rated.values and rated.values.get("adj_near_pos", 0) > 0


def test_the_nearest_evaluation_and_its_absence():
    features = _target_features("Critics say the corrupt envoy is a brilliant negotiator.", "envoy")
    assert features.parts["lex_nearest_neg"][0][0] == "'corrupt'"
    assert "lex_nearest_pos" not in features.values
    assert "lex_none" in _target_features("The envoy flew to Lima on Monday.", "envoy").values
    elsewhere = _target_features("The envoy flew to Lima, but the talks were a disaster.", "envoy")
    assert "lex_none_clause" in elsewhere.values and "lex_none" not in elsewhere.values


def test_plain_arrivals_and_travel_are_neutral():
    for sentence, target in [
        ("Merkel arrived in Paris on Tuesday.", "Merkel"),
        ("The Dutch premier travelled to Lisbon for talks.", "Lisbon"),
    ]:
        result = toward(sentence, target)
        assert result.label == "neutral", (sentence, result)
