"""The card downloads: the PDF deck (through the render pool), the Anki package and the text exports."""

import dataclasses
import importlib
from pathlib import Path

from studykit.cards import anki, exports
from studykit.core import cache
from studykit.core.errors import LessonDataError

TEMPLATES = Path(__file__).with_name("templates")
_PDF_TEMPLATES = (*cache.folder_files(TEMPLATES), *cache.folder_files(Path(cache.__file__).with_name("templates")))


def deck_key(cards, identity, **options) -> str:
    """The sha256 of every input of a deck render: cards, identity, options, code, versions, date."""
    return cache.content_key(_inputs(cards, identity, options), ["studykit.cards.deck"], _PDF_TEMPLATES)


def cards_key(cards, identity) -> str:
    """The sha256 of every input of the Anki package and the text exports."""
    return cache.content_key(_inputs(cards, identity, {}), ["studykit.cards.anki", "studykit.cards.exports"])


def deck_entry(cards, identity, cache_dir, **options) -> Path:
    """Where the deck with these inputs is kept in cache_dir."""
    return cache.cache_entry(cache_dir, deck_key(cards, identity, **options), ".pdf")


def render_deck(cards, identity, card_file) -> bytes:
    """The PDF deck, for the render pool: WeasyPrint is imported only where a PDF is rendered."""
    try:
        return importlib.import_module("studykit.cards.deck").render_deck(cards, identity)
    except LessonDataError as error:  # it names the card and the field; the file is known here
        raise LessonDataError(f"{card_file}: {error}") from error


def render_export(key, cards, identity) -> bytes:
    """The text export of that key ("csv", say), or the Anki package for "apkg"."""
    if key == "apkg":
        return anki.render_apkg(cards, identity)
    return next(export for export in exports.FORMATS if export.key == key).render(cards, identity).encode()


def card_downloads(cards, identity, card_file, cache_dir, pool) -> dict:
    """The deck, the Anki package and the text exports, by site path: bytes, or the cache entry the
    pool is rendering a file to when it is not cached yet. The build renders the small ones at
    once; under `mkdocs serve` (pool.serving) they too arrive after the first page."""
    name, folder, key = identity.download, Path(cache_dir) / "cards", cards_key(cards, identity)
    deck = deck_entry(cards, identity, Path(cache_dir) / "deck")
    found = {name("flashcards.pdf"): pool.get(name("flashcards.pdf"), deck, render_deck, cards, identity,
                                              card_file)}
    small = {name("flashcards.apkg"): "apkg", **{name(export.name): export.key for export in exports.FORMATS}}
    try:
        for uri, format_key in small.items():
            entry = cache.cache_entry(folder, key, f".{format_key}")
            if pool.serving and not entry.is_file():
                found[uri] = pool.get(uri, entry, render_export, format_key, cards, identity)
            else:
                found[uri] = cache.from_cache(entry, lambda k=format_key: render_export(k, cards, identity))
    except LessonDataError as error:  # it names the card and the field; the file is known here
        raise LessonDataError(f"{card_file}: {error}") from error
    return found


def _inputs(cards, identity, options):
    return {"cards": [[card.id, card.question, card.answer] for card in cards],
            "identity": dataclasses.asdict(identity), "options": options}
