"""Who said what: every attribution pattern of issue 3 on small made-up articles, and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from geolib import read_article
from geolib.extract.quotes import Quote, extract_quotes, quote_records, speaker_records
from geolib.model import Article, Paragraph
from geolib.text.marks import pair_quotes

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def make_article(*paragraphs: str, name: str = "made-up") -> Article:
    """An article whose body paragraphs sit in the raw text separated by blank lines."""
    parts, at = [], 0
    for text in paragraphs:
        parts.append(Paragraph(kind="body", text=text, start=at, end=at + len(text)))
        at += len(text) + 2
    return Article(title=None, standfirst=None, authors=[], outlet=None, section=None, published=None,
                   published_text=None, topics=[], url=None, paragraphs=parts, dropped=[],
                   file=f"{name}.txt")


def raw_of(article: Article) -> str:
    return "\n\n".join(p.text for p in article.paragraphs)


def only(quotes: list[Quote], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


def told_by_partials(quotes: list[Quote]) -> list[Quote]:
    """The quotes less each reported clause that wraps partial quotes, after checking the
    clause has its partials' speaker (the tests below are about the partials)."""
    kept = []
    for q in quotes:
        inner = [p for p in quotes if p.kind == "partial" and q.kind == "indirect"
                 and q.start <= p.start and p.end <= q.end]
        if inner:
            assert {p.speaker for p in inner} == {q.speaker}, (q.text, q.speaker)
            continue
        kept.append(q)
    return kept


def test_said_x_after_quote_with_appositive_role_and_affiliation():
    article = make_article(
        "“The order is crumbling,” said Li Wei, a professor at Fudan University.")
    [quote] = extract_quotes(article)
    assert quote.kind == "direct"
    assert quote.text == "The order is crumbling"
    assert (quote.speaker, quote.role, quote.affiliation, quote.cue) == (
        "Li Wei", "professor", "Fudan University", "said")
    assert raw_of(article)[quote.start:quote.end] == "The order is crumbling"
    assert quote.quote_id == "made-up:q001" and quote.article_id == "made-up"


def test_x_said_and_x_says_with_straight_quotes():
    article = make_article('"We will not back down," Anna Berg said.', '"Never," Berg says.')
    quotes = extract_quotes(article)
    assert [(q.kind, q.speaker, q.speaker_mention, q.cue) for q in quotes] == [
        ("direct", "Anna Berg", "Anna Berg", "said"), ("direct", "Anna Berg", "Berg", "says")]


def test_wrote_x_in_a_post():
    article = make_article(
        "“Beijing is watching,” wrote Tom Reed, a fellow at the Council on Foreign Relations, "
        "in a post on the think tank’s blog.")
    [quote] = extract_quotes(article)
    assert (quote.speaker, quote.cue, quote.role, quote.affiliation) == (
        "Tom Reed", "wrote", "fellow", "Council on Foreign Relations")


def test_told_colon_lead_in_and_listener_not_speaker():
    article = make_article("Kremlin spokesman Dmitry Peskov told reporters: “The talks were useful.”")
    [quote] = extract_quotes(article)
    assert quote.kind == "direct"
    assert quote.speaker == "Dmitry Peskov" and quote.cue == "told"
    assert (quote.role, quote.affiliation) == ("spokesman", "Kremlin")


def test_according_to_gives_indirect_quote():
    article = make_article("According to Sara Lund, the sanctions have cut Russian exports sharply.")
    [quote] = extract_quotes(article)
    assert quote.kind == "indirect"
    assert quote.text == "the sanctions have cut Russian exports sharply"
    assert quote.speaker == "Sara Lund" and quote.cue == "According to"


def test_in_an_interview_with_does_not_make_the_outlet_the_speaker():
    article = make_article(
        "Omar Haddad said in an interview with Bloomberg that the tariffs would hurt both sides.")
    [quote] = extract_quotes(article)
    assert quote.kind == "indirect"
    assert quote.speaker == "Omar Haddad"
    assert quote.text == "the tariffs would hurt both sides"


@pytest.mark.parametrize("verb", ["noted", "argued", "warned"])
def test_x_verb_that(verb):
    article = make_article(f"Mei Chen {verb} that Washington could not contain China alone.")
    [quote] = extract_quotes(article)
    assert (quote.kind, quote.speaker, quote.cue) == ("indirect", "Mei Chen", verb)
    assert quote.text == "Washington could not contain China alone"


def test_colon_lead_in_without_a_reporting_verb():
    article = make_article("Jan Kowalski was blunt: “This deal is a gift to Moscow.”")
    [quote] = extract_quotes(article)
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Jan Kowalski", ":")


def test_dash_sign_off():
    article = make_article(
        "“We are watching closely.” — Elena Petrova, a researcher at the Carnegie Russia Eurasia Center")
    [quote] = extract_quotes(article)
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Elena Petrova", "—")
    assert (quote.role, quote.affiliation) == ("researcher", "Carnegie Russia Eurasia Center")


def test_of_affiliation_and_possessive_affiliation():
    article = make_article(
        "“Exports collapsed,” said Paul Weber of the Kiel Institute for the World Economy.",
        "Peking University’s Zhang Min noted that the data were incomplete and often revised.")
    first, second = extract_quotes(article)
    assert (first.speaker, first.role, first.affiliation) == (
        "Paul Weber", None, "Kiel Institute for the World Economy")
    assert (second.kind, second.speaker, second.affiliation) == ("indirect", "Zhang Min", "Peking University")


def test_long_appositive_splits_role_from_affiliation():
    article = make_article(
        "But Ruth Adler, a former senior director for Europe on the US National Security Council, "
        "said the summit was unlikely to change much.")
    [quote] = extract_quotes(article)
    assert quote.speaker == "Ruth Adler"
    assert quote.role == "former senior director for Europe"
    assert quote.affiliation == "US National Security Council"


def test_premodifier_role_without_affiliation():
    article = make_article(
        "“Moscow needs Beijing more,” said Ivan Sokolov, a Berlin-based energy economist.")
    [quote] = extract_quotes(article)
    assert (quote.speaker, quote.role, quote.affiliation) == (
        "Ivan Sokolov", "Berlin-based energy economist", None)


def test_split_quote_and_follow_on_in_next_paragraph():
    article = make_article(
        "“We are ready,” said Karl Nilsson, a diplomat. “They are not.”",
        "“It will take years,” he added.",
        "“Nobody in Brussels wants that.”")
    quotes = extract_quotes(article)
    assert [q.kind for q in quotes] == ["direct"] * 4
    assert {q.speaker for q in quotes} == {"Karl Nilsson"}
    assert quotes[1].cue is None and quotes[2].cue == "added" and quotes[2].speaker_mention == "he"


def test_split_quote_inside_one_sentence():
    article = make_article("“We are,” Lena Hoff said, “going to win this.”")
    quotes = extract_quotes(article)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("We are", "direct", "Lena Hoff"), ("going to win this.", "direct", "Lena Hoff")]


def test_quote_spanning_paragraphs_gives_one_record_per_paragraph_with_one_speaker():
    article = make_article(
        "“The first problem is money,” said Hugo Brandt. “The second is time.",
        "“The third is trust.”")
    quotes = extract_quotes(article)
    assert [(q.text, q.speaker, q.paragraph) for q in quotes] == [
        ("The first problem is money", "Hugo Brandt", 0),
        ("The second is time.", "Hugo Brandt", 0),
        ("The third is trust.", "Hugo Brandt", 1),
    ]
    assert raw_of(article)[quotes[-1].start:quotes[-1].end] == "The third is trust."


def test_quote_spanning_paragraphs_takes_the_speaker_named_at_its_end():
    article = make_article(
        "Officials spent the day in talks.",
        "“We came with a plan. Nobody wanted to hear it.",
        "“Now they will,” said Greta Holm, the Swedish envoy.")
    quotes = [q for q in extract_quotes(article) if q.kind == "direct"]
    assert [q.paragraph for q in quotes] == [1, 2]
    assert {(q.speaker, q.role) for q in quotes} == {("Greta Holm", "Swedish envoy")}


def test_nested_and_mixed_marks_and_apostrophes():
    article = make_article(
        "“They’d say: ‘Come to think of it, we don’t like them’ — it’s a delusion,” said Tim Ross.",
        'The leaders\' summit ended. "It was a \'reset\' of sorts," Ross said.',
        "Rock 'n' roll and the '90s were 'fun', Ross said.")
    quotes = extract_quotes(article)
    first, second = quotes[:2]
    assert first.text.startswith("They’d say: ‘Come to think") and first.text.endswith("delusion")
    assert first.speaker == "Tim Ross"
    assert second.text == "It was a 'reset' of sorts" and second.speaker == "Tim Ross"
    assert [(q.text, q.speaker) for q in only(quotes, "partial")] == [("fun", "Tim Ross")]  # not 'n', '90s
    mixed = "“It was a \"reset\" of sorts,” he said."
    assert pair_quotes(mixed)[0][0].end == mixed.index("”")


def test_odd_number_of_marks_never_swallows_the_next_paragraph():
    article = make_article(
        "He called it “a mistake and walked out.",
        "“Next time,” said Ada Moss, an aide.")
    quotes = extract_quotes(article)
    assert all(q.paragraph in (0, 1) for q in quotes)
    assert [q for q in quotes if q.paragraph == 1][0].speaker == "Ada Moss"
    spans, _ = pair_quotes('She said " and left')
    assert all(s.end <= len('She said " and left') for s in spans)


def test_partial_quotes_inside_reported_speech():
    article = make_article(
        "In a call with Putin, Xi Jinping reaffirmed the relationship, saying the two were "
        "“true friends” ready to share “weal and woe”.")
    quotes = extract_quotes(article)
    partial = only(quotes, "partial")
    assert [q.text for q in partial] == ["true friends", "weal and woe"]
    assert {q.speaker for q in partial} == {"Xi Jinping"} and {q.cue for q in partial} == {"saying"}
    # the reported speech whole, beside the partials of the words it quotes
    [clause] = only(quotes, "indirect")
    assert clause.text == "the two were “true friends” ready to share “weal and woe”"
    assert clause.speaker == "Xi Jinping"


def test_term_scare_quote_and_slogan_have_no_speaker():
    article = make_article("Xi will bolster his “no limits” friendship with Russia this week.")
    [quote] = extract_quotes(article)
    assert (quote.kind, quote.speaker, quote.cue) == ("term", None, None)


def test_short_name_and_pronoun_resolve_to_full_name():
    article = make_article(
        "Thomas Reyes, a historian at Yale University, said the war had changed everything.",
        "“It is a delusion,” said Reyes.",
        "He added that Moscow would simply wait it out.")
    quotes = extract_quotes(article)
    assert [q.speaker for q in quotes] == ["Thomas Reyes"] * 3
    assert quotes[1].speaker_mention == "Reyes" and quotes[2].speaker_mention == "He"
    assert quotes[1].affiliation == "Yale University"


def test_pronoun_refers_to_person_named_in_previous_sentence():
    article = make_article(
        "The crisis vindicates Xi Jinping's worldview. For years, he has spoken of "
        "“changes unseen in a century”.")
    [quote] = extract_quotes(article)
    assert (quote.kind, quote.speaker, quote.speaker_mention) == ("partial", "Xi Jinping", "he")


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The vote exposed deep divisions in Europe, said analysts.", "analysts"),
    ("Experts quoted in state media said the deal showed western weakness.",
     "experts quoted in state media"),
    ("Others, however, argued that the deal would collapse within a year.", "others"),
    ("Some Chinese analysts worry that the rapprochement is a trap.", "Chinese analysts"),
])
def test_group_and_anonymous_sources(sentence, speaker):
    [quote] = extract_quotes(make_article(sentence))
    assert (quote.kind, quote.speaker) == ("indirect", speaker)


def test_they_resolves_to_the_last_group():
    article = make_article("The deal favours Moscow, said experts.",
                           "But they added that Beijing would be wary of any bargain.")
    quotes = extract_quotes(article)
    assert [q.speaker for q in quotes] == ["experts", "experts"]


def test_records_and_speakers_with_institution_data():
    article = make_article(
        "“It matters,” said Wang Li, a professor at Peking University.",
        "“It really does,” Wang said.")
    records = quote_records(extract_quotes(article))
    assert records[0]["speaker"] == "Wang Li" and set(records[0]) >= {"file", "quote_id", "paragraph"}
    [speaker] = speaker_records(article, extract_quotes(article))
    assert speaker["n_quotes"] == 2
    assert (speaker["institution_country"], speaker["institution_type"]) == ("China", "university")


