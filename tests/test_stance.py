"""Hedging, claim stances and per-quote stance records on made-up sentences."""

from pathlib import Path

import pytest

from geolib.extract.quotes import Quote
from geolib.model import Article, Paragraph
from geolib.stance import (
    STANCE_FIELDS,
    claim_stances,
    hedging,
    load_claims,
    markers,
    records,
    stance_records,
)


def stance_on(text: str, claim: str = "split-russia-china"):
    found = [s for s in claim_stances(text) if s.claim == claim]
    return found[0] if found else None


# --- hedging ---------------------------------------------------------------


def test_hedges_and_boosters_have_opposite_signs():
    hedged = hedging("Moscow might perhaps consider some sort of deal.")
    certain = hedging("Moscow will certainly refuse.")
    assert hedged.score > 0.5
    assert certain.score < -0.5
    assert "hedge: 'some sort of'" in hedged.cues
    assert "certainty: 'certainly'" in certain.cues


def test_negated_booster_hedges():
    result = hedging("It is not certain that Beijing agrees.")
    assert result.score > 0
    assert any("not" in cue and "certain" in cue for cue in result.cues)


def test_hedging_lowers_confidence_without_flipping_the_claim():
    plain = stance_on("Washington can drive a wedge between Moscow and Beijing.")
    hedged = stance_on("Washington might perhaps drive a wedge between Moscow and Beijing.")
    assert plain.label == hedged.label == "favor"
    assert hedged.confidence < plain.confidence


# --- claims ----------------------------------------------------------------


def test_plain_assertion_favors_the_claim():
    result = stance_on("The White House is pulling Russia away from China.")
    assert result.label == "favor"
    assert any("pulling Russia away" in cue and "detach" in cue for cue in result.cues)


def test_negation_turns_a_favor_cue_against():
    result = stance_on("The US will not break Moscow's partnership with Beijing.")
    assert result.label == "against"
    assert any("negated by" in cue for cue in result.cues)


def test_dismissal_turns_a_favor_cue_against():
    result = stance_on(
        "The notion that Russia would split from China to please Washington is a myth."
    )
    assert result.label == "against"
    assert any("dismissed as 'myth'" in cue for cue in result.cues)


def test_closeness_statements_argue_against_a_split():
    result = stance_on("Putin and Xi are true friends and their ties have deepened.")
    assert result.label == "against"
    assert result.confidence > 0.6


def test_closeness_words_need_the_actors():
    # "true friends" about two neighbours says nothing about Russia and China.
    assert stance_on("The two neighbours are true friends.") is None


def test_a_claim_the_text_does_not_touch_gets_no_stance():
    assert claim_stances("Tariffs on steel rose by 10 per cent in March.") == []


def test_someone_else_doing_it_does_not_favor():
    result = stance_on("If anyone is doing Nixon in reverse, it's Xi Jinping.")
    assert result.label == "none"
    assert any("done by Xi Jinping" in cue for cue in result.cues)


def test_reporting_others_concern_takes_no_stance():
    asserted = stance_on("Washington will drive a wedge between Moscow and Beijing.")
    reported = stance_on(
        "Some analysts fear that Washington will drive a wedge between Moscow and Beijing."
    )
    assert asserted.label == "favor"
    assert reported.label == "none"
    assert any("no stance" in cue for cue in reported.cues)


def test_endorsing_a_reported_view_takes_it():
    result = stance_on(
        "As critics rightly say, the Kremlin will eventually abandon its alliance with Beijing."
    )
    assert result.label == "favor"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # durability and closeness, plainly asserted
        ("Beijing and Moscow will stay close for years to come.", "against"),
        ("Ties between Russia and China have reached a new level of mutual trust.", "against"),
        ("Xi called Putin a dear friend with whom China shares everything.", "against"),
        # a split or wedge, denied, dismissed or conceded
        ("Xi is not about to turn against Putin.", "against"),
        ("Every effort to drive a wedge between Moscow and Beijing is bound to fail.", "against"),
        ("There is suspicion between Moscow and Beijing, but suspicion is not a rupture.",
         "against"),
        # the other side
        ("The partnership between Russia and China is fragile and lopsided.", "favor"),
        ("Moscow and Beijing look close, but their alignment is a marriage of convenience.",
         "favor"),
    ],
)
def test_general_triggers_with_negation_concession_and_contrast(text, label):
    result = stance_on(text)
    assert result is not None, text
    assert result.label == label, result.cues


