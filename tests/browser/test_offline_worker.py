"""Offline after one visit: with the test server stopped (not only set_offline), the worker the
build wrote serves every page and feature; a new deployment replaces only what changed and offers
"Updated: reload"; under `mkdocs serve` no worker keeps a page."""

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from serving import serve_folder
from test_accessibility import SCHEME_OF_PALETTE, _violations
from test_explorer_js import _SOFTMAX_SHOWN_JS, SOFTMAX
from test_practice_checks import _check, _section
from test_study import _study
from traffic import Traffic

from builds import ROOT, build_site, copy_project, mkdocs_env
from local_http import free_port, wait_for_text
from studykit.core import identity

LESSON = identity.read_identity()
_CONTROLLED_JS = """() => new Promise(done => navigator.serviceWorker.controller ? done() :
    navigator.serviceWorker.addEventListener("controllerchange", () => done()))"""
_CACHES_JS = "() => caches.keys().then(names => names.filter(name => name.startsWith('lesson-offline ')))"
# Appended to the site's stylesheet for a second build: a rule, written as the minified copy keeps it.
_CHANGE = ".lesson-second-deployment{outline:0}"


def controlled(page):
    """Wait until the worker has installed (every file precached) and controls the page."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.evaluate(_CONTROLLED_JS)


def stop(server):
    """Stop a test server: nothing answers on its port any more."""
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    """The project built again with one file changed: the site's stylesheet."""
    work = tmp_path_factory.mktemp("second")
    project = copy_project(work / "project")
    css = project / "docs" / "assets" / "lesson.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n" + _CHANGE + "\n", encoding="utf-8")
    result = build_site(project, work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def _download(page, name):
    with page.expect_download() as got:
        page.get_by_role("link", name=name).click()
    return Path(got.value.path()).read_bytes()


def test_after_one_visit_the_lesson_works_with_the_server_stopped(browser, site):
    server, url = serve_folder(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    page, errors = context.new_page(), []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url + "practice/")
        controlled(page)
        assert _download(page, "Download the flashcards as PDF").startswith(b"%PDF")  # kept from now on
        stop(server)
        traffic = Traffic(page)
        page.reload()
        expect(page.locator("article h1")).to_contain_text(LESSON.title)
        traffic.wait_until_answered(page)  # the favicon comes after load: leaving now would abort it
        page.goto(url)
        expect(page.get_by_role("link", name="Start the practice")).to_be_visible()
        traffic.wait_until_answered(page)
        page.goto(url + "practice/")
        worked = _section(page, "part_b").locator("xpath=following-sibling::details[1]")
        worked.locator("summary").click()
        expect(worked).to_have_js_property("open", True)
        # The checker (lesson-answers.js) loads now, on first use: from the worker.
        expect(_check(page, "part_b", "case (b)", "2.408")).to_have_text("Right: the worked answer shows 2.408.")
        _section(page, "part_c").get_by_role("button", name="New numbers").click()  # fetches its JSON
        expect(_section(page, "part_c").locator("[data-lesson-status]").first).to_contain_text("Numbers 2 of")
        _study(page)  # loads lesson-cards-view.js
        page.keyboard.press("Escape")
        explorer = page.locator(SOFTMAX)
        explorer.get_by_role("button", name="+1 to every score").click()
        assert explorer.evaluate(_SOFTMAX_SHOWN_JS)["scores"] == ["3.0", "2.0", "1.0"]  # from 2, 1, 0
        query = page.get_by_role("textbox", name="Search")
        query.click()
        query.press_sequentially("gradient")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
        page.keyboard.press("Escape")
        assert _download(page, "Download the flashcards as PDF") == (site / LESSON.download("flashcards.pdf")).read_bytes()
        traffic.wait_until_answered(page)
        traffic.assert_all_under(url)  # and nothing failed
        assert not errors, errors
    finally:
        context.close()
        stop(server)


def test_the_worker_waits_for_load_and_a_download_waits_for_the_learner(browser, site):
    seen = []
    server, url = serve_folder(site, seen=seen)
    context = browser.new_context(service_workers="allow")
    context.add_init_script("""(() => {
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function () {
        window.lessonRegistered = document.readyState;
        return register.apply(this, arguments);
      };
    })()""")
    page = context.new_page()
    try:
        page.goto(url + "practice/")
        controlled(page)
        assert page.evaluate("() => window.lessonRegistered") == "complete"  # after load
        # A metered line pulls no download the learner did not ask for...
        assert not [path for path in seen if "/downloads/" in path]
        # ... until they ask for all of them at once.
        offered = page.evaluate("""() => Array.from(new Set(Array.from(
            document.querySelectorAll("a[download]"), a => a.getAttribute("href"))))""")
        assert len(offered) >= 5
        page.get_by_role("button", name="Keep the downloads offline").click()
        expect(page.locator("[data-lesson-offline-kept]")).to_contain_text(f"Kept {len(offered)} downloads offline")
        stop(server)
        for href in offered:
            size = page.evaluate("href => fetch(href).then(r => r.ok ? r.blob() : null).then(b => b && b.size)", href)
            assert size == (site / "practice" / href).resolve().stat().st_size, href
    finally:
        context.close()
        stop(server)


def _deploy(folder, site):
    """Publish site at folder (a link the test server serves), as a new deployment would."""
    folder.unlink(missing_ok=True)
    folder.symlink_to(site, target_is_directory=True)


def _css(page):
    return page.evaluate("() => fetch('../assets/lesson.css').then(r => r.text())")


def test_a_new_deployment_fetches_only_the_changed_file_and_offers_reload(browser, site, second_build, tmp_path):
    seen, published = [], tmp_path / "published"
    _deploy(published, site)
    server, url = serve_folder(published, seen=seen)
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    try:
        page.goto(url + "practice/")
        controlled(page)
        first = page.evaluate(_CACHES_JS)
        _deploy(published, second_build)
        seen.clear()
        page.reload()  # online: the next visit finds the new deployment
        reload = page.get_by_role("status").get_by_role("button", name="Reload")
        expect(reload).to_be_visible()
        # Installed beside the old worker: only the changed file came from the server.
        assert sorted(set(seen) - {"/sw.js"}) == ["/assets/lesson.css"]
        # The old page keeps its own assets; so does another tab opened now.
        assert _CHANGE not in _css(page)
        other = context.new_page()
        other.goto(url + "practice/")
        assert _CHANGE not in _css(other)
        other.close()
        with page.expect_navigation():
            reload.click()
        controlled(page)
        assert _CHANGE in _css(page)
        expect(page.get_by_role("button", name="Reload")).to_be_hidden()
        now = page.evaluate(_CACHES_JS)
        assert len(now) == len(first) and set(now) != set(first)  # the old precache is gone
    finally:
        context.close()
        stop(server)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_update_notice_passes_axe(browser, site, second_build, tmp_path, palette):
    """The "Updated: reload" notice, with "Keep the downloads offline" shown, at 320 px, 375 px and
    desktop: axe finds nothing, and the notice fits the screen."""
    published = tmp_path / "published"
    _deploy(published, site)
    server, url = serve_folder(published)
    context = browser.new_context(color_scheme=palette, viewport={"width": 320, "height": 700}, service_workers="allow")
    page = context.new_page()
    try:
        page.goto(url + "practice/")
        controlled(page)
        _deploy(published, second_build)
        page.reload()
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEME_OF_PALETTE[palette]
        notice = page.get_by_role("status").filter(has=page.get_by_role("button", name="Reload"))
        expect(notice.get_by_role("button", name="Reload")).to_be_visible()
        expect(page.get_by_role("button", name="Keep the downloads offline")).to_be_visible()
        found = []
        for width, height in ((320, 700), (375, 812), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            box = page.locator(".lesson-offline__notice").bounding_box()
            assert 0 <= box["x"] and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
            found += _violations(page, f"/practice/ ({palette}, {width}px, 'Updated: reload' shown)",
                                 within=[".lesson-offline__notice", "[data-lesson-offline-keep]"])
        assert not found, "axe violations:\n" + "\n".join(found)
        page.get_by_role("button", name="Later").click()
        expect(notice.get_by_role("button", name="Reload")).to_be_hidden()
    finally:
        context.close()
        stop(server)


def test_under_serve_no_worker_keeps_a_page_and_live_reload_works(browser, site, tmp_path):
    """A worker left by a built site on the same address gives way to `mkdocs serve`, which
    writes no worker; its live reload keeps working."""
    port = free_port()
    server, url = serve_folder(site, port=port)
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    project = copy_project(tmp_path / "project")
    try:
        page.goto(url + "practice/")
        controlled(page)
        stop(server)
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project, env=mkdocs_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_text(url + "practice/", "0.98", deadline_s=120)  # 0.98: a value the plugin fills
            page.goto(url + "practice/")  # the worker answers with the page it kept...
            # ... whose script finds no worker on the server, unregisters it and reloads: the served page.
            expect(page.locator("[data-lesson-offline='']")).to_have_count(1)
            assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
            assert page.evaluate("() => navigator.serviceWorker.controller") is None
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(url + "sw.js", timeout=30)
            assert missing.value.code == 404
            practice = project / "docs" / "practice.md"
            practice.write_text(practice.read_text(encoding="utf-8") + "\nLive reload still works.\n",
                                encoding="utf-8")
            expect(page.get_by_text("Live reload still works.")).to_be_visible(timeout=120_000)
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        context.close()
