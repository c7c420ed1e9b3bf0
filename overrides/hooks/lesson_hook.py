"""MkDocs hook: computed values, flashcards, figures, explorers, typeset math and the downloads."""

import dataclasses
from pathlib import Path

import lesson
from lesson import (anki, cards, deck_cache, errors, exercises, explorers, figure_cache, fmt,
                    formulas, identity, page_parts, pages)
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

_CARDS_MARKER = "<!-- flashcards -->"
_FIGURE_SVG = "assets/figures/{}.svg"


@dataclasses.dataclass
class _Build:
    """What one build has read and computed, shared by the events of that build."""

    lesson: identity.Identity
    cards: list[cards.Card]
    values: dict  # exercise values by page prefix ("a", "b", ...), plus the lesson and the cards
    failures: dict[str, errors.LessonDataError]  # exercises that failed to compute, by prefix
    problems: list[str] = dataclasses.field(default_factory=list)  # shown in the browser by `serve`
    figures: dict = dataclasses.field(default_factory=dict)  # lesson.figures.Figure by name
    explorers: dict = dataclasses.field(default_factory=dict)  # each explorer's settings by name


_command = "build"  # "serve" while `mkdocs serve` runs: a data error then shows in the browser
_build: _Build | None = None


def on_startup(command, dirty):
    """Remember whether this process serves the site, for the life of the process."""
    global _command
    _command = command


def on_config(config):
    """Reload the package, then read the identity, every card and every value, before writing."""
    global _build
    if _command == "serve":  # a long-running server must use the code as edited since it started
        lesson.reload_modules()
    data = Path(config.docs_dir) / "data"
    _build = _Build(identity.Identity("", "", ""), [], {}, {})
    try:
        _build.lesson = identity.from_extra(config.extra, config.config_file_path)
        _build.cards = cards.load_cards(data / "flashcards.yml")
        inputs = exercises.load_inputs(data / "exercises.yml")
        values, _build.failures = exercises.page_values(inputs)
        if not {"a", "b"} & _build.failures.keys():  # else the page names the failed exercise
            _build.explorers = explorers.settings(inputs)
    except errors.LessonDataError as error:
        return _fail(error)
    _build.values = {**values, "lesson": dataclasses.asdict(_build.lesson),
                     "cards": {"count": len(_build.cards), "words": fmt.words(len(_build.cards))}}
    if _command == "serve":  # the author sees every failure now; a build names the page first
        for failure in _build.failures.values():
            _fail(failure)


def on_files(files, config):
    """Add the PDF deck, the Anki package and the figures; keep the deck's template files out."""
    for file in [f for f in files if f.src_uri.startswith("deck/")]:
        files.remove(file)
    if _build.problems:
        return
    cache_dir = Path(config.config_file_path).parent / ".cache"
    try:
        pdf = deck_cache.cached_deck(_build.cards, _build.lesson, cache_dir / "deck", _render_deck)
        apkg = anki.render_apkg(_build.cards, _build.lesson)
    except errors.LessonDataError as error:
        return _fail(errors.LessonDataError(f"{config.docs_dir}/data/flashcards.yml: {error}"))
    files.append(File.generated(config, _build.lesson.download("flashcards.pdf"), content=pdf))
    files.append(File.generated(config, _build.lesson.download("flashcards.apkg"), content=apkg))
    _build.figures = figure_cache.cached_figures(cache_dir / "figures")
    for name, figure in _build.figures.items():
        files.append(File.generated(config, _FIGURE_SVG.format(name), content=figure.svg))
        csv = _build.lesson.download(f"{name}.csv")
        files.append(File.generated(config, csv, content=figure.csv))


