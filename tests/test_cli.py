"""The ``geolib`` command: it explains itself, and gives the same results from any folder."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from geolib.cli import COMMANDS, _parser, main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
EXTRACTION = ("quotes", "speakers", "figures", "checks", "stances", "frames")


# --- help ------------------------------------------------------------------------------

def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers.choices)


def _flat(text: str) -> str:
    return " ".join(text.split())  # argparse wraps lines where the terminal width says


def test_every_option_of_every_command_has_help_text():
    parser = _parser()
    missing = []
    for name, command in [("geolib", parser), *_commands(parser).items()]:
        for action in command._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing, f"options without help text: {missing}"


def test_the_top_level_help_lists_every_command_with_its_line_and_where_to_start(capsys):
    parser = _parser()
    assert set(_commands(parser)) == set(COMMANDS)
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    shown = _flat(capsys.readouterr().out)
    for name, line in COMMANDS.items():
        assert f"{name} {_flat(line)}" in shown, name
    assert "start here: geolib briefing" in shown and "geolib tables" in shown


def test_version_is_the_installed_packages(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"geolib {version('geolib')}"


def test_briefing_help_documents_its_options(capsys):
    with pytest.raises(SystemExit):
        main(["briefing", "--help"])
    shown = capsys.readouterr().out
    for option in ("--corpus FOLDER", "--articles ID", "--out FOLDER", "--notebooks FOLDER"):
        assert option in shown
    assert "every numbered notebook" in _flat(shown)


def test_the_readme_lists_every_command_as_the_help_does():
    readme = _flat((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "The geolib command" in readme
    for name, line in COMMANDS.items():
        assert f"geolib {name}" in readme and _flat(line) in readme, name


# --- from any folder ---------------------------------------------------------------------

def _geolib() -> list[str]:
    script = Path(sys.executable).with_name("geolib")  # the console script beside this Python
    return [str(script)] if script.exists() else [sys.executable, "-m", "geolib"]


@pytest.fixture(scope="module")
def away(tmp_path_factory):
    """A folder outside any project, a copy of the seed articles, and a user cache folder."""
    base = tmp_path_factory.mktemp("away")
    (base / "elsewhere").mkdir()
    shutil.copytree(RAW, base / "articles")
    env = {k: v for k, v in os.environ.items() if k != "GEOLIB_HOME"}
    env["XDG_CACHE_HOME"] = str(base / "user-cache")  # platformdirs' cache folder on Linux
    return base, env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([*_geolib(), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def _tables(out: Path) -> dict[str, list[dict]]:
    """Each extraction table's rows, without the file's path (the one thing that differs)."""
    tables = {}
    for name in EXTRACTION:
        rows = [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]
        tables[name] = [{k: v for k, v in row.items() if k != "file"} for row in rows]
    return tables


@pytest.fixture(scope="module")
def both(away):
    """Every table of the seeds, built from the project root and from an unrelated folder."""
    base, env = away
    options = ["--format", "jsonl", "--scheduler", "synchronous"]
    home = _run(["tables", "data/raw", "--out", str(base / "from-root"), *options], ROOT, env)
    assert home.returncode == 0, home.stderr
    elsewhere = _run(["tables", str(base / "articles"), "--out", str(base / "from-elsewhere"), *options],
                     base / "elsewhere", env)
    assert elsewhere.returncode == 0, elsewhere.stderr
    return _tables(base / "from-root"), _tables(base / "from-elsewhere")


def test_tables_are_the_same_from_an_unrelated_folder(both):
    home, elsewhere = both
    for name in EXTRACTION:
        assert elsewhere[name] == home[name], name
    assert home["quotes"] and home["figures"] and home["speakers"]
    verdicts = {row["verdict"] for row in elsewhere["checks"]}
    assert verdicts - {"no reference"}, "outside the project every figure lost its reference data"
    assert {row["outlet"] for row in elsewhere["quotes"]} == {"Financial Times", "GZERO Media"}


def test_one_table_parse_and_search_are_the_same_from_an_unrelated_folder(away, both):
    base, env = away
    articles, elsewhere = base / "articles", base / "elsewhere"
    checks = _run(["checks", str(articles), "--format", "jsonl"], elsewhere, env)
    assert checks.returncode == 0, checks.stderr
    rows = [{k: v for k, v in json.loads(line).items() if k != "file"} for line in checks.stdout.splitlines()]
    assert rows == both[0]["checks"]

    article = "ft-trump-russia-ties-china.txt"
    parsed = [_run(["parse", str(folder / article), "--format", "text"], cwd, env)
              for folder, cwd in ((RAW, ROOT), (articles, elsewhere))]
    assert parsed[0].returncode == parsed[1].returncode == 0
    assert _without_paths(parsed[1].stdout) == _without_paths(parsed[0].stdout)

    found = [_run(["search", "Nixon", *corpus], cwd, env)
              for corpus, cwd in (([], ROOT), (["--corpus", str(articles)], elsewhere))]
    assert found[0].returncode == found[1].returncode == 0
    assert "Sergey Radchenko (direct" in found[1].stdout and found[1].stdout == found[0].stdout


def _without_paths(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if str(ROOT) not in line and "/articles/" not in line)


def test_nothing_is_written_in_an_unrelated_folder(away, both):
    base, env = away
    elsewhere = base / "elsewhere"
    refused = _run(["search", "Nixon"], elsewhere, env)  # no corpus named, none to default to
    assert refused.returncode == 2
    assert "not inside a geolib project" in refused.stderr and not refused.stdout
    assert _run(["tables"], elsewhere, env).returncode == 2
    assert list(elsewhere.iterdir()) == []  # no ./data/cache, no ./data/processed
    assert not (base / "articles" / "data").exists()
    if sys.platform.startswith("linux"):  # the cache went to the user's cache folder
        assert (base / "user-cache" / "geolib").is_dir()
