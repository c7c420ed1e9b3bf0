"""The MkDocs plugin, in process: numbers and the sentences that state them follow their inputs."""

import dataclasses
import json
import re
import sqlite3
import zipfile

import pytest
import yaml
from html_text import article_text, formula_texts
from pypdf import PdfReader
from readback import plain

import counts
from counts import in_words
from builds import build_error, build_in_process, copy_project
from studykit.core import identity, renders
from studykit.core.errors import LessonDataError

# Inputs unlike the lesson's: a non-zero Part A loss, a wrong first guess in Part B, a smaller
# second step in Part C. Every expectation below is worked out by hand in its comment.
_DRIFTED = {
    "part_a": {"classes": ["A", "B", "C"], "scores": [0.9, 0.6, -0.8], "correct": "A", "margin": 1},
    "part_b": {"scores": [1, 3, 0], "correct": [0, 1]},
    "part_c": {"W": [1.0, 3.0, -0.5], "grad": [0.2, -0.4, 0.1], "learning_rates": [0.1, 0.05]},
}


def _edit_yaml(path, **changes):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for exercise, fields in changes.items():
        data[exercise].update(fields)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def drifted_site(tmp_path_factory):
    """The site built from _DRIFTED."""
    project = copy_project(tmp_path_factory.mktemp("drift") / "project")
    _edit_yaml(project / "docs/data/exercises.yml", **_DRIFTED)
    return build_in_process(project, project / "site")


