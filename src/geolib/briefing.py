"""Regenerate the briefing: run every numbered notebook on a corpus, then gather every
chart they saved, with its title, caption, basis and source, into one PDF.

A run builds everything in a temporary folder and moves it into place only when every
notebook succeeded, so a failed run destroys nothing: every notebook is attempted, the
failures are listed, and the command exits non-zero with the previous charts, PDF and
notebooks untouched.

Where things go: the default briefing (the project's ``data/raw``, every article)
writes ``reports/figures/``, ``reports/briefing.pdf`` and the executed notebooks in
place in ``notebooks/`` (so the committed notebooks carry a clean run's outputs).
Another corpus or a selection of articles writes to ``reports/<corpus name>/`` (or
``--out``): ``figures/``, ``briefing.pdf`` and ``notebooks/``. The notebooks are the
project's, or, where it has none (outside a project, or a project of articles only),
those of the geolib source tree in use; their kernels start in the command's working
folder, so they read the same project (or none) as the command.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geolib.errors import OutputError
from geolib.files import output_folder
from geolib.paths import notebooks_dir, raw_dir, reports_dir

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

# papermill, nbformat, matplotlib and the charts are imported where they are used: the
# ``geolib`` command builds this module's options for every subcommand, and must start fast.

NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
KERNEL = "python3"
PAGE_SIZE = (11.69, 8.27)  # A4 landscape, inches: prints anywhere, holds a 16:9 chart
PAGE_MARGIN = 0.5
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it adds
PDF_NAME = "briefing.pdf"
# The notebooks of the source tree geolib runs from (a checkout, an editable install).
SOURCE_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

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
    import papermill

    return set(papermill.inspect_notebook(str(notebook)))


def drop_injected_parameters(notebook: Path) -> None:
    """Remove the cell an earlier parameterised run injected, so a run without
    parameters uses the notebook's own defaults."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    kept = [cell for cell in nb.cells if INJECTED_TAG not in cell.metadata.get("tags", [])]
    if len(kept) != len(nb.cells):
        nb.cells = kept
        nbformat.write(nb, notebook)


def tidy_notebook(notebook: Path) -> None:
    """Strip run times and absolute paths papermill and nbclient record."""
    import nbformat

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
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    counts = [cell.execution_count for cell in nb.cells
              if cell.cell_type == "code" and cell.source.strip()]
    return counts == list(range(1, len(counts) + 1))


def _parameters_for(notebook: Path, parameters: Mapping[str, object]) -> dict[str, object]:
    declared = declared_parameters(notebook)
    return {name: value for name, value in parameters.items() if name in declared}


@dataclass
class NotebookRun:
    """One notebook's run: where it was written and, if it failed, why."""

    source: Path
    executed: Path
    error: NotebookFailed | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_notebook(source: Path, target: Path, parameters: Mapping[str, object], *,
                 progress: bool = True, kernel_name: str = KERNEL, cwd: Path | None = None) -> NotebookRun:
    """Execute ``source`` into ``target`` in a fresh kernel started in ``cwd`` (default:
    the notebook's folder), with the ``parameters`` its ``parameters`` cell declares."""
    import papermill

    if target != source:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    given = _parameters_for(target, parameters)
    if not given:
        drop_injected_parameters(target)
    try:
        papermill.execute_notebook(
            str(target), str(target), parameters=given or None, kernel_name=kernel_name,
            cwd=str(cwd or source.parent),
            progress_bar={"desc": source.name, "leave": False} if progress else False,
            **_kernel_options(),
        )
    except papermill.PapermillExecutionError as error:
        reason = f"cell [{error.exec_count}] raised {error.ename}: {error.evalue}"
        return NotebookRun(source, target, NotebookFailed(source, reason))
    except Exception as error:  # a kernel that dies or never starts
        return NotebookRun(source, target, NotebookFailed(source, f"{type(error).__name__}: {error}"))
    tidy_notebook(target)
    if not execution_counts_in_order(target):
        warnings.warn(f"{target.name}: execution counts are not 1..n", stacklevel=2)
    return NotebookRun(source, target)


def _kernel_options() -> dict[str, object]:
    """Papermill options that start each kernel with CurveZMQ keys from its kernel manager.

    ipykernel 7.4+ warns "Kernel is running over TCP without encryption" otherwise;
    jupyter_client's documented remedy is ``KernelManager.transport_encryption`` ("auto":
    keys for kernelspecs that declare curve support, plain TCP for others). IPC sockets
    would also silence it, but they are POSIX-only and fail on long runtime paths. Older
    jupyter_client (no such setting) or pyzmq without curve: the defaults, unchanged.
    """
    import zmq
    from jupyter_client.manager import KernelManager
    from traitlets.config import Config

    if "transport_encryption" not in KernelManager.class_trait_names() or not zmq.has("curve"):
        return {}
    return {"config": Config({"KernelManager": {"transport_encryption": "auto"}})}


