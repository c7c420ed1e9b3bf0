"""Keyboard and pointer access on the practice page: Tab order, Enter/Space, focus, targets, motion."""

import re

import pytest
from playwright.sync_api import expect
from counts import COLLAPSIBLES

_TAB_LIMIT = 300  # far more Tab presses than the page has stops

# Everything in the article a keyboard user can land on, in DOM (reading) order, leaving out what
# sits inside a closed <details> (not rendered, so not focusable until the reader opens it).
_ARTICLE_STOPS_JS = """
() => Array.from(document.querySelectorAll(
    "article :is(a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex='-1']))"))
  .filter(el => !el.closest("details:not([open]) > :not(summary)") && el.checkVisibility())
"""

# A short description of an element, for failure messages.
_DESCRIBE_JS = """
el => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : ""}`
      + ` "${(el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`
"""

# The focus ring a reader sees: outline and box-shadow.
_RING_JS = """
el => { const s = getComputedStyle(el);
        return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
                visible: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                         || s.boxShadow !== "none",
                shadow: s.boxShadow}; }
"""


def _open_practice(page, base_url):
    """Open the practice page and wait until lesson-cards.js has shown the deck's buttons."""
    page.goto(base_url + "practice/")
    expect(page.get_by_role("button", name="Show all")).to_be_visible()


def _tab_through(page):
    """Press Tab from the top of the page until focus leaves it, recording each focused element."""
    page.evaluate("""() => {
      window.__lessonFocused = [];
      document.addEventListener("focusin", e => window.__lessonFocused.push(e.target), true);
    }""")
    for _ in range(_TAB_LIMIT):
        page.keyboard.press("Tab")
        wrapped = page.evaluate("""() => document.activeElement === document.body
          || window.__lessonFocused.indexOf(document.activeElement) < window.__lessonFocused.length - 1""")
        if wrapped:
            return
    pytest.fail(f"focus never left the page after {_TAB_LIMIT} Tab presses")


