"""Tests for lesson.reference: hand-worked lesson values, gradient checks, stability, validation."""

import numpy as np
import pytest

from lessons.loss_and_optimization.reference import (
    cross_entropy_grad,
    cross_entropy_loss,
    gradient_step,
    l2_penalty,
    l2_penalty_grad,
    numerical_gradient,
    softmax,
    svm_loss,
    svm_loss_grad,
    svm_margins,
)

LOSSES_WITH_GRADS = [
    pytest.param(svm_loss, svm_loss_grad, id="svm"),
    pytest.param(cross_entropy_loss, cross_entropy_grad, id="cross_entropy"),
]

EXTREME_CASES = [
    pytest.param(np.array([1000.0, 0.0, -1000.0]), y, id=f"single-y{y}") for y in range(3)
] + [
    pytest.param(
        np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0], [0.0, -1000.0, 1000.0]]),
        np.array([2, 0, 1]),
        id="batch",
    )
]


def _relative_error(analytic, numeric):
    """Return max|a - n| / max(1e-12, max(|a| + |n|))."""
    scale = max(1e-12, float(np.max(np.abs(analytic) + np.abs(numeric))))
    return float(np.max(np.abs(analytic - numeric))) / scale


def _random_scores(rng, shape, num_classes, avoid_svm_kinks):
    """Draw random scores and labels; optionally redraw until no SVM margin is near its kink."""
    while True:
        scores = rng.normal(scale=2.0, size=(*shape, num_classes))
        y = rng.integers(num_classes, size=shape)
        y = int(y) if shape == () else y
        if not avoid_svm_kinks:
            return scores, y
        # The correct class's margin is 0 by definition, so mask it out before looking for kinks.
        margins = np.atleast_2d(svm_margins(scores, y))
        off_target = np.ones_like(margins, dtype=bool)
        off_target[np.arange(len(margins)), np.atleast_1d(y)] = False
        if np.all(np.abs(margins[off_target]) > 1e-3):
            return scores, y


# --- Hand-worked values from the lesson page ---------------------------------------------


def test_part_a_svm_margins_and_loss():
    margins = svm_margins([1.5, -0.7, -0.8], 0, delta=1.0)
    assert [round(m, 1) for m in margins[1:]] == [-1.2, -1.3]
    assert svm_loss([1.5, -0.7, -0.8], 0, delta=1.0) == 0.0


def test_part_b_softmax_probabilities_and_exp_values():
    p = softmax([2.0, 1.0, 0.0])
    # p_j / p_2 = e^{s_j} / e^0, and 1 / p_2 is the sum of exponentials.
    assert [round(v, 3) for v in p / p[2]] == [7.389, 2.718, 1.0]
    assert round(1.0 / p[2], 3) == 11.107
    assert [round(v, 3) for v in p] == [0.665, 0.245, 0.090]
    assert round(100 * p[0]) == 67
    assert f"{p[2]:.0%}" == "9%"  # "only 9 percent"


@pytest.mark.parametrize("y, expected", [(0, 0.408), (2, 2.408)])
def test_part_b_cross_entropy(y, expected):
    assert round(cross_entropy_loss([2.0, 1.0, 0.0], y), 3) == expected


@pytest.mark.parametrize(
    "learning_rate, expected_step, expected_w",
    [(0.1, [0.02, 0.04, 0.01], [0.98, 2.04, -0.51]), (1.0, [0.2, 0.4, 0.1], [0.8, 2.4, -0.6])],
)
def test_part_c_gradient_step(learning_rate, expected_step, expected_w):
    w = np.array([1.0, 2.0, -0.5])
    w_new = gradient_step(w, np.array([0.2, -0.4, 0.1]), learning_rate)
    assert np.round(np.abs(w_new - w), 2).tolist() == expected_step
    assert np.round(w_new, 2).tolist() == expected_w
    assert w.tolist() == [1.0, 2.0, -0.5]


def test_body_practice_case():
    assert round(svm_loss([0.8, 0.3, -0.4], 0), 3) == 0.5
    assert round(cross_entropy_loss([0.8, 0.3, -0.4], 0), 3) == 0.646


