"""The practice exercises' answer boxes in Chromium: verdicts, mistakes, steps, new numbers, progress.

Every expected value is worked by hand in a comment, or computed here with NumPy for a variant.
"""

import io
import json
import re

import numpy as np
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from readback import letters, plain

from builds import ROOT
from declared import EXERCISES, PARTS, load_inputs
from studykit.practice import variants

INPUTS = load_inputs(ROOT / "docs" / "data" / "exercises.yml")
PART_A_VARIANTS = variants.part_variants(EXERCISES["part_a"], INPUTS, *variants.variant_settings(INPUTS),
                                         PARTS.index("part_a"))

# The formulas of an exercise's task (between its marker and its boxes) or of its worked answer.
_FORMULAS_JS = """([part, where]) => {
  const section = document.querySelector(`[data-lesson-check=${part}]`);
  const nodes = [];
  if (where === "worked") nodes.push(section.nextElementSibling);
  for (let n = section.previousSibling; where === "task" && n.nodeType !== 8; n = n.previousSibling) nodes.push(n);
  return nodes.flatMap(n => n.querySelectorAll ? Array.from(n.querySelectorAll("math")) : [])
    .map(m => m.getAttribute("alttext")).join(" ");
}"""
# The step of each block of a worked answer and whether it shows, e.g. ["1+", "2-"].
_STEPS_JS = """part => Array.from(document.querySelectorAll(
    `[data-lesson-check=${part}] + details [data-lesson-step]`), u => u.dataset.lessonStep
    + (u.checkVisibility() ? "+" : "-"))"""


def _open(page, base_url):
    page.goto(base_url + "practice/")
    expect(page.locator("[data-lesson-check=part_c]")).to_be_visible()