def test_user_institutions_extend_the_package_data(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("name,aliases,country,type\nNordic Policy Lab,NPL,Norway,think tank\n", encoding="utf-8")
    article = make_article("“Oil decides,” said Kari Dahl of the Nordic Policy Lab.")
    [speaker] = speaker_records(article, extract_quotes(article), institutions=extra)
    assert (speaker["institution_country"], speaker["institution_type"]) == ("Norway", "think tank")


def test_only_body_paragraphs_are_read():
    article = make_article("“Hello,” said Ann Lee.")
    caption = Paragraph(kind="caption", text="“Caption quote,” said Bo Li.", start=0, end=1)
    article.paragraphs.insert(0, caption)
    assert [q.text for q in extract_quotes(article)] == ["Hello"]


@pytest.fixture(scope="module")
def ft_quotes() -> list[Quote]:
    return extract_quotes(read_article(RAW / "ft-trump-russia-ties-china.txt"))


def test_ft_seed_main_speakers_roles_affiliations(ft_quotes):
    direct = only(ft_quotes, "direct")
    by_speaker = {q.speaker: q for q in direct}
    assert by_speaker["Ja Ian Chong"].role == "associate professor of political science"
    assert by_speaker["Ja Ian Chong"].affiliation == "National University of Singapore"
    assert by_speaker["Vasily Astrov"].affiliation == "Vienna Institute for International Economic Studies"
    assert by_speaker["Thomas Graham"].affiliation == "US National Security Council"
    assert by_speaker["David Sacks"].cue == "wrote"
    assert by_speaker["Sergey Radchenko"].affiliation.startswith("Johns Hopkins School of Advanced")
    assert by_speaker["Shen Dingli"].role == "Shanghai-based international relations professor"
    assert [q.speaker for q in direct].count("Thomas Graham") == 2
    assert sum(q.speaker_mention == "Graham" for q in direct) == 1


def test_ft_seed_terms_partials_and_groups(ft_quotes):
    assert [q.text for q in only(ft_quotes, "term")] == ["swift end"]
    assert {q.text: q.speaker for q in only(ft_quotes, "partial")} == {
        "major changes unseen in a century": "Xi Jinping", "true friends": "Xi Jinping",
        "weal and woe": "Xi Jinping", "contempt": "Wang Wen"}
    groups = {q.speaker for q in only(ft_quotes, "indirect")}
    assert {"analysts", "experts", "Chinese analysts", "Chinese academics", "others"} <= groups


def test_gzero_seed_slogan_is_a_term():
    quotes = extract_quotes(read_article(RAW / "gzero-trump-no-limits-china-russia.txt"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [("term", "no limits friendship", None)]


def test_wire_style_dateline_time_adjunct_and_definite_description():
    article = make_article(
        "BEIJING, March 5 (Reuters) - China will raise defence spending by 7.2% this year, "
        "the government said on Wednesday.",
        "US Secretary of State Marco Rubio said on Tuesday the administration was reviewing its options.",
        '"It\'s a signal to Washington," said a senior European diplomat. "They want talks."',
        "The diplomat added that the EU would respond in kind if tariffs rose.")
    quotes = extract_quotes(article)
    assert quotes[0].text == "China will raise defence spending by 7.2% this year"
    assert (quotes[1].speaker, quotes[1].role) == ("Marco Rubio", "US Secretary of State")
    assert quotes[1].text == "the administration was reviewing its options"
    assert [q.speaker for q in quotes[2:]] == ["senior European diplomat"] * 3


# -- patterns found on unseen text (benchmarks/heldout) -------------------------------------------
def test_aside_between_subject_and_verb():
    [quote] = extract_quotes(make_article(
        "Putin, speaking in Moscow, said Russia was open to talks with the United States."))
    assert (quote.kind, quote.speaker, quote.text) == (
        "indirect", "Vladimir Putin", "Russia was open to talks with the United States")


def test_group_with_a_descriptive_phrase_and_with_a_place():
    quotes = extract_quotes(make_article(
        "Diplomats familiar with the talks said a deal could be reached by Friday.",
        "The Chinese embassy in London said the report was full of lies and smears.",
        "Analysts at Eurasia Group warned that the truce was fragile."))
    assert [(q.speaker, q.affiliation) for q in quotes] == [
        ("diplomats familiar with the talks", None), ("Chinese embassy in London", None),
        ("analysts at Eurasia Group", "Eurasia Group")]


def test_statement_speaks_for_its_source():
    quotes = extract_quotes(make_article(
        "\u201cThe tariffs will hurt consumers,\u201d according to a statement from the ministry.",
        "A statement from the Chinese foreign ministry said Beijing firmly opposed the move."))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "ministry"), ("indirect", "Chinese foreign ministry")]


def test_titles_keep_prepositions_modifiers_and_lead_organisations():
    quotes = extract_quotes(make_article(
        "Former US ambassador to China Nicholas Burns said the relationship was at a low point.",
        "\u201cWe are worried,\u201d said former Australian prime minister Kevin Rudd.",
        "\u201cNo comment,\u201d Kremlin spokesman Dmitry Peskov told reporters.",
        "\u201cWe stand with Kyiv,\u201d said Oksana Melnyk, Ukraine's foreign minister."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Nicholas Burns", "Former US ambassador to China", None),
        ("Kevin Rudd", "former Australian prime minister", None),
        ("Dmitry Peskov", "spokesman", "Kremlin"),
        ("Oksana Melnyk", "foreign minister", "Ukraine")]


def test_hyphenated_names_and_hyphenated_adjectives():
    quotes = extract_quotes(make_article(
        "\u201cThe drills are a message,\u201d said Lin Mei-ling, a researcher at Academia Sinica.",
        "A Shanghai-based international relations professor said the drills had been planned for months."))
    assert [q.speaker for q in quotes] == ["Lin Mei-ling", "Shanghai-based international relations professor"]


def test_stacked_appositives_and_organisation_names_with_and():
    quotes = extract_quotes(make_article(
        "Sir Malcolm Teague, the chair of the China Research Group, a caucus of Conservative MPs, "
        "said the government was drifting.",
        "\u201cThe gap is growing,\u201d said Bonnie Glaser, managing director of the Indo-Pacific "
        "programme at the German Marshall Fund of the United States.",
        "The Center for Strategic and International Studies said China had built 22 warships."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Malcolm Teague", "chair", "China Research Group"),
        ("Bonnie Glaser", "managing director of the Indo-Pacific programme",
         "German Marshall Fund of the United States"),
        ("Center for Strategic and International Studies", None, None)]


def test_introductory_clause_before_a_colon_lead_in_and_a_described_sign_off():
    quotes = extract_quotes(make_article(
        "Nadia Sorokina spent two decades at the Russian foreign ministry.",
        "Asked what would change the Kremlin\u2019s mind, Sorokina did not hesitate: \u201cLosing.\u201d",
        "\u201cThe debate is about who owns the words.\u201d \u2014 a senior Senate staffer, "
        "speaking on background"))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "Nadia Sorokina"), ("direct", "senior Senate staffer")]


def test_title_written_where_a_person_is_first_named_without_a_quote():
    quotes = extract_quotes(make_article(
        "Russian Foreign Minister Konstantin Lebedev arrived in Delhi on Monday.",
        "\u201cWe came to listen,\u201d Lebedev said."))
    assert [(q.speaker, q.role) for q in quotes] == [("Konstantin Lebedev", "Russian Foreign Minister")]


def test_capitalised_cue_word_inside_a_name_is_not_a_cue():
    quotes = extract_quotes(make_article("The United States and its allies met in Brussels on Monday."))
    assert quotes == []


def test_masked_and_full_tokenization_give_the_same_quotes(monkeypatch):
    """The blank pipeline tokenizes only attribution text; a trained pipeline sees all of it.
    On the seeds both readings must agree."""
    import geolib.extract.quotes as quotes_module

    article = read_article(RAW / "ft-trump-russia-ties-china.txt")
    sparing = quote_records(extract_quotes(article))
    monkeypatch.setattr(quotes_module, "tokenizes_sparingly", lambda nlp: False)
    assert quote_records(extract_quotes(article)) == sparing


def test_definite_description_refers_back_to_a_described_speaker():
    quotes = extract_quotes(make_article(
        "A Western diplomat briefed on the talks said the mediators had worked late into the night. "
        "\u201cWe lost both deals over one paragraph,\u201d the diplomat said."))
    assert [q.speaker for q in quotes] == ["Western diplomat briefed on the talks"] * 2


def test_name_set_off_after_a_title_and_a_coordinated_reporting_verb():
    quotes = extract_quotes(make_article(
        "The business secretary, Gareth Pryce, told the Financial Times that the UK should "
        "\u2018stop apologising\u2019 for trading with China.",
        "Lin Haoran dismissed the claim as \u201cgroundless\u201d and said the coast guard had acted "
        "\u201cprofessionally\u201d."))
    assert [(q.kind, q.text, q.speaker, q.role) for q in told_by_partials(quotes)] == [
        ("partial", "stop apologising", "Gareth Pryce", "business secretary"),
        ("partial", "groundless", "Lin Haoran", None),
        ("partial", "professionally", "Lin Haoran", None)]


def test_issuing_body_before_a_title_goes_to_the_affiliation():
    quotes = extract_quotes(make_article(
        "\u201cWe have no plans to change course,\u201d State Department spokeswoman Karen Ostrow said.",
        "\u201cSanctions will stay,\u201d said former Treasury Department official Lena Brandt.",
        "\u201cNo,\u201d said co-leader Marta Quinn."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Karen Ostrow", "spokeswoman", "State Department"),
        ("Lena Brandt", "former Treasury Department official", "Treasury Department"),
        ("Marta Quinn", "co-leader", None)]


def test_title_set_off_by_commas_or_an_owner_where_a_person_is_first_named():
    quotes = extract_quotes(make_article(
        "Poland's defence minister, Tomasz Wrona, visited the border on Monday. "
        "\u201cWe are ready,\u201d Wrona said.",
        "The Labour Party's candidate for mayor, Ruth Okafor, toured the port. "
        "\u201cThe port needs investment,\u201d Okafor said.",
        "Sciences Po's H\u00e9l\u00e8ne Martin has studied the region for years. "
        "\u201cParis is cautious,\u201d Martin said."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Tomasz Wrona", "defence minister", "Poland"),
        ("Ruth Okafor", "candidate for mayor", "Labour Party"),
        ("H\u00e9l\u00e8ne Martin", None, "Sciences Po")]


def test_appositives_end_at_a_relative_clause_and_title_like_sign_offs():
    quotes = extract_quotes(make_article(
        "Marek Novak, a former Czech diplomat who now advises investors in Prague, is blunt: "
        "\u201cNobody believes the ceasefire.\u201d",
        "\u201cWe will not wait for Washington.\u201d \u2014 Ana Ruiz, Spanish foreign minister",
        "\u201cIt was a mistake,\u201d said Paul Grant, an adviser to the Australian prime "
        "minister's office."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Marek Novak", "former Czech diplomat", None),
        ("Ana Ruiz", "Spanish foreign minister", None),
        ("Paul Grant", "adviser", "Australian prime minister's office")]


def test_cue_word_after_a_possessive_is_a_noun_and_the_group_refers_back():
    quotes = extract_quotes(make_article(
        "The embassy said in a statement that the senator\u2019s remarks were "
        "\u201cdeeply irresponsible\u201d.",
        "The vote will be delayed, people familiar with the matter said. "
        "No date has been set for it, the people said."))
    assert [(q.kind, q.speaker, q.cue) for q in told_by_partials(quotes)] == [
        ("partial", "embassy", "said"),
        ("indirect", "people familiar with the matter", "said"),
        ("indirect", "people familiar with the matter", "said")]


def test_the_study_speaks_for_the_source_of_an_earlier_report():
    quotes = extract_quotes(make_article(
        "A new report by the Lowy Institute warns that Australia's defence spending is falling behind. "
        "The study, based on budget papers from eight countries, argues that the gap is "
        "\u201cwidening every year\u201d. According to the report, the navy will shrink by 2030."))
    assert [(q.kind, q.speaker, q.speaker_mention) for q in told_by_partials(quotes)] == [
        ("indirect", "Lowy Institute", "A new report by the Lowy Institute"),
        ("partial", "Lowy Institute", "The study"),
        ("indirect", "Lowy Institute", "the report")]


def test_hyphenated_surname_alone_is_a_short_name():
    quotes = extract_quotes(make_article(
        "\u201cThe chips are the shield,\u201d said Elena Vasquez-Hart, a fellow at the Hudson Institute.",
        "\u201cBut shields crack,\u201d Vasquez-Hart added."))
    assert [(q.speaker, q.role) for q in quotes] == [("Elena Vasquez-Hart", "fellow")] * 2


def test_organisation_named_with_its_owner_and_a_portfolio_head():
    quotes = extract_quotes(make_article(
        "China\u2019s Ministry of Commerce said on Friday that it \u201cfirmly opposes\u201d the duties.",
        "Brussels opened a probe, a move that Lindqvist described as \u201cpurely political\u201d."))
    assert [(q.kind, q.speaker, q.cue) for q in told_by_partials(quotes)] == [
        ("partial", "China\u2019s Ministry of Commerce", "said"),
        ("partial", "Lindqvist", "described")]


def test_the_official_refers_back_to_an_anonymous_speaker_of_a_partial_quote():
    quotes = extract_quotes(make_article(
        "A senior administration official, who spoke on condition of anonymity, said the president "
        "had been \u201cvery direct\u201d with his counterpart.",
        "\u201cThere will be consequences,\u201d the official said."))
    assert [q.speaker for q in told_by_partials(quotes)] == ["senior administration official"] * 2


def test_groups_are_named_with_their_affiliation_or_origin():
    quotes = extract_quotes(make_article(
        "Analysts at Rhodium Group say Chinese exports could be diverted toward Europe next year.",
        "\u201cMoscow will read it as a concession,\u201d said one diplomat from a Nordic country."))
    assert [(q.speaker, q.affiliation) for q in quotes] == [
        ("analysts at Rhodium Group", "Rhodium Group"), ("diplomat from a Nordic country", None)]


def test_calling_urging_blaming_and_vowing_attribute_partial_quotes():
    quotes = extract_quotes(make_article(
        "A trade ministry spokesman, Li Wenbo, called the tariffs \u201can act of bullying.\u201d",
        "The State Department urged Beijing to \u201cshow restraint\u201d and blamed Moscow for "
        "\u201creckless escalation.\u201d",
        "Both negotiators have vowed to \u201cstand together\u201d on the pact."))
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [
        ("partial", "Li Wenbo", "called"),
        ("partial", "State Department", "urged"),
        ("partial", "State Department", "blamed"),
        ("partial", "negotiators", "vowed")]


def test_what_it_called_goes_to_the_organisation_that_spoke():
    quotes = extract_quotes(make_article(
        "The Daily Courier said in an editorial that Paris should drop its plan for a new levy.",
        "It called the levy \u201ca tax on ambition.\u201d"))
    assert [(q.kind, q.speaker, q.speaker_mention) for q in quotes] == [
        ("indirect", "Daily Courier", "The Daily Courier"), ("partial", "Daily Courier", "It")]


def test_transcript_lines_are_direct_quotes_of_the_person_named_in_capitals():
    quotes = extract_quotes(make_article(
        "Anna Berglund, the host, spoke to Defence Minister Tomas Varga on Sunday.",
        "BERGLUND: Will the brigade be ready by spring?",
        "VARGA: Yes. The first battalion is already there.",
        "THE BOTTOM LINE: budgets are rising everywhere."))
    assert [(q.kind, q.text, q.speaker, q.speaker_mention, q.cue) for q in quotes] == [
        ("direct", "Will the brigade be ready by spring?", "Anna Berglund", "BERGLUND", ":"),
        ("direct", "Yes. The first battalion is already there.", "Tomas Varga", "VARGA", ":")]


def test_abbreviated_titles_are_roles_not_part_of_the_name():
    quotes = extract_quotes(make_article(
        "\u201cWe have waited long enough,\u201d Sen. Dana Okafor said. \u201cThe window is closing.\u201d",
        "Gen. Mark Hollis said the drills would continue into next month."))
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Dana Okafor", "Sen."), ("Dana Okafor", "Sen."), ("Mark Hollis", "Gen.")]


def test_a_described_source_keeps_its_origin_and_think_tank_is_no_cue():
    quotes = extract_quotes(make_article(
        "A diplomat from a southern member state said Germany was pushing hard for a deal.",
        "\u201cBerlin wants the deal yesterday,\u201d the diplomat said.",
        "Analysts at a Warsaw think tank said the talks could drag on into the summer."))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("indirect", "diplomat from a southern member state"),
        ("direct", "diplomat from a southern member state"),
        ("indirect", "analysts at a Warsaw think tank")]


def test_the_baltic_states_is_a_noun_not_a_cue():
    quotes = extract_quotes(make_article(
        "Warsaw is already above four per cent. The Baltic states are heading for five."))
    assert quotes == []


def test_colon_lead_in_with_a_title_then_a_name_and_section_heads_are_no_speakers():
    quotes = extract_quotes(make_article(
        "Poland's deputy trade minister, Ewa Kos, on why it matters: \"Ports need insurance before ships.\"",
        "WORD OF THE WEEK: \"Grain is the new oil.\" \u2014 Oren Pell, a commodities trader, in Geneva"))
    assert [(q.speaker, q.role, q.affiliation, q.cue) for q in quotes] == [
        ("Ewa Kos", "deputy trade minister", "Poland", ":"),
        ("Oren Pell", "commodities trader", None, "\u2014")]


def test_described_sources_and_organisations_keep_their_description():
    quotes = extract_quotes(make_article(
        "\"They take the men, then the savings,\" one popular Z-blogger posted on Telegram.",
        "The Nordic shipping association said in a statement that the rules were \"a step forward\".",
        "Wu said in a statement posted on the ministry's website that talks would go on \"in good faith.\""))
    assert [(q.kind, q.speaker) for q in told_by_partials(quotes)] == [
        ("direct", "popular Z-blogger"), ("partial", "Nordic shipping association"), ("partial", "Wu")]


def test_places_and_nationalities_are_no_people_but_given_names_that_are_places_are():
    quotes = extract_quotes(make_article(
        "Canada and Mexico have vowed to \u201cstand together\u201d on the pact.",
        "Sofia Rossi, a lawmaker, said the vote would be close.",
        "\u201cIt is not over,\u201d Rossi said.",
        "A London marine underwriter put it this way: \"Every drone strike moves my model.\"",
        "The Finnish Border Guard said the vessel had dragged its anchor for miles."))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("partial", "Canada and Mexico"), ("indirect", "Sofia Rossi"), ("direct", "Sofia Rossi"),
        ("direct", "London marine underwriter"), ("indirect", "Finnish Border Guard")]


def test_the_senator_refers_back_to_a_senator_named_with_an_abbreviated_title():
    quotes = extract_quotes(make_article(
        "Sen. Lorraine Pettigrew, D-Md., said Tuesday she worried the waiver would be abused.",
        "\u201cA sanction you never enforce is just a press release,\u201d the senator said."))
    assert [(q.kind, q.speaker, q.role) for q in quotes] == [
        ("indirect", "Lorraine Pettigrew", "Sen."), ("direct", "Lorraine Pettigrew", "Sen.")]


def test_a_title_with_its_organisation_then_a_name_and_an_organisation_named_again():
    quotes = extract_quotes(make_article(
        "A spokesman for the German government, Lutz Ebermann, declined to comment on the talks "
        "but said Berlin's support was \u201cunwavering.\u201d",
        "Germany\u2019s Economy Ministry said that it \u201csupports diversifying supply.\u201d",
        "The Economy Ministry has said that it expects gas demand to fall by a third by 2035."))
    assert [(q.speaker, q.role, q.affiliation) for q in told_by_partials(quotes)] == [
        ("Lutz Ebermann", "spokesman", "German government"),
        ("Germany\u2019s Economy Ministry", None, "Germany"),
        ("Germany\u2019s Economy Ministry", None, "Germany")]


def test_he_and_she_skip_people_of_the_other_gender():
    quotes = extract_quotes(make_article(
        "\u201cEverybody agrees the war ends at a table,\u201d Mr Reddy, a former ambassador, said.",
        "Kremlin spokeswoman Irina Vetrova said the talks had stalled over sanctions relief.",
        "\u201cThey disagree about how many more months of fighting it takes,\u201d he said.",
        "\u201cThe root causes have not gone away,\u201d she said."))
    assert [q.speaker for q in quotes] == ["Reddy", "Irina Vetrova", "Reddy", "Irina Vetrova"]


def test_gender_signs_honorifics_titles_and_surname_endings():
    from geolib.extract.gender import gender_of
    assert gender_of("Bronwyn Tully", "Ms") == "f"
    assert gender_of("Ouyang Weiming", "Mr.") == "m"
    assert gender_of("Lin Hao", "foreign ministry spokeswoman") == "f"
    assert gender_of("Valentina Korsakova") == "f"
    assert gender_of("Piotr Kowalski") == "m"
    assert gender_of("Lin Hao") is None


def test_a_quote_inside_a_quote_with_its_own_speaker_is_a_quote_of_its_own():
    quotes = extract_quotes(make_article(
        "In Bratislava Mr Ouyang told a business audience: \u201cA Slovak friend said to me, \u2018China "
        "builds bridges while others build walls.\u2019 I think he was right.\u201d",
        "\u2018The Government keeps telling us the pact is \u201con track\u201d. Saying it louder does not "
        "make it true,\u2019 Sir Alastair Penrose said.",
        "\u201cShe told me, \u2018We need you to stop them.\u2019 I think of it daily,\u201d Lin Hao said."))
    assert [(q.text[:20], q.speaker, q.speaker_mention, q.cue) for q in quotes] == [
        ("A Slovak friend said", "Ouyang", "Mr Ouyang", "told"),
        ("China builds bridges", "Slovak friend", "A Slovak friend", "said"),
        ("The Government keeps", "Alastair Penrose", "Sir Alastair Penrose", "said"),
        ("on track", "government", "The Government", "telling"),
        ("She told me, \u2018We nee", "Lin Hao", "Lin Hao", "said")]


def test_ages_times_and_progressive_verbs_do_not_hide_the_speaker():
    quotes = extract_quotes(make_article(
        "Olena Hrytsenko, 67, a retired teacher, said she had spent the night in a corridor.",
        "Officials on both sides cautioned, however, that a final deal was still weeks away.",
        "Beijing has rejected American calls to join the talks, arguing that its arsenal is far smaller.",
        "Nanjing University\u2019s Zhou Han sees it differently. Beijing, he argued in an essay, is "
        "responding to a \u201chollowing out\u201d of the policy."))
    assert [(q.kind, q.speaker, q.role) for q in quotes] == [
        ("indirect", "Olena Hrytsenko", "retired teacher"),
        ("indirect", "officials on both sides", None),
        ("indirect", "Beijing", None),
        ("partial", "Zhou Han", None)]


def test_a_description_with_the_refers_to_who_just_spoke():
    quotes = extract_quotes(make_article(
        "\u201cThe alliance will hold,\u201d said Mads Holmgaard, the alliance\u2019s secretary general.",
        "The former Danish prime minister also said Russia could rebuild its forces within five years."))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "Mads Holmgaard"), ("indirect", "Mads Holmgaard")]