def test_l2_penalty_and_its_gradient_by_hand():
    # 0.1 * (1.0^2 + 2.0^2 + (-0.5)^2) = 0.1 * 5.25 = 0.525; gradient 2 * 0.1 * W = [0.2, 0.4, -0.1]
    assert l2_penalty([1.0, 2.0, -0.5], 0.1) == pytest.approx(0.525)
    np.testing.assert_allclose(l2_penalty_grad([1.0, 2.0, -0.5], 0.1), [0.2, 0.4, -0.1])
    # A 2x2 weight matrix counts every entry: 0.5 * (1 + 4 + 9 + 16) = 15
    assert l2_penalty([[1.0, -2.0], [3.0, 4.0]], 0.5) == pytest.approx(15.0)
    assert l2_penalty([1.0, 2.0], 0.0) == 0.0


def test_cs231n_shift_example():
    p = softmax([123.0, 456.0, 789.0])
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p, softmax([-666.0, -333.0, 0.0]))


# --- Analytic vs numerical gradients -----------------------------------------------------


@pytest.mark.parametrize("shape", [(), (1,), (5,), (8,)], ids=["single", "n1", "n5", "n8"])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("loss, grad", LOSSES_WITH_GRADS)
def test_analytic_gradient_matches_numerical(loss, grad, seed, shape):
    rng = np.random.default_rng(seed)
    scores, y = _random_scores(rng, shape, num_classes=4, avoid_svm_kinks=loss is svm_loss)
    numeric = numerical_gradient(lambda s: loss(s, y), scores)
    analytic = grad(scores, y)
    assert analytic.shape == scores.shape
    assert _relative_error(analytic, numeric) < 1e-7


@pytest.mark.parametrize("lam", [0.0, 0.1, 2.5])
def test_l2_penalty_grad_matches_numerical(lam):
    w = np.random.default_rng(3).normal(size=(4, 3))
    numeric = numerical_gradient(lambda v: l2_penalty(v, lam), w)
    assert _relative_error(l2_penalty_grad(w, lam), numeric) < 1e-7


def test_numerical_gradient_of_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, atol=1e-8)


def test_numerical_gradient_leaves_input_unchanged():
    x = np.array([0.3, -1.2, 4.0])
    before = x.copy()
    caller_view_during_calls = []

    def f(v):
        caller_view_during_calls.append(np.array_equal(x, before))
        return float(np.sum(np.sin(v)))

    numerical_gradient(f, x)
    np.testing.assert_array_equal(x, before)
    assert all(caller_view_during_calls)


# --- Softmax properties and numerical stability ------------------------------------------


@pytest.mark.parametrize("shape", [(5,), (6, 4)])
def test_softmax_rows_sum_to_one(shape):
    p = softmax(np.random.default_rng(4).normal(scale=5.0, size=shape))
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    assert np.all(p > 0)


@pytest.mark.parametrize("constant", [-50.0, 3.7, 1000.0])
def test_softmax_is_shift_invariant(constant):
    scores = np.random.default_rng(5).normal(size=(3, 4))
    np.testing.assert_allclose(softmax(scores + constant), softmax(scores), rtol=1e-9)


@pytest.mark.parametrize("scores, y", EXTREME_CASES)
def test_extreme_scores_stay_finite(scores, y):
    outputs = [
        softmax(scores),
        svm_loss(scores, y),
        svm_loss_grad(scores, y),
        cross_entropy_loss(scores, y),
        cross_entropy_grad(scores, y),
    ]
    for output in outputs:
        assert np.all(np.isfinite(output))


# --- Batching ----------------------------------------------------------------------------


@pytest.mark.parametrize("loss, grad", LOSSES_WITH_GRADS)
def test_batch_is_mean_of_single_examples(loss, grad):
    rng = np.random.default_rng(6)
    scores = rng.normal(size=(5, 3))
    y = rng.integers(3, size=5)
    singles = [loss(row, int(label)) for row, label in zip(scores, y)]
    batch_loss = loss(scores, y)
    assert isinstance(batch_loss, float)
    assert batch_loss == pytest.approx(np.mean(singles))
    expected_grad = np.stack([grad(row, int(label)) for row, label in zip(scores, y)]) / len(y)
    np.testing.assert_allclose(grad(scores, y), expected_grad)


def test_softmax_of_batch_is_row_wise():
    scores = np.random.default_rng(7).normal(size=(4, 3))
    np.testing.assert_allclose(softmax(scores), np.stack([softmax(row) for row in scores]))


# --- Validation --------------------------------------------------------------------------

GOOD_SCORES = np.array([1.0, 2.0, 3.0])
BATCH_SCORES = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 2.0]])
W = np.array([1.0, 2.0])


