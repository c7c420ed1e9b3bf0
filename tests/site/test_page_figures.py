"""The built practice page's figures and explorers: placed, sized, worded and linked to their data."""

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml

from builds import ROOT, mkdocs_env
from lessons.loss_and_optimization import experiments, explorers, figure_data, figure_text
from studykit.core import identity

NAMES = ["learning-rate", "gradient-check", "minibatch", "loss-shapes"]
_TABLES = {"learning-rate": figure_data.learning_rate, "gradient-check": figure_data.gradient_check,
           "minibatch": figure_data.minibatch, "loss-shapes": figure_data.loss_shapes}
_WORDS = {"learning-rate": figure_text.learning_rate, "gradient-check": figure_text.gradient_check,
          "minibatch": figure_text.minibatch, "loss-shapes": figure_text.loss_shapes}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def page_html(site):
    return (site / "practice" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def results():
    """Each figure's experiment, computed again here rather than read from the build's cache."""
    return {"learning-rate": experiments.learning_rate_experiment(),
            "gradient-check": experiments.gradient_check_experiment(),
            "minibatch": experiments.minibatch_experiment(),
            "loss-shapes": experiments.loss_shapes_experiment()}


def _figure(page_html, name):
    found = re.findall(rf'<figure class="lesson-figure" id="figure-{name}"[^>]*>.*?</figure>',
                       page_html, re.S)
    assert len(found) == 1, f"figure {name} appears {len(found)} times"
    return found[0]


def _attribute(tag_html, name):
    return html.unescape(re.search(rf'\b{name}="([^"]*)"', tag_html).group(1))


@pytest.mark.parametrize("name", NAMES)
def test_each_figure_is_a_sized_lazy_image_with_caption_alt_and_csv(site, page_html, results, name):
    figure = _figure(page_html, name)
    title, caption, alt = _WORDS[name](results[name])
    img = re.search(r"<img [^>]*>", figure).group()
    assert _attribute(img, "loading") == "lazy" and _attribute(img, "alt") == alt
    svg = (site / "practice" / _attribute(img, "src")).resolve()
    assert svg == site / "assets" / "figures" / f"{name}.svg"
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert (root.find(f"{SVG}title").text, root.find(f"{SVG}desc").text) == (title, alt)
    # The page reserves the image's own size: its viewBox is in points, 3/4 of a CSS pixel.
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    assert (int(_attribute(img, "width")), int(_attribute(img, "height"))) == (
        round(width * 4 / 3), round(height * 4 / 3))
    shown = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
    link = re.search(r'<a href="([^"]+)" download>Data \(CSV\)</a>', shown)
    assert html.unescape(shown[:link.start()]).strip() == caption
    data = (site / "practice" / link.group(1)).resolve()
    assert data == site / identity.read_identity().download(f"{name}.csv")
    assert data.read_text(encoding="utf-8") == _TABLES[name](results[name])


def _answer_of(page_html, number):
    """The HTML of self-check question `number`'s collapsed answer."""
    question = page_html.index(f"<p><strong>{number}. ")
    start = page_html.index('<details class="success">', question)
    return page_html[start:page_html.index("</details>", start)]


@pytest.mark.parametrize("number, name", [(3, "loss-shapes"), (6, "learning-rate"), (7, "minibatch")])
def test_a_figure_backing_a_self_check_sits_in_its_answer(page_html, number, name):
    assert f'id="figure-{name}"' in _answer_of(page_html, number)


def test_the_gradient_check_figure_follows_the_cards_in_their_section(page_html):
    # The cards come first (study first); the figure backing one of them follows the grid.
    flashcards = page_html[page_html.index('id="flashcards"'):page_html.index('id="print-and-download"')]
    assert flashcards.index('class="lesson-deck"') < flashcards.index('id="figure-gradient-check"')
    assert "Analytic vs numerical gradient" in flashcards  # the card it backs is in the deck


def test_explorers_are_hidden_until_their_script_runs_and_open_where_the_lesson_does(page_html):
    part_b = yaml.safe_load((ROOT / "docs/data/exercises.yml").read_text("utf-8"))["part_b"]
    softmax = re.search(r'<section [^>]*data-lesson-explorer="softmax".*?</section>', page_html, re.S)
    step_size = re.search(r'<section [^>]*data-lesson-explorer="step-size".*?</section>', page_html,
                          re.S)
    for section in (softmax.group(), step_size.group()):
        assert re.match(r"<section [^>]*\bhidden>", section)
    values = [float(v) for v in re.findall(r'<input type="range"[^>]*value="([^"]+)"', softmax.group())]
    assert values == part_b["scores"]
    assert f"<option selected>{part_b['correct'][0]}</option>" in softmax.group()
    assert re.search(rf'value="{explorers.GOOD_RATE}"', step_size.group())
    # After Part B's exercise and after Part C's, where their numbers were just worked.
    assert (page_html.index("<strong>Part B:") < softmax.start() < page_html.index("<strong>Part C:")
            < step_size.start() < page_html.index('id="flashcards"'))


def test_figure_and_explorer_assets_load_only_where_used(site, page_html):
    for asset in ("assets/lesson-explorer.js", "assets/lesson-figures.css"):
        assert asset in page_html
        assert asset not in (site / "index.html").read_text(encoding="utf-8")


def test_a_warm_build_never_imports_matplotlib(site, tmp_path):
    # The session's build has filled the figure cache; this one only reads it.
    script = ("import sys\nfrom mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
              f"build(load_config(config_file={str(ROOT / 'mkdocs.yml')!r}, site_dir={str(tmp_path)!r}))\n"
              "print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=mkdocs_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "assets" / "figures" / "learning-rate.svg").exists()
