"""The briefing runner: notebooks executed with papermill, charts gathered into a PDF."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from geolib import briefing, charts


def _notebook(path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = list(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _parameters_cell(source):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    return cell


def _outputs(path):
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_run_notebooks_injects_parameters_in_order_and_numbers_cells(tmp_path):
    _notebook(tmp_path / "01-first.ipynb",
              nbformat.v4.new_markdown_cell("# A story"),
              _parameters_cell("actor = 'US'\nyears = [2021]"),
              nbformat.v4.new_code_cell("print(actor, sum(years))"))
    _notebook(tmp_path / "02-second.ipynb",
              _parameters_cell("actor = 'US'"),
              nbformat.v4.new_code_cell(""),
              nbformat.v4.new_code_cell("print('second sees', actor)"))
    _notebook(tmp_path / "scratch.ipynb", nbformat.v4.new_code_cell("raise SystemExit(3)"))

    ran = briefing.run_notebooks(tmp_path, parameters={"actor": "China", "years": [2021, 2022]},
                                 progress=False)

    assert ran == [tmp_path / "01-first.ipynb", tmp_path / "02-second.ipynb"]
    assert _outputs(ran[0]) == "China 4043\n"
    assert _outputs(ran[1]) == "second sees China\n"
    first = nbformat.read(ran[0], as_version=4)
    injected = [c for c in first.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "actor = \"China\"" in injected[0].source
    assert briefing.execution_counts_in_order(ran[0]) and briefing.execution_counts_in_order(ran[1])
    assert [c.execution_count for c in first.cells if c.cell_type == "code"] == [1, 2, 3]
    # no run times or absolute paths left in the committed notebook
    text = ran[0].read_text(encoding="utf-8")
    assert "start_time" not in text and str(tmp_path) not in text

    # A run without parameters goes back to the notebook's own defaults.
    briefing.run_notebooks(tmp_path, progress=False)
    assert _outputs(ran[0]) == "US 2021\n"


def test_run_notebooks_into_an_output_folder_leaves_the_source(tmp_path):
    source = _notebook(tmp_path / "01-only.ipynb", nbformat.v4.new_code_cell("print(6 * 7)"))
    before = source.read_bytes()
    ran = briefing.run_notebooks(tmp_path, tmp_path / "out", progress=False)
    assert ran == [tmp_path / "out" / "01-only.ipynb"]
    assert _outputs(ran[0]) == "42\n"
    assert source.read_bytes() == before


def test_a_failing_notebook_is_named(tmp_path):
    _notebook(tmp_path / "01-broken.ipynb",
              nbformat.v4.new_code_cell("x = 1"),
              nbformat.v4.new_code_cell("raise ValueError('no trade figures found')"))
    with pytest.raises(briefing.NotebookFailed, match=r"01-broken\.ipynb.*ValueError.*no trade"):
        briefing.run_notebooks(tmp_path, progress=False)


def _save_three_charts(folder):
    table = pd.DataFrame({"year": [2021, 2022, 2023], "value": [146.9, 190.3, 240.1],
                          "series": "China–Russia"})
    for name, caption in [("02-b", "Second chart."), ("01-a", "First chart."),
                          ("03-c", "Third chart, with a caption long enough to wrap " * 4)]:
        fig = charts.line_with_claims(table, title=f"Chart {name}", subtitle="US$ bn",
                                      source="GACC", ylabel="US$ bn")
        charts.save_chart(fig, name, folder, caption=caption)


def test_pdf_has_one_page_per_chart_and_is_reproducible(tmp_path):
    _save_three_charts(tmp_path / "figures")
    pdf = briefing.build_briefing_pdf(tmp_path / "figures", tmp_path / "briefing.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 3
    assert b"CreationDate" not in data
    again = briefing.build_briefing_pdf(tmp_path / "figures", tmp_path / "again.pdf")
    assert again.read_bytes() == data


def test_pdf_refuses_an_empty_or_inconsistent_figures_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no charts"):
        briefing.build_briefing_pdf(tmp_path, tmp_path / "b.pdf")
    _save_three_charts(tmp_path)
    (tmp_path / "02-b.png").unlink()
    with pytest.raises(FileNotFoundError, match="02-b"):
        briefing.build_briefing_pdf(tmp_path, tmp_path / "b.pdf")


def test_clear_figures_removes_only_recorded_charts(tmp_path):
    _save_three_charts(tmp_path)
    (tmp_path / "notes.txt").write_text("keep me")
    assert briefing.clear_figures(tmp_path) == ["01-a", "02-b", "03-c"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


CHART_CELL = (
    "import pandas as pd\nfrom geolib import charts\n"
    "t = pd.DataFrame({'year': [2022, 2023], 'value': [190.3, 240.1], 'series': 'x'})\n"
    "fig = charts.line_with_claims(t, title='Up to $240bn from $190bn', subtitle='s', source='GACC', "
    "ylabel='US$ bn')\n"
    "charts.save_chart(fig, NAME, caption='Trade rose.', basis='n = 2 totals')\n"
    "fig")


def _chart_notebook(path, name):
    return _notebook(path, _parameters_cell(f"NAME = {name!r}"), nbformat.v4.new_code_cell(CHART_CELL))


def test_main_runs_notebooks_then_builds_the_pdf(tmp_path, capsys):
    _chart_notebook(tmp_path / "nb" / "01-chart.ipynb", "01-up")
    out = tmp_path / "out"
    code = briefing.main(["--notebooks", str(tmp_path / "nb"), "--out", str(out), "--no-progress"])
    printed = capsys.readouterr().out
    assert code == 0
    assert (out / "figures" / "01-up.png").exists() and (out / "figures" / "01-up.svg").exists()
    assert f"wrote {out / 'briefing.pdf'} (1 pages)" in printed
    pdf = (out / "briefing.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    chart_cell = nbformat.read(out / "notebooks" / "01-chart.ipynb", as_version=4).cells[1]
    assert "image/png" in chart_cell.outputs[0]["data"]  # a returned chart shows as an image
    assert (tmp_path / "nb" / "01-chart.ipynb").read_text().count("image/png") == 0  # source untouched

    # A rerun that changes nothing changes no byte of the PDF.
    assert briefing.main(["--notebooks", str(tmp_path / "nb"), "--out", str(out), "--no-progress"]) == 0
    assert (out / "briefing.pdf").read_bytes() == pdf


def test_a_failed_run_destroys_nothing_and_attempts_every_notebook(tmp_path, capsys):
    notebooks = tmp_path / "nb"
    _chart_notebook(notebooks / "01-first.ipynb", "01-first")
    _chart_notebook(notebooks / "03-third.ipynb", "03-third")
    out = tmp_path / "out"
    assert briefing.main(["--notebooks", str(notebooks), "--out", str(out), "--no-progress"]) == 0
    before = {p.name: p.read_bytes() for p in sorted((out / "figures").iterdir())}
    pdf_before = (out / "briefing.pdf").read_bytes()

    _notebook(notebooks / "02-broken.ipynb", nbformat.v4.new_code_cell("raise KeyError('speaker')"))
    (notebooks / "03-third.ipynb").unlink()
    _chart_notebook(notebooks / "03-renamed.ipynb", "03-renamed")
    capsys.readouterr()
    code = briefing.main(["--notebooks", str(notebooks), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 of 3 notebook(s) failed; nothing was replaced" in err
    assert "02-broken.ipynb failed: cell [1] raised KeyError" in err
    assert {p.name: p.read_bytes() for p in sorted((out / "figures").iterdir())} == before
    assert (out / "briefing.pdf").read_bytes() == pdf_before
    assert not (out / "notebooks" / "02-broken.ipynb").exists()
    build = Path(re.search(r"are in (\S+)", err).group(1))
    assert (build / "03-renamed.ipynb").exists()  # attempted after the failure


def test_a_successful_run_replaces_charts_a_notebook_no_longer_makes(tmp_path):
    notebooks = tmp_path / "nb"
    _chart_notebook(notebooks / "01-first.ipynb", "01-old-name")
    out = tmp_path / "out"
    assert briefing.main(["--notebooks", str(notebooks), "--out", str(out), "--no-progress"]) == 0
    (out / "figures" / "notes.txt").write_text("keep me")
    _chart_notebook(notebooks / "01-first.ipynb", "01-new-name")
    assert briefing.main(["--notebooks", str(notebooks), "--out", str(out), "--no-progress"]) == 0
    names = sorted(p.name for p in (out / "figures").iterdir())
    assert names == ["01-new-name.png", "01-new-name.svg", "captions.json", "notes.txt"]


def test_unknown_article_stops_before_anything_runs(tmp_path, capsys):
    code = briefing.main(["--articles", "no-such-article", "--out", str(tmp_path), "--no-progress"])
    assert code == 2
    assert "valid article ids: ft-trump-russia-ties-china" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_page_caption_says_what_the_chart_shows_its_n_and_source():
    entry = {"caption": "Trade rose", "basis": "22 published totals", "source": "GACC"}
    assert briefing.page_caption(entry) == "Trade rose. Basis: 22 published totals. Source: GACC."


def test_default_output_folders(tmp_path):
    import argparse

    parser = argparse.ArgumentParser()
    briefing.add_arguments(parser)
    default = briefing.plan(parser.parse_args([]))
    assert default.corpus is None and default.executed.name == "notebooks"
    assert default.pdf.parent.name == "reports"
    (tmp_path / "my corpus").mkdir()
    other = briefing.plan(parser.parse_args(["--corpus", str(tmp_path / "my corpus")]))
    assert other.figures.parent.name == "my-corpus" and other.executed == other.figures.parent / "notebooks"
    one = briefing.plan(parser.parse_args(["--articles", "ft-trump-russia-ties-china"]))
    assert one.figures.parent.name == "raw-1-articles"


def test_parameter_option_reads_json_values():
    assert briefing._parameter("years=[2021, 2022]") == ("years", [2021, 2022])
    assert briefing._parameter("actor=China") == ("actor", "China")


def test_kernels_start_in_the_commands_folder_and_never_write_beside_the_articles(tmp_path, monkeypatch,
                                                                                   capsys):
    monkeypatch.delenv("GEOLIB_HOME", raising=False)
    elsewhere, corpus = tmp_path / "elsewhere", tmp_path / "corpus"
    elsewhere.mkdir()
    corpus.mkdir()
    (corpus / "note.txt").write_text("The minister said talks would resume.\n")
    notebooks = tmp_path / "notebooks"
    _notebook(notebooks / "01-where.ipynb", _parameters_cell("CORPUS = None"),
              nbformat.v4.new_code_cell("import os\nfrom geolib.paths import project_root\n"
                                        "print(os.getcwd(), project_root())"))
    monkeypatch.chdir(elsewhere)  # outside any project: the kernel must see no project either
    args = ["--notebooks", str(notebooks), "--corpus", str(corpus), "--no-progress"]
    assert briefing.main([*args, "--out", str(corpus / "brief")]) == 2
    assert "refusing to write inside the raw folder" in capsys.readouterr().err
    assert sorted(p.name for p in corpus.iterdir()) == ["note.txt"]
    assert briefing.main([*args, "--out", "brief"]) == 0
    assert _outputs(elsewhere / "brief" / "notebooks" / "01-where.ipynb") == f"{elsewhere} None\n"


def test_without_notebooks_of_its_own_a_project_runs_those_of_the_source_tree(tmp_path, monkeypatch):
    import argparse

    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))  # a project of articles only
    (tmp_path / "data" / "raw").mkdir(parents=True)
    parser = argparse.ArgumentParser()
    briefing.add_arguments(parser)
    where = briefing.plan(parser.parse_args([]))
    assert where.notebooks == briefing.SOURCE_NOTEBOOKS and briefing.find_notebooks(where.notebooks)
    assert where.executed == tmp_path / "reports" / "notebooks"  # never in place in another tree


def test_an_interrupted_run_replaces_nothing_and_keeps_no_build_folder(tmp_path, monkeypatch, capsys):
    from geolib.cli import main as cli_main

    notebooks, out, scratch = tmp_path / "nb", tmp_path / "out", tmp_path / "scratch"
    _chart_notebook(notebooks / "01-first.ipynb", "01-first")
    assert briefing.main(["--notebooks", str(notebooks), "--out", str(out), "--no-progress"]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    scratch.mkdir()
    monkeypatch.setattr(briefing.tempfile, "tempdir", str(scratch))  # where the build folder goes

    def interrupted(*args, **options):  # Ctrl-C while the notebooks run
        raise KeyboardInterrupt

    monkeypatch.setattr(briefing, "run_all", interrupted)
    capsys.readouterr()
    assert cli_main(["briefing", "--notebooks", str(notebooks), "--out", str(out), "--no-progress"]) == 130
    assert capsys.readouterr().err == "geolib: interrupted; no file was replaced\n"
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert list(scratch.iterdir()) == []