def test_a_described_speaker_before_a_quote_mark_and_a_nationality_before_a_noun():
    quotes = extract_quotes(make_article(
        "The corridor remains, in the words of one European shipping executive, "
        "\u201ca promise on paper.\u201d",
        "Exports of rare earths fell sharply in the spring, according to Japanese trade data."))
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "European shipping executive")]


def test_paragraphs_of_many_articles_recombined_never_crash_or_give_a_nameless_speaker():
    """Paragraphs of the benchmark articles, shuffled into new articles: a
    speaker met in one article's paragraph must not break another's resolution."""
    import random

    benchmarks = RAW.parents[1] / "benchmarks"
    pool = [p.text for folder in ("heldout", "heldout2", "heldout3", "heldout4")
            for path in sorted((benchmarks / folder).glob("*.txt")) for p in read_article(path).body]
    assert len(pool) > 400
    rng = random.Random(11)
    n_quotes = 0
    for _ in range(150):
        quotes = extract_quotes(make_article(*rng.sample(pool, k=rng.randint(2, 20))))
        assert all(q.speaker is None or q.speaker.strip() for q in quotes)
        n_quotes += len(quotes)
    assert n_quotes > 1000


def test_an_organisation_after_its_description_is_named_by_its_name():
    quotes = extract_quotes(make_article(
        "Japanese broadcaster NHK reported that the two coast guards had agreed on a hotline.",
        "The Vienna-based think tank WIIW said exports to the region had fallen by a third.",
        "Dutch chip company ASML said it would keep servicing machines already installed there.",
        "The Center for Strategic and International Studies said stockpiles would last only weeks."))
    assert [(q.speaker, q.cue) for q in quotes] == [
        ("NHK", "reported"), ("WIIW", "said"), ("ASML", "said"),
        ("Center for Strategic and International Studies", "said")]


def test_an_opening_participle_is_no_reported_clause_and_particles_stay_in_names():
    quotes = extract_quotes(make_article(
        "Speaking at a briefing in Ankara, Selin Arslan said Turkey would keep its straits open to "
        "all commercial shipping.",
        "Grain exports through the corridor had doubled since the spring, Arslan told reporters.",
        "\u201cWe are not a party to this war,\u201d said Hendrik van der Wal, a Dutch naval officer."))
    assert [(q.kind, q.text[:22], q.speaker, q.role) for q in quotes] == [
        ("indirect", "Turkey would keep its ", "Selin Arslan", None),
        ("indirect", "Grain exports through ", "Selin Arslan", None),
        ("direct", "We are not a party to ", "Hendrik van der Wal", "Dutch naval officer")]


