"""The progress panel in Chromium: cards due, each exercise part's state, Continue, save and load.

Part A's answers are worked here from its inputs; counts come from the data files and declarations.
"""

import datetime
import json
import re

import numpy as np
import pytest
from counts import CARD_IDS, CARDS
from playwright.sync_api import expect
from test_practice_checks import _check, _number, _section, _svm

from builds import ROOT
from declared import EXERCISES, load_inputs
from studykit.core import identity

SLUG = identity.read_identity().slug
CARD_STORE, PRACTICE_STORE = f"lesson-study:{SLUG}", "lesson-practice"
INPUTS = load_inputs(ROOT / "docs" / "data" / "exercises.yml")
_PAGE = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")
# The parts with answer boxes, in page order, and how many boxes each asks.
PARTS = [part for part in re.findall(r"^<!-- exercise (\w+) -->", _PAGE, re.M) if EXERCISES[part].boxes]
BOXES = {part: len(EXERCISES[part].boxes(INPUTS[part], EXERCISES[part].computed(INPUTS[part]))) for part in PARTS}
START = datetime.datetime(2026, 3, 2, 12, 0)  # noon, so whole days never straddle midnight
TODAY = (START.date() - datetime.date(1970, 1, 1)).days  # the local day number the scripts count in
_KEY_JS = "() => JSON.parse(document.querySelector('[data-lesson-spec]').textContent).key"


def _panel(page):
    return page.locator("[data-lesson-progress]")


def _item(page, part):
    """The panel's line for a part (or "cards")."""
    link = "[data-lesson-progress-cards]" if part == "cards" else f"[data-lesson-progress-part={part}]"
    return _panel(page).locator(f"li:has({link})")


def _continue(page):
    return _panel(page).get_by_role("link", name=re.compile("^Continue"))


def _open(page, base_url, day=0, wait_until="load"):
    """The practice page on day `day` after START, once the panel and every part's boxes show."""
    page.clock.set_fixed_time(START + datetime.timedelta(days=day))
    page.goto(base_url + "practice/", wait_until=wait_until)
    expect(_panel(page)).to_be_visible()
    for part in PARTS:
        expect(_section(page, part)).to_be_visible()


def _stores(page):
    """Both stores, as the scripts kept them."""
    return page.evaluate("keys => keys.map(k => JSON.parse(localStorage.getItem(k)))", [CARD_STORE, PRACTICE_STORE])


def _part_a_right(page):
    """Every box of Part A, answered right at the first try."""
    margins, loss = _svm(INPUTS["part_a"])
    for wrong, margin in margins.items():
        expect(_check(page, "part_a", f"margin of class {wrong}", _number(margin))).to_contain_text("Right")
    expect(_check(page, "part_a", "The SVM loss L", _number(loss))).to_contain_text("Right")
    assert len(margins) + 1 == BOXES["part_a"]


def _part_b_right(page):
    """Every box of Part B, answered right: softmax of its scores, worked here with NumPy."""
    item = INPUTS["part_b"]
    e = np.exp(np.array(item["scores"], dtype=float))
    p = e / e.sum()
    _check(page, "part_b", "Step: the sum", f"{e.sum():.3f}")
    _check(page, "part_b", "The probabilities", ", ".join(f"{x:.3f}" for x in p))
    for case, correct in zip("ab", item["correct"]):
        _check(page, "part_b", f"case ({case})", f"{-np.log(p[correct]):.3f}")
    assert 2 + len(item["correct"]) == BOXES["part_b"]


def test_the_panel_is_hidden_without_javascript(new_page, base_url):
    page = new_page(java_script_enabled=False)
    page.goto(base_url + "practice/")
    expect(_panel(page)).to_have_count(1)
    expect(_panel(page)).to_be_hidden()


def test_the_panel_names_the_declared_parts_and_links_each_to_its_place(page, base_url):
    _open(page, base_url)
    links = _panel(page).locator("[data-lesson-progress-part]")
    assert links.evaluate_all("all => all.map(a => a.dataset.lessonProgressPart)") == PARTS
    for part in PARTS:
        expect(_item(page, part)).to_have_attribute("data-state", "new")
        expect(_item(page, part)).to_contain_text(": not tried")
        target = _item(page, part).get_by_role("link").get_attribute("href")
        assert page.locator(target).get_attribute("data-lesson-check") == part
    expect(_item(page, "cards")).to_contain_text(f"{CARDS} due today, 0 known")
    assert page.locator(_item(page, "cards").get_by_role("link").get_attribute("href")).get_attribute("class") == "lesson-study"
    # Continue: the first part, on screen once followed.
    expect(_continue(page)).to_have_attribute("href", f"#lesson-check-{PARTS[0]}")
    _continue(page).click()
    expect(_section(page, PARTS[0])).to_be_in_viewport()


