"""The wrong values that common mistakes give for an asked quantity, grouped, with what to tell the learner."""

import dataclasses

import numpy as np

# Values closer than this are one value: float noise, not a different mistake.
SAME_VALUE_TOLERANCE = 1e-9


@dataclasses.dataclass(frozen=True)
class Mistake:
    """A wrong value that one or more common mistakes give, with the sentence that names them."""

    value: float | tuple[float, ...]
    message: str  # one sentence; "… either … or …" when several mistakes give this value
    step: str  # of the steps below, the earliest in the worked answer
    messages: tuple[str, ...]  # one sentence per mistake that gives this value
    steps: tuple[str, ...]  # the step that shows the right move, per mistake


def mistakes_for(quantity, item, order=None, **case) -> list[Mistake]:
    """The mistakes of quantity(item, **case) -> (right, [(value, slip, fix, step)]), in its order.

    When several mistakes give one value, the group points at the earliest of their steps in
    order(step) (the worked answer's; by default, their order of definition)."""
    right, slips = _computed(quantity, item, case)
    groups = []
    for slip in slips:
        if not np.all(np.isfinite(slip[0])) or _same(slip[0], right):
            continue  # not a mistake for these inputs
        group = next((group for group in groups if _same(group[0][0], slip[0])), None)
        if group is None:
            groups.append([slip])
        else:
            group.append(slip)
    return [_mistake(group, order) for group in groups]


def exact_value(quantity, item, **case):
    """The right value of a quantity: a float, or a tuple of floats for a vector."""
    return _plain(_computed(quantity, item, case)[0])


def _computed(quantity, item, case):
    """The right value and the (value, slip, fix, step) of each mistake."""
    right, slips = quantity(item, **case)
    return right, [(np.asarray(value, dtype=float), *words) for value, *words in slips]


def _same(a, b):
    """Whether two values (scalars or vectors) agree within SAME_VALUE_TOLERANCE."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=0.0, atol=SAME_VALUE_TOLERANCE))


def _mistake(group, order):
    """One Mistake from the slips that give the same value."""
    messages = tuple(f"This is what you get if you {slip}; {fix}." for _, slip, fix, _ in group)
    slips, steps = [slip for _, slip, _, _ in group], tuple(step for *_, step in group)
    message = messages[0] if len(group) == 1 else (
        f"This is what you get if you either {', '.join(slips[:-1])} or {slips[-1]}.")
    return Mistake(_plain(group[0][0]), message, min(steps, key=order or steps.index), messages, steps)


def _plain(value):
    """A float, or a tuple of floats for a vector, without float noise or a negative zero."""
    value = np.round(np.asarray(value, dtype=float), 12) + 0.0
    return float(value) if value.ndim == 0 else tuple(float(v) for v in value)
