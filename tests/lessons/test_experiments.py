"""The figures' experiments: shapes, seeds, and the lesson's claims checked against the returned data.

Expected values come from hand-worked numbers or from an independent NumPy implementation written
here (softmax cross-entropy, multiclass hinge, centred differences), never from the code under test.
"""

import dataclasses
import math

import numpy as np
import pytest

from lessons.loss_and_optimization import experiments
from lessons.loss_and_optimization.reference import numerical_gradient

SEEDS = [0, 1, 2]


# --- An independent implementation of the problem's maths --------------------------------------


def _softmax_loss_and_grad(weights, features, labels, reg):
    """Mean cross-entropy of features @ weights plus reg * sum(W**2), and its gradient: X^T(P-Y)/n."""
    scores = features @ weights
    scores = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    rows = np.arange(len(labels))
    loss = -np.log(probs[rows, labels]).mean() + reg * np.sum(weights**2)
    onehot = np.zeros_like(probs)
    onehot[rows, labels] = 1.0
    return loss, features.T @ (probs - onehot) / len(labels) + 2 * reg * weights


def _svm_loss(weights, features, labels, reg):
    """Mean multiclass hinge loss with margin 1, plus reg * sum(W**2), written out loop by loop."""
    scores = features @ weights
    total = 0.0
    for row, label in zip(scores, labels):
        total += sum(max(0.0, s - row[label] + 1.0) for j, s in enumerate(row) if j != label)
    return total / len(labels) + reg * np.sum(weights**2)


