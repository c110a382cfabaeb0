"""Regenerate the briefing: execute the numbered notebooks headless with papermill, then
gather every chart they saved, with its title and caption, into one PDF.

``python -m geolib.briefing`` (what ``make briefing`` runs) does both and prints what it
wrote. Notebooks run in place by default, so the committed notebooks carry the outputs
of a clean top-to-bottom run in a fresh kernel.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib as mpl
import nbformat
import numpy as np
import papermill
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from PIL import Image
from tqdm.auto import tqdm

from geolib.charts import (
    CAPTIONS_FILE,
    STYLE_PATH,
    default_figures_dir,
    house_font,
    load_captions,
    wrap_to_width,
)
from geolib.paths import notebooks_dir as default_notebooks_dir
from geolib.paths import reports_dir

NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
KERNEL = "python3"
PAGE_SIZE = (11.69, 8.27)  # A4 landscape, inches: prints anywhere, holds a 16:9 chart
PAGE_MARGIN = 0.5
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it adds

# Papermill and nbclient stamp times and absolute paths into a notebook; committed
# notebooks drop them so a rerun that changes nothing changes no byte.
VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "exception", "input_path",
                          "output_path")
VOLATILE_CELL_KEYS = ("papermill", "execution")


class NotebookFailed(RuntimeError):
    """A notebook that did not run to the end; the message names it and the cause."""

    def __init__(self, notebook: Path, reason: str) -> None:
        self.notebook = Path(notebook)
        self.reason = reason
        super().__init__(f"notebook {self.notebook.name} failed: {reason}")


# --- running notebooks ------------------------------------------------------------------


def find_notebooks(notebooks_dir: str | os.PathLike) -> list[Path]:
    """The numbered notebooks (``01-corpus.ipynb``, ...) in the order they run."""
    return sorted(Path(notebooks_dir).glob(NOTEBOOK_PATTERN))


def declared_parameters(notebook: Path) -> set[str]:
    """Names the notebook's ``parameters`` cell assigns."""
    return set(papermill.inspect_notebook(str(notebook)))


def drop_injected_parameters(notebook: Path) -> None:
    """Remove the cell an earlier parameterised run injected, so a run without
    parameters uses the notebook's own defaults."""
    nb = nbformat.read(notebook, as_version=4)
    kept = [cell for cell in nb.cells if INJECTED_TAG not in cell.metadata.get("tags", [])]
    if len(kept) != len(nb.cells):
        nb.cells = kept
        nbformat.write(nb, notebook)


