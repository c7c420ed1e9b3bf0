"""axe-core finds no WCAG 2.2 AA violation on any page, in either palette, folded or unfolded."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_practice_checks import _check, _section
from test_progress import CARD_IDS, PARTS, START, TODAY, _inject

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCHEME_OF_PALETTE = {"light": "default", "dark": "slate"}  # Material's name for each palette

_AXE_JS = Axe().axe_script  # axe-core, as axe-playwright-python ships it


def _page_paths(site):
    """The URL path of every page in the built site, relative to its root."""
    return [html.relative_to(site).as_posix().removesuffix("index.html")
            for html in sorted(site.rglob("*.html"))]


def _open_in_palette(page, url, palette):
    """Load url and check that the site really shows the requested palette."""
    page.goto(url)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEME_OF_PALETTE[palette], f"{url}: palette {scheme!r}, expected {palette}"


def _violations(page, where, within=()):
    """axe's WCAG violations on the page as readable lines, each prefixed with where.

    within: the selectors of what a state changes, when the rest of the page is as another pass
    checked it (a dialog, a notice, a panel); axe then checks those parts, the whole page around
    them taken into account (colours behind them, say), in a fraction of a whole page's time.
    """
    if not page.evaluate("() => typeof axe === 'object'"):  # once a document
        page.evaluate(_AXE_JS)
    context = {"include": [[selector] for selector in within]} if within else None
    found = page.evaluate("([context, options]) => axe.run(context || document, options)", [context, AXE_OPTIONS])
    lines = []
    for violation in found["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(f"{where}: {violation['id']} ({violation['impact']}) "
                     f"{violation['help']} -> {targets}")
    return lines


_WIDTHS = {"desktop": {"width": 1280, "height": 900}, "375px": {"width": 375, "height": 812},
           "320px": {"width": 320, "height": 700}}


def _practice_in_use(page):
    """Put the practice page in every state that can show at once: every answer and card open (so
    every figure shows), the answer boxes telling right, a mistake with its link, wrong, too few
    digits and unreadable, a step revealed, new numbers, both explorers moved, and the progress
    panel showing parts tried and a rejected file's alert."""
    _check(page, "part_a", "margin of class B", "-1.2")  # right
    _check(page, "part_a", "The SVM loss L", "6.5")  # a mistake, with its link
    _check(page, "part_b", "case (b)", "7")  # wrong
    _check(page, "part_b", "case (a)", "0.4")  # too few digits
    _check(page, "part_b", "Step: the sum", "eleven")  # unreadable
    _section(page, "part_b").get_by_role("button", name="Next step").click()  # step 1 of 4 shows
    _section(page, "part_c").get_by_role("button", name="New numbers").click()
    expect(_section(page, "part_c").locator("[data-lesson-status]").first).to_contain_text("Numbers 2 of")
    _check(page, "part_c", "The updated W", "1, 2, 3")
    # The progress panel: parts tried and not tried, its Continue link, and a rejected file's alert.
    panel = page.locator("[data-lesson-progress]")
    expect(panel.locator("li[data-state=tried]").first).to_be_visible()
    panel.locator("[data-lesson-progress-file]").set_input_files(
        {"name": "progress.json", "mimeType": "application/json", "buffer": b"not a progress file"})
    expect(panel.get_by_role("alert")).to_contain_text("Nothing was changed.")
    page.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
    softmax = page.locator("[data-lesson-explorer='softmax']")
    softmax.get_by_label("Score s₂").fill("4.5")
    softmax.get_by_role("button", name="+1 to every score").click()
    page.locator("[data-lesson-explorer='step-size']").get_by_label("Learning rate").fill("0.75")
    for figure in page.locator("figure img").all():
        figure.scroll_into_view_if_needed()
        expect(figure).not_to_have_js_property("naturalWidth", 0)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_page_passes_axe_with_everything_open_and_in_use(browser, base_url, site, palette):
    """One axe pass a page, palette and width (320 px, 375 px, desktop), each page in every state
    that can show at once: every answer and card open and, on the practice page, the boxes, the
    worked answers and the explorers in use (at 320 px, then the page is widened). Wide
    derivations scroll in a region the keyboard can reach, and the answer boxes fit the width."""
    context = browser.new_context(viewport=_WIDTHS["320px"], color_scheme=palette)
    try:
        page = context.new_page()
        found = []
        for path in _page_paths(site):
            page.set_viewport_size(_WIDTHS["320px"])
            _open_in_palette(page, base_url + path, palette)
            if page.locator("[data-lesson-check]").count():
                expect(page.locator("[data-lesson-check=part_c]")).to_be_visible()
                _practice_in_use(page)
            details = page.locator("details")
            details.evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
            for index in range(details.count()):
                expect(details.nth(index)).to_have_js_property("open", True)
            for width, size in _WIDTHS.items():
                page.set_viewport_size(size)
                found += _violations(page, f"/{path} ({palette}, {width}, everything open and in use)")
                # The boxes fit the width. (At 320 px the flashcard grid, not part of them, sticks out.)
                sticking_out = page.evaluate("""() => Array.from(document.querySelectorAll(".lesson-check, .lesson-check *"))
                  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                  .map(el => el.tagName)""")
                assert not sticking_out, f"/{path} at {width}: these stick out sideways: {sticking_out}"
        assert not found, "axe violations:\n" + "\n".join(found)
    finally:
        context.close()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_search_dialog_passes_axe(page, base_url, site, palette):
    """With the search dialog open and showing results, every page still passes axe."""
    page.emulate_media(color_scheme=palette)
    found = []
    for path in _page_paths(site):
        _open_in_palette(page, base_url + path, palette)
        query = page.get_by_role("textbox", name="Search")
        query.click()
        expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")
        query.press_sequentially("softmax")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        dialog = page.get_by_role("dialog", name="Search")
        expect(dialog).to_be_visible()
        found += _violations(page, f"/{path} ({palette}, search for 'softmax')")
    assert not found, "axe violations:\n" + "\n".join(found)


