"""The lesson's four figures: SVG drawn with matplotlib, the CSV behind each, caption and alt text."""

import argparse
import io
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import numpy as np

from lesson import experiments, figure_text, fmt
from lesson.figure_data import csv_text
from lesson.output import write_atomic

NAMES = ("learning-rate", "gradient-check", "minibatch", "loss-shapes")
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
class Figure:
    """One rendered figure: the SVG markup, the CSV of its data, its caption and text alternative."""

    name: str
    title: str
    svg: str
    csv: str
    caption: str
    alt: str


def compute(seed=experiments.DEFAULT_SEED):
    """The experiment result behind each figure, by figure name."""
    return {"learning-rate": experiments.learning_rate_experiment(seed),
            "gradient-check": experiments.gradient_check_experiment(seed),
            "minibatch": experiments.minibatch_experiment(seed),
            "loss-shapes": experiments.loss_shapes_experiment()}


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(value, _position=None):
    """A log-axis tick as a power of ten in plain text (mathtext would pin its own font): 10⁻⁵."""
    return "10" + str(int(round(np.log10(value)))).translate(_SUPERSCRIPTS)


def _plain(value, _position=None):
    """A log-axis tick as a plain number: 0.5, 20, 100,000."""
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _log_scale(axes, which, labels):
    """Put axes' "x" or "y" axis on a log scale, ticks labelled as powers of ten or plain numbers."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    getattr(axes, f"set_{which}scale")("log")
    axis = getattr(axes, f"{which}axis")
    low, high = axis.get_view_interval()
    if labels == "plain" and high / low < 1000:  # a few decades: label 1, 2 and 5 of each
        axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(_plain if labels == "plain" else _power_of_ten))
    axis.set_minor_locator(NullLocator())  # unlabelled ticks: clutter, and slow to lay out


def _lines(axes, xs, ys, labels, styles=STYLES, marks=10):
    """Plot each series in its own colour, dash and marker, a marker every `marks` points."""
    for (colour, dash, marker), x, y, label in zip(styles, xs, ys, labels):
        axes.plot(x, y, color=colour, linestyle=dash, marker=marker, markevery=marks, label=label)


def _draw_learning_rate(axes, result):
    """Loss (log) against step, one line a learning rate."""
    steps = np.arange(result.steps + 1)
    # The good rate gets the solid line; the two failures are dashed and dotted.
    _lines(axes, [steps] * len(result.rates), result.losses,
           [f"rate {fmt.weight(rate)} ({role})"
            for rate, role in zip(result.rates, figure_text.RATE_ROLES)],
           styles=(STYLES[1], STYLES[0], STYLES[2]))
    _log_scale(axes, "y", "plain")
    axes.set(xlabel="gradient-descent step", ylabel="training loss (log scale)")


def _draw_gradient_check(axes, result):
    """Relative error against h on log-log axes, one line a loss."""
    _lines(axes, [result.h] * len(result.losses), result.errors,
           [f"{name} loss" for name in figure_text.loss_names(result)], marks=1)
    _log_scale(axes, "x", "powers")
    _log_scale(axes, "y", "powers")
    axes.invert_xaxis()  # read left to right as h shrinks
    axes.set(xlabel="step h (log scale, shrinking)", ylabel="relative error (log scale)")


def _draw_minibatch(axes, result):
    """Loss against examples processed (log), one line a batch size."""
    full = max(result.batch_sizes)
    # Step 0 has processed no examples, which a log axis cannot show; each curve starts at step 1.
    marks = [step - 1 for step in (1, 2, 5, 10, 20, 50, 100, 200, 500) if step <= result.steps]
    _lines(axes, result.examples[:, 1:], result.losses[:, 1:],
           [figure_text.batch_label(size, full) for size in result.batch_sizes], marks=marks)
    _log_scale(axes, "x", "plain")
    axes.set(xlabel="examples processed (log scale)", ylabel="training loss")


def _draw_loss_shapes(axes, result):
    """SVM and cross-entropy loss against the margin m."""
    _lines(axes, [result.margins] * 2, [result.svm, result.cross_entropy],
           ["SVM hinge loss", "cross-entropy loss"], marks=10)
    axes.set(xlabel="margin m: correct score minus each other score", ylabel="loss of one example")


_DRAW = {"learning-rate": _draw_learning_rate, "gradient-check": _draw_gradient_check,
         "minibatch": _draw_minibatch, "loss-shapes": _draw_loss_shapes}
_WORDS = {"learning-rate": figure_text.learning_rate, "gradient-check": figure_text.gradient_check,
          "minibatch": figure_text.minibatch, "loss-shapes": figure_text.loss_shapes}


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


def draw_svg(name, result, title, alt):
    """The figure as SVG text; matplotlib is imported here, so only a drawing pays for it."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure as PlotFigure

    figure_id = f"lesson-figure-{name}"
    # A per-figure salt keeps clip-path and marker ids apart when several SVGs share one page.
    with rc_context({**_RC, "svg.hashsalt": figure_id, "svg.id": figure_id}):
        figure = PlotFigure(figsize=_SIZE)
        axes = figure.subplots()
        _DRAW[name](axes, result)
        # Above the plot, where no curve can hide under it.
        rows = 2 if len(axes.get_lines()) == 4 else 1
        figure.legend(loc="upper center", ncol=2 if rows == 2 else 3, borderaxespad=0.3)
        # Fixed margins, not a layout engine: it would draw everything twice to measure it.
        figure.subplots_adjust(left=0.12, right=0.97, bottom=0.14, top=0.93 - 0.06 * rows)
        stream = io.StringIO()
        figure.savefig(stream, format="svg", metadata=_NO_METADATA)
    return _accessible(stream.getvalue(), figure_id, title, alt)


def render_figures(seed=experiments.DEFAULT_SEED):
    """Every figure, by name: computed, drawn and worded."""
    figures = {}
    for name, result in compute(seed).items():
        title, caption, alt = _WORDS[name](result)
        figures[name] = Figure(name, title, draw_svg(name, result, title, alt),
                               csv_text(name, result), caption, alt)
    return figures


def write_figures(figures, out_dir):
    """Write NAME.svg and NAME.csv for each figure into out_dir; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_atomic(text.encode(), out_dir / f"{figure.name}.{suffix}")
            for figure in figures.values() for suffix, text in (("svg", figure.svg),
                                                                ("csv", figure.csv))]


def main(argv=None):
    """Command line: python -m lesson.figures OUT_DIR [--seed N]."""
    parser = argparse.ArgumentParser(prog="python -m lesson.figures",
                                     description="Write the lesson's figures as SVG and CSV.")
    parser.add_argument("out_dir", type=Path, help="folder for NAME.svg and NAME.csv")
    parser.add_argument("--seed", type=int, default=experiments.DEFAULT_SEED)
    args = parser.parse_args(argv)
    for path in write_figures(render_figures(args.seed), args.out_dir):
        print(path)


if __name__ == "__main__":
    main()
