"""The flashcards laid out for studying, and every printable and download in one labelled place."""

import re

import pytest
from playwright.sync_api import expect

from builds import ROOT

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}
SCREEN = 740  # one phone screen's height at 375 px, in CSS pixels
WIDTHS = {"320px": {"width": 320, "height": 700}, "375px": {"width": 375, "height": 740},
          "desktop": {"width": 1280, "height": 900}}
# The figures' data files sit beside their figures; every other download is a printable or the deck's.
_FIGURES = re.findall(r"<!-- figure ([\w-]+) -->", (ROOT / "docs" / "practice.md").read_text("utf-8"))


def _printables(site):
    """The file names of every download the site builds but a figure's data."""
    return sorted(path.name for path in (site / "downloads").iterdir()
                  if not any(path.name.endswith(f"-{name}.csv") for name in _FIGURES))


def _open(page, base_url):
    """The practice page, once its scripts have shown the study and deck controls."""
    page.goto(base_url + "practice/")
    expect(page.get_by_role("button", name="Study", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Show all")).to_be_visible()


def _top(locator):
    return locator.bounding_box()["y"]


def _place(page):
    """What the "Print and download" heading heads: the printables and downloads."""
    return page.locator("article h2:has-text('Print and download') + .lesson-downloads")


def test_study_first_then_show_all_with_the_grid_then_the_cards(new_page, base_url, site):
    page = new_page(viewport=WIDTHS["320px"])
    _open(page, base_url)
    for size in WIDTHS.values():  # the page loaded once, then widened
        page.set_viewport_size(size)
        _study_first(page, site)


def _study_first(page, site):
    """On the page as wide as it is now: Study, the due count, Show all and Hide all, the grid."""
    study = page.get_by_role("group", name="Study mode")
    parts = [page.locator("article h2", has_text="Flashcards"),
             study.get_by_role("button", name="Study", exact=True),
             study.get_by_role("status"),  # the due count
             page.get_by_role("button", name="Show all"),
             page.locator("details.lesson-card").first]
    expect(parts[2]).to_have_text(re.compile(r"^\d+ due · \d+ known$"))
    tops = [_top(part) for part in parts]
    assert tops[0] < tops[1] <= tops[2] < tops[3] < tops[4], f"out of order on screen: {tops}"
    hide_all = _top(page.get_by_role("button", name="Hide all"))
    assert tops[2] < hide_all < tops[4], "Hide all is not with Show all, just above the grid"
    # The same order for the keyboard and a screen reader: the document's order.
    following = page.evaluate("""() => {
      const [study, show, card] = [".lesson-study__open", "[data-lesson-action='show-all']",
                                   "details.lesson-card"].map(s => document.querySelector(s));
      const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return before(study, show) && before(show, card);
    }""")
    assert following, "Study, Show all and the first card are not in this order in the document"
    # No printable, no download but a figure's data, between the heading and the next one.
    in_flashcards = page.evaluate("""() => {
      const found = [];
      let node = Array.from(document.querySelectorAll("article h2"))
        .find(h => h.textContent.includes("Flashcards")).nextElementSibling;
      for (; node && node.tagName !== "H2"; node = node.nextElementSibling) {
        node.querySelectorAll("a[download], [data-lesson-action^='print']")
          .forEach(el => found.push(el.getAttribute("href") || el.textContent.trim()));
      }
      return found;
    }""")
    figures_data = [f for f in in_flashcards if f.rsplit("/", 1)[-1] not in _printables(site)]
    assert figures_data == in_flashcards, f"under Flashcards: {in_flashcards}"


def test_at_375px_the_first_card_starts_within_one_screen_below_the_flashcards_heading(new_page, base_url):
    page = new_page(**PHONE)
    _open(page, base_url)
    heading = page.locator("article h2", has_text="Flashcards")
    card = page.locator("details.lesson-card").first
    gap = _top(card) - _top(heading)
    print(f"first card {gap:.0f} px below the Flashcards heading at 375 px")
    assert 0 < gap <= SCREEN, f"the first card starts {gap:.0f} px below the heading"
    heading.evaluate("el => el.scrollIntoView({block: 'start'})")
    expect(card.locator(".lesson-card__question")).to_be_in_viewport()


def test_every_download_is_linked_once_in_the_print_and_download_section(new_page, base_url, site):
    page = new_page(viewport=WIDTHS["320px"])
    _open(page, base_url)
    place, names = _place(page), _printables(site)
    assert len(names) >= 7, names  # the deck, Anki, three text files and two worksheet sizes at least
    for name in names:
        link = place.locator(f"a[href$='/downloads/{name}']")
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and response.body(), f"{name}: {response.status}"
    for size in WIDTHS.values():  # the page loaded once, then widened
        page.set_viewport_size(size)
        _all_in_one_place(page, place, names)


def _all_in_one_place(page, place, names):
    """On the page as wide as it is now: each download linked once, there, with the print buttons."""
    expect(page.get_by_role("heading", name="Print and download")).to_be_visible()
    expect(place).to_have_count(1)
    for name in names:
        expect(page.locator(f"a[href$='/downloads/{name}']")).to_have_count(1)
        link = place.locator(f"a[href$='/downloads/{name}']")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("download", "")
    # The print buttons are there too, and the two groups name what they hold.
    for group, button in (("Flashcards", "Print flashcards"), ("Worksheet", "Print worksheet")):
        region = place.get_by_role("group", name=re.compile(f"^{group}"))
        expect(region.get_by_role("button", name=button)).to_be_visible()
    worksheet = place.get_by_role("group", name=re.compile("^Worksheet"))
    expect(worksheet.get_by_role("link", name=re.compile("Worksheet with answer key"))).to_have_count(2)
    # Each text file keeps its one-line purpose beside it.
    for item in place.locator("li").all():
        assert re.match(r"^.+ \(\.\w+\): .{20,}$", item.inner_text()), item.inner_text()


def test_the_table_of_contents_leads_to_the_downloads(page, base_url):
    _open(page, base_url)
    toc = page.locator(".md-sidebar--secondary")
    toc.get_by_role("link", name="Print and download").click()
    expect(page).to_have_url(re.compile("#print-and-download$"))
    expect(page.get_by_role("link", name="Download the flashcards as PDF")).to_be_in_viewport()


def test_without_javascript_every_download_link_is_there_and_no_button(new_page, base_url, site):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(base_url + "practice/")
    place = _place(page)
    for name in _printables(site):
        expect(place.locator(f"a[href$='/downloads/{name}']")).to_be_visible()
    expect(place.get_by_role("button")).to_have_count(0)  # hidden buttons are not in the tree
    expect(page.locator("details.lesson-card").first).to_be_visible()
