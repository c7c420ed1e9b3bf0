"""A kit for one lesson's study site: practice checks, flashcards, figures and a worksheet."""

import os
from pathlib import Path

# The project this package is installed from (editable): its pages and data live beside it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Before anything imports NumPy: its BLAS starts a thread a core, which spins after each call (0.1 s
# of CPU a process). A lesson's arrays are tiny, so on two cores that only slows the build and its
# render worker. A setting of the user's own stays.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
