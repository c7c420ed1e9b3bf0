"""The site on a phone (375 px and the WCAG reflow width, 320 px; touch) and with JavaScript off."""

import pytest
from playwright.sync_api import expect
from counts import COLLAPSIBLES, EXERCISES, SELF_CHECKS

from studykit.core import identity

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
PAGES = ["", "practice/", "404.html"]

# Elements inside the article that stick out of the viewport sideways. An element inside its own
# scroll container (a wide formula in `overflow-x: auto`) scrolls there, so only the container
# itself has to fit.
_OVERFLOWING_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const article = document.querySelector("article");
  const clipped = el => {
    for (let node = el.parentElement; node && node !== article.parentElement; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== "visible") return true;
    }
    return false;
  };
  return Array.from(article.querySelectorAll("*"))
    .filter(el => el.checkVisibility() && !clipped(el))
    .filter(el => { const box = el.getBoundingClientRect();
                    return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5); })
    .map(el => `${el.tagName.toLowerCase()}.${String(el.className)} `
               + `(${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)})`);
}
"""


@pytest.fixture
def phone(browser):
    """A page in a phone-sized, touch-enabled context."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js(browser):
    """A page in a desktop context with JavaScript switched off."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def _horizontal_overflow(page):
    """How far the page scrolls sideways (0 when it fits), and the article elements that stick out."""
    extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return extra, page.evaluate(_OVERFLOWING_JS)


@pytest.mark.parametrize("width", [375, 320])
@pytest.mark.parametrize("path", PAGES, ids=["home", "practice", "404"])
def test_phone_page_does_not_scroll_sideways(phone, base_url, path, width):
    phone.set_viewport_size({"width": width, "height": 812})
    phone.goto(base_url + path)
    expect(phone.locator("article h1")).to_be_visible()
    assert phone.evaluate("document.documentElement.clientWidth") == width
    extra, sticking_out = _horizontal_overflow(phone)
    assert extra <= 0 and not sticking_out, f"{path or '/'}: {extra}px sideways, {sticking_out}"

    # Every answer and card open: the derivations of Parts A and C and every formula included.
    opened = phone.evaluate("""() => {
      const all = document.querySelectorAll("article details");
      all.forEach(d => d.open = true);
      return all.length;
    }""")
    if path == "practice/":
        assert opened == COLLAPSIBLES
        expect(phone.locator("math[display='block']").first).to_be_visible()
    extra, sticking_out = _horizontal_overflow(phone)
    assert extra <= 0 and not sticking_out, \
        f"{path or '/'} with answers open: {extra}px sideways, {sticking_out}"


def test_phone_cards_and_buttons_work_by_touch(phone, base_url):
    phone.goto(base_url + "practice/")
    cards = phone.locator("details.lesson-card")
    first = cards.first
    first.locator("summary").tap()
    expect(first.locator(".lesson-card__back")).to_be_visible()
    first.locator("summary").tap()
    expect(first.locator(".lesson-card__back")).to_be_hidden()

    phone.get_by_role("button", name="Show all").tap()
    for i in range(cards.count()):
        expect(cards.nth(i).locator(".lesson-card__back")).to_be_visible()
    phone.get_by_role("button", name="Hide all").tap()
    for i in range(cards.count()):
        expect(cards.nth(i).locator(".lesson-card__back")).to_be_hidden()


def test_lesson_reads_without_javascript(no_js, base_url):
    no_js.goto(base_url + "practice/")
    expect(no_js.locator("article h1")).to_contain_text(identity.read_identity().title)
    for heading in ("Self-check", "Try it yourself", "Flashcards", "Print and download"):
        expect(no_js.locator("article h2", has_text=heading)).to_be_visible()
    paragraphs = no_js.locator("article > p")
    assert paragraphs.count() > 5
    for i in range(paragraphs.count()):
        expect(paragraphs.nth(i)).to_be_visible()
    # The buttons that need JavaScript stay hidden; the downloads need none.
    for name in ("Show all", "Hide all", "Print flashcards", "Print worksheet"):
        expect(no_js.locator(f"[data-lesson-action]", has_text=name)).to_be_hidden()
    for name in ("Download the flashcards as PDF", "Add to Anki (.apkg)", "CSV file (.csv)",
                 "Worksheet with answer key (PDF, A4)"):
        expect(no_js.get_by_role("link", name=name)).to_be_visible()


def test_answers_and_cards_open_without_javascript(no_js, base_url):
    no_js.goto(base_url + "practice/")
    summaries = no_js.locator("article details > summary")
    assert summaries.count() == COLLAPSIBLES
    labels = summaries.all_inner_texts()
    assert labels.count("Show answer") == SELF_CHECKS and labels.count("Worked answer") == EXERCISES
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        content = summary.locator("xpath=..").locator(":scope > :not(summary)").first
        expect(content).to_be_hidden()
        summary.click()
        expect(content).to_be_visible()
        assert content.text_content().strip(), f"collapsible {i + 1} opened empty"
