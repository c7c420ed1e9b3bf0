"""This lesson's four figures: the experiment behind each, how it is drawn, worded and tabled."""

import numpy as np

from lessons.loss_and_optimization import experiments, figure_data, figure_text
from studykit.core import fmt
from studykit.figures import drawing
from studykit.figures.drawing import FigureSpec


def _draw_learning_rate(axes, result):
    """Loss (log) against step, one line a learning rate."""
    steps = np.arange(result.steps + 1)
    # The good rate gets the solid line; the two failures are dashed and dotted.
    drawing.lines(axes, [steps] * len(result.rates), result.losses,
           [f"rate {fmt.weight(rate)} ({role})"
            for rate, role in zip(result.rates, figure_text.RATE_ROLES)],
           styles=(drawing.STYLES[1], drawing.STYLES[0], drawing.STYLES[2]))
    drawing.log_scale(axes, "y", "plain")
    axes.set(xlabel="gradient-descent step", ylabel="training loss (log scale)")


def _draw_gradient_check(axes, result):
    """Relative error against h on log-log axes, one line a loss."""
    drawing.lines(axes, [result.h] * len(result.losses), result.errors,
           [f"{name} loss" for name in figure_text.loss_names(result)], marks=1)
    drawing.log_scale(axes, "x", "powers")
    drawing.log_scale(axes, "y", "powers")
    axes.invert_xaxis()  # read left to right as h shrinks
    axes.set(xlabel="step h (log scale, shrinking)", ylabel="relative error (log scale)")


def _draw_minibatch(axes, result):
    """Loss against examples processed (log), one line a batch size."""
    full = max(result.batch_sizes)
    # Step 0 has processed no examples, which a log axis cannot show; each curve starts at step 1.
    marks = [step - 1 for step in (1, 2, 5, 10, 20, 50, 100, 200, 500) if step <= result.steps]
    drawing.lines(axes, result.examples[:, 1:], result.losses[:, 1:],
           [figure_text.batch_label(size, full) for size in result.batch_sizes], marks=marks)
    drawing.log_scale(axes, "x", "plain")
    axes.set(xlabel="examples processed (log scale)", ylabel="training loss")


def _draw_loss_shapes(axes, result):
    """SVM and cross-entropy loss against the margin m."""
    drawing.lines(axes, [result.margins] * 2, [result.svm, result.cross_entropy],
           ["SVM hinge loss", "cross-entropy loss"], marks=10)
    axes.set(xlabel="margin m: correct score minus each other score", ylabel="loss of one example")


_DRAW = {"learning-rate": _draw_learning_rate, "gradient-check": _draw_gradient_check,
         "minibatch": _draw_minibatch, "loss-shapes": _draw_loss_shapes}
_WORDS = {"learning-rate": figure_text.learning_rate, "gradient-check": figure_text.gradient_check,
          "minibatch": figure_text.minibatch, "loss-shapes": figure_text.loss_shapes}


FIGURES = (
    FigureSpec("learning-rate", experiments.learning_rate_experiment, _draw_learning_rate,
               figure_text.learning_rate, figure_data.learning_rate),
    FigureSpec("gradient-check", experiments.gradient_check_experiment, _draw_gradient_check,
               figure_text.gradient_check, figure_data.gradient_check),
    FigureSpec("minibatch", experiments.minibatch_experiment, _draw_minibatch,
               figure_text.minibatch, figure_data.minibatch),
    FigureSpec("loss-shapes", lambda seed: experiments.loss_shapes_experiment(), _draw_loss_shapes,
               figure_text.loss_shapes, figure_data.loss_shapes),
)
