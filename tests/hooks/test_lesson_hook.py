"""The build hook: numbers follow their inputs, cards follow their file, bad input stops the build."""

import re

import numpy as np
import pytest
import yaml

from builds import build_site, copy_project

_DRIFTED = {
    "part_a": {"classes": ["A", "B", "C"], "scores": [0.9, 0.6, -0.8], "correct": "A", "margin": 1},
    "part_b": {"scores": [3, 1, 0], "correct": [0, 2]},
    "part_c": {"W": [1.0, 3.0, -0.5], "grad": [0.2, -0.4, 0.1], "learning_rates": [0.1, 0.5]},
}


def _edit_yaml(path, **changes):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _squash(html):
    text = re.sub(r"<[^>]+>", " ", html).replace("&#x02212;", "−").replace("−", "-")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def drifted_page(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("drift") / "project")
    _edit_yaml(project / "docs/data/exercises.yml", **_DRIFTED)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site/practice/index.html").read_text(encoding="utf-8")
    return html, _squash(html)


def test_drifted_inputs_show_on_the_page(drifted_page):
    html, _ = drifted_page
    alts = " ".join(re.findall(r'alttext="([^"]*)"', html)).replace("−", "-")
    assert "[s_A, s_B, s_C] = [1.5, -0.7, -0.8]" not in alts
    assert "[s_A, s_B, s_C] = [0.9, 0.6, -0.8]" in alts
    assert "s = [3, 1, 0]" in alts
    assert "W = [1.0, 3.0, -0.5]" in alts and "α = 0.5" in alts


def test_part_a_follows_its_inputs(drifted_page):
    html, _ = drifted_page
    alts = " ".join(re.findall(r'alttext="([^"]*)"', html)).replace("−", "-")
    # margins: 0.6 - 0.9 + 1 = 0.7 and -0.8 - 0.9 + 1 = -0.7; loss = 0.7
    assert "= max(0, 0.7) + max(0, -0.7)" in alts
    assert "= 0.7 + 0; = 0.7" in alts
    assert "-1.2" not in alts


def test_part_b_follows_its_inputs(drifted_page):
    html, text = drifted_page
    exps = np.exp([3.0, 1.0, 0.0])
    p = exps / exps.sum()
    alts = " ".join(re.findall(r'alttext="([^"]*)"', html)).replace("−", "-")
    assert f"exp(3) ≈ {exps[0]:.3f}" in alts
    assert f"{exps[0]:.3f} + 2.718 + 1 ≈ {exps.sum():.3f}" in alts
    for i in range(3):
        assert f"p_{i} ≈ {exps[i]:.3f} / {exps.sum():.3f} ≈ {p[i]:.3f}".replace(" 1.000 /", " 1 /") in alts
    assert f"L = -ln({p[0]:.3f}) ≈ {-np.log(p[0]):.3f}" in alts
    assert f"L = -ln({p[2]:.3f}) ≈ {-np.log(p[2]):.3f}" in alts
    assert f"roughly {round(100 * p[0])} percent confident" in text
    assert f"only {round(100 * p[2])} percent probability" in text
    assert "11.107" not in text and "0.665" not in alts


def test_part_c_follows_its_inputs(drifted_page):
    html, text = drifted_page
    alts = " ".join(re.findall(r'alttext="([^"]*)"', html)).replace("−", "-")
    assert "[1.0 - 0.1 · 0.2, 3.0 - 0.1 · (-0.4), -0.5 - 0.1 · 0.1]" in alts
    assert "[0.98, 3.04, -0.51]" in alts
    assert "[1.0 - 0.1, 3.0 + 0.2, -0.5 - 0.05]" in alts
    assert "[0.9, 3.2, -0.55]" in alts
    assert "five times farther" in text
    assert "2.04" not in alts and "[0.8, 2.4, -0.6]" not in alts


def test_a_tenth_card_shows_on_the_page_and_in_the_pdf(tmp_path):
    from pypdf import PdfReader

    project = copy_project(tmp_path / "project")
    cards_file = project / "docs/data/flashcards.yml"
    cards_file.write_text(cards_file.read_text(encoding="utf-8") + (
        "\n- id: tenth-card\n  question: What is the tenth card?\n"
        "  answer: The one added to the data file.\n"), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site/practice/index.html").read_text(encoding="utf-8")
    assert html.count('class="lx-card"') == 10
    assert "What is the tenth card?" in html and "10 / 10" in html
    assert "Ten cards." in _squash(html)
    pdf = PdfReader(project / "site/downloads/loss-and-optimization-flashcards.pdf")
    assert len(pdf.pages) == 10
    assert "What is the tenth card?" in pdf.pages[9].extract_text()


def _assert_failed_cleanly(result, site_dir, *needles):
    assert result.returncode != 0
    for needle in needles:
        assert needle in result.stderr + result.stdout, needle
    assert not list(site_dir.rglob("*.html")) and not list(site_dir.rglob("*.pdf"))


def test_an_unknown_placeholder_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/practice.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ a.svm_loss }}", "{{ a.svm_los }}"),
                    encoding="utf-8")
    result = build_site(project, project / "site")
    _assert_failed_cleanly(result, project / "site", "practice.md", "a.svm_los")


@pytest.mark.parametrize("exercise, field, value, key, needle", [
    ("part_a", "scores", [1.5, float("nan"), -0.8], "'a.scores'", "scores must be finite"),
    ("part_a", "correct", "D", "'a.scores'", "'D'"),
    ("part_b", "correct", [0, 3], "'b.scores'", "out of range"),
    ("part_c", "learning_rates", [-0.1, 1.0], "'c.W'", "learning_rate"),
    ("body", "scores", [0.8, 0.3], "'body.svm_loss'", "3 classes but 2 scores"),
])
def test_a_bad_exercise_input_stops_the_build(tmp_path, exercise, field, value, key, needle):
    project = copy_project(tmp_path / "project")
    path = project / "docs/data/exercises.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[exercise][field] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build_site(project, project / "site")
    _assert_failed_cleanly(result, project / "site", "practice.md", key, "exercises.yml",
                           f"exercise '{exercise}'", needle)


def test_a_bad_input_no_page_shows_still_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/practice.md"
    page.write_text(re.sub(r"\{\{ body\.\w+ \}\}", "0.5", page.read_text(encoding="utf-8")),
                    encoding="utf-8")
    path = project / "docs/data/exercises.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["body"]["correct"] = "W"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build_site(project, project / "site")
    _assert_failed_cleanly(result, project / "site", "exercises.yml", "exercise 'body'", "'W'")


def test_a_bad_card_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs/data/flashcards.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "question: Gradient descent update rule?", "question: ''"), encoding="utf-8")
    result = build_site(project, project / "site")
    _assert_failed_cleanly(result, project / "site", "flashcards.yml", "update-rule", "question")
