"""The explorers in Chromium: every shown value against NumPy test vectors, by keyboard, politely."""

import json
import math
import re

import pytest
import yaml
from playwright.sync_api import expect

from builds import ROOT
from explorer_vectors import explorer_vectors
from lessons.loss_and_optimization import explorers

_INPUTS = yaml.safe_load((ROOT / "docs/data/exercises.yml").read_text(encoding="utf-8"))
SOFTMAX = "section[data-lesson-explorer='softmax']"
STEP_SIZE = "section[data-lesson-explorer='step-size']"

# Everything the softmax explorer shows, read in one round trip.
_SOFTMAX_SHOWN_JS = """root => ({
  scores: [...root.querySelectorAll("[data-lesson-score]")].map(el => el.textContent),
  p: [...root.querySelectorAll("[data-lesson-p]")].map(el => el.textContent),
  bars: [...root.querySelectorAll(".lesson-bar")].map(el => el.style.width),
  ce: root.querySelector("[data-lesson-ce]").textContent,
  svm: root.querySelector("[data-lesson-svm]").textContent,
  say: root.querySelector("[data-lesson-say]").textContent})"""
_STEP_SIZE_SHOWN_JS = """root => ({
  rate: root.querySelector("[data-lesson-rate]").textContent,
  losses: root.querySelector("[data-lesson-losses]").textContent,
  regime: root.querySelector("[data-lesson-regime]").textContent,
  path: root.querySelector("[data-lesson-path]").getAttribute("points"),
  curve: root.querySelector("[data-lesson-curve]").getAttribute("points"),
  say: root.querySelector("[data-lesson-say]").textContent})"""


@pytest.fixture(scope="module")
def vectors(tmp_path_factory):
    """The reference package's test vectors, exported as JSON and read back as the page would."""
    path = tmp_path_factory.mktemp("vectors") / "explorer-vectors.json"
    path.write_text(json.dumps(explorer_vectors(float(_INPUTS["part_a"]["margin"]))), "utf-8")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture
def practice(page, base_url):
    page.goto(base_url + "practice/")
    expect(page.locator(SOFTMAX)).to_be_visible()
    return page


def _agrees(shown, expected):
    """A shown number agrees with a reference value to the places it shows."""
    places = len(shown.partition(".")[2])
    return abs(float(shown) - expected) <= 0.5 * 10**-places + 1e-12


def _numbers(text):
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def test_softmax_opens_on_part_b(practice):
    sliders = practice.locator(f"{SOFTMAX} input[type=range]")
    part_b = _INPUTS["part_b"]
    assert [float(v) for v in sliders.evaluate_all("all => all.map(s => s.value)")] == part_b["scores"]
    assert practice.locator(f"{SOFTMAX} select").input_value() == str(part_b["correct"][0])
    shown = practice.locator(SOFTMAX).evaluate(_SOFTMAX_SHOWN_JS)
    # Hand-worked in NOTES.md: 7.389, 2.718 and 1 over 11.107; -ln(0.665) = 0.408; both margins met.
    assert (shown["scores"], shown["p"], shown["ce"], shown["svm"]) == (
        ["2.0", "1.0", "0.0"], ["0.665", "0.245", "0.090"], "0.408", "0.000")


def test_every_softmax_value_matches_numpy(practice, vectors):
    root = practice.locator(SOFTMAX)
    sliders = root.locator("input[type=range]")
    assert len(vectors["softmax"]) >= 20
    for case in vectors["softmax"]:
        for index, score in enumerate(case["scores"]):
            sliders.nth(index).fill(str(score))
        root.locator("select").select_option(str(case["correct"]))
        shown = root.evaluate(_SOFTMAX_SHOWN_JS)
        where = f"scores {case['scores']}, class {case['correct']}: {shown}"
        assert all(_agrees(s, v) for s, v in zip(shown["scores"], case["scores"])), where
        assert all(_agrees(s, v) for s, v in zip(shown["p"], case["p"])), where
        # The style keeps six digits of each bar's width, and none past a millionth of a percent.
        assert all(math.isclose(float(w.rstrip("%")), 100 * v, rel_tol=1e-5, abs_tol=1e-6)
                   for w, v in zip(shown["bars"], case["p"])), where
        assert _agrees(shown["ce"], case["cross_entropy"]), where
        assert _agrees(shown["svm"], case["svm"]), where
        said = _numbers(shown["say"])
        assert said == shown["p"] + [shown["ce"], shown["svm"]], where


