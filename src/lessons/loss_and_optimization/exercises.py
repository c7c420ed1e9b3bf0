"""The numbers of the practice page: exercise inputs in, formatted values and facts out."""

import numpy as np

from lessons.loss_and_optimization import reference
from studykit.core import fmt


def class_index(classes, name, what="correct class"):
    """The index of a class name among classes, or ValueError naming the classes."""
    if str(name) not in classes:
        raise ValueError(f"{what} {name!r} is not one of {classes}")
    return classes.index(str(name))


def svm_inputs(item):
    """Scores, correct index, margin Δ and class names of a Part A style item; ValueError if they clash."""
    classes, scores = [str(c) for c in item["classes"]], np.asarray(item["scores"], dtype=float)
    if len(classes) != scores.size:
        raise ValueError(f"{len(classes)} classes but {scores.size} scores")
    return scores, class_index(classes, item["correct"]), float(item["margin"]), classes


def correct_index(y, size):
    """y as an index of one of `size` classes, or ValueError."""
    if isinstance(y, bool) or not isinstance(y, (int, np.integer)) or not 0 <= y < size:
        raise ValueError(f"correct index {y!r} is out of range for {size} scores")
    return int(y)


def svm_case(item):
    """An SVM exercise (Part A, the body's case): margins, hinges, loss, and what they mean."""
    scores, y, margin, classes = svm_inputs(item)
    margins = reference.svm_margins(scores, y, margin)
    loss = reference.svm_loss(scores, y, margin)
    gaps = {c: scores[y] - s for c, s in zip(classes, scores) if c != classes[y]}
    closest = min(gaps, key=gaps.get)
    return {
        "scores": fmt.vector(scores), "margin": fmt.given(margin), "svm_loss": fmt.given(loss),
        "softmax_loss": fmt.prob(reference.cross_entropy_loss(scores, y)),
        "classes": classes, "correct": classes[y], "closest": closest, "gap": fmt.given(gaps[closest]),
        "s": {c: fmt.given(s) for c, s in zip(classes, scores)},
        "m": {c: fmt.given(m) for c, m in zip(classes, margins)},
        "hinge": {c: fmt.given(max(0.0, m)) for c, m in zip(classes, margins)},
        # Facts the sentences depend on: what the numbers mean, not how they are written.
        "loss_is_zero": loss == 0.0,
        "is_correct": bool(min(gaps.values()) > 0),
        "margins_met": [c for c in gaps if gaps[c] > margin],
        "margins_missed": [c for c in gaps if gaps[c] < margin],
        "wrong_classes": list(gaps),
    }


def softmax_case(item):
    """Part B: exponentials, probabilities, and the loss of each correct class asked."""
    scores = np.asarray(item["scores"], float)
    exps, probs = np.exp(scores), reference.softmax(scores)
    values = {"scores": fmt.vector(scores), "exp_sum": fmt.approx(exps.sum()),
              "exp_sum_rel": fmt.relation(exps.sum()),
              "s": [fmt.given(s) for s in scores], "exp": [fmt.approx(e) for e in exps],
              "exp_rel": [fmt.relation(e) for e in exps], "p": [fmt.prob(p) for p in probs]}
    cases = item["correct"]
    if not isinstance(cases, list) or len(cases) != 2:
        raise ValueError(f"correct needs two class indices, one per case, got {cases!r}")
    for case, y in zip("ab", cases):
        y = correct_index(y, scores.size)
        loss = reference.cross_entropy_loss(scores, y)
        values[case] = {"y": str(y), "p": fmt.prob(probs[y]), "pct": fmt.percent(probs[y]),
                        "loss": fmt.prob(loss), "loss_value": loss, "p_value": float(probs[y]),
                        "is_correct": bool(probs[y] > np.delete(probs, y).max())}
    return values


def gradient_step_case(item):
    """Part C: one gradient step at each of two learning rates, and how far apart they land."""
    W, grad = np.asarray(item["W"], float), np.asarray(item["grad"], float)
    rates = [float(r) for r in item["learning_rates"]]
    if len(rates) != 2:
        raise ValueError(f"learning_rates needs two rates to compare, got {len(rates)}")
    if W.shape != grad.shape:
        raise ValueError(f"W has {W.size} values but grad has {grad.size}")
    values = {"W": fmt.vector(W, fmt.weight), "grad": fmt.vector(grad, fmt.weight),
              "w": [fmt.weight(w) for w in W],
              "g": [fmt.paren(fmt.weight(g)) for g in grad], "lr": {}}
    for k, rate in enumerate(rates, start=1):
        W_new = reference.gradient_step(W, grad, rate)
        values["lr"][k] = fmt.weight(rate)
        values[f"step{k}"] = {"W": fmt.vector(W_new, fmt.weight),
                              "op": [fmt.sign(term) for term in rate * grad],
                              "term": [fmt.weight(abs(term)) for term in rate * grad],
                              "w": [fmt.weight(w) for w in W_new]}
    values["how_far"] = fmt.how_far(rates[1] / rates[0] if rates[0] else float("inf"))
    return values
