"""A lesson's figures as files of the site, kept in the cache: unchanged figures are not drawn again."""

import dataclasses
import json
from pathlib import Path

from studykit.core import cache
from studykit.figures.drawing import Figure, render_figures

SVG_PATH = "assets/figures/{}.svg"


def figures_key(specs, seed) -> str:
    """The sha256 of every input of the figures: the seed, the code that makes them, the versions."""
    code = sorted({function.__module__ for spec in specs
                   for function in (spec.compute, spec.draw, spec.words, spec.table)})
    return cache.content_key({"seed": seed, "names": [spec.name for spec in specs]},
                             ["studykit.figures.drawing", *code])


def figures_entry(specs, seed, cache_dir) -> Path:
    """Where the figures with these inputs are kept in cache_dir."""
    return cache.cache_entry(Path(cache_dir) / "figures", figures_key(specs, seed), ".json")


def figures_json(specs, seed) -> bytes:
    """Every figure, rendered, as the cache keeps them (draw_svg imports matplotlib: only here)."""
    figures = render_figures(specs, seed)
    return json.dumps({name: dataclasses.asdict(figure) for name, figure in figures.items()}, indent=1).encode()


def from_json(data) -> dict:
    """The figures, by name, from what the cache keeps."""
    return {name: Figure(**fields) for name, fields in json.loads(data).items()}


def figure_downloads(figures, identity) -> dict:
    """The figures' SVGs and the data behind them, by site path."""
    found = {}
    for name, figure in figures.items():
        found[SVG_PATH.format(name)] = figure.svg.encode("utf-8")
        found[identity.download(f"{name}.csv")] = figure.csv.encode("utf-8")
    return found