def test_a_role_for_an_organisation_is_an_anonymous_source_named_as_described():
    quotes = extract_quotes(make_article(
        "A spokeswoman for the Danish foreign ministry said the ambassador had been summoned twice.",
        "The talks would resume only after the election, said a senior official at the agency.",
        "A spokesman for the Dutch government, Pieter Hoorn, said the licences would not be renewed."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("spokeswoman for the Danish foreign ministry", None, None),
        ("senior official at the agency", None, None),
        ("Pieter Hoorn", "spokesman", "Dutch government")]


def test_a_role_described_by_what_it_belongs_to_is_named_as_described():
    quotes = extract_quotes(make_article(
        "The merger is not a retreat, insists a senior partner at the bank."
        " \u201cWe are growing,\u201d he says.",
        "\u201cThe ports are empty,\u201d said the owner of a Gdansk freight forwarder.",
        "\u201cSupply is not the issue,\u201d a senior official in the Ministry of Mines and Energy said.",
        "A spokesperson for Baltic Timber said exporters were \u201cworried\u201d.",
        "\u201cWe will wait,\u201d said the minister at a news conference in Vilnius."))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("indirect", "senior partner at the bank"), ("direct", "senior partner at the bank"),
        ("direct", "owner of a Gdansk freight forwarder"),
        ("direct", "senior official in the Ministry of Mines and Energy"),
        ("partial", "spokesperson for Baltic Timber"), ("direct", "minister")]


def test_a_verb_with_a_prepositional_object_reports_no_clause():
    quotes = extract_quotes(make_article(
        "Moldova will ask for a waiver, an official involved in the talks told reporters.",
        "Ms Ionescu said at least three mills had already cut shifts."))
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("Moldova will ask for a waiver", "official involved in the talks", "told"),
        ("at least three mills had already cut shifts", "Ionescu", "said")]


def test_transcript_labels_match_any_part_of_the_name_and_questions_are_the_reporters():
    quotes = extract_quotes(make_article(
        "Remarks by Trade Commissioner Lucía Ferrer Campos and Qatari Minister of Commerce Faisal"
        " al-Mannai in Doha.",
        "FERRER: We are here to stay.",
        "QUESTION: Is this about tariffs?",
        "AL-MANNAI: No. It is about trust."))
    assert [(q.text, q.speaker, q.role, q.speaker_mention) for q in quotes] == [
        ("We are here to stay.", "Lucía Ferrer Campos", "Trade Commissioner", "FERRER"),
        ("Is this about tariffs?", "reporter", None, "QUESTION"),
        ("No. It is about trust.", "Faisal al-Mannai", "Qatari Minister of Commerce", "AL-MANNAI")]


def test_names_with_a_hyphenated_particle_and_portfolio_titles():
    quotes = extract_quotes(make_article(
        "Omar al-Qasimi, an economist at the Gulf Research Center, argues that the funds must choose."
        " \u201cYou cannot have both,\u201d says Mr al-Qasimi.",
        "Malaysia\u2019s Deputy Minister of State for Foreign Affairs Tan Boon Hock noted that trade was"
        " growing fast this year. \u201cNobody wants a battlefield,\u201d Mr Tan said."))
    assert [(q.speaker, q.speaker_mention, q.role) for q in quotes] == [
        ("Omar al-Qasimi", "Omar al-Qasimi", "economist"), ("Omar al-Qasimi", "Mr al-Qasimi", "economist"),
        ("Tan Boon Hock", "Malaysia\u2019s Deputy Minister of State for Foreign Affairs Tan Boon Hock",
         "Deputy Minister of State for Foreign Affairs"),
        ("Tan Boon Hock", "Mr Tan", "Deputy Minister of State for Foreign Affairs")]


def test_he_after_a_described_source_and_a_named_subject_before_he():
    quotes = extract_quotes(make_article(
        "Pavel Orlov, a banker, said payments were slowing across the region.",
        "A Tomsk timber trader told reporters he had swapped logs for Chinese trucks."
        " \u201cIt is like the nineties,\u201d he said. He asked not to be named.",
        "A spokesperson said the review would start soon."
        " Orlov said he expected a deal \u201cby spring\u201d."))
    assert [(q.kind, q.speaker, q.speaker_mention) for q in told_by_partials(quotes)] == [
        ("indirect", "Pavel Orlov", "Pavel Orlov"),
        ("indirect", "Tomsk timber trader", "A Tomsk timber trader"),
        ("direct", "Tomsk timber trader", "he"),
        ("indirect", "spokesperson", "A spokesperson"),
        ("partial", "Pavel Orlov", "Orlov")]


def test_a_name_with_an_honorific_set_off_after_a_title():
    [quote] = extract_quotes(make_article(
        "Britain\u2019s envoy, Sir Giles Haverford, said the sanctions would stay in place for years."))
    assert (quote.speaker, quote.role, quote.affiliation) == ("Giles Haverford", "envoy", "Britain")


def test_acronyms_asides_with_which_and_organisations_named_after_a_description():
    quotes = extract_quotes(make_article(
        "Lena Brandt, an economist at the Kiel Centre for Trade Analysis (KCTA), said the levy was"
        " \u201ca blunt tool\u201d.",
        "Nordic Rail Freight Authority (NRFA), which Oslo set up in 2021, runs the line.",
        "NRFA said in a notice that it was \u201creviewing capacity\u201d.",
        "Estonia, which chairs the group this year, said it hoped for a deal \u201cwithin weeks\u201d.",
        "Sweden\u2019s forestry industry association, the SFIA, warned that costs would rise by a third."))
    assert [(q.speaker, q.affiliation) for q in told_by_partials(quotes)] == [
        ("Lena Brandt", "Kiel Centre for Trade Analysis"),
        ("Nordic Rail Freight Authority", None), ("Estonia", None), ("SFIA", None)]


def test_groups_of_companies_it_for_a_ministry_datelines_and_narrator_tails():
    quotes = extract_quotes(make_article(
        "OSLO -- Norway has picked two wind farms in the North Sea as its first projects, the government"
        " said on Monday, as Oslo seeks to cut its reliance on gas.",
        "Two Nordic airlines said they would refund tickets to Minsk until the end of the month.",
        "Poland\u2019s transport ministry said the border would reopen soon."
        " It said the queues would shrink by the end of the week.",
        "Ola Berg of Kestrel Freight, a logistics firm, reckons that rates will double by the winter.",
        "Freight rates are rising fast, according to brokers aware of the negotiations."))
    assert [(q.text, q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Norway has picked two wind farms in the North Sea as its first projects", "government", None, None),
        ("they would refund tickets to Minsk until the end of the month", "Nordic airlines", None, None),
        ("the border would reopen soon", "Poland\u2019s transport ministry", None, "Poland"),
        ("the queues would shrink by the end of the week", "Poland\u2019s transport ministry", None,
         "Poland"),
        ("rates will double by the winter", "Ola Berg", None, "Kestrel Freight"),
        ("Freight rates are rising fast", "brokers aware of the negotiations", None, None)]


def test_portfolios_with_words_outside_the_list_and_portfolios_joined_by_and():
    quotes = extract_quotes(make_article(
        "Deputy Secretary for Pacific Island Affairs Marta Quillfeather said: \u201cWe are staying.\u201d",
        "The accord was signed by Uruguayan Minister of Fisheries and Aquaculture Tomas Arrieta.",
        "\u201cThe boats will not wait,\u201d Arrieta said.",
        "Minister of Energy and Mines Ilse Varga said: \u201cWe will sell to anyone.\u201d",
        "President Ana Ruiz and Finance Minister Leo Camps met in Lima."
        " \u201cWe agree,\u201d Camps said."))
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Marta Quillfeather", "Deputy Secretary for Pacific Island Affairs"),
        ("Tomas Arrieta", "Uruguayan Minister of Fisheries and Aquaculture"),
        ("Ilse Varga", "Minister of Energy and Mines"),
        ("Leo Camps", "Finance Minister")]


def test_an_appositive_in_narration_gives_a_later_quote_its_role_and_affiliation():
    quotes = extract_quotes(make_article(
        "The programme spoke with Petra Lindqvist, a senior research fellow at the Arctic Policy"
        " Institute and a former shipbroker, about the cargoes.",
        "LINDQVIST: Four that we know of.",
        "Talks with Jonas Ekdahl, a lawyer in Oslo, and with Vera Holm, the owner of a tanker,"
        " went on.",
        "\u201cIt is over,\u201d Ekdahl said. \u201cIt is not,\u201d Holm said.",
        "Beijing University\u2019s Mei Saito, a historian, chaired."
        " \u201cWe shall see,\u201d Saito said."))
    assert [(q.speaker, q.role, q.affiliation) for q in quotes] == [
        ("Petra Lindqvist", "senior research fellow", "Arctic Policy Institute"),
        ("Jonas Ekdahl", "lawyer in Oslo", None),
        ("Vera Holm", "owner of a tanker", None),
        ("Mei Saito", None, "Beijing University")]


def test_relative_clauses_sources_serving_someone_and_acronym_affiliations():
    quotes = extract_quotes(make_article(
        "A retired naval officer who served in the Baltic told me that the fleet was ready to sail.",
        "Two traders who were on shift said the cranes had stopped before noon.",
        "An official at one of the three big carmakers told reporters, asking not to be named, that"
        " stocks of parts were low.",
        "A spokesman for Fisheries Minister Jean Dupont said the quota was \u201cnot acceptable\u201d.",
        "A lawyer for Ms Ilves said the charges were \u201cabsurd\u201d.",
        "The Baltic Shippers Union (BSU) has written to Brussels.",
        "\u201cWe lose orders every week,\u201d BSU chief executive Anna Kerr said."))
    assert [(q.speaker, q.role, q.affiliation) for q in told_by_partials(quotes)] == [
        ("retired naval officer", None, None),
        ("traders who were on shift", None, None),
        ("official at one of the three big carmakers", None, None),
        ("spokesman for Fisheries Minister Jean Dupont", None, None),
        ("lawyer for Ms Ilves", None, None),
        ("Anna Kerr", "chief executive", "Baltic Shippers Union")]


def test_embassies_in_a_city_closing_attributions_and_one_body_named_two_ways():
    quotes = extract_quotes(make_article(
        "The Japanese Embassy in Buenos Aires said in a statement that it welcomed"
        " \u201cthe new rules\u201d.",
        "Brazil has asked Uruguay to allow inspectors onto the dredging barges, diplomats familiar with"
        " the talks said on Monday.",
        "Norway\u2019s Ministry of Fisheries said in a notice that quotas would be cut from March.",
        "Norway\u2019s fisheries ministry said the cuts were \u201cnecessary\u201d.",
        "\u201cWe have a month of stock,\u201d a manager at one of the region\u2019s two big smelters told"
        " reporters."))
    assert [(q.kind, q.speaker) for q in told_by_partials(quotes)] == [
        ("partial", "Japanese Embassy in Buenos Aires"),
        ("indirect", "diplomats familiar with the talks"),
        ("indirect", "Norway\u2019s Ministry of Fisheries"),
        ("partial", "Norway\u2019s Ministry of Fisheries"),
        ("direct", "manager at one of the region\u2019s two big smelters")]


def test_a_title_ending_in_a_place_before_a_name_set_off_by_commas():
    quotes = extract_quotes(make_article(
        "Turkey\u2019s ambassador to Georgia, Emre Sonmezler, told a news agency that Ankara \u2018will"
        " stay the main investor\u2019 in the port.",
        "The envoy to Armenia, Rafael Ochoa, said that Madrid was \u201cwatching closely\u201d."))
    assert [(q.speaker, q.role, q.affiliation) for q in told_by_partials(quotes)] == [
        ("Emre Sonmezler", "ambassador to Georgia", "Turkey"),
        ("Rafael Ochoa", "envoy to Armenia", None)]


@pytest.mark.parametrize("first, surname", [
    ("Maria dos Santos", "Santos"), ("Carlos de Souza", "Souza"), ("Jan ter Horst", "Horst"),
    ("Ahmed bin Khalid", "Khalid"),
])
def test_any_name_particle_of_the_lexicon_keeps_the_full_name(first, surname):
    """One list of name particles (attribution_patterns.json) serves every rule: a surname
    alone refers back to the full name, whatever the particle."""
    quotes = extract_quotes(make_article(
        f"{first}, who leads the delegation, arrived in Geneva on Monday.",
        f"“We want a deal this year,” {surname} said.",
    ))
    assert [q.speaker for q in quotes if q.kind == "direct"] == [first]


