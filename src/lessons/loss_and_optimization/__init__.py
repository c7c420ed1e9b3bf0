"""The lesson "Practice: Loss and optimization": its exercises, mistakes, figures and explorers.

Every name the kit needs (an exercise's name and page prefix, its worked steps, a figure's name) is
declared here, once.
"""

from lessons.loss_and_optimization import boxes, exercises, experiments, explorers, figures, mistakes, variants
from studykit.lesson import Lesson
from studykit.practice.exercise import Exercise

_SVM_FIELDS = frozenset({"classes", "scores", "correct", "margin"})

LESSON = Lesson(
    module=__name__,
    exercises=(
        # The body of the lesson's "correct but the loss was 0.5" case: values, no boxes.
        Exercise("body", "body", _SVM_FIELDS, exercises.svm_case),
        Exercise("part_a", "a", _SVM_FIELDS, exercises.svm_case, label="Part A",
                 steps=(("formula", 1), ("margins", 2), ("hinges", 1), ("sum", 2)),
                 boxes=boxes.svm_boxes, quantities={"margin": mistakes.margin, "svm_loss": mistakes.svm_loss},
                 draw=variants.draw_svm, same=variants.svm_key),
        Exercise("part_b", "b", frozenset({"scores", "correct"}), exercises.softmax_case, label="Part B",
                 steps=(("sum probabilities", 1), ("loss-a", 1), ("loss-b", 1), ("contrast", 1)),
                 boxes=boxes.softmax_boxes,
                 quantities={"exp_sum": mistakes.exp_sum, "probabilities": mistakes.probabilities,
                             "cross_entropy": mistakes.cross_entropy},
                 draw=variants.draw_softmax, same=variants.softmax_key),
        Exercise("part_c", "c", frozenset({"W", "grad", "learning_rates"}), exercises.gradient_step_case,
                 label="Part C",
                 steps=(("rule", 1), ("products-1", 3), ("update-1", 1), ("products-2", 2), ("update-2", 1),
                        ("contrast", 1)),
                 boxes=boxes.step_boxes,
                 quantities={"products": mistakes.products, "new_weights": mistakes.new_weights},
                 draw=variants.draw_step, same=variants.step_key),
    ),
    figures=figures.FIGURES,
    figure_seed=experiments.DEFAULT_SEED,
    explorers=explorers.settings,
)
