"""The practice page opens in real Chromium."""


def test_practice_page_opens(page, base_url):
    page.goto(base_url + "practice/")
    assert page.locator("details.lx-card").count() == 9