def test_transcript_turns_run_on_until_narration():
    """An official transcript: labelled turns, a title before a name in a label, unlabelled
    paragraphs continuing the turn; narration after the last turn is read as narration."""
    quotes = extract_quotes(make_article(
        "The two leaders met in Oslo on Tuesday.",
        "Prime Minister of Norway Anna Berglund: Colleagues, welcome. We have a great deal to discuss.",
        "Our trade grew by a fifth last year, and I am sure it will grow again.",
        "Question: Will the pipeline be finished this year?",
        "Anna Berglund: It will be finished in May.",
        "The ministry said later that the pipeline would cost more than planned.",
    ))
    direct = [(q.speaker, q.text[:20]) for q in quotes if q.kind == "direct"]
    assert direct == [("Anna Berglund", "Colleagues, welcome."), ("Anna Berglund", "Our trade grew by a "),
                      ("reporter", "Will the pipeline be"), ("Anna Berglund", "It will be finished ")]
    assert [q.speaker for q in quotes if q.kind == "indirect"] == ["ministry"]
    assert quotes[0].role == "Prime Minister of Norway"


def test_a_label_without_a_name_is_no_turn():
    quotes = extract_quotes(make_article(
        "Key Points: The talks resumed in Geneva on Monday after a month's pause.",
        "Washington: Officials said the talks would go on.",
    ))
    assert not [q for q in quotes if q.kind == "direct"]


def test_two_apostrophes_are_a_double_quotation_mark():
    """Newspaper archives write ''...'' (two apostrophes) and ``...'' for speech marks."""
    quotes = extract_quotes(make_article(
        "''We will not sign this treaty,'' Senator Margaret Holm said on Tuesday. ''Not this year.''",
        "She called the draft ''a gift to Moscow'' and left the chamber.",
        "``The votes are not there,'' said Paul Greaves, a Republican aide.",
    ))
    found = [(q.kind, q.speaker, q.text) for q in quotes]
    assert found == [
        ("direct", "Margaret Holm", "We will not sign this treaty"),
        ("direct", "Margaret Holm", "Not this year."),
        ("partial", "Margaret Holm", "a gift to Moscow"),
        ("direct", "Paul Greaves", "The votes are not there"),
    ]
    assert pair_quotes("the 1990s' boom and rock 'n' roll")[0] == []


def test_reporting_verbs_of_real_news():
    """Verbs the lexicon lacked: accused X of, joked, thanked, chanted, continued, reiterated."""
    quotes = extract_quotes(make_article(
        "Senator Ruth Adair accused the administration of “sleepwalking into a trade war.”",
        "“I have been called worse,” the trade representative, Leo Marsh, joked.",
        "“We are not going anywhere,” the crowd chanted outside the embassy.",
        "Adair reiterated that the bill would reach the floor in June.",
    ))
    found = [(q.kind, q.speaker, q.cue) for q in quotes]
    assert found == [
        ("partial", "Ruth Adair", "accused"),
        ("direct", "Leo Marsh", "joked"),
        ("direct", "crowd", "chanted"),
        ("indirect", "Ruth Adair", "reiterated"),
    ]


def test_quoted_words_belong_to_the_outermost_reporter():
    """Cues nest: the words inside the clause someone reports are that someone's."""
    quotes = extract_quotes(make_article(
        "Opposition leader Mara Quint told reporters that the cabinet had agreed to “sell the "
        "family silver” without a vote.",
        "The utility said in a statement that it continued to supply “every customer, large and "
        "small” and would say no more.",
        "Washington wants Taiwan’s chipmakers — the island’s “silicon crown” — to invest abroad, "
        "while Beijing has accused Taipei of “selling out” its industry.",
    ))
    found = [(q.text, q.kind, q.speaker) for q in told_by_partials(quotes)]
    assert found == [
        ("sell the family silver", "partial", "Mara Quint"),
        ("every customer, large and small", "partial", "utility"),
        ("silicon crown", "term", None),  # the cue after it opens another clause
        ("selling out", "partial", "Beijing"),
    ]


def test_a_second_verb_shares_the_subject_of_the_first():
    quotes = extract_quotes(make_article(
        "Beijing’s answer came fast: a statement from China’s trade ministry called the tariffs "
        "“pure coercion” and promised “firm countermeasures.”"))
    assert {q.speaker for q in quotes} == {"China’s trade ministry"}


def test_a_body_named_by_its_kind_refers_back_to_the_body():
    quotes = extract_quotes(make_article(
        "Gridwell said on Monday that the strikes had hit four substations in the west.",
        "The company said two of them were “badly damaged” and would take weeks to repair.",
        "The Central Election Board counted the ballots overnight.",
        "Turnout was 61 percent, the lowest in two decades, the board said.",
    ))
    assert [(q.kind, q.speaker) for q in told_by_partials(quotes)] == [
        ("indirect", "Gridwell"), ("partial", "Gridwell"), ("indirect", "board")]


@pytest.mark.parametrize("text, speaker", [
    ("Senator Ana Ruiz of Idaho, the No. 2 Republican on the committee, said the bill would pass "
     "next month.", "Ana Ruiz"),
    ("Kofi Mensah, a trade envoy from Tamale, Ghana, said the talks had stalled over tariffs.",
     "Kofi Mensah"),
    ("Dana Whitlock, its chief financial officer, said orders had doubled since the spring.",
     "Dana Whitlock"),
    ("In a statement, the broadcaster said that the minister\u2019s version of events was "
     "\u201cuntrue.\u201d", "broadcaster"),
    ("The spokeswoman declined to discuss the vote but said no meeting with the premier was "
     "planned.", "spokeswoman"),
])
def test_appositives_with_abbreviations_places_and_owners_name_the_reporter(text, speaker):
    """An appositive may hold "No. 2", a place continued after a comma, or open with "its";
    a reported clause that quotes a word is returned whole beside its partial."""
    quotes = extract_quotes(make_article(text))
    assert {q.speaker for q in quotes} == {speaker}
    assert "indirect" in {q.kind for q in quotes}


def test_every_attribution_has_a_confidence_from_its_rules():
    quotes = extract_quotes(make_article(
        "\u201cWe will not back down,\u201d said Anna Berglund, the trade minister.",
        "Critics called the deal a \u201cbetrayal\u201d.",
        "The plan is, in the jargon, \u201cstrategic autonomy\u201d."))
    by_text = {q.text: q for q in quotes}
    said = by_text["We will not back down"]
    assert said.speaker == "Anna Berglund" and 0.5 < said.confidence <= 1
    assert all(q.confidence is None for q in quotes if q.kind == "term")
    assert all(0 <= q.confidence <= 1 for q in quotes if q.kind != "term")
    unattributed = [q for q in quotes if q.kind != "term" and q.speaker is None]
    assert all(q.confidence < said.confidence for q in unattributed)


@pytest.mark.parametrize("text, speaker", [
    ("\u201cWhere is the money?\u201d Tove Aas asked the finance committee.", "Tove Aas"),
    ("\u201cEnough!\u201d Karlsen shouted.", "Karlsen"),
    ("\u201cWe are not leaving,\u201d the woman said.", "woman"),
    ("\u201cThey closed the yard,\u201d the man told reporters.", "man"),
    ("\u201cWe heard nothing,\u201d one hotel employee said.", "hotel employee"),
    ("\u201cThe ceasefire is holding,\u201d the host said.", "host"),
])
def test_a_quoted_question_and_people_described_by_a_plain_noun_have_speakers(text, speaker):
    """A quoted question or exclamation does not end the sentence before its attribution;
    "the woman", "the host" are described speakers like "the farmer"."""
    quotes = extract_quotes(make_article(text))
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", speaker)]


@pytest.mark.parametrize("text, speaker, role", [
    ("\u201cThe yard is finished,\u201d the welder, Jonas Brekke, told the local radio station.",
     "Jonas Brekke", "welder"),
    ("\u201cWe saw it coming,\u201d another former classmate, Ida Solheim, recalled.",
     "Ida Solheim", "former classmate"),
    ("\u201cThe bridge must wait,\u201d Councillor Ida Solheim, Labour of Narvik, said.",
     "Ida Solheim", "Councillor"),
    ("\u201cIt was a hard winter,\u201d Mr. Brekke, now 79 and retired in Bodø, said by telephone.",
     "Brekke", None),
    ("\u201cThe deal is off,\u201d said one Solheim confidant.", "Solheim confidant", None),
])
def test_names_set_off_after_a_description_a_party_or_an_aside(text, speaker, role):
    quotes = extract_quotes(make_article(text))
    assert [(q.speaker, q.role) for q in quotes] == [(speaker, role)]


def test_a_list_set_off_by_commas_is_not_one_speaker():
    quotes = extract_quotes(make_article("Norway, Sweden, said the talks had failed."))
    assert all(q.speaker not in {"Norway", "Sweden"} for q in quotes)


def test_reported_speech_by_an_unresolved_pronoun_is_kept_without_a_speaker():
    """"He said ..." is reported speech even when no earlier man is named: the clause is kept
    with its mention and a lower confidence, the speaker left empty rather than guessed."""
    quotes = extract_quotes(make_article(
        "Anna Holm spoke first. He said the harbour would stay open all winter."))
    [quote] = quotes
    assert (quote.kind, quote.text, quote.speaker, quote.speaker_mention) == (
        "indirect", "the harbour would stay open all winter", None, "He")
    [resolved] = extract_quotes(make_article(
        "Jonas Holm spoke first. He said the harbour would stay open all winter."))
    assert resolved.speaker == "Jonas Holm" and quote.confidence < resolved.confidence


def test_a_pronoun_refers_to_the_subject_of_the_sentence_before_not_its_object():
    quotes = extract_quotes(make_article(
        "Asked about the leak, Jonas Holm apologised to Mark Lund and to his own supporters.",
        "\u201cThis is not the kind of campaign that we run,\u201d he said."))
    assert [q.speaker for q in quotes] == ["Jonas Holm"]


def test_an_affiliation_set_off_with_of():
    quotes = extract_quotes(make_article(
        "\u201cWe survey the buyers every year,\u201d Mr. Brekke, of Nordea Markets, said. "
        "\u201cThe ranking has not changed,\u201d he said.",
        "\u201cIt is a slow year,\u201d Ida Solheim, of the Bank of Norway, said."))
    assert [(q.speaker, q.affiliation) for q in quotes] == [
        ("Brekke", "Nordea Markets"), ("Brekke", "Nordea Markets"), ("Ida Solheim", "Bank of Norway")]


@pytest.mark.parametrize("text, speaker", [
    ("\u201cThe bill will pass,\u201d Rep. Ida Solheim (D-Ore.) said.", "Ida Solheim"),
    ("Sen. Jonas Brekke (R-Texas) told reporters the vote would wait.", "Jonas Brekke"),
    ("Ida Solheim firmly declared, \u201cWe will not sell the port.\u201d", "Ida Solheim"),
    ("\u201cThe port stays,\u201d the official quietly said.", "official"),
    ("\u201cWe lost the boat,\u201d the family said.", "family"),
    ("\u201cThe market never failed them,\u201d Brekke mocks.", "Brekke"),
])
def test_a_party_tag_or_a_manner_adverb_between_speaker_and_cue(text, speaker):
    quotes = extract_quotes(make_article(text))
    assert [q.speaker for q in quotes] == [speaker]


def test_a_participle_cue_after_a_clause_first_attribution_has_that_speaker():
    quotes = extract_quotes(make_article(
        "Holm and Lund will meet next week, Berg said, adding, \u201cThey need to sit down and talk.\u201d"))
    assert [(q.kind, q.speaker) for q in quotes if q.kind == "direct"] == [("direct", "Berg")]


@pytest.mark.parametrize("text, speaker", [
    ("\u201cThe bill will pass,\u201d state Sen. Ida Solheim (D) said after the vote.", "Ida Solheim"),
    ("\u201cThe port stays,\u201d Rep. Jonas Brekke (R) told the committee.", "Jonas Brekke"),
    ("\u201cWhy should a ferry cost this much?\u201d the 43-year-old asked in the video.", "43-year-old"),
    ("\u201cShe has always been a fighter,\u201d said the 61-year-old.", "61-year-old"),
    ("\u201cThe count was fixed from the start,\u201d wrote one reader.", "reader"),
    ("\u201cI never trusted the polls,\u201d one caller told the station.", "caller"),
    ("\u201cWe came for the speech,\u201d this Harmon supporter declared in Ottawa.", "Harmon supporter"),
])
def test_bare_party_tags_ages_and_plain_people_as_speakers(text, speaker):
    quotes = extract_quotes(make_article(text))
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", speaker)]


def test_an_age_inside_a_phrase_is_no_speaker_of_its_own():
    quotes = extract_quotes(make_article("Anna Berg, 52, said the 3-year-old plan was \u201cdead\u201d."))
    assert {q.speaker for q in quotes} == {"Anna Berg"}


@pytest.mark.parametrize("paragraphs, speaker", [
    (["\u201cWe won,\u201d Mr. Hale said.",
      "The hall was so quiet that Mr. Ross was moved to say, \u201cIt is so calm.\u201d"], "Ross"),
    (["Later Ms. Ortiz went on to add: \u201cNobody here wants a war.\u201d"], "Ortiz"),
    (["The minister urged the envoy to say it plainly: \u201cWe stay.\u201d"], "envoy"),
    (["Harmon flew to Ottawa to say, \u201cWe stay.\u201d"], "Harmon"),
])
def test_an_infinitive_cue_is_spoken_by_its_subject_or_by_the_person_asked(paragraphs, speaker):
    quotes = extract_quotes(make_article(*paragraphs))
    assert quotes[-1].kind == "direct" and quotes[-1].speaker == speaker


