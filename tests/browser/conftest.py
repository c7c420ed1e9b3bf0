"""The built site, served on 127.0.0.1, in pages of Debian's headless Chromium."""

import pytest
from serving import serve_folder


@pytest.fixture(scope="session")
def base_url(site):
    """The built site's root URL."""
    server, url = serve_folder(site)
    yield url
    server.shutdown()


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
