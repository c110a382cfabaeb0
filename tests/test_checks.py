"""Verdicts on figures: consistent, differs (with the nearest explanation), no reference."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from geolib.checks import TOLERANCE, check_figure, check_records
from geolib.extract.figures import extract_figures
from geolib.model import Article, Paragraph
from geolib.reference import PACKAGE_REFERENCE, load_rates, load_trade

FT_SENTENCE = (
    "Russia’s trade with China hit $245bn last year — a record but still less than Moscow’s "
    "$270bn in trade with the EU in 2021, the last full year before its full-scale invasion "
    "of Ukraine."
)


@pytest.fixture(scope="module")
def tables():
    return load_trade(), load_rates()


def figures(text: str, published: date | None = date(2025, 2, 27)) -> list:
    article = Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None,
        published=published, published_text=None, topics=[], url=None,
        paragraphs=[Paragraph("body", text, 0, len(text))], dropped=[],
        file="made-up.txt", published_precision="day",
    )
    return extract_figures(article)


def check(text: str, tables, index: int = 0):
    money = [f for f in figures(text) if f.kind == "money"]
    return check_figure(money[index], *tables)


def test_ft_245bn_is_consistent_with_gacc(tables):
    result = check(FT_SENTENCE, tables)
    assert result.verdict == "consistent"
    assert result.gap_bn == pytest.approx(0.19, abs=0.01)
    assert [r["value"] for r in result.rows] == [244.81]
    assert f"±{TOLERANCE:.0%}" in result.explanation


def test_ft_270bn_explains_all_three_eur_totals(tables):
    result = check(FT_SENTENCE, tables, index=1)
    assert result.verdict == "differs"  # at the 2021 rate every total is 8-11% higher
    assert sorted(r["value"] for r in result.rows) == [247.8, 252.8, 257.5]
    assert len(result.comparisons) == 3
    by_value = {c.value: c for c in result.comparisons}
    assert by_value[257.5].reference_bn == pytest.approx(257.5 * 1.1827, abs=0.001)
    assert all(c.rate_year == 2021 and not c.within for c in result.comparisons)
    for total in ("€247.8bn", "€252.8bn", "€257.5bn"):
        assert total in result.explanation
    assert "2021 rate" in result.explanation
    # The nearest explanation: another year's exchange rate fits.
    fits = {(a.value, a.rate_year) for a in result.alternatives if a.within and a.year == 2021}
    assert (257.5, 2022) in fits and (252.8, 2022) in fits and (247.8, 2023) in fits
    assert "fits at the rate of 2022" in result.explanation
    assert f"±{TOLERANCE:.0%}" in result.explanation


def test_eur_figure_is_compared_in_eur(tables):
    result = check("The EU's trade with Russia was €257.5bn in 2021.", tables)
    assert result.verdict == "consistent"
    assert result.compared_in == "EUR" and result.gap_bn == 0
    within = sorted(c.value for c in result.comparisons if c.within)
    assert within == [252.8, 257.5]  # 247.8 is 3.9% off: said, not hidden
    assert "€247.8bn" in result.explanation


def test_differs_with_rounding_explanation(tables):
    result = check("Russia's trade with China reached $200bn in 2022.", tables)
    assert result.verdict == "differs"
    assert result.gap_pct == pytest.approx(5.11, abs=0.01)
    assert "rounded to the nearest 50bn" in result.explanation


def test_differs_because_it_is_another_flow(tables):
    result = check("In 2021, Russia exported €89.3bn to the EU.", tables)
    assert result.verdict == "differs"
    assert "EU27–Russia exports instead" in result.explanation


def test_differs_because_it_is_another_year(tables):
    result = check("Russia's trade with China was $240bn in 2022.", tables)
    assert result.verdict == "differs"
    assert "matches the 2023 value instead" in result.explanation


def test_bounds_and_approximations(tables):
    assert check("Russia's trade with China hit more than $230bn in 2023.", tables).verdict == (
        "consistent")
    assert check("Russia's trade with China hit more than $250bn in 2023.", tables).verdict == (
        "differs")
    assert check("Russia's trade with China was nearly $250bn in 2023.", tables).verdict == (
        "consistent")
    assert check("Russia's trade with China was about $250bn in 2023.", tables).verdict == (
        "consistent")  # 4.1% off, within the 5% allowed for "about"
    assert check("Russia's trade with China was $250bn in 2023.", tables).verdict == "differs"


def test_range_is_consistent_when_reference_inside(tables):
    assert check("Russia's trade with China was $230bn-$250bn in 2023.", tables).verdict == (
        "consistent")


def test_exports_match_mirror_imports(tables):
    result = check("Russia's imports from China were $115.5bn in 2024.", tables)
    assert result.verdict == "consistent"
    assert result.rows[0]["reporter"] == "China" and result.rows[0]["flow"] == "exports"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Trade rose 35.8% in 2021.", "not a money figure"),
        ("Russia's trade hit $245bn in 2024.", "not between two known parties"),
        ("Russia's trade with China was $50bn in 2005.", "covers 2013"),
        ("Russia sold Ukraine $2bn of gas in 2024.", "no series for these parties"),
        ("China invested $3bn in Russia in 2024.", "no series for investment"),
        ("Trade between China and Russia was 1.74tn yuan in 2024.", "no CNY exchange rate"),
    ],
)
def test_no_reference(tables, text, reason):
    found = figures(text)
    result = check_figure(found[0], *tables)
    assert result.verdict == "no reference"
    assert reason in result.explanation
    assert result.gap_bn is None


def test_user_rate_makes_yuan_checkable(tmp_path: Path):
    folder = tmp_path / "reference"
    shutil.copytree(PACKAGE_REFERENCE, folder)
    (folder / "cnyusd.csv").write_text("year,usd_per_cny,source\n2024,0.1389,PBoC average\n",
                                       encoding="utf-8")
    trade, rates = load_trade(folder), load_rates(folder)
    yuan = figures("Trade between China and Russia was 1.74tn yuan in 2024.")[0]
    result = check_figure(yuan, trade, rates)
    assert result.verdict == "consistent"  # 1.74tn x 0.1389 = $241.7bn vs 244.81
    assert result.compared_in == "USD"
    assert "2024 rate" in result.explanation


def test_check_record_columns(tables):
    record = check(FT_SENTENCE, tables, index=1).to_record()
    assert set(record) == {"verdict", "checked_against", "source", "gap_bn", "gap_pct", "gap_currency",
                           "tolerance", "explanation", "reference", "sources"}
    assert len(record["reference"]) == 3


def test_undated_figure_without_a_publication_date_has_no_reference(tables):
    undated = [f for f in figures("Russia's trade with China was $245bn.", published=None)
               if f.kind == "money"]
    result = check_figure(undated[0], *tables)
    assert result.verdict == "no reference" and "year is not stated" in result.explanation


def test_each_source_row_has_its_own_verdict_and_the_check_names_its_row(tables):
    census = check("US goods trade with China came to $582bn in 2024.", tables)
    assert census.verdict == "consistent"
    record = census.to_record()
    by_source = {row["reference_value"]: row for row in record["sources"]}
    assert set(by_source) == {582.0, 688.3}  # US Census and Chinese customs, never averaged
    assert by_source[582.0]["verdict"] == "consistent" and by_source[688.3]["verdict"] == "differs"
    assert by_source[688.3]["gap_bn"] == pytest.approx(582 - 688.3)
    assert "Census" in record["source"] and "582" in record["checked_against"]
    customs = check("US goods trade with China came to $688bn in 2024.", tables).to_record()
    assert customs["verdict"] == "consistent" and "GACC" in customs["source"]
    midway = check("US goods trade with China came to $635bn in 2024.", tables).to_record()
    assert midway["verdict"] == "differs"  # the mean of two sources is no published value
    assert {row["verdict"] for row in midway["sources"]} == {"differs"}


def test_checks_work_outside_the_project_and_convert_euros(tmp_path: Path, monkeypatch):
    from geolib import paths

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOLIB_HOME", raising=False)
    monkeypatch.setattr(paths, "reference_dir", lambda: None)
    euros = [f for f in figures("The EU's trade with Russia was €257.5bn in 2021.") if f.kind == "money"]
    assert euros[0].value_usd_bn == pytest.approx(257.5 * 1.1827)
    record = check_records(euros)[0]
    assert record["verdict"] == "consistent" and record["source"]


def test_a_year_assumed_from_the_publication_date_is_said(tables):
    result = check("Russia's trade with China is worth $240bn.", tables)
    assert "publication year" in result.explanation
