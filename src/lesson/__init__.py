"""The lesson's build logic: NumPy reference maths, formatting, typesetting, cards and downloads."""

import dataclasses
import importlib
from pathlib import Path

# The project this package is installed from (editable): its templates and data live beside it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class Module:
    """One module of the package: its name, whether a build imports it up front, what it shapes."""

    name: str
    eager: bool = True  # False: imported only when an output must be rendered (slow imports)
    shapes: frozenset = frozenset()  # cached outputs whose bytes depend on this module's source

    @property
    def path(self) -> Path:
        """The module's source file."""
        return Path(__file__).with_name(f"{self.name}.py")


def _module(name, *shapes, eager=True):
    return Module(name, eager, frozenset(shapes))


# Every module, in import order. `mkdocs serve` reloads the eager ones in this order on each
# build, and each output's cache is keyed on the sources of the modules that shape it.
MODULES = (
    _module("errors"),
    _module("datafile"),
    _module("output", "deck", "worksheet", "cards"),
    _module("fmt", "figures", "worksheet", "practice"),
    _module("reference", "figures", "worksheet", "practice"),
    _module("latex_text", "deck", "worksheet", "practice", "cards"),
    _module("formulas", "deck", "worksheet", "practice", "cards"),
    _module("identity"),
    _module("cards", "deck", "worksheet", "cards"),
    _module("exercises", "worksheet", "practice"),
    _module("mistakes", "practice"),
    _module("variants"),
    _module("pages", "worksheet", "practice"),
    _module("practice", "practice"),
    _module("practice_html", "practice"),
    _module("worksheet_content", "worksheet"),
    _module("deck_cache"),
    _module("anki", "cards"),
    _module("exports", "cards"),
    _module("experiments", "figures"),
    _module("figure_text", "figures"),
    _module("figure_data", "figures"),
    _module("figures", "figures"),
    _module("figure_cache"),
    _module("explorers"),
    _module("page_parts"),
    _module("renders"),
    _module("site"),
    _module("site_html", "practice"),  # its boxes() renders the answer boxes in each variant
    _module("deck", "deck", "worksheet", eager=False),
    _module("worksheet", "worksheet", eager=False),
    _module("local_http"),
)


def sources(output: str) -> list[Path]:
    """The source files of the modules that shape `output` (for example "deck")."""
    return [module.path for module in MODULES if output in module.shapes]


def reload_modules() -> None:
    """Re-import every eager module in order, so a long-running `mkdocs serve` uses edited code."""
    for module in MODULES:
        if module.eager:
            importlib.reload(importlib.import_module(f"{__name__}.{module.name}"))


def load(name: str, fresh: bool = False):
    """Import a module that is not loaded up front; fresh re-imports it to pick up edits."""
    module = importlib.import_module(f"{__name__}.{name}")
    return importlib.reload(module) if fresh else module
