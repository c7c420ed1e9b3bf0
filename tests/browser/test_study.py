"""Study mode in real Chromium: one card at a time, rated by key, button or swipe, remembered."""

import datetime
import json
import re

import pytest
from counts import CARD_IDS, CARDS
from playwright.sync_api import expect

from studykit.core import identity

STORE = f"lesson-study:{identity.read_identity().slug}"
START = datetime.datetime(2026, 3, 2, 12, 0)  # noon, so whole days never straddle midnight
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}
# Each card's question and answer text in the grid (answers folded away included), by stable id.
_GRID_JS = """() => { const text = el => el.textContent.replace(/\\s+/g, " ").trim();
  return Object.fromEntries(Array.from(document.querySelectorAll(".lesson-deck__item"), li =>
    [li.id.slice(5), {q: text(li.querySelector(".lesson-card__question")),
                      a: text(li.querySelector(".lesson-card__answer"))}])); }"""


def _open_practice(page, base_url):
    """The practice page, once lesson-cards.js has shown the study controls."""
    page.goto(base_url + "practice/")
    expect(page.get_by_role("button", name="Study", exact=True)).to_be_visible()
    return page.evaluate(_GRID_JS)


def _dialog(page):
    return page.get_by_role("dialog", name="Study the cards")


def _study(page):
    """Press Study and wait for the dialog with its first card."""
    page.get_by_role("button", name="Study", exact=True).click()
    expect(_dialog(page)).to_be_visible()
    expect(page.locator(".lesson-study__count")).to_contain_text("Card 1 of")


def _text(locator):
    return " ".join(locator.text_content().split())


def _shown(page):
    """The question on screen."""
    return _text(page.locator(".lesson-study__q"))


def _card_id(grid, question):
    return next(card_id for card_id, texts in grid.items() if texts["q"] == question)


def _progress(page):
    return page.locator(".lesson-study__progress")


def _live(page):
    return page.locator(".lesson-study__live")


def _store(page):
    return page.evaluate(f"() => JSON.parse(localStorage.getItem({json.dumps(STORE)}))")


def _set_store(page, state):
    page.evaluate(f"s => localStorage.setItem({json.dumps(STORE)}, JSON.stringify(s))", state)


def test_keys_show_the_answer_rate_and_move_with_every_change_announced(page, base_url):
    grid = _open_practice(page, base_url)
    expect(_progress(page)).to_have_text(f"{CARDS} due · 0 known")
    _study(page)
    first = _shown(page)
    assert first in [texts["q"] for texts in grid.values()]
    expect(page.locator(".lesson-study__a")).to_be_hidden()
    expect(_live(page)).to_have_attribute("aria-live", "polite")
    expect(_live(page)).to_contain_text(f"Card 1 of {CARDS}. ")
    page.keyboard.press("1")  # no rating before the answer shows
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 1 of {CARDS}")

    page.keyboard.press("Space")
    answer = page.locator(".lesson-study__a")
    expect(answer).to_be_visible()
    assert _text(answer) == grid[_card_id(grid, first)]["a"]
    expect(_live(page)).to_contain_text("Answer: ")
    page.keyboard.press("2")  # Good
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 2 of {CARDS}")
    expect(_live(page)).to_contain_text(f"Good. Card 2 of {CARDS}. ")
    expect(_progress(page)).to_have_text(f"{CARDS - 1} due · 1 known")

    second = _shown(page)
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    page.keyboard.press("Space")  # Good, once the answer shows
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 3 of {CARDS}")
    expect(_progress(page)).to_have_text(f"{CARDS - 2} due · 2 known")

    third = _shown(page)
    page.keyboard.press("ArrowRight")
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 4 of {CARDS}")
    assert _shown(page) not in (first, second, third)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 2 of {CARDS}")
    assert _shown(page) == second
    expect(_progress(page)).to_have_text(f"{CARDS - 2} due · 2 known")  # moving rates nothing


