"""Real headless Chromium (Debian's) against the built site, served on 127.0.0.1."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from serving import CHROMIUM, CHROMIUM_ARGS, serve_folder


@pytest.fixture(scope="session")
def base_url(site):
    """The built site's root URL."""
    server, url = serve_folder(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; never skipped."""
    assert Path(CHROMIUM).exists(), "chromium is missing: run `bash scripts/test.sh` as root"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser context (own storage) at a desktop size."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A fresh page."""
    return context.new_page()
