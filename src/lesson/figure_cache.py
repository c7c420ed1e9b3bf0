"""A content-addressed cache of the rendered figures: unchanged figures are not computed or drawn again."""

import dataclasses
import hashlib
import importlib.metadata
import json
from pathlib import Path

from .experiments import DEFAULT_SEED
from .figures import Figure, render_figures
from .output import write_atomic

_PACKAGE = Path(__file__).resolve().parent
# Everything that shapes the figures' bytes and words, besides the parameters.
_SOURCES = ("experiments.py", "figures.py", "figure_data.py", "figure_text.py", "reference.py",
            "fmt.py")
_PACKAGES = ("matplotlib", "numpy")


def figures_key(seed=DEFAULT_SEED):
    """The sha256 of every input of the figures: parameters, package versions and sources."""
    digest = hashlib.sha256()
    digest.update(json.dumps({
        "parameters": {"seed": seed},
        # Read from the installed metadata, so a cache hit never has to import matplotlib.
        "versions": [importlib.metadata.version(name) for name in _PACKAGES],
    }, sort_keys=True).encode())
    for source in _SOURCES:
        digest.update((_PACKAGE / source).read_bytes())
    return digest.hexdigest()


def cached_figures(cache_dir, seed=DEFAULT_SEED):
    """Every figure by name: from cache_dir when its inputs are unchanged, else rendered and stored."""
    path = Path(cache_dir) / f"figures-{figures_key(seed)}.json"
    if path.is_file():
        stored = json.loads(path.read_text(encoding="utf-8"))
        return {name: Figure(**fields) for name, fields in stored.items()}
    figures = render_figures(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob("figures-*.json"):  # one set is all a build needs
        stale.unlink(missing_ok=True)
    stored = {name: dataclasses.asdict(figure) for name, figure in figures.items()}
    # Atomic, so a concurrent build never reads a half-written file.
    write_atomic(json.dumps(stored, indent=1).encode(), path)
    return figures
