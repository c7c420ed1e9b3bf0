"""The data behind each of this lesson's figures, as CSV text."""

from studykit.core import fmt
from studykit.figures.table import csv_text


def learning_rate(result):
    """Step, then the loss at each rate."""
    header = ["step"] + [f"loss_at_rate_{fmt.weight(rate)}" for rate in result.rates]
    return csv_text(header, zip(range(result.steps + 1), *result.losses))


def gradient_check(result):
    """h, then each loss's relative error."""
    header = ["h"] + [f"{loss}_relative_error" for loss in result.losses]
    return csv_text(header, zip(result.h, *result.errors))


def minibatch(result):
    """One row a batch size and step: long format, as each batch size has its own x values."""
    rows = [(size, step, examples[step], losses[step])
            for size, examples, losses in zip(result.batch_sizes, result.examples, result.losses)
            for step in range(result.steps + 1)]
    return csv_text(["batch_size", "step", "examples_processed", "loss"], rows)


def loss_shapes(result):
    """Margin, then both losses."""
    return csv_text(["margin", "svm_loss", "cross_entropy_loss"],
                zip(result.margins, result.svm, result.cross_entropy))
