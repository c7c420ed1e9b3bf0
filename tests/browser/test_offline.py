"""The site works offline: it requests nothing from other hosts, and nothing it requests fails."""

import os
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from playwright.sync_api import expect
from traffic import Traffic

# Tags whose src/href the browser fetches (or, for <link>, may fetch) while rendering the page.
_FETCHING_TAGS = {"link", "script", "img", "iframe", "source", "video", "audio", "embed", "object"}
_FETCHING_ATTRS = {"src", "href", "srcset", "data", "poster"}
# The only other sites a learner is sent to: the CS231n notes, and the repository when one is set.
ALLOWED_LINK_PREFIXES = ["https://cs231n.github.io/"] + (
    [os.environ["REPO_URL"]] if os.environ.get("REPO_URL") else [])
# Font services, CDNs and a MathJax fallback are the usual ways a static site goes online.
FORBIDDEN_HOSTS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|(?<![a-z0-9])cdn[a-z0-9-]*\.|jsdelivr|unpkg|mathjax", re.I)
# Material's bundle names unpkg.com in two lazy fallbacks this site never triggers: a
# ResizeObserver polyfill (every supported browser has ResizeObserver) and Mermaid (no page has a
# diagram). The browser test below proves neither is fetched; no other mention is tolerated.
MATERIAL_LAZY_FALLBACKS = {"https://unpkg.com/resize-observer-polyfill",
                           "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}
_CSS_EXTERNAL = re.compile(
    r"""(?:url\(\s*|@import\s+(?:url\(\s*)?)["']?((?:https?:)?//[^"')\s;]+)""", re.I)
_FORBIDDEN_URL = re.compile(r"https?://[^\s\"'`)]*?(?:" + FORBIDDEN_HOSTS.pattern + r")[^\s\"'`)]*",
                            re.I)


class _Refs(HTMLParser):
    """Collect the fetched URLs, the <a href> targets and inline CSS of one HTML page."""

    def __init__(self):
        super().__init__()
        self.fetched, self.links, self.css = [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if tag in _FETCHING_TAGS and name in _FETCHING_ATTRS:
                self.fetched += [part.split()[0] for part in value.split(",") if part.strip()] \
                    if name == "srcset" else [value]
            elif tag == "a" and name == "href":
                self.links.append(value)
            elif name == "style":
                self.css.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def _own_hosts():
    """The hosts the site itself lives on: its configured site_url (as in mkdocs.yml)."""
    return {urlsplit(os.environ.get("SITE_URL", "http://127.0.0.1:8000/")).netloc}


def _is_external(url):
    """True for an absolute or protocol-relative URL on a host other than the site's own."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or not parts.netloc:
        return False
    return parts.netloc not in _own_hosts()


def _built_files(site, *suffixes):
    """Every built file with one of the suffixes."""
    return sorted(path for path in site.rglob("*") if path.suffix in suffixes)


def _page_paths(site):
    """The URL path of every page in the built site, relative to its root."""
    return [html.relative_to(site).as_posix().removesuffix("index.html")
            for html in _built_files(site, ".html")]


def test_pages_fetch_nothing_from_other_hosts(site):
    """No built page loads a stylesheet, script, image or frame from another host."""
    problems = []
    for html in _built_files(site, ".html"):
        refs = _Refs()
        refs.feed(html.read_text(encoding="utf-8"))
        name = html.relative_to(site)
        problems += [f"{name}: fetches {url}" for url in refs.fetched if _is_external(url)]
        problems += [f"{name}: CSS loads {url}" for css in refs.css
                     for url in _CSS_EXTERNAL.findall(css) if _is_external(url)]
        problems += [f"{name}: links to {url}" for url in refs.links if _is_external(url)
                     and not any(url.startswith(prefix) for prefix in ALLOWED_LINK_PREFIXES)]
    assert not problems, "\n".join(problems)


def test_css_and_js_import_nothing_from_other_hosts(site):
    """No built stylesheet or script pulls in a url() or @import from another host."""
    problems = [f"{path.relative_to(site)}: loads {url}"
                for path in _built_files(site, ".css", ".js")
                for url in _CSS_EXTERNAL.findall(path.read_text(encoding="utf-8"))
                if _is_external(url)]
    assert not problems, "\n".join(problems)


def test_no_font_service_cdn_or_mathjax_anywhere(site):
    """Nothing built names a font service, a CDN or MathJax, bar Material's unused fallbacks."""
    problems = []
    for path in _built_files(site, ".html", ".css", ".js"):
        text = path.read_text(encoding="utf-8")
        urls = set(_FORBIDDEN_URL.findall(text))
        allowed = MATERIAL_LAZY_FALLBACKS if path.name.startswith("bundle.") else set()
        problems += [f"{path.relative_to(site)}: names {url}" for url in sorted(urls - allowed)]
        # A bare name (MathJax config, a font-face src without scheme) is as bad as a URL.
        bare = FORBIDDEN_HOSTS.findall(_FORBIDDEN_URL.sub("", text))
        problems += [f"{path.relative_to(site)}: mentions {word!r}" for word in sorted(set(bare))]
    assert not problems, "\n".join(problems)


def test_no_made_with_material_footer(site):
    """The footer carries no "Made with Material for MkDocs" generator notice."""
    for html in _built_files(site, ".html"):
        text = html.read_text(encoding="utf-8")
        assert "Made with" not in text, html.relative_to(site)
        assert "squidfunk.github.io/mkdocs-material" not in text, html.relative_to(site)


def _use_every_feature(page, path):
    """Open every collapsible, press "Show all" if the page has flashcards, and search."""
    summaries = page.locator("details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).click()
    for index in range(summaries.count()):
        expect(page.locator("details").nth(index)).to_have_js_property("open", True)
    if path == "practice/":
        page.get_by_role("button", name="Show all").click()
        cards = page.locator("details.lesson-card")
        assert cards.count() > 0
        for index in range(cards.count()):
            expect(cards.nth(index)).to_have_js_property("open", True)
    query = page.get_by_role("textbox", name="Search")
    query.click()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")
    query.press_sequentially("gradient")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")


def test_pages_work_without_other_hosts(page, base_url, site):
    """Using every page requests only the local server, and nothing fails or logs an error."""
    traffic, errors = Traffic(page), []
    page.on("console", lambda message: message.type == "error"
            and errors.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    for path in _page_paths(site):
        page.goto(base_url + path)
        _use_every_feature(page, path)
        traffic.wait_until_answered(page)  # leaving earlier would abort a request, the favicon say
    assert any("/search/search_index.json" in url for url in traffic.requests), "search never loaded"
    traffic.assert_all_under(base_url)  # the local server only, nothing failed, no error status
    assert not errors, "\n".join(errors)
