"""One build of a lesson's site, without MkDocs: what it reads, and every file it adds to the site."""

import dataclasses
from pathlib import Path

from studykit.cards.cardfile import read_cards
from studykit.cards.downloads import card_downloads
from studykit.core import pages
from studykit.core.cache import from_cache, template_cache
from studykit.core.identity import Identity, from_extra
from studykit.figures.downloads import figure_downloads, figures_entry, figures_json, from_json
from studykit.lesson import Lesson, load_lesson
from studykit.offline.manifest import App, AppSource, app_files, read_app
from studykit.practice import exercise, variants
from studykit.practice.downloads import practice_entry, practice_files, practice_json
from studykit.worksheet import content as worksheet_content
from studykit.worksheet.downloads import worksheet_downloads

PDF_CACHES = ("deck", "worksheet")  # the PDFs' folders in the cache
WORKSHEET_PAGE = "practice.md"  # the page the worksheet is made from
PDF_RENDERER = ("studykit.core.pdf", "warm_up")  # what the render worker loads before its first PDF
# Under serve, the cache folders whose new entries (rendered by the worker) call for a rebuild.
CACHE_WATCHED = ("figures", "practice")


@dataclasses.dataclass(frozen=True)
class Site:
    """What one build has read and computed: the lesson, its cards and values, before any page."""

    docs_dir: Path
    cache_dir: Path
    identity: Identity
    lesson: Lesson
    cards: list
    values: dict  # the pages' values: each exercise's by prefix ("a", "b", ...), the lesson's, the cards'
    failures: dict  # exercises that failed to compute, by prefix: the page that uses one names it
    variants: dict  # each exercise's inputs, the lesson's first, then the "new numbers"
    explorers: dict  # each explorer's settings, by name
    app: App | None = None  # the installed app: its manifest and icons

    @property
    def card_file(self) -> Path:
        """The one card file."""
        return self.docs_dir / "data" / "flashcards.yml"

    @property
    def templates(self):
        """Compiled templates (the pages', the theme's), kept in the cache between builds."""
        return template_cache(self.cache_dir / "templates")

    def context(self) -> dict:
        """What pages are filled with: every value, and a stand-in naming each failed exercise."""
        failed = {prefix: pages.failed(prefix, failure) for prefix, failure in self.failures.items()}
        return {**self.values, **failed}


@dataclasses.dataclass(frozen=True)
class Build:
    """What a build adds: files by site path (bytes, or the cache entry a PDF is rendered to), the
    figures by name, and each page's exercises with answer boxes (by the page's source path)."""

    files: dict
    figures: dict
    practice: dict


@dataclasses.dataclass(frozen=True)
class PageSource:
    """A page's Markdown: its source path, the folder its HTML is built in, its body and first line."""

    src: str  # "practice.md"
    folder: str  # "practice/" for practice/index.html, "" for index.html
    body: str  # after the front matter
    first_line: int  # of the body in the file


def read_site(docs_dir, cache_dir, extra, config_file, lesson_module,
              app_source: AppSource | None = None) -> Site:
    """Read the identity, the lesson, the cards, the exercises and what the app's manifest is made
    from (app_source); LessonDataError names the file and field."""
    data, lesson = Path(docs_dir) / "data", load_lesson(lesson_module)
    identity = from_extra(extra, config_file)
    cards = read_cards(data / "flashcards.yml")
    inputs = exercise.read_inputs(data / "exercises.yml", lesson.exercises)
    values, failures = exercise.page_values(inputs, lesson.exercises)
    values.update(pages.lesson_values(identity, cards))
    explorers = {} if failures or lesson.explorers is None else lesson.explorers(inputs)
    app = read_app(app_source, identity.title) if app_source else None
    return Site(Path(docs_dir), Path(cache_dir), identity, lesson, cards, values, failures,
                variants.all_variants(lesson.exercises, inputs), explorers, app)


def pdf_uncached(cache_dir) -> bool:
    """Whether a PDF has nothing in its cache folder (as in a fresh clone), so it will be rendered."""
    return any(not any(Path(cache_dir, folder).glob("*.pdf")) for folder in PDF_CACHES)


def build_files(site, pool, page_sources, site_markdown) -> Build:
    """Every file the lesson adds to the site, the PDFs on their way through pool; page_sources are
    the site's pages (PageSource), site_markdown its Markdown (core.markdown.SiteMarkdown).

    Under `mkdocs serve` (pool.serving), what is not cached yet (the figures, the new numbers) is
    left to the worker, first, so the first page answers at once; the server rebuilds once it is
    kept (see CACHE_WATCHED). A build hands the worker the PDFs first (the longest renders), then
    makes everything else before it writes a page.
    """
    files, figures, practice = {}, {}, {}
    if not pool.serving:
        files.update(_pdfs(site, pool, page_sources, site_markdown))
    entry = figures_entry(site.lesson.figures, site.lesson.figure_seed, site.cache_dir)
    if pool.serving and not entry.is_file():
        pool.keep("figures", entry, _figures_json, site.lesson.module)
    else:
        figures = from_json(from_cache(entry, lambda: figures_json(site.lesson.figures, site.lesson.figure_seed)))
        files.update(figure_downloads(figures, site.identity))
    for page in page_sources if not site.failures else ():  # else filling the page names the failure
        entry = practice_entry(page.src, page.body, page.first_line, site.values, site.lesson,
                               site.variants, site.cache_dir, site_markdown)
        if entry is None:
            continue
        text = (page.src, page.body, page.first_line, site.values)
        if pool.serving and not entry.is_file():
            pool.keep(f"practice:{page.src}", entry, _practice_json, site.lesson.module, *text, site.variants,
                      site_markdown)
            continue
        found, practice[page.src] = practice_files(from_cache(entry, lambda: practice_json(
            *text, site.lesson.exercises, site.variants, site_markdown)), page.folder)
        files.update(found)
    if site.app:
        files.update(app_files(site.app, site.cache_dir, pool))
    if pool.serving:
        files.update(_pdfs(site, pool, page_sources, site_markdown))
    return Build(files, figures, {src: found for src, found in practice.items() if found})


def _pdfs(site, pool, page_sources, site_markdown):
    """The worksheets (the longest renders), then the card downloads, the deck among them."""
    files = {}
    if not site.failures:  # else the page itself stops the build, naming the value and its line
        files.update(worksheet_downloads(_worksheet(site, page_sources, site_markdown), site.identity,
                                         site.cache_dir, pool))
    files.update(card_downloads(site.cards, site.identity, site.card_file, site.cache_dir, pool))
    return files


def _figures_json(lesson_module):
    """In the render worker: the lesson's figures, as the cache keeps them."""
    lesson = load_lesson(lesson_module)
    return figures_json(lesson.figures, lesson.figure_seed)


def _practice_json(lesson_module, page, source, first_line, context, variants, site_markdown):
    """In the render worker: a page's exercises and their variants, as the cache keeps them."""
    exercises = load_lesson(lesson_module).exercises  # the worker's own: declarations hold functions
    return practice_json(page, source, first_line, context, exercises, variants, site_markdown)


def _worksheet(site, page_sources, site_markdown):
    """The worksheet's text, from its page filled and parsed as the site parses it."""
    page = next((page for page in page_sources if page.src == WORKSHEET_PAGE), None)
    if page is None:
        raise worksheet_content.WorksheetError(f"{site.docs_dir / WORKSHEET_PAGE}: the worksheet's page is missing")
    filled = pages.fill(page.body, site.values, page.src, page.first_line, site.templates)
    return worksheet_content.from_page(site_markdown.to_html(filled), site.lesson.exercises, page.src)
