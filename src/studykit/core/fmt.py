"""Rounding and number formatting for every computed value on the lesson pages."""

import math

_WORDS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                         "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
                         .split()))
_FRACTIONS = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth", 10: "a tenth"}


def number(x, places=3, min_places=0):
    """Round to `places` decimals, then drop trailing zeros down to `min_places`."""
    value = round(float(x), places) + 0.0  # adding 0.0 turns -0.0 into 0.0
    text = f"{value:.{places}f}"
    if "." not in text:
        return text
    whole, frac = text.split(".")
    frac = frac.rstrip("0").ljust(min_places, "0")
    return f"{whole}.{frac}" if frac else whole


def given(x):
    """An exercise input, shown as written: 1.5, -0.7, 2."""
    return number(x, places=6)


def weight(x):
    """A weight, a step or a learning rate, with at least one decimal: 1.0, 0.98, -0.51."""
    return number(x, places=6, min_places=1)


def approx(x):
    """A value worked by hand to three decimals, exact integers bare: 7.389, 1, 11.107."""
    return number(x, places=3)


def prob(x):
    """A probability or a loss at the lesson's three decimals, zeros kept: 0.090, 0.408."""
    return number(x, places=3, min_places=3)


def percent(p):
    """A probability as a whole percentage: 0.665 -> 67."""
    return number(100 * p, places=0)


def relation(x, places=3):
    """The LaTeX relation for showing x at `places` decimals: '=' when exact, else approx."""
    return "=" if math.isclose(x, round(x, places), abs_tol=1e-12) else r"\approx"


def paren(text):
    """Parenthesize a negative number so it can follow an operator: -0.4 -> (-0.4)."""
    return f"({text})" if text.startswith("-") else text


def sign(x):
    """The operator that subtracts x in a derivation: '-' for x >= 0, '+' otherwise."""
    return "-" if x >= 0 else "+"


def vector(values, style=given):
    """A vector in brackets: [1.0, 2.0, -0.5]."""
    return "[" + ", ".join(style(v) for v in values) + "]"


def how_far(ratio):
    """How far a step goes next to another, in words: 10 -> 'ten times farther', 0.5 -> 'half as far'."""
    if not math.isfinite(ratio) or ratio <= 0:
        raise ValueError(f"a step-size ratio must be a positive number, got {ratio!r}")
    if math.isclose(ratio, 1.0):
        return "just as far"
    if ratio > 1:
        return f"{_times(ratio)} times farther"
    inverse = 1 / ratio
    if math.isclose(inverse, round(inverse)) and round(inverse) in _FRACTIONS:
        return f"{_FRACTIONS[round(inverse)]} as far"
    return f"{number(ratio, places=2)} times as far"


def _times(ratio):
    """A ratio in words where the lesson writes it in words: 10 -> 'ten'."""
    whole = round(ratio)
    if math.isclose(ratio, whole) and whole in _WORDS:
        return _WORDS[whole]
    return number(ratio, places=2)


def words(n):
    """A count as the lesson writes it: 9 -> 'nine', 25 -> '25'."""
    return _WORDS.get(n) or str(n)
