"""The explorers' reference side: softmax readouts and the bowl, against hand-worked numbers."""

import json
import math

import numpy as np
import pytest

from lessons.loss_and_optimization import explorers, reference
from studykit.core.errors import LessonDataError
from declared import load_inputs
from explorer_vectors import explorer_vectors

from builds import ROOT

INPUTS = ROOT / "docs" / "data" / "exercises.yml"


@pytest.fixture
def inputs():
    return load_inputs(INPUTS)


def test_part_b_readout_by_hand():
    # exp(2), exp(1), exp(0) = 7.389, 2.718, 1 over 11.107; -ln(0.665) = 0.408.
    readout = explorers.softmax_readout([2, 1, 0], 0, 1.0)
    assert np.round(readout["p"], 3).tolist() == [0.665, 0.245, 0.090]
    assert round(readout["cross_entropy"], 3) == 0.408
    assert readout["svm"] == 0.0  # max(0, 1 - 2 + 1) + max(0, 0 - 2 + 1)
    # Class 2 correct: max(0, 2 - 0 + 1) + max(0, 1 - 0 + 1) = 5, and -ln(0.090) = 2.408.
    wrong = explorers.softmax_readout([2, 1, 0], 2, 1.0)
    assert wrong["svm"] == 5.0 and round(wrong["cross_entropy"], 3) == 2.408


def test_bowl_loss_and_gradient_at_the_start():
    assert explorers.START == (-4.0, 2.0) and explorers.CURVATURES == (1.0, 3.0)
    assert explorers.bowl_loss(explorers.START) == 14.0  # (16 + 3 * 4) / 2
    assert explorers.bowl_grad(explorers.START).tolist() == [-4.0, 6.0]
    numeric = reference.numerical_gradient(explorers.bowl_loss, np.array(explorers.START))
    assert np.allclose(numeric, [-4.0, 6.0])


def test_one_step_at_rate_0_3_by_hand():
    run = explorers.bowl_descent(0.3, steps=1)
    # (-4 - 0.3 * -4, 2 - 0.3 * 6) = (-2.8, 0.2); loss (7.84 + 3 * 0.04) / 2 = 3.98.
    assert np.allclose(run["path"], [[-4, 2], [-2.8, 0.2]])
    assert np.allclose(run["losses"], [14.0, 3.98])


@pytest.mark.parametrize("rate, regime", [
    (0.05, "creeps"),  # factors 0.95 and 0.85: after 10 steps (16 * 0.95^20 + 12 * 0.85^20) / 2 = 3.10
    (0.3, "converges"),  # factors 0.7 and 0.1: 0.006 after 10 steps, under a tenth of 14
    (0.5, "oscillates"),  # factor 1 - 1.5 = -0.5 along w2: it changes sign on every step
    (0.75, "diverges"),  # factor 1 - 2.25 = -1.25 along w2: it grows on every step
])
def test_each_regime_at_a_hand_worked_rate(rate, regime):
    run = explorers.bowl_descent(rate)
    assert run["regime"] == regime
    assert len(run["path"]) == len(run["losses"]) == explorers.STEPS + 1


def test_the_creeping_rate_by_hand():
    assert explorers.bowl_descent(0.05)["losses"][-1] == pytest.approx(
        (16 * 0.95**20 + 12 * 0.85**20) / 2)


def test_the_slider_opens_on_a_good_rate_and_reaches_every_regime():
    low, high, step = explorers.RATE_RANGE
    rates = np.arange(low, high + step / 2, step)
    assert np.isclose(rates, explorers.GOOD_RATE).any()
    assert explorers.bowl_descent(explorers.GOOD_RATE)["regime"] == "converges"
    assert {explorers.bowl_descent(rate)["regime"] for rate in rates} == set(explorers.REGIMES)


def test_the_page_names_the_regimes_the_slider_reaches_in_order_of_rate(inputs):
    # Rates 0.01-0.08 creep, 0.09-0.33 converge, 0.34-0.66 oscillate, 0.67-0.8 diverge.
    reached = explorers.settings(inputs)["step-size"]["reached"]
    assert reached == ["creeps", "converges", "oscillates", "diverges"]


def test_settings_open_on_part_b_and_part_a_margin(inputs):
    settings = explorers.settings(inputs)
    softmax, bowl = settings["softmax"], settings["step-size"]
    assert softmax["scores"] == [2.0, 1.0, 0.0] and softmax["correct"] == 0  # exercises.yml
    assert softmax["script"] == {"margin": 1.0} and softmax["margin"] == "1"
    assert softmax["shift_keeps_probabilities"] is True
    assert bowl["rate"] == explorers.GOOD_RATE and bowl["start_text"] == "(−4, 2)"
    assert bowl["formula"] == "w₁² + 3w₂²"
    json.dumps(settings)  # the page carries the scripts' part as JSON


def test_contours_are_level_sets_of_the_bowl(inputs):
    contours = explorers.settings(inputs)["step-size"]["contours"]
    assert contours[0] == pytest.approx([math.sqrt(28), math.sqrt(28 / 3)])  # the start's level, 14
    for rx, ry in contours:
        assert explorers.bowl_loss((rx, 0)) == pytest.approx(explorers.bowl_loss((0, ry)))


@pytest.mark.parametrize("scores, expected", [
    ([2, 1, 0], (-10.0, 10.0, 0.1)),
    ([2, 1.25, 0], (-10.0, 10.0, 0.05)),  # quarters need a finer step
    ([12, 1, -10.5], (-11.0, 12.0, 0.1)),  # a score off the ends widens the range
])
def test_the_sliders_hold_part_b_scores(inputs, scores, expected):
    inputs["part_b"]["scores"] = scores
    assert explorers.settings(inputs)["softmax"]["range"] == expected


def test_scores_no_slider_can_hold_fail_naming_file_exercise_and_field(inputs):
    inputs["part_b"]["scores"] = [2, 1, 0.0001]
    with pytest.raises(LessonDataError) as error:
        explorers.settings(inputs)
    message = str(error.value)
    assert str(INPUTS) in message and "'part_b'" in message and "'scores'" in message
    assert "0.0001" in message


def test_vectors_lie_on_the_sliders_and_agree_with_the_reference():
    vectors = explorer_vectors(1.0)
    json.dumps(vectors)
    assert len(vectors["softmax"]) >= 20 and len(vectors["bowl"]) >= 20
    low, high, step = explorers.SCORE_RANGE
    for case in vectors["softmax"]:
        assert all(low <= s <= high and abs(s / step - round(s / step)) < 1e-9 for s in case["scores"])
        assert case["cross_entropy"] == pytest.approx(-math.log(case["p"][case["correct"]]))
    assert {case["regime"] for case in vectors["bowl"]} == set(explorers.REGIMES)
    assert explorers.GOOD_RATE in [case["rate"] for case in vectors["bowl"]]
