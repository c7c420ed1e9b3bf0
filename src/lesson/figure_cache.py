"""A content-addressed cache of the rendered figures: unchanged figures are not computed or drawn again."""

import dataclasses
import json

from lesson import sources
from lesson.experiments import DEFAULT_SEED
from lesson.figures import Figure, render_figures
from lesson.output import cached, content_key

# Read from the installed metadata, so a cache hit never has to import matplotlib.
_PACKAGES = ("matplotlib", "numpy")


def figures_key(seed=DEFAULT_SEED):
    """The sha256 of every input of the figures: parameters, package versions and sources."""
    return content_key({"seed": seed}, _PACKAGES, sources("figures"))


def cached_figures(cache_dir, seed=DEFAULT_SEED):
    """Every figure by name: from cache_dir when its inputs are unchanged, else rendered and stored."""
    def _render():  # draw_svg imports matplotlib: only on a cache miss
        figures = render_figures(seed)
        return json.dumps({name: dataclasses.asdict(figure) for name, figure in figures.items()},
                          indent=1).encode()

    stored = json.loads(cached(cache_dir, figures_key(seed), ".json", _render))
    return {name: Figure(**fields) for name, fields in stored.items()}
