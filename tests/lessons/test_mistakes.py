"""Tests for lesson.mistakes: the values of common mistakes, worked by hand, merged and dropped."""

import json
from pathlib import Path

import numpy as np
import pytest

from declared import EXERCISES as DECLARED
from declared import PARTS, QUANTITIES, as_spec, exact_value, load_inputs, mistakes_for
from lessons.loss_and_optimization import LESSON
from studykit.practice.mistakes import Mistake
from studykit.practice.variants import part_variants

EXERCISES = Path(__file__).parents[2] / "docs" / "data" / "exercises.yml"
PART_A = {"classes": ["A", "B", "C"], "scores": [1.5, -0.7, -0.8], "correct": "A", "margin": 1}
BODY = {"classes": ["X", "Y", "Z"], "scores": [0.8, 0.3, -0.4], "correct": "X", "margin": 1}
PART_B = {"scores": [2, 1, 0], "correct": [0, 2]}
PART_C = {"W": [1.0, 2.0, -0.5], "grad": [0.2, -0.4, 0.1], "learning_rates": [0.1, 1.0]}
# By hand: e^2 = 7.389056, e^1 = 2.718282, e^0 = 1; their sum 11.107338.
E2, E1, EXP_SUM = 7.389056099, 2.718281828, 11.107337927
# p_j = e^{s_j} / 11.107338: 7.389056 / 11.107338, 2.718282 / 11.107338, 1 / 11.107338.
P = (0.665240956, 0.244728471, 0.090030573)
# -ln p_0 = ln 11.107338 - 2 = 2.407606 - 2; -ln p_j = ln 11.107338 - s_j.
LN_SUM = 2.407605964


def _found(quantity, item, **case):
    """The (value, step) of each mistake, in order."""
    return [(m.value, m.step) for m in mistakes_for(quantity, item, **case)]


def _assert_found(found, expected):
    """Same steps in the same order, values equal to 1e-6."""
    assert [step for _, step in found] == [step for _, step in expected]
    for (value, _), (want, _) in zip(found, expected):
        assert np.allclose(value, want, rtol=0, atol=1e-6), (value, want)


# The steps a mistake may point at: the worked answers' step names, without their case.
STEPS = {name.split("-")[0] for declared in LESSON.exercises for names, _ in declared.steps
         for name in names.split()}


def _starts_with(value, seed):
    """Whether a value of the inputs file is the lesson's, or the lesson's with more appended."""
    if isinstance(seed, dict):
        return all(_starts_with(value.get(key), item) for key, item in seed.items())
    if isinstance(seed, list):
        return isinstance(value, list) and value[:len(seed)] == seed
    return value == seed


def test_the_lesson_inputs_are_the_ones_worked_here():
    inputs = load_inputs(EXERCISES)
    assert all(_starts_with(inputs[part], seed)
               for part, seed in (("part_a", PART_A), ("part_b", PART_B), ("part_c", PART_C)))


# --- Part A -----------------------------------------------------------------------------------


def test_svm_loss_of_part_a():
    # Margins: B -0.7 - 1.5 + 1 = -1.2, C -0.8 - 1.5 + 1 = -1.3, so the loss is 0 + 0 = 0.
    assert exact_value("svm_loss", PART_A) == 0.0
    _assert_found(_found("svm_loss", PART_A), [
        (1.0, "sum"),  # the correct class too: max(0, 1.5 - 1.5 + 1) = 1 more
        (6.5, "margins"),  # wrong way round: max(0, 1.5 + 0.7 + 1) + max(0, 1.5 + 0.8 + 1) = 3.2 + 3.3
        (-2.5, "hinges"),  # no max(0, .): -1.2 + -1.3
    ])  # Δ = 0 gives max(0, -2.2) + max(0, -2.3) = 0 and the mean (0 + 0) / 2 = 0: the right answer


