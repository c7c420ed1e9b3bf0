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


@pytest.fixture
def new_page(browser):
    """Open pages in contexts of their own (a phone, a palette, no JavaScript), all closed afterwards."""
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options}))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()