def _centred_difference(f, x, h):
    """(f(x + h e_i) - f(x - h e_i)) / 2h for every entry i."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def _trained_weights(problem, rate, steps):
    """Weights after full-batch gradient descent on the softmax objective, computed independently."""
    weights = np.array(problem.initial_weights)
    for _ in range(steps):
        weights = weights - rate * _softmax_loss_and_grad(
            weights, problem.features, problem.labels, experiments.REG)[1]
    return weights


@pytest.fixture(scope="module")
def problem():
    return experiments.blobs_problem()


@pytest.fixture(scope="module")
def learning_rate():
    return experiments.learning_rate_experiment()


@pytest.fixture(scope="module")
def gradient_check():
    return experiments.gradient_check_experiment()


@pytest.fixture(scope="module")
def minibatch():
    return experiments.minibatch_experiment()


@pytest.fixture(scope="module")
def loss_shapes():
    return experiments.loss_shapes_experiment()


# --- The data set ---------------------------------------------------------------------------------


def test_blobs_have_three_balanced_classes_a_bias_column_and_small_weights(problem):
    assert problem.features.shape == (900, 3)
    assert np.bincount(problem.labels).tolist() == [300, 300, 300]
    assert np.all(problem.features[:, 2] == 1.0)
    assert problem.initial_weights.shape == (3, 3)
    assert np.abs(problem.initial_weights).max() < 0.1
    # Unit-spread blobs: each class's points scatter by about 1 around their own centre.
    for label in range(3):
        spread = problem.features[problem.labels == label, :2].std(axis=0)
        assert np.allclose(spread, 1.0, atol=0.15)


def test_blobs_overlap_so_no_straight_line_separates_them(problem):
    # Centres 1.5 from the middle and unit spread: a nearest-centre rule must misclassify some points.
    points = problem.features[:, :2]
    centres = np.array([points[problem.labels == k].mean(axis=0) for k in range(3)])
    nearest = np.argmin(((points[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    assert 0.02 < np.mean(nearest != problem.labels) < 0.5


def test_one_seed_gives_the_same_data_and_another_seed_different_data():
    first, again, other = (experiments.blobs_problem(seed) for seed in (0, 0, 1))
    assert np.array_equal(first.features, again.features)
    assert np.array_equal(first.initial_weights, again.initial_weights)
    assert not np.array_equal(first.features, other.features)


def test_results_are_frozen_all_the_way_down(problem, learning_rate):
    with pytest.raises(dataclasses.FrozenInstanceError):
        learning_rate.start_loss = 0.0
    for array in (problem.features, problem.labels, learning_rate.losses):
        with pytest.raises(ValueError):
            array[0] = 0


# --- The objective and its gradient ---------------------------------------------------------------


def test_objective_at_zero_weights_is_log_three_for_softmax_and_two_for_svm(problem):
    zeros = np.zeros((3, 3))
    # Equal scores: p = 1/3 for every class; each wrong class misses the margin of 1 by exactly 1.
    assert experiments.objective(zeros, problem.features, problem.labels) == pytest.approx(
        math.log(3))
    assert experiments.objective(zeros, problem.features, problem.labels, "svm") == pytest.approx(2)


@pytest.mark.parametrize("reg", [0.0, 0.1])
def test_softmax_objective_and_gradient_match_an_independent_formula(problem, reg):
    weights = np.random.default_rng(5).normal(size=(3, 3))
    loss, grad = _softmax_loss_and_grad(weights, problem.features, problem.labels, reg)
    assert experiments.objective(weights, problem.features, problem.labels, reg=reg) == \
        pytest.approx(loss, rel=1e-12)
    assert np.allclose(experiments.objective_grad(weights, problem.features, problem.labels,
                                                  reg=reg), grad, rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("loss", ["softmax", "svm"])
def test_objective_gradient_matches_the_numerical_gradient(problem, loss):
    # At small weights every SVM margin is near 1, far from its kink at 0, so the check is clean.
    weights = np.array(problem.initial_weights)
    features, labels = problem.features[:60], problem.labels[:60]
    numeric = numerical_gradient(
        lambda w: experiments.objective(w, features, labels, loss, reg=0.1), weights)
    analytic = experiments.objective_grad(weights, features, labels, loss, reg=0.1)
    assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


def test_svm_objective_matches_a_loop_by_loop_hinge(problem):
    weights = np.random.default_rng(6).normal(size=(3, 3))
    features, labels = problem.features[:50], problem.labels[:50]
    assert experiments.objective(weights, features, labels, "svm", reg=0.05) == pytest.approx(
        _svm_loss(weights, features, labels, 0.05), rel=1e-12)


def test_an_unknown_loss_is_named_in_the_error(problem):
    with pytest.raises(ValueError, match="'hinge'"):
        experiments.objective(np.zeros((3, 3)), problem.features, problem.labels, "hinge")


@pytest.mark.parametrize(("analytic", "numeric", "expected"), [
    ([1.0, 2.0], [1.0, 2.0], 0.0),
    ([3.0, 4.0], [0.0, 0.0], 1.0),  # ||(3, 4)|| = 5 over max(5, 0)
    ([1.0, 0.0], [0.0, 1.0], math.sqrt(2)),
    ([0.0, 0.0], [0.0, 0.0], 0.0),
])
def test_relative_error_by_hand(analytic, numeric, expected):
    assert experiments.relative_error(np.array(analytic), np.array(numeric)) == pytest.approx(expected)


# --- Learning rate ----------------------------------------------------------------------------------


def test_learning_rate_result_shapes_and_numbers(learning_rate, problem):
    assert learning_rate.rates == (0.01, 0.5, 30.0)
    assert learning_rate.losses.shape == (3, learning_rate.steps + 1) == (3, 101)
    assert (learning_rate.examples, learning_rate.classes) == (900, 3)
    start, _ = _softmax_loss_and_grad(problem.initial_weights, problem.features, problem.labels,
                                      experiments.REG)
    assert learning_rate.start_loss == pytest.approx(start, rel=1e-12)
    assert learning_rate.start_loss == pytest.approx(math.log(3), abs=0.05)  # weights start near 0
    assert learning_rate.final_losses == tuple(learning_rate.losses[:, -1])


def test_every_curve_takes_real_gradient_steps(learning_rate, problem):
    for rate, losses in zip(learning_rate.rates, learning_rate.losses):
        stepped = _trained_weights(problem, rate, 2)
        expected, _ = _softmax_loss_and_grad(stepped, problem.features, problem.labels,
                                             experiments.REG)
        assert losses[2] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_too_small_creeps_good_falls_fast_too_large_ends_above_its_start(seed):
    result = experiments.learning_rate_experiment(seed)
    small, good, large = result.losses
    assert np.all(np.diff(small) < 0) and np.all(np.diff(good) < 0)  # both fall on every step
    assert good[-1] < small[-1] < result.start_loss
    assert small[-1] > 0.7 * result.start_loss  # too small: still far from where "good" got
    assert good[-1] < 0.5 * result.start_loss
    assert large[-1] > 10 * result.start_loss  # too large: it diverges ...
    assert large.min() >= result.start_loss  # ... and never once gets below where it started


def test_the_good_rate_is_about_the_fastest_that_never_overshoots(learning_rate):
    good = learning_rate.rates[1]
    half, double = experiments.learning_rate_experiment(rates=(good / 2, good * 2)).losses
    assert half[-1] > learning_rate.final_losses[1]  # half the rate: slower
    assert np.any(np.diff(double) > 0)  # double the rate: already overshoots on some steps


# --- Gradient check ----------------------------------------------------------------------------------


def test_gradient_check_spans_h_from_a_tenth_to_ten_to_the_minus_ten(gradient_check):
    assert gradient_check.losses == ("svm", "softmax")
    assert gradient_check.h.shape == (19,)
    assert gradient_check.h[0] == pytest.approx(1e-1) and gradient_check.h[-1] == pytest.approx(1e-10)
    assert np.all(np.diff(np.log10(gradient_check.h)) == pytest.approx(-0.5))
    assert gradient_check.errors.shape == (2, 19)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_best_h_lies_between_1e_7_and_1e_3_and_both_ends_are_far_worse(seed):
    result = experiments.gradient_check_experiment(seed)
    for errors, best_h, best_error in zip(result.errors, result.best_h, result.best_errors):
        assert 1e-7 <= best_h <= 1e-3
        assert best_error == errors.min() < 1e-8
        assert errors[0] > 1e4 * best_error  # truncation (or stepping over kinks)
        assert errors[-1] > 1e3 * best_error  # round-off


def test_softmax_truncation_error_shrinks_with_h_squared(gradient_check):
    # Centred differences err by about h^2 f'''/6: a factor of 10 for each half decade of h.
    softmax = gradient_check.errors[gradient_check.losses.index("softmax")]
    ratios = softmax[:4] / softmax[1:5]
    assert np.all((ratios > 7) & (ratios < 13))


def test_round_off_error_grows_as_h_shrinks(gradient_check):
    # Round-off in f(w + h) - f(w - h) is about eps |f| / h: four decades of h, about four of error.
    for errors in gradient_check.errors:
        assert 1e2 < errors[-1] / errors[-9] < 1e6


def test_gradient_check_errors_match_an_independent_check_at_large_h(gradient_check, problem):
    # At h = 0.1 the error is the formula's own, many digits above round-off, so two
    # implementations must agree closely.
    weights = _trained_weights(problem, 0.5, 50)
    features, labels = problem.features, problem.labels
    _, softmax_grad = _softmax_loss_and_grad(weights, features, labels, experiments.REG)
    softmax_numeric = _centred_difference(
        lambda w: _softmax_loss_and_grad(w, features, labels, experiments.REG)[0], weights, 0.1)
    expected = np.linalg.norm(softmax_grad - softmax_numeric) / max(
        np.linalg.norm(softmax_grad), np.linalg.norm(softmax_numeric))
    assert gradient_check.errors[1, 0] == pytest.approx(expected, rel=1e-6)
    svm_numeric = _centred_difference(lambda w: _svm_loss(w, features, labels, experiments.REG),
                                      weights, 0.1)
    svm_grad = experiments.objective_grad(weights, features, labels, "svm")
    expected = np.linalg.norm(svm_grad - svm_numeric) / max(
        np.linalg.norm(svm_grad), np.linalg.norm(svm_numeric))
    assert gradient_check.errors[0, 0] == pytest.approx(expected, rel=1e-6)


# --- Mini-batch ----------------------------------------------------------------------------------------


def test_minibatch_shapes_sizes_and_examples_processed(minibatch):
    assert minibatch.batch_sizes == (1, 32, 256, 900)
    assert minibatch.losses.shape == minibatch.examples.shape == (4, minibatch.steps + 1)
    assert minibatch.examples.dtype.kind == "i"  # counts, written to the CSV without a decimal point
    for size, examples in zip(minibatch.batch_sizes, minibatch.examples):
        assert examples.tolist() == [size * step for step in range(minibatch.steps + 1)]


def test_every_batch_size_starts_from_the_same_loss(minibatch, learning_rate):
    assert np.all(minibatch.losses[:, 0] == learning_rate.start_loss)


def test_the_full_batch_row_is_plain_gradient_descent(minibatch, problem):
    stepped = _trained_weights(problem, minibatch.rate, 3)
    expected, _ = _softmax_loss_and_grad(stepped, problem.features, problem.labels, experiments.REG)
    assert minibatch.losses[-1, 3] == pytest.approx(expected, rel=1e-9)
    # Sampling has its own random stream: the full batch does not depend on the others being run.
    alone = experiments.minibatch_experiment(batch_sizes=(None,))
    assert np.array_equal(alone.losses[0], minibatch.losses[-1])


@pytest.mark.parametrize("seed", SEEDS)
def test_small_batches_are_noisy_and_cheap_the_full_batch_smooth_and_costly(seed):
    result = experiments.minibatch_experiment(seed)
    rises = dict(zip(result.batch_sizes, result.rises))
    assert rises[900] == 0 and np.all(np.diff(result.losses[-1]) < 0)
    assert rises[1] > rises[32] > rises[256]
    assert rises[1] > 0.3 * result.steps
    assert all(loss < result.losses[0, 0] for loss in result.final_losses)
    # Batch 32 gets within 0.01 of the full batch's loss on 32/900 of its examples.
    assert abs(result.final_losses[1] - result.final_losses[-1]) < 0.01
    assert result.examples[1, -1] * 28 == pytest.approx(result.examples[-1, -1], rel=0.01)


def test_minibatch_sampling_is_seeded():
    first, again, other = (experiments.minibatch_experiment(seed, batch_sizes=(1,), steps=20)
                           for seed in (0, 0, 3))
    assert np.array_equal(first.losses, again.losses)
    assert not np.array_equal(first.losses, other.losses)


# --- Loss shapes ----------------------------------------------------------------------------------------


def test_loss_shapes_grid_runs_from_minus_two_to_four_through_exactly_one(loss_shapes):
    assert loss_shapes.margins.shape == (121,)
    assert (loss_shapes.margins[0], loss_shapes.margins[-1]) == (-2.0, 4.0)
    assert 1.0 in loss_shapes.margins.tolist() and 0.0 in loss_shapes.margins.tolist()


def test_loss_shapes_match_their_closed_forms(loss_shapes):
    m = loss_shapes.margins
    # Scores [m, 0, 0], class 0 correct: two wrong classes, each hinge max(0, 1 - m) ...
    assert np.allclose(loss_shapes.svm, 2 * np.maximum(0, 1 - m), atol=1e-12)
    # ... and p_0 = e^m / (e^m + 2), so -log p_0 = log(1 + 2 e^-m).
    assert np.allclose(loss_shapes.cross_entropy, np.log1p(2 * np.exp(-m)), rtol=1e-12)


def test_the_hinge_is_flat_at_zero_past_the_margin_and_straight_before_it(loss_shapes):
    m, svm = loss_shapes.margins, loss_shapes.svm
    assert loss_shapes.hinge_zero_from == 1.0
    assert np.all(svm[m >= 1] == 0.0) and np.all(svm[m < 1] > 0)
    assert np.allclose(np.diff(svm[m <= 1], 2), 0.0, atol=1e-12)


def test_cross_entropy_keeps_falling_and_is_never_exactly_zero(loss_shapes):
    assert np.all(np.diff(loss_shapes.cross_entropy) < 0)
    assert np.all(loss_shapes.cross_entropy > 0)
    assert loss_shapes.smallest_cross_entropy == pytest.approx(math.log(1 + 2 * math.exp(-4)))
    assert loss_shapes.smallest_cross_entropy == pytest.approx(0.036, abs=5e-4)


def test_two_classes_give_the_textbook_hinge_and_logistic_loss():
    result = experiments.loss_shapes_experiment(margins=[-1.0, 0.0, 1.0, 2.0], num_classes=2)
    assert result.svm.tolist() == [2.0, 1.0, 0.0, 0.0]
    assert result.cross_entropy[1] == pytest.approx(math.log(2))


def test_a_range_short_of_the_margin_never_reaches_zero():
    result = experiments.loss_shapes_experiment(margins=[-1.0, 0.0, 0.5])
    assert math.isnan(result.hinge_zero_from)