def test_svm_loss_with_a_positive_loss():
    # Margins: Y 0.3 - 0.8 + 1 = 0.5, Z -0.4 - 0.8 + 1 = -0.2, so the loss is 0.5 + 0 = 0.5.
    assert exact_value("svm_loss", BODY) == pytest.approx(0.5)
    _assert_found(_found("svm_loss", BODY), [
        (1.5, "sum"),  # 0.5 + max(0, 1) for the correct class
        (0.0, "margins"),  # Δ = 0: max(0, -0.5) + max(0, -1.2)
        (3.7, "margins"),  # wrong way round: max(0, 0.8 - 0.3 + 1) + max(0, 0.8 + 0.4 + 1) = 1.5 + 2.2
        (0.3, "hinges"),  # no max(0, .): 0.5 - 0.2
        (0.25, "sum"),  # the mean: 0.5 / 2
    ])


def test_two_mistakes_with_one_value_are_one_entry_naming_both():
    item = {"classes": ["A", "B", "C"], "scores": [0, 0.6, -1.2], "correct": "A", "margin": 1}
    # Margins: B 0.6 - 0 + 1 = 1.6, C -1.2 - 0 + 1 = -0.2: the loss is 1.6. The correct class too:
    # 1.6 + 1 = 2.6; the wrong way round: max(0, 0 - 0.6 + 1) + max(0, 0 + 1.2 + 1) = 0.4 + 2.2 = 2.6.
    both = mistakes_for("svm_loss", item)[0]
    assert both.value == pytest.approx(2.6)
    assert both.steps == ("sum", "margins") and both.step == "margins"  # the earlier step on the page
    assert both.message == ("This is what you get if you either also count the correct class, which "
                            "adds max(0, 1) = 1 or take the difference the wrong way round, "
                            "max(0, s_y − s_j + Δ).")
    assert both.messages == tuple(m for m in both.messages if m.startswith("This is what you get if you"))
    assert len(both.messages) == 2
    # Δ = 0: max(0, 0.6) + max(0, -1.2) = 0.6; no max: 1.6 - 0.2 = 1.4; the mean: 1.6 / 2 = 0.8.
    _assert_found(_found("svm_loss", item)[1:], [(0.6, "margins"), (1.4, "hinges"), (0.8, "sum")])


@pytest.mark.parametrize("wrong_class, right, expected", [
    # B: -0.7 - 1.5 + 1 = -1.2; wrong way 1.5 + 0.7 + 1 = 3.2; no Δ -2.2; minus Δ -3.2; max(0, -1.2) = 0.
    ("B", -1.2, [(3.2, "margins"), (-2.2, "margins"), (-3.2, "margins"), (0.0, "margins")]),
    # C: -0.8 - 1.5 + 1 = -1.3; wrong way 1.5 + 0.8 + 1 = 3.3; no Δ -2.3; minus Δ -3.3; max(0, -1.3) = 0.
    ("C", -1.3, [(3.3, "margins"), (-2.3, "margins"), (-3.3, "margins"), (0.0, "margins")]),
])
def test_margins_of_part_a(wrong_class, right, expected):
    assert exact_value("margin", PART_A, wrong_class=wrong_class) == pytest.approx(right)
    found = mistakes_for("margin", PART_A, wrong_class=wrong_class)
    _assert_found([(m.value, m.step) for m in found], expected)
    assert found[0].message == (f"This is what you get if you take the difference the wrong way round, "
                                f"s_A − s_{wrong_class} + 1; the margin is s_{wrong_class} − s_A + 1.")


def test_a_positive_margin_has_no_max_mistake():
    # Y: 0.3 - 0.8 + 1 = 0.5, and max(0, 0.5) = 0.5 is the right answer, so it is dropped.
    found = _found("margin", BODY, wrong_class="Y")
    _assert_found(found, [(1.5, "margins"), (-0.5, "margins"), (-1.5, "margins")])


