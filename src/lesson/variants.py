"""“New numbers” for the practice exercises: variants of each part, drawn from a seed at build time."""

import copy

import numpy as np

from lesson.errors import LessonDataError

PARTS = ("part_a", "part_b", "part_c")
DEFAULT_SEED, DEFAULT_COUNT = 2024, 6
MIN_COUNT, MAX_COUNT = 5, 20  # every part has well over MAX_COUNT pleasant variants to draw from
_CLASSES = ("A", "B", "C")
_SCORE_TENTHS = 25  # Part A scores from -2.5 to 2.5, one decimal
_SOFTMAX_SCORES = np.arange(-1, 4)  # Part B: exp(-1) = 0.368 to exp(3) = 20.086, three decimals
_WEIGHT_TENTHS = np.arange(-20, 21)  # Part C: weights from -2.0 to 2.0 ...
_GRAD_TENTHS = np.array([t for t in range(-5, 6) if t])  # ... and gradients from -0.5 to 0.5, never 0
# The second learning rate is a simple multiple of the first: a step ten, five or two times farther,
# or two, five or ten times nearer.
_FARTHER = ((0.1, 1.0), (0.1, 0.5), (0.1, 0.2))
_NEARER = ((0.2, 0.1), (0.5, 0.1), (1.0, 0.1))
_ATTEMPTS = 10_000


def variant_settings(inputs):
    """The (seed, count) of the inputs' optional `variants: {seed, count}` section, else the defaults."""
    where = f"{inputs.get('path', 'exercise inputs')}: variants"
    section = inputs.get("variants", {})
    if not isinstance(section, dict):
        raise LessonDataError(f"{where}: expected a mapping with 'seed' and 'count', got {section!r}")
    for field in sorted(section.keys() - {"seed", "count"}):
        raise LessonDataError(f"{where}: unknown field '{field}'")
    seed, count = section.get("seed", DEFAULT_SEED), section.get("count", DEFAULT_COUNT)
    if not _whole(seed) or seed < 0:
        raise LessonDataError(f"{where}: field 'seed': expected a whole number >= 0, got {seed!r}")
    if not _whole(count) or not MIN_COUNT <= count <= MAX_COUNT:
        raise LessonDataError(
            f"{where}: field 'count': expected a whole number from {MIN_COUNT} to {MAX_COUNT}, got {count!r}")
    return seed, count


def all_variants(inputs):
    """Every part's variants, by part name, with the seed and count of variant_settings."""
    seed, count = variant_settings(inputs)
    return {part: part_variants(part, inputs, seed, count) for part in PARTS}


def part_variants(part, inputs, seed=DEFAULT_SEED, count=DEFAULT_COUNT):
    """`count` dicts shaped like the part's inputs: the lesson's own first, then distinct new ones."""
    if part not in _DRAWS:
        raise ValueError(f"unknown part {part!r}; known: {', '.join(PARTS)}")
    draw, key = _DRAWS[part]
    found = [copy.deepcopy(inputs[part])]
    keys = {key(found[0])}
    # One stream per part, so that a change to one part's drawing leaves the others' variants alone.
    rng = np.random.default_rng([seed, PARTS.index(part)])
    for _ in range(_ATTEMPTS):
        if len(found) >= count:
            return found
        variant = draw(rng, len(found))
        if variant is not None and key(variant) not in keys:
            found.append(variant)
            keys.add(key(variant))
    raise ValueError(f"{part}: found only {len(found)} distinct variants of {count} in {_ATTEMPTS} draws")


def _whole(value):
    """Whether value is an int (and not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _rounded(values):
    """A hashable key for a list of numbers, blind to float noise and to 1 versus 1.0."""
    return tuple(round(float(v), 6) for v in values)


def _draw_svm(rng, index):
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


def _svm_key(item):
    """What makes two Part A variants the same exercise."""
    return _rounded(item["scores"]), str(item["correct"]), tuple(map(str, item["classes"]))


def _draw_softmax(rng, index):
    """A Part B variant: distinct small integer scores; (a) is the argmax class, (b) another class."""
    scores = rng.choice(_SOFTMAX_SCORES, size=3, replace=False)
    best = int(np.argmax(scores))
    other = int(rng.choice([j for j in range(len(scores)) if j != best]))
    return {"scores": [int(s) for s in scores], "correct": [best, other]}


def _softmax_key(item):
    """What makes two Part B variants alike: the same scores, up to a shift that leaves softmax as is."""
    scores = np.asarray(item["scores"], dtype=float)
    return _rounded(scores - scores.min())


def _draw_step(rng, index):
    """A Part C variant: one-decimal weights and non-zero gradients; odd indices step farther."""
    pool = _FARTHER if index % 2 == 1 else _NEARER
    rates = pool[int(rng.integers(len(pool)))]
    weights = rng.choice(_WEIGHT_TENTHS, size=3)
    grads = rng.choice(_GRAD_TENTHS, size=3)
    return {"W": [int(t) / 10 for t in weights], "grad": [int(t) / 10 for t in grads],
            "learning_rates": list(rates)}


def _step_key(item):
    """What makes two Part C variants the same exercise."""
    return _rounded(item["W"]), _rounded(item["grad"]), _rounded(item["learning_rates"])


_DRAWS = {"part_a": (_draw_svm, _svm_key), "part_b": (_draw_softmax, _softmax_key),
          "part_c": (_draw_step, _step_key)}
