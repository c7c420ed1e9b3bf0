"""The figures: SVG that is accessible, small and byte-stable; CSV that round-trips; words from the data."""

import csv
import dataclasses
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from lessons.loss_and_optimization import LESSON, figure_text
from studykit.figures import drawing as figures

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["learning-rate", "gradient-check", "minibatch", "loss-shapes"]


@pytest.fixture(scope="module")
def results():
    return {spec.name: spec.compute(LESSON.figure_seed) for spec in LESSON.figures}


@pytest.fixture(scope="module")
def rendered():
    return figures.render_figures(LESSON.figures, LESSON.figure_seed)


def _rows(text):
    """A CSV text as (header, rows of floats)."""
    assert "\r" not in text and text.endswith("\n")
    header, *rows = csv.reader(io.StringIO(text))
    return header, np.array(rows, dtype=float)


def _luminance(colour):
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# --- Byte-stable output, in fresh processes --------------------------------------------------------


# Renders the lesson's figures in a fresh process and writes NAME.svg and NAME.csv into argv[1].
_WRITE_FIGURES = """
import sys
from pathlib import Path
from lessons.loss_and_optimization import LESSON
from studykit.figures.drawing import render_figures
out = Path(sys.argv[1])
out.mkdir(parents=True)
for name, figure in render_figures(LESSON.figures, LESSON.figure_seed).items():
    (out / f"{name}.svg").write_text(figure.svg, encoding="utf-8")
    (out / f"{name}.csv").write_text(figure.csv, encoding="utf-8")
"""


def test_two_renders_in_fresh_processes_are_byte_identical(tmp_path):
    # Different dates and hash seeds: neither may reach the output.
    runs = []
    for number, epoch in enumerate(["1700000000", "1800000000"]):
        out = tmp_path / f"run{number}"
        environment = {**os.environ,
                       "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": str(number)}
        runs.append((out, subprocess.Popen([sys.executable, "-c", _WRITE_FIGURES, str(out)],
                                           env=environment, stdout=subprocess.PIPE, text=True)))
    for _, process in runs:
        assert process.wait(timeout=120) == 0
    first, second = (out for out, _ in runs)
    expected = sorted(f"{name}.{suffix}" for name in NAMES for suffix in ("svg", "csv"))
    assert sorted(path.name for path in first.iterdir()) == expected
    for name in expected:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- SVG ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_svg_parses_and_carries_its_title_and_alt_text(rendered, name):
    figure = rendered[name]
    root = ET.fromstring(figure.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("id") == f"lesson-figure-{name}"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.text, desc.text) == (figure.title, figure.alt)
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")


def test_ids_are_unique_across_all_four_svgs_so_they_can_share_a_page(rendered):
    ids = [element.get("id") for figure in rendered.values()
           for element in ET.fromstring(figure.svg).iter() if element.get("id")]
    assert ids and len(ids) == len(set(ids))
    for figure in rendered.values():
        # The stylesheet inside an inline SVG applies to the whole page unless scoped.
        assert f"<style type=\"text/css\">#lesson-figure-{figure.name} *{{" in figure.svg


@pytest.mark.parametrize("name", NAMES)
def test_svg_has_no_date_no_version_and_stays_small(rendered, name):
    svg = rendered[name].svg
    assert "<metadata" not in svg and "Matplotlib v" not in svg and "<?xml" not in svg
    assert not re.search(r"(19|20)\d\d-\d\d-\d\d", svg)
    assert len(svg.encode()) < 40_000
    assert not re.search(r"\d\.\d{3}", svg.split("</desc>", 1)[1])  # coordinates in hundredths


def test_text_stays_text_with_a_generic_fallback_font(rendered):
    svg = rendered["learning-rate"].svg
    texts = {element.text for element in ET.fromstring(svg).iter(f"{SVG}text")}
    assert {"gradient-descent step", "training loss (log scale)", "rate 0.5 (good)"} <= texts
    assert "DejaVuSans-" not in svg  # no glyph outlines embedded
    assert "font-family: 'DejaVu Sans', sans-serif" in svg


def test_log_ticks_read_as_numbers_or_powers_of_ten(rendered):
    texts = {name: {element.text for element in ET.fromstring(figure.svg).iter(f"{SVG}text")}
             for name, figure in rendered.items()}
    assert {"0.5", "1", "10", "50"} <= texts["learning-rate"]
    assert {"1", "100", "10,000"} <= texts["minibatch"]
    assert {"10⁻²", "10⁻⁶", "10⁻¹⁰"} <= texts["gradient-check"]


def test_background_is_opaque_white_and_lines_differ_by_more_than_colour(rendered):
    assert figures.BACKGROUND == "#ffffff"
    for figure in rendered.values():
        first_fill = re.search(r'style="fill: (#[0-9a-f]{6})"', figure.svg).group(1)
        assert first_fill == "#ffffff"
    colours, dashes, markers = zip(*figures.STYLES)
    assert len(set(colours)) == len(set(dashes)) == len(set(markers)) == len(figures.STYLES)
    for colour in colours:
        # WCAG 1.4.11: graphics needed to read the chart keep 3:1 against their background.
        assert (1.05) / (_luminance(colour) + 0.05) >= 3, colour
    svg = rendered["minibatch"].svg
    assert all(colour.lower() in svg for colour in colours)


# --- CSV ------------------------------------------------------------------------------------------------


def test_learning_rate_csv_round_trips(rendered, results):
    result = results["learning-rate"]
    header, rows = _rows(rendered["learning-rate"].csv)
    assert header == ["step", "loss_at_rate_0.01", "loss_at_rate_0.5", "loss_at_rate_30.0"]
    assert rows[:, 0].tolist() == list(range(result.steps + 1))
    np.testing.assert_allclose(rows[:, 1:].T, result.losses, rtol=1e-7)