def test_parts_are_graded_by_their_boxes_and_come_back_with_new_numbers(page, base_url):
    _open(page, base_url)
    _part_a_right(page)  # at the first try: box 1, back in 3 days
    expect(_item(page, "part_a")).to_have_attribute("data-state", "done")
    expect(_item(page, "part_a")).to_contain_text(f"all {BOXES['part_a']} boxes right, back in 3 days")
    expect(_continue(page)).to_have_attribute("href", "#lesson-check-part_b")
    _check(page, "part_b", "case (b)", "7")  # wrong: a slip
    expect(_item(page, "part_b")).to_have_attribute("data-state", "tried")
    expect(_item(page, "part_b")).to_contain_text(f"tried, 0 of {BOXES['part_b']} boxes right")
    _part_b_right(page)  # done after a slip: box 0, back tomorrow
    expect(_item(page, "part_b")).to_contain_text(f"all {BOXES['part_b']} boxes right, back tomorrow")
    _section(page, "part_c").get_by_role("button", name="Next step").click()  # a step revealed
    expect(_item(page, "part_c")).to_have_attribute("data-state", "tried")
    expect(_item(page, "part_c")).to_contain_text(f"tried, 0 of {BOXES['part_c']} boxes right")
    expect(_continue(page)).to_have_attribute("href", "#lesson-check-part_c")
    # Revealing a step after the part is done changes nothing.
    _section(page, "part_a").get_by_role("button", name="Whole answer").click()

    page.reload()  # the same, from what was kept
    expect(_item(page, "part_a")).to_contain_text("back in 3 days")
    expect(_item(page, "part_b")).to_contain_text("back tomorrow")
    expect(_item(page, "part_c")).to_have_attribute("data-state", "tried")

    # Part B's day: new numbers, its boxes empty, even when the checker (which fills the boxes kept
    # for Part A) loads only after Part B's new numbers came.
    held = []

    def hold(route):
        held.append(route)

    page.route("**/lesson-answers.js*", hold)
    _open(page, base_url, day=1, wait_until="domcontentloaded")  # the held checker holds back load
    expect(_item(page, "part_b")).to_have_attribute("data-state", "new")
    expect(_item(page, "part_b")).to_contain_text("due again, with new numbers")
    expect(_section(page, "part_b").locator("[data-lesson-status]").first).to_contain_text(
        "Back for review with new numbers. Numbers 2 of")
    page.evaluate("""() => { window.checkerRan = new Promise(done => document.querySelector(
        'script[src*="lesson-answers"]').addEventListener('load', done)); }""")  # after the page's own
    for _ in range(1000):  # each call lets Playwright hand over the held request
        if held:
            break
        page.evaluate("() => 0")
    assert held, "the page never asked for the checker"
    held[0].continue_()
    page.unroute("**/lesson-answers.js*", hold)
    page.evaluate("() => window.checkerRan")
    expect(_section(page, "part_a").locator("input").first).not_to_have_value("")  # Part A's kept
    for box in _section(page, "part_b").locator("input").all():
        expect(box).to_have_value("")
    expect(_item(page, "part_a")).to_contain_text("back in 2 days")
    expect(_continue(page)).to_have_attribute("href", "#lesson-check-part_b")
    _open(page, base_url, day=3)  # Part A's day too
    expect(_item(page, "part_a")).to_contain_text("due again, with new numbers")
    expect(_continue(page)).to_have_attribute("href", "#lesson-check-part_a")
    expect(_section(page, "part_a").locator("[data-lesson-status]").first).to_contain_text("Numbers 2 of")


def test_reset_and_reset_progress_clear_the_panel(page, base_url):
    _open(page, base_url)
    _part_a_right(page)
    page.get_by_role("button", name="Study", exact=True).click()
    expect(page.locator(".lesson-study__count")).to_contain_text("Card 1 of")  # its script loaded
    page.keyboard.press("Space")  # the answer
    page.keyboard.press("Space")  # Good
    page.keyboard.press("Escape")
    expect(_item(page, "cards")).to_contain_text(f"{CARDS - 1} due today, 1 known")
    _section(page, "part_a").get_by_role("button", name="Reset").click()
    expect(_item(page, "part_a")).to_contain_text(": not tried")
    page.once("dialog", lambda confirm: confirm.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(_item(page, "cards")).to_contain_text(f"{CARDS} due today, 0 known")
    page.reload()
    expect(_item(page, "part_a")).to_contain_text(": not tried")
    expect(_item(page, "cards")).to_contain_text(f"{CARDS} due today, 0 known")


def _inject(page, cards, parts):
    """Stores as the scripts keep them: cards {id: state}; parts {name: state}."""
    key = page.evaluate(_KEY_JS)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [CARD_STORE, json.dumps({"cards": cards, "seed": 1, "round": 0, "shuffle": True})])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [PRACTICE_STORE, json.dumps({"key": key, "parts": parts})])
    return key


