"""The figure cache: unchanged inputs reuse the stored figures; any input that shapes them renders again."""

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys

import pytest

import lesson
from lesson import figure_cache
from lesson.figure_cache import cached_figures
from lesson.figures import NAMES, Figure


@pytest.fixture
def renders(monkeypatch):
    """Replace the real (slow) render with one that counts its calls."""
    calls = []

    def render(seed):
        calls.append(seed)
        return {name: Figure(name, f"T {name}", f"<svg>{seed} {len(calls)}</svg>", "x\n1\n",
                             "caption", "alt") for name in NAMES}

    monkeypatch.setattr(figure_cache, "render_figures", render)
    return calls


def test_unchanged_figures_are_rendered_once_and_keep_their_order(tmp_path, renders):
    first = cached_figures(tmp_path)
    again = cached_figures(tmp_path)
    assert again == first and list(again) == list(NAMES)
    assert renders == [0]


def test_a_new_seed_renders_again_and_only_the_newest_set_is_kept(tmp_path, renders):
    (tmp_path / "deck.pdf").write_bytes(b"%PDF")  # the deck's cache may share the folder
    cached_figures(tmp_path)
    cached_figures(tmp_path, seed=1)
    assert renders == [0, 1]
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert (tmp_path / "deck.pdf").exists()


def test_an_edited_source_renders_again(tmp_path, renders, monkeypatch):
    copies = []
    for source in lesson.sources("figures"):
        copies.append(tmp_path / source.name)
        shutil.copyfile(source, copies[-1])
    monkeypatch.setattr(figure_cache, "sources", lambda output: copies)
    cached_figures(tmp_path / "cache")
    with (tmp_path / "reference.py").open("a") as source:
        source.write("\n# an edit\n")
    cached_figures(tmp_path / "cache")
    assert len(renders) == 2


def test_another_matplotlib_version_renders_again(tmp_path, renders, monkeypatch):
    cached_figures(tmp_path)
    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "0.0" if name == "matplotlib" else real_version(name))
    cached_figures(tmp_path)
    assert len(renders) == 2


def test_a_cache_hit_does_not_import_matplotlib_and_returns_the_same_figures(tmp_path):
    code = (f"import json, sys\nfrom lesson.figure_cache import cached_figures\n"
            f"figures = cached_figures({str(tmp_path)!r})\n"
            "print(json.dumps({'matplotlib': 'matplotlib' in sys.modules, 'names': list(figures),"
            " 'svg': [f.svg for f in figures.values()]}))")
    environment = dict(os.environ)
    miss, hit = (json.loads(subprocess.run([sys.executable, "-c", code], env=environment,
                                           capture_output=True, text=True, check=True).stdout)
                 for _ in range(2))
    assert miss["matplotlib"] is True and hit["matplotlib"] is False
    assert hit["names"] == miss["names"] == list(NAMES)
    assert hit["svg"] == miss["svg"]
