"""The numbers of the practice page: exercise inputs in, formatted worked-answer values out."""

from pathlib import Path

import numpy as np
import yaml

from . import fmt, reference
from .errors import LessonDataError

_FIELDS = {
    "body": {"classes", "scores", "correct", "margin"},
    "part_a": {"classes", "scores", "correct", "margin"},
    "part_b": {"scores", "correct"},
    "part_c": {"W", "grad", "learning_rates"},
}


def load_inputs(path):
    """Read and shape-check the exercise inputs file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise LessonDataError(f"{path}: invalid YAML: {err}") from err
    if not isinstance(data, dict):
        raise LessonDataError(f"{path}: expected a mapping of exercises, got {type(data).__name__}")
    for name, fields in _FIELDS.items():
        item = data.get(name)
        if not isinstance(item, dict):
            raise LessonDataError(f"{path}: exercise '{name}' is missing")
        for field in sorted(fields - item.keys()):
            raise LessonDataError(f"{path}: exercise '{name}': field '{field}' is missing")
        for field in sorted(item.keys() - fields):
            raise LessonDataError(f"{path}: exercise '{name}': unknown field '{field}'")
    for name in sorted(data.keys() - _FIELDS.keys()):
        raise LessonDataError(f"{path}: unknown exercise '{name}'")
    return {"path": path, **data}


def page_values(inputs):
    """Every computed value the page shows, by placeholder name; and each failure, by key prefix."""
    values, failures = {}, {}
    for name, compute in (("body", _svm_case), ("part_a", _svm_case),
                          ("part_b", _softmax_case), ("part_c", _gradient_step)):
        prefix = "a" if name == "part_a" else name.removeprefix("part_")
        try:
            found = compute(inputs[name])
        except (ValueError, TypeError, KeyError, IndexError) as err:
            # Kept, not raised, so the page that needs the value can be named in the error.
            failures[prefix] = LessonDataError(f"{inputs['path']}: exercise '{name}': {err}")
            continue
        values.update({f"{prefix}.{key}": text for key, text in found.items()})
    return values, failures


def _class_index(classes, correct):
    if correct not in classes:
        raise ValueError(f"correct class {correct!r} is not one of {classes}")
    return classes.index(correct)


def _svm_case(item):
    classes, scores = [str(c) for c in item["classes"]], np.asarray(item["scores"], float)
    if len(classes) != scores.size:
        raise ValueError(f"{len(classes)} classes but {scores.size} scores")
    y = _class_index(classes, str(item["correct"]))
    margins = reference.svm_margins(scores, y, item["margin"])
    gaps = {c: scores[y] - s for c, s in zip(classes, scores) if c != classes[y]}
    closest = min(gaps, key=gaps.get)
    values = {
        "scores": fmt.vector(scores), "margin": fmt.given(item["margin"]),
        "svm_loss": fmt.given(reference.svm_loss(scores, y, item["margin"])),
        "softmax_loss": fmt.prob(reference.cross_entropy_loss(scores, y)),
        "closest": closest, "gap": fmt.given(gaps[closest]),
    }
    for c, s, m in zip(classes, scores, margins):
        values[f"s.{c}"] = fmt.given(s)
        values[f"m.{c}"] = fmt.given(m)
        values[f"hinge.{c}"] = fmt.given(max(0.0, m))
    return values


def _softmax_case(item):
    scores = np.asarray(item["scores"], float)
    exps, probs = np.exp(scores), reference.softmax(scores)
    values = {"scores": fmt.vector(scores), "exp_sum": fmt.approx(exps.sum()),
              "exp_sum_rel": fmt.relation(exps.sum())}
    for i, (s, e, p) in enumerate(zip(scores, exps, probs)):
        values.update({f"s.{i}": fmt.given(s), f"exp.{i}": fmt.approx(e),
                       f"exp_rel.{i}": fmt.relation(e), f"p.{i}": fmt.prob(p)})
    for case, y in zip("ab", item["correct"]):
        if not isinstance(y, int) or not 0 <= y < scores.size:
            raise ValueError(f"correct index {y!r} is out of range for {scores.size} scores")
        values.update({f"{case}.y": str(y), f"{case}.p": fmt.prob(probs[y]),
                       f"{case}.pct": fmt.percent(probs[y]),
                       f"{case}.loss": fmt.prob(reference.cross_entropy_loss(scores, y))})
    return values


def _gradient_step(item):
    W, grad = np.asarray(item["W"], float), np.asarray(item["grad"], float)
    rates = [float(r) for r in item["learning_rates"]]
    if len(rates) != 2:
        raise ValueError(f"learning_rates needs two rates to compare, got {len(rates)}")
    values = {"W": fmt.vector(W, fmt.weight), "grad": fmt.vector(grad, fmt.weight),
              "times": fmt.times(rates[1] / rates[0])}
    for i, (w, g) in enumerate(zip(W, grad)):
        values.update({f"w.{i}": fmt.weight(w), f"g.{i}": fmt.paren(fmt.weight(g))})
    for k, rate in enumerate(rates, start=1):
        W_new = reference.gradient_step(W, grad, rate)
        values.update({f"lr.{k}": fmt.weight(rate), f"step{k}.W": fmt.vector(W_new, fmt.weight)})
        for i, term in enumerate(rate * grad):
            values.update({f"step{k}.op.{i}": fmt.sign(term),
                           f"step{k}.term.{i}": fmt.weight(abs(term)),
                           f"step{k}.w.{i}": fmt.weight(W_new[i])})
    return values