def test_gradient_check_csv_round_trips(rendered, results):
    result = results["gradient-check"]
    header, rows = _rows(rendered["gradient-check"].csv)
    assert header == ["h", "svm_relative_error", "softmax_relative_error"]
    np.testing.assert_allclose(rows[:, 0], result.h, rtol=1e-7)
    np.testing.assert_allclose(rows[:, 1:].T, result.errors, rtol=1e-7)


def test_minibatch_csv_round_trips(rendered, results):
    result = results["minibatch"]
    header, rows = _rows(rendered["minibatch"].csv)
    assert header == ["batch_size", "step", "examples_processed", "loss"]
    for size, examples, losses in zip(result.batch_sizes, result.examples, result.losses):
        mine = rows[rows[:, 0] == size]
        assert mine[:, 1].tolist() == list(range(result.steps + 1))
        assert mine[:, 2].tolist() == examples.tolist()
        np.testing.assert_allclose(mine[:, 3], losses, rtol=1e-7)


def test_loss_shapes_csv_round_trips(rendered, results):
    result = results["loss-shapes"]
    header, rows = _rows(rendered["loss-shapes"].csv)
    assert header == ["margin", "svm_loss", "cross_entropy_loss"]
    np.testing.assert_allclose(rows.T, [result.margins, result.svm, result.cross_entropy],
                               rtol=1e-7, atol=1e-12)


def test_every_figure_is_declared_once_in_the_order_of_the_names():
    assert [spec.name for spec in LESSON.figures] == NAMES


# --- Captions and alt text: numbers and words from the data -------------------------------------------


def test_learning_rate_caption_states_the_computed_losses(rendered, results):
    result, figure = results["learning-rate"], rendered["learning-rate"]
    for text in (figure.caption, figure.alt):
        assert f"{result.start_loss:.3f}" in text
        for loss in result.final_losses:
            assert f"{loss:.3f}" in text
    assert f"After {result.steps} steps" in figure.caption
    assert "900 examples in three classes" in figure.caption
    assert "ends above where it started" in figure.caption
    assert f"rises from {result.start_loss:.3f} to {result.final_losses[2]:.3f}" in figure.alt


def test_learning_rate_words_follow_the_numbers(results):
    result = results["learning-rate"]
    tamed = dataclasses.replace(result, final_losses=(*result.final_losses[:2], 0.5))
    _, caption, alt = figure_text.learning_rate(tamed)
    assert "ends not above where it started" in caption
    assert "(too large) falls from" in alt


def test_gradient_check_caption_names_the_computed_best_h_and_error(rendered, results):
    result, figure = results["gradient-check"], rendered["gradient-check"]
    stated = re.findall(r"(SVM|softmax) ([\d.]+e-\d+) at h = ([\d.]+e-\d+)", figure.caption)
    assert [name for name, _, _ in stated] == ["SVM", "softmax"]
    for (_, error, h), best_error, best_h in zip(stated, result.best_errors, result.best_h):
        assert float(error) == pytest.approx(best_error, rel=0.05)
        assert float(h) == pytest.approx(best_h, rel=0.05)
    assert "h from 1e-1 to 1e-10" in figure.caption


def test_minibatch_caption_states_examples_losses_and_rises(rendered, results):
    result, figure = results["minibatch"], rendered["minibatch"]
    stated = re.findall(r"(?:full batch \(900\)|batch \d+) processed ([\d,]+) examples and "
                        r"reached (\d+\.\d+)", figure.caption)
    assert len(stated) == 4
    for (examples, loss), expected_examples, expected_loss in zip(
            stated, result.examples[:, -1], result.final_losses):
        assert int(examples.replace(",", "")) == expected_examples
        assert loss == f"{expected_loss:.3f}"
    rises = ", ".join(str(n) for n in result.rises[:-1]) + f" and {result.rises[-1]}"
    assert f"rose on {rises} of the {result.steps} steps" in figure.caption
    assert f"learning rate {result.rate}" in figure.caption


def test_minibatch_alt_calls_a_curve_smooth_only_if_it_never_rose(results):
    result = results["minibatch"]
    _, _, alt = figure_text.minibatch(result)
    assert f"Batch 1 zig-zags, rising on {result.rises[0]} steps" in alt
    assert "full batch (900) falls on every step, never rising" in alt
    _, _, calm = figure_text.minibatch(dataclasses.replace(result, rises=(0, 0, 0, 0)))
    assert "zig-zags" not in calm


def test_loss_shapes_caption_states_where_the_hinge_hits_zero(rendered, results):
    result, figure = results["loss-shapes"], rendered["loss-shapes"]
    assert "reaches exactly 0 at m = 1 and stays there" in figure.caption
    assert f"still {result.smallest_cross_entropy:.3f} at m = 4, never exactly 0" in figure.caption
    assert "At m = 0 the SVM loss is 2 and cross-entropy 1.099" in figure.alt  # 2 and ln 3


def test_loss_shapes_words_follow_the_numbers(results):
    result = results["loss-shapes"]
    _, caption, _ = figure_text.loss_shapes(dataclasses.replace(
        result, hinge_zero_from=float("nan"), smallest_cross_entropy=0.0))
    assert "never reaches 0 on this range" in caption and "exactly 0 there" in caption


@pytest.mark.parametrize(("value", "text"), [(3.1622776e-4, "3.2e-4"), (1e-5, "1e-5"),
                                             (0.1, "1e-1"), (4.288e-10, "4.3e-10")])
def test_sci_writes_the_lessons_e_notation(value, text):
    assert figure_text.sci(value) == text
