"""Shared fixtures: one strict site build per session, and one headless Chromium."""

import fcntl
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from serving import CHROMIUM, CHROMIUM_ARGS

from builds import ROOT, build_site

# Injected into every page of a context that holds still, before the page's own scripts run.
_NO_MOTION_JS = """(() => {
  const css = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  const add = () => {
    const style = document.createElement("style");
    style.textContent = css;
    (document.head || document.documentElement).appendChild(style);
  };
  if (document.documentElement) add();
  else new MutationObserver((_, observer) => {
    if (document.documentElement) { observer.disconnect(); add(); }
  }).observe(document, {childList: true});
})()"""


class StillBrowser:
    """The session's Chromium, whose contexts hold still: reduced motion, and no CSS transition
    or animation, so no test reads a colour or a position mid-animation (axe's contrast, say).

    The one place where motion is set. A test of motion itself passes reduced_motion explicitly
    and gets the site's own CSS, untouched. Service workers are blocked unless a test allows them
    (the offline tests): in every fresh context the worker would precache the whole site, about
    35 requests that only load the machine.
    """

    def __init__(self, chromium):
        self._chromium = chromium

    def new_context(self, **options):
        """A context; still unless options name reduced_motion, without service workers unless allowed."""
        options = {"service_workers": "block", **options}
        if "reduced_motion" in options:
            return self._chromium.new_context(**options)
        context = self._chromium.new_context(reduced_motion="reduce", **options)
        context.add_init_script(_NO_MOTION_JS)
        return context

    def __getattr__(self, name):
        return getattr(self._chromium, name)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory, worker_id):
    """The project built once with `mkdocs build --strict`: (site folder, build output). Under
    pytest-xdist every worker of the run shares it: the first to ask builds, the others wait for it
    (two at once would render every PDF twice, each slowing the other). Nothing writes into it."""
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if worker_id != "master" else shared  # the run's folder, above each worker's
    site_dir, output = shared / "site", shared / "site-build.log"
    with (shared / "site-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not output.exists():
            result = build_site(ROOT, site_dir)
            assert result.returncode == 0, result.stdout + result.stderr
            output.write_text(result.stdout + result.stderr, encoding="utf-8")
    return site_dir, output.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site(site_build):
    """The built site folder."""
    return site_build[0]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; never skipped. Its contexts hold still."""
    assert Path(CHROMIUM).exists(), "chromium is missing: run `bash scripts/test.sh` as root"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield StillBrowser(chromium)
        chromium.close()