def test_closeness_words_near_unrelated_things_do_not_count():
    assert stance_on("Russia and China both sent envoys; the vote was close.") is None


def test_conceded_trigger_is_set_aside():
    result = stance_on("Rivalry between Moscow and Beijing does not mean a split.")
    assert result.label == "against"
    assert any("conceded" in cue and "no stance" in cue for cue in result.cues)


@pytest.mark.parametrize(
    ("text", "claim", "label"),
    [
        ("The pillars of the postwar system are crumbling before our eyes.",
         "liberal-order-crumbling", "favor"),
        ("The alliances that underpin the rules-based order remain resilient.",
         "liberal-order-crumbling", "against"),
        ("Beijing wins every time we quarrel with our European allies.",
         "trump-benefits-xi", "favor"),
        ("Washington's tariffs will hurt China badly.", "trump-benefits-xi", "against"),
    ],
)
def test_other_claims_have_general_triggers(text, claim, label):
    result = stance_on(text, claim)
    assert result is not None and result.label == label


def test_other_shipped_claims():
    assert stance_on("The liberal international order is crumbling.",
                     "liberal-order-crumbling").label == "favor"
    assert stance_on("Trump's tariffs are a gift for Beijing, a rich opportunity for Xi.",
                     "trump-benefits-xi").label == "favor"


def test_users_supply_their_own_claims(tmp_path: Path):
    path = tmp_path / "claims.toml"
    path.write_text(
        '[[claims]]\nid = "eu-autonomy"\nclaim = "Europe acts alone"\n'
        'cues = [{ pattern = "strategic autonomy", stance = "favor" }]\n'
    )
    claims = load_claims(path)
    (result,) = claim_stances("Brussels never achieved strategic autonomy.", claims)
    assert (result.claim, result.label) == ("eu-autonomy", "against")


# --- per-quote records -----------------------------------------------------

TEXT = (
    "Analysts said the US cannot split Moscow from Beijing. "
    "\u201cXi and Putin are true friends. Washington's plan is just a delusion,\u201d said Ann Lee."
)


def make_quote(quote_id: str, start: int, end: int, kind: str, speaker: str | None) -> Quote:
    return Quote(
        file="data/raw/made-up.txt", article_id="made-up", quote_id=quote_id, start=start,
        end=end, text=TEXT[start:end], kind=kind, speaker=speaker, speaker_mention=speaker,
        role=None, affiliation=None, cue="said", paragraph=0,
    )


def made_up_article() -> tuple[Article, list[Quote]]:
    paragraph = Paragraph(kind="body", text=TEXT, start=0, end=len(TEXT))
    article = Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None, published=None,
        published_text=None, topics=[], url=None, paragraphs=[paragraph], dropped=[],
        file="data/raw/made-up.txt",
    )
    indirect_start = TEXT.index("the US")
    direct_start = TEXT.index("Xi and")
    quotes = [
        make_quote("made-up:q001", indirect_start, TEXT.index(". "), "indirect", "analysts"),
        make_quote("made-up:q002", direct_start, TEXT.index(",\u201d"), "direct", "Ann Lee"),
    ]
    return article, quotes


def test_stance_records_carry_speaker_and_ids():
    article, quotes = made_up_article()
    records = stance_records(article, quotes)
    assert records
    for record in records:
        assert set(record) == set(STANCE_FIELDS)
        assert record["file"] == "data/raw/made-up.txt"
        assert record["article_id"] == "made-up"
        assert record["quote_id"] in ("made-up:q001", "made-up:q002")
        assert record["speaker"] in ("analysts", "Ann Lee")


