"""Reference tables: loading, actor names, user extensions, chart series."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from geolib.paths import project_root
from geolib.reference import (
    actor_of,
    load_events,
    load_rates,
    load_trade,
    trade_series,
    usd_rate,
)

REFERENCE = project_root() / "data" / "reference"
SHARED = Path("/work/shared/reference")


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    """A copy of the reference folder a user can add files to."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    return folder


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared reference not mounted")
@pytest.mark.parametrize("name", ["trade.csv", "eurusd.csv", "events.csv"])
def test_copied_byte_for_byte(name):
    assert (REFERENCE / name).read_bytes() == (SHARED / name).read_bytes()


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
