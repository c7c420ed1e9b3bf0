"""The figure cache: unchanged inputs reuse the stored figures; any input that shapes them renders again."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from lessons.loss_and_optimization import LESSON
from studykit.core import cache, sources
from studykit.figures import downloads as figure_cache
from studykit.figures.drawing import Figure

NAMES = [spec.name for spec in LESSON.figures]


def cached_figures(cache_dir, seed=LESSON.figure_seed):
    """The lesson's figures through the cache, as a build gets them."""
    entry = figure_cache.figures_entry(LESSON.figures, seed, cache_dir)
    return figure_cache.from_json(cache.from_cache(entry, lambda: figure_cache.figures_json(LESSON.figures, seed)))


@pytest.fixture
def renders(monkeypatch):
    """Replace the real (slow) render with one that counts its calls."""
    calls = []

    def render(specs, seed):
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
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "deck.pdf").write_bytes(b"%PDF")  # another output may share the folder
    cached_figures(tmp_path)
    cached_figures(tmp_path, seed=1)
    assert renders == [0, 1]
    assert len(list((tmp_path / "figures").glob("*.json"))) == 1
    assert (tmp_path / "figures" / "deck.pdf").exists()


def test_an_edited_source_renders_again(tmp_path, renders, monkeypatch):
    # A copy of the sources, whose reference maths (imported by the experiments) is then edited.
    shutil.copytree(sources.module_path("studykit").parents[1], tmp_path / "src",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(sources, "_SOURCES", tmp_path / "src")
    cached_figures(tmp_path / "cache")
    with (tmp_path / "src/lessons/loss_and_optimization/reference.py").open("a") as source:
        source.write("\n# an edit\n")
    cached_figures(tmp_path / "cache")
    assert len(renders) == 2


def test_another_matplotlib_version_renders_again(tmp_path, renders, monkeypatch):
    cached_figures(tmp_path)
    by_package, table = cache.installed()
    # As after an upgrade (which restarts the process, so the versions are read afresh).
    monkeypatch.setattr(cache, "installed", lambda: (by_package, {**table, "matplotlib": ("0.0", ())}))
    cache._versions.cache_clear()
    cached_figures(tmp_path)
    cache._versions.cache_clear()
    assert len(renders) == 2


def test_a_cache_hit_does_not_import_matplotlib_and_returns_the_same_figures(tmp_path):
    code = (f"import json, sys\nfrom lessons.loss_and_optimization import LESSON\n"
            f"from studykit.core.cache import from_cache\n"
            f"from studykit.figures.downloads import figures_entry, figures_json, from_json\n"
            f"entry = figures_entry(LESSON.figures, LESSON.figure_seed, {str(tmp_path)!r})\n"
            f"figures = from_json(from_cache(entry, lambda: figures_json(LESSON.figures, LESSON.figure_seed)))\n"
            "print(json.dumps({'matplotlib': 'matplotlib' in sys.modules, 'names': list(figures),"
            " 'svg': [f.svg for f in figures.values()]}))")
    environment = dict(os.environ)
    miss, hit = (json.loads(subprocess.run([sys.executable, "-c", code], env=environment,
                                           capture_output=True, text=True, check=True).stdout)
                 for _ in range(2))
    assert miss["matplotlib"] is True and hit["matplotlib"] is False
    assert hit["names"] == miss["names"] == list(NAMES)
    assert hit["svg"] == miss["svg"]
