"""Titles, captions and text alternatives for the figures, worded from the experiments' numbers."""

import numpy as np

from studykit.core import fmt

RATE_ROLES = ("too small", "good", "too large")  # the order of LearningRateResult.rates


def sci(x):
    """A positive number in the lesson's e-notation, at most two significant digits: 3.2e-4, 1e-5."""
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa.removesuffix('.0')}e{int(exponent)}"


def thousands(n):
    """A whole number with thousands separators: 180000 -> '180,000'."""
    return f"{int(n):,}"


def batch_label(size, full_size):
    """The legend name of a batch size: 'batch 32', or 'full batch (900)'."""
    return f"full batch ({thousands(size)})" if size == full_size else f"batch {thousands(size)}"


def _listing(items):
    """Items joined as English prose: 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _movement(start, end):
    """'falls from 1.108 to 0.456' or 'rises from ...', by which way the loss actually went."""
    verb = "falls" if end < start else "rises" if end > start else "stays"
    return f"{verb} from {fmt.prob(start)} to {fmt.prob(end)}"


def learning_rate(result):
    """(title, caption, alt) for loss against step at three learning rates."""
    title = "Training loss against step at three learning rates"
    rates = [f"{fmt.prob(loss)} at learning rate {fmt.weight(rate)} ({role})"
             for rate, loss, role in zip(result.rates, result.final_losses, RATE_ROLES)]
    too_large_end = result.final_losses[-1]
    where = "above" if too_large_end > result.start_loss else "not above"
    caption = (f"Gradient descent on a softmax classifier of {thousands(result.examples)} examples "
               f"in {fmt.words(result.classes)} classes, from a start loss of "
               f"{fmt.prob(result.start_loss)}. "
               f"After {result.steps} steps the loss is {_listing(rates)}: the too-large rate "
               f"ends {where} where it started.")
    lines = [f"learning rate {fmt.weight(rate)} ({role}) {_movement(result.start_loss, loss)}"
             for rate, loss, role in zip(result.rates, result.final_losses, RATE_ROLES)]
    alt = (f"Line chart of training loss, on a log scale, against gradient-descent step from 0 to "
           f"{result.steps}. Over {result.steps} steps, {_listing(lines)}.")
    return title, caption, alt


def gradient_check(result):
    """(title, caption, alt) for gradient-check error against the step h."""
    title = "Gradient-check relative error against the step h"
    bests = [f"{name} {sci(error)} at h = {sci(h)}"
             for name, h, error in zip(loss_names(result), result.best_h, result.best_errors)]
    span = f"h from {sci(result.h.max())} to {sci(result.h.min())}"
    caption = (f"Relative error between the analytic gradient and the centred numerical gradient, "
               f"part-way through training, for {span}. A large h suffers the difference formula's "
               f"own (truncation) error, which for the piecewise-linear SVM loss comes from stepping "
               f"across its kinks; a tiny h suffers round-off. The error is smallest for "
               f"{_listing(bests)}.")
    ends = [f"{name} {sci(errors[0])} at the largest h, {sci(error)} at h = {sci(h)}, "
            f"{sci(errors[-1])} at the smallest h"
            for name, errors, h, error in zip(loss_names(result), result.errors, result.best_h,
                                              result.best_errors)]
    alt = (f"Line chart on log-log axes of relative error against the step h, {span}, for the "
           f"SVM and softmax losses; each curve falls to a minimum and rises again. "
           f"{_capital(_listing(ends))}.")
    return title, caption, alt


def loss_names(result):
    """Reader-facing names of the losses in a gradient check."""
    return ["SVM" if name == "svm" else name for name in result.losses]


def _capital(text):
    """Text with its first letter capitalized and the rest kept: 'SVM ...', 'Softmax ...'."""
    return text[:1].upper() + text[1:]


def minibatch(result):
    """(title, caption, alt) for loss against examples processed at several batch sizes."""
    title = "Training loss against examples processed for four batch sizes"
    full = max(result.batch_sizes)
    runs = [f"{batch_label(size, full)} processed {thousands(examples[-1])} examples and reached "
            f"{fmt.prob(loss)}"
            for size, examples, loss in zip(result.batch_sizes, result.examples, result.final_losses)]
    rises = _listing([str(n) for n in result.rises])
    shapes = [f"{batch_label(size, full)} " + (f"zig-zags, rising on {rises} steps" if rises
                                                 else "falls on every step, never rising")
              for size, rises in zip(result.batch_sizes, result.rises)]
    caption = (f"Mini-batch gradient descent on the same problem at learning rate "
               f"{fmt.weight(result.rate)}, {result.steps} steps at each batch size. Each step costs "
               f"as many examples as the batch holds. After {result.steps} steps, {_listing(runs)}. "
               f"The whole-set loss rose on {rises} of the {result.steps} steps respectively.")
    alt = (f"Line chart of training loss against examples processed, on a log scale, for "
           f"{_listing([batch_label(size, full) for size in result.batch_sizes])}. "
           f"All start at {fmt.prob(result.losses[0, 0])}. Each curve begins further right the "
           f"larger the batch, since one step costs a whole batch. {_capital(_listing(shapes))}.")
    return title, caption, alt


def loss_shapes(result):
    """(title, caption, alt) for the SVM and cross-entropy loss of one example against the margin."""
    title = "SVM hinge loss and cross-entropy loss against the correct class's margin"
    low, high = result.margins[0], result.margins[-1]
    at = {name: float(np.interp(0.0, result.margins, values))
          for name, values in (("svm", result.svm), ("ce", result.cross_entropy))}
    hinge = (f"reaches exactly 0 at m = {fmt.approx(result.hinge_zero_from)} and stays there"
             if np.isfinite(result.hinge_zero_from) else "never reaches 0 on this range")
    never = "never exactly 0" if result.smallest_cross_entropy > 0 else "exactly 0 there"
    caption = (f"Loss of one example with {fmt.words(result.num_classes)} classes, as the "
               f"correct class's score leads each other class's by m, from {fmt.approx(low)} to "
               f"{fmt.approx(high)}. The SVM hinge loss {hinge}; cross-entropy is still "
               f"{fmt.prob(result.smallest_cross_entropy)} at m = {fmt.approx(high)}, {never}.")
    alt = (f"Line chart of loss against the margin m from {fmt.approx(low)} to {fmt.approx(high)}. "
           f"At m = 0 the SVM loss is {fmt.approx(at['svm'])} and cross-entropy "
           f"{fmt.prob(at['ce'])}. The SVM loss falls in a straight line and {hinge}; "
           f"cross-entropy curves down towards 0 and is {fmt.prob(result.smallest_cross_entropy)} "
           f"at m = {fmt.approx(high)}, {never}.")
    return title, caption, alt
