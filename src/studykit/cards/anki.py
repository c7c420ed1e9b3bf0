"""The Anki export of the flashcard deck: one note per card in a reproducible .apkg package."""

import io
import itertools
import json
import sqlite3
import time
import zipfile

from studykit.cards.card_html import side_html
from studykit.core import output

# Chosen once at random; never change them. Anki matches note types and decks by id, so a learner
# who imports a newer export gets their existing deck updated instead of a second copy.
MODEL_ID = 1609205387
DECK_ID = 2135540056
MODEL_NAME = "Basic (lesson flashcards)"
# A zip entry can be dated no earlier than 1980-01-01T00:00:00Z.
_ZIP_EARLIEST_EPOCH = 315532800
_CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 20px;
  line-height: 1.5; text-align: center; color: #1a1a1a; background-color: #ffffff; }
.card p { max-width: 36em; margin: 0.5em auto; }
hr#answer { border: 0; border-top: 1px solid currentColor; opacity: 0.35; margin: 1em 0; }
a { color: #0b57d0; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.nightMode.card, .nightMode .card, .night_mode.card, .night_mode .card { color: #e8e8e8; background-color: #1f1f1f; }
.nightMode a, .night_mode a { color: #8ab4f8; }
"""


def field_html(card, field):
    """One card side as escaped HTML, math as bare \\(..\\) / \\[..\\] LaTeX for Anki's own MathJax."""
    return side_html(card, field, lambda match: match[2])


def _model():
    """Build the note type afresh: genanki's to_json writes into its templates and fields."""
    import genanki  # 50 ms to import, paid only when the cards changed (the site caches the package)

    return genanki.Model(
        MODEL_ID, MODEL_NAME,
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"}],
        css=_CSS,
    )


def _collection(cards, deck_title, epoch):
    """Return the bytes of the collection.anki2 SQLite database holding one note per card."""
    import genanki

    model = _model()
    deck = genanki.Deck(DECK_ID, deck_title)
    for card in cards:
        # guid from the id alone: editing a card's text updates the learner's note and keeps its history.
        # due follows the file, so new cards come up in the deck's order.
        deck.add_note(genanki.Note(model=model, guid=genanki.guid_for(card.id), due=card.position,
                                   fields=[field_html(card, "question"), field_html(card, "answer")]))
    # In memory and serialized: no temporary file (genanki's write_to_file leaves one behind) and no mtime.
    connection = sqlite3.connect(":memory:")
    try:
        # Note and card ids count up from the timestamp, so a fixed timestamp gives fixed ids.
        genanki.Package(deck).write_to_db(connection.cursor(), epoch, itertools.count(epoch * 1000))
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()


def _zip_entry(name, date_time):
    """Return a zip entry header with a fixed date, compression and permissions."""
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 3  # Unix, whatever system builds it
    entry.external_attr = 0o644 << 16
    return entry


def render_apkg(cards, identity, *, source_date_epoch=None) -> bytes:
    """Return the cards of a lesson (its Identity) as an Anki package, byte-identical for one epoch."""
    cards = list(cards)
    if not cards:
        raise ValueError("a deck needs at least one card")
    epoch = output.source_date_epoch(source_date_epoch)
    date_time = time.gmtime(max(epoch, _ZIP_EARLIEST_EPOCH))[:6]
    buffer = io.BytesIO()
    # The same entries, in the same order, as genanki's write_to_file: the database, then the (empty) media map.
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(_zip_entry("collection.anki2", date_time), _collection(cards, identity.deck_title, epoch))
        package.writestr(_zip_entry("media", date_time), json.dumps({}))
    return buffer.getvalue()
