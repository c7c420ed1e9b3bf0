"""A lesson as the kit builds it: its exercises, figures and explorers, declared in a package of its own."""

import dataclasses
import importlib
from collections.abc import Callable

from studykit.core.errors import LessonDataError


@dataclasses.dataclass(frozen=True)
class Lesson:
    """What a lesson package declares, once, as LESSON (see lessons/loss_and_optimization)."""

    module: str  # the package that declares it: its templates are under its templates/ folder
    exercises: tuple = ()  # studykit.practice.exercise.Exercise, in page order
    figures: tuple = ()  # studykit.figures.drawing.FigureSpec
    figure_seed: int = 0
    explorers: Callable | None = None  # the exercise inputs -> each explorer's settings, by name

    @property
    def package(self) -> str:
        """The package's own name, which names its templates: "loss_and_optimization"."""
        return self.module.rpartition(".")[2]


def load_lesson(module) -> Lesson:
    """The Lesson a package declares as LESSON; LessonDataError names the package when it has none."""
    try:
        lesson = importlib.import_module(module).LESSON
    except (ImportError, AttributeError) as error:
        raise LessonDataError(f"lesson package {module!r}: {error}") from error
    if not isinstance(lesson, Lesson):
        raise LessonDataError(f"lesson package {module!r}: LESSON is not a studykit.lesson.Lesson")
    return lesson