def run_all(notebooks_dir: str | os.PathLike, output_dir: str | os.PathLike | None = None,
            parameters: Mapping[str, object] | None = None, progress: bool = True, *,
            kernel_name: str = KERNEL, cwd: Path | None = None) -> list[NotebookRun]:
    """Execute every ``NN-*.ipynb`` in order, each in a fresh kernel (started in ``cwd``,
    default: the notebook's folder), attempting every one whatever happened to the
    others; in place unless ``output_dir`` is given."""
    from tqdm.auto import tqdm

    notebooks = find_notebooks(notebooks_dir)
    parameters = dict(parameters or {})
    if parameters and notebooks:
        known = set().union(*(declared_parameters(nb) for nb in notebooks))
        if unknown := sorted(set(parameters) - known):
            warnings.warn(f"no notebook declares the parameter(s) {unknown}", stacklevel=2)
    runs = []
    bar = tqdm(notebooks, desc="notebooks", unit="notebook", disable=not progress, file=sys.stderr)
    for source in bar:
        bar.set_postfix_str(source.name)
        target = Path(output_dir) / source.name if output_dir is not None else source
        runs.append(run_notebook(source, target, parameters, progress=progress, kernel_name=kernel_name,
                                 cwd=cwd))
    return runs


def run_notebooks(
    notebooks_dir: str | os.PathLike,
    output_dir: str | os.PathLike | None = None,
    parameters: Mapping[str, object] | None = None,
    progress: bool = True,
    *,
    kernel_name: str = KERNEL,
) -> list[Path]:
    """Execute every notebook (see ``run_all``) and return the executed notebooks;
    raises ``NotebookFailed`` naming the first that failed, after attempting all."""
    runs = run_all(notebooks_dir, output_dir, parameters, progress, kernel_name=kernel_name)
    for run in runs:
        if run.error is not None:
            raise run.error
    return [run.executed for run in runs]


# --- the PDF ------------------------------------------------------------------------------


def page_caption(entry: Mapping[str, str]) -> str:
    """What a PDF page says under its chart: what it shows, its basis and its source."""
    parts = []
    if caption := entry.get("caption", "").strip():
        parts.append(caption if caption.endswith(".") else caption + ".")
    if basis := entry.get("basis", "").strip():
        parts.append(f"Basis: {basis}.")
    if source := entry.get("source", "").strip():
        parts.append(source if source.lower().startswith("source") else f"Source: {source}.")
    return " ".join(parts)


def _chart_page(image: np.ndarray, heading: str, caption: str) -> Figure:
    """One A4 landscape page: the chart as saved, then its title and caption."""
    from matplotlib.figure import Figure

    from geolib.charts import house_font, wrap_to_width

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
             va="top", ha="left", linespacing=1.2, parse_math=False)
    if caption_lines:
        y -= len(heading_lines) * 14 * 1.3 / 72 / height
        fig.text(PAGE_MARGIN / width, y, "\n".join(caption_lines), fontproperties=caption_font,
                 va="top", ha="left", linespacing=1.25, color="#333333", parse_math=False)
    return fig


def chart_order(captions: Mapping[str, Mapping]) -> list[str]:
    """Charts in the story's order: by notebook (the name's number), then in the order
    the notebook made them, then by name."""
    return sorted(captions, key=lambda name: (name.split("-", 1)[0], captions[name].get("rank", 0), name))


def build_briefing_pdf(
    figures_dir: str | os.PathLike | None = None,
    pdf_path: str | os.PathLike | None = None,
) -> Path:
    """Put every chart recorded in ``<figures_dir>/captions.json`` into one PDF, one chart
    a page in the story's order (``chart_order``), each headed "Figure n. <title>" and
    followed by what it shows, its basis (n) and its source.

    Defaults: ``reports/figures`` and ``reports/briefing.pdf``. The PDF carries no
    creation date, so rebuilding from the same charts gives the same bytes.
    """
    import matplotlib as mpl
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages
    from PIL import Image

    from geolib.charts import CAPTIONS_FILE, STYLE_PATH, default_figures_dir, load_captions

    folder = Path(figures_dir) if figures_dir is not None else default_figures_dir()
    target = Path(pdf_path) if pdf_path is not None else reports_dir() / PDF_NAME
    captions = load_captions(folder)
    if not captions:
        raise FileNotFoundError(f"no charts recorded in {folder / CAPTIONS_FILE}")
    missing = [name for name in captions if not (folder / f"{name}.png").exists()]
    if missing:
        raise FileNotFoundError(f"{folder}: captions.json lists charts with no PNG: {missing}")
    target.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Title": "Briefing charts", "Creator": "geolib", "Producer": "geolib",
                "CreationDate": None, "ModDate": None}
    with mpl.rc_context(fname=STYLE_PATH), PdfPages(target, metadata=metadata) as pdf:
        for number, name in enumerate(chart_order(captions), start=1):
            entry = captions[name]
            with Image.open(folder / f"{name}.png") as png:
                image = np.asarray(png.convert("RGB"))
            page = _chart_page(image, f"Figure {number}. {entry.get('title', name)}", page_caption(entry))
            pdf.savefig(page)
    return target


