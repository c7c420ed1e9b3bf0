"""A kit for one lesson's study site: practice checks, flashcards, figures and a worksheet."""

from pathlib import Path

# The project this package is installed from (editable): its pages and data live beside it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