def test_buttons_again_requeues_and_the_summary_offers_the_missed_cards(page, base_url):
    grid = _open_practice(page, base_url)
    page.get_by_label("Shuffle").uncheck()  # the page's order, so the round is known in advance
    _study(page)
    dialog = _dialog(page)
    seen = []
    for _ in range(CARDS + 1):
        seen.append(_card_id(grid, _shown(page)))
        dialog.get_by_role("button", name="Show answer").click()
        rating = "Again" if len(seen) == 1 else "Good"
        dialog.get_by_role("button", name=re.compile(rf"^{rating}")).click()
        if len(seen) == 1:
            expect(page.locator(".lesson-study__count")).to_have_text(f"Card 2 of {CARDS + 1}")
            expect(_live(page)).to_contain_text("Again: this card comes back later in this round.")
    # The missed first card came back after three others, then the round went on in order.
    assert seen == CARD_IDS[:4] + CARD_IDS[:1] + CARD_IDS[4:]
    expect(page.locator(".lesson-study__count")).to_have_text("Round done")
    expect(page.locator(".lesson-study__score")).to_have_text(
        f"{CARDS - 1} of {CARDS} Good at first try. Missed:")
    expect(page.locator(".lesson-study__missed li")).to_have_count(1)
    assert _text(page.locator(".lesson-study__missed li")) == grid[CARD_IDS[0]]["q"]
    expect(_live(page)).to_contain_text(f"Round done. {CARDS - 1} of {CARDS} Good at first try.")
    # Again, then Good in the same round: box 1, known until tomorrow like the others.
    expect(_progress(page)).to_have_text(f"0 due · {CARDS} known")

    retry = dialog.get_by_role("button", name="Study the missed cards")
    expect(retry).to_be_focused()
    retry.click()
    expect(page.locator(".lesson-study__count")).to_have_text("Card 1 of 1")
    assert _card_id(grid, _shown(page)) == CARD_IDS[0]


def test_swipes_rate_on_a_touch_screen(new_page, base_url):
    page = new_page(**PHONE)
    grid = _open_practice(page, base_url)
    page.get_by_label("Shuffle").uncheck()
    page.get_by_role("button", name="Study", exact=True).tap()
    card = page.locator(".lesson-study__card")
    cdp = page.context.new_cdp_session(page)

    def swipe(dx):
        box = card.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        for kind, at in (("touchStart", x), ("touchMove", x + dx / 2), ("touchMove", x + dx)):
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": at, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    card.tap()  # a tap shows the answer
    expect(page.locator(".lesson-study__a")).to_be_visible()
    swipe(150)  # right: Good
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 2 of {CARDS}")
    expect(_progress(page)).to_have_text(f"{CARDS - 1} due · 1 known")
    assert _card_id(grid, _shown(page)) == CARD_IDS[1]
    card.tap()
    expect(page.locator(".lesson-study__a")).to_be_visible()
    swipe(-150)  # left: Again
    expect(page.locator(".lesson-study__count")).to_have_text(f"Card 3 of {CARDS + 1}")
    assert _store(page)["cards"][CARD_IDS[1]]["box"] == 0


def _hints(page):
    """The study dialog's hint lines the learner sees, and whether the rating buttons show keys."""
    hints = page.locator(".lesson-study__dialog p").filter(has_text=re.compile("answer"))
    seen = [_text(hints.nth(i)) for i in range(hints.count()) if hints.nth(i).is_visible()]
    return seen, page.locator(".lesson-study__dialog kbd").first.is_visible()


