"""Pure NumPy reference for the lesson: SVM and softmax losses, L2 penalty, gradient steps."""

import numpy as np


def _check_finite(name, array):
    """Raise ValueError if array holds NaN or inf."""
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite")


def _check_non_negative(name, value):
    """Raise ValueError unless value is a finite number >= 0."""
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")


def _as_scores(scores):
    """Return scores as a finite 2-D float array and whether the input was one example."""
    array = np.asarray(scores, dtype=float)
    if array.ndim not in (1, 2):
        raise ValueError(f"scores must be 1-D or 2-D, got shape {array.shape}")
    was_single = array.ndim == 1
    batch = array[np.newaxis, :] if was_single else array
    if batch.shape[0] == 0:
        raise ValueError(f"scores must hold at least one example, got shape {array.shape}")
    if batch.shape[1] < 2:
        raise ValueError(f"scores must have at least 2 classes, got shape {array.shape}")
    _check_finite("scores", batch)
    return batch, was_single


def _as_batch(scores, y):
    """Return (2-D float scores, 1-D int labels, was_single) after validating both."""
    batch, was_single = _as_scores(scores)
    num_examples, num_classes = batch.shape
    labels = np.asarray(y)
    expected_shape = () if was_single else (num_examples,)
    if labels.shape != expected_shape:
        raise ValueError(
            f"y must have shape {expected_shape} to match scores of shape "
            f"{np.shape(scores)}, got shape {labels.shape}"
        )
    # bool is an integer subtype in NumPy, but True/False as a class label is almost surely a bug.
    if labels.dtype == bool or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"y must hold integer class labels, got dtype {labels.dtype}")
    labels = labels.reshape(-1)
    out_of_range = np.flatnonzero((labels < 0) | (labels >= num_classes))
    if out_of_range.size:
        first = out_of_range[0]
        where = "y" if was_single else f"y[{first}]"
        raise ValueError(f"{where}={labels[first]} is out of range for {num_classes} classes")
    return batch, labels, was_single


def _unbatch(batch, was_single):
    """Return the single row if the caller passed one example, else the whole batch."""
    return batch[0] if was_single else batch


def _margins(batch, labels, delta):
    """Return s_j - s_y + delta for a validated batch, zero at the correct class."""
    rows = np.arange(len(labels))
    margins = batch - batch[rows, labels][:, np.newaxis] + delta
    margins[rows, labels] = 0.0
    return margins


def _log_softmax(batch):
    """Return row-wise log-probabilities using the log-sum-exp trick."""
    # Shifting by the row max keeps exp() <= 1, so large scores cannot overflow.
    shifted = batch - batch.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def svm_margins(scores, y, delta=1.0):
    """Return s_j - s_y + delta for every class, with the correct class set to 0."""
    batch, labels, was_single = _as_batch(scores, y)
    _check_non_negative("delta", delta)
    return _unbatch(_margins(batch, labels, delta), was_single)


def svm_loss(scores, y, delta=1.0):
    """Return the multiclass SVM (hinge) loss, averaged over the batch."""
    batch, labels, _ = _as_batch(scores, y)
    _check_non_negative("delta", delta)
    per_example = np.maximum(0.0, _margins(batch, labels, delta)).sum(axis=1)
    return float(per_example.mean())


def svm_loss_grad(scores, y, delta=1.0):
    """Return the gradient of svm_loss with respect to scores."""
    batch, labels, was_single = _as_batch(scores, y)
    _check_non_negative("delta", delta)
    rows = np.arange(len(labels))
    # A margin of exactly 0 sits on the kink; we take the subgradient 0 there.
    active = (_margins(batch, labels, delta) > 0).astype(float)
    active[rows, labels] = -active.sum(axis=1)
    return _unbatch(active / len(labels), was_single)


def softmax(scores):
    """Return row-wise softmax probabilities, stable for very large or small scores."""
    batch, was_single = _as_scores(scores)
    return _unbatch(np.exp(_log_softmax(batch)), was_single)


def cross_entropy_loss(scores, y):
    """Return the softmax cross-entropy loss -log p_y, averaged over the batch."""
    batch, labels, _ = _as_batch(scores, y)
    log_probs = _log_softmax(batch)
    return float(-log_probs[np.arange(len(labels)), labels].mean())


def cross_entropy_grad(scores, y):
    """Return the gradient of cross_entropy_loss with respect to scores (p - onehot)."""
    batch, labels, was_single = _as_batch(scores, y)
    grad = np.exp(_log_softmax(batch))
    grad[np.arange(len(labels)), labels] -= 1.0
    return _unbatch(grad / len(labels), was_single)


def l2_penalty(W, lam):
    """Return the L2 regularization penalty lam * sum(W**2)."""
    weights = np.asarray(W, dtype=float)
    _check_finite("W", weights)
    _check_non_negative("lam", lam)
    return float(lam * np.sum(weights**2))


def l2_penalty_grad(W, lam):
    """Return the gradient of l2_penalty with respect to W, 2 * lam * W."""
    weights = np.asarray(W, dtype=float)
    _check_finite("W", weights)
    _check_non_negative("lam", lam)
    return 2.0 * lam * weights


def gradient_step(W, grad, learning_rate):
    """Return a new array W - learning_rate * grad."""
    weights = np.asarray(W, dtype=float)
    gradient = np.asarray(grad, dtype=float)
    if weights.shape != gradient.shape:
        raise ValueError(
            f"W and grad must have the same shape, got {weights.shape} and {gradient.shape}"
        )
    _check_finite("W", weights)
    _check_finite("grad", gradient)
    _check_non_negative("learning_rate", learning_rate)
    return weights - learning_rate * gradient


def numerical_gradient(f, x, h=1e-5):
    """Return the centred-difference gradient of scalar function f at x."""
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"h must be a finite number > 0, got {h!r}")
    # Work on a private copy so nudging entries never shows through to the caller's array.
    point = np.array(x, dtype=float)
    _check_finite("x", point)
    grad = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        original = point[index]
        point[index] = original + h
        f_plus = float(f(point))
        point[index] = original - h
        f_minus = float(f(point))
        point[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * h)
    return grad
