"""NumPy test vectors for the explorers' scripts: softmax cases and learning rates on the sliders' grids."""

import numpy as np

from lessons.loss_and_optimization import explorers


def explorer_vectors(margin, count=24, seed=0):
    """NumPy test vectors: count softmax cases and count learning rates, on the sliders' grids."""
    rng = np.random.default_rng(seed)
    low, high, step = explorers.SCORE_RANGE
    grid = np.round(np.arange(low, high + step / 2, step), 10)
    rates = np.round(np.arange(explorers.RATE_RANGE[0], explorers.RATE_RANGE[1] + 1e-9, explorers.RATE_RANGE[2]), 10)
    softmax = []
    for case in range(count):
        # Every other case within 2 of zero: near ties, where no probability rounds to 0 or 1.
        pool = grid[np.abs(grid) <= 2] if case % 2 else grid
        scores = rng.choice(pool, size=3).tolist()
        correct = int(rng.integers(3))
        softmax.append({"scores": scores, "correct": correct,
                        **explorers.softmax_readout(scores, correct, margin)})
    chosen = np.unique(np.concatenate([rng.choice(rates, size=count, replace=False), [explorers.GOOD_RATE]]))
    return {"softmax": softmax,
            "bowl": [{"rate": float(rate), **explorers.bowl_descent(float(rate))} for rate in chosen]}
