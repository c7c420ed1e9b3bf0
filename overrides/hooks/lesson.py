"""MkDocs hook: computed numbers, flashcards, typeset math and the downloads for the lesson pages."""

import importlib
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

_SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(_SCRIPTS))
# Import the package now: MkDocs restores sys.path once this hook has loaded, and the submodules
# below are then found through the package's own __path__.
import lesson  # noqa: E402, F401

# Reload order follows the imports between the modules, so `mkdocs serve` picks up edits.
_MODULES = ("errors", "output", "fmt", "reference", "latex_text", "formulas", "cards",
            "exercises", "deck_cache", "anki")
_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_CARDS_MARKER = "<!-- flashcards -->"
DECK_URI = "downloads/loss-and-optimization-flashcards.pdf"
ANKI_URI = "downloads/loss-and-optimization-flashcards.apkg"
_state = {}


def on_config(config):
    """Reload the reference code, then compute every value and load every card, before writing."""
    mods = {name: importlib.reload(importlib.import_module(f"lesson.{name}")) for name in _MODULES}
    data = Path(config.docs_dir) / "data"
    try:
        inputs = mods["exercises"].load_inputs(data / "exercises.yml")
        cards = mods["cards"].load_cards(data / "flashcards.yml")
    except mods["errors"].LessonDataError as err:
        raise PluginError(str(err)) from err
    values, failures = mods["exercises"].page_values(inputs)
    values["cards.count"] = mods["fmt"].count(len(cards))
    _state.update(mods=mods, values=values, failures=failures, cards=cards,
                  cards_file=data / "flashcards.yml")


def on_files(files, config):
    """Add the PDF deck and the Anki package to the site; keep the deck's template files out."""
    for file in [f for f in files if f.src_uri.startswith("deck/")]:
        files.remove(file)
    mods, cards = _state["mods"], _state["cards"]
    cache_dir = Path(config.config_file_path).parent / ".cache" / "deck"
    try:
        pdf = mods["deck_cache"].cached_deck(cards, cache_dir, _render_deck)
        apkg = mods["anki"].render_apkg(cards)
    except mods["errors"].LessonDataError as err:
        raise PluginError(f"{_state['cards_file']}: {err}") from err
    files.append(File.generated(config, DECK_URI, content=pdf))
    files.append(File.generated(config, ANKI_URI, content=apkg))


def on_page_markdown(markdown, page, config, files):
    """Put each computed value where its placeholder stands; an unknown key stops the build."""
    values = _state["values"]

    def _value(match):
        key = match.group(1)
        failure = _state["failures"].get(key.partition(".")[0])
        if key not in values and failure:
            raise PluginError(f"{page.file.src_uri}: '{key}' could not be computed: {failure}")
        if key not in values:
            raise PluginError(f"{page.file.src_uri}: unknown placeholder '{key}' in {match.group(0)}")
        return values[key]

    return _PLACEHOLDER.sub(_value, markdown)


def on_env(env, config, files):
    """Stop on a failed value that no page asked for, before any page is written."""
    for failure in _state["failures"].values():
        raise PluginError(str(failure))


def on_page_content(html, page, config, files):
    """Typeset the math as MathML and render the flashcards where the page asks for them."""
    try:
        html = _state["mods"]["formulas"].typeset(html, "mathml")
    except ValueError as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from err
    if _CARDS_MARKER in html:
        html = html.replace(_CARDS_MARKER, _render_cards(page, config))
    return html


def _render_deck(cards):
    # Loaded on a cache miss only: importing WeasyPrint takes longer than the rest of the build.
    deck = importlib.reload(importlib.import_module("lesson.deck"))
    return deck.render_deck(cards)


def _render_cards(page, config):
    card_html = _state["mods"]["cards"].card_html
    cards = [{"id": c.id, "question": _unwrap_paragraph(card_html(c.question, "mathml")),
              "answer": card_html(c.answer, "mathml")} for c in _state["cards"]]
    template = config.theme.get_env().get_template("partials/lx-flashcards.html")
    return template.render(cards=cards, pdf_url=get_relative_url(DECK_URI, page.url),
                           anki_url=get_relative_url(ANKI_URI, page.url))


def _unwrap_paragraph(html):
    # A question sits inside <summary>, which may only hold phrasing content.
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
