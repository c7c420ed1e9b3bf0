"""axe-core finds no WCAG 2.2 AA violation on any page, in either palette, folded or unfolded."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCHEME_OF_PALETTE = {"light": "default", "dark": "slate"}  # Material's name for each palette

_axe = Axe()


def _page_paths(site):
    """The URL path of every page in the built site, relative to its root."""
    return [html.relative_to(site).as_posix().removesuffix("index.html")
            for html in sorted(site.rglob("*.html"))]


def _open_in_palette(page, url, palette):
    """Load url and check that the site really shows the requested palette."""
    page.goto(url)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEME_OF_PALETTE[palette], f"{url}: palette {scheme!r}, expected {palette}"


def _violations(page, where):
    """axe's WCAG violations on the page as readable lines, each prefixed with where."""
    lines = []
    for violation in _axe.run(page, options=AXE_OPTIONS).response["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(f"{where}: {violation['id']} ({violation['impact']}) "
                     f"{violation['help']} -> {targets}")
    return lines


@pytest.mark.parametrize("unfolded", [False, True], ids=["all-closed", "all-open"])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_page_passes_axe(page, base_url, site, palette, unfolded):
    """Every page passes axe's WCAG A/AA rules with every answer and card closed, or all open."""
    page.emulate_media(color_scheme=palette)
    found = []
    for path in _page_paths(site):
        _open_in_palette(page, base_url + path, palette)
        details = page.locator("details")
        if unfolded:
            details.evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
        for index in range(details.count()):
            expect(details.nth(index)).to_have_js_property("open", unfolded)
        state = "open" if unfolded else "closed"
        found += _violations(page, f"/{path} ({palette}, details {state})")
    assert not found, "axe violations:\n" + "\n".join(found)


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


@pytest.mark.parametrize("width", [375, 320])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_page_passes_axe_at_phone_width_with_everything_open(browser, base_url, site, palette, width):
    """At 375 px and the WCAG reflow width, every answer and card open: wide derivations scroll in
    a region the keyboard can reach, and nothing else breaks a rule."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=palette)
    try:
        page = context.new_page()
        found = []
        for path in _page_paths(site):
            _open_in_palette(page, base_url + path, palette)
            page.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
            found += _violations(page, f"/{path} ({palette}, {width}px, details open)")
        assert not found, "axe violations:\n" + "\n".join(found)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375, 320], ids=["desktop", "375px", "320px"])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_study_view_passes_axe(new_page, base_url, palette, width):
    """With the study view open (a question, its answer, the round's summary), axe finds nothing."""
    page = new_page(viewport={"width": width, "height": 800}, color_scheme=palette)
    _open_in_palette(page, base_url + "practice/", palette)
    page.get_by_role("button", name="Study", exact=True).click()
    expect(page.get_by_role("dialog", name="Study the cards")).to_be_visible()
    found = []
    for state, keys in (("question", []), ("answer", ["Space"]), ("summary", ["1"])):
        for key in keys:
            page.keyboard.press(key)
        while state == "summary" and page.locator(".lesson-study__count").inner_text() != "Round done":
            page.keyboard.press("Space")  # show the answer, then Good
            page.keyboard.press("Space")
        found += _violations(page, f"/practice/ ({palette}, {width}px, study view: {state})")
    assert not found, "axe violations:\n" + "\n".join(found)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_figures_and_explorers_in_use_pass_axe(page, base_url, palette):
    """At 320 px, 375 px and desktop, the practice page passes axe with every answer open (so every
    figure shows) and both explorers moved: a score raised, every score shifted, a diverging rate."""
    page.emulate_media(color_scheme=palette)
    _open_in_palette(page, base_url + "practice/", palette)
    page.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
    softmax = page.locator("[data-lesson-explorer='softmax']")
    softmax.get_by_label("Score s₂").fill("4.5")
    softmax.get_by_role("button", name="+1 to every score").click()
    page.locator("[data-lesson-explorer='step-size']").get_by_label("Learning rate").fill("0.75")
    found = []
    for width in (320, 375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for figure in page.locator("figure img").all():
            figure.scroll_into_view_if_needed()
            expect(figure).not_to_have_js_property("naturalWidth", 0)
        found += _violations(page, f"/practice/ ({palette}, {width} px, explorers in use)")
    assert not found, "axe violations:\n" + "\n".join(found)
