"""House-style charts for briefings: a finding as the title, a subtitle, labelled axes
and a source line, sized for a 16:9 slide and saved as PNG and SVG.

Typical use in a notebook::

    fig = diverging_bars(table, category="actor", value="score", method="method",
                         title="Experts are cooler on Russia than on China", subtitle="...",
                         source="geolib stance data", xlabel="mean sentiment")
    save_chart(fig, "03-sentiment-by-actor", caption="...")

Every helper takes a plain pandas DataFrame and returns the Figure; ``new_chart`` gives
the bare frame for anything else. Figures are ``matplotlib.figure.Figure`` objects not
registered with pyplot, so a notebook shows each one once and nothing accumulates.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
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
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.textpath import TextToPath

from geolib.actors import load_actors
from geolib.paths import PACKAGE_DATA, reports_dir

STYLE_PATH = PACKAGE_DATA / "geolib.mplstyle"
SLIDE = (13.33, 7.5)
"""A full 16:9 slide in inches (PowerPoint's default widescreen size)."""
HALF_SLIDE = (10.0, 5.625)
"""A smaller 16:9 figure, for a chart that shares a slide with text."""
PNG_DPI = 200
CAPTIONS_FILE = "captions.json"

# Okabe & Ito's colour-blind-safe palette, one fixed colour per actor so that China is
# the same colour on every chart. Add an actor with ``ACTOR_COLORS["India"] = "#..."``.
ACTOR_COLORS: dict[str, str] = {
    "US": "#0072B2",  # blue
    "China": "#D55E00",  # vermillion
    "Russia": "#CC79A7",  # reddish purple
    "EU": "#E69F00",  # orange
    "Ukraine": "#56B4E9",  # sky blue
    "Taiwan": "#009E73",  # bluish green
}
OTHER_COLOR = "#7F7F7F"
"""Grey for anything that is not a known actor."""
CLAIM_COLOR = "#000000"
INK = "#222222"
MUTED = "#555555"

HOUSE_FONT = "DejaVu Sans"  # as in the style sheet; ships with matplotlib, so same glyphs everywhere
TITLE_SIZE = 26
SUBTITLE_SIZE = 17
SOURCE_SIZE = 12
ANNOTATION_SIZE = 13
MARGIN_IN = 0.3  # blank border around the figure, inches

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


# --- style and colour -----------------------------------------------------------------


def use_house_style() -> None:
    """Apply the house style sheet to every chart made from now on."""
    mpl.style.use(STYLE_PATH)


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
    """A colour for each name: ``colors`` first, then the actor colour, then the palette
    colours no actor among ``names`` already uses."""
    names = list(dict.fromkeys(names))
    chosen = {n: (colors or {}).get(n) or (actor_color(n, "") or None) for n in names}
    spare = [c for c in palette_colors() if c not in chosen.values()] or [OTHER_COLOR]
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


def new_chart(
    title: str,
    subtitle: str,
    source: str,
    *,
    xlabel: str,
    ylabel: str,
    figsize: tuple[float, float] | None = None,
) -> tuple[Figure, Axes]:
    """A house-style figure with one axes: the title (state the finding) top left, the
    subtitle beneath it, and "Source: ..." bottom left.

    Applies the house style globally, so whatever is drawn on ``ax`` next uses it.
    """
    if not title.strip() or not source.strip():
        raise ValueError("a briefing chart needs a title stating the finding and a source")
    use_house_style()
    _enable_notebook_display()
    width, height = figsize or SLIDE
    fig = Figure(figsize=(width, height), layout="constrained")
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

    fig.get_layout_engine().set(rect=(0.0, bottom, 1.0, top - bottom), w_pad=MARGIN_IN, h_pad=0.05)
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


# --- saving -----------------------------------------------------------------------------


def default_figures_dir() -> Path:
    return reports_dir() / "figures"


def load_captions(folder: str | os.PathLike | None = None) -> dict[str, dict]:
    """``captions.json`` of a figures folder: chart name -> title, subtitle, caption, source."""
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
) -> ChartFiles:
    """Write ``<folder>/<name>.png`` (200 dpi) and ``<name>.svg`` and record the caption in
    ``<folder>/captions.json``; the folder defaults to ``reports/figures``.

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
    captions[name] = {**asdict(text), "caption": caption}
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


def _format_value(fmt: str | None):
    return ticker.StrMethodFormatter(fmt) if fmt else ticker.ScalarFormatter()


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
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Annual series as lines, each labelled at its end, with the articles' claims as
    hollow diamonds annotated with ``claims[claim_label]``.

    ``series`` is long-form (one row per point, ``by`` naming the line); ``claims`` has
    ``x``, ``y`` and ``claim_label`` columns.
    """
    _require(series, x, y, by)
    fig, ax = new_chart(title, subtitle, source, xlabel=xlabel, ylabel=ylabel, figsize=figsize)
    groups = list(series.groupby(by, sort=False)) if by else [("", series)]
    palette = colors_for([name for name, _ in groups], colors)
    ends = []
    for name, points in groups:
        points = points.sort_values(x)
        color = palette[name]
        ax.plot(points[x], points[y], color=color, marker="o", markersize=6, label=str(name))
        if name != "":
            ends.append([float(points[y].iloc[-1]), points[x].iloc[-1], str(name), color])
    # End labels: nudge apart those that would overlap (at least 5% of the range apart).
    gap = 0.05 * float(series[y].max() - min(series[y].min(), 0) or 1)
    ends.sort()
    for k in range(1, len(ends)):
        ends[k][0] = max(ends[k][0], ends[k - 1][0] + gap)
    for label_y, end_x, name, color in ends:
        ax.annotate(name, (end_x, label_y), xytext=(10, 0), textcoords="offset points",
                    va="center", ha="left", color=color, fontsize=15, fontweight="bold")
    if claims is not None and len(claims):
        _require(claims, x, y, claim_label)
        ax.plot(claims[x], claims[y], linestyle="none", marker="D", markersize=13,
                markerfacecolor="white", markeredgecolor=CLAIM_COLOR, markeredgewidth=2.5,
                zorder=5)
        for k, (_, claim) in enumerate(claims.sort_values([x, y]).iterrows()):
            above = k % 2 == 0
            ax.annotate(str(claim[claim_label]), (claim[x], claim[y]),
                        xytext=(-14, 26 if above else -30), textcoords="offset points",
                        ha="right", va="bottom" if above else "top", fontsize=ANNOTATION_SIZE,
                        color=INK, arrowprops={"arrowstyle": "-", "color": MUTED, "lw": 1.2},
                        zorder=6)
        marker = Line2D([], [], linestyle="none", marker="D", markersize=13,
                        markerfacecolor="white", markeredgecolor=CLAIM_COLOR, markeredgewidth=2.5)
        ax.legend([marker], [claims_legend], loc="lower left")
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(_format_value(value_format))
    values = pd.concat([series[y], claims[y]]) if claims is not None and len(claims) else series[y]
    if values.min() >= 0:
        ax.set_ylim(bottom=0)
    return fig


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
    the category's colour. With ``method``, one bar per method side by side: the first
    solid, the next hatched, then paler, so methods differ without relying on colour."""
    _require(data, category, value, method)
    fig, ax = new_chart(title, subtitle, source, xlabel=xlabel, ylabel=ylabel, figsize=figsize)
    categories = list(order) if order is not None else list(dict.fromkeys(data[category]))
    methods = list(dict.fromkeys(data[method])) if method else [None]
    palette = colors_for(categories, colors)
    rows = np.arange(len(categories))[::-1]
    height = 0.8 / len(methods)
    looks = [{}, {"hatch": "//", "fill": False}, {"alpha": 0.45}]
    for k, method_name in enumerate(methods):
        subset = data if method is None else data[data[method] == method_name]
        scores = subset.groupby(category, sort=False)[value].mean().reindex(categories)
        look = looks[k % len(looks)]
        offsets = rows + (len(methods) - 1) / 2 * height - k * height
        shown = scores.notna().to_numpy()
        bars = ax.barh(offsets[shown], scores[shown], height=height * 0.92,
                       color=[palette[c] for c in scores.index[shown]],
                       edgecolor=[palette[c] for c in scores.index[shown]],
                       linewidth=2 if look.get("hatch") else 0, **look)
        ax.bar_label(bars, labels=[_minus(value_format.format(v)) for v in scores[shown]], padding=5,
                     fontsize=ANNOTATION_SIZE, color=INK)
    ax.axvline(0, color=INK, linewidth=1.6, zorder=3)
    ax.set_yticks(rows, [str(c) for c in categories])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    reach = float(np.nanmax(np.abs(data[value].to_numpy(dtype=float)))) if len(data) else 1.0
    reach = reach if reach > 0 else 1.0
    # Counts and other non-negative values need no negative side.
    ax.set_xlim(0 if (data[value] >= 0).all() else -reach * 1.3, reach * 1.3)
    if method:
        handles = [Patch(facecolor=MUTED, edgecolor=MUTED, linewidth=2 if look.get("hatch") else 0,
                         **look) for look, _ in zip(looks * len(methods), methods, strict=False)]
        ax.legend(handles, [str(m) for m in methods], loc="lower left", bbox_to_anchor=(0.0, 1.0),
                  ncols=len(methods))
    return fig


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
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """A strip chart: every row a dot on its category's line, a bar marking each
    category's mean. Dots are coloured by ``color_by`` (else by category) and spread
    vertically by rank, not at random, so the chart is the same on every run."""
    _require(data, category, value, color_by)
    fig, ax = new_chart(title, subtitle, source, xlabel=xlabel, ylabel=ylabel, figsize=figsize)
    categories = list(order) if order is not None else list(dict.fromkeys(data[category]))
    hue = color_by or category
    palette = colors_for(data[hue], colors)
    rows = dict(zip(categories, np.arange(len(categories))[::-1], strict=True))
    for name in categories:
        points = data[data[category] == name].sort_values(value)
        spread = (np.arange(len(points)) % 5 - 2) * 0.07
        ax.scatter(points[value], rows[name] + spread, s=110, alpha=0.85, zorder=3,
                   color=[palette[h] for h in points[hue]], edgecolor="white", linewidth=0.8)
        if len(points):
            ax.plot([points[value].mean()] * 2, [rows[name] - 0.3, rows[name] + 0.3], color=INK,
                    linewidth=3, zorder=4)
    ax.set_yticks(list(rows.values()), [str(c) for c in categories])
    ax.set_ylim(-0.6, len(categories) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    values = data[value]
    if len(values) and values.min() < 0 < values.max():
        ax.axvline(0, color=MUTED, linewidth=1.2, zorder=2)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=11, color=palette[h])
               for h in dict.fromkeys(data[hue])]
    handles.append(Line2D([], [], color=INK, linewidth=3))
    ax.legend(handles, [*[str(h) for h in dict.fromkeys(data[hue])], "mean"],
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


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
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Dated events on a true time axis, one row per event (earliest at the top) so
    that events days apart stay readable; each label points toward the middle of the
    chart and the text shrinks (to 9 pt at least) when many events must fit. An
    ``end_date`` draws the span; ``actor`` colours each event."""
    _require(events, date, label, end_date, actor)
    fig, ax = new_chart(title, subtitle, source, xlabel=xlabel, ylabel="", figsize=figsize)
    table = events.reset_index(drop=True)
    stamps, when = event_times(table[date])
    ends = pd.Series(pd.NaT, index=table.index)
    if end_date:
        given = table[end_date].notna() & (table[end_date].astype(str).str.strip() != "")
        ends[given] = event_times(table[end_date][given])[0]
    order = np.argsort(stamps.to_numpy(), kind="stable")
    palette = colors_for(table[actor], colors) if actor else {}
    first, last = stamps.min(), max(stamps.max(), ends.max() if ends.notna().any() else stamps.max())
    middle = first + (last - first) / 2

    width_in, height_in = fig.get_size_inches()
    label_width = 0.42 * (width_in - 2 * MARGIN_IN) * 72
    texts = [f"{when[k]}: {table[label][k]}" for k in order]
    size = float(ANNOTATION_SIZE)
    room = 0.62 * height_in * 72  # points of the axes' height the labels may fill
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
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_ylim(-sum(heights), 0)
    pad = (last - first) * 0.03 if last > first else pd.Timedelta(days=30)
    ax.set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if actor:
        names = list(dict.fromkeys(table[actor]))
        ax.legend([Line2D([], [], linestyle="none", marker="o", markersize=11, color=palette[n])
                   for n in names], [str(n) for n in names], loc="lower left")
    return fig


