"""Marker comments replaced by rendered parts, and a figure's image size from its viewBox."""

import pytest

from studykit.core.errors import LessonDataError
from studykit.core.markers import replace_markers
from studykit.figures.page import image_size


def test_each_marker_is_replaced_and_other_comments_stay():
    html = "<p>a</p><!-- figure one -->\n<!-- figure two-b --><!-- flashcards --><!-- explorer one -->"
    out = replace_markers(html, "figure", {"one": 1, "two-b": 2}, lambda name: f"[{name}]", "page.md")
    assert out == "<p>a</p>[one]\n[two-b]<!-- flashcards --><!-- explorer one -->"


def test_an_unknown_name_fails_naming_the_page_the_marker_and_the_known_names():
    with pytest.raises(LessonDataError) as error:
        replace_markers("<!-- figure nope -->", "figure", {"b": 1, "a": 2}, str, "docs/practice.md")
    assert str(error.value) == ("docs/practice.md: <!-- figure nope -->: there is no figure 'nope'; "
                                "the figures are a, b")


def test_image_size_turns_points_into_css_pixels():
    # 403.2 pt * 4/3 = 537.6 px, 244.8 pt * 4/3 = 326.4 px.
    assert image_size('<svg width="403.2pt" viewBox="0 0 403.2 244.8">') == (538, 326)


def test_an_svg_without_a_viewbox_is_refused():
    with pytest.raises(ValueError, match="viewBox"):
        image_size('<svg width="10" height="10">')
