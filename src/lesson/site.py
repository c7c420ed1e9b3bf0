"""One build of the lesson's site, without MkDocs: what it reads, and the files it adds to the site."""

import dataclasses
import json
from pathlib import Path

from lesson import PROJECT_ROOT, sources
from lesson import (anki, deck_cache, exercises, explorers, exports, figure_cache, identity,
                    pages, practice_html, renders, variants, worksheet_content)
from lesson.cards import load_cards
from lesson.errors import LessonDataError
from lesson.output import cached, content_key, template_cache

FIGURE_SVG = "assets/figures/{}.svg"
_BOXES = PROJECT_ROOT / "overrides" / "partials" / "lesson-check-boxes.html"
_DECK_CACHE, _WORKSHEET_CACHE = "deck", "worksheet"  # the PDFs' folders in the cache
_MARKDOWN_PACKAGES = ("markdown", "pymdown-extensions", "latex2mathml", "mkdocs-material")


@dataclasses.dataclass
class Site:
    """What one build has read and computed: the lesson, its cards and values, what it renders."""

    docs_dir: Path
    cache_dir: Path
    lesson: identity.Identity
    cards: list
    values: dict  # the pages' values: each exercise's by prefix ("a", "b", ...), the lesson, the cards
    failures: dict  # exercises that failed to compute, by prefix: the page that uses one names it
    variants: dict  # each exercise's inputs, the lesson's first, then the "new numbers"
    explorers: dict  # each explorer's settings, by name
    figures: dict = dataclasses.field(default_factory=dict)  # lesson.figures.Figure by name
    practice: dict = dataclasses.field(default_factory=dict)  # by page: each exercise's variants

    @property
    def templates(self):
        """Compiled templates (the pages', the theme's), kept in the cache between builds."""
        return template_cache(self.cache_dir / "templates")

    def context(self) -> dict:
        """What pages are filled with: every value, and a stand-in naming each failed exercise."""
        failed = {prefix: pages.failed(prefix, failure) for prefix, failure in self.failures.items()}
        return {**self.values, **failed}


def load(docs_dir, cache_dir, extra, config_file) -> Site:
    """Read the identity, the cards and the exercises; LessonDataError names the file and field."""
    data = Path(docs_dir) / "data"
    lesson = identity.from_extra(extra, config_file)
    cards = load_cards(data / "flashcards.yml")
    inputs = exercises.load_inputs(data / "exercises.yml")
    values, failures = exercises.page_values(inputs)
    values.update(pages.lesson_values(lesson, cards))
    settings = {} if {"a", "b"} & failures.keys() else explorers.settings(inputs)
    return Site(Path(docs_dir), Path(cache_dir), lesson, cards, values, failures,
                variants.all_variants(inputs), settings)


def pdf_uncached(cache_dir) -> bool:
    """Whether a PDF has nothing in its cache folder (as in a fresh clone), so it will be rendered."""
    folders = (Path(cache_dir, _DECK_CACHE), Path(cache_dir, _WORKSHEET_CACHE))
    return any(not any(folder.glob("*.pdf")) for folder in folders)


def card_downloads(site, pool) -> dict:
    """The deck, the Anki package and the text exports, by site path: bytes, or where the pool
    is rendering a file (a cache entry) when it is not cached yet."""
    name, card_file = site.lesson.download, site.docs_dir / "data" / "flashcards.yml"
    deck = deck_cache.deck_entry(site.cards, site.lesson, site.cache_dir / _DECK_CACHE)
    folder, key = site.cache_dir / "cards", deck_cache.cards_key(site.cards, site.lesson)
    try:
        found = {name("flashcards.pdf"): pool.get(name("flashcards.pdf"), deck, renders.deck,
                                                  site.cards, site.lesson, card_file),
                 name("flashcards.apkg"): cached(folder, key, ".apkg",
                                                 lambda: anki.render_apkg(site.cards, site.lesson))}
        for export in exports.FORMATS:
            found[name(export.name)] = cached(folder, key, f".{export.key}", lambda e=export:
                                              e.render(site.cards, site.lesson).encode("utf-8"))
    except LessonDataError as error:  # it names the card and the field; the file is known here
        raise LessonDataError(f"{card_file}: {error}") from error
    return found


def worksheet_downloads(site, pool, page="practice.md") -> dict:
    """Each size of the worksheet, by site path: bytes, or the cache entry it is being rendered to."""
    content = worksheet_content.from_page(site.values, site.docs_dir / page, page, site.templates)
    found = {}
    for size in worksheet_content.SIZES:
        entry = worksheet_content.worksheet_entry(content, site.lesson, site.cache_dir / _WORKSHEET_CACHE,
                                                  size)
        uri = site.lesson.download(f"worksheet-{size}.pdf")
        found[uri] = pool.get(uri, entry, renders.worksheet, content, site.lesson, size)
    return found


def figure_downloads(site) -> dict:
    """The figures' SVGs and the data behind them, by site path (drawn only when not cached)."""
    site.figures = figure_cache.cached_figures(site.cache_dir / "figures")
    found = {}
    for name, figure in site.figures.items():
        found[FIGURE_SVG.format(name)] = figure.svg.encode("utf-8")
        found[site.lesson.download(f"{name}.csv")] = figure.csv.encode("utf-8")
    return found


def practice_downloads(site, page, source, first_line, to_html, render_boxes, markdown_setup) -> dict:
    """The "new numbers" of each exercise on a page, as files its script fetches, by site path.

    Rendered again only when what shapes them changed: the page's text, the values, the variants,
    the package's sources, the boxes' partial, or markdown_setup (the site's config file).
    """
    if not practice_html.exercises_in(source) or site.failures:
        return {}  # no exercise here; or filling the page names the failure
    inputs = {"page": page.src, "line": first_line, "source": source, "values": site.values,
              "variants": site.variants}
    key = content_key(inputs, _MARKDOWN_PACKAGES, [*sources("practice"), _BOXES, markdown_setup])

    def _render():
        found = practice_html.render_variants(source, page.src, first_line, site.values,
                                              site.variants, to_html, render_boxes)
        return json.dumps(found, sort_keys=True).encode()

    found = json.loads(cached(site.cache_dir / "practice" / page.src.replace("/", "-"), key, ".json",
                              _render))
    files = {}
    for part, exercise in found.items():
        exercise["uri"] = f"{page.folder}lesson-variants/{part}.json"
        files[exercise["uri"]] = practice_html.variants_json(exercise).encode("utf-8")
    site.practice[page.src] = found
    return files


@dataclasses.dataclass(frozen=True)
class PageSource:
    """Where a page's Markdown comes from (docs/practice.md) and the folder its HTML is built in."""

    src: str
    folder: str  # "practice/" for practice/index.html, "" for index.html
