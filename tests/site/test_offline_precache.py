"""The built site's offline worker: sw.js lists every file the lesson needs, by content hash, and
no download; the build reports the bytes it precaches."""

import hashlib
import json
import re

from builds import ROOT


def _listed(site, name):
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(rf"^var {name} = (.*);$", text, re.M).group(1))


def _file(site, path):
    """The built file a path of the worker names: a folder's page is its index.html."""
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_every_page_and_everything_the_lesson_loads_is_precached(site):
    files = _listed(site, "FILES")
    pages = {html.relative_to(site).as_posix().removesuffix("index.html") for html in site.rglob("*.html")}
    assert {"", "practice/", "404.html"} <= pages <= files.keys()
    own = {f"assets/{path.name}" for path in (ROOT / "docs" / "assets").iterdir()}  # lazily loaded ones too
    assert {"assets/lesson-answers.js", "assets/lesson-cards-view.js"} <= own <= files.keys()
    made = [path.relative_to(site).as_posix() for pattern in (
        "practice/lesson-variants/*.json", "assets/figures/*.svg", "search/search_index.json",
        "assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js",
        "assets/stylesheets/*.min.css") for path in site.glob(pattern)]
    assert len(made) >= 9 and set(made) <= files.keys()


def test_the_downloads_are_kept_when_downloaded_not_precached(site):
    files, downloads = _listed(site, "FILES"), _listed(site, "DOWNLOADS")
    offered = {path.relative_to(site).as_posix() for path in (site / "downloads").iterdir()}
    assert any(name.endswith(".pdf") for name in offered) and downloads.keys() == offered
    assert not offered & files.keys()
    # Nor what no page loads: source maps, search languages, the sitemap.
    assert not [path for path in files if path.endswith((".map", ".xml", ".gz")) or "/lunr/" in path]


def test_each_entry_is_the_hash_of_its_file(site):
    for path, digest in {**_listed(site, "FILES"), **_listed(site, "DOWNLOADS")}.items():
        assert digest == hashlib.sha256(_file(site, path).read_bytes()).hexdigest()[:16], path


def test_the_build_reports_the_bytes_it_precaches(site_build):
    site, output = site_build
    files = _listed(site, "FILES")
    size = sum(_file(site, path).stat().st_size for path in files)
    assert f"sw.js precaches {len(files)} files, {size:,} bytes" in output