def test_reported_speech_stance_belongs_to_its_speaker():
    article, quotes = made_up_article()
    claims = {
        r["speaker"]: r for r in stance_records(article, quotes) if r["aspect"] == "claim"
    }
    assert claims["analysts"]["label"] == "against"  # indirect: "cannot split"
    assert claims["Ann Lee"]["label"] == "against"  # "true friends", "a delusion"


def test_actor_records_only_for_actors_mentioned():
    article, quotes = made_up_article()
    actors = {
        (r["quote_id"], r["target"])
        for r in stance_records(article, quotes) if r["aspect"] == "actor"
    }
    assert actors == {
        ("made-up:q001", "US"), ("made-up:q001", "Russia"), ("made-up:q001", "China"),
        ("made-up:q002", "China"), ("made-up:q002", "Russia"), ("made-up:q002", "US"),
    }


def test_quote_record_keeps_textblob_baseline_and_hedging():
    article, quotes = made_up_article()
    (quote_record,) = [
        r for r in stance_records(article, quotes)
        if r["aspect"] == "quote" and r["speaker"] == "Ann Lee"
    ]
    assert -1 <= quote_record["textblob_polarity"] <= 1
    assert 0 <= quote_record["textblob_subjectivity"] <= 1
    assert "certainty: 'just'" in quote_record["hedging_cues"]


# --- partial quotes are read within their reported clause ------------------------------


def test_partial_quote_scores_the_actor_named_outside_the_quoted_words():
    text = ('Former envoy Ann Lee said Washington was "recklessly wrecking" the alliances '
            "that kept Europe safe.")
    paragraph = Paragraph(kind="body", text=text, start=0, end=len(text))
    article = Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None, published=None,
        published_text=None, topics=[], url=None, paragraphs=[paragraph], dropped=[],
        file="data/raw/partial.txt",
    )
    start = text.index("recklessly")
    quote = Quote(
        file=article.file, article_id="partial", quote_id="partial:q001", start=start,
        end=start + len("recklessly wrecking"), text="recklessly wrecking", kind="partial",
        speaker="Ann Lee", speaker_mention="Ann Lee", role=None, affiliation=None, cue="said",
        paragraph=0,
    )
    actors = {
        r["target"]: r for r in stance_records(article, [quote]) if r["aspect"] == "actor"
    }
    assert actors["US"]["label"] == "negative"
    assert any("reckless" in cue or "wrecking" in cue for cue in actors["US"]["cues"])


def test_a_long_quote_full_of_mentions_reads_each_sentence_once(monkeypatch):
    from geolib.stance import records, sentiment

    built = []
    original = sentiment.SentenceView

    def counting(text, *args, **kwargs):
        built.append(len(text))
        return original(text, *args, **kwargs)

    monkeypatch.setattr(sentiment, "SentenceView", counting)
    unpunctuated = " ".join(["Russia and China and the EU trade with the US"] * 300)
    found = records.actor_sentiments(unpunctuated)
    assert set(found) == {"Russia", "China", "EU", "US"}
    assert len(built) == 1  # one sentence, read once for its 1,200 mentions


