"""The lesson's answer boxes through the kit's checks: right values, digits asked, mistakes' steps."""

import json
from pathlib import Path

import numpy as np
import pytest

from declared import EXERCISES as DECLARED
from declared import PARTS, load_inputs
from studykit.practice import checks
from studykit.practice.checks import exercise_key
from studykit.practice.variants import part_variants

EXERCISES = Path(__file__).parents[2] / "docs" / "data" / "exercises.yml"
PART_A = {"classes": ["A", "B", "C"], "scores": [1.5, -0.7, -0.8], "correct": "A", "margin": 1}
PART_B = {"scores": [2, 1, 0], "correct": [0, 2]}
PART_C = {"W": [1.0, 2.0, -0.5], "grad": [0.2, -0.4, 0.1], "learning_rates": [0.1, 1.0]}


def part_checks(part, item):
    return checks.part_checks(DECLARED[part], item)


def step_number(part, step, case=""):
    return checks.step_number(DECLARED[part], step, case)


def _specs(part, item):
    return [box["spec"] for box in part_checks(part, item)]


def test_part_a_asks_each_margin_then_the_loss():
    boxes = part_checks("part_a", PART_A)
    assert [box["label"] for box in boxes] == [
        "Step: the margin of class B, s<sub>B</sub> − s<sub>A</sub> + 1",
        "Step: the margin of class C, s<sub>C</sub> − s<sub>A</sub> + 1", "The SVM loss L"]
    margin_b, margin_c, loss = (box["spec"] for box in boxes)
    # -0.7 - 1.5 + 1 = -1.2 and -0.8 - 1.5 + 1 = -1.3, shown with two significant digits; loss 0.
    assert (margin_b["exact"], margin_b["shown"], margin_b["minDigits"]) == (-1.2, "-1.2", 2)
    assert (margin_c["exact"], margin_c["shown"]) == (-1.3, "-1.3")
    assert (loss["exact"], loss["shown"], loss["minDigits"]) == (0.0, "0", 1)
    # The correct class too (1) is fixed by the sum, step 4; the wrong way round (6.5) by the
    # margins, step 2; no max(0, ·) (-2.5) by the hinges, step 3.
    assert [(m["value"], m["step"]) for m in loss["mistakes"]] == [(1.0, 4), (6.5, 2), (-2.5, 3)]
    assert {m["step"] for m in margin_b["mistakes"]} == {2}


def test_part_b_asks_the_sum_the_probabilities_and_both_losses():
    boxes = part_checks("part_b", PART_B)
    assert [box["label"] for box in boxes] == [
        "Step: the sum of the exponentials",
        "The probabilities p<sub>0</sub>, p<sub>1</sub>, p<sub>2</sub> (three numbers)",
        "The loss for case (a), correct class index 0", "The loss for case (b), correct class index 2"]
    total, probabilities, loss_a, loss_b = (box["spec"] for box in boxes)
    # e^2 + e + 1 = 7.389056 + 2.718282 + 1 = 11.107338: three significant digits asked of it.
    assert total["exact"] == pytest.approx(11.107337927) and total["shown"] == "11.107"
    assert total["minDigits"] == 3
    # [7.389056, 2.718282, 1] / 11.107338; 0.090 shows two significant digits.
    assert probabilities["exact"] == pytest.approx([0.665240956, 0.244728471, 0.090030573])
    assert probabilities["shown"] == ["0.665", "0.245", "0.090"] and probabilities["minDigits"] == [3, 3, 2]
    assert probabilities["percent"] is True and "percent" not in loss_a
    # -ln 0.665241 = 0.407606; -ln 0.090031 = 2.407606.
    assert loss_a["exact"] == pytest.approx(0.407605964) and loss_a["shown"] == "0.408"
    assert loss_b["exact"] == pytest.approx(2.407605964) and loss_b["shown"] == "2.408"
    # Log base 10 and the like are shown in the loss's own step: case (a) is step 2, case (b) step 3;
    # -s_y without the sum is fixed by the softmax, step 1.
    assert {m["step"] for m in loss_a["mistakes"]} == {1, 2}
    assert {m["step"] for m in loss_b["mistakes"]} == {1, 3}


