"""The mistakes this lesson knows: each asked quantity's right value and the wrong values slips give.

Each function returns (right, [(value, slip, fix, step)]); step names the step of the worked answer
(lessons.loss_and_optimization.STEPS) that shows the right move.
"""

import numpy as np

from lessons.loss_and_optimization import reference
from lessons.loss_and_optimization.exercises import class_index, correct_index, svm_inputs
from studykit.core import fmt


def svm_loss(item):
    """The SVM loss of a Part A item, and its mistakes."""
    s, y, delta, _ = svm_inputs(item)
    d, wrong = fmt.given(delta), np.arange(s.size) != y
    right, term = reference.svm_loss(s, y, delta), f"each term is max(0, s_j − s_y + {d})"
    return right, [
        (np.maximum(0.0, s - s[y] + delta).sum(), f"also count the correct class, which adds "
         f"max(0, {d}) = {d}", "the sum runs over the wrong classes only", "sum"),
        (reference.svm_loss(s, y, 0.0), "leave out the margin Δ", term, "margins"),
        (np.maximum(0.0, s[y] - s[wrong] + delta).sum(),
         "take the difference the wrong way round, max(0, s_y − s_j + Δ)", term, "margins"),
        (reference.svm_margins(s, y, delta).sum(), "add the margins without max(0, ·)",
         "a negative margin counts as 0", "hinges"),
        (right / wrong.sum(), "average the terms instead of adding them", "the loss is their sum", "sum"),
    ]


def margin(item, wrong_class):
    """The margin s_j − s_y + Δ of one wrong class of a Part A item, and its mistakes."""
    s, y, delta, classes = svm_inputs(item)
    j = class_index(classes, wrong_class, "class")
    if j == y:
        raise ValueError(f"class {wrong_class!r} is the correct class: it has no margin to ask for")
    d, sj, sy = fmt.given(delta), f"s_{classes[j]}", f"s_{classes[y]}"
    right, fix = reference.svm_margins(s, y, delta)[j], f"the margin is {sj} − {sy} + {d}"
    return right, [
        (s[y] - s[j] + delta, f"take the difference the wrong way round, {sy} − {sj} + {d}", fix,
         "margins"),
        (s[j] - s[y], f"leave out the margin Δ = {d}", fix, "margins"),
        (s[j] - s[y] - delta, f"subtract Δ = {d} instead of adding it", fix, "margins"),
        (max(0.0, right), "apply max(0, ·) already", f"{fix}, max(0, ·) comes next", "margins"),
    ]


def _softmax_scores(item):
    """The scores of a Part B item as a 1-D float array of at least two classes."""
    scores = np.asarray(item["scores"], dtype=float)
    if scores.ndim != 1 or scores.size < 2:
        raise ValueError(f"scores must be a list of at least 2 numbers, got {item['scores']!r}")
    return scores


def exp_sum(item):
    """The sum of the exponentials of a Part B item's scores, and its mistakes."""
    s = _softmax_scores(item)
    exps = np.exp(s)
    return exps.sum(), [
        (s.sum(), "add the scores instead of their exponentials", "exponentiate each score first", "sum"),
        (exps[s != 0].sum(), "take exp(0) as 0", "exp(0) = 1", "sum"),
        (np.exp(s.sum()), "take the exponential of the summed scores", "add exp(s_k) over the classes",
         "sum"),
    ]


def probabilities(item):
    """The softmax probabilities of a Part B item (a vector), and their mistakes."""
    s = _softmax_scores(item)
    exps = np.exp(s)
    without_zero = np.where(s == 0, 0.0, exps)
    divide = "divide each exp(s_j) by the sum of the exponentials"
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero sum gives inf or NaN: dropped
        return reference.softmax(s), [
            (exps, "stop at the exponentials", divide, "probabilities"),
            (s / s.sum(), "divide the scores by their sum, without exponentials", divide, "probabilities"),
            (exps / s.sum(), "divide by the sum of the scores", divide, "probabilities"),
            (without_zero / without_zero.sum(), "take exp(0) as 0", "exp(0) = 1", "sum"),
            (exps / np.exp(s.sum()), "divide by the exponential of the summed scores", divide, "sum"),
        ]


def cross_entropy(item, correct):
    """The cross-entropy −ln p_y of a Part B item for the correct index y, and its mistakes."""
    s = _softmax_scores(item)
    y, p = correct_index(correct, s.size), reference.softmax(s)
    wrong_class = f"the loss uses the probability of the correct class, index {y}"
    return reference.cross_entropy_loss(s, y), [
        (-np.log10(p[y]), "use log base 10", "the loss uses the natural log, ln", "loss"),
        (np.log(p[y]), "drop the minus sign", f"the loss −ln(p_{y}) is never negative", "loss"),
        *[(-np.log(p[j]), f"take p_{j} instead of p_{y}", wrong_class, "loss")
          for j in range(s.size) if j != y],
        (-s[y], f"take −ln(exp(s_{y})) = −s_{y} without dividing by the sum", f"the loss is −ln(p_{y})",
         "probabilities"),
    ]


def _round_half_away(x, places):
    """Round to `places` decimals as by hand, halves away from zero (0.05 -> 0.1, -0.05 -> -0.1)."""
    scale = 10.0**places
    # The nudge keeps a product such as 0.1 * 0.5 = 0.05000000000000000277 a half, whichever side it lands.
    return np.sign(x) * np.floor(np.abs(x) * scale + 0.5 + 1e-9) / scale


def products(item, learning_rate):
    """The products α·∇L of a Part C item at learning_rate (a vector), and their mistakes."""
    grad, alpha = np.asarray(item["grad"], dtype=float), float(learning_rate)
    a = fmt.weight(alpha)
    return alpha * grad, [
        (grad, "leave out the learning rate", f"scale ∇L by α = {a}", "products"),
        (alpha**2 * grad, "multiply by α twice", f"the step is α·∇L with α = {a}", "products"),
        (-alpha * grad, "flip the signs", "α·∇L has the signs of ∇L, and the update subtracts it", "products"),
        (_round_half_away(alpha * grad, 1), "round α·∇L to one decimal", "keep every digit", "products"),
    ]


def new_weights(item, learning_rate):
    """The weights after one step at learning_rate of a Part C item (a vector), and their mistakes."""
    W, grad = np.asarray(item["W"], dtype=float), np.asarray(item["grad"], dtype=float)
    alpha = float(learning_rate)
    a, product = fmt.weight(alpha), alpha * grad
    # Rounding "too early" is to the inputs' own precision, one decimal: 0.1 · 0.2 = 0.02 becomes 0.0.
    return reference.gradient_step(W, grad, alpha), [
        (W + product, "add α·∇L instead of subtracting it", "the step goes downhill, W − α·∇L", "update"),
        (reference.gradient_step(W, grad, alpha**2), "multiply by α twice",
         f"the step is α·∇L with α = {a}", "products"),
        (W - grad, "leave out the learning rate", f"scale ∇L by α = {a} first", "products"),
        (W - _round_half_away(product, 1), "round α·∇L to one decimal before subtracting",
         "keep every digit of α·∇L", "products"),
        (_round_half_away(W - product, 1), "round the new weights to one decimal",
         "keep every digit of W − α·∇L", "update"),
    ]