@pytest.mark.parametrize("widths", [[1280], [375, 320]], ids=["desktop", "phone"])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_study_view_passes_axe(new_page, base_url, palette, widths):
    """With the study view open (a question with its answer shown, then the round's summary), axe
    finds nothing at each width: on a phone (375 px, then 320 px) opened by a tap (the hint of taps
    and swipes), on a desktop by the mouse (the hint of keys)."""
    phone = {"is_mobile": True, "has_touch": True} if widths[0] < 400 else {}
    page = new_page(viewport={"width": widths[0], "height": 800}, color_scheme=palette, **phone)
    _open_in_palette(page, base_url + "practice/", palette)
    study = page.get_by_role("button", name="Study", exact=True)
    study.tap() if phone else study.click()
    expect(page.get_by_role("dialog", name="Study the cards")).to_be_visible()
    hint = page.get_by_text("Tap the card" if phone else "Space or Enter")
    expect(hint).to_be_visible()
    found = []
    for state, keys in (("question and answer", ["Space"]), ("summary", ["1"])):
        for key in keys:
            page.keyboard.press(key)
        while state == "summary" and page.locator(".lesson-study__count").inner_text() != "Round done":
            page.keyboard.press("Space")  # show the answer, then Good
            page.keyboard.press("Space")
        if state != "summary":  # the answer shows below its question: one pass checks both
            expect(page.locator(".lesson-study__q")).to_be_visible()
            expect(page.locator(".lesson-study__a")).to_be_visible()
        for width in widths:
            page.set_viewport_size({"width": width, "height": 800})
            found += _violations(page, f"/practice/ ({palette}, {width}px, study view: {state})",
                                 within=[".lesson-study__dialog"])  # the page behind it is inert
    assert not found, "axe violations:\n" + "\n".join(found)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_progress_panel_passes_axe_when_all_is_done(new_page, base_url, palette):
    """The panel's other states (the main pass shows parts tried and an alert): every part done,
    every card known, nothing due, and the status after Save progress; at each width."""
    page = new_page(viewport=_WIDTHS["320px"], color_scheme=palette)
    page.clock.set_fixed_time(START)
    _open_in_palette(page, base_url + "practice/", palette)
    _inject(page, {card: {"box": 1, "due": TODAY + 1} for card in CARD_IDS},
            {part: {"variant": 0, "right": {}, "done": 1, "box": 1, "due": TODAY + 3} for part in PARTS})
    page.reload()
    panel = page.locator("[data-lesson-progress]")
    expect(panel).to_contain_text("Nothing is due today.")
    expect(panel.locator("li[data-state=done]")).to_have_count(len(PARTS))
    with page.expect_download():
        panel.get_by_role("button", name="Save or load your progress").click()
        panel.get_by_role("button", name="Save progress").click()
    expect(panel.get_by_role("status")).to_contain_text("Progress saved")
    found = []
    for width, size in _WIDTHS.items():
        page.set_viewport_size(size)
        found += _violations(page, f"/practice/ ({palette}, {width}, progress panel: all done, saved)",
                             within=["[data-lesson-progress]"])
        sticking_out = panel.evaluate("""el => Array.from(el.querySelectorAll("*"))
          .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(e => e.tagName)""")
        assert not sticking_out, f"the panel sticks out sideways at {width}: {sticking_out}"
    assert not found, "axe violations:\n" + "\n".join(found)


def test_axe_within_a_part_still_sees_its_violations_and_only_those(new_page, base_url):
    """The check itself: text too faint inside the study view is found when axe looks within it.
    Faint text behind the open dialog is found by no pass while the dialog hides it (axe cannot
    tell its colours through the backdrop), so looking within the dialog loses nothing; once the
    dialog is closed, it is found."""
    page = new_page()
    page.goto(base_url + "practice/")
    page.get_by_role("button", name="Study", exact=True).click()
    expect(page.get_by_role("dialog", name="Study the cards")).to_be_visible()
    page.evaluate("""() => ['.lesson-study__dialog', '.md-content'].forEach(s => document.querySelector(s)
      .insertAdjacentHTML('beforeend', '<p class="faint" style="color:#ddd;background:#fff">faint</p>'))""")
    within = _violations(page, "study view", within=[".lesson-study__dialog"])
    assert len(within) == 1 and "color-contrast" in within[0] and "dialog > .faint" in within[0], within
    behind = [".md-content > .faint"]  # looked at alone: a pass of the whole page would tell the same
    assert not _violations(page, "behind the dialog", within=behind)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Study the cards")).to_be_hidden()
    assert [line for line in _violations(page, "the page", within=behind) if "color-contrast" in line]
