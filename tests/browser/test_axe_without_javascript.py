"""axe-core with JavaScript off: what every page shows then has no WCAG 2.2 AA violation either.

A module of its own, so the whole suite's cores share the axe passes (a module stays on one core).
"""

import re

import pytest
from playwright.sync_api import expect
from test_accessibility import _WIDTHS, _page_paths, _violations

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def _without_scripts(route):
    """Serve the site as a browser with JavaScript off sees it: no script of the page runs, not even
    an inline one (a context with JavaScript off would stop axe too, which runs in the page)."""
    kind = route.request.resource_type
    if kind == "script":
        return route.abort()
    if kind != "document":
        return route.continue_()
    response = route.fetch()
    return route.fulfill(response=response, body=_SCRIPT.sub("", response.text()))


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_page_passes_axe_without_javascript(browser, base_url, site, palette):
    """With JavaScript off, every page with every answer and card open: what shows then (the
    answers, the cards, the download links; Material's palette is its first, light, whatever the
    system asks) has no violation either, in a light or a dark system, at each width."""
    context = browser.new_context(viewport=_WIDTHS["320px"], color_scheme=palette)
    context.route("**/*", _without_scripts)
    try:
        page = context.new_page()
        found = []
        for path in _page_paths(site):
            page.goto(base_url + path)
            expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))  # no script ran
            details = page.locator("details")
            details.evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
            expect(page.locator("details:not([open])")).to_have_count(0)
            for width, size in _WIDTHS.items():
                page.set_viewport_size(size)
                found += _violations(page, f"/{path} ({palette} system, {width}, JavaScript off, everything open)")
            page.set_viewport_size(_WIDTHS["320px"])
        assert not found, "axe violations:\n" + "\n".join(found)
    finally:
        context.close()
