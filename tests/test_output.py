"""Table files: Parquet partitioned by outlet and year round-trips, every table keeps one
schema (empty ones too), CSV keeps lists as JSON, and a failed run leaves the old files."""

from __future__ import annotations

import json
import shutil
from itertools import islice
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from geolib import load_corpus
from geolib.cli import main as cli_main
from geolib.engine import Engine
from geolib.output import SCHEMAS, TableFiles, columns
from geolib.pipeline import TABLES

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

FIGURE = {"file": "a.txt", "article_id": "a", "figure_id": "a:f001", "start": 3, "end": 9,
          "text": "$245bn", "kind": "money", "value": 245, "value_low": 245.0, "value_high": 245.0,
          "currency": "USD", "scale": 1.0, "unit": None, "value_usd_bn": 245.0, "usd_rate_year": None,
          "year": 2024, "year_text": "in 2024", "parties": ["Russia", "China"], "measure": "trade",
          "flow": "total", "direction": None, "qualifiers": [], "bound": None,
          "sentence": "Trade reached $245bn in 2024.", "paragraph": 2}


def _figure(n: int, **changes) -> dict:
    return {**FIGURE, "figure_id": f"a:f{n:03d}", **changes}


def test_parquet_partitions_by_outlet_and_year_round_trip(tmp_path):
    out = tmp_path / "out"
    rows = [(_figure(1), "Financial Times", 2025),
            (_figure(2, value=1.5, year=None, qualifiers=["about"], usd_rate_year=2023), "GZERO Media", 2024),
            (_figure(3, parties=[]), None, None)]
    with TableFiles(out, "parquet", ["figures", "quotes"]) as files:
        for row, outlet, year in rows:
            files.write("figures", [row], outlet, year)
    folders = sorted(str(p.parent.relative_to(out / "figures")) for p in (out / "figures").rglob("*.parquet"))
    assert folders == ["outlet=Financial%20Times/published_year=2025",
                       "outlet=GZERO%20Media/published_year=2024", "outlet=unknown/published_year=0"]
    back = pd.read_parquet(out / "figures").sort_values("figure_id").reset_index(drop=True)
    assert back["figure_id"].tolist() == ["a:f001", "a:f002", "a:f003"]
    assert [list(p) for p in back["parties"]] == [["Russia", "China"], ["Russia", "China"], []]
    assert [list(q) for q in back["qualifiers"]] == [[], ["about"], []]
    assert back["value"].tolist() == [245.0, 1.5, 245.0]
    assert back["year"].tolist()[0] == 2024 and pd.isna(back["year"][1])  # the figure's own year
    assert back["outlet"].astype(object).tolist() == ["Financial Times", "GZERO Media", "unknown"]
    assert back["published_year"].astype(object).tolist() == [2025, 2024, 0]

    schemas = {pq.read_schema(p).remove_metadata() for p in (out / "figures").rglob("*.parquet")}
    assert len(schemas) == 1  # one schema in every partition, whatever its rows hold
    schema = schemas.pop()
    assert schema.field("parties").type.value_type == "string"  # a list of strings
    assert str(schema.field("usd_rate_year").type) == "int64" and str(schema.field("value").type) == "double"

    empty = pd.read_parquet(out / "quotes")  # no rows, still every column
    in_files = [name for name in SCHEMAS["quotes"] if name != "outlet"]  # the outlet is a partition key
    assert len(empty) == 0 and list(empty.columns) == [*in_files, "outlet", "published_year"]