def test_adding_one_to_every_score_keeps_the_probabilities(practice):
    root = practice.locator(SOFTMAX)
    before = root.evaluate(_SOFTMAX_SHOWN_JS)
    root.get_by_role("button", name="+1 to every score").click()
    after = root.evaluate(_SOFTMAX_SHOWN_JS)
    assert after["scores"] == ["3.0", "2.0", "1.0"]
    assert after["p"] == before["p"] and after["ce"] == before["ce"] == "0.408"
    assert after["svm"] == "0.000"
    assert after["say"] == "Probabilities 0.665, 0.245, 0.090. Cross-entropy loss 0.408, SVM loss 0.000."


def test_the_shift_button_stops_at_the_top_of_the_sliders(practice):
    root = practice.locator(SOFTMAX)
    high = float(root.locator("input[type=range]").first.get_attribute("max"))
    button = root.get_by_role("button", name="+1 to every score")
    for _ in range(int(high - max(_INPUTS["part_b"]["scores"]))):
        button.click()
    expect(button).to_be_disabled()
    assert root.evaluate(_SOFTMAX_SHOWN_JS)["p"] == ["0.665", "0.245", "0.090"]


def test_step_size_opens_on_a_good_rate(practice):
    root = practice.locator(STEP_SIZE)
    assert float(root.locator("input[type=range]").input_value()) == explorers.GOOD_RATE
    shown = root.evaluate(_STEP_SIZE_SHOWN_JS)
    assert shown["regime"] == explorers.REGIMES["converges"]
    # One step at 0.3 from (-4, 2): (-2.8, 0.2), loss (7.84 + 3 * 0.04) / 2 = 3.98; the start's is 14.
    assert shown["losses"].startswith("14.000, 3.980, ")


def _points(text):
    """An SVG points attribute as a flat list of numbers."""
    return [float(x) for point in text.split() for x in point.split(",")]


def test_every_step_size_value_matches_numpy(practice, vectors):
    root = practice.locator(STEP_SIZE)
    slider = root.locator("input[type=range]")
    floor = 10.0 ** explorers.DECADES[0]
    assert len(vectors["bowl"]) >= 20
    for case in vectors["bowl"]:
        slider.fill(str(case["rate"]))
        shown = root.evaluate(_STEP_SIZE_SHOWN_JS)
        where = f"rate {case['rate']}: {shown}"
        assert _agrees(shown["rate"], case["rate"]), where
        losses = shown["losses"].split(", ")
        assert len(losses) == len(case["losses"]), where
        assert all(_agrees(s, v) for s, v in zip(losses, case["losses"])), where
        assert shown["regime"] == explorers.REGIMES[case["regime"]], where
        path = [x for point in case["path"] for x in point]
        assert _points(shown["path"]) == pytest.approx(path, rel=1e-12, abs=1e-12), where
        curve = [x for k, v in enumerate(case["losses"]) for x in (k, -math.log10(max(v, floor)))]
        assert _points(shown["curve"]) == pytest.approx(curve, abs=1e-9), where
        assert shown["say"] == (f"Learning rate {shown['rate']}: the loss goes from {losses[0]} to "
                                f"{losses[-1]} in {explorers.STEPS} steps. The run {shown['regime']}."), where