def test_one_word_tokenizer_keeps_offsets_and_apostrophes():
    from geolib.text.words import word_forms, words

    text = "Beijing’s “no-limits” pact isn’t 2.5 times bigger."
    tokens = words(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert word_forms(text) == ["beijing's", "no", "limits", "pact", "isn't", "times", "bigger"]


# --- claim triggers as word families, read in their sentence (issue 22) -----------------


@pytest.mark.parametrize(
    ("text", "claim", "label"),
    [
        # closeness and durability in other words
        ("Ties between Moscow and Beijing are at an all-time high.", "split-russia-china",
         "against"),
        ("Relations between Russia and China have never been so good.", "split-russia-china",
         "against"),
        ("Beijing and Moscow are growing ever closer.", "split-russia-china", "against"),
        ("Russia and China remain firmly aligned.", "split-russia-china", "against"),
        ("The partnership between Russia and China is not going anywhere.",
         "split-russia-china", "against"),
        # a split denied: negation, "nothing", a failed aim, a later clause conceding it
        ("Nothing will ever come between Moscow and Beijing.", "split-russia-china", "against"),
        ("The Kremlin has no intention of turning its back on China.", "split-russia-china",
         "against"),
        ("Efforts to divide Russia and China have failed.", "split-russia-china", "against"),
        ("Moscow and Beijing distrust each other, but that does not mean a split.",
         "split-russia-china", "against"),
        # a split asserted in other words
        ("Sooner or later Russia and China will drift apart.", "split-russia-china", "favor"),
        ("The interests of Russia and China are bound to diverge.", "split-russia-china",
         "favor"),
        ("The friendship between Moscow and Beijing is only skin deep.", "split-russia-china",
         "favor"),
        ("The Sino-Russian alignment has its limits.", "split-russia-china", "favor"),
        # endorsed or merely reported
        ("Critics rightly say Moscow and Beijing are drifting apart.", "split-russia-china",
         "favor"),
        ("Critics say Moscow and Beijing are drifting apart.", "split-russia-china", "none"),
        # the liberal order
        ("The rules-based order is falling apart.", "liberal-order-crumbling", "favor"),
        ("The era of American primacy is coming to an end.", "liberal-order-crumbling", "favor"),
        ("Multilateral institutions are in disarray.", "liberal-order-crumbling", "favor"),
        ("Our allies can no longer rely on us.", "liberal-order-crumbling", "favor"),
        ("The Atlantic alliance has never been more united.", "liberal-order-crumbling",
         "against"),
        ("Forecasts that the world order would collapse have been proved wrong.",
         "liberal-order-crumbling", "against"),
        # who benefits
        ("Whenever Washington feuds with Brussels, Beijing comes out ahead.",
         "trump-benefits-xi", "favor"),
        ("The tariff war plays right into China's hands.", "trump-benefits-xi", "favor"),
        ("By insulting its allies, the White House makes China stronger.",
         "trump-benefits-xi", "favor"),
    ],
)
def test_claim_families_in_other_words(text, claim, label):
    result = stance_on(text, claim)
    got = result.label if result else "none"
    assert got == label, result.cues if result else text


def test_a_relation_with_a_third_country_is_not_the_pair():
    # Russia's warm ties with Turkey say nothing about Russia and China, though the
    # quote names China elsewhere.
    text = ("Our bilateral relations with Turkey remain warm and stable. "
            "China is a large market for Russian gas.")
    assert stance_on(text) is None
    near = stance_on("China is our neighbour. Our bilateral relations remain warm and stable, "
                     "Putin said of Russia.")
    assert near is not None and near.label == "against"


def test_a_claim_word_inside_a_name_is_no_trigger():
    # "United" in "United States" or "United Nations" says nothing of the order's unity.
    assert stance_on("The United Nations sits at the heart of the international order.",
                     "liberal-order-crumbling") is None
    assert stance_on("The alliance is united and the order holds.",
                     "liberal-order-crumbling").label == "against"


def test_false_negations_do_not_turn_a_trigger():
    result = stance_on("Russia and China have not only deepened their ties but widened them.")
    assert result.label == "against"


def test_partial_quote_scores_president_obama_named_outside_the_quoted_words():
    text = ('The senator said President Obama had been "dangerously naive" about the Kremlin, '
            "in a speech on Monday.")
    paragraph = Paragraph(kind="body", text=text, start=0, end=len(text))
    article = Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None, published=None,
        published_text=None, topics=[], url=None, paragraphs=[paragraph], dropped=[],
        file="data/raw/partial.txt",
    )
    start = text.index("dangerously")
    quote = Quote(
        file=article.file, article_id="partial", quote_id="partial:q001", start=start,
        end=start + len("dangerously naive"), text="dangerously naive", kind="partial",
        speaker="senator", speaker_mention="The senator", role=None, affiliation=None,
        cue="said", paragraph=0,
    )
    actors = {
        r["target"]: r for r in stance_records(article, [quote]) if r["aspect"] == "actor"
    }
    assert actors["US"]["label"] == "negative"
    assert any("naive" in cue for cue in actors["US"]["cues"])


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # others' views and aims, reported: no stance
        ("According to some observers, Washington hopes to lure Moscow away from Beijing.",
         "none"),
        ("The theory goes that the White House can split Russia from China.", "none"),
        ("There are fears in Moscow that Beijing will treat Russia as a junior partner.", "none"),
        ("Western pundits often argue that Moscow and Beijing are drifting apart.", "none"),
        ("Hawks in the administration believe that Russia can be weaned away from China.",
         "none"),
        # urged or endorsed: the voice's own
        ("Washington should try to pull Moscow away from Beijing.", "favor"),
        ("As many experts have correctly noted, the Russia-China axis is fragile.", "favor"),
        # reported, then rejected: against
        ("Some in the West dream of splitting Moscow and Beijing, but that will never happen.",
         "against"),
        ("The notion that Washington can peel Russia away from China is fanciful.", "against"),
        ("Those who hope to drive a wedge between Russia and China are deluding themselves.",
         "against"),
    ],
)
def test_whose_view_it_is(text, label):
    result = stance_on(text)
    got = result.label if result else "none"
    assert got == label, result.cues if result else text


