"""The exercise values of the practice page, against the lesson's numbers worked by hand."""

import pytest
import yaml

from studykit import PROJECT_ROOT
from studykit.core.errors import LessonDataError
from declared import exercise_values, load_inputs, page_values

INPUTS = PROJECT_ROOT / "docs" / "data" / "exercises.yml"

# Every value the page can show for the lesson's inputs, worked by hand (NOTES.md gives them).
HAND_WORKED = {
    # scores [0.8, 0.3, -0.4] for X, Y, Z, correct X, margin 1
    "body": {
        "scores": "[0.8, 0.3, -0.4]", "margin": "1", "classes": ["X", "Y", "Z"], "correct": "X",
        "svm_loss": "0.5",            # max(0, 0.3 - 0.8 + 1) + max(0, -0.4 - 0.8 + 1) = 0.5 + 0
        "softmax_loss": "0.646",      # -ln(e^0.8 / (e^0.8 + e^0.3 + e^-0.4)) = -ln(2.2255/4.2444)
        "closest": "Y", "gap": "0.5",  # 0.8 - 0.3
        "s": {"X": "0.8", "Y": "0.3", "Z": "-0.4"},
        "m": {"X": "0", "Y": "0.5", "Z": "-0.2"},
        "hinge": {"X": "0", "Y": "0.5", "Z": "0"},
        "loss_is_zero": False, "is_correct": True,
        "margins_met": ["Z"], "margins_missed": ["Y"], "wrong_classes": ["Y", "Z"],
    },
    # scores [1.5, -0.7, -0.8] for A, B, C, correct A, margin 1
    "a": {
        "scores": "[1.5, -0.7, -0.8]", "margin": "1", "classes": ["A", "B", "C"], "correct": "A",
        "svm_loss": "0",              # max(0, -1.2) + max(0, -1.3)
        "softmax_loss": "0.191",      # -ln(4.4817 / (4.4817 + 0.4966 + 0.4493)) = -ln(0.8257) = 0.1915
        "closest": "B", "gap": "2.2",  # 1.5 - (-0.7)
        "s": {"A": "1.5", "B": "-0.7", "C": "-0.8"},
        "m": {"A": "0", "B": "-1.2", "C": "-1.3"},  # -0.7 - 1.5 + 1, -0.8 - 1.5 + 1
        "hinge": {"A": "0", "B": "0", "C": "0"},
        "loss_is_zero": True, "is_correct": True,
        "margins_met": ["B", "C"], "margins_missed": [], "wrong_classes": ["B", "C"],
    },
    # scores [2, 1, 0]; e^2 = 7.389, e^1 = 2.718, e^0 = 1, sum 11.107
    "b": {
        "scores": "[2, 1, 0]", "s": ["2", "1", "0"], "exp": ["7.389", "2.718", "1"],
        "exp_rel": [r"\approx", r"\approx", "="], "exp_sum": "11.107", "exp_sum_rel": r"\approx",
        "p": ["0.665", "0.245", "0.090"],  # 7.389/11.107, 2.718/11.107, 1/11.107
        "a": {"y": "0", "p": "0.665", "pct": "67", "loss": "0.408",  # -ln(0.6652)
              "loss_value": pytest.approx(0.40761, abs=1e-5), "p_value": pytest.approx(0.66524, abs=1e-5),
              "is_correct": True},
        "b": {"y": "2", "p": "0.090", "pct": "9", "loss": "2.408",  # -ln(0.0900)
              "loss_value": pytest.approx(2.40761, abs=1e-5), "p_value": pytest.approx(0.09003, abs=1e-5),
              "is_correct": False},
    },
    # W = [1.0, 2.0, -0.5], grad [0.2, -0.4, 0.1], rates 0.1 and 1.0
    "c": {
        "W": "[1.0, 2.0, -0.5]", "grad": "[0.2, -0.4, 0.1]", "w": ["1.0", "2.0", "-0.5"],
        "g": ["0.2", "(-0.4)", "0.1"], "lr": {1: "0.1", 2: "1.0"},
        "step1": {"W": "[0.98, 2.04, -0.51]", "op": ["-", "+", "-"], "term": ["0.02", "0.04", "0.01"],
                  "w": ["0.98", "2.04", "-0.51"]},
        "step2": {"W": "[0.8, 2.4, -0.6]", "op": ["-", "+", "-"], "term": ["0.2", "0.4", "0.1"],
                  "w": ["0.8", "2.4", "-0.6"]},
        "how_far": "ten times farther",  # 1.0 / 0.1
    },
}


