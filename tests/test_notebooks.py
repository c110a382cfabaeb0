"""The numbered notebooks on any corpus: every notebook run with papermill (through
``geolib briefing``) on one seed article, on a corpus with no quotes, figures or frames,
and on a 40-file slice of the development corpus; and the committed notebooks clean and
Markdown-safe."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from geolib import briefing
from geolib.paths import project_root

NOTEBOOKS = project_root() / "notebooks"
DEVCORPUS = project_root().parent / "shared" / "devcorpus"
UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
CODE_SPAN = re.compile(r"`[^`]*`")


def _notebooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def _markdown_outputs(nb) -> list[str]:
    return ["".join(o["data"]["text/markdown"]) for cell in nb.cells if cell.cell_type == "code"
            for o in cell.outputs if "text/markdown" in o.get("data", {})]


def _assert_clean_run(folder: Path) -> dict[str, str]:
    """Every notebook ran top to bottom with no error; returns each one's Markdown prose."""
    prose = {}
    found = _notebooks(folder)
    assert [p.name for p in found] == [p.name for p in _notebooks(NOTEBOOKS)]
    for path in found:
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error"]
        assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"
        assert briefing.execution_counts_in_order(path), path.name
        prose[path.name] = "\n".join(_markdown_outputs(nb))
    return prose


# --- the committed notebooks ----------------------------------------------------------------


def test_committed_notebooks_come_from_a_clean_run():
    for path in _notebooks(NOTEBOOKS):
        nb = nbformat.read(path, as_version=4)
        assert not any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells), path.name
    _assert_clean_run(NOTEBOOKS)


def test_no_unescaped_dollar_in_any_markdown():
    for path in _notebooks(NOTEBOOKS):
        nb = nbformat.read(path, as_version=4)
        texts = [c.source for c in nb.cells if c.cell_type == "markdown"] + _markdown_outputs(nb)
        for text in texts:
            assert not UNESCAPED_DOLLAR.search(CODE_SPAN.sub("", text)), (path.name, text[:120])


def test_rendered_notebook_shows_dollar_figures_literally():
    from nbconvert import HTMLExporter

    nb = nbformat.read(NOTEBOOKS / "02-trade-figures.ipynb", as_version=4)
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert "<strong>$245bn</strong>" in html  # the figure as the article wrote it, in bold
    assert "$270bn" in html
    assert "\\$" not in html  # no escape left visible
    assert not re.search(r"245bn\*\*|∗∗", html)  # no Markdown swallowed as maths


# --- every notebook on any corpus -------------------------------------------------------------


def _brief(tmp_path: Path, *options: str) -> tuple[Path, dict[str, str]]:
    out = tmp_path / "briefing"
    code = briefing.main([*options, "--out", str(out), "--no-progress"])
    assert code == 0
    return out, _assert_clean_run(out / "notebooks")


def test_every_notebook_runs_on_one_seed_article(tmp_path):
    out, prose = _brief(tmp_path, "--articles", "ft-trump-russia-ties-china")
    assert "The corpus holds 1 article from Financial Times" in prose["01-corpus.ipynb"]
    assert (out / "briefing.pdf").exists()
    # a one-outlet, one-year corpus says it has little to compare over time
    assert "Too few scores per year" in prose["05-across-the-corpus.ipynb"]


QUIET_ARTICLE = """Harvest report: a calm season in the valley

By A. Farmer

The valley's orchards had a calm season. Rain came early in the spring and the apples ripened slowly.

Farmers in the valley picked the fruit by hand, as they have for many years, and stored it in cool barns.

The cooperative will meet next month to plan the winter pruning.
"""


def test_every_notebook_runs_on_a_corpus_with_no_quotes_figures_or_frames(tmp_path):
    corpus = tmp_path / "quiet"
    corpus.mkdir()
    (corpus / "harvest-report.txt").write_text(QUIET_ARTICLE, encoding="utf-8")
    (corpus / "orchard-notes.txt").write_text(QUIET_ARTICLE.replace("Harvest", "Orchard"), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    out, prose = _brief(tmp_path, "--corpus", str(corpus))
    assert "1 file could not be read" in prose["01-corpus.ipynb"]
    assert "No quote in the selection is attributed to a speaker" in prose["01-corpus.ipynb"]
    assert "The selection quotes no monetary figure" in prose["02-trade-figures.ipynb"]
    assert "No frame is invoked in the selection" in prose["04-reverse-nixon.ipynb"]
    assert not (out / "figures" / "01-quotes-by-speaker.png").exists()  # no empty chart


@pytest.mark.skipif(not DEVCORPUS.is_dir(), reason="../shared/devcorpus is not here")
def test_every_notebook_runs_on_a_slice_of_the_development_corpus(tmp_path):
    ids = sorted(p.stem for p in DEVCORPUS.iterdir() if p.name not in ("manifest.csv", "README.md"))
    chosen = ids[:: max(len(ids) // 40, 1)][:40]
    out, prose = _brief(tmp_path, "--corpus", str(DEVCORPUS), "--articles", *chosen)
    assert "The corpus holds 40 articles" in prose["01-corpus.ipynb"]
    captions = (out / "figures" / "captions.json").read_text(encoding="utf-8")
    assert "05-quotes-by-year" in captions and '"basis"' in captions