def test_part_c_asks_the_products_and_the_new_weights_at_each_rate():
    boxes = part_checks("part_c", PART_C)
    assert [box["label"] for box in boxes] == [
        "Step: α·∇L at α = 0.1 (three numbers)", "The updated W at α = 0.1 (three numbers)",
        "Step: α·∇L at α = 1.0 (three numbers)", "The updated W at α = 1.0 (three numbers)"]
    products, weights, products_2, weights_2 = (box["spec"] for box in boxes)
    # 0.1 * [0.2, -0.4, 0.1] = [0.02, -0.04, 0.01]; [1.0 - 0.02, 2.0 + 0.04, -0.5 - 0.01].
    assert products["exact"] == pytest.approx([0.02, -0.04, 0.01])
    assert products["shown"] == ["0.02", "-0.04", "0.01"] and products["minDigits"] == [1, 1, 1]
    assert weights["exact"] == pytest.approx([0.98, 2.04, -0.51])
    assert weights["shown"] == ["0.98", "2.04", "-0.51"] and weights["minDigits"] == [2, 3, 2]
    assert weights_2["shown"] == ["0.8", "2.4", "-0.6"] and products_2["shown"] == ["0.2", "-0.4", "0.1"]
    # Steps: 2 and 3 show the first rate's products and update, 4 and 5 the second's.
    assert {m["step"] for m in products["mistakes"]} == {2}
    assert {m["step"] for m in weights["mistakes"]} == {2, 3}
    assert {m["step"] for m in products_2["mistakes"]} == {4}
    assert {m["step"] for m in weights_2["mistakes"]} == {5}  # only "added" is left: the second update


@pytest.mark.parametrize("part, step, case, number", [
    ("part_a", "margins", "", 2), ("part_a", "hinges", "", 3), ("part_a", "sum", "", 4),
    ("part_b", "sum", "a", 1), ("part_b", "probabilities", "b", 1), ("part_b", "loss", "b", 3),
    ("part_c", "products", "2", 4), ("part_c", "update", "1", 3),
])
def test_a_mistakes_step_is_found_in_its_case(part, step, case, number):
    assert step_number(part, step, case) == number


def test_an_unknown_step_is_named():
    with pytest.raises(ValueError, match="part_a: no step of the worked answer is named 'loss'"):
        step_number("part_a", "loss")


def _independent(part, item):
    """The right value of every box, in page order, computed here with NumPy."""
    if part == "part_a":
        s, y = np.array(item["scores"], float), item["classes"].index(item["correct"])
        margins = [s[j] - s[y] + item["margin"] for j in range(s.size) if j != y]
        return margins + [sum(max(0.0, m) for m in margins)]
    if part == "part_b":
        e = np.exp(np.array(item["scores"], float))
        p = e / e.sum()
        return [e.sum(), list(p)] + [-np.log(p[y]) for y in item["correct"]]
    w, g = np.array(item["W"], float), np.array(item["grad"], float)
    return [value for rate in item["learning_rates"] for value in (list(rate * g), list(w - rate * g))]


@pytest.mark.parametrize("part", PARTS)
def test_every_variants_boxes_check_against_values_that_follow_from_its_inputs(part):
    for item in part_variants(DECLARED[part], load_inputs(EXERCISES), stream=PARTS.index(part)):
        specs = _specs(part, item)
        expected = _independent(part, item)
        assert len(specs) == len(expected)
        for spec, value in zip(specs, expected):
            assert np.allclose(spec["exact"], value, rtol=1e-9, atol=1e-12)
            assert all(1 <= m["step"] <= len(DECLARED[part].steps) for m in spec["mistakes"])
            assert json.loads(json.dumps(spec, allow_nan=False)) == spec


def test_the_key_changes_with_any_checked_value():
    specs = {"part_c": [_specs("part_c", PART_C)]}
    assert exercise_key(specs) == exercise_key(json.loads(json.dumps(specs)))
    moved = {"part_c": [_specs("part_c", {**PART_C, "W": [1.0, 3.0, -0.5]})]}
    assert exercise_key(moved) != exercise_key(specs)
