"""Figure extraction: formats, parties, years, measures, qualifiers, offsets."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from geolib.checks import check_records
from geolib.extract.figures import extract_figures, figure_records
from geolib.model import Article, Paragraph
from geolib.parse import read_article
from geolib.paths import project_root

FT_SEED = project_root() / "data" / "raw" / "ft-trump-russia-ties-china.txt"
FT_SENTENCE = (
    "Russia’s trade with China hit \\$245bn last year — a record but still less than Moscow’s "
    "\\$270bn in trade with the EU in 2021, the last full year before its full-scale invasion "
    "of Ukraine."
)


def article(text: str, published: date | None = date(2025, 2, 27), precision: str = "day",
            offset: int = 40) -> Article:
    """One body paragraph whose clean index i is raw offset ``offset + i``."""
    return Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None,
        published=published, published_text=None, topics=[], url=None,
        paragraphs=[Paragraph("body", text, offset, offset + len(text))], dropped=[],
        file="data/raw/made-up.txt", published_precision=precision,
    )


def money(text: str, **kwargs) -> list:
    return [f for f in extract_figures(article(text, **kwargs)) if f.kind == "money"]


def only(text: str, **kwargs):
    found = money(text, **kwargs)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def test_ft_seed_sentence_two_figures():
    first, second = money(FT_SENTENCE, published=date(2025, 1, 1), precision="year")
    assert (first.value, first.currency, first.scale, first.year) == (245, "USD", 1e9, 2024)
    assert first.year_text == "last year"
    assert first.parties == ["Russia", "China"]
    assert first.measure == "trade" and first.flow == "total"
    assert first.qualifiers == ["record"]
    assert (second.value, second.year, second.year_text) == (270, 2021, "2021")
    assert second.parties == ["Russia", "EU"]
    assert "less than" in second.qualifiers
    assert second.bound is None  # a comparison with Moscow's figure, not a bound on it


def test_ft_seed_file_offsets_and_ids():
    parsed = read_article(FT_SEED)
    raw = FT_SEED.read_text(encoding="utf-8")
    found = [f for f in extract_figures(parsed) if f.kind == "money"]
    assert [f.text for f in found] == ["$245bn", "$270bn"]
    for figure in found:
        assert raw[figure.start:figure.end] == figure.text
        assert figure.article_id == "ft-trump-russia-ties-china"
        assert figure.text in figure.sentence
        assert parsed.paragraphs[figure.paragraph].kind == "body"
    assert [f.year for f in found] == [2024, 2021]


def test_offsets_are_raw_offsets():
    figure = only("Trade hit $245bn in 2024.", offset=100)
    assert (figure.start, figure.end) == (110, 116)
    assert figure.file == "data/raw/made-up.txt" and figure.article_id == "made-up"


@pytest.mark.parametrize(
    ("text", "written", "value", "currency", "scale"),
    [
        ("Russia's trade with China hit $245bn in 2024.", "$245bn", 245, "USD", 1e9),
        ("Russia's trade with China hit \\$245bn in 2024.", "$245bn", 245, "USD", 1e9),
        ("China imported US$129.3 billion of goods in 2024.", "US$129.3 billion", 129.3, "USD", 1e9),
        ("EU trade with Russia was €257.5bn in 2021.", "€257.5bn", 257.5, "EUR", 1e9),
        ("Trade between the pair was 1.74tn yuan in 2024.", "1.74tn yuan", 1.74, "CNY", 1e12),
        ("Exports were worth 245 billion dollars in 2024.", "245 billion dollars", 245, "USD", 1e9),
        ("The sanctions cost Moscow 1,200 million roubles.", "1,200 million roubles", 1200, "RUB", 1e6),
        ("The grant is £40m.", "£40m", 40, "GBP", 1e6),
        ("The pipeline brings Gazprom $3.5bn-a-year.", "$3.5bn-a-year", 3.5, "USD", 1e9),
    ],
)
def test_money_formats(text, written, value, currency, scale):
    figure = only(text)
    assert figure.text == written
    assert (figure.value, figure.currency, figure.scale) == (value, currency, scale)


def test_per_year_is_a_qualifier_not_a_year():
    figure = only("The pipeline deal is worth $3.5bn a year to Moscow.")
    assert figure.text == "$3.5bn a year"
    assert "per year" in figure.qualifiers
    assert (figure.year_text, figure.year_basis) == (None, "published")  # "a year" dates nothing


@pytest.mark.parametrize(
    ("text", "low", "high", "written"),
    [
        ("Analysts expect trade of $200bn-$250bn this year.", 200, 250, "$200bn-$250bn"),
        ("Analysts expect trade of $200-250bn this year.", 200, 250, "$200-250bn"),
        ("Analysts expect trade of $200bn to $250bn this year.", 200, 250, "$200bn to $250bn"),
        ("Analysts expect trade of between $220bn and $260bn.", 220, 260, "$220bn and $260bn"),
        ("Analysts expect trade of $800m-$1.2bn.", 800, 1200, "$800m-$1.2bn"),
    ],
)
def test_ranges(text, low, high, written):
    figure = only(text)
    assert (figure.value_low, figure.value_high, figure.text) == (low, high, written)
    assert figure.value == (low + high) / 2 and "range" in figure.qualifiers


def test_from_to_is_a_change_not_a_range():
    before, after = money("Trade rose from $190bn in 2022 to $240bn in 2023.")
    assert (before.value, before.year, after.value, after.year) == (190, 2022, 240, 2023)


@pytest.mark.parametrize(
    ("text", "qualifier", "bound"),
    [
        ("Trade reached about $245bn last year.", "about", "approximate"),
        ("Trade reached roughly $245bn last year.", "about", "approximate"),
        ("Trade reached an estimated $245bn last year.", "estimated", "approximate"),
        ("Trade reached more than $240bn last year.", "more than", "lower"),
        ("Trade reached nearly $250bn last year.", "nearly", "upper"),
        ("Trade hit a record $245bn last year.", "record", None),
    ],
)
def test_qualifiers(text, qualifier, bound):
    figure = only(text)
    assert qualifier in figure.qualifiers
    assert figure.bound == bound


def test_down_from_a_peak_is_one_qualifier():
    peak, later = money("US trade with China was down from a peak of $690bn in 2022 "
                        "to roughly $575bn a year later.")
    assert peak.qualifiers == ["down from a peak"]
    assert (later.year, later.qualifiers, later.parties) == (2023, ["about"], ["US", "China"])


@pytest.mark.parametrize(
    ("text", "year", "year_text"),
    [
        ("Russia's trade with China hit $245bn last year.", 2024, "last year"),
        ("Russia's trade with China may hit $250bn this year.", 2025, "this year"),
        ("Russia's trade with China may hit $260bn next year.", 2026, "next year"),
        ("Russia's trade with China was $107bn five years ago.", 2020, "five years ago"),
        ("Russia's trade with China was $107bn 5 years ago.", 2020, "5 years ago"),
        ("In 2021, Russia's trade with the EU was €257.5bn.", 2021, "2021"),
        ("Russia's trade with China was $240bn in the first half of 2023.", 2023, "first half of 2023"),
    ],
)
def test_years(text, year, year_text):
    figure = only(text)
    assert (figure.year, figure.year_text) == (year, year_text)


def test_relative_year_counts_from_the_year_stated_before_it():
    first, second = money("Trade hit $147bn in 2021. Two years later it reached $240bn.")
    assert first.year == 2021
    assert (second.year, second.year_text) == (2023, "Two years later")


def test_years_earlier_without_an_explicit_year_counts_from_publication():
    figure = only("Russia's trade with China was $190bn two years earlier.")
    assert figure.year == 2023


def test_since_does_not_give_the_figure_its_year():
    figure = only("Russia's trade with China has grown since 2022 to $245bn last year.")
    assert figure.year == 2024


def test_relative_year_needs_a_date():
    figure = only("Russia's trade with China hit $245bn last year.", published=None)
    assert figure.year is None and figure.year_text == "last year"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Washington's goods trade with Beijing reached $582bn in 2024.", ["US", "China"]),
        ("Trade between Russia and China reached $245bn last year.", ["Russia", "China"]),
        ("For Russia, trade with China reached $245bn last year.", ["Russia", "China"]),
        ("After Trump met Putin, China's exports to Russia rose to $115bn.", ["China", "Russia"]),
    ],
)
def test_parties(text, parties):
    assert only(text).parties == parties


def test_direction_of_exports_and_imports():
    imports, exports = money("China's imports from Russia reached US$129.3 billion last year, "
                             "while its exports to Russia were $115.5bn.")
    assert (imports.measure, imports.direction) == ("imports", "Russia->China")
    assert sorted(exports.parties) == ["China", "Russia"]  # "its" refers back to China
    assert (exports.measure, exports.direction) == ("exports", "China->Russia")


def test_later_clause_inherits_parties_and_year():
    exports, imports = money("In 2021, the EU exported €89.3bn to Russia and imported €158.5bn.")
    assert exports.direction == "EU->Russia" and exports.year == 2021
    assert imports.parties == ["EU", "Russia"] and imports.year == 2021
    assert imports.direction == "Russia->EU"


def test_eur_converted_at_the_years_rate():
    figure = only("EU trade with Russia was €257.5bn in 2021.")
    assert figure.usd_rate_year == 2021
    assert figure.value_usd_bn == pytest.approx(257.5 * 1.1827)


def test_usd_needs_no_rate_and_unknown_rate_is_none():
    assert only("Trade hit $245bn in 2024.").usd_rate_year is None
    yuan = only("Trade between China and Russia was 1.74tn yuan in 2024.")
    assert yuan.value_usd_bn is None and yuan.usd_rate_year is None


def test_percent_and_counts_are_never_money():
    figures = extract_figures(article(
        "Trade rose 35.8 per cent to $146.9bn in 2021, as 10,000 trucks and 1.5 million "
        "tonnes crossed; 5 abstentions were cast on March 3, 2025 under resolution 2774."))
    kinds = {f.text: f.kind for f in figures}
    assert kinds == {"35.8 per cent": "percent", "$146.9bn": "money", "10,000": "count",
                     "1.5 million": "count", "5": "count"}
    counts = {f.text: f.unit for f in figures if f.kind == "count"}
    assert counts == {"10,000": "trucks", "1.5 million": "tonnes", "5": "abstentions"}
    assert all(f.currency is None and f.value_usd_bn is None for f in figures if f.kind != "money")


def test_percent_sign():
    figures = extract_figures(article("Russia's trade with China fell 6.9% in 2025."))
    assert [(f.text, f.kind, f.value, f.year) for f in figures] == [("6.9%", "percent", 6.9, 2025)]


def test_unseen_article_from_file(tmp_path: Path):
    path = tmp_path / "unseen-trade-story.md"
    path.write_text(
        "# Beijing and Moscow deepen trade\n\n"
        "Published 14 January 2026\n\n"
        "China's customs office said on Wednesday that trade with Russia fell 6.9% to "
        "\\$228.1bn last year, down from a record \\$244.8bn a year earlier.\n\n"
        "The EU, once Moscow's biggest partner, bought just €35bn of Russian goods in 2024.\n",
        encoding="utf-8",
    )
    parsed = read_article(path)
    raw = path.read_text(encoding="utf-8")
    found = {f.text: f for f in extract_figures(parsed) if f.kind == "money"}
    assert set(found) == {"$228.1bn", "$244.8bn", "€35bn"}
    assert all(raw[f.start:f.end] == f.text for f in found.values())
    if parsed.published is not None:
        assert found["$228.1bn"].year == 2025
        assert found["$244.8bn"].year == 2024
    assert found["$228.1bn"].parties == ["China", "Russia"]
    assert "record" in found["$244.8bn"].qualifiers
    assert found["€35bn"].parties == ["EU", "Russia"]
    assert (found["€35bn"].measure, found["€35bn"].year) == ("imports", 2024)


def test_checks_are_a_stage_of_their_own_keyed_by_figure_id():
    figures = extract_figures(article(FT_SENTENCE, published=date(2025, 1, 1), precision="year"))
    records, checks = figure_records(figures), check_records(figures)
    assert [r["figure_id"] for r in records] == [c["figure_id"] for c in checks]
    assert len({r["figure_id"] for r in records}) == len(records)
    assert not {"verdict", "explanation"} & set(records[0])  # extraction does not judge
    verdicts = {c["figure_id"]: c["verdict"] for c in checks}
    assert [verdicts[r["figure_id"]] for r in records if r["kind"] == "money"] == ["consistent", "differs"]
    for check in checks:
        assert {"file", "article_id", "figure_id", "explanation", "verdict"} <= set(check)
        assert check["explanation"].endswith(".")


def test_second_clause_tops_up_parties_unless_it_names_another_partner():
    imports, exports = money("American imports from China fell to US$439bn last year, "
                             "while exports to China slipped to $143bn.")
    assert exports.parties == ["China", "US"] and exports.direction == "US->China"
    first, second = money("China's trade with Russia hit $245bn in 2024, while Russia's trade "
                          "with India hit $65bn.")
    assert first.parties == ["China", "Russia"]
    assert second.parties == ["Russia", "India"]  # not filled in with China
    first, second = money("China's trade with Russia hit $245bn in 2024, while Russia's trade "
                          "with Ecuador hit $5bn.")
    assert second.parties == ["Russia"]  # an economy geolib does not know: still not China


def test_count_with_a_proper_adjective():
    figures = extract_figures(article("Some 400 Chinese companies now trade in Russia."))
    assert [(f.text, f.kind, f.unit) for f in figures] == [("400", "count", "companies")]


# --------------------------------------------------------------- notation of real news


def story(*paragraphs: tuple[str, str], published: date | None = date(1988, 5, 12),
          outlet: str | None = None) -> Article:
    """An article of (kind, text) paragraphs laid end to end in its raw text."""
    laid, at = [], 0
    for kind, text in paragraphs:
        laid.append(Paragraph(kind, text, at, at + len(text)))
        at += len(text) + 2
    return Article(
        title=None, standfirst=None, authors=[], outlet=outlet, section=None, published=published,
        published_text=None, topics=[], url=None, paragraphs=laid, dropped=[],
        file="data/raw/made-up-story.txt", published_precision="day",
    )


def money_of(article_: Article) -> list:
    return [f for f in extract_figures(article_) if f.kind == "money"]


@pytest.mark.parametrize(
    ("text", "written", "value", "currency", "scale"),
    [
        ("The shortfall reached a record 47.3 billion dlr level.", "47.3 billion dlr", 47.3, "USD", 1e9),
        ("Sales abroad brought in 620 mln stg last quarter.", "620 mln stg", 620, "GBP", 1e6),
        ("Bonn's surplus came to 4.15 billion marks.", "4.15 billion marks", 4.15, "DEM", 1e9),
        ("Tokyo reported a gap of 9.8 billion yen.", "9.8 billion yen", 9.8, "JPY", 1e9),
        ("Paris posted a deficit of 2.3 billion francs.", "2.3 billion francs", 2.3, "FRF", 1e9),
        ("Rome's deficit was 870 billion lire.", "870 billion lire", 870, "ITL", 1e9),
        ("Delhi set two-way trade at 18 billion rupees.", "18 billion rupees", 18, "INR", 1e9),
        ("Moscow lent 900 mln roubles for the mill.", "900 mln roubles", 900, "RUB", 1e6),
        ("The fund raised 3.4 bln Swiss francs.", "3.4 bln Swiss francs", 3.4, "CHF", 1e9),
        ("Exports hit 7.9 billion Hong Kong dollars.", "7.9 billion Hong Kong dollars", 7.9, "HKD", 1e9),
        ("Debt service took 2.2 bln U.S. dlrs.", "2.2 bln U.S. dlrs", 2.2, "USD", 1e9),
        ("Outlays are put at half a billion dollars.", "half a billion dollars", 0.5, "USD", 1e9),
        ("They paid one and a half billion euros.", "one and a half billion euros", 1.5, "EUR", 1e9),
        ("The bank extended a 250-mln-dlr credit line.", "250-mln-dlr", 250, "USD", 1e6),
        ("The budget sets aside JPY 480 billion for it.", "JPY 480 billion", 480, "JPY", 1e9),
        ("Farm sales reached A$3.1 billion.", "A$3.1 billion", 3.1, "AUD", 1e9),
    ],
)
def test_wire_and_newspaper_notations(text, written, value, currency, scale):
    figure = only(text)
    assert (figure.text, figure.value, figure.currency, figure.scale) == (written, value, currency, scale)


def test_money_is_never_a_plain_count():
    figures = extract_figures(article("Shipments fell 300 mln dlrs while 300 mln tonnes of grain moved."))
    assert [(f.text, f.kind) for f in figures] == [("300 mln dlrs", "money"), ("300 mln", "count")]


def test_capitals_headline():
    figure = only("IMPORTS CLIMB TO 22.4 BLN DLRS IN APRIL", published=date(1988, 5, 12))
    assert (figure.value, figure.currency, figure.scale, figure.year) == (22.4, "USD", 1e9, 1988)
    assert figure.measure == "imports"


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("JAPAN'S SURPLUS WITH KOREA WIDENS TO 450 MLN DLRS",
         "Japan's Surplus With Korea Widens TO 450 MLN Dlrs"),
        ("U.S. EXPORTS TO THE EC CLIMB", "U.S. Exports TO THE EC Climb"),  # short words kept
        ("Japan's surplus with Korea widens", "Japan's surplus with Korea widens"),
        ("Ⅻ" * 40 + " the trade surplus", "Ⅻ" * 40 + " the trade surplus"),  # upper case, no letters
        ("SHORT HEAD", "SHORT HEAD"),  # under 12 letters
    ],
)
def test_an_all_capitals_headline_is_read_capitalised(text, readable):
    from geolib.extract.figures import _readable

    assert _readable(text) == readable


def test_an_article_naming_one_foreign_dollar_reads_its_plain_dollars_as_that_one():
    from geolib.extract.figures import _article_dollar, load_figure_terms

    def dollar(*texts: str) -> str | None:
        return _article_dollar(story(*(("body", t) for t in texts)), load_figure_terms())

    assert dollar("Exports were 10.2 billion dlrs.") is None
    assert dollar("The deficit was C$4bn.", "Exports were 10.2 billion dlrs.") == "CAD"
    assert dollar("Shipments were worth 3 bln Canadian dlrs.") == "CAD"
    assert dollar("Sales were 3 bln HONG KONG DOLLARS.") == "HKD"
    assert dollar("It cost C$4bn and HK$2bn.") is None  # two: neither


@pytest.mark.parametrize(
    ("text", "written", "low", "high", "currency"),
    [
        ("The surplus is seen at 450 to 500 mln stg.", "450 to 500 mln stg", 450, 500, "GBP"),
        ("It will cost between four and five billion dollars.", "four and five billion dollars", 4, 5, "USD"),
        ("Aid of $3-4bn is planned.", "$3-4bn", 3, 4, "USD"),
        ("Credits of 1.2-1.6 billion marks were agreed.", "1.2-1.6 billion marks", 1.2, 1.6, "DEM"),
        ("Losses of seven or eight billion yen are likely.", "seven or eight billion yen", 7, 8, "JPY"),
    ],
)
def test_ranges_of_every_notation(text, written, low, high, currency):
    figure = only(text)
    assert (figure.text, figure.value_low, figure.value_high) == (written, low, high)
    assert figure.currency == currency
    assert figure.value == (low + high) / 2


def test_changes_are_two_figures_and_share_scale_and_currency():
    cut, level = money("Exports slipped 400 mln dlrs to 18.7 billion dlrs in March.")
    assert (cut.value, cut.scale, level.value, level.scale) == (400, 1e6, 18.7, 1e9)
    before, after = money("The deficit grew from 9.1 to 11.6 billion dlrs.")
    assert (before.text, before.value, before.scale, before.currency) == ("9.1", 9.1, 1e9, "USD")
    assert (after.value, after.scale) == (11.6, 1e9)


def test_currency_carried_from_the_figure_before():
    surplus, earlier = money("The surplus was 4.2 billion marks in March, down from 5.6 billion.")
    assert (earlier.text, earlier.currency, earlier.scale) == ("5.6 billion", "DEM", 1e9)
    exports, imports = money("Exports totalled 12.8 billion guilders and imports 11.9 billion.")
    assert imports.currency == "NLG" and imports.measure == "imports"


def test_no_currency_is_carried_to_a_count_or_a_stray_number():
    found = money("Trade reached $48bn, serving a nation of 1.3 billion people.")
    assert [f.text for f in found] == ["$48bn"]
    found = money("Trade reached $48bn; a billion people live there, some 1.3 billion, officials say.")
    assert [f.text for f in found] == ["$48bn"]


def test_currency_after_a_line_break():
    figure = only("Imports rose to 6.3 billion\n    dlrs in May.")
    assert (figure.text, figure.value, figure.currency) == ("6.3 billion\n    dlrs", 6.3, "USD")
    assert (figure.end - figure.start) == len(figure.text)


def test_hard_wrapped_wire_file_offsets(tmp_path: Path):
    path = tmp_path / "wire-made-up.txt"
    path.write_text(
        "ITALY TRADE GAP 2.9 TRILLION LIRE\n\n"
        "    ROME, June 3 - Italy's trade deficit narrowed to 2.9 trillion\n"
        "lire in April from 3.4 trillion lire in March, the statistics\n"
        "institute said.\n", encoding="utf-8")
    parsed = read_article(path)
    raw = path.read_text(encoding="utf-8")
    found = money_of(parsed)
    assert {f.value for f in found} >= {2.9, 3.4}
    for figure in found:
        assert re.sub(r"\s+", " ", raw[figure.start:figure.end]) == figure.text


def test_headline_figures_are_read():
    found = money_of(story(("title", "Exports to Japan slide to $4.1bn"),
                           ("body", "Exports to Japan slid to $4.1bn in April, the ministry said.")))
    assert [(f.text, f.paragraph) for f in found] == [("$4.1bn", 0), ("$4.1bn", 1)]


# ------------------------------------------------------------------------------ years


@pytest.mark.parametrize(
    ("text", "published", "year", "basis"),
    [
        ("The surplus rose to $8.2bn in March.", date(2019, 6, 3), 2019, "relative"),
        ("The surplus rose to $8.2bn in November.", date(2019, 2, 3), 2018, "relative"),
        ("December's shortfall was $6.4bn.", date(2021, 1, 20), 2020, "relative"),
        ("The shortfall hit $6.4bn last month.", date(2020, 1, 20), 2019, "relative"),
        ("Exports were $31bn in the fourth quarter.", date(2017, 2, 9), 2016, "relative"),
        ("Exports were $31bn in the second quarter of 2015.", date(2017, 2, 9), 2015, "stated"),
        ("The gap of $71.4bn was the widest since May 2009.", date(2019, 7, 2), 2019, "published"),
        ("The gap of $71.4bn was the widest since 2009.", date(2019, 7, 2), 2019, "published"),
        ("Trade is $110bn and should reach $200bn by 2024.", date(2019, 7, 2), 2019, "published"),
    ],
)
def test_years_from_the_publication_date(text, published, year, basis):
    figure = money(text, published=published)[0]
    assert (figure.year, figure.year_basis) == (year, basis)


def test_a_target_takes_its_own_year():
    now, target = money("Trade is $110bn and should reach $200bn by 2024.", published=date(2019, 7, 2))
    assert (now.year, target.year) == (2019, 2024)


def test_before_the_war_takes_the_year_before_the_event():
    figure = only("Europe bought about €240bn of Russian goods a year before the war.",
                  published=date(2025, 3, 1))
    assert (figure.year, figure.year_basis) == (2021, "event")
    earlier = only("Europe bought about €240bn of Russian goods a year before the war.",
                   published=date(2019, 3, 1))
    assert earlier.year_basis != "event"  # no such war yet in 2019


def test_comparison_without_its_own_time_is_of_the_period_before():
    level, earlier = money("The surplus rose to 3.3 billion marks in January, up from 2.7 billion.",
                           published=date(1988, 3, 1))
    assert (level.year, earlier.year) == (1988, 1987)
    level, earlier = money("The deficit widened to $3.3bn in 2016 from $2.7bn.")
    assert (level.year, earlier.year) == (2016, 2015)


def test_undated_figures_take_the_leads_period():
    found = money_of(story(
        ("body", "WASHINGTON, Feb 17 - The trade deficit narrowed to 9.6 billion dlrs in December."),
        ("body", "Exports climbed to 21.4 billion dlrs, the department said."),
        published=date(1988, 2, 17)))
    assert [(f.year, f.year_basis) for f in found] == [(1987, "relative"), (1987, "context")]


def test_present_tense_is_now_not_the_reported_period():
    found = money_of(story(
        ("body", "Trade rose to $88bn last year."),
        ("body", "The reserve fund holds $41bn in bonds."),
        published=date(2016, 4, 2)))
    assert [f.year for f in found] == [2015, 2016]


def test_a_law_named_by_its_year_dates_nothing():
    figure = only("Under the Trade Act of 1974, duties on $16bn of goods rose.", published=date(2019, 5, 1))
    assert (figure.year, figure.year_basis) == (2019, "published")


# ---------------------------------------------------------------------------- parties


def test_home_country_from_the_dateline():
    found = money_of(story(
        ("dateline", "TOKYO, May 4 -"),
        ("body", "The trade surplus rose to 7.6 billion dlrs in April, the ministry said."),
        ("body", "The surplus with the European Community was 1.9 billion dlrs."),
        published=date(1988, 5, 4)))
    assert [f.parties for f in found] == [["Japan"], ["Japan", "EC"]]
    assert found[0].implied_parties == ["Japan"]


def test_home_country_from_the_outlet():
    found = money_of(story(("body", "The deficit with Vietnam grew to $2.2bn last year."),
                           published=date(2021, 3, 1), outlet="The White House"))
    assert found[0].parties == ["US", "Vietnam"] and found[0].implied_parties == ["US"]


def test_both_sides_of_a_bilateral_figure():
    found = money_of(story(("body", "The U.S. trade deficit rose to $61.3bn in May."),
                           ("body", "The deficit with Germany grew to $6.2bn."),
                           published=date(2019, 7, 3)))
    assert [f.parties for f in found] == [["US"], ["US", "Germany"]]
    assert [f.measure for f in found] == ["deficit", "deficit"]


def test_capitals_headline_names_its_parties():
    found = money_of(story(("title", "KOREA'S SURPLUS WITH JAPAN WIDENS TO 450 MLN DLRS"),
                           published=date(1988, 5, 12)))
    assert found[0].parties == ["South Korea", "Japan"]


def test_dollars_of_the_article_own_dollar():
    found = money_of(story(("body", "Canada's surplus fell to 610 mln Canadian dlrs in May."),
                           ("body", "Exports were 10.2 billion dlrs."), published=date(1988, 7, 9)))
    assert [f.currency for f in found] == ["CAD", "CAD"]
    found = money_of(story(("body", "Exports were 10.2 billion dlrs in May."), published=date(1988, 7, 9)))
    assert found[0].currency == "USD"


# --------------------------------------------------------------------------- measures


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The country's trade deficit widened to $9.1bn.", "deficit"),
        ("The trade surplus hit $4bn in June.", "surplus"),
        ("A $12bn current account gap opened up.", "deficit"),
        ("Washington put tariffs on $34bn of Chinese goods.", "imports"),
        ("Customs collected $6bn in tariffs last year.", "tariffs"),
        ("Beijing agreed a deal to buy $50bn of farm goods.", "imports"),
        ("The two sides signed a $12bn arms deal.", "deal"),
        ("Foreign exchange reserves stood at $3.1tn.", "reserves"),
        ("External debt climbed to $470bn.", "debt"),
        ("Congress approved $800m in military aid.", "aid"),
        ("The carmaker plans a $2bn investment in Ohio.", "investment"),
        ("The Commerce Department said the deficit was $5.4bn.", "deficit"),
    ],
)
def test_measures(text, measure):
    assert only(text, published=date(2019, 7, 3)).measure == measure


WORDY_AMOUNTS = ["It cost two to three dollars.", "Between two and three billion euros were lost.",
                 "A hundred and sixty mln stg changed hands.", "Some two Hong Kong\n dollars each.",
                 "TWO TO THREE BILLION DOLLARS", "Half a billion was spent.", "One of the two sides won.",
                 "Two to three Swiss francs; four or five hundred thousand yen.", "It rose 5% to $2bn.",
                 "two to three dollaſs", "Two İstanbul deals worth three billion.",
                 "Twenty-five-billion dollars vanished.", "ſix billion was lost; ſeven dollars too.",
                 "Remarks on a grand brand, a column and security.", "They won a hundred\tmillion.",
                 "Eight-Hundred Thousand Euros", "nine marks; ten million marks; eleven won"]


@pytest.mark.parametrize("sentence", WORDY_AMOUNTS)
def test_a_sentence_is_skipped_only_when_it_holds_no_amount(sentence, monkeypatch):
    """``find_amounts`` reads a sentence without digits only when it holds a scale or currency
    word: what it finds is what it finds reading every sentence."""
    from geolib.extract import amounts

    gated = amounts.find_amounts(sentence)
    monkeypatch.setattr(amounts, "_may_hold_amount", lambda sentence, notation: True)
    assert gated == amounts.find_amounts(sentence)
    assert amounts.find_amounts("It cost two to three dollars.")  # no digit, still an amount
