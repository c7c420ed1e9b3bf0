"""The packages' layout: features on a small core, no import upward, no cycle, MkDocs in one module."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from studykit.core import cache, sources

SRC = Path(cache.__file__).resolve().parents[2]
MODULES = sorted(
    ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
    for package in sources.OWN_PACKAGES for path in (SRC / package).rglob("*.py"))
# The layers, lowest first: a module imports only from its own layer or below it.
_LAYERS = ["studykit.core",
           "studykit.cards studykit.practice studykit.figures studykit.worksheet studykit.offline studykit.progress",
           "studykit.lesson", "lessons", "studykit.site studykit.site_page", "studykit.mkdocs_plugin"]
_FEATURES = ("studykit.cards", "studykit.practice", "studykit.figures", "studykit.worksheet", "studykit.offline",
             "studykit.progress")


def _layer(name):
    found = [index for index, layer in enumerate(_LAYERS)
             for prefix in layer.split() if name == prefix or name.startswith(prefix + ".")]
    return max(found) if found else 0  # the packages' own __init__ modules sit at the bottom


def _own_imports(name):
    return [imported for imported in sources.imports(name) if imported.partition(".")[0] in sources.OWN_PACKAGES
            and imported in MODULES]


def test_the_layout_lists_every_module():
    assert {"studykit.core.cache", "studykit.cards.deck", "studykit.practice.checks",
            "studykit.figures.drawing", "studykit.worksheet.pdf", "lessons.loss_and_optimization.reference",
            "studykit.mkdocs_plugin"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_no_module_imports_upward(name):
    upward = [imported for imported in _own_imports(name) if _layer(imported) > _layer(name)]
    assert not upward, f"{name} imports {upward} from a layer above its own"


def test_a_feature_imports_no_other_feature():
    for name in MODULES:
        mine = next((feature for feature in _FEATURES if name.startswith(feature + ".")), None)
        if mine is None:
            continue
        others = [imported for imported in _own_imports(name)
                  if imported.startswith(_FEATURES) and not imported.startswith(mine + ".")
                  # The worksheet is made from the practice page: its exercises, and the card count it states.
                  and imported not in ("studykit.practice.exercise", "studykit.cards.cardfile")]
        assert not others, f"{name} imports {others}: features share only the core"


def test_there_is_no_import_cycle():
    order = sources.project_modules(MODULES)
    place = {name: index for index, name in enumerate(order)}
    for name in MODULES:
        later = [imported for imported in _own_imports(name) if place[imported] > place[name]]
        assert not later, f"{name} and {later} import each other, directly or not"


def test_only_the_adapter_imports_mkdocs():
    importers = [name for name in MODULES if any(imported.partition(".")[0] == "mkdocs"
                                                 for imported in sources.imports(name))]
    assert importers == ["studykit.mkdocs_plugin"]


@pytest.mark.parametrize("name", MODULES)
def test_modules_stay_small(name):
    lines = sources.module_path(name).read_text(encoding="utf-8").count("\n")
    assert lines <= 210, f"{name} has {lines} lines"


def test_a_cache_key_follows_every_module_its_code_imports():
    deck = sources.closure(["studykit.cards.deck"])
    assert {"studykit.cards.deck", "studykit.cards.card_html", "studykit.core.formulas",
            "studykit.core.latex_text", "studykit.core.pdf", "studykit.core.templates"} <= deck
    assert not any(name.startswith("lessons") for name in deck)
    versions = cache.distributions(deck)
    assert {"weasyprint", "pydyf", "jinja2", "markdown", "latex2mathml", "ziamath"} <= versions.keys()


def test_an_edit_to_an_imported_module_changes_the_key(tmp_path, monkeypatch):
    package = tmp_path / "studykit"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "low.py").write_text("import jinja2\nX = 1\n")
    (package / "top.py").write_text("from studykit.core import low\n")
    monkeypatch.setattr(sources, "_SOURCES", tmp_path)
    before = cache.content_key({}, ["studykit.top"])
    assert sources.closure(["studykit.top"]) == {"studykit.top", "studykit.core.low"}
    (package / "core" / "low.py").write_text("import jinja2\nX = 2\n")
    assert cache.content_key({}, ["studykit.top"]) != before


def test_a_reload_gives_fresh_classes_that_the_reloaded_modules_agree_on():
    # In a process of its own: a reload replaces classes other tests hold on to.
    script = ("import importlib; from studykit.core import sources, errors as e, pages as p; "
              "old = e.LessonDataError; "
              "[importlib.reload(importlib.import_module(n)) for n in sources.project_modules(['studykit.site'])]; "
              "assert e.LessonDataError is not old and issubclass(p.PageError, e.LessonDataError); "
              "print('ok')")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr


def test_no_module_parses_with_syntax_the_python_of_the_set_up_lacks():
    for name in MODULES:
        ast.parse(sources.module_path(name).read_text(encoding="utf-8"), feature_version=(3, 11))
