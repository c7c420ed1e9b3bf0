"""Published below a sub-path (a GitHub Pages project site), every page, link and download works."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from builds import ROOT, build_site
from playwright.sync_api import expect
from test_offline_worker import controlled, stop
from traffic import Traffic
from serving import serve_folder

from studykit.core import identity

PREFIX = "/some/prefix/"
SITE_URL = "http://127.0.0.1" + PREFIX


@pytest.fixture(scope="module")
def prefixed_site(tmp_path_factory):
    """The project built once with site_url under PREFIX."""
    site_dir = tmp_path_factory.mktemp("prefixed") / "site"
    result = build_site(ROOT, site_dir, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="module")
def prefixed_url(prefixed_site):
    """http://127.0.0.1:PORT/some/prefix/, serving the prefixed build."""
    server, url = serve_folder(prefixed_site, PREFIX)
    yield url
    server.shutdown()


@pytest.fixture
def traffic(page):
    """The traffic of the test's page."""
    return Traffic(page)


def _wait_until_search_is_ready(page):
    """Wait until the page's search has loaded its worker and index."""
    # Leaving a page earlier would abort those requests and report them as failed.
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")


def _follow(page, link, prefixed_url, traffic):
    """Click link, once the page's requests are answered, and check it opened a page under the
    prefix that the server has."""
    traffic.wait_until_answered(page)
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.status == 200, response and response.url
    assert page.url.startswith(prefixed_url), page.url
    _wait_until_search_is_ready(page)
    return page.url


def test_every_page_loads_from_below_the_prefix(page, prefixed_url, prefixed_site, traffic):
    """Every page and everything it loads comes from below the prefix, and nothing is missing."""
    paths = [html.relative_to(prefixed_site).as_posix().removesuffix("index.html")
             for html in sorted(prefixed_site.rglob("*.html"))]
    assert {"", "practice/", "404.html"} <= set(paths), paths
    for path in paths:
        response = page.goto(prefixed_url + path)
        assert response.status == 200, prefixed_url + path
        expect(page.locator("article h1")).to_be_visible()
        _wait_until_search_is_ready(page)
        traffic.wait_until_answered(page)
    traffic.assert_all_under(prefixed_url)


def test_navigation_links_stay_below_the_prefix(page, prefixed_url, traffic):
    """The logo, the navigation, the footer and "Start the practice" open pages under the prefix."""
    home, practice = prefixed_url, prefixed_url + "practice/"
    page.goto(practice)
    _wait_until_search_is_ready(page)
    assert _follow(page, page.locator(".md-header a.md-logo"), prefixed_url, traffic) == home
    assert _follow(page, page.get_by_role("link", name="Start the practice"),
                   prefixed_url, traffic) == practice
    nav_home = page.locator(".md-sidebar--primary .md-nav__link", has_text="Home")
    assert _follow(page, nav_home, prefixed_url, traffic) == home
    assert _follow(page, page.locator("a.md-footer__link--next"), prefixed_url, traffic) == practice
    assert _follow(page, page.locator("a.md-footer__link--prev"), prefixed_url, traffic) == home
    traffic.assert_all_under(prefixed_url)


def test_search_result_opens_a_page_below_the_prefix(page, prefixed_url, traffic):
    """Searching finds the lesson, and the result link opens it under the prefix."""
    page.goto(prefixed_url)
    query = page.get_by_role("textbox", name="Search")
    query.click()
    _wait_until_search_is_ready(page)
    query.press_sequentially("gradient")
    result = page.locator("a.md-search-result__link").first
    expect(result).to_be_visible()
    assert _follow(page, result, prefixed_url, traffic).startswith(prefixed_url + "practice/")
    expect(page.locator("article h1")).to_contain_text(identity.read_identity().title)
    traffic.assert_all_under(prefixed_url)


def test_pdf_download_is_a_pdf_below_the_prefix(page, prefixed_url, traffic):
    """"Download the flashcards as PDF" downloads a PDF served from below the prefix."""
    page.goto(prefixed_url + "practice/")
    link = page.get_by_role("link", name="Download the flashcards as PDF")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.url.startswith(prefixed_url), download.url
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    response = page.request.get(download.url)
    assert response.status == 200, download.url
    assert response.body().startswith(b"%PDF")
    traffic.assert_all_under(prefixed_url)


def test_print_flashcards_opens_the_print_dialog(page, prefixed_url, traffic):
    """"Print flashcards" asks the browser to print."""
    page.goto(prefixed_url + "practice/")
    # A headless browser has no print dialog; count the calls instead.
    page.evaluate(
        "() => { window.lessonPrintCalls = 0; window.print = () => { window.lessonPrintCalls += 1; }; }")
    page.get_by_role("button", name="Print flashcards").click()
    page.wait_for_function("window.lessonPrintCalls > 0")
    assert page.evaluate("window.lessonPrintCalls") == 1
    traffic.assert_all_under(prefixed_url)


@pytest.mark.parametrize("address", ["404.html", "no/such/page/"])
def test_not_found_page_links_below_the_prefix(page, prefixed_url, prefixed_site, address):
    """The "page not found" page, shown at any missing address, links to pages under the prefix."""
    # GitHub Pages answers every missing address with 404.html; the test server does the same here,
    # so the page must work at a depth it was not built for.
    page.route(prefixed_url + "no/such/page/", lambda route: route.fulfill(
        status=404, content_type="text/html", path=prefixed_site / "404.html"))
    traffic = Traffic(page)
    page.goto(prefixed_url + address)
    expect(page.locator("article h1")).to_contain_text("Page not found")
    links = page.locator("article a:not(.headerlink)")
    hrefs = [links.nth(index).evaluate("(a) => a.href") for index in range(links.count())]
    assert hrefs and all(href.startswith(prefixed_url) for href in hrefs), hrefs
    for href in hrefs:
        assert page.request.get(href).status == 200, href
    traffic.wait_until_answered(page)
    # The missing address itself is meant to answer 404.
    traffic.problems = [p for p in traffic.problems if not p.endswith("/no/such/page/")]
    traffic.assert_all_under(prefixed_url)


def test_offline_below_the_prefix(browser, prefixed_site):
    """The worker registers at the prefix (its scope is the site, not the host) and, the server
    stopped, serves the pages and search."""
    server, url = serve_folder(prefixed_site, PREFIX)
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    try:
        page.goto(url + "practice/")
        controlled(page)
        assert page.evaluate("() => navigator.serviceWorker.ready.then(r => [r.scope, r.active.scriptURL])") == [
            url, url + "sw.js"]
        stop(server)
        page.reload()
        expect(page.locator("article h1")).to_contain_text(identity.read_identity().title)
        page.locator(".md-header a.md-logo").click()
        expect(page.get_by_role("link", name="Start the practice")).to_be_visible()
        assert page.url == url
        query = page.get_by_role("textbox", name="Search")
        query.click()
        query.press_sequentially("gradient")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
    finally:
        context.close()
        stop(server)
