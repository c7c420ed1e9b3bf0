"""A figure's data as CSV text: a header row, fixed float formatting, '\\n' line ends."""

import numpy as np


def cell(value):
    """One CSV cell: integers bare, floats to 8 significant digits."""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return f"{float(value):.8g}"


def csv_text(header, rows):
    """CSV text: a header row, then one line a row."""
    lines = [",".join(header)] + [",".join(cell(value) for value in row) for row in rows]
    return "\n".join(lines) + "\n"
