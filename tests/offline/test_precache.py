"""The precache list of a built site, on a small site made here: what is precached, by what hash,
what is left to download, and what a changed file changes."""

import hashlib
import json
import re

import pytest

from studykit.offline import precache, worker

PAGE = """<!doctype html><html><head>
<link rel="canonical" href="http://example.org/practice/">
<link rel="prev" href="..">
<link rel="icon" href="../assets/favicon.svg">
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<link rel="stylesheet" href="../assets/lesson.css">
</head><body>
<img src="../assets/figures/curve.svg" alt="A curve">
<a href="../downloads/deck.pdf" download>Deck</a>
<a href="../downloads/notes.md" download>Notes</a>
<a href="https://cs231n.github.io/">Notes elsewhere</a>
<script id="__config" type="application/json">{"base": "..", "search": "../assets/javascripts/workers/search.js"}</script>
<script src="../assets/javascripts/bundle.js"></script>
</body></html>"""


@pytest.fixture
def built(tmp_path):
    """A small built site, and the theme folder its theme files came from."""
    site, theme = tmp_path / "site", tmp_path / "theme"
    theme_files = ["assets/stylesheets/main.css", "assets/stylesheets/main.css.map",
                   "assets/javascripts/bundle.js", "assets/javascripts/workers/search.js",
                   "assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/min/lunr.multi.min.js",
                   "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/tinyseg.js",
                   "assets/images/favicon.png", "404.html", "sitemap.xml"]
    own = {"index.html": "<!doctype html><title>Home</title>", "practice/index.html": PAGE,
           "assets/lesson.css": "body {}", "assets/lesson-answers.js": "// loaded on first use",
           "assets/favicon.svg": "<svg/>", "assets/figures/curve.svg": "<svg/>",
           "practice/lesson-variants/part_a.json": "{}", "sitemap.xml.gz": "gz",
           "search/search_index.json": json.dumps({"config": {"lang": ["en"]}, "docs": []}),
           "downloads/deck.pdf": "%PDF-", "downloads/deck.apkg": "zip", "downloads/cards.txt": "q\ta",
           "downloads/cards.csv": "id,question", "downloads/notes.md": "# Notes"}
    for name in theme_files:
        for root in (theme, site):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"theme: {name}")
    for name, text in own.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    return site, theme


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def test_pages_own_files_and_the_theme_files_a_page_loads_are_precached(built):
    site, theme = built
    found = precache.precache_list(site, [theme])
    assert sorted(entry.path for entry in found.files) == [
        "", "404.html", "assets/favicon.svg", "assets/figures/curve.svg", "assets/javascripts/bundle.js",
        "assets/javascripts/workers/search.js", "assets/lesson-answers.js", "assets/lesson.css",
        "assets/stylesheets/main.css", "practice/", "practice/lesson-variants/part_a.json",
        "search/search_index.json"]
    # Not precached: source maps, search languages English needs not, the theme's unused favicon,
    # the sitemaps (for search engines), and the downloads.


def test_downloads_are_left_to_the_learner(built):
    site, theme = built
    found = precache.precache_list(site, [theme])
    # PDFs, Anki packages, text files and CSVs, and whatever a page links with `download`.
    assert sorted(entry.path for entry in found.downloads) == [
        "downloads/cards.csv", "downloads/cards.txt", "downloads/deck.apkg", "downloads/deck.pdf",
        "downloads/notes.md"]


def test_each_entry_has_its_files_size_and_content_hash(built):
    site, theme = built
    found = precache.precache_list(site, [theme])
    entries = {entry.path: entry for entry in found.files + found.downloads}
    for path, name in (("practice/", "practice/index.html"), ("assets/lesson.css", "assets/lesson.css"),
                       ("downloads/deck.pdf", "downloads/deck.pdf")):
        assert entries[path].hash == _sha(site / name)
        assert entries[path].size == (site / name).stat().st_size
    assert found.bytes == sum((site / name).stat().st_size for name in (
        "index.html", "404.html", "assets/favicon.svg", "assets/figures/curve.svg",
        "assets/javascripts/bundle.js", "assets/javascripts/workers/search.js",
        "assets/lesson-answers.js", "assets/lesson.css", "assets/stylesheets/main.css",
        "practice/index.html", "practice/lesson-variants/part_a.json", "search/search_index.json"))


def test_a_changed_file_changes_its_own_hash_and_the_version_only(built):
    site, theme = built
    before = precache.precache_list(site, [theme])
    (site / "assets/lesson.css").write_text("body { color: black; }")
    after = precache.precache_list(site, [theme])
    changed = {entry.path for entry in set(after.files) - set(before.files)}
    assert changed == {"assets/lesson.css"}
    assert after.downloads == before.downloads
    assert after.version != before.version
    assert precache.precache_list(site, [theme]).version == after.version  # reproducible


def test_the_search_workers_languages_are_precached_when_it_loads_them(built):
    site, theme = built
    (site / "search/search_index.json").write_text(json.dumps({"config": {"lang": ["de", "ja", "en"]}}))
    found = {entry.path for entry in precache.precache_list(site, [theme]).files}
    lunr = "assets/javascripts/lunr/"
    assert {lunr + "min/lunr.stemmer.support.min.js", lunr + "min/lunr.de.min.js",
            lunr + "min/lunr.multi.min.js", lunr + "tinyseg.js"} <= found


def test_the_worker_lists_every_entry_and_reports_the_bytes(built):
    site, theme = built
    script, report = worker.service_worker(site, [theme])
    (site / worker.WORKER).write_bytes(script)
    found = precache.precache_list(site, [theme], leave_out={worker.WORKER})
    text = script.decode("utf-8")
    files = json.loads(re.search(r"^var FILES = (.*);$", text, re.M).group(1))
    downloads = json.loads(re.search(r"^var DOWNLOADS = (.*);$", text, re.M).group(1))
    assert files == {entry.path: entry.hash for entry in found.files}
    assert downloads == {entry.path: entry.hash for entry in found.downloads}
    assert f'var PRECACHE = PREFIX + "{found.version}";' in text  # a new cache for a new version
    assert f"precaches {len(found.files)} files, {found.bytes:,} bytes" in report
    # sw.js never precaches itself, and is written again identical.
    assert worker.WORKER not in files and worker.service_worker(site, [theme])[0] == script


def test_the_worker_is_written_at_the_root_and_never_under_serve(built):
    site, theme = built
    assert worker.write_worker(site, [theme], serving=True) is None
    assert not (site / worker.WORKER).exists()
    written = worker.write_worker(site, [theme])
    assert written == site / worker.WORKER and written.read_bytes() == worker.service_worker(site, [theme])[0]
