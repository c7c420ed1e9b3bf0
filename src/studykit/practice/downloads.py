"""The "new numbers" of a page's exercises, as the files its script fetches, kept in the cache."""

import json
from pathlib import Path

from studykit.core import cache
from studykit.practice import html

TEMPLATES = Path(__file__).with_name("templates")


def practice_downloads(page, folder, source, first_line, context, lesson, variants, to_html, cache_dir,
                       markdown_setup, markdown_code=()):
    """(files by site path, each exercise of the page by part) for a page's Markdown source.

    page is the page's source path ("practice.md") and folder the folder its HTML is built in
    ("practice/"); source is its Markdown before filling, from line first_line of its file. Rendered
    again only when what shapes them changed: the page's text, the values, the variants, the kit's
    and the lesson's code, the templates, or the site's Markdown: markdown_setup (its config file)
    and markdown_code (the modules it runs, whose versions count).
    """
    if not html.exercises_in(source):
        return {}, {}
    inputs = {"page": page, "line": first_line, "source": source, "values": context, "variants": variants}
    key = cache.content_key(inputs, ["studykit.practice.html", lesson.module, *markdown_code],
                            [*cache.folder_files(TEMPLATES), markdown_setup])

    def _render():
        found = html.render_variants(source, page, first_line, context, lesson.exercises, variants, to_html)
        return json.dumps(found, sort_keys=True).encode()

    found = json.loads(cache.cached(Path(cache_dir) / "practice" / page.replace("/", "-"), key, ".json",
                                    _render))
    files = {}
    for part, exercise in found.items():
        exercise["uri"] = f"{folder}lesson-variants/{part}.json"
        files[exercise["uri"]] = html.variants_json(exercise).encode("utf-8")
    return files, found
