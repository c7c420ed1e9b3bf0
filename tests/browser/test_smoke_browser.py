"""The practice page opens in real Chromium."""

from counts import CARDS


def test_practice_page_opens(page, base_url):
    page.goto(base_url + "practice/")
    assert page.locator("details.lesson-card").count() == CARDS