@pytest.mark.parametrize(
    "call, match",
    [
        pytest.param(
            lambda: svm_loss(np.zeros((2, 2, 2)), 0),
            r"scores must be 1-D or 2-D, got shape \(2, 2, 2\)",
            id="3d-scores",
        ),
        pytest.param(
            lambda: softmax(np.zeros(())),
            r"scores must be 1-D or 2-D",
            id="0d-scores",
        ),
        pytest.param(
            lambda: cross_entropy_loss([1.0], 0),
            r"scores must have at least 2 classes",
            id="one-class",
        ),
        pytest.param(
            lambda: svm_loss(np.zeros((0, 3)), np.zeros(0, dtype=int)),
            r"scores must hold at least one example",
            id="empty-batch",
        ),
        pytest.param(
            lambda: svm_loss(BATCH_SCORES, [0, 1, 2]),
            r"y must have shape \(2,\)",
            id="y-too-long",
        ),
        pytest.param(
            lambda: cross_entropy_loss(BATCH_SCORES, 1),
            r"y must have shape \(2,\)",
            id="scalar-y-for-batch",
        ),
        pytest.param(
            lambda: cross_entropy_grad(GOOD_SCORES, [1]),
            r"y must have shape \(\)",
            id="array-y-for-single",
        ),
        pytest.param(
            lambda: svm_loss(GOOD_SCORES, 3),
            r"y=3 is out of range for 3 classes",
            id="y-too-big",
        ),
        pytest.param(
            lambda: svm_loss_grad(GOOD_SCORES, -1),
            r"y=-1 is out of range for 3 classes",
            id="y-negative",
        ),
        pytest.param(
            lambda: cross_entropy_loss(BATCH_SCORES, [0, 5]),
            r"y\[1\]=5 is out of range for 3 classes",
            id="batch-y-too-big",
        ),
        pytest.param(
            lambda: svm_loss(GOOD_SCORES, True),
            r"y must hold integer class labels",
            id="bool-label",
        ),
        pytest.param(
            lambda: cross_entropy_loss(GOOD_SCORES, 1.0),
            r"y must hold integer class labels",
            id="float-label",
        ),
        pytest.param(
            lambda: svm_margins(BATCH_SCORES, [0.0, 1.0]),
            r"y must hold integer class labels",
            id="float-batch-labels",
        ),
        pytest.param(
            lambda: softmax([1.0, np.nan, 0.0]),
            r"scores must be finite",
            id="nan-scores",
        ),
        pytest.param(
            lambda: cross_entropy_loss([1.0, np.inf, 0.0], 0),
            r"scores must be finite",
            id="inf-scores",
        ),
        pytest.param(
            lambda: svm_loss(GOOD_SCORES, 0, delta=-1.0),
            r"delta must be >= 0, got -1\.0",
            id="negative-delta",
        ),
        pytest.param(
            lambda: svm_margins(GOOD_SCORES, 0, delta=np.nan),
            r"delta must be finite",
            id="nan-delta",
        ),
        pytest.param(
            lambda: l2_penalty(W, -0.1),
            r"lam must be >= 0",
            id="negative-lam",
        ),
        pytest.param(
            lambda: l2_penalty_grad(W, np.inf),
            r"lam must be finite",
            id="inf-lam",
        ),
        pytest.param(
            lambda: l2_penalty([1.0, np.nan], 0.1),
            r"W must be finite",
            id="nan-W-penalty",
        ),
        pytest.param(
            lambda: gradient_step(W, W, -0.1),
            r"learning_rate must be >= 0",
            id="negative-learning-rate",
        ),
        pytest.param(
            lambda: gradient_step(W, [1.0, 2.0, 3.0], 0.1),
            r"W and grad must have the same shape",
            id="shape-mismatch",
        ),
        pytest.param(
            lambda: gradient_step([np.inf, 0.0], W, 0.1),
            r"W must be finite",
            id="inf-W-step",
        ),
        pytest.param(
            lambda: gradient_step(W, [np.nan, 0.0], 0.1),
            r"grad must be finite",
            id="nan-grad",
        ),
        pytest.param(
            lambda: numerical_gradient(np.sum, W, h=0.0),
            r"h must be a finite number > 0",
            id="zero-h",
        ),
        pytest.param(
            lambda: numerical_gradient(np.sum, W, h=-1e-5),
            r"h must be a finite number > 0",
            id="negative-h",
        ),
        pytest.param(
            lambda: numerical_gradient(np.sum, [np.nan], h=1e-5),
            r"x must be finite",
            id="nan-x",
        ),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()