@pytest.mark.parametrize("how", ["tap", "keyboard", "mouse"])
def test_the_hint_speaks_of_taps_on_a_touch_screen_and_of_keys_otherwise(new_page, base_url, how):
    page = new_page(**PHONE) if how == "tap" else new_page()
    _open_practice(page, base_url)
    study = page.get_by_role("button", name="Study", exact=True)
    if how == "tap":
        study.tap()
    elif how == "keyboard":
        study.focus()
        page.keyboard.press("Enter")
    else:
        study.click()
    expect(_dialog(page)).to_be_visible()
    page.keyboard.press("Space") if how != "tap" else page.locator(".lesson-study__card").tap()
    expect(page.get_by_role("button", name="Good")).to_be_visible()
    (hint,), keys_on_buttons = _hints(page)
    words = set(re.findall(r"[a-z]+", hint.lower()))
    if how == "tap":
        assert {"tap", "swipe"} <= words and not {"space", "enter", "key"} & words, hint
        assert not keys_on_buttons, "the rating buttons show keys on a touch screen"
    else:
        assert {"space", "enter"} <= words and not {"tap", "swipe"} & words, hint
        assert keys_on_buttons, "the rating buttons do not show their keys"


def test_the_hint_follows_the_way_study_was_pressed_each_time(new_page, base_url):
    # A laptop with a touch screen: tapped, the dialog speaks of taps; opened again by key, of keys.
    page = new_page(has_touch=True)
    _open_practice(page, base_url)
    page.get_by_role("button", name="Study", exact=True).tap()
    expect(_dialog(page)).to_be_visible()
    assert "swipe" in _hints(page)[0][0].lower()
    page.keyboard.press("Escape")
    expect(_dialog(page)).to_be_hidden()
    page.get_by_role("button", name="Study", exact=True).focus()
    page.keyboard.press("Enter")
    expect(_dialog(page)).to_be_visible()
    assert "space or enter" in _hints(page)[0][0].lower()


