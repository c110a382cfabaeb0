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