# --- an actor named before the clause, as its pronoun subject -----------------------------


def _article(text: str) -> Article:
    paragraphs, at = [], 0
    for part in text.split("\n\n"):
        paragraphs.append(Paragraph(kind="body", text=part, start=at, end=at + len(part)))
        at += len(part) + 2
    return Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None, published=None,
        published_text=None, topics=[], url=None, paragraphs=paragraphs, dropped=[],
        file="data/raw/pronoun.txt",
    )


def _partial(article: Article, paragraph: int, words: str, speaker: str) -> Quote:
    text = article.paragraphs[paragraph].text
    start = article.paragraphs[paragraph].start + text.index(words)
    return Quote(
        file=article.file, article_id="pronoun", quote_id="pronoun:q001", start=start,
        end=start + len(words), text=words, kind="partial", speaker=speaker,
        speaker_mention=speaker, role=None, affiliation=None, cue="said", paragraph=paragraph,
    )


def _actor_records(article: Article, quote: Quote) -> dict:
    return {r["target"]: r for r in stance_records(article, [quote]) if r["aspect"] == "actor"}


def test_a_pronoun_subject_stands_for_the_actor_named_before():
    article = _article("Biden landed in Warsaw on Friday. He has been "
                       '"dangerously complacent" about the war, said Ann Ray, a senator.')
    found = _actor_records(article, _partial(article, 0, "dangerously complacent", "Ann Ray"))
    assert found["US"]["label"] == "negative"
    article = _article("The Kremlin issued a statement on Sunday.\n\n"
                       'Its conduct has been "utterly reckless," the envoy said.')
    found = _actor_records(article, _partial(article, 1, "utterly reckless", "envoy"))
    assert found["Russia"]["label"] == "negative"


def test_a_pronoun_that_is_the_speaker_or_unknown_makes_no_record():
    # "He" is the speaker himself
    article = _article('Putin arrived in Minsk on Monday. He said the talks were "very useful".')
    assert _actor_records(article, _partial(article, 0, "very useful", "Vladimir Putin")) == {}
    # "it" after a sentence that does not open with the actor
    article = _article('Talks with Beijing resumed on Monday. It was "a fruitful day," she said.')
    assert _actor_records(article, _partial(article, 0, "a fruitful day", "Ann Ray")) == {}