@pytest.fixture(scope="module")
def checking(browser, base_url):
    """One practice page for the tests that only type answers, every worked answer closed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url)
    yield page
    context.close()


@pytest.fixture
def practice(checking):
    """The shared practice page, each worked answer closed again."""
    checking.evaluate("() => document.querySelectorAll('details.example').forEach(d => { d.open = false; })")
    return checking


def _section(page, part):
    return page.locator(f"[data-lesson-check={part}]")


def _check(page, part, label, typed):
    """Type into the (first) box whose label holds `label`, press Enter, and return its feedback."""
    box = _section(page, part).get_by_label(label).first
    box.fill(typed)
    box.press("Enter")
    said = page.locator("#" + box.get_attribute("aria-describedby"))
    expect(said).to_have_attribute("data-lesson-verdict", re.compile("."))
    return said


def test_a_reader_who_checks_nothing_never_loads_the_checker(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    _open(page, base_url)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "lesson-answers.js" in url or "lesson-variants" in url]
    _check(page, "part_a", "The SVM loss L", "0")
    assert [url for url in requested if url.endswith("/assets/lesson-answers.js")]
    # The values the boxes check against come with the part's variants, on first use only.
    assert [url for url in requested if url.endswith("/lesson-variants/part_a.json")]


def test_a_check_that_cannot_get_its_values_says_so_and_works_once_they_come(page, base_url):
    page.route("**/lesson-variants/part_a.json", lambda route: route.abort())
    _open(page, base_url)
    said = _check(page, "part_a", "The SVM loss L", "0")
    expect(said).to_have_text("The checker could not be loaded: reload the page.")
    page.unroute("**/lesson-variants/part_a.json")
    said = _check(page, "part_a", "The SVM loss L", "0")  # Part A's loss is 0
    expect(said).to_have_attribute("data-lesson-verdict", "right")


def test_a_right_answer_is_said_in_words_and_announced(practice):
    said = _check(practice, "part_b", "The loss for case (b)", "2.408")  # -ln(1 / 11.107338) = 2.407606
    expect(said).to_have_text("Right: the worked answer shows 2.408.")
    expect(said).to_have_attribute("data-lesson-verdict", "right")
    expect(said).to_have_attribute("aria-live", "polite")


@pytest.mark.parametrize("part, label, typed, words, step", [
    # Part A, scores [1.5, -0.7, -0.8], correct A: the loss is 0.
    ("part_a", "The SVM loss L", "1", "also count the correct class", 4),  # + max(0, 1.5 - 1.5 + 1)
    ("part_a", "The SVM loss L", "6.5", "the wrong way round", 2),  # (1.5 + 0.7 + 1) + (1.5 + 0.8 + 1)
    ("part_a", "margin of class B", "-2.2", "leave out the margin Δ", 2),  # -0.7 - 1.5
    # Part B, scores [2, 1, 0]: (b) -ln(1 / 11.107338) = 2.407606; (a) -ln(7.389056 / 11.107338).
    ("part_b", "case (b)", "1.046", "use log base 10", 3),  # 2.407606 / ln 10 = 1.045610
    ("part_b", "case (b)", "−2.408", "drop the minus sign", 3),
    ("part_b", "case (b)", "0.408", "take p_0 instead of p_2", 3),  # -ln(0.665241)
    ("part_b", "case (a)", "-2", "without dividing by the sum", 1),  # -ln(exp(2)) = -2
    # Part C, W = [1.0, 2.0, -0.5], ∇L = [0.2, -0.4, 0.1], α = 0.1: right is [0.98, 2.04, -0.51].
    ("part_c", "The updated W at α = 0.1", "[1.02, 1.96, -0.49]", "add α·∇L instead of subtracting", 3),
    ("part_c", "The updated W at α = 0.1", "0.998 2.004 -0.501", "multiply by α twice", 2),  # α² = 0.01
    ("part_c", "The updated W at α = 0.1", "0.8, 2.4, -0.6", "leave out the learning rate", 2),
    # α·∇L rounded to [0.0, -0.0, 0.0] leaves W as it was; so does rounding the answer: both named.
    ("part_c", "The updated W at α = 0.1", "1.0, 2.0, -0.5", "either round α·∇L to one decimal", 2),
])
def test_each_kind_of_mistake_is_named_and_linked_to_its_step(practice, part, label, typed, words, step):
    page = practice
    said = _check(page, part, label, typed)
    expect(said).to_have_attribute("data-lesson-verdict", "mistake")
    expect(said).to_contain_text("Not right. This is what you get if you")
    assert words in plain(said.inner_text())
    link = said.get_by_role("link", name=f"Show step {step} of the worked answer")
    link.press("Enter")
    worked = _section(page, part).locator("xpath=following-sibling::details[1]")
    expect(worked).to_have_attribute("open", "")
    shown = page.evaluate(_STEPS_JS, part)
    assert shown == [f"{s[:-1]}{'+' if int(s[:-1]) <= step else '-'}" for s in shown]
    focused = page.evaluate(
        "() => document.activeElement.closest('details')?.previousElementSibling?.dataset.lessonCheck")
    assert focused == part, "the link did not move focus into the worked answer"


@pytest.mark.parametrize("typed, message", [
    ("2,408", "Write decimals with a point"), ("abc", "Could not read that as a number"),
    ("", "Could not read that as a number: nothing was typed."),
    ("2.4", "Give at least 3 significant digits (round to 0.01)."),  # too few for 2.408: no verdict
])
def test_an_answer_that_cannot_be_judged_gets_no_verdict(practice, typed, message):
    said = _check(practice, "part_b", "case (b)", typed)
    expect(said).to_contain_text(message)
    assert said.get_attribute("data-lesson-verdict") in ("unreadable", "too-few-digits")
    assert "right" not in said.inner_text().lower()


@pytest.mark.parametrize("typed", ["−1.2", "- 1.2", "-1.20"])
def test_a_unicode_minus_and_spaces_are_read(practice, typed):
    said = _check(practice, "part_a", "margin of class B", typed)  # -0.7 - 1.5 + 1 = -1.2
    expect(said).to_have_text("Right: the worked answer shows -1.2.")


def test_probabilities_are_checked_as_a_vector_and_as_percentages(practice):
    label = "The probabilities"  # [7.389056, 2.718282, 1] / 11.107338 = [0.665, 0.245, 0.090]
    expect(_check(practice, "part_b", label, "66.5%, 24.5%, 9.0%")).to_contain_text("Right")
    expect(_check(practice, "part_b", label, "0.665 0.245")).to_contain_text("Give 3 numbers")


def test_next_step_reveals_the_worked_answer_one_step_at_a_time(page, base_url):
    _open(page, base_url)
    section = _section(page, "part_a")
    worked = section.locator("xpath=following-sibling::details[1]")
    status = section.locator("[data-lesson-status]").nth(1)
    # Part A's steps: the formula, the margins (2 rows), max(0, ·), the sum and what it means.
    for step in range(1, 5):
        section.get_by_role("button", name="Next step").press("Enter")
        expect(status).to_have_text(f"Step {step} of 4 shown." if step < 4 else "All 4 steps shown.")
        shown = page.evaluate(_STEPS_JS, "part_a")
        assert shown == [f"{s[:-1]}{'+' if int(s[:-1]) <= step else '-'}" for s in shown]
    expect(worked).to_contain_text("The loss is zero")
    # Closed and opened again by its summary, the worked answer shows whole, as without JavaScript.
    worked.locator("summary").click()
    worked.locator("summary").click()
    expect(worked).to_have_attribute("open", "")
    section.get_by_role("button", name="Next step").click()
    worked.locator("summary").click()
    section.get_by_role("button", name="Whole answer").click()
    assert all(s.endswith("+") for s in page.evaluate(_STEPS_JS, "part_a"))


def _svm(item):
    """Scores, margins and loss of a Part A variant, computed here."""
    s, y = np.array(item["scores"]), item["classes"].index(item["correct"])
    margins = {c: s[j] - s[y] + 1 for j, c in enumerate(item["classes"]) if j != y}
    return margins, sum(max(0.0, m) for m in margins.values())


def _number(x):
    return f"{round(float(x), 6) + 0.0:g}"


def test_new_numbers_move_the_task_the_worked_answer_and_the_checks_together(page, base_url):
    _open(page, base_url)
    section = _section(page, "part_a")
    own_task = page.evaluate(_FORMULAS_JS, ["part_a", "task"])
    for number in range(1, len(PART_A_VARIANTS) + 1):
        item = PART_A_VARIANTS[number % len(PART_A_VARIANTS)]
        section.get_by_role("button", name="New numbers").click()
        expect(section.locator("[data-lesson-status]").first).to_contain_text(
            f"Numbers {number % len(PART_A_VARIANTS) + 1} of {len(PART_A_VARIANTS)}")
        margins, loss = _svm(item)
        scores = ", ".join(_number(s) for s in item["scores"])
        assert f"[s_A, s_B, s_C] = [{scores}]" in plain(page.evaluate(_FORMULAS_JS, ["part_a", "task"]))
        worked = plain(page.evaluate(_FORMULAS_JS, ["part_a", "worked"]))
        assert worked.endswith(f"; = {_number(loss)}")
        for wrong, margin in margins.items():
            assert f"max(0, {_number(margin)})" in worked
            said = _check(page, "part_a", f"margin of class {wrong}", _number(margin))
            expect(said).to_contain_text("Right")
        expect(_check(page, "part_a", "The SVM loss L", _number(loss))).to_contain_text("Right")
        text = section.locator("xpath=following-sibling::details[1]").text_content()
        assert ("The loss is zero" in text) == (loss == 0)
    # Round the circle, back at the lesson's own numbers.
    assert page.evaluate(_FORMULAS_JS, ["part_a", "task"]) == own_task


def test_progress_survives_a_reload_and_reset_clears_it(page, base_url):
    _open(page, base_url)
    _check(page, "part_b", "case (b)", "2.408")
    _check(page, "part_b", "case (a)", "0.5")  # wrong: not kept
    _section(page, "part_c").get_by_role("button", name="New numbers").click()
    expect(_section(page, "part_c").locator("[data-lesson-status]").first).to_contain_text("Numbers 2 of")
    task = page.evaluate(_FORMULAS_JS, ["part_c", "task"])
    saved = page.evaluate("localStorage.getItem('lesson-practice')")
    assert "2.408" in saved and "0.5" not in saved

    page.reload()
    box = _section(page, "part_b").get_by_label("case (b)")
    expect(box).to_have_value("2.408")
    expect(page.locator("#" + box.get_attribute("aria-describedby"))).to_have_text(
        "Right: the worked answer shows 2.408.")
    expect(_section(page, "part_b").get_by_label("case (a)")).to_have_value("")
    expect(_section(page, "part_c").locator("[data-lesson-status]").first).to_have_text(re.compile("Numbers 2 of"))
    assert page.evaluate(_FORMULAS_JS, ["part_c", "task"]) == task

    for part in ("part_b", "part_c"):
        _section(page, part).get_by_role("button", name="Reset").click()
        expect(_section(page, part).locator("[data-lesson-status]").first).to_contain_text("Reset: Numbers 1")
    page.reload()
    expect(_section(page, "part_b").get_by_label("case (b)")).to_have_value("")
    assert "α = 1.0" in plain(page.evaluate(_FORMULAS_JS, ["part_c", "task"]))  # the lesson's own


def test_progress_saved_for_other_exercises_is_not_shown(page, base_url):
    _open(page, base_url)
    stale = {"key": "another-build", "parts": {"part_b": {"variant": 0, "right": {"0": {"3": "9"}}}}}
    page.evaluate("s => localStorage.setItem('lesson-practice', s)", json.dumps(stale))
    page.reload()
    expect(_section(page, "part_c")).to_be_visible()
    expect(_section(page, "part_b").get_by_label("case (b)")).to_have_value("")


def test_everything_works_by_keyboard(page, base_url):
    _open(page, base_url)
    section = _section(page, "part_a")
    section.get_by_role("button", name="Reset").focus()
    page.keyboard.press("Tab")  # into the first box, which shows that it has the focus
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.type("-1.2")
    page.keyboard.press("Enter")
    expect(section.locator("form p").first).to_contain_text("Right")
    page.keyboard.press("Tab")  # to its Check button
    page.keyboard.press("Tab")  # to the next box
    page.keyboard.type("3.3")  # the wrong way round: 1.5 + 0.8 + 1
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Check
    expect(section.locator("form p").nth(1)).to_contain_text("the wrong way round")
    page.keyboard.press("Tab")  # the link to the step
    page.keyboard.press("Enter")
    expect(section.locator("xpath=following-sibling::details[1]")).to_have_attribute("open", "")
    section.get_by_role("button", name="New numbers").focus()
    page.keyboard.press("Enter")
    expect(section.locator("[data-lesson-status]").first).to_contain_text("Numbers 2 of")
    assert page.evaluate("() => document.activeElement.textContent") == "New numbers"


def test_printing_shows_exercises_and_whole_worked_answers_without_boxes(page, base_url):
    _open(page, base_url)
    _check(page, "part_a", "The SVM loss L", "1")
    _section(page, "part_a").get_by_role("button", name="Next step").click()  # only step 1 shows
    page.emulate_media(media="print")
    printed = plain(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages))
    page.emulate_media(media="screen")
    flat = letters(printed)
    for text in ("Compute the multiclass SVM loss", "confidently correct",  # Part A's last step
                 "That asymmetry is exactly what training will exploit", "That is why the learning rate"):
        assert letters(text) in flat, f"the printed lesson lacks {text!r}"
    for control in ("Check your answers", "New numbers", "Next step", "This is what you get"):
        assert letters(control) not in flat, f"the printed lesson shows {control!r}"


def test_without_javascript_the_boxes_are_hidden_and_the_answers_whole(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "practice/")
    for part in ("part_a", "part_b", "part_c"):
        expect(_section(page, part)).to_be_hidden()
    page.evaluate("() => document.querySelectorAll('details.example').forEach(d => d.open = true)")
    assert all(s.endswith("+") for part in ("part_a", "part_b", "part_c") for s in page.evaluate(_STEPS_JS, part))
    text = page.locator("article").inner_text()
    assert "Check your answers" not in text and "New numbers" not in text
    context.close()
