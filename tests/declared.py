"""The lesson's declarations by name, for the tests: its exercises, quantities and figures."""

from lessons.loss_and_optimization import LESSON
from studykit.practice import exercise, mistakes

EXERCISES = {declared.name: declared for declared in LESSON.exercises}
PREFIXES = {declared.name: declared.prefix for declared in LESSON.exercises}
PARTS = [declared.name for declared in LESSON.exercises if declared.draw]  # those with new numbers
FIGURES = {spec.name: spec for spec in LESSON.figures}
NAMES = tuple(FIGURES)
QUANTITIES = {name: function for declared in LESSON.exercises for name, function in declared.quantities.items()}


def exercise_values(name, item):
    """The values of one exercise's inputs."""
    return EXERCISES[name].computed(item)


def load_inputs(path):
    """The exercise inputs file, checked against the declared exercises."""
    return exercise.read_inputs(path, LESSON.exercises)


def page_values(inputs):
    """(values by page prefix, failures by prefix)."""
    return exercise.page_values(inputs, LESSON.exercises)


def owner(quantity):
    """The exercise whose boxes ask for a quantity."""
    return next(declared for declared in LESSON.exercises if quantity in declared.quantities)


def step_rank(declared):
    """A step's place among the worked answer's step names ("loss" stands for "loss-a" and "loss-b")."""
    names = [name for names, _ in declared.steps for name in names.split()]
    return lambda step: next(index for index, name in enumerate(names)
                             if name == step or name.startswith(f"{step}-"))


def mistakes_for(quantity, item, **case):
    """The mistakes of a named quantity, grouped as the page's boxes group them."""
    return mistakes.mistakes_for(QUANTITIES[quantity], item, step_rank(owner(quantity)), **case)


def exact_value(quantity, item, **case):
    """The right value of a named quantity."""
    return mistakes.exact_value(QUANTITIES[quantity], item, **case)


def as_spec(mistake):
    """A mistake as the answer checker (docs/assets/lesson-answers.js) takes it."""
    value = list(mistake.value) if isinstance(mistake.value, tuple) else mistake.value
    return {"value": value, "message": mistake.message, "step": mistake.step}
