"""Pure NumPy experiments behind the lesson's figures, built on the reference losses and gradients."""

from dataclasses import dataclass

import numpy as np

from lessons.loss_and_optimization import reference

DEFAULT_SEED = 0
REG = 1e-3  # the L2 strength lambda: small, so the data loss dominates every curve
# The blobs sit away from the origin, as raw features do: the bias direction is steeper than the
# others, so a rate that is too large overshoots and the loss climbs instead of falling.
_CENTRE = np.array([2.0, 2.0])
_RADIUS = 1.5  # blob centres this far from _CENTRE, with unit spread: the classes overlap
_SAMPLING_STREAM = 1  # mini-batches draw from their own stream of the seed, so they never shift the data
_LOSSES = {
    "svm": (reference.svm_loss, reference.svm_loss_grad),
    "softmax": (reference.cross_entropy_loss, reference.cross_entropy_grad),
}


def _frozen(array, dtype=float):
    """A read-only copy of array, so a frozen result cannot be changed through its arrays."""
    copy = np.array(array, dtype=dtype)
    copy.flags.writeable = False
    return copy


@dataclass(frozen=True)
class Problem:
    """A seeded data set: features with a bias column, integer labels, small starting weights."""

    features: np.ndarray  # (n, 3): two coordinates, then a constant 1 that carries the bias
    labels: np.ndarray  # (n,)
    initial_weights: np.ndarray  # (3, classes)