def test_continue_leads_to_the_cards_then_says_nothing_is_due(page, base_url):
    _open(page, base_url)
    done = {part: {"variant": 0, "right": {}, "done": 1, "box": 1, "due": TODAY + 3} for part in PARTS}
    _inject(page, {}, done)
    page.reload()
    expect(_continue(page)).to_have_attribute("href", "#lesson-study")
    expect(_continue(page)).to_have_text("Continue: Flashcards")
    _inject(page, {card: {"box": 1, "due": TODAY + 1} for card in CARD_IDS}, done)
    page.reload()
    expect(_item(page, "cards")).to_contain_text(f"0 due today, {CARDS} known")
    expect(_continue(page)).to_be_hidden()
    expect(_panel(page)).to_contain_text("Nothing is due today.")


def _file_button(page, name):
    """Save or Load progress, once their folded group is open."""
    _panel(page).get_by_role("button", name="Save or load your progress").click()
    return _panel(page).get_by_role("button", name=name)


def _said(page, role):
    return _panel(page).get_by_role(role)


def test_save_then_load_round_trip(page, new_page, base_url, tmp_path):
    _open(page, base_url)
    _inject(page, {CARD_IDS[0]: {"box": 2, "due": TODAY + 3, "last": 1}}, {})
    page.reload()
    _part_a_right(page)
    with page.expect_download() as download:
        _file_button(page, "Save progress").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["format"], saved["version"], saved["lesson"]) == ("lesson-progress", 1, SLUG)
    assert saved["cards"] == {CARD_IDS[0]: {"box": 2, "due": TODAY + 3, "last": 1}}
    assert saved["exercises"]["part_a"]["done"] == 1 and saved["exercises"]["part_a"]["box"] == 1
    expect(_said(page, "status")).to_have_text(f"Progress saved as {path.name}.")

    other = new_page()  # another browser: nothing yet
    # Listening turns the browser's interception of file choosers on, without waiting for it (see
    # puppeteer#6040): listen before the page loads, long before Enter opens the chooser.
    other.on("filechooser", lambda chooser: chooser.set_files(path))
    _open(other, base_url)
    expect(_item(other, "cards")).to_contain_text(f"{CARDS} due today, 0 known")
    _file_button(other, "Load progress").focus()
    other.keyboard.press("Enter")
    expect(_said(other, "status")).to_have_text(
        "Progress loaded: 1 card and 1 exercise part taken from the file.")
    expect(_item(other, "cards")).to_contain_text(f"{CARDS - 1} due today, 1 known")
    expect(_item(other, "part_a")).to_contain_text(f"all {BOXES['part_a']} boxes right, back in 3 days")
    expect(_section(other, "part_a").locator("input").first).not_to_have_value("")


def test_load_merges_by_the_later_review_and_drops_unknown_ids(page, base_url, tmp_path):
    _open(page, base_url)
    older, newer = 1_000, 2_000
    key = _inject(page, {CARD_IDS[0]: {"box": 3, "due": TODAY + 7, "last": newer},
                         CARD_IDS[1]: {"box": 1, "due": TODAY + 1, "last": older}},
                  {"part_a": {"variant": 0, "right": {}, "last": older}})
    page.reload()
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({
        "format": "lesson-progress", "version": 1, "lesson": SLUG, "practiceKey": key,
        "cards": {CARD_IDS[0]: {"box": 1, "due": TODAY + 1, "last": older},  # older: mine stays
                  CARD_IDS[1]: {"box": 4, "due": TODAY + 14, "last": newer},  # later: taken
                  "no-such-card": {"box": 5, "due": TODAY + 30, "last": newer}},
        "exercises": {"part_a": {"variant": 1, "right": {}, "done": 1, "box": 2, "due": TODAY + 7, "last": newer},
                      "part_zz": {"variant": 0, "right": {}, "last": newer}}}), encoding="utf-8")
    _panel(page).locator("[data-lesson-progress-file]").set_input_files(path)
    expect(_said(page, "status")).to_have_text("Progress loaded: 1 card and 1 exercise part taken from the file.")
    cards, practice = _stores(page)
    assert cards["cards"][CARD_IDS[0]]["box"] == 3 and cards["cards"][CARD_IDS[1]]["box"] == 4
    assert "no-such-card" not in cards["cards"] and "part_zz" not in practice["parts"]
    assert practice["parts"]["part_a"]["box"] == 2
    expect(_item(page, "part_a")).to_contain_text("back in 7 days")


