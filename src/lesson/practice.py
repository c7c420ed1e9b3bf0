"""The answer boxes of the practice exercises: what each asks, its right value and its mistakes, per variant."""

import hashlib
import html
import json

from lesson import exercises, fmt
from lesson.mistakes import exact_value, mistakes_for

# Each worked answer's steps in page order: the names a mistake's step resolves to ("loss" in case
# (a) of Part B is "loss-a"), and how many blocks of the answer (a paragraph, or one row of a
# derivation) the step takes. lesson.practice_html marks the blocks so that "Next step" reveals
# them a step at a time, and stops the build when a worked answer's blocks do not add up.
WORKED_STEPS = {
    "part_a": (("formula", 1), ("margins", 2), ("hinges", 1), ("sum", 2)),
    "part_b": (("sum probabilities", 1), ("loss-a", 1), ("loss-b", 1), ("contrast", 1)),
    "part_c": (("rule", 1), ("products-1", 3), ("update-1", 1), ("products-2", 2), ("update-2", 1),
               ("contrast", 1)),
}
# Where the answer checker asks for "at least N significant digits", N is at most this (see the
# TOLERANCE rule in docs/assets/lesson-answers.js): 11.1 will do for a sum shown as 11.107.
MOST_DIGITS_ASKED = 3
# Exact values are written to the page to this many significant digits: far finer than any answer.
_WRITTEN_DIGITS = 10


def part_checks(part, item):
    """The boxes of one exercise for these inputs, in page order: [{"label": HTML, "spec": {...}}]."""
    values = exercises.exercise_values(part, item)
    return _BOXES[part](item, values)


def step_number(part, step, case=""):
    """The number (from 1) of the step of the part's worked answer that shows `step` in this case."""
    for number, (names, _) in enumerate(WORKED_STEPS[part], start=1):
        if step in names.split() or f"{step}-{case}" in names.split():
            return number
    raise ValueError(f"{part}: no step of the worked answer is named {step!r} (case {case!r})")


def exercise_key(specs):
    """A short hash of every box of every variant: saved progress is only read back under the same key."""
    text = json.dumps(specs, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def _part_a(item, v):
    y, d = html.escape(v["correct"]), v["margin"]
    boxes = []
    for c in v["wrong_classes"]:
        name = html.escape(c)
        label = f"Step: the margin of class {name}, s<sub>{name}</sub> − s<sub>{y}</sub> + {d}"
        boxes.append(_box("part_a", label, "margin", item, v["m"][c], wrong_class=c))
    return boxes + [_box("part_a", "The SVM loss L", "svm_loss", item, v["svm_loss"])]


def _part_b(item, v):
    count = len(v["p"])
    names = ", ".join(f"p<sub>{j}</sub>" for j in range(count))
    boxes = [
        _box("part_b", "Step: the sum of the exponentials", "exp_sum", item, v["exp_sum"]),
        _box("part_b", f"The probabilities {names} ({fmt.words(count)} numbers)", "probabilities",
             item, v["p"], percent=True),
    ]
    for case, y in zip("ab", item["correct"]):
        boxes.append(_box("part_b", f"The loss for case ({case}), correct class index {v[case]['y']}",
                          "cross_entropy", item, v[case]["loss"], case=case, correct=y))
    return boxes


def _part_c(item, v):
    boxes, count = [], fmt.words(len(v["w"]))
    for k, rate in enumerate(item["learning_rates"], start=1):
        at = f"at α = {v['lr'][k]} ({count} numbers)"
        products = [fmt.weight(p) for p in exact_value("products", item, learning_rate=rate)]
        boxes += [
            _box("part_c", f"Step: α·∇L {at}", "products", item, products, case=str(k), learning_rate=rate),
            _box("part_c", f"The updated W {at}", "new_weights", item, v[f"step{k}"]["w"], case=str(k),
                 learning_rate=rate),
        ]
    return boxes


def _box(part, label, quantity, item, shown, percent=False, case="", **quantity_case):
    """One box: its label and the spec docs/assets/lesson-answers.js checks a typed answer against."""
    spec = {"exact": _written(exact_value(quantity, item, **quantity_case)), "shown": shown,
            "minDigits": _digits(shown)}
    if percent:
        spec["percent"] = True
    spec["mistakes"] = [{"value": _written(m.value), "message": m.message,
                         "step": step_number(part, m.step, case)}
                        for m in mistakes_for(quantity, item, **quantity_case)]
    return {"label": label, "spec": spec}


def _written(value):
    """A value (or a tuple of them) as written to the page: plain JSON numbers, trailing noise cut."""
    if isinstance(value, tuple):
        return [_written(v) for v in value]
    return float(f"{value:.{_WRITTEN_DIGITS}g}")


def _digits(shown):
    """The significant digits asked of an answer: those of the value the worked answer shows, 1 to 3."""
    if isinstance(shown, list):
        return [_digits(s) for s in shown]
    digits = shown.lstrip("+-−").replace(".", "").lstrip("0")
    return max(1, min(MOST_DIGITS_ASKED, len(digits)))


_BOXES = {"part_a": _part_a, "part_b": _part_b, "part_c": _part_c}