@pytest.mark.parametrize("text", [
    "Brussels rejected claims of a rift with Washington.",
    "Taipei dismissed talk of tensions between Taiwan and the United States.",
    "Brussels denied that its ties with Washington had soured.",
    "Reports of a feud between Kyiv and Brussels are overblown, the spokeswoman said.",
    "Friction between Kyiv and Washington does not mean a rupture.",
])
def test_a_denied_hostility_does_not_count_against_the_actors(text):
    found = records.actor_sentiments(text)
    assert len(found) >= 2
    assert all(result.label != "negative" for result in found.values()), found


def test_hostility_asserted_or_a_dismissal_of_something_else_still_counts():
    assert not markers.denied_hostility("The rift between Brussels and Washington is not healing.")
    assert not markers.denied_hostility("The minister dismissed the envoy amid tensions with Brussels.")
    (denial,) = markers.denied_hostility("Kyiv played down suggestions of a split with Brussels.")
    assert "played down" in denial[2] and "split" in denial[2]


@pytest.mark.parametrize("text", [
    "Taiwan and the United States are going to stay close.",
    "Brussels will never abandon Kyiv.",
    "The EU and Ukraine are growing ever closer.",
])
def test_closeness_said_without_a_sentiment_word_is_mildly_positive(text):
    found = records.actor_sentiments(text)
    assert len(found) == 2
    assert all(result.label == "positive" for result in found.values()), found
    # the cue names the closeness: the rule's "said to be close", or the model's own negated
    # hostility word ("not … abandon") when the sentiment model already scores it positive
    assert all(any(word in result.cues[0] for word in ("close", "abandon")) for result in found.values())


@pytest.mark.parametrize("text", [
    "Ukraine and the EU are close to a trade deal.",  # nearness, not closeness
    "Ukraine and the EU are not close.",
    "Some fear Brussels will abandon Kyiv.",  # someone else's view
])
def test_closeness_not_said_is_not_positive(text):
    assert not markers.said_closeness(text)


def test_close_to_a_deal_is_no_closeness_claim():
    assert not claim_stances("Russia and China are close to a deal on gas.")
    (stance,) = claim_stances("Russia and China are close.")
    assert stance.label == "against"


def test_shipped_patterns_nest_no_groups():
    """The phrase language splits a group's alternatives at every "|": a group inside a
    group would cut its words apart ("rubbing (its|their) hands" inside one would make
    "their" a trigger of its own)."""
    from geolib.stance.frames import load_frames

    patterns = [p for claim in load_claims() for t in claim.triggers for p in t.patterns]
    patterns += [fp.pattern for frame in load_frames() for fp in frame.patterns]
    m = markers.load_markers()
    patterns += [*m.negators, *m.dismissals, *m.reporting, *m.aims, *m.hostility,
                 *m.closeness, *m.breaking, *m.denial_after, *m.denial_verbs]
    for pattern in patterns:
        depth = 0
        for char in pattern:
            depth += (char == "(") - (char == ")")
            assert depth <= 1, pattern


@pytest.mark.parametrize(("text", "claim", "label"), [
    ("The Kremlin laughed off reports of a feud with Beijing.", "split-russia-china", "against"),
    ("Beijing denied that its ties with Moscow had cooled.", "split-russia-china", "against"),
    ("Relations between Moscow and Beijing have cooled markedly.", "split-russia-china", "favor"),
    ("Russia and China trust each other.", "split-russia-china", "against"),
    ("Our partnership with Beijing is not tactical.", "split-russia-china", "against"),
    ("The partnership between Russia and China is tactical.", "split-russia-china", "favor"),
    ("The old certainties no longer hold.", "liberal-order-crumbling", "favor"),
    ("Beijing must be thrilled by the tariffs on Canadian lumber.", "trump-benefits-xi", "favor"),
    ("China is laughing as we tear into our allies.", "trump-benefits-xi", "favor"),
])
def test_quarrel_cooling_trust_and_glee_families(text, claim, label):
    assert stance_on(text, claim).label == label