@pytest.mark.parametrize("text", [
    "Ruan declined to say whether new tariffs were planned.",
    "The ministry refused to say when the talks would resume.",
])
def test_declining_to_say_is_no_attribution(text):
    assert extract_quotes(make_article(text)) == []


@pytest.mark.parametrize("text, kind, speaker", [
    ("In a televised address, President Anna Berg condemned the \u201ccowardly attack on our port.\u201d",
     "partial", "Anna Berg"),
    ("The senator slammed the plan as \u201ca gift to Moscow.\u201d", "partial", "senator"),
    ("Lind cited the \u201cheavy cost of waiting\u201d in her letter.", "partial", "Lind"),
    ("As the prosecutor Marc Delorme put it, \u201cThere was little to charge him with.\u201d", "direct",
     "Marc Delorme"),
    ("\u201cWe are finished,\u201d as Ms. Lind put it.", "direct", "Lind"),
    ("Ms. Lind hopes that the talks will resume in May.", "indirect", "Lind"),
    ("The mayor knows that the budget is short.", "indirect", "mayor"),
])
def test_evaluating_verbs_put_it_and_cognition_verbs_with_that(text, kind, speaker):
    quotes = extract_quotes(make_article(text))
    assert (quotes[0].kind, quotes[0].speaker) == (kind, speaker)


@pytest.mark.parametrize("text", [
    "She put it down to bad luck.",
    "He put it in the drawer before the meeting began.",
    "The mayor knows the budget well.",
])
def test_put_it_and_cognition_verbs_without_a_clause_are_no_quotes(text):
    assert extract_quotes(make_article(text)) == []


def test_he_after_a_quote_is_the_person_named_as_his_sentences_subject():
    quotes = extract_quotes(make_article(
        "\u201cThe port will stay open,\u201d said Marta Quillfeather.",
        "Deputy Minister Tomas Lindqvist told reporters the deal needed a new bank link, "
        "\u201ca condition that has not changed in years,\u201d as he put it."))
    assert quotes[-1].speaker == "Tomas Lindqvist"


def test_a_capitalised_word_opening_the_sentence_is_not_the_pronouns_person():
    quotes = extract_quotes(make_article(
        "\u201cThe market is numb,\u201d said Gianni Bellardi, a grain analyst.",
        "He said buyers were waiting. "
        "Freight rates have risen \u201csharply, but not yet wildly,\u201d he added."))
    assert quotes[-1].speaker == "Gianni Bellardi"


@pytest.mark.parametrize("text, speaker", [
    ("Rep. Lund also is stressing that whatever the governor does can be undone.", "Lund"),
    ("\u201cWe are leaving,\u201d Ms. Lind is telling friends.", "Lind"),
    ("Some analyses suggest that cheap power will need new subsidies.", "analyses"),
])
def test_progressive_cues_and_documents_in_the_plural(text, speaker):
    quotes = extract_quotes(make_article(text))
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text", [
    "The company is responding to the claims.",
    "What is being said in Moscow matters less.",
])
def test_a_progressive_without_a_subject_is_no_attribution(text):
    assert extract_quotes(make_article(text)) == []


def test_a_statement_label_with_a_portfolio_names_the_person_and_keeps_the_words_without_marks():
    quotes = extract_quotes(make_article(
        "Ministers welcomed the plan on Friday.",
        "Secretary of Transportation Ilse Varga: \u201cThank you for standing up for the port towns.\u201d",
        "Mayor Tomas Brandt: \u201cA great day for the north.\u201d"))
    assert [(q.speaker, q.role, q.text) for q in quotes] == [
        ("Ilse Varga", "Secretary of Transportation", "Thank you for standing up for the port towns."),
        ("Tomas Brandt", "Mayor", "A great day for the north.")]


def test_a_title_ends_where_a_word_before_its_preposition_is_no_role():
    quotes = extract_quotes(make_article(
        "Readout of President Ilse Varga\u2019s call with Chancellor Tomas Brandt.",
        "President Varga said the two leaders had agreed to meet again in the spring."))
    assert [(q.speaker, q.role) for q in quotes] == [("Ilse Varga", "President")]


def test_a_run_in_heading_in_capitals_is_not_the_subject():
    quotes = extract_quotes(make_article(
        "TAKING BACK OUR SEA LANES: President Lind refuses to wait and believes that new patrols "
        "are needed to protect the ports."))
    assert [(q.kind, q.speaker) for q in quotes] == [("indirect", "Lind")]


def test_a_gerund_after_a_preposition_has_no_speaker_phrase_of_its_own():
    quotes = extract_quotes(make_article(
        "Mayor Tomas Brandt spoke on Friday. He is the first mayor in decades to stand up for "
        "the port towns by asking the ministry to follow one rule: treat the coast like the capital."))
    assert all(q.speaker in {"Tomas Brandt", None} for q in quotes)


def test_title_case_words_of_a_headline_are_no_person_without_a_given_name_or_title():
    from dataclasses import replace
    article = replace(make_article(
        "ECONOMIC SECURITY: Today the president declared that foreign trade practices have created "
        "a national emergency.",
        "SECURING THE PORTS: New patrols will start in the spring."),
        title="Fact Sheet: President Anna Berg Acts to Strengthen our National and Economic Security")
    assert all(q.speaker != "Economic Security" for q in extract_quotes(article))


def test_he_after_a_long_appositive_chain_is_the_named_person_not_the_firm():
    quotes = extract_quotes(make_article(
        "Greg Harlow, chief executive officer of Private Boat Services, a marine consulting firm and "
        "yacht charter broker for companies and families, said the ship was an odd choice. "
        "\u201cBuying an old ferry is like buying a bag of chips,\u201d he said."))
    assert {q.speaker for q in quotes} == {"Greg Harlow"}


def test_a_capitalised_preposition_or_a_street_is_no_person_for_he():
    quotes = extract_quotes(make_article(
        "Outside the plant on Galeana Street, a worker named Antonio Arroyo has nothing but good "
        "things to say about his job. \u201cThe mood is relaxed,\u201d he said."))
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Antonio Arroyo"]


@pytest.mark.parametrize("paragraph, speaker", [
    ("Mr. Lund did not see it that way. \u201cThat was no way to treat me,\u201d he complained.", "Lund"),
    ("Sen. Lund did not agree. \u201cThat was no way to treat me,\u201d he said.", "Lund"),
    ("\u201cIt is hard to come back to work,\u201d said the designer, who works elsewhere.", "designer"),
    ("\u201cThe windows held,\u201d said the glazier, who fitted them in 1998.", "glazier"),
    ("\u201cWe won,\u201d said his proud grandson on Monday.", "proud grandson"),
    ("\u201cThanks for welcoming us,\u201d said master of ceremonies Asab Tabchi, a Syrian engineer.",
     "Asab Tabchi"),
    ("\u201cIt is unusual,\u201c said Larry Noble, a lawyer with the Fair Vote Center.", "Larry Noble"),
])
def test_a_titled_surname_a_noun_after_an_inverted_cue_and_a_misdirected_closer(paragraph, speaker):
    quotes = extract_quotes(make_article(paragraph))
    assert [q.speaker for q in quotes if q.kind == "direct"] == [speaker]


def test_a_time_after_an_inverted_cue_is_no_speaker():
    quotes = extract_quotes(make_article("\u201cWe won,\u201d said the day before."))
    assert [q.speaker for q in quotes] == [None]


@pytest.mark.parametrize("paragraphs, speakers", [
    (["\u201cThey do not understand us,\u201d said Army Capt. Chris Pardo, who will not vote.",
      "\u201cI had hoped for more,\u201d said Air Force 1st Lt. Tyler Lind."], ["Chris Pardo", "Tyler Lind"]),
    (["\u201cWe won,\u201d said Rick Wiley.",
      "\u201cCan we win Ohio?\u201d Mr. Manfred asked. \u201cI do not know.\u201d"],
     ["Rick Wiley", "Manfred", "Manfred"]),
    (["The nominee caused outrage on Wednesday.",
      "\u201cIf you are listening, find the emails that are missing.\u201d Berg said."], ["Berg"]),
])
def test_military_titles_ordinals_and_attributions_after_a_closed_quote(paragraphs, speakers):
    quotes = extract_quotes(make_article(*paragraphs))
    assert [q.speaker for q in quotes if q.kind == "direct"] == speakers


@pytest.mark.parametrize("paragraphs, speaker", [
    (["Both candidates said it was no big deal.",
      "Sam Lau, the party's spokesman, said in a statement. \u201cThere are no ballots to recount.\u201d"],
     "Sam Lau"),
    (["\u201cMany are unsure this year,\u201d Thiel wrote in a statement to a magazine explaining it, "
      "\u201cbut most agree the country is on the wrong track.\u201d"], "Thiel"),
    (["As the chief executive, Jeff Weiner, put it in his memo to staff explaining it, "
      "\u201cImagine a world where we lead.\u201d"], "Jeff Weiner"),
    (["Pollsters agree - Carl Bialik: \u201cThe biggest lesson was a simple one.\u201d"], "Carl Bialik"),
    (["Signs of a shift were there all along - More from Anna Blum and Tomas Cohen: "
      "\u201cThe data helps confirm it.\u201d"], "Anna Blum"),
])
def test_introduced_speakers_documents_of_a_speaker_and_digest_labels(paragraphs, speaker):
    quotes = extract_quotes(make_article(*paragraphs))
    assert quotes[-1].kind == "direct" and quotes[-1].speaker == speaker


def test_declining_to_comment_introduces_nobody():
    quotes = extract_quotes(make_article(
        "\u201cWe won,\u201d said Anna Berg.", "Tomas Lind declined to comment.",
        "\u201cIt was a long night.\u201d"))
    assert quotes[-1].speaker is None


def test_a_transcript_quoted_whole_has_a_speaker_label_after_each_opening_mark():
    quotes = extract_quotes(make_article(
        "Host Anna Berg questioned Gov. Tomas Lind on Sunday. A partial transcript follows:",
        "\"BERG: If I may, governor, will she be there?",
        "\"LIND: Well, the real question is why they invited him.\""))
    turns = [(q.speaker, q.text) for q in quotes if q.rule == "direct.transcript-line"]
    assert turns == [("Anna Berg", "If I may, governor, will she be there?"),
                     ("Tomas Lind", "Well, the real question is why they invited him.")]


@pytest.mark.parametrize("text", [
    "The ministry maintains strict standards that severely restrict imports of beef and poultry.",
    "Lind said Bonn had a plan that nobody liked.",
])
def test_a_that_after_an_object_opens_a_relative_clause_not_what_was_said(text):
    quotes = extract_quotes(make_article(text))
    assert all(not q.text.startswith(("severely", "nobody")) for q in quotes)


@pytest.mark.parametrize("text", [
    "Lind said again and again that the talks would resume in May.",
    "Lind stressed the fact that the talks would resume in May.",
    "Lind conceded in an interview with the paper that the talks would resume in May.",
])
def test_adjuncts_and_content_nouns_before_that_keep_the_that_clause(text):
    quotes = extract_quotes(make_article(text))
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "the talks would resume in May")]


def test_after_according_to_x_the_comma_opens_the_clause_not_an_aside():
    quotes = extract_quotes(make_article(
        "According to the Harbour Policy Institute, the levies imposed in the first term "
        "\u201cclearly showed no link with inflation\u201d and had a small effect."))
    assert {(q.speaker, q.role) for q in quotes} == {("Harbour Policy Institute", None)}


@pytest.mark.parametrize("paragraphs, speaker", [
    (["\u201cIt was nice,\u201d the tycoon told reporters.",
      "Hours later, Lind returned it, telling reporters, \u201cHe is an amazing man.\u201d"], "Lind"),
    (["Gore insisted it was \u201cpremature\u201d to back the party's campaign for president while adding, "
      "\u201cI have no doubt that her heart is in the right place.\u201d"], "Gore"),
])
def test_a_participle_after_a_time_word_or_while_is_the_main_verbs_speakers(paragraphs, speaker):
    quotes = extract_quotes(make_article(*paragraphs))
    assert quotes[-1].kind == "direct" and quotes[-1].speaker == speaker


@pytest.mark.parametrize("text, title", [
    ("Meanwhile on \u201cMeet the Voters,\u201d the host asked if the deal was dead.", "Meet the Voters"),
    ("He wrote in \u201cThe Art of the Harbour\u201d that he liked to win.", "The Art of the Harbour"),
])
def test_a_capitalised_name_after_a_preposition_names_a_work_not_a_quote(text, title):
    quotes = extract_quotes(make_article(text))
    assert [(q.kind, q.speaker) for q in quotes if q.text == title] == [("term", None)]


