"""The data behind each figure as CSV text: a header row, fixed float formatting, '\\n' line ends."""

import numpy as np

from lesson import fmt


def _cell(value):
    """One CSV cell: integers bare, floats to 8 significant digits."""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return f"{float(value):.8g}"


def _csv(header, rows):
    """CSV text: a header row, then one line a row."""
    lines = [",".join(header)] + [",".join(_cell(value) for value in row) for row in rows]
    return "\n".join(lines) + "\n"


def _learning_rate(result):
    """Step, then the loss at each rate."""
    header = ["step"] + [f"loss_at_rate_{fmt.weight(rate)}" for rate in result.rates]
    return _csv(header, zip(range(result.steps + 1), *result.losses))


def _gradient_check(result):
    """h, then each loss's relative error."""
    header = ["h"] + [f"{loss}_relative_error" for loss in result.losses]
    return _csv(header, zip(result.h, *result.errors))


def _minibatch(result):
    """One row a batch size and step: long format, as each batch size has its own x values."""
    rows = [(size, step, examples[step], losses[step])
            for size, examples, losses in zip(result.batch_sizes, result.examples, result.losses)
            for step in range(result.steps + 1)]
    return _csv(["batch_size", "step", "examples_processed", "loss"], rows)


def _loss_shapes(result):
    """Margin, then both losses."""
    return _csv(["margin", "svm_loss", "cross_entropy_loss"],
                zip(result.margins, result.svm, result.cross_entropy))


_TABLES = {"learning-rate": _learning_rate, "gradient-check": _gradient_check,
           "minibatch": _minibatch, "loss-shapes": _loss_shapes}


def csv_text(name, result):
    """The data behind the figure `name` as CSV text."""
    if name not in _TABLES:
        raise ValueError(f"unknown figure {name!r}; the figures are {', '.join(_TABLES)}")
    return _TABLES[name](result)
