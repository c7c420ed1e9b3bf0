"""Figures and explorers: drawn from a lesson's experiments, placed where a page asks."""
