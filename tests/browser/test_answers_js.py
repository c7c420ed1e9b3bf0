"""docs/assets/lesson-answers.js in real headless Chromium: reading typed answers and the tolerance rule."""

from pathlib import Path

import pytest

from declared import as_spec, exact_value, mistakes_for
from studykit.core import fmt

SCRIPT = Path(__file__).parents[2] / "docs" / "assets" / "lesson-answers.js"
COMPARE = " Compare your working with the worked answer."

# Every value below is worked by hand. Part B: e^2 = 7.389056, e = 2.718282, e^0 = 1, sum 11.107338;
# p = [7.389056, 2.718282, 1] / 11.107338 = [0.665241, 0.244728, 0.090031];
# -ln p_2 = ln 11.107338 - 0 = 2.407606, and -ln p_j = 2.407606 - s_j.
LOSS_2 = {"exact": 2.40760596, "shown": "2.408", "mistakes": [
    {"value": 1.04561, "message": "log10", "step": "loss"},  # 2.407606 / ln 10 = 2.407606 / 2.302585
    {"value": -2.40760596, "message": "minus", "step": "loss"},
    {"value": 0.40760596, "message": "p_0", "step": "loss"},  # 2.407606 - 2
    {"value": 1.40760596, "message": "p_1", "step": "loss"},  # 2.407606 - 1
    {"value": 0, "message": "-s_2", "step": "probabilities"},  # -ln exp(0) = 0
]}
LOSS_0 = {"exact": 0.40760596, "shown": "0.408"}  # 2.407606 - 2
P_0 = {"exact": 0.66524096, "shown": "0.665", "percent": True}
PROBABILITIES = {"exact": [0.66524096, 0.24472847, 0.09003057], "shown": ["0.665", "0.245", "0.090"],
                 "percent": True, "mistakes": [
                     {"value": [7.389056, 2.718282, 1], "message": "exps", "step": "probabilities"},
                     {"value": [2 / 3, 1 / 3, 0], "message": "scores/3", "step": "probabilities"}]}
# Part A: margins -0.7 - 1.5 + 1 = -1.2 and -0.8 - 1.5 + 1 = -1.3, so the loss is 0. Mistakes: the
# correct class too, 0 + 1; the wrong way round, 3.2 + 3.3 = 6.5; no max(0, .), -1.2 - 1.3 = -2.5.
SVM_LOSS = {"exact": 0, "shown": "0", "mistakes": [
    {"value": 1, "message": "correct class", "step": "sum"},
    {"value": 6.5, "message": "wrong way", "step": "margins"},
    {"value": -2.5, "message": "no max", "step": "hinges"}]}
# Margin of B: -0.7 - 1.5 + 1 = -1.2; wrong way 1.5 + 0.7 + 1 = 3.2; no Δ -2.2; max(0, -1.2) = 0.
MARGIN_B = {"exact": -1.2, "shown": "-1.2", "mistakes": [
    {"value": 3.2, "message": "wrong way", "step": "margins"},
    {"value": -2.2, "message": "no Δ", "step": "margins"},
    {"value": 0, "message": "max", "step": "margins"}]}
# Part C at α = 0.1: [1.0 - 0.02, 2.0 + 0.04, -0.5 - 0.01]; mistakes: added, α² = 0.01, no α, and
# rounding 0.1 · ∇L = [0.02, -0.04, 0.01] to one decimal (nothing left to subtract).
STEP_SMALL = {"exact": [0.98, 2.04, -0.51], "shown": ["0.98", "2.04", "-0.51"], "mistakes": [
    {"value": [1.02, 1.96, -0.49], "message": "added", "step": "update"},
    {"value": [0.998, 2.004, -0.501], "message": "α twice", "step": "products"},
    {"value": [0.8, 2.4, -0.6], "message": "no α", "step": "products"},
    {"value": [1.0, 2.0, -0.5], "message": "rounded early", "step": "products"}]}
# At α = 1.0: [1.0 - 0.2, 2.0 + 0.4, -0.5 - 0.1]; added: [1.2, 1.6, -0.4].
STEP_LARGE = {"exact": [0.8, 2.4, -0.6], "shown": ["0.8", "2.4", "-0.6"], "mistakes": [
    {"value": [1.2, 1.6, -0.4], "message": "added", "step": "update"}]}
HALF = {"exact": 0.125, "shown": "0.125", "minDigits": 2}
# The lesson's own inputs of Parts B and C, as docs/data/exercises.yml holds them.
PART_B = {"scores": [2, 1, 0], "correct": [0, 2]}
PART_C = {"W": [1.0, 2.0, -0.5], "grad": [0.2, -0.4, 0.1], "learning_rates": [0.1, 1.0]}


