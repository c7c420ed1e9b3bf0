"""The answer boxes of the practice exercises: what each asks, its right value and its mistakes, per variant."""

import hashlib
import json

from studykit.practice.mistakes import exact_value, mistakes_for

# Where the answer checker asks for "at least N significant digits", N is at most this (see the
# TOLERANCE rule in docs/assets/lesson-answers.js): 11.1 will do for a sum shown as 11.107.
MOST_DIGITS_ASKED = 3
# Exact values are written to the page to this many significant digits: far finer than any answer.
_WRITTEN_DIGITS = 10


def part_checks(exercise, item):
    """The boxes of one exercise for these inputs, in page order: [{"label": HTML, "spec": {...}}]."""
    return [_box(exercise, box, item) for box in exercise.boxes(item, exercise.computed(item))]


def step_number(exercise, step, case=""):
    """The number (from 1) of the step of the exercise's worked answer that shows `step` in this case."""
    return _step_at(exercise, step, case)[0]


def _step_at(exercise, step, case):
    """(the step's number, the name's place among all the worked answer's names)."""
    place = 0
    for number, (names, _) in enumerate(exercise.steps, start=1):
        for name in names.split():
            if name in (step, f"{step}-{case}"):
                return number, place
            place += 1
    raise ValueError(f"{exercise.name}: no step of the worked answer is named {step!r} (case {case!r})")


def exercise_key(specs):
    """A short hash of every box of every variant: saved progress is only read back under the same key."""
    text = json.dumps(specs, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def _box(exercise, box, item):
    """One box: its label and the spec docs/assets/lesson-answers.js checks a typed answer against."""
    if box.quantity not in exercise.quantities:
        raise ValueError(f"{exercise.name}: the box {box.label!r} asks for unknown quantity {box.quantity!r}; "
                         f"known: {', '.join(exercise.quantities)}")
    quantity = exercise.quantities[box.quantity]
    spec = {"exact": _written(exact_value(quantity, item, **box.case)), "shown": box.shown,
            "minDigits": _digits(box.shown)}
    if box.percent:
        spec["percent"] = True

    def order(step):
        return _step_at(exercise, step, box.step_case)[1]

    spec["mistakes"] = [{"value": _written(m.value), "message": m.message,
                         "step": step_number(exercise, m.step, box.step_case)}
                        for m in mistakes_for(quantity, item, order, **box.case)]
    return {"label": box.label, "spec": spec}


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

