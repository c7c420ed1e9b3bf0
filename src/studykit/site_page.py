"""The lesson's parts in a page's HTML: math, flashcards, figures, explorers and answer boxes."""

from studykit.cards import page as cards_page
from studykit.core import formulas, templates
from studykit.core.assets import compact_html
from studykit.core.errors import LessonDataError
from studykit.figures import page as figures_page
from studykit.offline import page as offline_page
from studykit.practice import page as practice_page
from studykit.progress import panel as progress_panel
from studykit.worksheet.downloads import printables


def page_content(site, build, html, where, relative, serving=False) -> tuple[str, list]:
    """(a page's HTML with its math typeset and every part it asks for in place, the assets they
    load: scripts and stylesheets, in order); relative(path) links a site path from the page;
    serving: under `mkdocs serve`, where no page is kept offline."""
    html, assets = formulas.typeset(html, "mathml"), []
    if cards_page.MARKER in html or cards_page.DOWNLOADS in html:
        found, missing = sorted((cards_page.MARKER, cards_page.DOWNLOADS), key=lambda m: m not in html)
        if missing not in html:  # "Print flashcards" prints the grid; the deck's downloads need a place
            raise LessonDataError(f"{found} needs {missing} on the same page, under a heading of its own")
        html = html.replace(cards_page.MARKER, cards_page.flashcards_html(site.cards, site.identity))
        html = html.replace(cards_page.DOWNLOADS, cards_page.downloads_html(
            site.identity, relative, printables(site.identity, relative), offline_page.keep_downloads()))
        assets += cards_page.ASSETS
    if progress_panel.MARKER in html:  # before the practice script, which reads what it scheduled
        labels = {exercise.name: exercise.label for exercise in site.lesson.exercises}
        parts = [(part, labels[part]) for part in build.practice.get(where, {})]
        html = html.replace(progress_panel.MARKER, progress_panel.panel_html(site.identity.slug, parts))
        assets += progress_panel.ASSETS
    if where in build.practice:
        assets += practice_page.ASSETS
    names = [spec.name for spec in site.lesson.figures]
    html, more = figures_page.with_figures(html, names, build.figures, site.identity, relative, where)
    assets += more
    html, more = figures_page.with_explorers(html, site.explorers, site.lesson.package, where)
    assets += more
    html, more = offline_page.with_notice(html, relative, serving)
    return html, list(dict.fromkeys(assets + more))


def finished_page(site, build, output, where, relative) -> str:
    """The built page with each exercise's answer boxes before its worked answer, compacted."""
    return compact_html(
        practice_page.answer_boxes(output, build.practice.get(where, {}), site.lesson.exercises, relative))


def problems(messages) -> str:
    """The page `mkdocs serve` shows while the lesson's data is broken."""
    return templates.render("core/templates/problems.html", problems=messages)