# The lesson's own inputs (NOTES.md), written here: an author may change docs/data/exercises.yml.
LESSON_INPUTS = {
    "path": "the lesson's inputs",
    "body": {"classes": ["X", "Y", "Z"], "scores": [0.8, 0.3, -0.4], "correct": "X", "margin": 1},
    "part_a": {"classes": ["A", "B", "C"], "scores": [1.5, -0.7, -0.8], "correct": "A", "margin": 1},
    "part_b": {"scores": [2, 1, 0], "correct": [0, 2]},
    "part_c": {"W": [1.0, 2.0, -0.5], "grad": [0.2, -0.4, 0.1], "learning_rates": [0.1, 1.0]},
}


def test_every_value_of_the_lesson_matches_the_hand_worked_one():
    values, failures = page_values(LESSON_INPUTS)
    assert failures == {}
    assert values == HAND_WORKED


def test_the_inputs_file_is_read_and_every_exercise_computes():
    values, failures = page_values(load_inputs(INPUTS))
    assert failures == {} and values.keys() == HAND_WORKED.keys()


@pytest.mark.parametrize("scores, facts", [
    # gaps 0.3 (inside the margin) and 1.7: loss 0.7, correct
    ([0.9, 0.6, -0.8], {"loss_is_zero": False, "is_correct": True, "margins_missed": ["B"]}),
    # B scores above A: wrong, and both classes miss the margin
    ([0.2, 0.9, 0.1], {"loss_is_zero": False, "is_correct": False, "margins_missed": ["B", "C"]}),
    # a tie at the top is not a correct prediction
    ([0.5, 0.5, -2.0], {"is_correct": False, "margins_missed": ["B"], "margins_met": ["C"]}),
    # a gap of exactly the margin: loss zero, but neither met "with room" nor missed
    ([1.5, 0.5, -0.8], {"loss_is_zero": True, "margins_met": ["C"], "margins_missed": []}),
])
def test_svm_facts_follow_the_scores(scores, facts):
    values = exercise_values("part_a", {"classes": ["A", "B", "C"], "scores": scores,
                                        "correct": "A", "margin": 1})
    assert {key: values[key] for key in facts} == facts


def test_a_wrong_softmax_prediction_is_not_correct():
    # scores [1, 3, 0]: p = [0.114, 0.844, 0.042]; index 0 is not the likeliest class
    values = exercise_values("part_b", {"scores": [1, 3, 0], "correct": [0, 1]})
    assert values["a"]["is_correct"] is False and values["b"]["is_correct"] is True
    assert (values["a"]["pct"], values["b"]["pct"]) == ("11", "84")


@pytest.mark.parametrize("rates, words", [([0.1, 1.0], "ten times farther"), ([0.1, 0.05], "half as far"),
                                          ([0.2, 0.5], "2.5 times farther"), ([0.1, 0.1], "just as far")])
def test_the_second_step_is_described_by_its_size(rates, words):
    values = exercise_values("part_c", {"W": [1.0], "grad": [0.2], "learning_rates": rates})
    assert values["how_far"] == words


@pytest.mark.parametrize("content, message", [
    ("part_a: [1, 2]\n", "exercise 'body' is missing"),
    ("- 1\n", "expected a mapping of exercises"),
    ("body: {}\nbody: {}\n", "duplicate field 'body'"),
])
def test_a_bad_inputs_file_names_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "exercises.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LessonDataError, match=message) as caught:
        load_inputs(path)
    assert str(caught.value).startswith(str(path))


def test_an_unknown_field_is_named_with_its_exercise(tmp_path):
    data = yaml.safe_load(INPUTS.read_text(encoding="utf-8"))
    data["part_c"]["learning_rate"] = 0.1
    path = tmp_path / "exercises.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(LessonDataError, match="exercise 'part_c': unknown field 'learning_rate'"):
        load_inputs(path)


def test_a_variants_section_is_read_and_an_unknown_exercise_is_named(tmp_path):
    data = yaml.safe_load(INPUTS.read_text(encoding="utf-8"))
    path = tmp_path / "exercises.yml"
    path.write_text(yaml.safe_dump({**data, "variants": {"seed": 7, "count": 5}}), encoding="utf-8")
    assert load_inputs(path)["variants"] == {"seed": 7, "count": 5}
    path.write_text(yaml.safe_dump({**data, "parts_a": {}}), encoding="utf-8")  # a typo
    with pytest.raises(LessonDataError, match="unknown exercise 'parts_a'"):
        load_inputs(path)
