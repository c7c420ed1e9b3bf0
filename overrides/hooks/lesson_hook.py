"""MkDocs hook: computed values, flashcards, figures, explorers, typeset math and the downloads."""

import dataclasses
import posixpath
from pathlib import Path

import lesson
from lesson import (anki, cards, deck_cache, errors, exercises, explorers, exports, figure_cache, fmt,
                    formulas, identity, page_parts, pages, practice_html, variants, worksheet_content)
from markdown import Markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

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
    variants: dict = dataclasses.field(default_factory=dict)  # each exercise's inputs, per variant
    practice: dict = dataclasses.field(default_factory=dict)  # by page: each exercise's boxes, per variant
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
        _build.variants = variants.all_variants(inputs)
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
    """Add the downloads (deck, Anki package, text exports, worksheets) and the figures."""
    for file in [f for f in files if f.src_uri.startswith(("deck/", "worksheet/"))]:
        files.remove(file)
    if _build.problems:
        return
    cache_dir = Path(config.config_file_path).parent / ".cache"
    try:
        pdf = deck_cache.cached_deck(_build.cards, _build.lesson, cache_dir / "deck", _render_deck)
        apkg = anki.render_apkg(_build.cards, _build.lesson)
        texts = {e.name: e.render(_build.cards, _build.lesson).encode("utf-8") for e in exports.FORMATS}
    except errors.LessonDataError as error:
        return _fail(errors.LessonDataError(f"{config.docs_dir}/data/flashcards.yml: {error}"))
    for name, content in {"flashcards.pdf": pdf, "flashcards.apkg": apkg, **texts}.items():
        files.append(File.generated(config, _build.lesson.download(name), content=content))
    _build.figures = figure_cache.cached_figures(cache_dir / "figures")
    for name, figure in _build.figures.items():
        files.append(File.generated(config, _FIGURE_SVG.format(name), content=figure.svg))
        files.append(File.generated(config, _build.lesson.download(f"{name}.csv"), content=figure.csv))
    if not _build.failures:  # else the page itself stops the build, naming the value and its line
        _add_worksheets(files, config)
    _add_practice(files, config)


def _add_worksheets(files, config):
    """Add the worksheet PDFs, rendered only when their text, sources or date changed."""
    cache_dir = Path(config.config_file_path).parent / ".cache" / "worksheet"
    try:
        content = worksheet_content.from_page(_build.values, Path(config.docs_dir) / "practice.md")
        for size in worksheet_content.SIZES:
            pdf = worksheet_content.cached_worksheet(content, _build.lesson, cache_dir, _render_worksheet, size)
            files.append(File.generated(config, _build.lesson.download(f"worksheet-{size}.pdf"), content=pdf))
    except errors.LessonDataError as error:
        _fail(error)


def on_page_markdown(markdown, page, config, files):
    """Fill in the page's computed values and sentences; an unknown value stops the build."""
    if _build.problems:
        return _problems_html(config)
    context = {**_build.values, **{prefix: pages.failed(prefix, failure)
                                   for prefix, failure in _build.failures.items()}}
    body_line = _body_line(page.file.content_string, markdown)
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
    if page.file.src_uri in _build.practice:
        _use_assets(page, "assets/lesson-practice.js", "assets/lesson-practice.css")
    try:
        return _render_figures(html, page, config)
    except errors.LessonDataError as error:
        _fail(error)
        return _problems_html(config)


def on_post_page(output, page, config):
    """Put the answer boxes before each worked answer: after the search index read the page, so not in it."""
    if _build.problems:
        return output
    template = config.theme.get_env().get_template("partials/lesson-check.html")
    for part, exercise in _build.practice.get(page.file.src_uri, {}).items():
        # lesson-practice.js loads the answer checker when a box is first used: not on every visit.
        urls = {"url": get_relative_url(exercise["uri"], page.url),
                "checker": get_relative_url("assets/lesson-answers.js", page.url)}
        section = template.render(part=part, checks=exercise["variants"][0]["checks"],
                                  spec=practice_html.page_spec(exercise, urls))
        output = practice_html.enhance(output, part, section)
    return output


def _add_practice(files, config):
    """Render every variant of each exercise into a file that its page fetches on "New numbers"."""
    if _build.failures:
        return  # filling the page names the failure
    boxes = config.theme.get_env().get_template("partials/lesson-check-boxes.html").module.boxes
    to_html = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    for file in files.documentation_pages():
        body = get_data(file.content_string)[0]
        if not practice_html.exercises_in(body):
            continue
        try:
            exercises_of_page = practice_html.render_variants(
                body, file.src_uri, _body_line(file.content_string, body), _build.values, _build.variants,
                lambda text: to_html.reset().convert(text), boxes)
        except errors.LessonDataError as error:
            return _fail(error)
        for part, exercise in exercises_of_page.items():
            exercise["uri"] = posixpath.join(posixpath.dirname(file.dest_uri), "lesson-variants", f"{part}.json")
            files.append(File.generated(config, exercise["uri"], content=practice_html.variants_json(exercise)))
        _build.practice[file.src_uri] = exercises_of_page


def _body_line(source, body):
    """The line of a page's source file that its body (after the front matter) starts on."""
    return source[:len(source) - len(body)].count("\n") + 1


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


def _render_worksheet(content, sheet_lesson, **options):
    # Loaded on a cache miss only, like the deck.
    return lesson.load("worksheet", fresh=_command == "serve").render_worksheet(content, sheet_lesson, **options)


def _render_cards(page, config):
    card_html = cards.card_html
    items = [{"id": c.id, "question": _unwrap_paragraph(card_html(c.question, "mathml")),
              "answer": card_html(c.answer, "mathml")} for c in _build.cards]
    _use_assets(page, "assets/lesson-flashcards.js", "assets/lesson-study.js", "assets/lesson-study.css",
                "assets/lesson-worksheet.css")
    template = config.theme.get_env().get_template("partials/lesson-flashcards.html")

    def url(name):
        return get_relative_url(_build.lesson.download(name), page.url)

    return template.render(
        cards=items, slug=_build.lesson.slug, pdf_url=url("flashcards.pdf"), anki_url=url("flashcards.apkg"),
        exports=[{"url": url(e.name), "label": e.label, "purpose": e.purpose} for e in exports.FORMATS],
        worksheets=[{"url": url(f"worksheet-{size}.pdf"), "label": {"a4": "A4"}.get(size, size.title())}
                    for size in worksheet_content.SIZES])


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
