"""What a module imports, read from its source as written: every form of import statement."""

from studykit.core import sources


def _imports_of(tmp_path, monkeypatch, text):
    package = tmp_path / "studykit"
    (package / "core").mkdir(parents=True)
    for name in ("__init__.py", "core/__init__.py", "core/low.py", "core/other.py"):
        (package / name).write_text("")
    (package / "core" / "top.py").write_text(text)
    monkeypatch.setattr(sources, "_SOURCES", tmp_path)
    return sources.imports("studykit.core.top")


def test_each_form_of_import_is_read(tmp_path, monkeypatch):
    text = ("import json\n"
            "import os.path as p, sys  # two at once\n"
            "from pathlib import Path\n"
            "from . import low\n"
            "from .other import (\n    X,\n    Y as Z,\n)\n"
            "from .. import core\n"
            "def f():\n    import numpy as np\n")
    assert _imports_of(tmp_path, monkeypatch, text) == [
        "json", "os.path", "sys", "pathlib", "studykit.core.low", "studykit.core.other", "studykit.core",
        "numpy"]


def test_words_that_only_look_like_an_import_are_not_read(tmp_path, monkeypatch):
    text = ('"""Which modules we\n    import (with what they require), and from where."""\nX = 1\n')
    assert _imports_of(tmp_path, monkeypatch, text) == []
