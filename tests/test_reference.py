"""Reference tables: loading, actor names, user extensions, chart series."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from geolib import paths
from geolib.reference import (
    PACKAGE_REFERENCE,
    actor_of,
    fingerprint,
    load_events,
    load_rates,
    load_trade,
    reference_folders,
    reference_tables,
    trade_series,
    usd_rate,
)

REFERENCE = PACKAGE_REFERENCE
SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    """A copy of the reference folder a user can add files to."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    return folder


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared reference not mounted")
@pytest.mark.parametrize("name", ["trade.csv", "eurusd.csv", "events.csv"])
def test_every_shared_row_ships_with_the_package(name):
    shipped = (REFERENCE / name).read_text(encoding="utf-8").splitlines()
    assert set((SHARED / name).read_text(encoding="utf-8").splitlines()) <= set(shipped)


def test_trade_has_three_2021_eu_russia_totals():
    trade = load_trade()
    totals = trade[(trade["reporter_actor"] == "EU") & (trade["partner_actor"] == "Russia")
                   & (trade["flow"] == "total") & (trade["year"] == 2021)]
    assert sorted(totals["value"]) == [247.8, 252.8, 257.5]
    assert set(totals["currency"]) == {"EUR"}
    assert totals["source"].str.len().min() > 0


def test_trade_columns_and_actor_names():
    trade = load_trade()
    row = trade[(trade["reporter"] == "China") & (trade["partner"] == "Russia")
                & (trade["year"] == 2024) & (trade["flow"] == "total")].iloc[0]
    assert (row["value"], row["value_bn"], row["currency"]) == (244.81, 244.81, "USD")
    assert actor_of("EU27") == "EU" and actor_of("United States") == "US"
    assert actor_of("India") == "India"  # unknown names stand for themselves


def test_user_rows_in_an_extra_csv(user_folder: Path):
    (user_folder / "my_trade.csv").write_text(
        "reporter,partner,flow,year,value,unit,source\n"
        "India,Russia,total,2024,68.7,USD bn,Indian commerce ministry\n"
        "EU27,Russia,total,2023,8500,EUR m,my own sum\n",
        encoding="utf-8",
    )
    trade = load_trade(user_folder)
    india = trade[trade["reporter"] == "India"].iloc[0]
    assert india["value_bn"] == 68.7 and india["evidence"] == ""
    eu = trade[(trade["year"] == 2023) & (trade["reporter_actor"] == "EU")].iloc[0]
    assert eu["value_bn"] == pytest.approx(8.5) and eu["currency"] == "EUR"
    assert len(trade) == len(load_trade()) + 2


def test_rates_and_extra_currency(user_folder: Path):
    rates = load_rates()
    assert usd_rate(rates, "EUR", 2021) == (1.1827, 2021)
    assert usd_rate(rates, "EUR", 2030) == (1.13, 2025)  # nearest year, and says which
    assert usd_rate(rates, "USD", 2021) == (1.0, 2021)
    assert usd_rate(rates, "CNY", 2024) is None
    (user_folder / "cnyusd.csv").write_text(
        "year,usd_per_cny,source\n2024,0.1389,my bank\n", encoding="utf-8")
    assert usd_rate(load_rates(user_folder), "CNY", 2024) == (0.1389, 2024)


def test_events_are_dated():
    events = load_events()
    invasion = events[events["event"].str.contains("full-scale invasion")].iloc[0]
    assert invasion["date"] == date(2022, 2, 24) and invasion["end_date"] is None
    nixon = events[events["event"].str.contains("Nixon")].iloc[0]
    assert nixon["end_date"] == date(1972, 2, 28)
    assert list(events["date"]) == sorted(events["date"])


def test_missing_folder_gives_empty_tables(tmp_path: Path):
    assert load_trade(tmp_path / "nowhere").empty
    assert load_rates(tmp_path / "nowhere").empty
    assert load_events(tmp_path / "nowhere").empty


def test_trade_series_converts_eur_at_each_years_rate():
    series = trade_series("EU", "Russia")
    rows_2021 = series[series["year"] == 2021]
    assert sorted(rows_2021["value"]) == [247.8, 252.8, 257.5]
    assert rows_2021["value_usd_bn"].tolist() == pytest.approx(
        (rows_2021["value"] * 1.1827).tolist())
    row_2022 = series[series["year"] == 2022].iloc[0]
    assert row_2022["value_usd_bn"] == pytest.approx(258.6 * 1.0530)
    assert "converted at the average exchange rate of their own year" in series.attrs["note"]


def test_trade_series_total_is_either_orientation_exports_are_not():
    total = trade_series("Russia", "China")
    assert list(total["year"]) == list(range(2013, 2026))
    assert (total["value_usd_bn"] == total["value"]).all()
    assert trade_series("China", "Russia", "exports")["value"].tolist() == [115.49]
    assert trade_series("Russia", "China", "exports").empty


def test_project_folder_extends_and_overrides_the_package(tmp_path: Path):
    project = tmp_path / "reference"
    project.mkdir()
    (project / "corrections.csv").write_text(
        "reporter,partner,flow,year,value,unit,source\n"
        # the same key as a shipped row (reporter, partner, flow, year, source): replaces it
        'China,Russia,total,2024,244.9,USD bn,"GACC, as reported by TASS via bne IntelliNews '
        '(+1.9%) and The Moscow Times (13 Jan 2025; 244.8)"\n'
        # another source for the same pair and year: a row of its own
        "Russia,China,total,2024,237.0,USD bn,Russian customs (made-up)\n",
        encoding="utf-8",
    )
    (project / "eurusd_mine.csv").write_text("year,usd_per_eur,source\n2021,1.2,my bank\n",
                                            encoding="utf-8")
    folders = [PACKAGE_REFERENCE, project]
    trade = load_trade(folders)
    assert len(trade) == len(load_trade(PACKAGE_REFERENCE)) + 1
    rows = trade[(trade["year"] == 2024) & (trade["flow"] == "total")
                 & (trade[["reporter_actor", "partner_actor"]].apply(set, axis=1) == {"China", "Russia"})]
    assert sorted(rows["value"]) == [237.0, 244.9]
    assert set(rows["origin"]) == {str(project)}
    assert usd_rate(load_rates(folders), "EUR", 2021) == (1.2, 2021)
    assert usd_rate(load_rates(folders), "EUR", 2022) == (1.053, 2022)


def test_outside_a_project_the_package_data_is_read(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(paths, "reference_dir", lambda: None)
    assert reference_folders() == [PACKAGE_REFERENCE]
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "no-such-folder")
    assert reference_folders() == [PACKAGE_REFERENCE]
    tables = reference_tables()
    assert not tables.trade.empty and not tables.rates.empty and not tables.events.empty


def test_fingerprint_follows_the_project_folder(tmp_path: Path, monkeypatch):
    project = tmp_path / "data" / "reference"
    project.mkdir(parents=True)
    monkeypatch.setattr(paths, "reference_dir", lambda: project)
    before = fingerprint()
    (project / "more.csv").write_text("year,usd_per_cny,source\n2024,0.1389,my bank\n",
                                      encoding="utf-8")
    assert fingerprint() != before
    assert usd_rate(reference_tables().rates, "CNY", 2024) == (0.1389, 2024)


def test_trade_series_keeps_each_source_never_an_average():
    series = trade_series("US", "China")
    year_2024 = series[series["year"] == 2024]
    assert sorted(year_2024["value_usd_bn"]) == [582.0, 688.3]
    assert year_2024["source"].str.len().min() > 0
    assert year_2024["source"].nunique() == 2
