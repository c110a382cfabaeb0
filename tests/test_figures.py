"""Figure extraction: formats, parties, years, measures, qualifiers, offsets."""

from __future__ import annotations

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
