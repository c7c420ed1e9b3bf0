"""The lesson's new numbers, drawn by the kit: reproducible, distinct, valid and pleasant, for each part."""

from pathlib import Path

import numpy as np
import pytest

from declared import EXERCISES as DECLARED
from declared import PARTS, load_inputs, page_values
from lessons.loss_and_optimization import LESSON
from studykit.core.errors import LessonDataError
from studykit.practice import variants
from studykit.practice.variants import MAX_COUNT, MIN_COUNT, variant_settings

EXERCISES = Path(__file__).parents[2] / "docs" / "data" / "exercises.yml"
SEEDS = range(8)


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(EXERCISES)


def part_variants(part, inputs, seed=variants.DEFAULT_SEED, count=variants.DEFAULT_COUNT):
    """A part's variants, drawn from its own stream of the seed, as the site draws them."""
    return variants.part_variants(DECLARED[part], inputs, seed, count, PARTS.index(part))


def all_variants(inputs):
    return variants.all_variants(LESSON.exercises, inputs)


def _one_decimal(x):
    """Whether x is written with at most one decimal: 1.5, -0.7, 2.0."""
    return abs(x * 10 - round(x * 10)) < 1e-9


def _svm_loss(item):
    """The SVM loss worked as on paper: the sum over wrong classes of max(0, s_j - s_y + margin)."""
    y = item["classes"].index(item["correct"])
    return sum(max(0.0, s - item["scores"][y] + item["margin"])
               for j, s in enumerate(item["scores"]) if j != y)


def _generated(inputs, part, seed=2024, count=6):
    """The variants after the lesson's own."""
    return part_variants(part, inputs, seed, count)[1:]


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("seed", [0, 2024])
def test_the_first_variant_is_the_lessons_own(inputs, part, seed):
    variants = part_variants(part, inputs, seed, 6)
    assert len(variants) == 6
    assert variants[0] == inputs[part]
    assert variants[0] is not inputs[part]  # a copy: a caller cannot change the inputs through it


@pytest.mark.parametrize("part", PARTS)
def test_a_seed_gives_the_same_variants_and_another_seed_others(inputs, part):
    assert part_variants(part, inputs, 7, 6) == part_variants(part, inputs, 7, 6)
    assert _generated(inputs, part, 7) != _generated(inputs, part, 8)


@pytest.mark.parametrize("part", PARTS)
def test_every_variant_has_the_shape_of_the_inputs(inputs, part):
    for variant in _generated(inputs, part, count=MAX_COUNT):
        assert variant.keys() == inputs[part].keys()
        assert all(isinstance(value, type(inputs[part][key])) for key, value in variant.items())


@pytest.mark.parametrize("seed", SEEDS)
def test_every_variant_feeds_the_worked_answers(inputs, seed):
    for a, b, c in zip(*(part_variants(part, inputs, seed, 6) for part in PARTS)):
        values, failures = page_values({**inputs, "part_a": a, "part_b": b, "part_c": c})
        assert not failures
        assert values["a"]["svm_loss"] and values["b"]["a"]["loss"] and values["b"]["b"]["loss"]
        assert len(values["c"]["step2"]["w"]) == 3


@pytest.mark.parametrize("seed", SEEDS)
def test_part_a_variants_are_pleasant(inputs, seed):
    variants = part_variants("part_a", inputs, seed, MAX_COUNT)
    assert len({(tuple(v["scores"]), v["correct"]) for v in variants}) == MAX_COUNT
    for variant in variants[1:]:
        assert variant["classes"] == ["A", "B", "C"] and variant["margin"] == 1
        assert variant["correct"] in variant["classes"]
        scores, y = variant["scores"], variant["classes"].index(variant["correct"])
        assert all(_one_decimal(s) and not float(s).is_integer() for s in scores)  # 1.5, never 2.0
        assert len(set(scores)) == 3
        # No margin s_j - s_y + 1 sits on the kink at exactly 0.
        assert all(abs(s - scores[y] + 1) > 1e-9 for j, s in enumerate(scores) if j != y)
    # Whatever the lesson's own case, the new ones hold a positive loss and a zero loss.
    losses = [_svm_loss(v) for v in _generated(inputs, "part_a", seed, MIN_COUNT)]
    assert any(loss > 0 for loss in losses) and any(loss == 0 for loss in losses)