def _tab_to(page, selector):
    """Press Tab (keyboard focus, so :focus-visible applies) until selector's element has focus."""
    for _ in range(_TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize("answers", ["closed", "open"])
def test_tab_reaches_every_control_in_reading_order(page, base_url, answers):
    _open_practice(page, base_url)
    if answers == "open":
        # Links inside answers (a source, a card's link) count once their answer is open.
        page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
    _tab_through(page)
    result = page.evaluate(f"""() => {{
      const describe = {_DESCRIBE_JS};
      const stops = ({_ARTICLE_STOPS_JS})();
      const reached = [];
      for (const el of window.__lessonFocused) {{
        if (el.closest("article") && !reached.includes(el)) reached.push(el);
      }}
      const outOfOrder = [];
      for (let i = 1; i < reached.length; i++) {{
        if (!(reached[i - 1].compareDocumentPosition(reached[i]) & Node.DOCUMENT_POSITION_FOLLOWING)) {{
          outOfOrder.push(describe(reached[i - 1]) + " before " + describe(reached[i]));
        }}
      }}
      return {{stops: stops.length, kinds: stops.map(el => el.tagName.toLowerCase()),
               missing: stops.filter(el => !reached.includes(el)).map(describe), outOfOrder}};
    }}""")
    assert not result["missing"], f"Tab never reaches {result['missing']}"
    assert not result["outOfOrder"], f"Tab order is not reading order: {result['outOfOrder']}"
    # The walk covered the kinds of controls the page has: answers, cards, buttons and links.
    kinds = result["kinds"]
    assert kinds.count("summary") == COLLAPSIBLES and "button" in kinds and "a" in kinds
    if answers == "open":
        assert page.evaluate("() => Array.from(window.__lessonFocused).some("
                             "el => el.closest('details.lesson-card .lesson-card__answer a'))")


def test_enter_and_space_toggle_every_collapsible_and_card(page, base_url):
    _open_practice(page, base_url)
    summaries = page.locator("article details > summary")
    assert summaries.count() == COLLAPSIBLES
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        details = summary.locator("xpath=..")
        content = details.locator(":scope > :not(summary)").first
        for key in ("Enter", "Space"):
            summary.focus()
            page.keyboard.press(key)
            expect(details).to_have_attribute("open", "")
            expect(content).to_be_visible()
            page.keyboard.press(key)
            expect(details).not_to_have_attribute("open", "")
            expect(content).to_be_hidden()


def test_keyboard_focus_is_visible(page, base_url):
    _open_practice(page, base_url)
    # In Tab order: a nav link, a "Show answer", a deck button, the download link, a card.
    targets = {
        "link in the navigation": ".md-sidebar--secondary .md-nav__link[href='#self-check']",
        "collapsible answer": "article details.success:first-of-type > summary",
        "button": "[data-lesson-action='show-all']",
        "download link": "a.lesson-deck__button[href$='-flashcards.pdf']",
        "card": "#card-loss-function summary",
    }
    unfocused = {name: page.locator(sel).evaluate(_RING_JS) for name, sel in targets.items()}
    for name, selector in targets.items():
        _tab_to(page, selector)
        focused = page.locator(selector).evaluate(_RING_JS)
        assert focused["visible"], f"the focused {name} shows no outline or shadow: {focused}"
        assert (focused["outline"], focused["shadow"]) != (
            unfocused[name]["outline"], unfocused[name]["shadow"]), \
            f"the {name} looks the same focused and unfocused: {focused}"


# Every visible control (and every clickable label standing in for a hidden input) with its box.
# In-text links inside the article (links in a sentence, a heading's permalink) fall under
# WCAG 2.5.8's inline exception, so they are listed but not measured.
_CONTROLS_JS = """
() => Array.from(document.querySelectorAll("a[href], button, summary, input, select, textarea, label[for]"))
  .filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && el.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && (el.tagName !== "LABEL" || getComputedStyle(el).cursor === "pointer");
  })
  .map((el, i) => {
    el.setAttribute("data-lesson-probe", String(i));
    const box = el.getBoundingClientRect();
    return {probe: String(i), what: (%s)(el), width: box.width, height: box.height,
            inline: el.matches("article a:not(.md-button)"), label: el.tagName === "LABEL"};
  })
""" % _DESCRIBE_JS


@pytest.mark.parametrize("viewport", [(1280, 900), (375, 812)], ids=["desktop", "phone"])
def test_controls_have_names_and_large_enough_targets(browser, base_url, viewport):
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        _open_practice(page, base_url)
        controls = page.evaluate(_CONTROLS_JS)
        kinds = " ".join(control["what"] for control in controls)
        for kind in ("summary", "button", "lesson-card__front", "a.md-button", "md-header__button"):
            assert kind in kinds, f"no visible {kind} found to check"
        for control in controls:
            if control["label"]:
                continue  # Material's icon labels for its own CSS toggles; named upstream or not
            expect(page.locator(f"[data-lesson-probe='{control['probe']}']"),
                   control["what"]).to_have_accessible_name(re.compile(r"\S"))
        small = [f"{c['what']} {c['width']:.0f}x{c['height']:.0f}" for c in controls
                 if not c["inline"] and (c["width"] < 24 or c["height"] < 24)]
        assert not small, f"targets smaller than 24x24 CSS px: {small}"
    finally:
        context.close()


def _card_animations(page):
    """Open card 1 and report the flip animation's computed name and what actually animated."""
    # Scroll first and let the page settle, so the header's own scroll transitions are not counted.
    page.locator("#card-loss-function summary").scroll_into_view_if_needed()
    page.wait_for_function("() => document.getAnimations().length === 0")
    page.evaluate("""() => {
      window.__lessonStarted = [];
      document.addEventListener("animationstart", e => window.__lessonStarted.push(e.animationName));
    }""")
    page.locator("#card-loss-function summary").click()
    back = page.locator("#card-loss-function .lesson-card__back")
    expect(back).to_be_visible()
    return back.evaluate("""el => ({
      name: getComputedStyle(el).animationName,
      duration: getComputedStyle(el).animationDuration,
      running: document.getAnimations().map(a => a.animationName || a.transitionProperty),
      started: window.__lessonStarted,
    })""")


def test_reduced_motion_opens_cards_without_animation(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    try:
        page = context.new_page()
        _open_practice(page, base_url)
        motion = _card_animations(page)
        assert motion["name"] == "none" or motion["duration"] == "0s", motion
        assert motion["started"] == [], f"animations started: {motion['started']}"
        assert motion["running"] == [], f"still animating: {motion['running']}"
    finally:
        context.close()


def test_cards_flip_when_motion_is_allowed(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  reduced_motion="no-preference")
    try:
        page = context.new_page()
        _open_practice(page, base_url)
        motion = _card_animations(page)
        assert motion["name"] == "lesson-flip", motion
        page.wait_for_function("() => window.__lessonStarted.includes('lesson-flip')")
    finally:
        context.close()