@pytest.fixture(scope="module")
def answers(browser):
    """A blank page in Debian's headless Chromium with lesson-answers.js loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html lang='en'><title>answers</title></html>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    context.close()


def _check(page, typed, spec):
    return page.evaluate("([typed, spec]) => LessonAnswers.check(typed, spec)", [typed, spec])


def _verdicts(spec, cases):
    return [pytest.param(spec, typed, verdict, id=f"{typed!r}-{verdict}") for typed, verdict in cases]


CASES = [
    # 2.408 vs 2.41 vs 2.4 vs 2, and the forms a number may take.
    *_verdicts(LOSS_2, [
        ("2.408", "right"), ("2.41", "right"), ("2.4", "too-few-digits"), ("2", "too-few-digits"),
        ("2.4076", "right"), ("2.40760596", "right"), ("2.4077", "right"),  # inside 2.408's rounding
        ("2.407", "wrong"), ("2.45", "wrong"), ("2.5", "wrong"), ("7", "wrong"),
        (" 2.408 ", "right"), ("+2.408", "right"), ("+ 2.408", "right"), ("2.408e0", "right"),
        (".2408e1", "right"), ("24.08E-1", "right"), ("2408e-3", "right"), ("2.4080", "right"),
        ("1.05", "mistake"), ("1.046", "mistake"), ("1", "too-few-digits"),  # 1 could be 1.05 or 1.41
        ("-2.408", "mistake"), ("−2.408", "mistake"), ("- 2.41", "mistake"), ("0.408", "mistake"),
        ("0.4076", "mistake"), ("1.408", "mistake"), ("0", "mistake"), ("0.0", "mistake"),
        ("2,408", "unreadable"), ("2.408%", "unreadable"), ("abc", "unreadable"), ("", "unreadable"),
        ("2..4", "unreadable"), (".", "unreadable"), ("-", "unreadable"), ("2.408e", "unreadable"),
        ("[2.408]", "unreadable"), ("2.408 2.41", "unreadable"), ("2 408", "unreadable"),
    ]),
    # The rounding of the shown value, exactly half included; a learner who used 0.408 for 0.4076.
    *_verdicts(LOSS_0, [("0.408", "right"), ("0.4075", "right"), ("0.4085", "right"),
                        ("0.4074", "wrong"), ("0.4086", "wrong"), ("0.41", "too-few-digits"),
                        ("0.4", "too-few-digits")]),
    # Exactly half a unit of the typed precision agrees both ways, for a positive and a negative value.
    *_verdicts(HALF, [("0.12", "right"), ("0.13", "right"), ("0.125", "right"), ("0.11", "wrong"),
                      ("0.14", "wrong"), ("0.1", "too-few-digits")]),
    *_verdicts({"exact": -0.125, "shown": "-0.125", "minDigits": 2},
               [("-0.12", "right"), ("−0.13", "right"), ("0.12", "wrong"), ("-0.1", "too-few-digits")]),
    *_verdicts({"exact": 2.5, "shown": "2.5", "minDigits": 1},
               [("2", "right"), ("3", "right"), ("4", "wrong")]),
    # A probability, also as a percentage.
    *_verdicts(P_0, [("0.665", "right"), (".665", "right"), ("6.65e-1", "right"), ("66.5%", "right"),
                     ("66.5 %", "right"), ("66.52%", "right"), ("0.6654", "right"), ("67%", "too-few-digits"),
                     ("0.67", "too-few-digits"), ("66.5%%", "unreadable"), ("%", "unreadable")]),
    # An exact zero: any zero is right, anything else is judged by its own precision.
    *_verdicts(SVM_LOSS, [
        ("0", "right"), ("0.0", "right"), ("-0", "right"), ("−0", "right"), ("+0", "right"),
        ("0.000", "right"), ("0e5", "right"), ("0.01", "wrong"), ("0.5", "wrong"), ("3", "wrong"),
        ("1", "mistake"), ("1.0", "mistake"), ("6.5", "mistake"), ("-2.5", "mistake"), ("−2.5", "mistake"),
        ("7", "mistake"),  # 6.5 lies within 7's precision, 6.5 to 7.5
    ]),
    # A negative value shown exactly: its shown value is no rounding, so -1.25 is not right.
    *_verdicts(MARGIN_B, [
        ("-1.2", "right"), ("−1.2", "right"), ("-1.20", "right"), ("- 1.2", "right"), ("-1.25", "wrong"),
        ("1.2", "wrong"), ("-1", "too-few-digits"), ("3.2", "mistake"), ("-2.2", "mistake"), ("0", "mistake"),
    ]),
    # A vector: every number right, or every number one mistake's.
    *_verdicts(STEP_SMALL, [
        ("[0.98, 2.04, -0.51]", "right"), ("0.98, 2.04, -0.51", "right"), ("0.98 2.04 -0.51", "right"),
        ("0.98 2.04 −0.51", "right"), ("[0.98,2.04,-0.51]", "right"), (" [ 0.98 , 2.04 , -0.51 ] ", "right"),
        ("9.8e-1, 2.04, -.51", "right"), ("0.980, 2.040, -0.510", "right"), ("0.98,2.04 , - 0.51", "right"),
        ("1.02, 1.96, -0.49", "mistake"), ("0.998, 2.004, -0.501", "mistake"), ("0.8, 2.4, -0.6", "mistake"),
        ("1, 2, -0.5", "mistake"), ("1.0, 2.0, -0.5", "mistake"), ("0.98, 2.0, -0.51", "too-few-digits"),
        ("0.98, 2.04, 0.51", "wrong"), ("0.98, 1.96, -0.51", "wrong"), ("0.98, 2.04", "unreadable"),
        ("0.98, 2.04, -0.51, 0", "unreadable"), ("[0.98, 2.04, -0.51", "unreadable"),
        ("0.98; 2.04; -0.51", "unreadable"), ("0.98,, 2.04, -0.51", "unreadable"),
        ("0.98, 2.04, -0.51,", "unreadable"),
        ("98%, 204%, -51%", "unreadable"),
    ]),
    *_verdicts(STEP_LARGE, [("0.8, 2.4, -0.6", "right"), ("0.80, 2.40, -0.60", "right"),
                            ("1.2, 1.6, -0.4", "mistake"),
                            ("1, 2.4, -0.6", "too-few-digits"), ("0.75, 2.4, -0.6", "wrong")]),
    *_verdicts(PROBABILITIES, [
        ("[0.665, 0.245, 0.090]", "right"), ("0.665 0.245 0.09", "too-few-digits"),
        ("66.5%, 24.5%, 9.0%", "right"),
        ("66.5% 24.5% 9%", "too-few-digits"), ("0.665, 0.245, 0.1", "too-few-digits"),
        ("7.389, 2.718, 1", "mistake"), ("0.667, 0.333, 0", "mistake"), ("0.665, 0.255, 0.090", "wrong"),
    ]),
    # Without a shown value N is 3; a value typed exactly is right whatever its digits.
    *_verdicts({"exact": 0.5}, [("0.5", "right"), (".50", "right"), ("0.51", "wrong"), ("50%", "unreadable")]),
    *_verdicts({"exact": 1.0, "shown": "1.0"}, [("1", "right"), ("1.04", "wrong"), ("1.1", "wrong")]),
    *_verdicts({**LOSS_2, "minDigits": 2}, [("2.4", "right"), ("2", "too-few-digits")]),
]


@pytest.mark.parametrize("spec, typed, verdict", CASES)
def test_verdict(answers, spec, typed, verdict):
    assert _check(answers, typed, spec)["verdict"] == verdict


@pytest.mark.parametrize("spec, typed, message", [
    (LOSS_2, "2.408", "Right: the worked answer shows 2.408."),
    (STEP_SMALL, "0.98 2.04 -0.51", "Right: the worked answer shows [0.98, 2.04, -0.51]."),
    ({"exact": 0.5}, "0.5", "Right."),
    (LOSS_2, "2", "Give at least 3 significant digits (round to 0.01)."),
    (LOSS_0, "0.4", "Give at least 3 significant digits (round to 0.001)."),
    (P_0, "67%", "Give at least 3 significant digits (round to 0.1%)."),
    (STEP_SMALL, "0.98, 2.0, -0.51", "Give at least 3 significant digits for number 2 (round to 0.01)."),
    (STEP_LARGE, "1, 2.4, -0.6", "Give at least 1 significant digits for number 1 (round to 0.1)."),
    (PROBABILITIES, "66.5% 24.5% 9%", "Give at least 2 significant digits for number 3 (round to 0.1%)."),
    (MARGIN_B, "-1", "Give at least 2 significant digits (round to 0.1)."),
    (LOSS_2, "7", "Not right." + COMPARE),
    (STEP_SMALL, "0.98, 2.04, 0.51", "Not right: number 3 is off." + COMPARE),
    (STEP_SMALL, "0.97, 2.04, 0.51", "Not right: numbers 1 and 3 are off." + COMPARE),
    (PROBABILITIES, "0.6, 0.2, 0.2", "Not right: numbers 1, 2 and 3 are off." + COMPARE),
    (LOSS_2, "abc", "Could not read that as a number: “abc”. Type it like 0.665, .665 or 6.65e-1."),
    (LOSS_2, "", "Could not read that as a number: nothing was typed."),
    (LOSS_2, "2.408%", "Could not read that as a number: “2.408%”. A percentage fits only where a "
                       "probability is asked."),
    (LOSS_2, "2,408", "Give one number; that reads as 2. Write decimals with a point: 0.665."),
    (LOSS_2, "2 408", "Give one number; that reads as 2."),
    (STEP_SMALL, "0.98, 2.04", "Give 3 numbers, separated by commas or spaces; that reads as 2."),
    (STEP_SMALL, "0.98,, 2.04, -0.51", "Could not read that as a number: a comma has no number beside it."),
])
def test_message(answers, spec, typed, message):
    assert _check(answers, typed, spec)["message"] == message


@pytest.mark.parametrize("spec, typed, message, step", [
    (LOSS_2, "1.05", "log10", "loss"), (LOSS_2, "0", "-s_2", "probabilities"),
    (SVM_LOSS, "6.5", "wrong way", "margins"), (STEP_SMALL, "1, 2, -0.5", "rounded early", "products"),
    (STEP_SMALL, "1.02 1.96 -0.49", "added", "update"),
])
def test_a_mistake_gives_its_message_and_step(answers, spec, typed, message, step):
    assert _check(answers, typed, spec) == {"verdict": "mistake", "message": message, "step": step}


@pytest.mark.parametrize("typed", ["2.408", "2", "7", "x"])
def test_other_verdicts_point_at_no_step(answers, typed):
    assert _check(answers, typed, LOSS_2)["step"] is None


def test_the_first_matching_mistake_is_named(answers):
    spec = {"exact": 1, "shown": "1", "mistakes": [{"value": 2, "message": "first", "step": "sum"},
                                                   {"value": 2.04, "message": "second", "step": "loss"}]}
    # 2 agrees with both 2 (equal) and 2.04 (2.04 lies within 1.5 to 2.5, and 2 is fine enough at N = 1).
    assert _check(answers, "2", spec)["message"] == "first"
    assert _check(answers, "2.04", spec)["message"] == "second"


@pytest.mark.parametrize("typed, percent, numbers", [
    ("66.5%", True, [(0.665, 0.001)]), ("6.65e-1", False, [(0.665, 0.001)]), (".665", False, [(0.665, 0.001)]),
    ("−0.51", False, [(-0.51, 0.01)]), ("2", False, [(2, 1)]), ("1.20e2", False, [(120, 1)]),
])
def test_read_gives_each_value_and_its_precision(answers, typed, percent, numbers):
    read = answers.evaluate("([t, p]) => LessonAnswers.read(t, 1, p, false)", [typed, percent])
    assert [(n["value"], n["place"]) for n in read["numbers"]] == [pytest.approx(n) for n in numbers]


def test_the_script_adds_one_global_only(answers):
    added = answers.evaluate("""() => {
        const frame = document.createElement("iframe");
        document.body.append(frame);
        const blank = new Set(Object.getOwnPropertyNames(frame.contentWindow));
        frame.remove();
        return Object.getOwnPropertyNames(window).filter((name) => !blank.has(name));
    }""")
    assert added == ["LessonAnswers"]


@pytest.mark.parametrize("quantity, case, typed, verdict, message_start", [
    ("new_weights", {"learning_rate": 0.1}, "1.0, 2.0, -0.5", "mistake",
     "This is what you get if you either round α·∇L to one decimal before subtracting or"),
    ("new_weights", {"learning_rate": 0.1}, "[1.02, 1.96, -0.49]", "mistake",
     "This is what you get if you add α·∇L instead of subtracting it"),
    ("new_weights", {"learning_rate": 1.0}, "0.8 2.4 -0.6", "right",
     "Right: the worked answer shows [0.8, 2.4, -0.6]"),
    ("cross_entropy", {"correct": 2}, "1.05", "mistake", "This is what you get if you use log base 10"),
    ("cross_entropy", {"correct": 2}, "2.41", "right", "Right: the worked answer shows 2.408"),
    ("probabilities", {}, "66.5%, 24.5%, 9.0%", "right", "Right"),
    ("probabilities", {}, "7.389, 2.718, 1", "mistake", "This is what you get if you stop at the exponentials"),
])
def test_specs_from_the_mistakes_module_are_checked(answers, quantity, case, typed, verdict, message_start):
    item = {"new_weights": PART_C, "cross_entropy": PART_B, "probabilities": PART_B}[quantity]
    exact = exact_value(quantity, item, **case)
    show = fmt.weight if quantity == "new_weights" else fmt.prob
    spec = {"exact": list(exact) if isinstance(exact, tuple) else exact,
            "shown": [show(v) for v in exact] if isinstance(exact, tuple) else show(exact),
            "percent": quantity == "probabilities",
            "mistakes": [as_spec(m) for m in mistakes_for(quantity, item, **case)]}
    result = _check(answers, typed, spec)
    assert result["verdict"] == verdict and result["message"].startswith(message_start)