_GOOD = {"format": "lesson-progress", "version": 1, "lesson": SLUG, "cards": {}, "exercises": {}}


_BAD_FILES = [
    ("{not json", "This file is not JSON"),
    (json.dumps({**_GOOD, "format": "something-else"}), "not a progress file of this site"),
    (json.dumps({**_GOOD, "version": 2}), "has version 2; this site reads version 1"),
    (json.dumps({**_GOOD, "lesson": "another-lesson"}), "for another lesson (another-lesson)"),
    (json.dumps({**_GOOD, "cards": {CARD_IDS[0]: {"box": "two", "due": 1}}}), f"Card {CARD_IDS[0]}: its schedule"),
    (json.dumps({**_GOOD, "exercises": {"part_a": {"variant": -1, "right": {}}}}), "Exercise part_a: its state"),
]


def test_each_bad_file_is_rejected_and_changes_nothing(page, base_url):
    # One after another on one page: each names its own fault, and none leaves a trace for the next.
    _open(page, base_url)
    _part_a_right(page)
    before = _stores(page)
    page.evaluate("() => { window.notReloaded = true; }")
    for content, message in _BAD_FILES:
        _panel(page).locator("[data-lesson-progress-file]").set_input_files(
            {"name": "progress.json", "mimeType": "application/json", "buffer": content.encode()})
        alert = _said(page, "alert")
        expect(alert).to_contain_text(message)
        expect(alert).to_contain_text("Nothing was changed.")
        assert page.evaluate("() => window.notReloaded") is True, message
        assert _stores(page) == before, message
        expect(_item(page, "part_a")).to_have_attribute("data-state", "done")


def test_persistent_storage_is_asked_for_once_there_is_progress(new_page, base_url):
    page = new_page()
    page.add_init_script("""navigator.storage.persist = () => {
      window.persistAsked = (window.persistAsked || 0) + 1;
      return Promise.resolve(true);
    };""")
    _open(page, base_url)
    assert page.evaluate("() => window.persistAsked") is None  # nothing to keep yet: no prompt
    _check(page, "part_a", "The SVM loss L", "7")
    page.wait_for_function("() => window.persistAsked === 1")
    _check(page, "part_a", "The SVM loss L", "8")
    assert page.evaluate("() => window.persistAsked") == 1
    expect(_panel(page)).to_contain_text("Safari erases")
    expect(_panel(page)).to_contain_text("install this site to your home screen")


def test_exercises_saved_for_other_numbers_are_left_out(page, base_url, tmp_path):
    _open(page, base_url)
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({**_GOOD, "practiceKey": "another-build", "cards": {
        CARD_IDS[0]: {"box": 1, "due": TODAY + 1, "last": 1}}, "exercises": {
        "part_a": {"variant": 1, "right": {}, "done": 1, "box": 1, "due": TODAY + 3, "last": 1}}}), encoding="utf-8")
    _panel(page).locator("[data-lesson-progress-file]").set_input_files(path)
    expect(_said(page, "status")).to_have_text("Progress loaded: 1 card and 0 exercise parts taken from the "
                                               "file; its exercises were for other numbers and were left out.")
    expect(_item(page, "part_a")).to_contain_text(": not tried")
    expect(_item(page, "cards")).to_contain_text(f"{CARDS - 1} due today, 1 known")


def test_a_file_the_browser_cannot_keep_changes_nothing(page, base_url, tmp_path):
    """A full storage refuses the exercises' write: the cards' write, done first, is undone."""
    _open(page, base_url)
    _part_a_right(page)
    before = _stores(page)
    key = before[1]["key"]
    page.evaluate("""practice => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (name, value) {
        if (name === practice) throw new DOMException("full", "QuotaExceededError");
        return setItem.call(this, name, value);
      };
    }""", PRACTICE_STORE)
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({**_GOOD, "practiceKey": key,
                                "cards": {CARD_IDS[0]: {"box": 4, "due": TODAY + 14, "last": 1}}}), encoding="utf-8")
    _panel(page).locator("[data-lesson-progress-file]").set_input_files(path)
    expect(_said(page, "alert")).to_have_text("This browser does not let the site keep progress. Nothing was changed.")
    assert _stores(page) == before