@pytest.mark.parametrize("wrong_class", ["A", "D"])
def test_a_margin_is_asked_for_a_wrong_class_only(wrong_class):
    with pytest.raises(ValueError, match=repr(wrong_class)):
        mistakes_for("margin", PART_A, wrong_class=wrong_class)


# --- Part B -----------------------------------------------------------------------------------


def test_exp_sum_of_part_b():
    assert exact_value("exp_sum", PART_B) == pytest.approx(EXP_SUM)
    _assert_found(_found("exp_sum", PART_B), [
        (3.0, "sum"),  # the scores: 2 + 1 + 0
        (E2 + E1, "sum"),  # exp(0) taken as 0: 7.389056 + 2.718282 = 10.107338
        (20.085536923, "sum"),  # exp(2 + 1 + 0) = e^3
    ])


def test_without_a_zero_score_exp_zero_is_no_mistake():
    messages = [m.message for m in mistakes_for("exp_sum", {"scores": [1, 2, 3], "correct": [2, 0]})]
    assert len(messages) == 2 and not any("exp(0)" in m for m in messages)


def test_probabilities_of_part_b():
    assert exact_value("probabilities", PART_B) == pytest.approx(P)
    _assert_found(_found("probabilities", PART_B), [
        ((E2, E1, 1.0), "probabilities"),  # not normalised: the exponentials
        ((2 / 3, 1 / 3, 0.0), "probabilities"),  # scores over their sum: 2/3, 1/3, 0/3
        ((E2 / 3, E1 / 3, 1 / 3), "probabilities"),  # exponentials over the sum of the scores, 3
        # exp(0) as 0: 7.389056 / 10.107338 = 0.731059, 2.718282 / 10.107338 = 0.268941, 0
        ((0.731058579, 0.268941421, 0.0), "sum"),
        ((np.e**-1, np.e**-2, np.e**-3), "sum"),  # over e^3: e^(2-3), e^(1-3), e^(0-3)
    ])


def test_scores_summing_to_zero_drop_the_divisions_by_that_sum(recwarn):
    found = mistakes_for("probabilities", {"scores": [1, -1, 0], "correct": [0, 1]})
    assert not [m for m in found if "sum of the scores" in m.message or "by their sum" in m.message]
    assert not recwarn.list
    # e^(1+(-1)+0) = e^0 = 1, so dividing by it leaves the exponentials [e, 1/e, 1] as they are.
    assert found[0].value == pytest.approx((np.e, 1 / np.e, 1.0))
    assert found[0].message == ("This is what you get if you either stop at the exponentials or divide by "
                                "the exponential of the summed scores.")
    # exp(0) as 0: [e, 1/e, 0] / (e + 1/e) = [0.880797, 0.119203, 0].
    _assert_found([(m.value, m.step) for m in found[1:]], [((0.880797078, 0.119202922, 0.0), "sum")])


@pytest.mark.parametrize("correct, right, expected", [
    (0, LN_SUM - 2, [
        ((LN_SUM - 2) / np.log(10), "loss"),  # -log10 p_0 = 0.407606 / 2.302585 = 0.177021
        (2 - LN_SUM, "loss"),  # ln p_0 = -0.407606
        (LN_SUM - 1, "loss"),  # -ln p_1 = 2.407606 - 1 = 1.407606
        (LN_SUM, "loss"),  # -ln p_2 = 2.407606 - 0
        (-2.0, "probabilities"),  # -ln exp(2) = -2
    ]),
    (2, LN_SUM, [
        (LN_SUM / np.log(10), "loss"),  # -log10 p_2 = 2.407606 / 2.302585 = 1.045610
        (-LN_SUM, "loss"),  # ln p_2
        (LN_SUM - 2, "loss"),  # -ln p_0 = 0.407606
        (LN_SUM - 1, "loss"),  # -ln p_1 = 1.407606
        (0.0, "probabilities"),  # -ln exp(0) = 0
    ]),
])
def test_cross_entropy_of_part_b(correct, right, expected):
    assert exact_value("cross_entropy", PART_B, correct=correct) == pytest.approx(right)
    _assert_found(_found("cross_entropy", PART_B, correct=correct), expected)


