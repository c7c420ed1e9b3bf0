"""An exercise as a lesson declares it, once: inputs, values, worked steps, answer boxes, variants."""

import dataclasses
from collections.abc import Callable
from pathlib import Path

from studykit.core.datafile import read_data
from studykit.core.errors import LessonDataError

VARIANTS_SECTION = "variants"  # the optional `variants: {seed, count}` of the inputs file


@dataclasses.dataclass(frozen=True)
class Box:
    """One answer box: its label (HTML), the quantity it asks, the value the worked answer shows."""

    label: str
    quantity: str  # a key of the exercise's quantities
    shown: str | list  # as the worked answer writes it: its digits set the digits asked
    case: dict = dataclasses.field(default_factory=dict)  # passed to the quantity: wrong_class="B"
    step_case: str = ""  # which case's step a mistake points at ("a" in Part B's loss-a)
    percent: bool = False  # a probability, which may be typed as a percentage


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One exercise: its name in the inputs file and on the page (<!-- exercise NAME -->), the
    prefix of its values on the pages ({{ a.svm_loss }}), and what the practice checks need."""

    name: str
    prefix: str
    fields: frozenset
    values: Callable[[dict], dict]  # inputs -> the values and facts the page writes
    label: str = ""  # "Part A"; an exercise without one is not on the worksheet
    # The worked answer's steps in page order: (names, blocks). A name is what a mistake points at
    # ("loss-a" is "loss" in case a); blocks is how many paragraphs or derivation rows it takes.
    steps: tuple = ()
    boxes: Callable | None = None  # (inputs, values) -> [Box]: none, no answer boxes
    quantities: dict = dataclasses.field(default_factory=dict)  # name -> (inputs, **case) -> (right, slips)
    draw: Callable | None = None  # (rng, index) -> inputs or None: the "new numbers"
    same: Callable | None = None  # inputs -> what makes two variants one exercise

    def computed(self, item) -> dict:
        """The values of one set of inputs; ValueError names what is wrong with them."""
        try:
            return self.values(item)
        except (TypeError, KeyError, IndexError) as err:  # a malformed value, e.g. text for a number
            raise ValueError(str(err)) from err


def read_inputs(path, exercises) -> dict:
    """Read the exercise inputs file and check each declared exercise's fields."""
    path = Path(path)
    data = read_data(path)
    if not isinstance(data, dict):
        raise LessonDataError(f"{path}: expected a mapping of exercises, got {type(data).__name__}")
    for exercise in exercises:
        item = data.get(exercise.name)
        if not isinstance(item, dict):
            raise LessonDataError(f"{path}: exercise '{exercise.name}' is missing")
        for field in sorted(exercise.fields - item.keys()):
            raise LessonDataError(f"{path}: exercise '{exercise.name}': field '{field}' is missing")
        for field in sorted(item.keys() - exercise.fields):
            raise LessonDataError(f"{path}: exercise '{exercise.name}': unknown field '{field}'")
    known = {exercise.name for exercise in exercises} | {VARIANTS_SECTION}
    for name in sorted(data.keys() - known):
        raise LessonDataError(f"{path}: unknown exercise '{name}'")
    return {"path": path, **data}


def page_values(inputs, exercises):
    """Every exercise's values by page prefix; and each failure, by prefix, naming file and exercise."""
    values, failures = {}, {}
    for exercise in exercises:
        try:
            values[exercise.prefix] = exercise.computed(inputs[exercise.name])
        except ValueError as err:
            # Kept, not raised, so the page that needs the value can be named in the error.
            failures[exercise.prefix] = LessonDataError(f"{inputs['path']}: exercise '{exercise.name}': {err}")
    return values, failures