def clear_figures(figures_dir: str | os.PathLike) -> list[str]:
    """Delete the charts ``captions.json`` records (PNG, SVG) and the file itself, so a
    rebuild leaves no chart a notebook no longer makes. Other files are left alone."""
    from geolib.charts import CAPTIONS_FILE, load_captions

    folder = Path(figures_dir)
    names = sorted(load_captions(folder))
    for name in names:
        for suffix in (".png", ".svg"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
    (folder / CAPTIONS_FILE).unlink(missing_ok=True)
    return names


# --- putting a finished build in place -------------------------------------------------------


def _replace_file(source: Path, target: Path) -> None:
    """Copy ``source`` next to ``target`` under a temporary name, then rename it over
    ``target``: a reader sees the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    shutil.copyfile(source, partial)
    os.chmod(partial, 0o644)
    partial.replace(target)


def install_figures(built: Path, target: Path) -> list[str]:
    """Move a finished figures folder into ``target``: the new charts first, then the old
    charts no longer made are removed, ``captions.json`` last. Files ``captions.json``
    never listed are left alone."""
    from geolib.charts import CAPTIONS_FILE, load_captions

    new, old = load_captions(built), load_captions(target)
    for name in new:
        for suffix in (".png", ".svg"):
            _replace_file(built / f"{name}{suffix}", target / f"{name}{suffix}")
    for name in set(old) - set(new):
        for suffix in (".png", ".svg"):
            (target / f"{name}{suffix}").unlink(missing_ok=True)
    _replace_file(built / CAPTIONS_FILE, target / CAPTIONS_FILE)
    return list(new)


@contextmanager
def _figures_env(folder: Path):
    from geolib.charts import FIGURES_ENV

    previous = os.environ.get(FIGURES_ENV)
    os.environ[FIGURES_ENV] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(FIGURES_ENV, None)
        else:
            os.environ[FIGURES_ENV] = previous


# --- the command ------------------------------------------------------------------------------


def _parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE``; VALUE is read as JSON when it parses (numbers, lists), else a string."""
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``geolib briefing`` (and ``python -m geolib.briefing``)."""
    parser.add_argument(
        "--corpus", type=Path, default=None, metavar="FOLDER",
        help="folder of articles to brief on (default: the project's data/raw); every file in it, "
             "searched recursively, is an article, except manifest.csv and README files")
    parser.add_argument(
        "--articles", nargs="+", default=None, metavar="ID",
        help="only these articles: ids are file names without their extension "
             "(default: every article in the corpus); an unknown id stops the run with the valid ones")
    parser.add_argument(
        "--out", type=Path, default=None, metavar="FOLDER",
        help="where the charts (FOLDER/figures/), the PDF (FOLDER/briefing.pdf) and the executed "
             "notebooks (FOLDER/notebooks/) go. Default: reports/ for the default corpus and "
             "selection, with the notebooks executed in place in notebooks/; else "
             "reports/<corpus folder name>[-<n>-articles]/")
    parser.add_argument("--notebooks", type=Path, default=None, metavar="FOLDER",
                        help="the numbered notebooks to run (default: the project's notebooks/; "
                             "where there are none, those of the geolib source tree in use)")
    parser.add_argument("-p", "--parameter", type=_parameter, action="append", default=[],
                        metavar="NAME=VALUE",
                        help="another notebook parameter, VALUE as JSON if it parses (repeatable), "
                             "e.g. -p 'ACTORS=[\"US\", \"China\"]' or -p CLAIM=split-russia-china")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")


@dataclass
class Plan:
    """Where one briefing run reads and writes."""

    corpus: Path | None  # None: the project's data/raw
    articles: list[str] | None
    notebooks: Path
    figures: Path
    pdf: Path
    executed: Path  # the folder executed notebooks end up in


def plan(args: argparse.Namespace) -> Plan:
    """Resolve the options into folders; a relative corpus is read from the working folder."""
    from geolib.analysis.selection import check_articles, corpus_folder
    from geolib.charts import chart_name

    corpus = Path(args.corpus).resolve() if args.corpus is not None else None
    folder = corpus_folder(corpus)
    articles = check_articles(folder, args.articles)
    notebooks = Path(args.notebooks) if args.notebooks is not None else default_notebooks()
    default_run = (corpus is None or corpus == raw_dir().resolve()) and articles is None
    if args.out is not None:
        out = Path(args.out)
    elif default_run:
        out = reports_dir()
    else:
        suffix = f"-{len(articles)}-articles" if articles else ""
        out = reports_dir() / (chart_name(folder.name) + suffix)
    in_place = default_run and args.out is None and notebooks == notebooks_dir()  # never another tree's
    return Plan(corpus=None if default_run else folder, articles=articles, notebooks=notebooks,
                figures=out / "figures", pdf=out / PDF_NAME,
                executed=notebooks if in_place else out / "notebooks")


def default_notebooks() -> Path:
    """The project's ``notebooks`` (``./notebooks`` outside a project); when it holds no
    numbered notebook, those of the geolib source tree in use, if it has them."""
    own = notebooks_dir()
    if find_notebooks(own) or not find_notebooks(SOURCE_NOTEBOOKS):
        return own
    return SOURCE_NOTEBOOKS


def warm_tables(folder: Path | None, articles: list[str] | None, progress: bool) -> int:
    """Read the corpus and build every table once (the cache then serves the notebooks);
    one line on stderr per file that cannot be read. Returns the number of such files."""
    from geolib.analysis.selection import load_selection

    sel = load_selection(folder, articles, progress=progress)
    for name in ("quotes", "speakers", "figures", "stances", "frames"):
        getattr(sel, name)
    for file, problem in sel.corpus.failures:
        print(f"geolib: {file}: {problem}", file=sys.stderr)
    print(f"read {sel.n_articles} article(s) from {folder or raw_dir()}"
          + (f"; {len(sel.corpus.failures)} file(s) could not be read (listed above)"
             if sel.corpus.failures else ""))
    return len(sel.corpus.failures)


def run(args: argparse.Namespace) -> int:
    """Run the briefing as ``args`` say; print what was written, or what failed."""
    from geolib.analysis.selection import ParameterError
    from geolib.charts import load_captions

    try:
        where = plan(args)
    except ParameterError as error:
        print(f"geolib briefing: {error}", file=sys.stderr)
        return 2
    notebooks = find_notebooks(where.notebooks)
    if not notebooks:
        print(f"geolib briefing: no numbered notebooks in {where.notebooks} (run inside the project, "
              "or give --notebooks FOLDER)", file=sys.stderr)
        return 2
    try:  # never beside the articles; created and writable before any work
        output_folder(where.figures.parent, [where.corpus or raw_dir()])
    except OutputError as error:
        print(f"geolib briefing: {error}", file=sys.stderr)
        return 2
    progress = not args.no_progress
    warm_tables(where.corpus, where.articles, progress)

    parameters = dict(args.parameter)
    if where.corpus is not None:
        parameters.setdefault("CORPUS", str(where.corpus))
    if where.articles is not None:
        parameters.setdefault("ARTICLES", where.articles)
    build = Path(tempfile.mkdtemp(prefix="geolib-briefing-"))
    figures, executed = build / "figures", build / "notebooks"
    figures.mkdir()
    try:
        with _figures_env(figures):
            runs = run_all(where.notebooks, executed, parameters, progress, cwd=Path.cwd())
    except BaseException:  # interrupted (Ctrl-C): nothing of the run is kept
        shutil.rmtree(build, ignore_errors=True)
        raise
    failed = [r for r in runs if not r.ok]
    if failed:
        print(f"geolib briefing: {len(failed)} of {len(runs)} notebook(s) failed; nothing was "
              "replaced:", file=sys.stderr)
        for r in failed:
            print(f"  {r.error}", file=sys.stderr)
        print(f"  the executed notebooks, with the errors marked, are in {executed}", file=sys.stderr)
        return 1
    charts_made = load_captions(figures)
    if charts_made:
        build_briefing_pdf(figures, build / PDF_NAME)
    # Everything succeeded: move it into place.
    where.figures.mkdir(parents=True, exist_ok=True)
    if charts_made:
        install_figures(figures, where.figures)
        _replace_file(build / PDF_NAME, where.pdf)
    else:
        clear_figures(where.figures)
        where.pdf.unlink(missing_ok=True)
    for r in runs:
        _replace_file(r.executed, where.executed / r.source.name)
    shutil.rmtree(build, ignore_errors=True)
    print(f"executed {len(runs)} notebook(s) into {where.executed}")
    if charts_made:
        print(f"wrote {len(charts_made)} chart(s) as PNG and SVG in {where.figures}")
        print(f"wrote {where.pdf} ({len(charts_made)} pages)")
    else:
        print("no notebook drew a chart; no PDF written")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m geolib.briefing [options]``; ``argv`` None means all defaults."""
    parser = argparse.ArgumentParser(prog="geolib briefing", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    return run(parser.parse_args(list(argv or [])))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