@pytest.mark.parametrize("correct", [3, -1, True, 0.0])
def test_cross_entropy_needs_a_class_index(correct):
    with pytest.raises(ValueError, match="correct index"):
        mistakes_for("cross_entropy", PART_B, correct=correct)


# --- Part C -----------------------------------------------------------------------------------


def test_new_weights_at_the_small_rate():
    # 0.1 * [0.2, -0.4, 0.1] = [0.02, -0.04, 0.01]; [1.0 - 0.02, 2.0 + 0.04, -0.5 - 0.01].
    assert exact_value("new_weights", PART_C, learning_rate=0.1) == pytest.approx((0.98, 2.04, -0.51))
    found = mistakes_for("new_weights", PART_C, learning_rate=0.1)
    _assert_found([(m.value, m.step) for m in found], [
        ((1.02, 1.96, -0.49), "update"),  # added: 1.0 + 0.02, 2.0 - 0.04, -0.5 + 0.01
        ((0.998, 2.004, -0.501), "products"),  # α² = 0.01: 1.0 - 0.002, 2.0 + 0.004, -0.5 - 0.001
        ((0.8, 2.4, -0.6), "products"),  # no α: 1.0 - 0.2, 2.0 + 0.4, -0.5 - 0.1
        # α·∇L rounded to one decimal is [0.0, -0.0, 0.0], leaving W; so does rounding 0.98, 2.04, -0.51.
        ((1.0, 2.0, -0.5), "products"),
    ])
    assert found[-1].steps == ("products", "update")
    assert found[-1].message == ("This is what you get if you either round α·∇L to one decimal before "
                                 "subtracting or round the new weights to one decimal.")


def test_new_weights_at_the_large_rate():
    # 1.0 * ∇L = [0.2, -0.4, 0.1]: α² = α, no α is the same step, and nothing is left to round.
    assert exact_value("new_weights", PART_C, learning_rate=1.0) == pytest.approx((0.8, 2.4, -0.6))
    _assert_found(_found("new_weights", PART_C, learning_rate=1.0), [((1.2, 1.6, -0.4), "update")])


def test_products_at_the_small_rate():
    # 0.1 * [0.2, -0.4, 0.1] = [0.02, -0.04, 0.01].
    assert exact_value("products", PART_C, learning_rate=0.1) == pytest.approx((0.02, -0.04, 0.01))
    _assert_found(_found("products", PART_C, learning_rate=0.1), [
        ((0.2, -0.4, 0.1), "products"),  # no α: ∇L itself
        ((0.002, -0.004, 0.001), "products"),  # α² = 0.01
        ((-0.02, 0.04, -0.01), "products"),  # the signs flipped
        ((0.0, 0.0, 0.0), "products"),  # rounded to one decimal: 0.02 -> 0.0, -0.04 -> -0.0, 0.01 -> 0.0
    ])


def test_products_at_the_large_rate():
    # 1.0 * ∇L = ∇L: no α and α² give the right products, and one decimal loses nothing.
    assert exact_value("products", PART_C, learning_rate=1.0) == pytest.approx((0.2, -0.4, 0.1))
    _assert_found(_found("products", PART_C, learning_rate=1.0), [((-0.2, 0.4, -0.1), "products")])


