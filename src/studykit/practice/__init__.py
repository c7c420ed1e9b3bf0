"""Practice checks: exercises as a lesson declares them, answer boxes, mistakes and new numbers."""
