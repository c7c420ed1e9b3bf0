"""Number formatting: how each kind of computed value is written on the page."""

import pytest

from studykit.core import fmt


@pytest.mark.parametrize("call, expected", [
    (lambda: fmt.given(-0.7), "-0.7"), (lambda: fmt.given(2.0), "2"), (lambda: fmt.given(-0.0), "0"),
    (lambda: fmt.weight(1.0), "1.0"), (lambda: fmt.weight(0.98), "0.98"), (lambda: fmt.weight(-0.505), "-0.505"),
    (lambda: fmt.approx(7.38905609893065), "7.389"), (lambda: fmt.approx(1.0), "1"),
    (lambda: fmt.prob(0.0900306), "0.090"), (lambda: fmt.prob(0.4076), "0.408"),
    (lambda: fmt.percent(0.66524), "67"), (lambda: fmt.percent(0.0900306), "9"),
    (lambda: fmt.relation(1.0), "="), (lambda: fmt.relation(2.718281828), r"\approx"),
    (lambda: fmt.paren("-0.4"), "(-0.4)"), (lambda: fmt.paren("0.2"), "0.2"),
    (lambda: fmt.sign(0.02), "-"), (lambda: fmt.sign(-0.04), "+"),
    (lambda: fmt.vector([1.0, 2.0, -0.5], fmt.weight), "[1.0, 2.0, -0.5]"),
    (lambda: fmt.words(9), "nine"), (lambda: fmt.words(20), "twenty"), (lambda: fmt.words(21), "21"),
])
def test_each_kind_of_value_is_written_as_the_lesson_writes_it(call, expected):
    assert call() == expected


@pytest.mark.parametrize("ratio, expected", [
    (10.0, "ten times farther"), (2.0, "two times farther"), (2.5, "2.5 times farther"),
    (1.0, "just as far"), (0.5, "half as far"), (0.1, "a tenth as far"), (0.25, "a quarter as far"),
    (0.4, "0.4 times as far"), (1.0 / 3.0, "a third as far"),
])
def test_how_far_a_second_step_goes_reads_true(ratio, expected):
    assert fmt.how_far(ratio) == expected


@pytest.mark.parametrize("ratio", [0.0, -2.0, float("inf"), float("nan")])
def test_how_far_refuses_a_ratio_that_is_not_a_step(ratio):
    with pytest.raises(ValueError, match="ratio"):
        fmt.how_far(ratio)