def test_rounding_too_early_rounds_halves_away_from_zero():
    item = {"W": [1.0, 1.0], "grad": [0.5, -0.5], "learning_rates": [0.1, 1.0]}
    # 0.1 * [0.5, -0.5] = [0.05, -0.05] -> [0.1, -0.1]: [1.0 - 0.1, 1.0 + 0.1] = [0.9, 1.1].
    # The right [0.95, 1.05] rounds to [1.0, 1.1].
    found = {m.messages[0].split(";")[0]: m.value for m in mistakes_for("new_weights", item, learning_rate=0.1)}
    assert found["This is what you get if you round α·∇L to one decimal before subtracting"] == \
        pytest.approx((0.9, 1.1))
    assert found["This is what you get if you round the new weights to one decimal"] == \
        pytest.approx((1.0, 1.1))


# --- Every quantity ---------------------------------------------------------------------------

CASES = [
    ("svm_loss", PART_A, {}), ("svm_loss", BODY, {}),
    ("margin", PART_A, {"wrong_class": "B"}), ("margin", PART_A, {"wrong_class": "C"}),
    ("exp_sum", PART_B, {}), ("probabilities", PART_B, {}),
    ("cross_entropy", PART_B, {"correct": 0}), ("cross_entropy", PART_B, {"correct": 2}),
    ("products", PART_C, {"learning_rate": 0.1}), ("products", PART_C, {"learning_rate": 1.0}),
    ("new_weights", PART_C, {"learning_rate": 0.1}), ("new_weights", PART_C, {"learning_rate": 1.0}),
]
PART_STEPS = {"svm_loss": {"margins", "hinges", "sum"}, "margin": {"margins"},
              "exp_sum": {"sum"}, "probabilities": {"sum", "probabilities"},
              "cross_entropy": {"probabilities", "loss"}, "products": {"products"},
              "new_weights": {"products", "update"}}


def _variant_cases():
    """Every quantity of every variant the default seed gives, the lesson's own included."""
    inputs = load_inputs(EXERCISES)

    def variants_of(part):
        return part_variants(DECLARED[part], inputs, stream=PARTS.index(part))

    for a in variants_of("part_a"):
        yield ("svm_loss", a, {})
        yield from (("margin", a, {"wrong_class": c}) for c in a["classes"] if c != a["correct"])
    for b in variants_of("part_b"):
        yield from (("exp_sum", b, {}), ("probabilities", b, {}))
        yield from (("cross_entropy", b, {"correct": y}) for y in b["correct"])
    for c in variants_of("part_c"):
        for rate in c["learning_rates"]:
            yield from (("products", c, {"learning_rate": rate}), ("new_weights", c, {"learning_rate": rate}))


def test_every_quantity_is_covered():
    assert {quantity for quantity, _, _ in CASES} == set(QUANTITIES)


@pytest.mark.parametrize("quantity, item, case", CASES + list(_variant_cases()))
def test_mistakes_are_distinct_wrong_and_told_in_one_sentence(quantity, item, case):
    right, found = exact_value(quantity, item, **case), mistakes_for(quantity, item, **case)
    assert found and all(isinstance(m, Mistake) for m in found)
    values = [np.atleast_1d(m.value) for m in found]
    for i, value in enumerate(values):
        assert value.shape == np.atleast_1d(right).shape
        assert not np.allclose(value, right, atol=1e-6)
        assert not any(np.allclose(value, other, atol=1e-6) for other in values[i + 1:])
    for m in found:
        assert m.step in PART_STEPS[quantity] and set(m.steps) <= set(STEPS)
        assert m.message.startswith("This is what you get if you") and m.message.endswith(".")
        assert ". " not in m.message and len(m.message) < 160


@pytest.mark.parametrize("quantity, item, case", CASES)
def test_specs_are_plain_json(quantity, item, case):
    for m in mistakes_for(quantity, item, **case):
        spec = json.loads(json.dumps(as_spec(m)))
        assert spec == {"value": list(m.value) if isinstance(m.value, tuple) else m.value,
                        "message": m.message, "step": m.step}


def test_each_quantity_is_declared_by_one_exercise():
    declared = [name for exercise in LESSON.exercises for name in exercise.quantities]
    assert sorted(declared) == sorted(set(declared)) == sorted(QUANTITIES)
