"""“New numbers” for this lesson's exercises: how each part draws a variant, and when two are one."""

import numpy as np

_CLASSES = ("A", "B", "C")
_SCORE_TENTHS = 25  # Part A scores from -2.5 to 2.5, one decimal
_SOFTMAX_SCORES = np.arange(-1, 4)  # Part B: exp(-1) = 0.368 to exp(3) = 20.086, three decimals
_WEIGHT_TENTHS = np.arange(-20, 21)  # Part C: weights from -2.0 to 2.0 ...
_GRAD_TENTHS = np.array([t for t in range(-5, 6) if t])  # ... and gradients from -0.5 to 0.5, never 0
# The second learning rate is a simple multiple of the first: a step ten, five or two times farther,
# or two, five or ten times nearer.
_FARTHER = ((0.1, 1.0), (0.1, 0.5), (0.1, 0.2))
_NEARER = ((0.2, 0.1), (0.5, 0.1), (1.0, 0.1))


def _rounded(values):
    """A hashable key for a list of numbers, blind to float noise and to 1 versus 1.0."""
    return tuple(round(float(v), 6) for v in values)


def draw_svm(rng, index):
    """A Part A variant, or None when the draw is not pleasant; odd indices have a positive loss."""
    tenths = rng.integers(-_SCORE_TENTHS, _SCORE_TENTHS + 1, size=len(_CLASSES))
    y = int(rng.integers(len(_CLASSES)))
    margins = np.delete(tenths - tenths[y] + 10, y)  # s_j - s_y + 1 in tenths, exactly
    if len(set(tenths.tolist())) < len(tenths) or np.any(tenths % 10 == 0) or np.any(margins == 0):
        return None  # tied scores, a whole number among one-decimal scores, or a margin on the kink
    # Alternate, so that every set has a loss above zero and a confidently correct zero loss.
    if bool(np.any(margins > 0)) != (index % 2 == 1):
        return None
    return {"classes": list(_CLASSES), "scores": [int(t) / 10 for t in tenths],
            "correct": _CLASSES[y], "margin": 1}


def svm_key(item):
    """What makes two Part A variants the same exercise."""
    return _rounded(item["scores"]), str(item["correct"]), tuple(map(str, item["classes"]))


def draw_softmax(rng, index):
    """A Part B variant: distinct small integer scores; (a) is the argmax class, (b) another class."""
    scores = rng.choice(_SOFTMAX_SCORES, size=3, replace=False)
    best = int(np.argmax(scores))
    other = int(rng.choice([j for j in range(len(scores)) if j != best]))
    return {"scores": [int(s) for s in scores], "correct": [best, other]}


def softmax_key(item):
    """What makes two Part B variants alike: the same scores, up to a shift that leaves softmax as is."""
    scores = np.asarray(item["scores"], dtype=float)
    return _rounded(scores - scores.min())


def draw_step(rng, index):
    """A Part C variant: one-decimal weights and non-zero gradients; odd indices step farther."""
    pool = _FARTHER if index % 2 == 1 else _NEARER
    rates = pool[int(rng.integers(len(pool)))]
    weights = rng.choice(_WEIGHT_TENTHS, size=3)
    grads = rng.choice(_GRAD_TENTHS, size=3)
    return {"W": [int(t) / 10 for t in weights], "grad": [int(t) / 10 for t in grads],
            "learning_rates": list(rates)}


def step_key(item):
    """What makes two Part C variants the same exercise."""
    return _rounded(item["W"]), _rounded(item["grad"]), _rounded(item["learning_rates"])