def tidy_notebook(notebook: Path) -> None:
    """Strip run times and absolute paths papermill and nbclient record."""
    nb = nbformat.read(notebook, as_version=4)
    record = nb.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        record.pop(key, None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
    nbformat.write(nb, notebook)


def execution_counts_in_order(notebook: Path) -> bool:
    """True when the executed code cells are numbered 1, 2, ..., n top to bottom, as
    after a clean run in a fresh kernel (empty cells are not executed)."""
    nb = nbformat.read(notebook, as_version=4)
    counts = [cell.execution_count for cell in nb.cells
              if cell.cell_type == "code" and cell.source.strip()]
    return counts == list(range(1, len(counts) + 1))


def _parameters_for(notebook: Path, parameters: Mapping[str, object]) -> dict[str, object]:
    declared = declared_parameters(notebook)
    return {name: value for name, value in parameters.items() if name in declared}


def run_notebooks(
    notebooks_dir: str | os.PathLike,
    output_dir: str | os.PathLike | None = None,
    parameters: Mapping[str, object] | None = None,
    progress: bool = True,
    *,
    kernel_name: str = KERNEL,
) -> list[Path]:
    """Execute every ``NN-*.ipynb`` in ``notebooks_dir`` in order, each in a fresh kernel
    started in the notebook's folder; returns the executed notebooks.

    Runs in place unless ``output_dir`` is given. Each notebook receives the
    ``parameters`` its ``parameters`` cell declares. Raises ``NotebookFailed`` naming the
    first notebook that fails; papermill has then saved it with the error marked.
    """
    notebooks = find_notebooks(notebooks_dir)
    parameters = dict(parameters or {})
    if parameters and notebooks:
        known = set().union(*(declared_parameters(nb) for nb in notebooks))
        if unknown := sorted(set(parameters) - known):
            warnings.warn(f"no notebook declares the parameter(s) {unknown}", stacklevel=2)
    executed: list[Path] = []
    bar = tqdm(notebooks, desc="notebooks", unit="notebook", disable=not progress)
    for source in bar:
        bar.set_postfix_str(source.name)
        target = Path(output_dir) / source.name if output_dir is not None else source
        if target != source:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        given = _parameters_for(target, parameters)
        if not given:
            drop_injected_parameters(target)
        try:
            papermill.execute_notebook(
                str(target), str(target), parameters=given or None, kernel_name=kernel_name,
                cwd=str(source.parent),
                progress_bar={"desc": source.name, "leave": False} if progress else False,
            )
        except papermill.PapermillExecutionError as error:
            raise NotebookFailed(
                source, f"cell [{error.exec_count}] raised {error.ename}: {error.evalue}"
            ) from error
        except Exception as error:  # a kernel that dies or never starts
            raise NotebookFailed(source, f"{type(error).__name__}: {error}") from error
        tidy_notebook(target)
        if not execution_counts_in_order(target):
            warnings.warn(f"{target.name}: execution counts are not 1..n", stacklevel=2)
        executed.append(target)
    return executed


# --- the PDF ------------------------------------------------------------------------------


def _chart_page(image: np.ndarray, heading: str, caption: str) -> Figure:
    """One A4 landscape page: the chart as saved, then its title and caption."""
    width, height = PAGE_SIZE
    text_width = (width - 2 * PAGE_MARGIN) * 72
    heading_font, caption_font = house_font(14, "bold"), house_font(12)
    heading_lines = wrap_to_width(heading, heading_font, text_width)
    caption_lines = wrap_to_width(caption, caption_font, text_width) if caption.strip() else []
    text_height = (len(heading_lines) * 14 * 1.3 + len(caption_lines) * 12 * 1.35) / 72

    fig = Figure(figsize=PAGE_SIZE)
    image_bottom = PAGE_MARGIN + text_height + 0.2
    ax = fig.add_axes((PAGE_MARGIN / width, image_bottom / height,
                       1 - 2 * PAGE_MARGIN / width, (height - PAGE_MARGIN - image_bottom) / height))
    ax.imshow(image, interpolation="none")  # "none": the PDF embeds the PNG's own pixels
    ax.set_anchor("S")
    ax.axis("off")
    y = (PAGE_MARGIN + text_height) / height
    fig.text(PAGE_MARGIN / width, y, "\n".join(heading_lines), fontproperties=heading_font,
             va="top", ha="left", linespacing=1.2)
    if caption_lines:
        y -= len(heading_lines) * 14 * 1.3 / 72 / height
        fig.text(PAGE_MARGIN / width, y, "\n".join(caption_lines), fontproperties=caption_font,
                 va="top", ha="left", linespacing=1.25, color="#333333")
    return fig


def build_briefing_pdf(
    figures_dir: str | os.PathLike | None = None,
    pdf_path: str | os.PathLike | None = None,
) -> Path:
    """Put every chart recorded in ``<figures_dir>/captions.json`` into one PDF, one chart
    a page in name order (name charts ``02-...`` after their notebook to keep the story's
    order), each headed "Figure n. <title>" and followed by its caption.

    Defaults: ``reports/figures`` and ``reports/briefing.pdf``. The PDF carries no
    creation date, so rebuilding from the same charts gives the same bytes.
    """
    folder = Path(figures_dir) if figures_dir is not None else default_figures_dir()
    target = Path(pdf_path) if pdf_path is not None else reports_dir() / "briefing.pdf"
    captions = load_captions(folder)
    if not captions:
        raise FileNotFoundError(f"no charts recorded in {folder / CAPTIONS_FILE}")
    missing = [name for name in captions if not (folder / f"{name}.png").exists()]
    if missing:
        raise FileNotFoundError(f"{folder}: captions.json lists charts with no PNG: {missing}")
    target.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Title": "Briefing charts", "Creator": "geolib", "CreationDate": None}
    with mpl.rc_context(fname=STYLE_PATH), PdfPages(target, metadata=metadata) as pdf:
        for number, name in enumerate(sorted(captions), start=1):
            entry = captions[name]
            with Image.open(folder / f"{name}.png") as png:
                image = np.asarray(png.convert("RGB"))
            page = _chart_page(image, f"Figure {number}. {entry.get('title', name)}",
                               entry.get("caption", ""))
            pdf.savefig(page)
    return target


def clear_figures(figures_dir: str | os.PathLike) -> list[str]:
    """Delete the charts ``captions.json`` records (PNG, SVG) and the file itself, so a
    rebuild leaves no chart a notebook no longer makes. Other files are left alone."""
    folder = Path(figures_dir)
    names = sorted(load_captions(folder))
    for name in names:
        for suffix in (".png", ".svg"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
    (folder / CAPTIONS_FILE).unlink(missing_ok=True)
    return names


# --- command line ---------------------------------------------------------------------------


def _parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE``; VALUE is read as JSON when it parses (numbers, lists), else a string."""
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the notebooks, then build the PDF; print what was written. ``argv`` holds
    command-line options; None means all defaults (how ``geolib briefing`` calls it)."""
    parser = argparse.ArgumentParser(prog="geolib-briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=default_notebooks_dir())
    parser.add_argument("--output-dir", type=Path, default=None,
                        help="write executed notebooks here instead of in place")
    parser.add_argument("--figures", type=Path, default=default_figures_dir())
    parser.add_argument("--pdf", type=Path, default=reports_dir() / "briefing.pdf")
    parser.add_argument("-p", "--parameter", type=_parameter, action="append", default=[],
                        metavar="NAME=VALUE", help="notebook parameter (repeatable)")
    parser.add_argument("--keep-figures", action="store_true",
                        help="do not clear previously saved charts before running")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(list(argv or []))

    notebooks = find_notebooks(args.notebooks)
    if notebooks and not args.keep_figures:
        clear_figures(args.figures)
    try:
        executed = run_notebooks(args.notebooks, args.output_dir, dict(args.parameter),
                                 progress=not args.no_progress)
    except NotebookFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"executed {len(executed)} notebook(s) from {args.notebooks}")
    for path in executed:
        print(f"  {path}")
    charts = load_captions(args.figures)
    if not charts:
        print(f"no charts recorded in {args.figures}; no PDF written")
        return 0
    pdf = build_briefing_pdf(args.figures, args.pdf)
    print(f"wrote {len(charts)} chart(s) as PNG and SVG in {args.figures}")
    print(f"wrote {pdf} ({len(charts)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