def polygon_layout(actors: Sequence[str], radius: float = 1.0) -> dict[str, tuple[float, float]]:
    """Actors evenly spaced on a circle, the first at the top, then clockwise."""
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(actors)) / max(len(actors), 1)
    return {a: (radius * np.cos(t), radius * np.sin(t)) for a, t in zip(actors, angles, strict=True)}


def triangle(
    edges: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    tail: str = "from",
    head: str = "to",
    weight: str = "weight",
    label: str | None = None,
    actors: Sequence[str] | None = None,
    directed: bool = True,
    value_format: str = "{:+.2f}",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """A network of a few actors with signed edges (the US-China-Russia "triangle", or
    a square with Europe): solid lines for positive weights, dashed for negative, width
    growing with the size of the weight, each edge labelled with ``label`` or its value.
    Directed edges become arrows, and a pair with edges both ways bows apart."""
    _require(edges, tail, head, weight, label)
    fig, ax = new_chart(title, subtitle, source, xlabel="", ylabel="", figsize=figsize)
    names = list(actors) if actors is not None else list(dict.fromkeys([*edges[tail], *edges[head]]))
    where = polygon_layout(names)
    node_pt = 26  # node radius in points
    strongest = float(edges[weight].abs().max()) if len(edges) else 1.0
    strongest = strongest if strongest > 0 else 1.0
    pairs = set(zip(edges[tail], edges[head], strict=True))
    for _, edge in edges.iterrows():
        a, b, w = edge[tail], edge[head], float(edge[weight])
        if a not in where or b not in where or a == b:
            continue
        both_ways = directed and (b, a) in pairs
        bend = 0.18 if both_ways else 0.0
        width = 1.5 + 5.5 * abs(w) / strongest
        ax.add_patch(FancyArrowPatch(
            where[a], where[b], connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-|>,head_length=0.7,head_width=0.35" if directed else "-",
            mutation_scale=14 + width * 2, linewidth=width, color=MUTED,
            linestyle="-" if w >= 0 else (0, (4, 2)), shrinkA=node_pt + 4, shrinkB=node_pt + 6,
            zorder=2))
        (xa, ya), (xb, yb) = where[a], where[b]
        mid_x = (xa + xb) / 2 + bend / 2 * (yb - ya)
        mid_y = (ya + yb) / 2 - bend / 2 * (xb - xa)
        text = str(edge[label]) if label else _minus(value_format.format(w))
        ax.text(mid_x, mid_y, text, ha="center", va="center", fontsize=ANNOTATION_SIZE + 1,
                color=INK, zorder=4,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none"})
    for name, (px, py) in where.items():
        ax.scatter([px], [py], s=(2 * node_pt) ** 2, color=actor_color(name), zorder=3,
                   edgecolor="white", linewidth=2)
        norm = float(np.hypot(px, py)) or 1.0
        ax.annotate(str(name), (px, py), xytext=(px / norm * (node_pt + 12), py / norm * (node_pt + 12)),
                    textcoords="offset points", fontsize=18, fontweight="bold", color=INK,
                    ha="center" if abs(px) < 0.3 else ("left" if px > 0 else "right"),
                    va="center" if abs(py) < 0.3 else ("bottom" if py > 0 else "top"))
    ax.set_aspect("equal")
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    ax.legend([Line2D([], [], color=MUTED, linewidth=4),
               Line2D([], [], color=MUTED, linewidth=4, linestyle=(0, (4, 2)))],
              ["positive", "negative"], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
