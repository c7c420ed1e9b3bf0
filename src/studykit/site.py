"""One build of a lesson's site, without MkDocs: what it reads, and every file it adds to the site."""

import dataclasses
from pathlib import Path

from studykit.cards.cardfile import read_cards
from studykit.cards.downloads import card_downloads
from studykit.core import pages
from studykit.core.cache import template_cache
from studykit.core.identity import Identity, from_extra
from studykit.figures.downloads import cached_figures, figure_downloads
from studykit.lesson import Lesson, load_lesson
from studykit.practice import exercise, variants
from studykit.practice.downloads import practice_downloads
from studykit.worksheet import content as worksheet_content
from studykit.worksheet.downloads import worksheet_downloads

PDF_CACHES = ("deck", "worksheet")  # the PDFs' folders in the cache
WORKSHEET_PAGE = "practice.md"  # the page the worksheet is made from
PDF_RENDERER = ("studykit.core.pdf", "warm_up")  # what the render worker loads before its first PDF


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


def read_site(docs_dir, cache_dir, extra, config_file, lesson_module) -> Site:
    """Read the identity, the lesson, the cards and the exercises; LessonDataError names the file and field."""
    data, lesson = Path(docs_dir) / "data", load_lesson(lesson_module)
    identity = from_extra(extra, config_file)
    cards = read_cards(data / "flashcards.yml")
    inputs = exercise.read_inputs(data / "exercises.yml", lesson.exercises)
    values, failures = exercise.page_values(inputs, lesson.exercises)
    values.update(pages.lesson_values(identity, cards))
    explorers = {} if failures or lesson.explorers is None else lesson.explorers(inputs)
    return Site(Path(docs_dir), Path(cache_dir), identity, lesson, cards, values, failures,
                variants.all_variants(lesson.exercises, inputs), explorers)


def pdf_uncached(cache_dir) -> bool:
    """Whether a PDF has nothing in its cache folder (as in a fresh clone), so it will be rendered."""
    return any(not any(Path(cache_dir, folder).glob("*.pdf")) for folder in PDF_CACHES)


def build_files(site, pool, page_sources, to_html, markdown_setup, markdown_code=()) -> Build:
    """Every file the lesson adds to the site, the PDFs on their way through pool; page_sources are
    the site's pages (PageSource), to_html the site's Markdown, markdown_setup its config file and
    markdown_code the modules it runs."""
    files = {}  # the worksheets first: the worker takes the longest renders, the build the deck
    if not site.failures:  # else the page itself stops the build, naming the value and its line
        files.update(worksheet_downloads(_worksheet(site, page_sources, to_html), site.identity,
                                         site.cache_dir, pool))
    files.update(card_downloads(site.cards, site.identity, site.card_file, site.cache_dir, pool))
    figures = cached_figures(site.lesson.figures, site.lesson.figure_seed, site.cache_dir)
    files.update(figure_downloads(figures, site.identity))
    practice = {}
    for page in page_sources:
        if site.failures:
            break  # filling the page names the failure
        found, practice[page.src] = practice_downloads(
            page.src, page.folder, page.body, page.first_line, site.values, site.lesson, site.variants,
            to_html, site.cache_dir, markdown_setup, markdown_code)
        files.update(found)
    return Build(files, figures, {src: found for src, found in practice.items() if found})


def _worksheet(site, page_sources, to_html):
    """The worksheet's text, from its page filled and parsed as the site parses it."""
    page = next((page for page in page_sources if page.src == WORKSHEET_PAGE), None)
    if page is None:
        raise worksheet_content.WorksheetError(f"{site.docs_dir / WORKSHEET_PAGE}: the worksheet's page is missing")
    filled = pages.fill(page.body, site.values, page.src, page.first_line, site.templates)
    return worksheet_content.from_page(to_html(filled), site.lesson.exercises, page.src)
