"""A page's figure and explorer markers: an unknown name stops the build, naming page and marker."""

import pytest

from builds import build_error, copy_project


@pytest.mark.parametrize("marker, known", [
    ("<!-- figure learning-rates -->", "gradient-check, learning-rate, loss-shapes, minibatch"),
    ("<!-- explorer softmaxx -->", "softmax, step-size"),
])
def test_an_unknown_marker_stops_the_build_naming_the_page(tmp_path, marker, known):
    project = copy_project(tmp_path / "project")
    page = project / "docs/practice.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    message = build_error(project, project / "site")
    kind, name = marker.split()[1:3]
    assert f"practice.md: {marker}: there is no {kind} '{name}'; the {kind}s are {known}" in message
    assert not list((project / "site").rglob("*.html"))
