"""House-style charts for briefings: a finding as the title, a subtitle, labelled axes
and a source line, sized for a 16:9 slide and saved as PNG and SVG.

Typical use::

    fig = diverging_bars(table, category="actor", value="score", method="method",
                         title="Quoted voices are coolest toward Russia", subtitle="...",
                         source="geolib stance data", xlabel="mean sentiment")
    save_chart(fig, "03-sentiment-by-actor", caption="...", basis="n = 44 scores")

Every helper takes a plain pandas DataFrame and returns the Figure; ``new_chart`` gives
the bare frame for anything else. Charts stay legible at any size of corpus: a chart
with more rows than fit shows the first ones plus "others" and says so in its
subtitle, and labels that could collide (line ends, quoted figures, edge values) are
placed after the layout is fixed, a line apart. ``overlapping_texts`` checks a chart.
Figures are ``matplotlib.figure.Figure`` objects not registered with pyplot, so a
notebook shows each one once and nothing accumulates.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

import matplotlib as mpl
import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import TwoSlopeNorm, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.textpath import TextToPath

from geolib.actors import ACTORS_CSV, load_actors
from geolib.paths import PACKAGE_DATA, reports_dir

STYLE_PATH = PACKAGE_DATA / "geolib.mplstyle"
SLIDE = (13.33, 7.5)
"""A full 16:9 slide in inches (PowerPoint's default widescreen size)."""
HALF_SLIDE = (10.0, 5.625)
"""A smaller 16:9 figure, for a chart that shares a slide with text."""
PNG_DPI = 200
CAPTIONS_FILE = "captions.json"

OTHER_COLOR = "#7F7F7F"
"""Grey for anything that is not a known actor."""
UNKNOWN_COLOR = "#BBBBBB"
CLAIM_COLOR = "#000000"
INK = "#222222"
MUTED = "#555555"
OTHERS = "others"
NEUTRAL_COLORS = ["#000000", "#8C510A", "#01665E", "#5E3C99", "#7F7F7F", "#B35806", "#35978F",
                  "#BF812D"]
"""Colours for series that are not actors (outlets, trade pairs): none of them is an
actor's, so blue always means the US and vermillion China."""

# Colours for categories that are not actors, one meaning each (Okabe & Ito's palette).
USE_COLORS = {"endorses": "#009E73", "reports": "#999999", "dismisses": "#D55E00", "inverts": "#56B4E9"}
VERDICT_COLORS = {"consistent": "#009E73", "differs": "#D55E00", "no reference": "#BBBBBB"}
SPEECH_COLORS = {"in their own words": "#333333", "reported": "#AAAAAA"}

HOUSE_FONT = "DejaVu Sans"  # as in the style sheet; ships with matplotlib, so same glyphs everywhere
TITLE_SIZE = 26
SUBTITLE_SIZE = 17
SOURCE_SIZE = 12
ANNOTATION_SIZE = 13
TICK_SIZE = 15
MARGIN_IN = 0.3  # blank border around the figure, inches
LABEL_CHARS = 34  # longer category names are cut with an ellipsis
MAX_ROWS = 12  # rows of one bar each that fit a slide with room for their labels
MAX_PAIRED_ROWS = 8  # rows of two bars each

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class ChartText:
    """The words every house chart carries besides its axes."""

    title: str
    subtitle: str
    source: str


@dataclass(frozen=True)
class ChartFiles:
    """What ``save_chart`` wrote."""

    png: Path
    svg: Path
    captions: Path


_CHART_TEXT: WeakKeyDictionary[Figure, ChartText] = WeakKeyDictionary()
_SAVED: dict[str, int] = {}  # charts saved so far in this process, per notebook prefix


# --- style and colour -----------------------------------------------------------------


def use_house_style() -> None:
    """Apply the house style sheet to every chart made from now on."""
    mpl.style.use(STYLE_PATH)


def _read_actor_colors() -> dict[str, str]:
    """Each actor's colour from the ``colour`` column of geolib's actor data (the first
    row of an actor that gives one)."""
    colors: dict[str, str] = {}
    with open(ACTORS_CSV, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            actor, colour = (row.get("actor") or "").strip(), (row.get("colour") or "").strip()
            if actor and colour and actor not in colors:
                colors[actor] = colour.upper()
    return colors


ACTOR_COLORS: dict[str, str] = _read_actor_colors()
"""One fixed colour per actor, so that China is the same colour on every chart; from
``data/actors.csv`` (colour-blind-safe Okabe & Ito colours)."""

ORIGIN_COLORS = {
    "Chinese": ACTOR_COLORS.get("China", OTHER_COLOR),
    "Russian": ACTOR_COLORS.get("Russia", OTHER_COLOR),
    "American": ACTOR_COLORS.get("US", OTHER_COLOR),
    "European": ACTOR_COLORS.get("EU", OTHER_COLOR),
    "other": "#000000",
    "unknown": UNKNOWN_COLOR,
}
"""Voices by origin take the colour of the power they belong with."""


@lru_cache(maxsize=1)
def _actor_by_name() -> dict[str, str]:
    """Case-folded actor ids and aliases from geolib.actors ("Beijing" -> "China")."""
    names = {alias.alias.casefold(): alias.actor for alias in load_actors()}
    names.update({actor.casefold(): actor for actor in ACTOR_COLORS})
    return names


def _enable_notebook_display() -> None:
    """In a Jupyter kernel, show a chart ``Figure`` as an image when a cell returns it,
    as ``%matplotlib inline`` would (charts do not go through pyplot, which does that)."""
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        select_figure_formats(shell, {"png"})


def canonical_actor(name: object) -> str | None:
    """The actor ``name`` refers to ("United States" -> "US", "Beijing" -> "China") when
    it has a house colour, else None. Aliases come from geolib's actor data."""
    if not isinstance(name, str):
        return None
    actor = _actor_by_name().get(name.strip().casefold())
    return actor if actor in ACTOR_COLORS else None


def actor_color(actor: object, default: str = OTHER_COLOR) -> str:
    """The fixed colour of ``actor`` (or any alias of it), else ``default``."""
    canonical = canonical_actor(actor)
    return ACTOR_COLORS[canonical] if canonical else default


def palette_colors() -> list[str]:
    """The style sheet's colour cycle, for series that are not actors."""
    with mpl.rc_context(fname=STYLE_PATH):
        cycle = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    return [to_hex(c).upper() for c in cycle]


def colors_for(names: Iterable[object], colors: Mapping[str, str] | None = None) -> dict:
    """A colour for each name: ``colors`` first, then the actor colour, then colours no
    actor has (``NEUTRAL_COLORS``); "others" is light grey."""
    names = list(dict.fromkeys(names))
    chosen = {n: (colors or {}).get(n) or (actor_color(n, "") or None) for n in names}
    for name in names:
        if chosen[name] is None and isinstance(name, str) and name.startswith(OTHERS):
            chosen[name] = UNKNOWN_COLOR
    spare = [c for c in NEUTRAL_COLORS if c not in chosen.values()] or [OTHER_COLOR]
    k = 0
    for name in names:
        if chosen[name] is None:
            chosen[name] = spare[k % len(spare)]
            k += 1
    return chosen


# --- the frame: title, subtitle, source -----------------------------------------------


def _text_width_pt(text: str, prop: FontProperties) -> float:
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return width


def wrap_to_width(text: str, prop: FontProperties, width_pt: float) -> list[str]:
    """Greedy word wrap measured with the real font (textwrap only counts characters)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and _text_width_pt(candidate, prop) > width_pt:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def house_font(size: float, weight: str = "normal") -> FontProperties:
    """The house typeface at ``size`` points."""
    return FontProperties(family=HOUSE_FONT, size=size, weight=weight)


def shorten(text: object, limit: int = LABEL_CHARS) -> str:
    """A category name cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def new_chart(
    title: str,
    subtitle: str,
    source: str,
    *,
    xlabel: str,
    ylabel: str,
    figsize: tuple[float, float] | None = None,
    right_margin_in: float = 0.0,
) -> tuple[Figure, Axes]:
    """A house-style figure with one axes: the title (state the finding) top left, the
    subtitle beneath it, and "Source: ..." bottom left. ``right_margin_in`` keeps room
    to the right of the axes for labels placed there.

    Applies the house style globally, so whatever is drawn on ``ax`` next uses it.
    """
    if not title.strip() or not source.strip():
        raise ValueError("a briefing chart needs a title stating the finding and a source")
    use_house_style()
    _enable_notebook_display()
    width, height = figsize or SLIDE
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)

    text_width = (width - 2 * MARGIN_IN) * 72
    left = MARGIN_IN / width
    y = height - MARGIN_IN  # inches from the bottom; walk down line by line

    title_font = house_font(TITLE_SIZE, "bold")
    title_lines = wrap_to_width(title, title_font, text_width)
    fig.text(left, y / height, "\n".join(title_lines), fontproperties=title_font,
             va="top", ha="left", color=INK, linespacing=1.15, gid="geolib-title")
    y -= len(title_lines) * TITLE_SIZE * 1.3 / 72
    if subtitle.strip():
        y -= 0.06
        subtitle_font = house_font(SUBTITLE_SIZE)
        subtitle_lines = wrap_to_width(subtitle, subtitle_font, text_width)
        fig.text(left, y / height, "\n".join(subtitle_lines), fontproperties=subtitle_font,
                 va="top", ha="left", color=MUTED, linespacing=1.2, gid="geolib-subtitle")
        y -= len(subtitle_lines) * SUBTITLE_SIZE * 1.35 / 72
    top = (y - 0.15) / height

    source_line = source if source.lower().startswith("source") else f"Source: {source}"
    source_font = house_font(SOURCE_SIZE)
    source_lines = wrap_to_width(source_line, source_font, text_width)
    fig.text(left, MARGIN_IN / height, "\n".join(source_lines), fontproperties=source_font,
             va="bottom", ha="left", color=MUTED, linespacing=1.2, gid="geolib-source")
    bottom = (MARGIN_IN + len(source_lines) * SOURCE_SIZE * 1.3 / 72 + 0.12) / height

    right = 1.0 - right_margin_in / width
    fig.get_layout_engine().set(rect=(0.0, bottom, right, top - bottom), w_pad=MARGIN_IN, h_pad=0.05)
    _CHART_TEXT[fig] = ChartText(title=title, subtitle=subtitle, source=source)
    return fig, ax


def chart_text(fig: Figure) -> ChartText:
    """The title, subtitle and source ``new_chart`` gave ``fig``."""
    try:
        return _CHART_TEXT[fig]
    except KeyError:
        raise ValueError(
            "this figure was not made by geolib.charts.new_chart, so it has no house-style "
            "title, subtitle and source"
        ) from None


def freeze_layout(fig: Figure):
    """Lay the figure out once and keep that layout, so that labels placed from now on
    (in points from the axes) stay exactly where they are computed. Returns the renderer."""
    fig.canvas.draw()
    fig.set_layout_engine("none")
    return fig.canvas.get_renderer()


# --- checking legibility -----------------------------------------------------------------


def drawn_texts(fig: Figure) -> list[Text]:
    """Every non-empty text the figure draws: title, subtitle, source, axis labels, tick
    labels within the view, annotations, legend entries."""
    fig.canvas.draw()
    texts = [t for t in fig.texts]
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        texts += list(ax.texts)
        for axis, (low, high) in ((ax.xaxis, ax.get_xbound()), (ax.yaxis, ax.get_ybound())):
            span = high - low
            for tick in axis.get_major_ticks():
                inside = low - 1e-9 * abs(span) <= tick.get_loc() <= high + 1e-9 * abs(span)
                if inside:
                    texts += [tick.label1, tick.label2]
        legend = ax.get_legend()
        if legend is not None:
            texts += list(legend.get_texts())
            if legend.get_title().get_text():
                texts.append(legend.get_title())
    for legend in fig.legends:
        texts += list(legend.get_texts())
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def overlapping_texts(fig: Figure, tolerance_px: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap by more than ``tolerance_px`` both ways
    (the text itself: an annotation's leader line may cross other text)."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts]
    clashes = []
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1:]:
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            if overlap_x > tolerance_px and overlap_y > tolerance_px:
                clashes.append((text_a, text_b))
    return clashes


def texts_outside(fig: Figure, tolerance_px: float = 1.0) -> list[str]:
    """Drawn texts that run off the figure."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    outside = []
    for t in texts:
        box = Text.get_window_extent(t, renderer)
        if (box.x0 < frame.x0 - tolerance_px or box.x1 > frame.x1 + tolerance_px
                or box.y0 < frame.y0 - tolerance_px or box.y1 > frame.y1 + tolerance_px):
            outside.append(t.get_text())
    return outside


# --- saving -----------------------------------------------------------------------------


FIGURES_ENV = "GEOLIB_FIGURES_DIR"
"""Where charts go when no folder is given, if set (``geolib briefing`` sets it so that a
run builds its charts in a temporary folder first); else ``reports/figures``."""


def default_figures_dir() -> Path:
    if folder := os.environ.get(FIGURES_ENV):
        return Path(folder)
    return reports_dir() / "figures"


def chart_name(*parts: object) -> str:
    """A file name from what the chart shows: ``chart_name("02", "rate", "$270bn", 2021)``
    is "02-rate-270bn-2021". Names derive from content, so a chart keeps its name when
    another chart comes or goes."""
    text = "-".join(str(p) for p in parts if str(p).strip())
    text = re.sub(r"[^\w]+|_", "-", text)  # dashes, dollar signs, spaces: word breaks
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:90].rstrip("-") or "chart"


def load_captions(folder: str | os.PathLike | None = None) -> dict[str, dict]:
    """``captions.json`` of a figures folder: chart name -> title, subtitle, caption, basis, source."""
    path = Path(folder or default_figures_dir()) / CAPTIONS_FILE
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     suffix=".tmp") as handle:
        handle.write(text)
    os.chmod(handle.name, 0o644)  # NamedTemporaryFile creates it private
    Path(handle.name).replace(path)


def save_chart(
    fig: Figure,
    name: str,
    folder: str | os.PathLike | None = None,
    *,
    caption: str,
    basis: str = "",
) -> ChartFiles:
    """Write ``<folder>/<name>.png`` (200 dpi) and ``<name>.svg`` and record the title,
    subtitle, source, caption (what the chart shows), basis (its n) and rank (its place
    among the charts of its notebook, for the PDF's order) in ``<folder>/captions.json``;
    the folder defaults to ``default_figures_dir()``.

    Files carry no dates, and the SVG ids a fixed salt, so saving the same chart again
    rewrites identical bytes.
    """
    text = chart_text(fig)
    if not _NAME.fullmatch(name):
        raise ValueError(f"chart name {name!r}: use letters, digits, '-', '_' or '.'")
    target = Path(folder) if folder is not None else default_figures_dir()
    target.mkdir(parents=True, exist_ok=True)
    png, svg = target / f"{name}.png", target / f"{name}.svg"
    with mpl.rc_context(fname=STYLE_PATH):
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None})
    captions = load_captions(target)
    prefix = name.split("-", 1)[0]
    rank = captions.get(name, {}).get("rank", _SAVED.get(prefix, 0))
    _SAVED[prefix] = max(_SAVED.get(prefix, 0), rank + 1)
    captions[name] = {**asdict(text), "caption": caption, "basis": basis, "rank": rank}
    captions_path = target / CAPTIONS_FILE
    _write_atomically(
        captions_path, json.dumps(captions, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )
    return ChartFiles(png=png, svg=svg, captions=captions_path)


# --- chart helpers ----------------------------------------------------------------------


def _require(data: pd.DataFrame, *columns: str | None) -> None:
    missing = [c for c in columns if c is not None and c not in data.columns]
    if missing:
        raise KeyError(f"the table has no column(s) {missing}; it has {list(data.columns)}")


def _minus(text: str) -> str:
    """Typographic minus sign, as matplotlib's tick labels use."""
    return text.replace("-", "\u2212")


def _signed(value: float, fmt: str = "{:+.2f}") -> str:
    """A signed value with a true minus; a value that rounds to zero shows no sign."""
    text = fmt.format(value)
    if float(re.sub(r"[^0-9.eE+-]", "", text) or 0) == 0:
        text = text.replace("+", "").replace("-", "")
    return _minus(text)


def short_label(text: object, limit: int = LABEL_CHARS) -> str:
    """A display name within ``limit`` characters: a name too long loses its trailing
    parenthesis first ("The White House (whitehouse.gov briefing room)" -> "The White
    House"), then is cut with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = re.sub(r"\s*\([^()]*\)$", "", text) or text
    return shorten(text, limit)


def _legend_above(ax: Axes, handles: list | None = None, labels: list[str] | None = None) -> None:
    """A legend above the axes, left-aligned, with as many entries a row as fit the
    figure's width (so that no entry runs off the page)."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    font = house_font(mpl.rcParams["legend.fontsize"])
    widest = max(_text_width_pt(str(label), font) for label in labels) + 60  # swatch and gaps
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    left = max((_text_width_pt(t, house_font(TICK_SIZE)) for t in ticks), default=0) + 60  # labels, axis
    room = (ax.figure.get_size_inches()[0] - 2 * MARGIN_IN) * 72 - left
    ncols = int(max(1, min(len(labels), room // widest)))
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=ncols)


def _format_value(fmt: str | None):
    return ticker.StrMethodFormatter(fmt) if fmt else ticker.ScalarFormatter()


def _with_note(subtitle: str, note: str) -> str:
    if not note:
        return subtitle
    return f"{subtitle.rstrip('. ')}; {note}" if subtitle.strip() else note


def top_with_others(data: pd.DataFrame, category: str, value: str, keep: int,
                    *, order: Sequence[object] | None = None, others: str = OTHERS
                    ) -> tuple[pd.DataFrame, list[object], str]:
    """Counts for at most ``keep`` categories plus one row summing the rest (``others``):
    returns the table, the category order and a note for the subtitle ("top 12 of 185
    speakers shown; 173 more as 'others (173)'"), empty when nothing was folded."""
    categories = list(order) if order is not None else list(
        data.groupby(category, sort=False)[value].sum().sort_values(ascending=False, kind="stable").index)
    if len(categories) <= keep:
        return data, categories, ""
    shown = categories[: keep - 1]
    rest = len(categories) - len(shown)
    label = f"{others} ({rest})"
    folded = data.assign(**{category: data[category].where(data[category].isin(shown), label)})
    note = f"the top {len(shown)} of {len(categories)} shown, the other {rest} summed as '{label}'"
    return folded, [*shown, label], note


def _spread(desired: Sequence[float], heights: Sequence[float], low: float, high: float,
            pad: float = 2.0) -> list[float]:
    """Centres as near ``desired`` as possible, each pair at least their half-heights plus
    ``pad`` apart, kept between ``low`` and ``high`` (display units). A label layout of
    our own: it must guarantee no overlap, which iterative repellers do not promise."""
    order = sorted(range(len(desired)), key=lambda k: desired[k])
    pos = [float(desired[k]) for k in order]
    hs = [float(heights[k]) for k in order]
    for i in range(len(pos)):
        floor = low + hs[i] / 2 if i == 0 else pos[i - 1] + (hs[i - 1] + hs[i]) / 2 + pad
        pos[i] = max(pos[i], floor)
    for i in reversed(range(len(pos))):
        ceiling = high - hs[i] / 2 if i == len(pos) - 1 else pos[i + 1] - (hs[i + 1] + hs[i]) / 2 - pad
        pos[i] = min(pos[i], ceiling)
    out = [0.0] * len(pos)
    for rank_, k in enumerate(order):
        out[k] = pos[rank_]
    return out


def _line_height_px(fig: Figure, size: float, lines: int = 1) -> float:
    return size * 1.25 * lines * fig.dpi / 72


def _luminance(color: str | tuple) -> float:
    r, g, b = to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- lines ---------------------------------------------------------------------------------


def line_with_claims(
    series: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    *,
    title: str,
    subtitle: str,
    source: str,
    ylabel: str,
    xlabel: str = "",
    x: str = "year",
    y: str = "value",
    by: str | None = "series",
    claim_label: str = "label",
    colors: Mapping[str, str] | None = None,
    value_format: str = "{x:,.0f}",
    claims_legend: str = "figure quoted in an article",
    linestyle_by: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Annual series as lines, each named at the right of the chart in its colour (names
    a line apart, joined to their line's last point), with the articles' claims as
    hollow diamonds. Claim labels stand in one column, a line apart, each joined to its
    diamond; when more claims than fit, the largest gaps are labelled and the subtitle
    says how many.

    ``series`` is long-form (one row per point, ``by`` naming the line); ``claims`` has
    ``x``, ``y`` and ``claim_label`` columns. ``colors`` maps a line's name to its
    colour; ``linestyle_by`` names a column whose values (a publisher) get solid,
    dashed and dotted lines in turn, so two lines of one colour stay apart.
    """
    _require(series, x, y, by, linestyle_by)
    groups = list(series.groupby(by, sort=False)) if by else [("", series)]
    names = [str(name) for name, _ in groups if str(name)]
    label_font = house_font(ANNOTATION_SIZE + 1, "bold")
    margin = max([_text_width_pt(n, label_font) for n in names], default=0) / 72 + 0.35
    claims = claims if claims is not None and len(claims) else None
    if claims is not None:
        _require(claims, x, y, claim_label)
    fig, ax = new_chart(title, subtitle, source, xlabel=xlabel, ylabel=ylabel, figsize=figsize,
                        right_margin_in=margin if names else 0.0)
    palette = colors_for([name for name, _ in groups], colors)
    dash_values = list(dict.fromkeys(series[linestyle_by])) if linestyle_by else []
    dashes = ["-", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2))]
    ends = []
    for name, points in groups:
        points = points.sort_values(x)
        style = dashes[dash_values.index(points[linestyle_by].iloc[0]) % len(dashes)] if linestyle_by else "-"
        ax.plot(points[x], points[y], color=palette[name], marker="o", markersize=6, linestyle=style)
        if str(name):
            ends.append((float(points[x].iloc[-1]), float(points[y].iloc[-1]), str(name), palette[name]))
    if claims is not None:
        ax.plot(claims[x], claims[y], linestyle="none", marker="D", markersize=13,
                markerfacecolor="white", markeredgecolor=CLAIM_COLOR, markeredgewidth=2.5, zorder=5)
        marker = Line2D([], [], linestyle="none", marker="D", markersize=13,
                        markerfacecolor="white", markeredgecolor=CLAIM_COLOR, markeredgewidth=2.5)
        _legend_above(ax, [marker], [claims_legend])
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True, nbins=8))
    ax.yaxis.set_major_formatter(_format_value(value_format))
    values = pd.concat([series[y], claims[y]]) if claims is not None else series[y]
    xs = pd.concat([series[x], claims[x]]) if claims is not None else series[x]
    if len(values) and values.min() >= 0:
        ax.set_ylim(bottom=0, top=float(values.max()) * 1.12 or 1.0)
    if len(xs):
        lo, hi = float(xs.min()), float(xs.max())
        pad = max((hi - lo) * 0.04, 0.5)
        ax.set_xlim(lo - pad, hi + pad)

    renderer = freeze_layout(fig)
    del renderer
    box = ax.get_window_extent()
    # Series names: a column just right of the axes, a line apart, each joined to its line.
    if ends:
        heights = [_line_height_px(fig, ANNOTATION_SIZE + 1)] * len(ends)
        desired = [ax.transData.transform((ex, ey))[1] for ex, ey, _, _ in ends]
        placed = _spread(desired, heights, box.y0, box.y1 + heights[0])
        for (ex, ey, name, color), py in zip(ends, placed, strict=True):
            _, fy = ax.transAxes.inverted().transform((box.x1, py))
            ax.annotate(name, (ex, ey), xytext=(1.0, fy), textcoords="axes fraction",
                        fontproperties=label_font, color=color, ha="left", va="center",
                        annotation_clip=False,
                        arrowprops={"arrowstyle": "-", "color": color, "lw": 1, "ls": ":",
                                    "shrinkA": 2, "shrinkB": 4})
    if claims is not None:
        _label_claims(fig, ax, claims, x, y, claim_label)
    return fig


def _label_claims(fig: Figure, ax: Axes, claims: pd.DataFrame, x: str, y: str, label: str) -> None:
    """Claim labels in one column inside the axes, on the side away from the diamonds."""
    box = ax.get_window_extent()
    height = _line_height_px(fig, ANNOTATION_SIZE)
    capacity = max(int((box.height - height) // (height + 2)), 1)
    points = claims.assign(_px=[ax.transData.transform((cx, cy))[0] for cx, cy in
                                zip(claims[x], claims[y], strict=True)])
    points = points.assign(_py=[ax.transData.transform((cx, cy))[1] for cx, cy in
                                zip(claims[x], claims[y], strict=True)])
    if len(points) > capacity:  # the figures furthest from the rest of the claims first
        spread = (points[y] - points[y].median()).abs()
        points = points.loc[spread.sort_values(ascending=False, kind="stable").index[:capacity]]
    on_right = float(np.median((points["_px"] - box.x0) / box.width)) > 0.5
    column_x = 0.02 if on_right else 0.98
    placed = _spread(list(points["_py"]), [height] * len(points), box.y0, box.y1)
    for (_, claim), py in zip(points.iterrows(), placed, strict=True):
        _, fy = ax.transAxes.inverted().transform((box.x0, py))
        ax.annotate(str(claim[label]), (claim[x], claim[y]), xytext=(column_x, fy),
                    textcoords="axes fraction", ha="left" if on_right else "right", va="center",
                    fontsize=ANNOTATION_SIZE, color=INK, zorder=6, annotation_clip=False,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
                          "alpha": 0.85},
                    arrowprops={"arrowstyle": "-", "color": MUTED, "lw": 1.0, "shrinkB": 8})


def lines_by_year(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    ylabel: str,
    x: str = "year",
    y: str = "value",
    by: str = "series",
    value_format: str = "{x:+.2f}",
    zero_line: bool = True,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Yearly values of a few series (mean sentiment toward each actor by year), each named
    at the right; points only where the data has them, a missing year breaks the line."""
    _require(data, x, y, by)
    filled = []
    for name, points in data.groupby(by, sort=False):
        years = range(int(points[x].min()), int(points[x].max()) + 1)
        frame = points.set_index(x).reindex(years)
        frame[by] = name
        filled.append(frame.reset_index(names=x))
    data = pd.concat(filled, ignore_index=True) if filled else data
    fig = line_with_claims(data, None, title=title, subtitle=subtitle, source=source, ylabel=ylabel,
                           x=x, y=y, by=by, value_format=value_format, figsize=figsize)
    ax = fig.axes[0]
    signed_format = value_format.replace("{x:", "{:")
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: _signed(v, signed_format)))
    if zero_line and len(data) and data[y].min() < 0 < data[y].max():
        ax.axhline(0, color=MUTED, linewidth=1.2, zorder=1)
    return fig


# --- bars ------------------------------------------------------------------------------------


def diverging_bars(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    xlabel: str,
    ylabel: str = "",
    category: str = "actor",
    value: str = "score",
    method: str | None = None,
    order: Sequence[str] | None = None,
    colors: Mapping[str, str] | None = None,
    value_format: str = "{:+.2f}",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Horizontal bars around a zero line, one row per category (first at the top), in
    the category's colour. With ``method`` (at most two), one bar per method side by
    side: the first solid, the second hatched. Beyond the rows that fit, the first rows
    in ``order`` are kept and the subtitle says so."""
    _require(data, category, value, method)
    methods = list(dict.fromkeys(data[method])) if method else [None]
    if len(methods) > 2:
        raise ValueError(f"diverging_bars compares at most two methods, got {methods}")
    categories = list(order) if order is not None else list(dict.fromkeys(data[category]))
    limit = MAX_PAIRED_ROWS if len(methods) == 2 else MAX_ROWS
    note = ""
    if len(categories) > limit:
        note = f"the first {limit} of {len(categories)} shown"
        categories = categories[:limit]
        data = data[data[category].isin(categories)]
    fig, ax = new_chart(title, _with_note(subtitle, note), source, xlabel=xlabel, ylabel=ylabel,
                        figsize=figsize)
    palette = colors_for(categories, colors)
    rows = np.arange(len(categories))[::-1]
    height = 0.8 / len(methods)
    looks = [{}, {"hatch": "//", "fill": False}]
    for k, method_name in enumerate(methods):
        subset = data if method is None else data[data[method] == method_name]
        scores = subset.groupby(category, sort=False)[value].mean().reindex(categories)
        look = looks[k]
        offsets = rows + (len(methods) - 1) / 2 * height - k * height
        shown = scores.notna().to_numpy()
        bars = ax.barh(offsets[shown], scores[shown], height=height * 0.92,
                       color=[palette[c] for c in scores.index[shown]],
                       edgecolor=[palette[c] for c in scores.index[shown]],
                       linewidth=2 if look.get("hatch") else 0, **look)
        ax.bar_label(bars, labels=[_signed(v, value_format) for v in scores[shown]], padding=5,
                     fontsize=ANNOTATION_SIZE, color=INK)
    ax.axvline(0, color=INK, linewidth=1.6, zorder=3)
    ax.set_yticks(rows, [short_label(c) for c in categories])
    ax.set_ylim(-0.6, len(categories) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    reach = float(np.nanmax(np.abs(data[value].to_numpy(dtype=float)))) if len(data) else 1.0
    reach = reach if reach > 0 else 1.0
    # Counts and other non-negative values need no negative side.
    ax.set_xlim(0 if (data[value] >= 0).all() else -reach * 1.35, reach * 1.35)
    if method:
        handles = [Patch(facecolor=MUTED, edgecolor=MUTED, linewidth=2 if look.get("hatch") else 0,
                         **look) for look, _ in zip(looks, methods, strict=False)]
        _legend_above(ax, handles, [str(m) for m in methods])
    return fig


def stacked_bars(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    category: str,
    part: str,
    value: str,
    xlabel: str = "",
    ylabel: str = "",
    order: Sequence[object] | None = None,
    part_order: Sequence[object] | None = None,
    colors: Mapping[str, str] | None = None,
    horizontal: bool = True,
    max_rows: int = MAX_ROWS,
    others: str = OTHERS,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Counts as bars split into parts (quotes by speaker, split into own words and
    reported speech). Horizontal: one row per category, the largest first, at most
    ``max_rows`` rows, the rest summed as "others (k)". Vertical (``horizontal=False``):
    numeric categories such as years along the x axis. Parts keep one colour each, in
    the legend's order, which is also the order of the segments. Each bar's total is
    written at its end where there is room."""
    _require(data, category, part, value)
    table = data.groupby([category, part], sort=False)[value].sum().reset_index()
    note = ""
    if horizontal:
        table, categories, note = top_with_others(table, category, value, max_rows, order=order,
                                                  others=others)
        table = table.groupby([category, part], sort=False)[value].sum().reset_index()
    else:
        categories = sorted(table[category].unique()) if order is None else list(order)
    parts = list(part_order) if part_order is not None else list(
        table.groupby(part, sort=False)[value].sum().sort_values(ascending=False, kind="stable").index)
    parts = [p for p in parts if p in set(table[part])] + [p for p in table[part].unique() if p not in parts]
    fig, ax = new_chart(title, _with_note(subtitle, note), source, xlabel=xlabel, ylabel=ylabel,
                        figsize=figsize)
    palette = colors_for(parts, colors)
    wide = table.pivot_table(index=category, columns=part, values=value, aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=categories, columns=parts, fill_value=0)
    totals = wide.sum(axis=1)
    positions = np.arange(len(categories))[::-1] if horizontal else np.asarray(categories, dtype=float)
    start = np.zeros(len(categories))
    for name in parts:
        widths = wide[name].to_numpy(dtype=float)
        if horizontal:
            ax.barh(positions, widths, left=start, height=0.72, color=palette[name])
        else:
            ax.bar(positions, widths, bottom=start, width=0.8, color=palette[name])
        start = start + widths
    if horizontal:
        ax.set_yticks(positions, [short_label(c) for c in categories])
        ax.set_ylim(-0.6, len(categories) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlim(0, float(totals.max()) * 1.15 if len(totals) and totals.max() > 0 else 1)
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    else:
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True, nbins=10, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:.0f}"))
        ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        if len(positions):
            ax.set_xlim(positions.min() - 1.5, positions.max() + 1.5)
        ax.set_ylim(0, float(totals.max()) * 1.15 if len(totals) and totals.max() > 0 else 1)
    if len(parts) > 1:
        _legend_above(ax, [Patch(color=palette[p]) for p in parts], [short_label(p) for p in parts])
    freeze_layout(fig)
    _label_totals(fig, ax, positions, totals.to_numpy(dtype=float), horizontal)
    return fig


def _label_totals(fig: Figure, ax: Axes, positions: np.ndarray, totals: np.ndarray,
                  horizontal: bool) -> None:
    """Each bar's total at its end, where bars are far enough apart for the number."""
    if not len(totals):
        return
    font = house_font(ANNOTATION_SIZE)
    texts = [f"{t:,.0f}" for t in totals]
    if not horizontal:
        if len(positions) > 1:
            step = np.min(np.diff(np.sort(positions)))
            room = abs(ax.transData.transform((step, 0))[0] - ax.transData.transform((0, 0))[0])
        else:
            room = float("inf")
        widest = max(_text_width_pt(t, font) for t in texts) * fig.dpi / 72
        if widest + 4 > room:
            return
    for pos, total, text in zip(positions, totals, texts, strict=True):
        if total <= 0:
            continue
        if horizontal:
            ax.annotate(text, (total, pos), xytext=(5, 0), textcoords="offset points", va="center",
                        ha="left", fontproperties=font, color=INK)
        else:
            ax.annotate(text, (pos, total), xytext=(0, 4), textcoords="offset points", va="bottom",
                        ha="center", fontproperties=font, color=INK)


# --- dots -------------------------------------------------------------------------------------


def dot_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    xlabel: str,
    ylabel: str = "",
    category: str,
    value: str,
    color_by: str | None = None,
    order: Sequence[str] | None = None,
    colors: Mapping[str, str] | None = None,
    max_rows: int = MAX_ROWS,
    others: str = OTHERS,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """A strip chart: every row a dot on its category's line, a bar marking each
    category's mean. Dots are coloured by ``color_by`` (else all alike) and spread
    vertically by rank, not at random, so the chart is the same on every run. Beyond
    ``max_rows`` categories, the rest share one row, "others (k)"."""
    _require(data, category, value, color_by)
    categories = list(order) if order is not None else list(dict.fromkeys(data[category]))
    note = ""
    if len(categories) > max_rows:
        kept = categories[: max_rows - 1]
        label = f"{others} ({len(categories) - len(kept)})"
        data = data.assign(**{category: data[category].where(data[category].isin(kept), label)})
        note = f"the first {len(kept)} of {len(categories)} shown, the rest pooled as '{label}'"
        categories = [*kept, label]
    fig, ax = new_chart(title, _with_note(subtitle, note), source, xlabel=xlabel, ylabel=ylabel,
                        figsize=figsize)
    hues = list(dict.fromkeys(data[color_by])) if color_by else []
    if colors:  # the legend in the order the colour map gives
        hues = sorted(hues, key=lambda h: list(colors).index(h) if h in colors else len(colors))
    palette = colors_for(hues, colors) if color_by else {}
    rows = dict(zip(categories, np.arange(len(categories))[::-1], strict=True))
    for name in categories:
        points = data[data[category] == name].sort_values(value)
        spread = (np.arange(len(points)) % 5 - 2) * 0.07
        dot_colors = [palette[h] for h in points[color_by]] if color_by else MUTED
        ax.scatter(points[value], rows[name] + spread, s=110, alpha=0.85, zorder=3,
                   color=dot_colors, edgecolor="white", linewidth=0.8)
        if len(points):
            ax.plot([points[value].mean()] * 2, [rows[name] - 0.3, rows[name] + 0.3], color=INK,
                    linewidth=3, zorder=4)
    ax.set_yticks(list(rows.values()), [short_label(c) for c in categories])
    ax.set_ylim(-0.6, len(categories) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    values = data[value]
    if len(values) and values.min() < 0 < values.max():
        ax.axvline(0, color=MUTED, linewidth=1.2, zorder=2)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=11, color=palette[h]) for h in hues]
    handles.append(Line2D([], [], color=INK, linewidth=3))
    ax.legend(handles, [*[short_label(h) for h in hues], "mean"], loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    return fig


# --- a grid of means ------------------------------------------------------------------------------


def heatmap(
    records: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    row: str,
    col: str,
    value: str,
    row_order: Sequence[object] | None = None,
    col_order: Sequence[object] | None = None,
    min_n: int = 5,
    max_rows: int = 10,
    others: str = OTHERS,
    colorbar_label: str = "mean",
    value_format: str = "{:+.2f}",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Means of ``value`` for each ``row`` and ``col`` (outlet by actor), from one record
    per score. Each cell shows its mean and n; a cell with fewer than ``min_n`` scores is
    grey and shows only its n. Rows beyond ``max_rows`` (the fewest scores) are pooled
    as "others (k)". The colour runs from red (negative) through white to blue."""
    _require(records, row, col, value)
    rows = list(row_order) if row_order is not None else list(
        records.groupby(row).size().sort_values(ascending=False, kind="stable").index)
    note = ""
    if len(rows) > max_rows:
        kept = rows[: max_rows - 1]
        label = f"{others} ({len(rows) - len(kept)})"
        records = records.assign(**{row: records[row].where(records[row].isin(kept), label)})
        note = f"the {len(kept)} rows with most scores shown, the other {len(rows) - len(kept)} pooled"
        rows = [*kept, label]
    cols = list(col_order) if col_order is not None else list(dict.fromkeys(records[col]))
    stats = records.groupby([row, col])[value].agg(["mean", "size"])
    means = stats["mean"].unstack().reindex(index=rows, columns=cols)
    counts = stats["size"].unstack().reindex(index=rows, columns=cols).fillna(0).astype(int)
    fig, ax = new_chart(title, _with_note(subtitle, note), source, xlabel="", ylabel="",
                        figsize=figsize)
    shown = means.where(counts >= min_n)
    reach = float(np.nanmax(np.abs(shown.to_numpy(dtype=float)))) if shown.notna().any().any() else 1.0
    reach = max(reach, 0.05)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-reach, vmax=reach)
    cmap = mpl.colormaps["RdBu"]
    grid = np.ma.masked_invalid(shown.to_numpy(dtype=float))
    ax.set_facecolor("#EEEEEE")
    image = ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="none")
    ax.set_xticks(range(len(cols)), [short_label(c, 18) for c in cols])
    ax.set_yticks(range(len(rows)), [short_label(r) for r in rows])
    ax.tick_params(axis="x", bottom=False, labelbottom=False, top=False, labeltop=True)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label(colorbar_label)
    bar.ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: _signed(v)))
    renderer = freeze_layout(fig)
    del renderer
    box = ax.get_window_extent()
    cell_h_pt = box.height / max(len(rows), 1) * 72 / fig.dpi
    cell_w_pt = box.width / max(len(cols), 1) * 72 / fig.dpi
    size = float(min(ANNOTATION_SIZE, cell_h_pt / 2.7, cell_w_pt / 5.5))
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            n = int(counts.loc[r, c])
            mean = shown.loc[r, c]
            if pd.isna(mean):
                text, color = (f"n {n}" if n else ""), MUTED
            else:
                text = f"{_signed(mean, value_format)}\nn {n}"
                color = "white" if _luminance(cmap(norm(mean))) < 0.45 else INK
            if text:
                ax.text(j, i, text, ha="center", va="center", fontsize=size, color=color,
                        linespacing=1.1)
    return fig


# --- time ---------------------------------------------------------------------------------------


def event_times(values: pd.Series) -> tuple[pd.Series, list[str]]:
    """Dates as timestamps plus a label of the precision given: a bare year (1972 or
    "1972") becomes 1 January and the label "1972"; a full date keeps "21 Feb 1972"."""
    text = values.astype(str).str.strip()
    year_only = text.str.fullmatch(r"\d{4}")
    stamps = pd.to_datetime(text.where(~year_only, text + "-01-01"), errors="raise")
    labels = [s.strftime("%Y") if y else f"{s.day} {s.strftime('%b %Y')}"
              for s, y in zip(stamps, year_only, strict=True)]
    return stamps, labels


def timeline(
    events: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    xlabel: str = "",
    date: str = "date",
    label: str = "event",
    end_date: str | None = None,
    actor: str | None = None,
    colors: Mapping[str, str] | None = None,
    marks: Sequence[object] | None = None,
    marks_label: str = "article published",
    max_events: int = 12,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Dated events on a true time axis, one row per event (earliest at the top) so
    that events days apart stay readable; each label points toward the middle of the
    chart and the text shrinks (to 9 pt at least) when many events must fit. At most
    ``max_events`` (the latest) are drawn. An ``end_date`` draws the span; ``actor``
    colours each event; ``marks`` (dates) are drawn as ticks along the bottom, such as
    the days the articles appeared."""
    _require(events, date, label, end_date, actor)
    table = events.reset_index(drop=True)
    note = ""
    if len(table) > max_events:
        note = f"the latest {max_events} of {len(table)} events shown"
        stamps_all, _ = event_times(table[date])
        table = table.loc[stamps_all.sort_values(kind="stable").index[-max_events:]].reset_index(drop=True)
    fig, ax = new_chart(title, _with_note(subtitle, note), source, xlabel=xlabel, ylabel="",
                        figsize=figsize)
    stamps, when = event_times(table[date])
    ends = pd.Series(pd.NaT, index=table.index)
    if end_date:
        given = table[end_date].notna() & (table[end_date].astype(str).str.strip() != "")
        given &= table[end_date].astype(str).str.strip() != "None"
        if given.any():
            ends[given] = event_times(table[end_date][given])[0]
    mark_stamps = pd.Series(pd.to_datetime(pd.Series(list(marks or []), dtype="object"),
                                           errors="coerce")).dropna()
    order = np.argsort(stamps.to_numpy(), kind="stable")
    palette = colors_for(table[actor], colors) if actor else {}
    candidates = [stamps.min(), stamps.max()]
    if ends.notna().any():
        candidates.append(ends.max())
    if len(mark_stamps):
        candidates += [mark_stamps.min(), mark_stamps.max()]
    first, last = min(candidates), max(candidates)
    middle = first + (last - first) / 2

    width_in, height_in = fig.get_size_inches()
    label_width = 0.42 * (width_in - 2 * MARGIN_IN) * 72
    texts = [f"{when[k]}: {table[label][k]}" for k in order]
    size = float(ANNOTATION_SIZE)
    room = 0.55 * height_in * 72  # points of the axes' height the labels may fill
    while True:
        font = house_font(size)
        wrapped = [wrap_to_width(t, font, label_width) for t in texts]
        needed = sum(len(lines) + 0.5 for lines in wrapped) * size * 1.25
        if needed <= room or size <= 9:
            break
        size -= 0.5
    heights = [len(lines) + 0.5 for lines in wrapped]  # in text lines, gap included
    centres = -(np.cumsum(heights) - np.asarray(heights) / 2)

    for row, k in enumerate(order):
        y = centres[row]
        color = palette.get(table[actor][k], OTHER_COLOR) if actor else INK
        start = stamps[k]
        if pd.notna(ends[k]) and ends[k] > start:
            ax.plot([start, ends[k]], [y, y], color=color, linewidth=6, solid_capstyle="round")
        ax.plot([start], [y], marker="o", markersize=11, color=color, zorder=3)
        right = start <= middle
        ax.annotate("\n".join(wrapped[row]), (start, y), xytext=(12 if right else -12, 0),
                    textcoords="offset points", ha="left" if right else "right", va="center",
                    fontproperties=font, color=INK)
    bottom = -sum(heights) - (1.2 if len(mark_stamps) else 0)
    handles, names = [], []
    if len(mark_stamps):
        ax.plot(mark_stamps, [bottom + 0.6] * len(mark_stamps), linestyle="none", marker="|",
                markersize=16, markeredgewidth=2, color=MUTED)
        handles.append(Line2D([], [], linestyle="none", marker="|", markersize=16, markeredgewidth=2,
                              color=MUTED))
        names.append(marks_label)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_ylim(bottom, 0)
    pad = (last - first) * 0.03 if last > first else pd.Timedelta(days=30)
    ax.set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if actor:
        for n in dict.fromkeys(table[actor]):
            handles.append(Line2D([], [], linestyle="none", marker="o", markersize=11, color=palette[n]))
            names.append(str(n))
    if handles:
        _legend_above(ax, handles, names)
    return fig


# --- the triangle -----------------------------------------------------------------------------------


def polygon_layout(actors: Sequence[str], radius: float = 1.0) -> dict[str, tuple[float, float]]:
    """Actors evenly spaced on a circle, the first at the top, then clockwise."""
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(actors)) / max(len(actors), 1)
    return {a: (radius * np.cos(t), radius * np.sin(t)) for a, t in zip(actors, angles, strict=True)}


TONE_STYLES = {
    "warm": ("-", "positive mean (solid)"),
    "cool": ((0, (4, 2)), "negative mean (dashed)"),
    "neutral": ((0, (1, 2)), "mean of zero (dotted)"),
}


def _tone(weight: float) -> str:
    return "warm" if weight > 0 else "cool" if weight < 0 else "neutral"


def triangle(
    edges: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    a: str = "a",
    b: str = "b",
    weight: str = "weight",
    n: str | None = "n",
    actors: Sequence[str] | None = None,
    value_format: str = "{:+.2f}",
    min_n: int = 5,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """A network of a few actors (the US-China-Russia "triangle", or a square with
    Europe) with one line per pair: solid for a positive mean, dashed for a negative one,
    thicker for a larger one, labelled with its value and n; a pair with fewer than
    ``min_n`` quotes is drawn thin and faint. The legend shows only the styles drawn.
    Labels sit at the middle of their line, or further along it when that spot is taken
    (crossing diagonals)."""
    _require(edges, a, b, weight, n)
    names = list(actors) if actors is not None else list(dict.fromkeys([*edges[a], *edges[b]]))
    fig, ax = new_chart(title, subtitle, source, xlabel="", ylabel="", figsize=figsize)
    where = polygon_layout(names)
    solid = edges[edges[n] >= min_n] if n else edges
    strongest = float(solid[weight].abs().max()) if len(solid) else 1.0
    strongest = strongest if strongest > 0 else 1.0
    drawn, faint = [], False
    for _, edge in edges.iterrows():
        p, q, w = edge[a], edge[b], float(edge[weight])
        if p not in where or q not in where or p == q:
            continue
        tone = _tone(round(w, 2))
        (xa, ya), (xb, yb) = where[p], where[q]
        few = bool(n) and edge[n] < min_n
        faint = faint or few
        ax.plot([xa, xb], [ya, yb], color=UNKNOWN_COLOR if few else MUTED,
                linewidth=1.2 if few else 1.5 + 5.5 * abs(w) / strongest,
                linestyle=TONE_STYLES[tone][0], solid_capstyle="butt", zorder=2)
        text = _minus(value_format.format(w)) + (f"\nn {int(edge[n])}" if n else "")
        drawn.append(((xa, ya), (xb, yb), text, tone))
    for name, (px, py) in where.items():
        ax.scatter([px], [py], s=(2 * 26) ** 2, color=actor_color(name), zorder=3,
                   edgecolor="white", linewidth=2)
        norm = float(np.hypot(px, py)) or 1.0
        ax.annotate(str(name), (px, py), xytext=(px / norm * 40, py / norm * 40),
                    textcoords="offset points", fontsize=18, fontweight="bold", color=INK,
                    ha="center" if abs(px) < 0.3 else ("left" if px > 0 else "right"),
                    va="center" if abs(py) < 0.3 else ("bottom" if py > 0 else "top"))
    ax.set_aspect("equal")
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.35, 1.35)
    ax.axis("off")
    tones = [t for t in TONE_STYLES if any(d[3] == t for d in drawn)]
    handles = [Line2D([], [], color=MUTED, linewidth=3, linestyle=TONE_STYLES[t][0]) for t in tones]
    labels = [TONE_STYLES[t][1] for t in tones]
    if faint:
        handles.append(Line2D([], [], color=UNKNOWN_COLOR, linewidth=1.2))
        labels.append(f"fewer than {min_n} quotes (faint)")
    if handles:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    renderer = freeze_layout(fig)
    taken = [Text.get_window_extent(t, renderer) for t in ax.texts]
    # Along the line from its middle outwards, then a little to either side of it.
    steps = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]
    for start, end, text, _ in drawn:
        label = ax.text(0, 0, text, ha="center", va="center", fontsize=ANNOTATION_SIZE, color=INK,
                        zorder=4, linespacing=1.1, bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                                         "edgecolor": "none"})
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = float(np.hypot(dx, dy)) or 1.0
        normal = (-dy / length, dx / length)
        best = None
        for side in (0.0, 0.14, -0.14, 0.28, -0.28):
            for t in steps:
                position = (start[0] + t * dx + side * normal[0], start[1] + t * dy + side * normal[1])
                label.set_position(position)
                box = label.get_window_extent(renderer).padded(3)
                clashes = sum(box.overlaps(other) for other in taken)
                if best is None or clashes < best[0]:
                    best = (clashes, position)
                if clashes == 0:
                    break
            if best[0] == 0:
                break
        label.set_position(best[1])
        taken.append(label.get_window_extent(renderer).padded(3))
    return fig
