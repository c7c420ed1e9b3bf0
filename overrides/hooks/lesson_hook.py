"""MkDocs hook: computed values, flashcards, typeset math and the downloads of the lesson pages."""

import dataclasses
from pathlib import Path

import lesson
from lesson import anki, cards, deck_cache, errors, exercises, exports, fmt, formulas, identity, pages
from lesson import worksheet_content
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

_CARDS_MARKER = "<!-- flashcards -->"


@dataclasses.dataclass
class _Build:
    """What one build has read and computed, shared by the events of that build."""

    lesson: identity.Identity
    cards: list[cards.Card]
    values: dict  # exercise values by page prefix ("a", "b", ...), plus the lesson and the cards
    failures: dict[str, errors.LessonDataError]  # exercises that failed to compute, by prefix
    problems: list[str] = dataclasses.field(default_factory=list)  # shown in the browser by `serve`


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
    except errors.LessonDataError as error:
        return _fail(error)
    values, _build.failures = exercises.page_values(inputs)
    _build.values = {**values, "lesson": dataclasses.asdict(_build.lesson),
                     "cards": {"count": len(_build.cards), "words": fmt.words(len(_build.cards))}}
    if _command == "serve":  # the author sees every failure now; a build names the page first
        for failure in _build.failures.values():
            _fail(failure)


def on_files(files, config):
    """Add the PDF deck, the Anki package, the text exports and the worksheets; keep templates out."""
    for file in [f for f in files if f.src_uri.startswith(("deck/", "worksheet/"))]:
        files.remove(file)
    if _build.problems:
        return
    cache_dir = Path(config.config_file_path).parent / ".cache" / "deck"
    try:
        pdf = deck_cache.cached_deck(_build.cards, _build.lesson, cache_dir, _render_deck)
        apkg = anki.render_apkg(_build.cards, _build.lesson)
        texts = {e.name: e.render(_build.cards, _build.lesson).encode("utf-8") for e in exports.FORMATS}
    except errors.LessonDataError as error:
        return _fail(errors.LessonDataError(f"{config.docs_dir}/data/flashcards.yml: {error}"))
    for name, content in {"flashcards.pdf": pdf, "flashcards.apkg": apkg, **texts}.items():
        files.append(File.generated(config, _build.lesson.download(name), content=content))
    if not _build.failures:  # else the page itself stops the build, naming the value and its line
        _add_worksheets(files, config)


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
    """Typeset the math as MathML and render the flashcards where the page asks for them."""
    if _build.problems:
        return _problems_html(config)
    try:
        html = formulas.typeset(html, "mathml")
    except formulas.FormulaError as error:
        _fail(errors.LessonDataError(f"{page.file.src_uri}: {error}"))
        return _problems_html(config)
    if _CARDS_MARKER in html:
        html = html.replace(_CARDS_MARKER, _render_cards(page, config))
    return html


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