def test_a_capitalised_phrase_a_speaker_calls_something_stays_a_partial_quote():
    quotes = extract_quotes(make_article("Lind called the plan \u201ca Very Bad Deal\u201d on Monday."))
    assert [(q.kind, q.speaker) for q in quotes] == [("partial", "Lind")]


@pytest.mark.parametrize("text, speaker", [
    ("Teneo issued a statement saying that the firm had done nothing wrong in the deal.", "Teneo"),
    ("Clinton issued a statement saying she was \u201cdeeply saddened\u201d by the news.", "Clinton"),
])
def test_issuing_a_statement_saying_makes_the_issuer_the_speaker(text, speaker):
    quotes = extract_quotes(make_article(text))
    assert {q.speaker for q in quotes} == {speaker}


def test_a_description_naming_someone_else_is_not_whoever_spoke_last():
    quotes = extract_quotes(make_article(
        "Former minister Anna Berg urged a vote for Lind, saying, \u201cThere is a place for helpers.\u201d",
        "At the town hall, the Holm supporter retorted: \u201cThere is a place for thinkers.\u201d"))
    assert [q.speaker for q in quotes] == ["Anna Berg", "Holm supporter"]


def test_a_nationality_in_a_description_may_still_name_whoever_spoke_last():
    quotes = extract_quotes(make_article(
        "\u201cI will not speculate,\u201d NATO Secretary-General Mads Holm told the host.",
        "The former Danish prime minister also said Russia could rebuild its forces faster than expected."))
    assert [q.speaker for q in quotes] == ["Mads Holm", "Mads Holm"]


# -- a reported clause quoted nearly whole is a direct quote (rule direct.quoted-clause) --------
@pytest.mark.parametrize("paragraph", [
    "Anna Berglund said that “the harbour will stay open all winter.”",
    "Tomas Lindqvist told reporters on Friday that “nobody in this government has been asked to resign.”",
    "The governor insisted the state “has done everything the law requires of it, and a great deal "
    "more than any of its neighbours ever did.”",
])
def test_a_reported_clause_quoted_whole_is_direct(paragraph):
    [quote] = extract_quotes(make_article(paragraph))
    assert quote.kind == "direct"
    assert quote.rule.startswith("direct.quoted-clause")
    assert quote.text.startswith(("the harbour", "nobody", "has done"))


@pytest.mark.parametrize(("paragraph", "quoted"), [
    # the reporter's own words carry a good part of the clause
    ("The mayor said the harbour in the old town “will stay open all winter.”",
     "will stay open all winter."),
    ("The mayor said the harbour would stay “open.”", "open."),
    # a phrase: the object of a preposition, of a determiner, or of a naming verb
    ("The ministry spoke of “a new chapter in relations.”", "a new chapter in relations."),
    ("The ministry welcomed what it called “a new chapter in relations.”", "a new chapter in relations."),
    ("The minister called the plan “a disaster for every farmer in the north.”",
     "a disaster for every farmer in the north."),
])
def test_a_quoted_phrase_in_the_reporters_clause_stays_partial(paragraph, quoted):
    quotes = extract_quotes(make_article(paragraph))
    [partial] = [q for q in quotes if q.text == quoted]
    assert partial.kind == "partial"


# -- transcript labels in capitals that recur name their speakers -------------------------------
def test_a_recurring_capitals_label_names_its_speaker_with_any_title():
    article = make_article(
        "HOLM: Welcome back. Let us start with the news from Bergen tonight.",
        "PRESIDENT LINDQVIST: Thank you for having me.",
        "HOLM: Will you send troops?",
        "PRESIDENT LINDQVIST: No, we will not.")
    said = [(q.speaker, q.role, q.text) for q in extract_quotes(article)]
    assert said == [
        ("Holm", None, "Welcome back. Let us start with the news from Bergen tonight."),
        ("Lindqvist", "President", "Thank you for having me."),
        ("Holm", None, "Will you send troops?"),
        ("Lindqvist", "President", "No, we will not."),
    ]


def test_a_title_label_is_the_one_person_met_with_that_title():
    article = make_article(
        "President Anna Lindqvist met the press in Oslo on Monday.",
        "THE PRESIDENT: Good afternoon. I have one announcement.",
        "Q Will you send troops?",
        "THE PRESIDENT: No.",
        "MODERATOR: Last question.",
        "SENIOR OFFICIAL: Thank you all.",
        "MODERATOR: Thank you.",
        "SENIOR OFFICIAL: Goodbye.",
        "AUDIENCE: Thank you!",
        "AUDIENCE: Bravo!")
    said = [(q.speaker, q.speaker_kind) for q in extract_quotes(article) if q.kind == "direct"]
    assert said == [("Anna Lindqvist", "person"), ("reporter", "group"), ("Anna Lindqvist", "person"),
                    ("moderator", "role"), ("senior official", "role"), ("moderator", "role"),
                    ("senior official", "role"), ("audience", "group"), ("audience", "group")]


def test_a_capitals_heading_used_once_is_no_speaker():
    article = make_article("UPDATE: The mayor will attend the vote.",
                           "The council said it would meet on Monday.")
    assert all(q.kind != "direct" for q in extract_quotes(article))


def test_a_manner_adverb_before_a_prepositional_phrase_reports_no_clause():
    article = make_article("“How are you today?” Hallam said pleasantly into the phone.")
    [quote] = extract_quotes(article)
    assert (quote.kind, quote.speaker) == ("direct", "Hallam")


# -- reported speech after an adverb, an aside or a verb of going on ----------------------------
@pytest.mark.parametrize(("paragraph", "speaker", "clause"), [
    ("Holm has since stressed that she did not send any of the files.", "Holm",
     "she did not send any of the files"),
    ("Holm, after the audit was published, initially said that no files were missing.", "Holm",
     "no files were missing"),
    ("The unions continue to warn that the treaty is a costly mistake.", "unions",
     "the treaty is a costly mistake"),
    ("The senator went on to say that the bill would fail in the House.", "senator",
     "the bill would fail in the House"),
    ("The mayor was quick to add that the vote would go ahead in May.", "mayor",
     "the vote would go ahead in May"),
])
def test_reported_speech_after_adverbs_asides_and_verbs_of_going_on(paragraph, speaker, clause):
    [quote] = extract_quotes(make_article(paragraph))
    assert (quote.kind, quote.speaker, quote.text) == ("indirect", speaker, clause)


@pytest.mark.parametrize("paragraph", [
    "The senator used markers to write notes on the bill before the vote.",
    "The senator is going to say that the bill failed in the House.",
])
def test_an_infinitive_of_purpose_or_plan_reports_nothing(paragraph):
    assert extract_quotes(make_article(paragraph)) == []


@pytest.mark.parametrize(("paragraph", "speaker", "role"), [
    ("A lawyer for the news outlets, Dana Holm, said no decision had been made about an appeal.",
     "Dana Holm", "lawyer for the news outlets"),
    ("Dana Holm, of Springfield, Va., said she had served in the navy for a decade.", "Dana Holm", None),
    ("Last month, the ministry announced it had reached its goal of hiring 2,000 nurses.", "ministry", None),
])
def test_a_titled_name_a_home_town_and_a_pronoun_clause_are_read(paragraph, speaker, role):
    [quote] = extract_quotes(make_article(paragraph))
    assert (quote.kind, quote.speaker, quote.role) == ("indirect", speaker, role)


def test_a_cue_wanting_that_still_takes_no_object_for_a_clause():
    assert extract_quotes(make_article("The ministry announced it on Monday in a short note.")) == []


@pytest.mark.parametrize(("paragraph", "reports"), [
    ("Holm said the demands of the job erase some barriers, though she noted clients now want "
     "diverse teams.",
     [("Dana Holm", "the demands of the job erase some barriers"),
      ("Dana Holm", "clients now want diverse teams")]),
    ("The mayor said the bridge would open in May, but the council said it would open in June.",
     [("mayor", "the bridge would open in May"), ("council", "it would open in June")]),
    ("The mayor said the bridge would open in May; the council said it would open in June.",
     [("mayor", "the bridge would open in May"), ("council", "it would open in June")]),
])
def test_two_reports_joined_in_one_sentence_are_two_records(paragraph, reports):
    article = make_article("Dana Holm runs the city's legal office.", paragraph)
    said = [(q.speaker, q.text) for q in extract_quotes(article) if q.paragraph == 1]
    assert said == reports


def test_a_report_inside_a_reported_clause_stays_inside_it():
    [quote] = extract_quotes(make_article("The mayor said the talks failed because the unions said no."))
    assert quote.text == "the talks failed because the unions said no"


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("The buyer said the deal would close before the end of the year.", "buyer"),
    ("One protester said the police had used tear gas without warning.", "protester"),
])
def test_a_noun_of_a_doer_before_a_cue_speaks(paragraph, speaker):
    [quote] = extract_quotes(make_article(paragraph))
    assert (quote.kind, quote.speaker) == ("indirect", speaker)


def test_a_doer_inside_a_prepositional_phrase_is_not_the_speaker():
    quotes = extract_quotes(make_article("A spokesman for the buyer said the deal would close in May."))
    assert all(q.speaker != "buyer" for q in quotes)


def test_a_sentence_opening_with_he_keeps_its_subject_for_the_next_he():
    article = make_article(
        "Tomas Lindqvist won the vote in Bergen on Sunday.",
        "He thanked his rival, Erik Dahl, and nodded only briefly to his narrow lead over Jon Berg. "
        "“We learned a lot this week,” he said.")
    [quote] = extract_quotes(article)
    assert quote.speaker == "Tomas Lindqvist"


def test_an_attribution_with_a_participle_after_a_quoted_question_keeps_its_quote():
    article = make_article("“What does that mean?” Mr. Reid asked, repeating a charge he made on Saturday.")
    assert [(q.kind, q.speaker) for q in extract_quotes(article)] == [("direct", "Reid")]


def test_a_participle_cue_takes_no_speaker_after_it():
    article = make_article("“These people know words,” said Anna Sherman, speaking of politicians, "
                           "“and leave themselves room.”")
    assert {q.speaker for q in extract_quotes(article)} == {"Anna Sherman"}


def test_questioned_reports_a_quoted_question():
    [quote] = extract_quotes(make_article("“What was the turning point?” Beck questioned."))
    assert quote.speaker == "Beck"


@pytest.mark.parametrize("paragraph", [
    "Sen. Dana Holm, a Republican from Ohio, said the deal was bad for farmers.",
    "“The deal is bad for farmers,” said Sen. Dana Holm, a Republican from Ohio.",
])
def test_a_party_aside_after_a_titled_name_is_the_party_not_the_role(paragraph):
    [quote] = extract_quotes(make_article(paragraph))
    # the party, without the home state ("from Ohio")
    assert (quote.speaker, quote.role, quote.affiliation) == ("Dana Holm", "Sen.", "Republican")


def test_an_organisation_after_of_behind_a_full_name_after_the_cue_is_its_affiliation():
    [quote] = extract_quotes(make_article("“We will respond in kind,” said Mike Lund of Nordbank."))
    assert (quote.speaker, quote.affiliation) == ("Mike Lund", "Nordbank")


@pytest.mark.parametrize("paragraph", [
    "Norway’s Foreign Ministry spokeswoman Anna Holm told a daily briefing that the talks had failed.",
    "“The talks have failed,” said Anna Holm, Norway’s Foreign Ministry spokeswoman.",
])
def test_an_owners_body_before_a_title_is_the_whole_affiliation(paragraph):
    [quote] = extract_quotes(make_article(paragraph))
    assert (quote.speaker, quote.role, quote.affiliation) == (
        "Anna Holm", "spokeswoman", "Norway’s Foreign Ministry")


def test_a_clause_quoted_nearly_whole_before_its_attribution_is_direct():
    article = make_article(
        "Tom Reid spoke first. He was “excited about where we stand in this race,” he said.",
        "The plan is “a disaster,” Reid said.")
    kinds = {q.text: q.kind for q in extract_quotes(article)}
    assert kinds["excited about where we stand in this race"] == "direct"
    assert kinds["a disaster"] == "partial"


def test_an_of_phrase_with_a_clause_in_it_is_no_role():
    article = make_article("The head of the unit that audits budgets said the figures were wrong.")
    assert all("that audits" not in (q.speaker or "") for q in extract_quotes(article))


def test_a_relative_clause_set_off_by_commas_reports_its_antecedents_words():
    [quote] = extract_quotes(make_article(
        "The mayor met Anna Berg, who said the harbour would stay open all winter, before the vote."))
    assert (quote.kind, quote.speaker, quote.role, quote.text) == (
        "indirect", "Anna Berg", None, "the harbour would stay open all winter")


