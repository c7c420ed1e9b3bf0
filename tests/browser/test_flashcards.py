"""The flashcards on the practice page, as a learner uses them in real Chromium."""

import pytest
from playwright.sync_api import expect
from counts import CARDS

# The text a learner reads on a card: number, question, "Show answer" hint and the answer.
_CARD_TEXT = (".lesson-card__meta", ".lesson-card__question", ".lesson-card__hint", ".lesson-card__answer p")

# WCAG contrast of a text colour (alpha-blended over the first opaque background behind it).
_CONTRAST_JS = """
el => {
  const parse = value => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) throw new Error("unexpected colour " + value);
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = node => {
    const layers = [];
    for (; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a === 1) break;
    }
    let result = {r: 255, g: 255, b: 255, a: 1};
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = c => {
    const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const back = background(el);
  const text = over(parse(getComputedStyle(el).color), back);
  const [light, dark] = [luminance(text), luminance(back)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
"""


def _cards(page):
    """The flashcards (<details class="lesson-card">) on the page."""
    return page.locator("details.lesson-card")


def _answer(card):
    """The answer side of one card."""
    return card.locator(".lesson-card__back")


def _open_practice(page, base_url):
    """Open the practice page and wait until lesson-cards.js has shown the deck's buttons."""
    page.goto(base_url + "practice/")
    expect(page.get_by_role("button", name="Show all")).to_be_visible()


def _ax_state(page, selector):
    """Chromium's accessibility-tree role and states for the element matching selector."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
    finally:
        cdp.detach()
    found = ax["nodes"][0]
    states = {prop["name"]: prop["value"].get("value") for prop in found.get("properties", [])}
    return found["role"]["value"], found.get("name", {}).get("value", ""), states


def test_every_card_shows_with_its_answer_hidden(page, base_url):
    _open_practice(page, base_url)
    expect(_cards(page)).to_have_count(CARDS)
    for i in range(CARDS):
        card = _cards(page).nth(i)
        expect(card.locator(".lesson-card__question")).to_be_visible()
        expect(_answer(card)).to_be_hidden()


def test_click_reveals_and_hides_an_answer(page, base_url):
    _open_practice(page, base_url)
    card = _cards(page).first
    card.locator("summary").click()
    expect(_answer(card)).to_be_visible()
    expect(_answer(card)).to_contain_text("Training minimizes it")
    expect(card.locator(".lesson-card__hint")).to_be_visible()
    card.locator("summary").click()
    expect(_answer(card)).to_be_hidden()
    # Only the clicked card changed.
    for i in range(1, CARDS):
        expect(_answer(_cards(page).nth(i))).to_be_hidden()


def test_enter_and_space_reveal_without_scrolling(page, base_url):
    _open_practice(page, base_url)
    second, third = _cards(page).nth(1), _cards(page).nth(2)

    second.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(_answer(second)).to_be_visible()

    third.locator("summary").focus()
    scrolled_before = page.evaluate("window.scrollY")
    page.keyboard.press("Space")
    expect(_answer(third)).to_be_visible()
    assert page.evaluate("window.scrollY") == scrolled_before, "Space scrolled the page"


def test_show_all_and_hide_all(page, base_url):
    _open_practice(page, base_url)
    page.get_by_role("button", name="Show all").click()
    for i in range(CARDS):
        expect(_answer(_cards(page).nth(i))).to_be_visible()
    page.get_by_role("button", name="Hide all").click()
    for i in range(CARDS):
        expect(_answer(_cards(page).nth(i))).to_be_hidden()


def test_card_reports_expanded_state_to_assistive_technology(page, base_url):
    _open_practice(page, base_url)
    selector = "#card-loss-function summary"
    summary = page.locator(selector)
    assert summary.evaluate("el => el.tabIndex") == 0, "the card's question is not focusable"

    role, name, states = _ax_state(page, selector)
    assert role == "DisclosureTriangle"
    assert "What is a loss function?" in name
    assert states.get("focusable") is True
    assert states.get("expanded") is False

    summary.click()
    expect(page.locator("#card-loss-function details")).to_have_attribute("open", "")
    _, _, states = _ax_state(page, selector)
    assert states.get("expanded") is True

    summary.click()
    expect(page.locator("#card-loss-function details")).not_to_have_attribute("open", "")
    _, _, states = _ax_state(page, selector)
    assert states.get("expanded") is False


def test_download_link_serves_a_pdf(page, base_url):
    _open_practice(page, base_url)
    link = page.get_by_role("link", name="Download the flashcards as PDF")
    expect(link).to_be_visible()
    url = link.evaluate("a => a.href")
    assert url.endswith(".pdf")
    response = page.request.get(url)
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:5] == b"%PDF-"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cards_are_readable_in_both_palettes(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        _open_practice(page, base_url)
        palette = "slate" if scheme == "dark" else "default"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        page.get_by_role("button", name="Show all").click()
        for i in range(CARDS):
            card = _cards(page).nth(i)
            expect(_answer(card)).to_be_visible()
            for part in _CARD_TEXT:
                ratio = card.locator(part).first.evaluate(_CONTRAST_JS)
                assert ratio >= 4.5, f"card {i + 1} {part}: contrast {ratio:.2f} in {scheme}"
    finally:
        context.close()