def test_csv_and_jsonl_keep_lists_and_give_empty_tables_their_header(tmp_path):
    with TableFiles(tmp_path, "csv", ["figures", "frames"]) as files:
        files.write("figures", [_figure(1)])
    lines = (tmp_path / "figures.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(SCHEMAS["figures"]) and '"[""Russia"", ""China""]"' in lines[1]
    assert (tmp_path / "frames.csv").read_text(encoding="utf-8") == ",".join(SCHEMAS["frames"]) + "\n"
    with TableFiles(tmp_path, "jsonl", ["figures"]) as files:
        files.write("figures", [_figure(1)])
    record = json.loads((tmp_path / "figures.jsonl").read_text(encoding="utf-8"))
    assert record["parties"] == ["Russia", "China"]


def test_a_failed_run_leaves_the_previous_tables(tmp_path):
    with TableFiles(tmp_path, "parquet", ["figures"]) as files:
        files.write("figures", [_figure(1)], "Financial Times", 2025)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(RuntimeError), TableFiles(tmp_path, "parquet", ["figures"]) as files:
        files.write("figures", [_figure(2)], "Other", 2020)
        raise RuntimeError("the run failed half-way")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert pd.read_parquet(tmp_path / "figures")["figure_id"].tolist() == ["a:f001"]


def test_the_schemas_are_the_records_the_pipeline_gives(tmp_path, monkeypatch):
    """Every table's declared columns, in order and type, are what the extractors write."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    corpus = load_corpus(tmp_path / "data" / "raw", scheduler="synchronous")
    kinds = {bool: "str", int: "int", float: "float", list: "list", str: "str"}
    nested = {name for table in SCHEMAS.values() for name, kind in table.items() if kind == "json"}
    for table in TABLES:
        for article in corpus.items:
            for record in corpus.analysis(article).records(table):
                assert list(record) == list(SCHEMAS[table]), table
                for name, value in record.items():
                    if name in nested:
                        assert isinstance(value, (list, dict)), (table, name, value)
                    elif value is not None and not (SCHEMAS[table][name] == "float" and type(value) is int):
                        assert kinds[type(value)] == SCHEMAS[table][name], (table, name, value)
    assert list(corpus.articles.columns) == list(SCHEMAS["articles"])
    assert columns("quotes", [{"quote_id": "q", "new_column": 1.5}])["new_column"] == "float"


def test_the_tables_command_writes_parquet_for_every_table(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw)
    out = tmp_path / "out"
    assert cli_main(["tables", str(raw), "--out", str(out), "--format", "parquet"]) == 0
    assert "wrote" in capsys.readouterr().out
    quotes = pd.read_parquet(out / "quotes")
    corpus = load_corpus(raw, scheduler="synchronous")
    assert sorted(quotes["quote_id"]) == sorted(corpus.quotes["quote_id"])
    assert set(quotes["outlet"].astype(object)) == {"Financial Times", "GZERO Media"}
    assert len(pd.read_parquet(out / "errors")) == 0


def test_a_second_run_replaces_a_parquet_table_whole(tmp_path):
    with TableFiles(tmp_path, "parquet", ["figures"]) as files:
        files.write("figures", [_figure(1)], "Financial Times", 2025)
    with TableFiles(tmp_path, "parquet", ["figures"]) as files:
        files.write("figures", [_figure(2)], "Other", 2020)
    assert pd.read_parquet(tmp_path / "figures")["figure_id"].tolist() == ["a:f002"]
    assert [p.name for p in tmp_path.iterdir()] == ["figures"]  # nothing left aside


def test_an_interrupted_run_replaces_no_table_and_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    raw = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw)
    out = tmp_path / "out"
    assert cli_main(["tables", str(raw), "--out", str(out), "--scheduler", "synchronous"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()

    def interrupted(self, items, tables, **options):  # Ctrl-C once the first article is written
        yield from islice(real_map(self, items, tables, **options), 1)
        raise KeyboardInterrupt

    real_map = Engine.map
    monkeypatch.setattr(Engine, "map", interrupted)
    assert cli_main(["tables", str(raw), "--out", str(out), "--scheduler", "synchronous"]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "geolib: interrupted; no file was replaced"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no staging folder left either


def test_a_folder_without_articles_gives_empty_tables_and_one_line(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "README.md").write_text("notes about the articles to come\n")
    out = tmp_path / "out"
    assert cli_main(["tables", str(tmp_path / "corpus"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"geolib: no article files in {tmp_path / 'corpus'}; the tables are empty\n" in err
    assert pd.read_csv(out / "quotes.csv").empty and list(pd.read_csv(out / "quotes.csv").columns)
    assert cli_main(["quotes", str(tmp_path / "corpus")]) == 0
    assert capsys.readouterr().out == ""
