"""A lesson's figures: each declared once, drawn with matplotlib as accessible SVG, with its data."""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import numpy as np

BACKGROUND = "#ffffff"  # opaque and light, so a figure reads the same on the light and dark page
INK = "#1a1a1a"
# Okabe-Ito colours with at least 3:1 contrast on white; each line also has its own dash and marker.
STYLES = (("#0072B2", "-", "o"), ("#D55E00", "--", "s"), ("#009E73", ":", "^"),
          ("#000000", "-.", "D"))
_SIZE = (5.6, 3.4)  # inches; the page scales the SVG to its column
_RC = {
    "svg.fonttype": "none",  # text stays text: small, selectable, and no glyph outlines to embed
    "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"], "font.size": 9,
    "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": INK,
    "xtick.color": INK, "ytick.color": INK,
    "figure.facecolor": BACKGROUND, "axes.facecolor": BACKGROUND, "savefig.facecolor": BACKGROUND,
    "axes.grid": True, "grid.color": "#d9d9d9", "grid.linewidth": 0.6,
    "lines.linewidth": 1.6, "lines.markersize": 4.5, "legend.frameon": False,
    "axes.spines.top": False, "axes.spines.right": False,
}
# Without these, matplotlib writes its version and a creation date into every SVG.
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


@dataclass(frozen=True)
class FigureSpec:
    """A figure as a lesson declares it: its name (<!-- figure NAME -->) and how it is made."""

    name: str
    compute: Callable  # seed -> the experiment's result
    draw: Callable  # (matplotlib axes, result) -> None
    words: Callable  # result -> (title, caption, alt)
    table: Callable  # result -> the CSV of its data


@dataclass(frozen=True)
class Figure:
    """One rendered figure: the SVG markup, the CSV of its data, its caption and text alternative."""

    name: str
    title: str
    svg: str
    csv: str
    caption: str
    alt: str


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value, _position=None):
    """A log-axis tick as a power of ten in plain text (mathtext would pin its own font): 10⁻⁵."""
    return "10" + str(int(round(np.log10(value)))).translate(_SUPERSCRIPTS)


def plain(value, _position=None):
    """A log-axis tick as a plain number: 0.5, 20, 100,000."""
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def log_scale(axes, which, labels):
    """Put axes' "x" or "y" axis on a log scale, ticks labelled as powers of ten or plain numbers."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    getattr(axes, f"set_{which}scale")("log")
    axis = getattr(axes, f"{which}axis")
    low, high = axis.get_view_interval()
    if labels == "plain" and high / low < 1000:  # a few decades: label 1, 2 and 5 of each
        axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(plain if labels == "plain" else power_of_ten))
    axis.set_minor_locator(NullLocator())  # unlabelled ticks: clutter, and slow to lay out


def lines(axes, xs, ys, labels, styles=STYLES, marks=10):
    """Plot each series in its own colour, dash and marker, a marker every `marks` points."""
    for (colour, dash, marker), x, y, label in zip(styles, xs, ys, labels):
        axes.plot(x, y, color=colour, linestyle=dash, marker=marker, markevery=marks, label=label)


def _hundredths(number):
    """A matched coordinate rounded to two decimals, trailing zeros dropped."""
    return f"{float(number.group()):.2f}".rstrip("0").rstrip(".")


def _accessible(svg, figure_id, title, alt):
    """Inline-ready SVG: no prolog, no group ids, styles scoped to it, <title>/<desc> and a role."""
    svg = svg[svg.index("<svg"):]
    # Hundredths of a point are finer than any screen or printer shows; six decimals only add bytes.
    svg = re.sub(r'="[^"]*"', lambda attribute: re.sub(
        r"\d+\.\d{3,}", _hundredths, attribute.group()), svg)
    svg = re.sub(r'<g id="[^"]*">', "<g>", svg)  # matplotlib's ids repeat across figures; unused
    svg = re.sub(r' transform="rotate\(-0 [^"]*\)"', "", svg)  # turns text by nothing
    svg = re.sub(r"\n +", "\n", svg)  # indentation
    svg = svg.replace("<style type=\"text/css\">*{", f"<style type=\"text/css\">#{figure_id} *{{")
    labels = (f' role="img" aria-labelledby="{figure_id}-title"'
              f' aria-describedby="{figure_id}-desc">'
              f'\n <title id="{figure_id}-title">{escape(title, quote=False)}</title>'
              f'\n <desc id="{figure_id}-desc">{escape(alt, quote=False)}</desc>')
    return svg.replace(">", labels, 1)


def draw_svg(name, draw, result, title, alt):
    """The figure as SVG text; matplotlib is imported here, so only a drawing pays for it."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure as PlotFigure

    figure_id = f"lesson-figure-{name}"
    # A per-figure salt keeps clip-path and marker ids apart when several SVGs share one page.
    with rc_context({**_RC, "svg.hashsalt": figure_id, "svg.id": figure_id}):
        figure = PlotFigure(figsize=_SIZE)
        axes = figure.subplots()
        draw(axes, result)
        # Above the plot, where no curve can hide under it.
        rows = 2 if len(axes.get_lines()) == 4 else 1
        figure.legend(loc="upper center", ncol=2 if rows == 2 else 3, borderaxespad=0.3)
        # Fixed margins, not a layout engine: it would draw everything twice to measure it.
        figure.subplots_adjust(left=0.12, right=0.97, bottom=0.14, top=0.93 - 0.06 * rows)
        stream = io.StringIO()
        figure.savefig(stream, format="svg", metadata=_NO_METADATA)
    return _accessible(stream.getvalue(), figure_id, title, alt)




def render_figures(specs, seed) -> dict:
    """Every figure, by name: computed, drawn and worded."""
    figures = {}
    for spec in specs:
        result = spec.compute(seed)
        title, caption, alt = spec.words(result)
        figures[spec.name] = Figure(spec.name, title, draw_svg(spec.name, spec.draw, result, title, alt),
                                    spec.table(result), caption, alt)
    return figures