def on_page_markdown(markdown, page, config, files):
    """Fill in the page's computed values and sentences; an unknown value stops the build."""
    if _build.problems:
        return _problems_html(config)
    context = {**_build.values, **{prefix: pages.failed(prefix, failure)
                                   for prefix, failure in _build.failures.items()}}
    source = page.file.content_string
    body_line = source[:len(source) - len(markdown)].count("\n") + 1  # after the front matter
    try:
        for key, value in page.meta.items():
            if isinstance(value, str):
                page.meta[key] = pages.fill(value, context, f"{page.file.src_uri} (front matter)")
        return pages.fill(markdown, context, page.file.src_uri, body_line)
    except errors.LessonDataError as error:
        _fail(error)
        return _problems_html(config)


def on_env(env, config, files):
    """Stop on a failed value that no page asked for, before any page is written."""
    if _build.failures and _command != "serve":
        raise PluginError(str(next(iter(_build.failures.values()))))


def on_page_content(html, page, config, files):
    """Typeset the math as MathML; render the flashcards, figures and explorers the page asks for."""
    if _build.problems:
        return _problems_html(config)
    try:
        html = formulas.typeset(html, "mathml")
    except formulas.FormulaError as error:
        _fail(errors.LessonDataError(f"{page.file.src_uri}: {error}"))
        return _problems_html(config)
    if _CARDS_MARKER in html:
        html = html.replace(_CARDS_MARKER, _render_cards(page, config))
    try:
        return _render_figures(html, page, config)
    except errors.LessonDataError as error:
        _fail(error)
        return _problems_html(config)


def _fail(error):
    """Stop `mkdocs build` with the error; under `mkdocs serve`, show it on every page instead."""
    if _command != "serve":
        raise PluginError(str(error)) from error
    _build.problems.append(str(error))


def _problems_html(config):
    """The page `mkdocs serve` shows while the lesson's data is broken."""
    template = config.theme.get_env().get_template("partials/lesson-problems.html")
    return template.render(problems=_build.problems)


def _render_deck(deck_cards, deck_lesson, **options):
    # Loaded on a cache miss only: importing WeasyPrint takes longer than the rest of the build.
    deck = lesson.load("deck", fresh=_command == "serve")
    return deck.render_deck(deck_cards, deck_lesson, **options)


def _render_cards(page, config):
    card_html = cards.card_html
    items = [{"id": c.id, "question": _unwrap_paragraph(card_html(c.question, "mathml")),
              "answer": card_html(c.answer, "mathml")} for c in _build.cards]
    _use_assets(page, "assets/lesson-flashcards.js")
    template = config.theme.get_env().get_template("partials/lesson-flashcards.html")
    return template.render(
        cards=items,
        pdf_url=get_relative_url(_build.lesson.download("flashcards.pdf"), page.url),
        anki_url=get_relative_url(_build.lesson.download("flashcards.apkg"), page.url))


def _render_figures(html, page, config):
    """Put each figure and explorer the page asks for (<!-- figure NAME -->) in its place."""
    env = config.theme.get_env()

    def figure(name):
        _use_assets(page, "assets/lesson-figures.css")
        width, height = page_parts.image_size(_build.figures[name].svg)
        return env.get_template("partials/lesson-figure.html").render(
            figure=_build.figures[name], width=width, height=height,
            svg_url=get_relative_url(_FIGURE_SVG.format(name), page.url),
            csv_url=get_relative_url(_build.lesson.download(f"{name}.csv"), page.url))

    def explorer(name):
        _use_assets(page, "assets/lesson-explorer.js", "assets/lesson-figures.css")
        template = env.get_template(f"partials/lesson-explorer-{name}.html")
        return template.render(settings=_build.explorers[name])

    where = page.file.src_uri
    html = page_parts.replace_markers(html, "figure", _build.figures, figure, where)
    return page_parts.replace_markers(html, "explorer", _build.explorers, explorer, where)


def _use_assets(page, *paths):
    """Load these scripts (.js) and stylesheets (.css) on this page only (see overrides/main.html)."""
    for path in paths:
        kind = "lesson_scripts" if path.endswith(".js") else "lesson_styles"
        if path not in page.meta.setdefault(kind, []):
            page.meta[kind].append(path)


def _unwrap_paragraph(html):
    # A question sits inside <summary>, which may only hold phrasing content.
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
