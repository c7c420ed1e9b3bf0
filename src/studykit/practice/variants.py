"""“New numbers” for the practice exercises: variants of each part, drawn from a seed at build time."""

import copy

import numpy as np

from studykit.core.errors import LessonDataError
from studykit.practice.exercise import VARIANTS_SECTION

DEFAULT_SEED, DEFAULT_COUNT = 2024, 6
MIN_COUNT, MAX_COUNT = 5, 20  # a lesson's drawing must find well over MAX_COUNT pleasant variants
_ATTEMPTS = 10_000


def variant_settings(inputs):
    """The (seed, count) of the inputs' optional `variants: {seed, count}` section, else the defaults."""
    where = f"{inputs.get('path', 'exercise inputs')}: {VARIANTS_SECTION}"
    section = inputs.get(VARIANTS_SECTION, {})
    if not isinstance(section, dict):
        raise LessonDataError(f"{where}: expected a mapping with 'seed' and 'count', got {section!r}")
    for field in sorted(section.keys() - {"seed", "count"}):
        raise LessonDataError(f"{where}: unknown field '{field}'")
    seed, count = section.get("seed", DEFAULT_SEED), section.get("count", DEFAULT_COUNT)
    if not _whole(seed) or seed < 0:
        raise LessonDataError(f"{where}: field 'seed': expected a whole number >= 0, got {seed!r}")
    if not _whole(count) or not MIN_COUNT <= count <= MAX_COUNT:
        raise LessonDataError(
            f"{where}: field 'count': expected a whole number from {MIN_COUNT} to {MAX_COUNT}, got {count!r}")
    return seed, count


def all_variants(exercises, inputs):
    """Every drawn exercise's variants, by name, with the seed and count of variant_settings."""
    seed, count = variant_settings(inputs)
    drawn = [exercise for exercise in exercises if exercise.draw]
    return {exercise.name: part_variants(exercise, inputs, seed, count, stream)
            for stream, exercise in enumerate(drawn)}


def part_variants(exercise, inputs, seed=DEFAULT_SEED, count=DEFAULT_COUNT, stream=0):
    """`count` dicts shaped like the exercise's inputs: the lesson's own first, then distinct new ones."""
    found = [copy.deepcopy(inputs[exercise.name])]
    keys = {exercise.same(found[0])}
    # One stream per exercise, so that a change to one's drawing leaves the others' variants alone.
    rng = np.random.default_rng([seed, stream])
    for _ in range(_ATTEMPTS):
        if len(found) >= count:
            return found
        variant = exercise.draw(rng, len(found))
        if variant is not None and exercise.same(variant) not in keys:
            found.append(variant)
            keys.add(exercise.same(variant))
    raise ValueError(f"{exercise.name}: found only {len(found)} distinct variants of {count} in "
                     f"{_ATTEMPTS} draws")


def _whole(value):
    """Whether value is an int (and not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)