def blobs_problem(seed=DEFAULT_SEED, per_class=300, num_classes=3):
    """Overlapping 2-D Gaussian blobs, one a class, and weights near zero, all from one seed."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(num_classes) / num_classes
    centres = _CENTRE + _RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    labels = np.repeat(np.arange(num_classes), per_class)
    points = centres[labels] + rng.standard_normal((labels.size, 2))
    features = np.column_stack([points, np.ones(labels.size)])
    weights = 0.01 * rng.standard_normal((features.shape[1], num_classes))
    return Problem(_frozen(features), _frozen(labels, int), _frozen(weights))


def _loss_pair(loss):
    """The reference (loss, gradient w.r.t. scores) functions for a loss name."""
    if loss not in _LOSSES:
        raise ValueError(f"loss must be one of {sorted(_LOSSES)}, got {loss!r}")
    return _LOSSES[loss]


def objective(weights, features, labels, loss="softmax", reg=REG):
    """The data loss of the scores features @ weights, plus the L2 penalty reg * sum(W**2)."""
    data_loss, _ = _loss_pair(loss)
    return data_loss(features @ weights, labels) + reference.l2_penalty(weights, reg)


def objective_grad(weights, features, labels, loss="softmax", reg=REG):
    """The gradient of objective with respect to the weights: X^T dL/dscores + 2 reg W."""
    _, scores_grad = _loss_pair(loss)
    data_grad = features.T @ scores_grad(features @ weights, labels)
    return data_grad + reference.l2_penalty_grad(weights, reg)


def _descend(problem, rate, steps, batch_size=None, rng=None):
    """(whole-set loss before and after each step of (mini-batch) gradient descent, last weights)."""
    features, labels = problem.features, problem.labels
    weights = problem.initial_weights
    losses = [objective(weights, features, labels)]
    for _ in range(steps):
        rows = slice(None)
        if batch_size is not None and batch_size < labels.size:
            rows = rng.choice(labels.size, size=batch_size, replace=False)
        gradient = objective_grad(weights, features[rows], labels[rows])
        weights = reference.gradient_step(weights, gradient, rate)
        losses.append(objective(weights, features, labels))
    return np.array(losses), weights


@dataclass(frozen=True)
class LearningRateResult:
    """Full-batch gradient descent at three rates: the losses and the numbers a caption states."""

    rates: tuple  # too small, good, too large
    losses: np.ndarray  # (3, steps + 1): the loss at the start, then after each step
    start_loss: float
    final_losses: tuple  # the loss after the last step, one per rate
    steps: int
    examples: int  # in the training set
    classes: int


def learning_rate_experiment(seed=DEFAULT_SEED, rates=(0.01, 0.5, 30.0), steps=100):
    """Softmax-classifier loss against step for gradient descent at a too small, good, too large rate."""
    problem = blobs_problem(seed)
    losses = np.array([_descend(problem, rate, steps)[0] for rate in rates])
    return LearningRateResult(tuple(float(rate) for rate in rates), _frozen(losses),
                              float(losses[0, 0]), tuple(float(x) for x in losses[:, -1]), steps,
                              problem.labels.size, problem.initial_weights.shape[1])


@dataclass(frozen=True)
class GradientCheckResult:
    """Relative error of the centred numerical gradient against the analytic one, for each h."""

    h: np.ndarray  # (points,) from large to small
    losses: tuple  # ("svm", "softmax")
    errors: np.ndarray  # (2, points)
    best_h: tuple  # the h with the smallest error, one per loss
    best_errors: tuple


def relative_error(analytic, numeric):
    """||a - n|| / max(||a||, ||n||): 0 when they agree, about 1 when they share no digits."""
    scale = max(np.linalg.norm(analytic), np.linalg.norm(numeric), np.finfo(float).tiny)
    return float(np.linalg.norm(np.asarray(analytic) - np.asarray(numeric)) / scale)


def gradient_check_experiment(seed=DEFAULT_SEED, h=tuple(10.0 ** (-k / 2) for k in range(2, 21)),
                              rate=0.5, steps=50):
    """Gradient-check error against h for the SVM and softmax objectives, part-way through training."""
    problem = blobs_problem(seed)
    # Checked where one would check in practice: mid-training, with SVM margins close to their kinks.
    weights = _descend(problem, rate, steps)[1]
    errors = []
    for loss in _LOSSES:
        def loss_at(w, loss=loss):
            return objective(w, problem.features, problem.labels, loss)
        analytic = objective_grad(weights, problem.features, problem.labels, loss)
        errors.append([relative_error(analytic, reference.numerical_gradient(loss_at, weights, step))
                       for step in h])
    errors = np.array(errors)
    best = errors.argmin(axis=1)
    return GradientCheckResult(_frozen(h), tuple(_LOSSES), _frozen(errors),
                               tuple(float(h[i]) for i in best),
                               tuple(float(errors[row, i]) for row, i in enumerate(best)))


@dataclass(frozen=True)
class MiniBatchResult:
    """Mini-batch gradient descent at several batch sizes, one rate, the same number of steps."""

    batch_sizes: tuple  # the last is the whole training set
    rate: float
    examples: np.ndarray  # (sizes, steps + 1): examples processed before each loss
    losses: np.ndarray  # (sizes, steps + 1): whole-set loss
    final_losses: tuple
    rises: tuple  # how many steps raised the whole-set loss: the noise of each batch size
    steps: int


def minibatch_experiment(seed=DEFAULT_SEED, batch_sizes=(1, 32, 256, None), rate=0.1, steps=100):
    """Whole-set loss against examples processed for mini-batch sizes (None: the full batch)."""
    problem = blobs_problem(seed)
    rng = np.random.default_rng((seed, _SAMPLING_STREAM))
    sizes = tuple(problem.labels.size if size is None else int(size) for size in batch_sizes)
    losses = np.array([_descend(problem, rate, steps, size, rng)[0] for size in sizes])
    examples = np.outer(sizes, np.arange(steps + 1))
    return MiniBatchResult(sizes, float(rate), _frozen(examples, int), _frozen(losses),
                           tuple(float(x) for x in losses[:, -1]),
                           tuple(int(n) for n in (np.diff(losses, axis=1) > 0).sum(axis=1)), steps)


@dataclass(frozen=True)
class LossShapesResult:
    """Both losses of one example as the correct class's lead over the others varies."""

    margins: np.ndarray  # (points,): s_y - s_j, the same for every wrong class j
    svm: np.ndarray
    cross_entropy: np.ndarray
    num_classes: int
    hinge_zero_from: float  # the smallest margin from which the SVM loss stays exactly 0
    smallest_cross_entropy: float  # at the largest margin: small, never 0


def loss_shapes_experiment(margins=np.arange(-40, 81) / 20, num_classes=3):
    """SVM and cross-entropy loss for scores [m, 0, ..., 0] with class 0 correct, for each m."""
    margins = np.asarray(margins, dtype=float)
    scores = np.zeros((margins.size, num_classes))
    scores[:, 0] = margins
    svm = np.array([reference.svm_loss(row, 0) for row in scores])
    cross_entropy = np.array([reference.cross_entropy_loss(row, 0) for row in scores])
    nonzero = np.flatnonzero(svm > 0)
    zero_from = nonzero[-1] + 1 if nonzero.size else 0
    hinge_zero_from = float(margins[zero_from]) if zero_from < margins.size else float("nan")
    return LossShapesResult(_frozen(margins), _frozen(svm), _frozen(cross_entropy), num_classes,
                            hinge_zero_from, float(cross_entropy.min()))
