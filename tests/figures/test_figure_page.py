"""Figures in a page: each where its marker stands, or, under serve, a note while it is drawn."""

import pytest

from studykit.core.errors import LessonDataError
from studykit.core.identity import Identity
from studykit.figures.drawing import Figure
from studykit.figures.page import with_figures

IDENTITY = Identity("Practice: Tiny", "Tiny cards", "tiny")
SVG = '<svg viewBox="0 0 300 150"><title>t</title></svg>'  # points: 400 x 200 CSS pixels
PAGE = "<p>Look:</p>\n<!-- figure curve -->\n"


def _relative(path):
    return "../" + path


def test_a_figure_shows_its_image_caption_and_data_where_its_marker_stands():
    figures = {"curve": Figure("curve", "A curve", SVG, "x,y\n1,2\n", "The curve falls.", "A falling curve.")}
    html, assets = with_figures(PAGE, ["curve"], figures, IDENTITY, _relative, "page.md")
    assert html.startswith("<p>Look:</p>\n<figure") and "<!--" not in html
    assert 'src="../assets/figures/curve.svg" width="400" height="200" alt="A falling curve."' in html
    assert "The curve falls." in html and 'href="../downloads/tiny-curve.csv"' in html
    assert assets == ["assets/lesson-figures.css"]


def test_a_figure_still_being_drawn_says_so_in_its_place():
    html, _ = with_figures(PAGE, ["curve"], {}, IDENTITY, _relative, "page.md")
    assert 'id="figure-curve" role="status"' in html and "is being drawn" in html


def test_an_unknown_figure_is_named_with_the_page():
    with pytest.raises(LessonDataError, match="page.md: <!-- figure curve -->: there is no figure 'curve'"):
        with_figures(PAGE, ["line"], {}, IDENTITY, _relative, "page.md")