@pytest.mark.parametrize(("first", "later"), [
    ("Mayor Anna de Vries spoke on Monday.", "“We are safe,” De Vries said."),
    ("Police Commissioner James O’Brien spoke on Monday.", "“We are safe,” O'Brien said."),
])
def test_one_person_written_two_ways_is_one_speaker(first, later):
    [quote] = extract_quotes(make_article(first, later))
    assert quote.speaker in {"Anna de Vries", "James O’Brien"}


def test_a_title_word_after_an_honorific_is_a_surname():
    [quote] = extract_quotes(make_article("“We will strike on Monday,” Mr. King said."))
    assert quote.speaker == "King"


def test_an_unlisted_verb_in_the_attributions_slot_after_a_quote_attributes_it():
    quotes = extract_quotes(make_article(
        "Tom Reid spoke first.",
        "“We will never give up the harbour,” an angry Anna Holm retaliated.",
        "“The end is near,” the credits rolled."))
    assert quotes[0].speaker == "Anna Holm"
    assert quotes[1].speaker != "credits"  # no speaker phrase: the rule says nothing


def test_a_bodys_code_with_a_digit_before_a_title_is_its_affiliation():
    [quote] = extract_quotes(make_article(
        "“It was a large purchase,” said K9 president Bruce Lund, who gave no price."))
    assert (quote.speaker, quote.role, quote.affiliation) == ("Bruce Lund", "president", "K9")


def test_a_photo_credit_is_no_one_a_pronoun_may_mean():
    [quote] = extract_quotes(make_article(
        "File Photo: Prime Minister Anna Lindqvist speaks in Oslo. “We will respond,” she said."))
    assert quote.speaker == "Anna Lindqvist"


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("Most respondents said the economy had weakened since the spring.", "respondents"),
    ("Shopkeepers said sales had fallen by a third since the bridge closed.", "shopkeepers"),
])
def test_a_plural_noun_of_doers_before_a_cue_speaks_as_a_group(paragraph, speaker):
    [quote] = extract_quotes(make_article(paragraph))
    assert (quote.kind, quote.speaker.lower(), quote.speaker_kind) == ("indirect", speaker, "group")


def test_a_dateline_is_no_part_of_a_clause_quoted_before_its_attribution():
    article = make_article(
        "Tom Reid spoke first.",
        "LEEDS, March 5 (Reuters) - Talks “will be wrapped up by the end of May,” he said.")
    [quote] = [q for q in extract_quotes(article) if q.paragraph == 1]
    assert (quote.kind, quote.speaker) == ("direct", "Tom Reid")


@pytest.mark.parametrize("sentence", [
    "Anna Berglund said that the plan was sound, “and we will defend it in every court.”",
    "Anna Berglund said because the vote was close, “we will ask for a recount.”",
    "Anna Berglund said she would stay on until May, “whatever the board decides.”",
])
def test_a_quote_going_on_a_reported_clause_is_partial_within_it(sentence):
    quotes = extract_quotes(make_article(sentence))
    assert [q.kind for q in quotes] == ["partial", "indirect"]
    assert {q.speaker for q in quotes} == {"Anna Berglund"}


@pytest.mark.parametrize("sentence", [
    "Anna Berglund said in an interview on Monday, “We will not back down.”",
    "Anna Berglund told reporters, “We will not back down.”",
    "Anna Berglund said, when asked about the vote, “We will not back down.”",
    "Anna Berglund said, asked how long the strike would last, “As long as it takes.”",
    "Anna Berglund said, when asked whether the plan would work, “We will defend it in court.”",
    "Anna Berglund said after the vote was counted, “We will not back down.”",
])
def test_an_adjunct_between_cue_and_quote_leaves_it_direct(sentence):
    [quote] = extract_quotes(make_article(sentence))
    assert (quote.kind, quote.speaker) == ("direct", "Anna Berglund")


def test_a_title_after_a_possessive_is_a_term_and_a_phrase_after_this_is_partial():
    quotes = extract_quotes(make_article(
        "Tom Reid spoke first.",
        "“The message is simple,” Anna Berglund said on the network’s “Morning Hour With Sam Cole.”",
        "Perhaps, Anna Berglund said, this “small town has grown too big too fast.”"))
    assert [(q.kind, q.text) for q in quotes if q.paragraph > 0] == [
        ("direct", "The message is simple"), ("term", "Morning Hour With Sam Cole."),
        ("partial", "small town has grown too big too fast.")]


def test_words_after_a_quote_before_the_attribution_comma_are_in_its_clause():
    [quote, clause] = extract_quotes(make_article(
        "“We are alive, unlike the robots you will see next week” at the convention, Anna Berglund said."))
    assert (quote.kind, clause.kind, clause.speaker) == ("partial", "indirect", "Anna Berglund")


def test_a_past_tense_word_after_a_role_noun_is_its_verb_not_part_of_the_speaker():
    [quote] = extract_quotes(make_article(
        "Tom Reid spoke first.",
        "Anna Berglund’s right-hand woman rallied supporters on Monday: “We have to be ready.”"))
    assert (quote.speaker, quote.affiliation) == ("right-hand woman", "Anna Berglund")


@pytest.mark.parametrize(("sentence", "speaker", "role"), [
    ("The state news agency quoted Marta Quillfeather, a port official, as saying the berths "
     "would reopen on Monday.", "Marta Quillfeather", "port official"),
    ("A local paper cited the mayor as saying the bridge “will not reopen this year.”", "mayor", None),
])
def test_the_object_of_a_verb_of_quoting_before_as_saying_is_the_speaker(sentence, speaker, role):
    quotes = extract_quotes(make_article(sentence))
    assert {q.speaker for q in quotes} == {speaker}
    if role:
        assert {q.role for q in quotes} == {role}


def test_a_plain_person_noun_is_someone_new_not_who_just_spoke():
    quotes = extract_quotes(make_article(
        "Mike Pence, the Republican candidate, took questions. “We will build it,” Pence said.",
        "The last question came from a child in the front row.",
        "“How big is that wall?” asked the boy, as the audience laughed.",
        "“We will act soon,” the candidate said."))
    assert [q.speaker for q in quotes] == ["Mike Pence", "boy", "Mike Pence"]


def test_a_cue_right_after_a_quoted_question_owns_it_over_a_cue_before():
    quotes = extract_quotes(make_article(
        "Anna Berglund spoke first.",
        "If the company is cutting jobs — as analysts expect, though the board denies it — “why "
        "would anyone stay?” asked Berglund, now a union organiser."))
    [quote] = [q for q in quotes if q.paragraph == 1]
    assert (quote.kind, quote.speaker) == ("partial", "Anna Berglund")


def test_a_three_word_clause_with_a_subject_pronoun_is_reported_speech():
    [quote] = extract_quotes(make_article("Tom Reid spoke first.",
                                          "Anna Berglund later said she was joking."))
    assert (quote.kind, quote.text, quote.speaker) == ("indirect", "she was joking", "Anna Berglund")


def test_a_participle_after_a_comma_goes_on_the_same_speakers_report_in_a_clause_of_its_own():
    quotes = extract_quotes(make_article(
        "Anna Berglund said the port would reopen on Monday, adding that the ferries would run a day later."))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the port would reopen on Monday", "Anna Berglund"),
        ("the ferries would run a day later", "Anna Berglund")]


@pytest.mark.parametrize(("sentence", "role", "affiliation"), [
    ("“We need more nurses,” said Gloria Garza, 34, a nurse at Valley Hospital.", "nurse", "Valley Hospital"),
    ("“We need more nurses,” said Gloria Garza, a nurse from Texas.", "nurse", None),
    ("“We will win,” said Elaine Kamper, a senior fellow at the Brookings Institution and a Democratic "
     "superdelegate.", "senior fellow", "Brookings Institution"),
    ("“We will help,” said Matt Soren, spokesman for World Relief.", "spokesman", "World Relief"),
    ("“We will help,” said Anna Lind, Minister for Trade.", "Minister for Trade", None),
    ("“We will help,” said Leo Burman, a fellow at the conservative Heritage Foundation.", "fellow",
     "Heritage Foundation"),
])
def test_an_aside_gives_the_role_and_its_body(sentence, role, affiliation):
    [quote] = extract_quotes(make_article(sentence))
    assert (quote.role, quote.affiliation) == (role, affiliation)


@pytest.mark.parametrize(("paragraph", "affiliation"), [
    ("“We will help,” said Rep. Bobby Scotts (D-Va.).", "Democrat"),
    ("Sen. Lorraine Pettibone, R-Md., said the bill was “dead.”", "Republican"),
    ("Rep. Anna Berg (I) said the bill was “dead.”", "Independent"),
])
def test_a_party_tag_after_a_name_gives_the_party_as_affiliation(paragraph, affiliation):
    quotes = extract_quotes(make_article(paragraph))
    assert {q.affiliation for q in quotes} == {affiliation}


@pytest.mark.parametrize(("sentence", "speaker", "role", "affiliation"), [
    ("“We will help,” said Amy Pope, deputy homeland security advisor.", "Amy Pope",
     "deputy homeland security advisor", None),
    ("“We will help,” said Representative Peter T. King, Republican of New York.", "Peter T. King",
     "Representative", "Republican"),
    ("“We will help,” said Melanne Verveer, who served as Hillary Clinton’s chief of staff.",
     "Melanne Verveer", "chief of staff", "Hillary Clinton"),
    ("“We will help,” said Trent Lott, who was the Senate majority leader under George W. Bush.",
     "Trent Lott", "majority leader", "Senate"),
    ("“We will help,” said Ann Lind, Minister of State for Foreign Affairs.", "Ann Lind",
     "Minister of State for Foreign Affairs", None),
])
def test_surnames_that_are_titles_relative_clause_titles_tenures_and_portfolios(sentence, speaker, role,
                                                                                affiliation):
    [quote] = extract_quotes(make_article(sentence))
    assert (quote.speaker, quote.role, quote.affiliation) == (speaker, role, affiliation)


@pytest.mark.parametrize(("sentence", "role", "affiliation"), [
    ("“We will sue,” said Judicial Watch President Tom Fenton.", "President", "Judicial Watch"),
    ("“We will win,” said Rubio spokesman Alex Conway.", "spokesman", "Rubio"),
    ("“We will win,” said Senate Majority Leader Mitch McConnell.", "Majority Leader", "Senate"),
    ("“We will win,” said Presumptive Democratic presidential nominee Hillary Clinton.",
     "Presumptive Democratic presidential nominee", None),
    ("“We will win,” said Chinese President Xi Jinping.", "Chinese President", None),
])
def test_a_name_leading_a_title_is_the_body_it_serves_unless_a_place_party_or_title_word(sentence, role,
                                                                                        affiliation):
    [quote] = extract_quotes(make_article(sentence))
    assert (quote.role, quote.affiliation) == (role, affiliation)


def test_a_quote_after_a_possessive_is_a_phrase_of_the_reporters_clause():
    [quote] = extract_quotes(make_article("Anna Berglund said Oslo’s “entire plan for the port is a fraud.”"))
    assert (quote.kind, quote.speaker) == ("partial", "Anna Berglund")


def test_a_verb_of_quoting_earlier_in_the_sentence_gives_no_speaker_to_as_saying():
    quotes = extract_quotes(make_article(
        "Interfax, citing the Kremlin, described Anna Berglund as saying the deal was off for good."))
    assert "Kremlin" not in {q.speaker for q in quotes}


def test_a_party_tag_ending_the_sentence_gives_the_party():
    [quote] = extract_quotes(make_article("“It is dead,” said Sen. Ben Cardman, D-Md."))
    assert (quote.speaker, quote.affiliation) == ("Ben Cardman", "Democrat")


@pytest.mark.parametrize("paragraph", [
    "“We will help,” said Rachel Woolard, 20, of Jacksonville, Fla.",
    "“We will help,” said Rachel Woolard of Jacksonville, Fla.",
    "Rachel Woolard of Jacksonville, Fla., said the bill was “dead on arrival.”",
])
def test_a_home_town_after_a_name_is_no_affiliation(paragraph):
    quotes = extract_quotes(make_article(paragraph))
    assert {(q.speaker, q.affiliation) for q in quotes} == {("Rachel Woolard", None)}


@pytest.mark.parametrize(("sentence", "role"), [
    ("“We will never give up the harbour,” an angry Anna Holm retaliated.", None),
    ("“We will win,” a defiant Anna Holm said.", None),
    ("“We will win,” said screenwriter Cole Haddon.", "screenwriter"),
])
def test_a_mood_after_an_indefinite_article_is_no_role(sentence, role):
    quotes = extract_quotes(make_article("Tom Reid spoke first.", sentence))
    assert [q.role for q in quotes] == [role]


def test_a_middle_initial_does_not_end_a_name_met_outside_quotes():
    quotes = extract_quotes(make_article("Joseph R. Biden Jr. spoke first.",
                                         "“We will act,” Mr. Biden said."))
    assert [q.speaker for q in quotes] == ["Joseph R. Biden Jr"]
