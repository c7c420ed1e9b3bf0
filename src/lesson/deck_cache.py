"""The cache keys of the card downloads, so unchanged cards are not rendered again."""

import dataclasses
from pathlib import Path

from lesson import PROJECT_ROOT, sources
from lesson.output import PDF_HEAD, PDF_PACKAGES, cache_entry, content_key

# Everything that shapes the PDF's bytes, besides the cards, the options and the package's modules.
_TEMPLATES = (PROJECT_ROOT / "overrides/deck/deck.html", PROJECT_ROOT / "overrides/deck/deck.css", PDF_HEAD)
_CARD_PACKAGES = ("genanki", "latex2mathml", "markdown", "pymdown-extensions")


def deck_key(cards, lesson, **options):
    """The sha256 of every input of a deck render: cards, identity, options, sources, versions, date."""
    return content_key(_inputs(cards, lesson, options), PDF_PACKAGES, [*sources("deck"), *_TEMPLATES])


def cards_key(cards, lesson):
    """The sha256 of every input of the Anki package and the text exports."""
    return content_key(_inputs(cards, lesson, {}), _CARD_PACKAGES, sources("cards"))


def _inputs(cards, lesson, options):
    return {"cards": [[card.id, card.question, card.answer] for card in cards],
            "lesson": dataclasses.asdict(lesson), "options": options}


def deck_entry(cards, lesson, cache_dir, **options) -> Path:
    """Where the deck with these inputs is kept in cache_dir."""
    return cache_entry(cache_dir, deck_key(cards, lesson, **options), ".pdf")
