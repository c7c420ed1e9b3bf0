"""The one list of the package's modules: complete, in import order, and what keys each cache."""

import ast
import subprocess
import sys

import pytest

import lesson


def _package_imports(module):
    """The package modules that module imports, by name."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lesson"):
            names.add(node.module.partition(".")[2] or None)
            if node.module == "lesson" or node.level:
                names.update(alias.name for alias in node.names)
    return {name for name in names if name} & {m.name for m in lesson.MODULES}


def test_every_module_of_the_package_is_registered_once():
    on_disk = {path.stem for path in lesson.PROJECT_ROOT.joinpath("src/lesson").glob("*.py")} - {"__init__"}
    names = [module.name for module in lesson.MODULES]
    assert sorted(names) == sorted(on_disk) and len(set(names)) == len(names)


def test_modules_are_listed_after_the_modules_they_import():
    order = {module.name: index for index, module in enumerate(lesson.MODULES)}
    for module in lesson.MODULES:
        late = [name for name in _package_imports(module) if order[name] > order[module.name]]
        assert not late, f"{module.name} imports {late}, listed after it: a reload would use stale code"


# Modules that shape no byte of an output: errors, reading data files and the identity (whose
# values, not source, key a cache), and the writing of files.
_SHAPES_NOTHING = {"errors", "datafile", "identity"}


@pytest.mark.parametrize("output, renderer", [("deck", "deck"), ("figures", "figures"),
                                              ("cards", "anki"), ("cards", "exports"),
                                              ("worksheet", "worksheet"), ("practice", "practice_html")])
def test_each_cache_is_keyed_on_every_module_its_renderer_imports(output, renderer):
    needed, seen = {renderer}, set()
    while needed:
        name = needed.pop()
        seen.add(name)
        needed |= _package_imports(next(m for m in lesson.MODULES if m.name == name)) - seen
    imported = {m.path for m in lesson.MODULES if m.name in seen - _SHAPES_NOTHING}
    missing = imported - set(lesson.sources(output)) - {lesson.MODULES[0].path.with_name("output.py")}
    assert not missing, f"the {output} cache ignores edits to {sorted(p.name for p in missing)}"


def test_a_reload_gives_fresh_classes_that_the_reloaded_modules_agree_on():
    # In a process of its own: a reload replaces classes other tests hold on to.
    script = ("import lesson, lesson.errors as e, lesson.pages as p; old = e.LessonDataError; "
              "lesson.reload_modules(); "
              "assert e.LessonDataError is not old and issubclass(p.PageError, e.LessonDataError); "
              "print('ok')")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr
