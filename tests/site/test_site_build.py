"""The whole built site: strict and quiet, reproducible, described, with a 404 page."""

import hashlib
import re

import pytest

from builds import build_site, copy_project

from studykit.core import identity


def test_strict_build_prints_no_warning(site_build):
    _, output = site_build
    assert "WARNING" not in output and "Warning" not in output, output


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


_FIGURES = ("learning-rate", "gradient-check", "minibatch", "loss-shapes")


def test_two_builds_are_byte_identical(site, tmp_path):
    # A fresh copy has no deck cache, so its PDF is rendered again, not reused.
    result = build_site(copy_project(tmp_path / "project", cache=False), tmp_path / "again")
    assert result.returncode == 0, result.stderr
    first, second = _digests(site), _digests(tmp_path / "again")
    assert first.keys() == second.keys()
    lesson = identity.read_identity()
    figures = {f"assets/figures/{name}.svg" for name in _FIGURES}  # drawn again: no cache either
    figures |= {lesson.download(f"{name}.csv") for name in _FIGURES}
    assert {"search/search_index.json", "practice/index.html", lesson.download("flashcards.pdf"),
            lesson.download("worksheet-a4.pdf"), lesson.download("worksheet-letter.pdf")} | figures <= first.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.parametrize("page", ["index.html", "practice/index.html"])
def test_pages_have_a_description(site, page):
    html = (site / page).read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and len(description.group(1)) > 60


def test_custom_404_page_links_to_the_lesson(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and 'href="/practice/"' in html


def test_site_url_gives_canonical_links(site):
    html = (site / "practice/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/practice/">' in html


def test_site_reads_like_a_course(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Loss and optimization</title>" in html
    assert 'href="practice/"' in html and "Start the practice" in html
    assert "Made with" not in html and "squidfunk" not in html
