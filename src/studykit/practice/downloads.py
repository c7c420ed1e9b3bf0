"""The "new numbers" of a page's exercises, as the files its script fetches, kept in the cache."""

import json
from pathlib import Path

from studykit.core import cache
from studykit.practice import html

TEMPLATES = Path(__file__).with_name("templates")


def practice_entry(page, source, first_line, context, lesson, variants, cache_dir, site_markdown):
    """Where a page's exercises are kept in cache_dir, or None for a page without exercises.

    page is the page's source path ("practice.md"); source is its Markdown before filling, from line
    first_line of its file. They are rendered again only when what shapes them changed: the page's
    text, the values, the variants, the kit's and the lesson's code, the templates, or the site's
    Markdown (its config file, and the versions of the modules it runs).
    """
    if not html.exercises_in(source):
        return None
    inputs = {"page": page, "line": first_line, "source": source, "values": context, "variants": variants}
    key = cache.content_key(inputs, ["studykit.practice.html", lesson.module, *site_markdown.modules()],
                            [*cache.folder_files(TEMPLATES), site_markdown.config_file])
    return cache.cache_entry(Path(cache_dir) / "practice" / page.replace("/", "-"), key, ".json")


def practice_json(page, source, first_line, context, exercises, variants, site_markdown) -> bytes:
    """Each exercise of the page with its variants' checks and HTML, as the cache keeps them."""
    found = html.render_variants(source, page, first_line, context, exercises, variants, site_markdown.to_html)
    return json.dumps(found, sort_keys=True).encode()


def practice_files(data, folder) -> tuple[dict, dict]:
    """(the files the page's script fetches, by site path; each exercise by part) from the cache's
    data; folder is the one the page's HTML is built in ("practice/")."""
    found, files = json.loads(data), {}
    for part, exercise in found.items():
        exercise["uri"] = f"{folder}lesson-variants/{part}.json"
        files[exercise["uri"]] = html.variants_json(exercise).encode("utf-8")
    return files, found
