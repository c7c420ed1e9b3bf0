"""Math reads like typeset math: a minus sign hugs its number, and punctuation never starts a line."""

import pytest
from playwright.sync_api import expect

WIDTHS = [320, 375, 480, 768, 1024, 1280]

# Every inline formula followed straight by punctuation: where the formula's last line and the
# punctuation's first character sit. Both on one line means the punctuation's box overlaps the
# formula's vertically.
_PUNCTUATION_LINES_JS = """
() => Array.from(document.querySelectorAll("article math:not([display='block'])")).flatMap(math => {
  const next = math.nextSibling;
  if (!next || next.nodeType !== Node.TEXT_NODE || !/^[.,;:!?)\\]]/.test(next.data)) return [];
  const range = document.createRange();
  range.setStart(next, 0);
  range.setEnd(next, 1);
  const mark = range.getBoundingClientRect(), formula = math.getBoundingClientRect();
  if (!mark.height || !formula.height) return [];
  return [{formula: math.getAttribute("alttext"), mark: next.data[0],
           sameLine: mark.top < formula.bottom && mark.bottom > formula.top}];
})
"""


def test_punctuation_after_a_formula_never_starts_a_line(browser, base_url):
    """At each width, from a phone's to a desktop's (the page loaded once, then resized)."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "practice/")
        page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            found = page.evaluate(_PUNCTUATION_LINES_JS)
            assert len(found) >= 10, f"only {len(found)} formulas followed by punctuation found"
            broken = [f"{item['formula']!r} then {item['mark']!r}" for item in found if not item["sameLine"]]
            assert not broken, f"at {width}px these start a line with punctuation: {broken}"
    finally:
        context.close()


# The gap between a minus and the number after it, in em of the formula, for each kind of minus.
_MINUS_GAPS_JS = """
formula => Array.from(formula.querySelectorAll("mo")).filter(mo => mo.textContent === "\\u2212")
  .map(mo => {
    const operand = mo.nextElementSibling, size = parseFloat(getComputedStyle(mo).fontSize);
    const gap = (operand.getBoundingClientRect().left - mo.getBoundingClientRect().right) / size;
    return {sign: mo === mo.parentElement.firstElementChild, gap};
  })
"""


def test_a_minus_sign_hugs_its_number_and_a_minus_operator_does_not(page, base_url):
    page.goto(base_url + "practice/")
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
    scores = page.locator("article math[alttext='[s_A, s_B, s_C] = [1.5, −0.7, −0.8]']")
    expect(scores).to_be_visible()
    signs = scores.evaluate(_MINUS_GAPS_JS)
    assert [minus["sign"] for minus in signs] == [True, True], signs  # −0.7 and −0.8 are signs
    # In "W = [1.0, 2.0, −0.5]" the last minus is a sign too.
    weights = page.locator("article math[alttext='W = [1.0, 2.0, −0.5]']").first
    assert [minus["sign"] for minus in weights.evaluate(_MINUS_GAPS_JS)] == [True]
    differences = page.locator("article details.success math[alttext^='L_i = Σ']").evaluate(_MINUS_GAPS_JS)
    assert differences and not any(minus["sign"] for minus in differences)  # s_j − s_y
    widest_sign = max(minus["gap"] for minus in signs)
    narrowest_operator = min(minus["gap"] for minus in differences)
    assert widest_sign < 0.1 and narrowest_operator > 0.15, (signs, differences)


def test_a_wide_derivation_scrolls_by_keyboard_in_a_named_region(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "practice/")
        page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
        regions = page.locator(".lesson-math-scroll")
        wide = [regions.nth(i) for i in range(regions.count())
                if regions.nth(i).evaluate("el => el.scrollWidth > el.clientWidth")]
        assert wide, "no derivation is wider than 320 px: nothing to scroll"
        for region in wide:
            assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
            region.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    finally:
        context.close()
