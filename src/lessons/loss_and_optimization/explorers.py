"""The two explorers' settings and their NumPy test vectors: softmax of a few scores, a bowl's descent."""

import math

import numpy as np

from lessons.loss_and_optimization import reference
from studykit.core import fmt
from studykit.core.errors import LessonDataError

SCORE_RANGE = (-10.0, 10.0, 0.1)  # each score slider: lowest, highest, step
RATE_RANGE = (0.01, 0.8, 0.01)  # the learning-rate slider
GOOD_RATE = 0.3  # the rate the step-size explorer opens on
# The bowl f(w) = 1/2 sum c_i w_i^2: steep along w_2, so a rate above 1/3 overshoots its floor and
# one above 2/3 diverges, while 1/c_1 = 1 is far off: a small rate creeps along w_1.
CURVATURES = (1.0, 3.0)
START = (-4.0, 2.0)
STEPS = 10
CREEP = 0.1  # a run that keeps more than this share of its start loss has only crept
DECADES = (-4, 4)  # the loss chart's log scale runs from 10^-4 to 10^4
REGIMES = {  # why the loss went where it went, by regime: the words the explorer shows
    "creeps": "creeps: each step is too small to get far",
    "converges": "converges: the loss falls fast and steadily",
    "oscillates": "oscillates: each step overshoots the valley floor, yet the loss still falls",
    "diverges": "diverges: each step overshoots further and the loss grows",
}


def softmax_readout(scores, correct, margin):
    """What the softmax explorer shows: probabilities, cross-entropy loss and SVM loss."""
    scores = np.asarray(scores, dtype=float)
    return {"p": reference.softmax(scores).tolist(),
            "cross_entropy": reference.cross_entropy_loss(scores, correct),
            "svm": reference.svm_loss(scores, correct, margin)}


def bowl_loss(weights):
    """The bowl's loss 1/2 sum c_i w_i^2."""
    return float(0.5 * np.sum(np.asarray(CURVATURES) * np.asarray(weights) ** 2))


def bowl_grad(weights):
    """The bowl's gradient c_i w_i."""
    return np.asarray(CURVATURES) * np.asarray(weights, dtype=float)


def regime(path, losses):
    """Which of REGIMES a run of gradient descent shows, from its path and its losses."""
    path = np.asarray(path)
    if losses[-1] > losses[-2]:  # still climbing at the last step: it only grows from here
        return "diverges"
    if np.any(path[1:] * path[:-1] < 0):  # a coordinate changed sign: a step crossed the floor
        return "oscillates"
    return "creeps" if losses[-1] > CREEP * losses[0] else "converges"


def bowl_descent(rate, steps=STEPS):
    """The first steps of gradient descent on the bowl: the path, the loss per step, the regime."""
    path = [np.array(START)]
    for _ in range(steps):
        path.append(reference.gradient_step(path[-1], bowl_grad(path[-1]), rate))
    losses = [bowl_loss(point) for point in path]
    return {"path": np.array(path).tolist(), "losses": losses, "regime": regime(path, losses)}


def _on_grid(value, low, high, step):
    """Whether value lies in [low, high] on a multiple of step from low."""
    steps = (value - low) / step
    return low <= value <= high and abs(steps - round(steps)) < 1e-9


def _score_range(scores, where):
    """The score sliders' (lowest, highest, step): SCORE_RANGE, widened and refined to hold scores."""
    low = min(SCORE_RANGE[0], math.floor(min(scores)))
    high = max(SCORE_RANGE[1], math.ceil(max(scores)))
    for step in (SCORE_RANGE[2], 0.05, 0.01, 0.001):
        if all(_on_grid(score, low, high, step) for score in scores):
            return float(low), float(high), step
    raise LessonDataError(f"{where}: the softmax explorer opens on these scores, so each must be a "
                          f"whole number of thousandths, got {scores}")


def _softmax_settings(inputs):
    """The softmax explorer opens on Part B's scores and first correct class, with Part A's margin."""
    scores, (correct, _) = inputs["part_b"]["scores"], inputs["part_b"]["correct"]
    where = f"{inputs['path']}: exercise 'part_b': field 'scores'"
    score_range = _score_range([float(score) for score in scores], where)
    margin = float(inputs["part_a"]["margin"])
    shifted = reference.softmax(np.asarray(scores, dtype=float) + 1)
    return {"scores": [float(s) for s in scores], "correct": correct, "range": score_range,
            "margin": fmt.given(margin), "script": {"margin": margin},
            "shift_keeps_probabilities": bool(np.allclose(shifted, reference.softmax(scores)))}


def _step_size_settings():
    """The bowl, its contours and view box, and what the script needs to descend it."""
    levels = [bowl_loss(START) / 4**k for k in range(4)]  # contours: the start's, then ever lower
    contours = [[float(np.sqrt(2 * level / c)) for c in CURVATURES] for level in levels]
    half = [1.1 * radius for radius in contours[0]]  # the start's contour, with a margin
    low, high, step = RATE_RANGE
    reached = {bowl_descent(rate)["regime"] for rate in np.arange(low, high + step / 2, step)}
    return {"script": {"curvatures": CURVATURES, "start": START, "steps": STEPS, "creep": CREEP,
                       "regimes": REGIMES, "floor": DECADES[0]},
            "steps": STEPS, "rate": GOOD_RATE, "range": RATE_RANGE, "decades": DECADES,
            "reached": [regime for regime in REGIMES if regime in reached],  # the slider's regimes
            "contours": contours,
            "view": f"{-half[0]:.2f} {-half[1]:.2f} {2 * half[0]:.2f} {2 * half[1]:.2f}",
            "formula": " + ".join(f"{fmt.given(c) if c != 1 else ''}w{sub}²"
                                  for c, sub in zip(CURVATURES, "₁₂")),
            "start_text": "(" + ", ".join(fmt.given(w) for w in START).replace("-", "−") + ")"}


def settings(inputs):
    """Each explorer's settings, by the name a page's marker gives: <!-- explorer step-size -->."""
    return {"softmax": _softmax_settings(inputs), "step-size": _step_size_settings()}