def test_explorers_work_by_keyboard_and_announce_politely(practice):
    softmax, step_size = practice.locator(SOFTMAX), practice.locator(STEP_SIZE)
    for region in (softmax, step_size):
        expect(region.locator("[data-lesson-say]")).to_have_attribute("aria-live", "polite")
    first = softmax.get_by_label("Score s₀")
    first.focus()
    practice.keyboard.press("ArrowRight")  # 2.0 + one step of 0.1
    expect(softmax.locator("[data-lesson-score]").first).to_have_text("2.1")
    # 2.1, 1, 0: exp(0), exp(-1.1), exp(-2.1) = 1, 0.333, 0.122 over 1.455: 0.687, 0.229, 0.084.
    expect(softmax.locator("[data-lesson-say]")).to_contain_text("Probabilities 0.687, 0.229, 0.084.")
    practice.keyboard.press("Tab")
    expect(softmax.get_by_label("Score s₁")).to_be_focused()
    practice.keyboard.press("Tab")
    practice.keyboard.press("Tab")
    expect(softmax.get_by_label("Correct class")).to_be_focused()
    practice.keyboard.press("ArrowDown")  # class 1: p = 0.333 / 1.455 = 0.2287, -ln(0.2287) = 1.475; SVM (2.1 - 1 + 1) + 0 = 2.1
    expect(softmax.locator("[data-lesson-say]")).to_contain_text("Cross-entropy loss 1.475, SVM loss 2.100.")
    practice.keyboard.press("Tab")
    button = softmax.get_by_role("button", name="+1 to every score")
    expect(button).to_be_focused()
    practice.keyboard.press("Enter")
    practice.keyboard.press("Space")
    expect(softmax.locator("[data-lesson-score]")).to_have_text(["4.1", "3.0", "2.0"])

    rate = step_size.get_by_label("Learning rate")
    rate.focus()
    practice.keyboard.press("End")
    high = explorers.RATE_RANGE[1]
    expect(step_size.locator("[data-lesson-rate]")).to_have_text(f"{high:.2f}")
    expect(step_size.locator("[data-lesson-say]")).to_contain_text(
        f"The run {explorers.REGIMES['diverges']}.")  # 1 - 0.8 * 3 = -1.4: it grows on every step
    practice.keyboard.press("Home")
    expect(step_size.locator("[data-lesson-say]")).to_contain_text(
        f"The run {explorers.REGIMES['creeps']}.")  # 0.01: factors 0.99 and 0.97


def test_bars_move_only_when_motion_is_welcome(new_page, base_url):
    moving = new_page(reduced_motion="no-preference")  # the site's own CSS, nothing held still
    moving.goto(base_url + "practice/")
    bar = moving.locator(f"{SOFTMAX} .lesson-bar").first
    for motion, duration in [("no-preference", "0.2s"), ("reduce", "0s")]:
        moving.emulate_media(reduced_motion=motion)
        assert bar.evaluate("el => getComputedStyle(el).transitionDuration") == duration, motion


def test_without_javascript_the_figures_stand_and_the_explorers_stay_hidden(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "practice/")
    for explorer in (SOFTMAX, STEP_SIZE):
        expect(page.locator(explorer)).to_be_hidden()
    for name in ("loss-shapes", "learning-rate", "minibatch", "gradient-check"):
        figure = page.locator(f"#figure-{name}")
        closed = figure.locator("xpath=ancestor::details[not(@open)]")
        if closed.count():  # in a self-check's answer: open it as a reader would
            closed.locator(":scope > summary").click()
        expect(figure.locator("figcaption")).to_be_visible()
        image = figure.get_by_role("img")
        expect(image).to_be_visible()
        expect(image).not_to_have_js_property("naturalWidth", 0)  # the SVG arrived
        data = figure.get_by_role("link", name="Data (CSV)")
        response = page.request.get(base_url + "practice/" + data.get_attribute("href"))
        assert response.ok and response.text().count("\n") > 10, name
    context.close()