def test_a_glad_host_is_no_beneficiary():
    assert stance_on("We are delighted to welcome the Chinese delegation to our tariff talks.",
                     "trump-benefits-xi") is None


@pytest.mark.parametrize(("text", "claim", "label"), [
    ("The Chinese are our strategic partners, and that will not change.", "split-russia-china", "against"),
    ("Ties between Moscow and Beijing are the best they have ever been.", "split-russia-china", "against"),
    ("Russia and China will keep standing together.", "split-russia-china", "against"),
    ("The partnership between Russia and China is not aimed at anyone.", "split-russia-china", "against"),
    ("Putin and Xi are not going to let anyone come between them.", "split-russia-china", "against"),
    ("The guarantees we relied on can no longer be taken for granted.", "liberal-order-crumbling", "favor"),
])
def test_partnership_togetherness_and_lost_guarantees(text, claim, label):
    assert stance_on(text, claim).label == label


@pytest.mark.parametrize("text", [
    "The governor thanked the president for his strong leadership of America.",
    "We will strengthen our alliances in the Pacific.",
    "They would strike back if Russia or its allies came under attack.",
    "Both sides want an end to the war, the alliance said.",
    "The era of cheap imports is over.",
    "The country's banking system is alive and well.",
])
def test_strength_threat_and_endings_of_other_things_say_nothing_of_the_order(text):
    assert stance_on(text, "liberal-order-crumbling") is None


def test_a_question_asserts_no_side():
    asked = stance_on("Is the alliance between Moscow and Beijing as close as ever?")
    assert asked.label == "none" and any("asked" in cue for cue in asked.cues)
    said = stance_on("Who asked? The alliance between Moscow and Beijing is as close as ever.")
    assert said.label == "against"


@pytest.mark.parametrize(("text", "label"), [
    ("China's overcapacity poses a serious risk to American steelmakers.", None),
    ("Unfair practices by China hurt American workers, and these tariffs are our answer.", None),
    ("Our plan will give a boost to our farmers as China's demand grows.", None),
    ("The Chinese won't be able to take advantage of our farmers anymore.", "against"),
    ("The new export controls will force Beijing back to the table.", "against"),
    ("Our tariffs are a heavy blow to the Chinese economy.", "against"),
])
def test_a_gain_or_loss_must_be_chinas(text, label):
    found = stance_on(text, "trump-benefits-xi")
    assert (found.label if found else None) == label


@pytest.mark.parametrize("text", [
    "Moscow warned it could close its ports, and Beijing said nothing.",  # the verb
    "There are rising tensions between America and China, and Russia is watching.",  # other parties
    "Under the firm hand of its party, China signed the Russian gas deal.",  # "firm" of something else
    "Moscow and Kazan remain the favourite destinations of Chinese tourists.",
])
def test_relation_words_of_other_things_say_nothing_of_the_pair(text):
    assert stance_on(text) is None


def test_a_coordinated_negative_predicate_concedes_nothing():
    result = stance_on("Ties between Russia and China rest on mutual trust and are not aimed at anyone.")
    assert result.label == "against"
    assert not any("conceded" in cue for cue in result.cues)


def test_asked_about_is_the_askers_word_and_dismissing_dismisses():
    asked = stance_on("Asked about tensions with Beijing, the Kremlin said relations were fine.")
    assert asked.label == "none"
    dismissing = stance_on("Moscow is fine with Beijing, the envoy said, dismissing reports of a rift.")
    assert dismissing.label == "against"
    found = records.actor_sentiments("The Kremlin denied that Russia was China's junior partner.")
    assert found["Russia"].label != "negative"


def test_a_denial_verb_in_a_clause_of_its_own_denies_only_its_object():
    own = stance_on("Moscow has no quarrel with Beijing, the envoy said, dismissing a rift.")
    assert own.label == "against"
    assert not any("quarrel" in cue and "dismissed" in cue for cue in own.cues)
    tied = stance_on("A split with Beijing, which the Kremlin has long dismissed, is unlikely.")
    assert tied.label == "against"
