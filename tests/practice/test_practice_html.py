"""studykit.practice.html: worked answers marked step by step, and each variant rendered."""

import re

import pytest

from declared import EXERCISES, PREFIXES, exercise_values
from lessons.loss_and_optimization import LESSON
from studykit.core.errors import LessonDataError
from studykit.practice import html as practice_html

PART_B = {"scores": [2, 1, 0], "correct": [0, 2]}
# Part B's worked answer has four blocks: one paragraph per step.
_TASK = "<p>For scores {{ b.scores }}:</p>\n"
_WORKED = ('<details class="example">\n<summary>Worked answer</summary>\n<p>Sum {{ b.exp_sum }}.</p>\n'
           "<p>(a) {{ b.a.loss }}</p>\n<!-- a comment -->\n<p>(b) {{ b.b.loss }}<br /></p>\n<p>Done.</p>\n"
           "</details>\n")
_PAGE = f"# Title\n\n<!-- exercise part_b -->\n{_TASK}{_WORKED}<!-- /exercise -->\n"
# Part A's: a derivation of five rows, then a paragraph.
_ROWS = "".join(f"<mtr><mtd><mi>r{i}</mi><mi /></mtd></mtr>" for i in range(5))
_PART_A = ('<p>Task</p>\n<details class="example">\n<summary>Worked answer</summary>\n'
           f'<math alttext="x" display="block"><mrow><mtable>{_ROWS}</mtable></mrow></math>\n'
           "<p>The loss is <strong>zero</strong>.</p>\n</details>\n")


def _steps(html):
    """(tag, step, id) of every marked block, in order."""
    return re.findall(r'<(\w+) data-lesson-step="(\d+)"(?: id="([^"]+)")?', html)


def test_exercises_are_found_between_their_markers():
    found = practice_html.exercises_in(_PAGE)
    assert list(found) == ["part_b"]
    offset, text = found["part_b"]
    assert _PAGE[offset:].startswith(_TASK) and text == _TASK + _WORKED


def test_each_paragraph_of_a_worked_answer_is_a_step_with_an_anchor():
    assert _steps(practice_html.mark_steps(EXERCISES["part_b"], _TASK + _WORKED)) == [
        ("p", "1", "lesson-part_b-step-1"), ("p", "2", "lesson-part_b-step-2"),
        ("p", "3", "lesson-part_b-step-3"), ("p", "4", "lesson-part_b-step-4")]


def test_each_row_of_a_derivation_is_a_block_of_a_step():
    marked = practice_html.mark_steps(EXERCISES["part_a"], _PART_A)
    # Part A: the formula (row 1), the margins (rows 2 and 3), the hinges (row 4), the sum (row 5
    # and the paragraph after the derivation).
    assert _steps(marked) == [
        ("mtr", "1", "lesson-part_a-step-1"), ("mtr", "2", "lesson-part_a-step-2"), ("mtr", "2", ""),
        ("mtr", "3", "lesson-part_a-step-3"), ("mtr", "4", "lesson-part_a-step-4"), ("p", "4", "")]
    assert marked.startswith("<p>Task</p>")  # the task is not part of the worked answer
    assert re.sub(r' data-lesson-step="\d+"(?: id="[^"]+")?', "", marked) == _PART_A


def test_a_worked_answer_whose_blocks_do_not_add_up_is_named():
    with pytest.raises(ValueError, match="the worked answer of part_b has 3 blocks .* takes 4"):
        practice_html.mark_steps(EXERCISES["part_b"], _TASK + _WORKED.replace("<p>Done.</p>\n", ""))


def test_the_boxes_go_before_the_worked_answer():
    page = practice_html.enhance(_PAGE, EXERCISES["part_b"], "<section>boxes</section>")
    assert page.index("<section>boxes</section>\n<details") < page.index("Worked answer")
    assert page.startswith("# Title\n\n<!-- exercise part_b -->\n<p>For") and page.endswith("<!-- /exercise -->\n")
    assert len(_steps(page)) == 4


def _render(page, variants):
    """Render a page's variants with HTML standing in for Markdown."""
    return practice_html.render_variants(
        page, "page.md", 3, {"lesson": {}}, LESSON.exercises, {"part_b": variants}, lambda text: text)


def test_each_variant_but_the_first_is_rendered_with_its_own_values():
    second = {"scores": [1, 3, 0], "correct": [1, 0]}
    found = _render(_PAGE, [PART_B, second])["part_b"]["variants"]
    assert list(found[0]) == ["checks"]  # the first variant is the page itself
    assert found[1]["prose"] == "<p>For scores [1, 3, 0]:</p>"
    # exp(1) + exp(3) + 1 = 2.718 + 20.086 + 1 = 23.804; -ln(20.086 / 23.804) = 0.170.
    assert "Sum 23.804." in found[1]["worked"] and "(a) 0.170" in found[1]["worked"]
    assert not found[1]["worked"].startswith("<summary") and _steps(found[1]["worked"])[0][0] == "p"
    assert found[1]["boxes"].count("<form") == 4 and len(found[1]["checks"]) == 4
    assert 'id="lesson-part_b-4"' in found[1]["boxes"]
    values = exercise_values("part_b", second)
    assert PREFIXES["part_b"] == "b" and values["exp_sum"] == "23.804"


def test_a_sentence_a_variant_makes_false_stops_naming_page_variant_and_line():
    page = _PAGE.replace("<p>Done.</p>", '<p>Done.{{ require(b.scores == "[2, 1, 0]", "Only 2, 1, 0") }}</p>')
    with pytest.raises(LessonDataError) as caught:
        _render(page, [PART_B, PART_B, {"scores": [1, 3, 0], "correct": [1, 0]}])
    # The page's text starts on line 3 of its file; "Done." is line 13 of the page text.
    assert str(caught.value).startswith("page.md (part_b, variant 3): line 13: the inputs make this "
                                        "sentence false: “Only 2, 1, 0”")
