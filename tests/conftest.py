"""Shared fixtures: one strict site build per session, and one headless Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from serving import CHROMIUM, CHROMIUM_ARGS

from builds import ROOT, build_site


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The project built once with `mkdocs build --strict`: (site folder, build output)."""
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(site_build):
    """The built site folder."""
    return site_build[0]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; never skipped."""
    assert Path(CHROMIUM).exists(), "chromium is missing: run `bash scripts/test.sh` as root"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