@pytest.mark.parametrize("seed", SEEDS)
def test_part_b_variants_are_pleasant(inputs, seed):
    variants = part_variants("part_b", inputs, seed, MAX_COUNT)
    # Scores shifted alike ([2, 1, 0] and [3, 2, 1]) have the same probabilities: not new numbers.
    assert len({tuple(np.subtract(v["scores"], min(v["scores"]))) for v in variants}) == MAX_COUNT
    for variant in variants[1:]:
        scores, (a, b) = variant["scores"], variant["correct"]
        assert all(isinstance(s, int) and -1 <= s <= 3 for s in scores)  # exp(3) = 20.086 at most
        assert len(set(scores)) == 3
        assert scores[a] == max(scores)  # (a): the model is right
        assert scores[b] < max(scores)  # (b): the model is wrong


@pytest.mark.parametrize("seed", SEEDS)
def test_part_c_variants_are_pleasant(inputs, seed):
    variants = part_variants("part_c", inputs, seed, MAX_COUNT)
    assert len({(tuple(v["W"]), tuple(v["grad"]), tuple(v["learning_rates"])) for v in variants}) == MAX_COUNT
    for variant in variants[1:]:
        assert len(variant["W"]) == len(variant["grad"]) == 3
        assert all(_one_decimal(w) and abs(w) <= 2 for w in variant["W"])
        assert all(_one_decimal(g) and 0 < abs(g) <= 0.5 for g in variant["grad"])
        first, second = variant["learning_rates"]
        assert first in (0.1, 0.2, 0.5, 1.0) and second in (0.1, 0.2, 0.5, 1.0)
        assert round(second / first, 6) in (10, 5, 2, 0.5, 0.2, 0.1)
    ratios = [second / first for first, second in
              (v["learning_rates"] for v in _generated(inputs, "part_c", seed, MIN_COUNT))]
    assert any(r > 1 for r in ratios) and any(r < 1 for r in ratios)  # farther and nearer


def test_settings_default_without_a_section(inputs):
    inputs = {name: item for name, item in inputs.items() if name != "variants"}  # an author may add one
    assert variant_settings(inputs) == (2024, 6)
    assert {part: len(found) for part, found in all_variants(inputs).items()} == dict.fromkeys(PARTS, 6)


def test_settings_come_from_the_section(inputs):
    with_section = {**inputs, "variants": {"seed": 11, "count": 5}}
    assert variant_settings(with_section) == (11, 5)
    found = all_variants(with_section)
    assert found == {part: part_variants(part, inputs, 11, 5) for part in PARTS}


@pytest.mark.parametrize("section, field", [
    ({"seed": -1}, "'seed'"), ({"seed": "x"}, "'seed'"), ({"seed": True}, "'seed'"), ({"seed": 1.5}, "'seed'"),
    ({"count": MIN_COUNT - 1}, "'count'"), ({"count": MAX_COUNT + 1}, "'count'"), ({"count": 6.0}, "'count'"),
    ({"seeds": 3}, "unknown field 'seeds'"), ([2024, 6], "expected a mapping"),
])
def test_bad_settings_name_the_file_and_the_field(inputs, section, field):
    with pytest.raises(LessonDataError, match=rf"exercises\.yml: variants: .*{field}"):
        variant_settings({**inputs, "variants": section})


def test_only_the_exercises_that_draw_have_variants(inputs):
    assert list(all_variants(inputs)) == [e.name for e in LESSON.exercises if e.draw] == PARTS
    assert "body" not in PARTS  # the lesson body's case has no boxes


def test_asking_for_more_variants_than_exist_fails_loudly(inputs):
    # Part B has 36 score vectors up to a shift: 6 gap patterns of three integers in -1..3, 6 orders.
    with pytest.raises(ValueError, match="part_b: found only 36 distinct variants of 40"):
        part_variants("part_b", inputs, 2024, 40)