def test_progress_survives_a_reload_and_reset_clears_it(page, base_url):
    grid = _open_practice(page, base_url)
    _study(page)
    for _ in range(2):
        page.keyboard.press("Space")
        page.keyboard.press("Space")
    on = _card_id(grid, _shown(page))
    page.keyboard.press("Escape")
    expect(_dialog(page)).to_be_hidden()
    # Back on the page, on the card the learner was on (the dialog's close event is a task of its
    # own, after the dialog hides: a retrying assertion, not one read of activeElement).
    expect(page.locator(f"#card-{on} summary")).to_be_focused()

    page.reload()
    expect(_progress(page)).to_have_text(f"{CARDS - 2} due · 2 known")
    assert [state["box"] for state in _store(page)["cards"].values()] == [1, 1]
    page.once("dialog", lambda confirm: confirm.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(_progress(page)).to_have_text(f"{CARDS} due · 0 known")
    assert _store(page)["cards"] == {}
    page.reload()
    expect(_progress(page)).to_have_text(f"{CARDS} due · 0 known")


def test_known_cards_come_back_after_one_then_three_days(page, base_url):
    def day(n):
        page.clock.set_fixed_time(START + datetime.timedelta(days=n))
        page.goto(base_url + "practice/")
        return _progress(page)

    def good_to_all():
        _study(page)
        for _ in range(CARDS):
            page.keyboard.press("Space")
            page.keyboard.press("Space")
        expect(page.locator(".lesson-study__count")).to_have_text("Round done")

    expect(day(0)).to_have_text(f"{CARDS} due · 0 known")
    good_to_all()  # box 1: due again 1 day later
    expect(day(0)).to_have_text(f"0 due · {CARDS} known")
    expect(day(1)).to_have_text(f"{CARDS} due · 0 known")
    good_to_all()  # box 2: 3 days later
    expect(day(3)).to_have_text(f"0 due · {CARDS} known")
    expect(day(4)).to_have_text(f"{CARDS} due · 0 known")


def test_progress_follows_the_card_id_not_its_text(new_page, base_url):
    # No offline worker: page.route sees no request a worker answers.
    page = new_page(service_workers="block")
    grid = _open_practice(page, base_url)
    kept, gone = CARD_IDS[0], CARD_IDS[1]
    _set_store(page, {"cards": {kept: {"box": 3, "due": 10 ** 6}, gone: {"box": 2, "due": 10 ** 6},
                                "retired-card": {"box": 5, "due": 10 ** 6}},
                      "seed": 1, "round": 0, "shuffle": True})

    def serve_edited(route):
        html = route.fetch().text()
        html = html.replace(grid[kept]["q"], "A reworded first question?")  # edited text, same id
        html = re.sub(rf'<li class="lesson-deck__item" id="card-{gone}">.*?</li>', "", html, flags=re.S)
        route.fulfill(body=html, content_type="text/html")

    page.route(re.compile(r"/practice/$"), serve_edited)
    page.reload()
    expect(page.locator(f"#card-{kept}")).to_contain_text("A reworded first question?")
    expect(_progress(page)).to_have_text(f"{CARDS - 2} due · 1 known")
    assert set(_store(page)["cards"]) == {kept}  # the removed card and the retired one are dropped


def test_the_shuffle_is_seeded_and_can_be_turned_off(page, base_url):
    grid = _open_practice(page, base_url)

    def round_order():
        _study(page)
        order = []
        for _ in range(CARDS):
            order.append(_card_id(grid, _shown(page)))
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Escape")
        return order

    _set_store(page, {"cards": {}, "seed": 12345, "round": 0, "shuffle": True})
    page.reload()
    shuffled = round_order()
    assert sorted(shuffled) == sorted(CARD_IDS) and shuffled != CARD_IDS
    _set_store(page, {"cards": {}, "seed": 12345, "round": 0, "shuffle": True})
    page.reload()
    assert round_order() == shuffled  # the same seed and round give the same order
    assert round_order() != shuffled  # the next round is shuffled anew
    page.get_by_label("Shuffle").uncheck()
    assert round_order() == CARD_IDS
    page.reload()
    expect(page.get_by_label("Shuffle")).not_to_be_checked()


def test_focus_stays_in_the_dialog(page, base_url):
    _open_practice(page, base_url)
    _study(page)
    page.keyboard.press("Space")  # the answer's buttons and any link in it take part too
    inside = "() => document.querySelector('.lesson-study__dialog').contains(document.activeElement)"
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert page.evaluate(inside), f"{key} left the dialog for {page.evaluate('document.activeElement.tagName')}"
    page.get_by_role("button", name="Close").click()
    expect(_dialog(page)).to_be_hidden()
    expect(page.locator(".lesson-card__front:focus")).to_have_count(1)


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_turns_the_flip_off(new_page, base_url, motion):
    page = new_page(reduced_motion=motion)
    _open_practice(page, base_url)
    _study(page)
    # Which animations start, not which still run: a 0.3 s flip may end before a loaded machine looks.
    page.evaluate("""() => { window.__lessonStarted = [];
      document.addEventListener("animationstart", e => window.__lessonStarted.push(e.animationName)); }""")
    page.keyboard.press("Space")
    expect(page.locator(".lesson-study__a")).to_be_visible()
    answer = page.locator(".lesson-study__a")
    assert answer.evaluate("el => getComputedStyle(el).animationName") == (
        "none" if motion == "reduce" else "lesson-flip")
    if motion == "reduce":
        assert page.evaluate("() => window.__lessonStarted") == []
    else:
        page.wait_for_function("() => window.__lessonStarted.includes('lesson-flip')")


def test_the_view_loads_only_when_the_learner_studies(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    _open_practice(page, base_url)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "lesson-cards-view.js" in url]
    _study(page)
    assert [url for url in requested if url.endswith("/assets/lesson-cards-view.js")]


def test_without_javascript_the_page_keeps_its_card_grid_and_no_study_control(new_page, base_url):
    page = new_page(java_script_enabled=False)
    page.goto(base_url + "practice/")
    expect(page.locator("details.lesson-card")).to_have_count(CARDS)
    expect(page.locator(".lesson-study")).to_be_hidden()
    expect(page.locator(".lesson-study__dialog")).to_be_hidden()
    for name in ("Study", "Reset progress", "Print worksheet", "Shuffle"):
        expect(page.get_by_text(name, exact=True)).to_be_hidden()
    page.locator("details.lesson-card summary").first.click()
    expect(page.locator(".lesson-card__back").first).to_be_visible()