@pytest.fixture(scope="module")
def drifted_page(drifted_site):
    """The practice page's HTML built from _DRIFTED."""
    return (drifted_site / "practice/index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def drifted(drifted_page):
    """The practice page built from _DRIFTED: (its text, its formulas' text)."""
    return article_text(drifted_page), formula_texts(drifted_page)


def test_drifted_inputs_show_on_the_page(drifted):
    _, formulas = drifted
    assert "[s_A, s_B, s_C] = [1.5, -0.7, -0.8]" not in formulas
    assert "[s_A, s_B, s_C] = [0.9, 0.6, -0.8]" in formulas
    assert "s = [1, 3, 0]" in formulas
    assert "W = [1.0, 3.0, -0.5]" in formulas and "α = 0.05" in formulas


def test_part_a_numbers_and_words_follow_a_non_zero_loss(drifted):
    text, formulas = drifted
    # B: 0.6 - 0.9 + 1 = 0.7; C: -0.8 - 0.9 + 1 = -0.7; loss = 0.7 + 0 = 0.7
    assert "= max(0, 0.7) + max(0, -0.7); = 0.7 + 0; = 0.7" in formulas
    assert "The loss is 0.7, not zero." in text
    assert "Class B does not clear the margin of 1 over class A, so it adds 0.7." in text
    assert "Class C is more than 1 below and adds nothing." in text
    assert "The prediction is correct, yet the loss is not zero" in text
    assert "The loss is zero" not in text and "room to spare" not in text
    assert "-1.2" not in formulas


def test_part_b_numbers_and_words_follow_a_wrong_prediction(drifted):
    text, formulas = drifted
    # exp(1) = 2.718, exp(3) = 20.086, exp(0) = 1; sum 23.804
    assert "2.718 + 20.086 + 1 ≈ 23.804" in formulas
    # p = 2.718/23.804 = 0.114, 20.086/23.804 = 0.844, 1/23.804 = 0.042
    for i, p in enumerate(["0.114", "0.844", "0.042"]):
        assert f"p_{i} ≈ {['2.718', '20.086', '1'][i]} / 23.804 ≈ {p}" in formulas
    # (a) index 0: -ln(0.1142) = 2.170, and class 1 is likelier: wrong. (b) index 1: -ln(0.8438) = 0.170
    assert "L = -ln(0.114) ≈ 2.170" in formulas and "L = -ln(0.844) ≈ 0.170" in formulas
    assert ("The model is wrong and assigns only 11 percent probability to the truth; "
            "the loss is large.") in text
    assert "The model is correct and roughly 84 percent confident; the loss is small" in text
    assert text.index("only 11 percent") < text.index("roughly 84 percent")
    assert "11.107" not in text and "0.665" not in formulas


def test_part_c_numbers_and_words_follow_a_smaller_step(drifted):
    text, formulas = drifted
    # 0.1 x [0.2, -0.4, 0.1] = [0.02, -0.04, 0.01]; W - that = [0.98, 3.04, -0.51]
    assert "[1.0 - 0.1 · 0.2, 3.0 - 0.1 · (-0.4), -0.5 - 0.1 · 0.1]" in formulas
    assert "[0.98, 3.04, -0.51]" in formulas
    # 0.05 x [0.2, -0.4, 0.1] = [0.01, -0.02, 0.005]; W - that = [0.99, 3.02, -0.505]
    assert "[1.0 - 0.01, 3.0 + 0.02, -0.5 - 0.005]; = [0.99, 3.02, -0.505]" in formulas
    assert "Same downhill direction, half as far." in text
    assert "times farther" not in text


def test_the_answer_boxes_check_against_the_drifted_values(drifted_site, drifted_page):
    specs = [json.loads(spec) for spec in re.findall(r"data-lesson-spec>(.*?)</script>", drifted_page)]
    files = [json.loads((drifted_site / "practice" / spec["url"]).read_text("utf-8")) for spec in specs]
    checks = [file["variants"][0]["checks"] for file in files]  # the page's own numbers
    exact = [[check["exact"] for check in part] for part in checks]
    # Part A: margins 0.6 - 0.9 + 1 = 0.7 and -0.8 - 0.9 + 1 = -0.7; loss 0.7 + 0.
    assert exact[0] == pytest.approx([0.7, -0.7, 0.7])
    # Part B: sum 2.718282 + 20.085537 + 1 = 23.803819; (a) -ln(2.718282 / 23.803819) = 2.169846,
    # (b) -ln(20.085537 / 23.803819) = 0.169846.
    assert exact[1][0] == pytest.approx(23.803819) and exact[1][2:] == pytest.approx([2.169846, 0.169846])
    # Part C: 0.1 * grad = [0.02, -0.04, 0.01], W - that = [0.98, 3.04, -0.51];
    # 0.05 * grad = [0.01, -0.02, 0.005], W - that = [0.99, 3.02, -0.505].
    assert exact[2] == [pytest.approx(v) for v in ([0.02, -0.04, 0.01], [0.98, 3.04, -0.51],
                                                   [0.01, -0.02, 0.005], [0.99, 3.02, -0.505])]
    assert checks[2][3]["shown"] == ["0.99", "3.02", "-0.505"]


def test_one_more_card_shows_on_the_page_in_the_description_and_in_every_download(tmp_path):
    project = copy_project(tmp_path / "project")
    cards_file = project / "docs/data/flashcards.yml"
    cards_file.write_text(cards_file.read_text(encoding="utf-8") + (
        "\n- id: one-more-card\n  question: What is the card added last?\n"
        "  answer: The one added to the data file.\n"), encoding="utf-8")
    total = len(yaml.safe_load(cards_file.read_text(encoding="utf-8")))  # every count follows the file
    site = build_in_process(project, project / "site")
    html = (site / "practice/index.html").read_text(encoding="utf-8")
    assert html.count('class="lesson-card"') == total
    assert "What is the card added last?" in html and f"{total} / {total}" in html
    assert f"{in_words(total).capitalize()} cards." in article_text(html)
    assert f"and {in_words(total)} flashcards on loss functions" in html  # the page description
    slug = identity.read_identity(project / "mkdocs.yml").slug
    pdf = PdfReader(site / f"downloads/{slug}-flashcards.pdf")
    assert len(pdf.pages) == total
    assert "What is the card added last?" in plain(pdf.pages[-1].extract_text())
    # The copy started with the project's cache, which holds the downloads of the cards before.
    for export in ("flashcards-anki.txt", "flashcards.csv", "flashcards-quizlet.txt"):
        lines = (site / f"downloads/{slug}-{export}").read_text(encoding="utf-8").splitlines()
        assert "What is the card added last?" in lines[-1], export
    questions = _apkg_questions(site / f"downloads/{slug}-flashcards.apkg")
    assert len(questions) == total and "What is the card added last?" in questions[-1]


def _apkg_questions(path):
    """The first field of each note in an Anki package, in the deck's order."""
    with zipfile.ZipFile(path) as package:
        collection = package.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(collection)
        return [fields.split("\x1f")[0] for (fields,) in connection.execute("SELECT flds FROM notes ORDER BY id")]
    finally:
        connection.close()


def test_the_identity_is_read_from_mkdocs_yml_everywhere(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    lesson = identity.read_identity(config)
    renamed = dataclasses.replace(lesson, title="Practice: Hinge and softmax",
                                  deck_title="Hinge cards", slug="hinge")
    text = config.read_text(encoding="utf-8")
    for field in ("title", "deck_title", "slug"):
        text = text.replace(f"{field}: {getattr(lesson, field)!s}", f"{field}: {getattr(renamed, field)}")
        text = text.replace(f'{field}: "{getattr(lesson, field)!s}"', f'{field}: "{getattr(renamed, field)}"')
    config.write_text(text, encoding="utf-8")
    assert identity.read_identity(config) == renamed
    site = build_in_process(project, project / "site")
    page = (site / "practice/index.html").read_text(encoding="utf-8")
    assert '<h1 id="practice-hinge-and-softmax">Practice: Hinge and softmax<' in page
    assert "Practice: Hinge and softmax" in (site / "index.html").read_text(encoding="utf-8")
    assert "Practice: Hinge and softmax" in (site / "404.html").read_text(encoding="utf-8")
    assert lesson.title not in article_text(page)
    assert 'href="../downloads/hinge-flashcards.pdf"' in page
    assert 'href="../downloads/hinge-flashcards.apkg"' in page
    pdf = PdfReader(site / "downloads/hinge-flashcards.pdf")
    assert pdf.metadata.title == "Hinge cards"
    assert "Hinge cards · 1 / " in plain(pdf.pages[0].extract_text())
    assert "#deck:Hinge cards\n" in (site / "downloads/hinge-flashcards-anki.txt").read_text(encoding="utf-8")


def test_a_page_and_a_theme_template_edited_after_a_build_show_in_the_next_build(tmp_path):
    project = copy_project(tmp_path / "project")
    build_in_process(project, project / "site")  # compiles both, and keeps them in the project's cache
    page, theme = project / "docs/index.md", project / "overrides/main.html"
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited: {{ cards.count }} cards.\n", encoding="utf-8")
    theme.write_text(theme.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", "{% block extrahead %}<meta name=edited content=theme>", 1), encoding="utf-8")
    site = build_in_process(project, project / "site")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert f"Edited: {counts.CARDS} cards." in html
    assert "<meta name=edited content=theme>" in html


def _assert_nothing_written(site_dir):
    assert not list(site_dir.rglob("*.html")) and not list(site_dir.rglob("*.pdf"))


@pytest.mark.parametrize("error, failure", [
    (LessonDataError, "flashcards.yml: card 2 ('x'): field 'answer': bad"),
    (renders.RenderError, "downloads/x.pdf: the render worker stopped while rendering it"),
], ids=["data", "worker"])
def test_a_render_that_fails_stops_the_build_and_leaves_no_page(tmp_path, monkeypatch, error, failure):
    # The pages are written while the PDFs render; a failed render empties the site again.
    project = copy_project(tmp_path / "project")

    def failed_render(pool):
        pool.close(wait=False)
        raise error(failure)

    monkeypatch.setattr(renders.Pool, "wait", failed_render)
    assert failure in build_error(project, project / "site")
    _assert_nothing_written(project / "site")


def test_an_unknown_value_stops_the_build_naming_page_line_and_key(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/practice.md"
    source = page.read_text(encoding="utf-8")
    line = source[:source.index("{{ a.svm_loss }}")].count("\n") + 1
    page.write_text(source.replace("{{ a.svm_loss }}", "{{ a.svm_los }}", 1), encoding="utf-8")
    message = build_error(project, project / "site")
    assert f"practice.md: line {line}: unknown value 'a.svm_los'" in message
    _assert_nothing_written(project / "site")
    # Again, with the page's compiled template now read from the cache: the same line.
    assert build_error(project, project / "site") == message


@pytest.mark.parametrize("exercise, field, value, key, needle", [
    ("part_a", "scores", [1.5, float("nan"), -0.8], "'a.classes.0'", "scores must be finite"),
    ("part_a", "correct", "D", "'a.classes.0'", "'D'"),
    ("part_b", "correct", [0, 3], "'b.scores'", "out of range"),
    ("part_c", "learning_rates", [-0.1, 1.0], "'c.W'", "learning_rate"),
    ("body", "scores", [0.8, 0.3], "'body.", "3 classes but 2 scores"),
])
def test_a_bad_exercise_input_stops_the_build(tmp_path, exercise, field, value, key, needle):
    project = copy_project(tmp_path / "project")
    _edit_yaml(project / "docs/data/exercises.yml", **{exercise: {field: value}})
    message = build_error(project, project / "site")
    for fragment in ("practice.md: line ", key, "exercises.yml", f"exercise '{exercise}'", needle):
        assert fragment in message, fragment
    _assert_nothing_written(project / "site")


@pytest.mark.parametrize("exercise, fields, sentence", [
    # Scores [0.8, 0.6, -0.4]: the body case's nearest class Y sits 0.2 below X, still correct;
    # [0.2, 0.8, -0.4] makes Y score highest: the body case would no longer be "correct".
    ("body", {"scores": [0.2, 0.8, -0.4]}, "the practice case in the body where the prediction was correct"),
    # Gaps of exactly 1 and 2.3: a zero loss, but class B is not "more than 1 below".
    ("part_a", {"scores": [1.5, 0.5, -0.8]}, "Both wrong classes are already more than 1 below"),
    # [1, 1, 0] with indices 0 and 1: both losses are -ln(e / (2e + 1)) = 0.862, not "very different".
    ("part_b", {"scores": [1, 1, 0], "correct": [0, 1]}, "very different losses"),
])
def test_inputs_that_would_make_a_sentence_false_stop_the_build(tmp_path, exercise, fields, sentence):
    project = copy_project(tmp_path / "project")
    _edit_yaml(project / "docs/data/exercises.yml", **{exercise: fields})
    message = build_error(project, project / "site")
    assert "practice.md: line " in message and "the inputs make this sentence false" in message
    assert sentence in message
    _assert_nothing_written(project / "site")


@pytest.mark.parametrize("data_file, edit, message", [
    ("flashcards.yml", lambda text: text.replace("question: Gradient descent update rule?", "question: ''"),
     "flashcards.yml: card 6 ('update-rule'): field 'question' is empty"),
    ("exercises.yml", lambda text: yaml.safe_dump({**yaml.safe_load(text), "variants": {"seed": 1, "count": 3}},
                                                  sort_keys=False, allow_unicode=True),
     "exercises.yml: variants: field 'count': expected a whole number from 5"),
], ids=["card", "variants"])
def test_a_bad_data_file_stops_the_build(tmp_path, data_file, edit, message):
    project = copy_project(tmp_path / "project")
    path = project / "docs/data" / data_file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert message in build_error(project, project / "site")
    _assert_nothing_written(project / "site")


def test_a_sentence_that_a_variant_makes_false_stops_the_build_naming_the_variant(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/practice.md"
    source = page.read_text(encoding="utf-8")
    anchor = "**2a.** Correct = index {{ b.a.y }}"
    line = source[:source.index(anchor)].count("\n") + 1
    page.write_text(source.replace(anchor, anchor + '{{ require(b.scores == "[2, 1, 0]", "Scores 2, 1, 0") }}'),
                    encoding="utf-8")
    message = build_error(project, project / "site")
    assert (f"practice.md (part_b, variant 2): line {line}: the inputs make this sentence false: "
            "“Scores 2, 1, 0”") in message
    _assert_nothing_written(project / "site")


@pytest.mark.parametrize("gone, kept", [("<!-- downloads -->", "<!-- flashcards -->"),
                                        ("<!-- flashcards -->", "<!-- downloads -->")])
def test_flashcards_without_their_downloads_stop_the_build(tmp_path, gone, kept):
    # "Print flashcards" prints the grid, and the deck's downloads need their place: never one alone.
    project = copy_project(tmp_path / "project")
    page = project / "docs/practice.md"
    page.write_text(page.read_text(encoding="utf-8").replace(gone, ""), encoding="utf-8")
    assert f"practice.md: {kept} needs {gone} on the same page" in build_error(project, project / "site")
    _assert_nothing_written(project / "site")
