"""A content-addressed cache of the rendered PDF deck, so an unchanged deck is not rendered again."""

import hashlib
import importlib.metadata
import json
from pathlib import Path

from lesson.output import source_date_epoch, write_atomic

_ROOT = Path(__file__).resolve().parents[2]
# Everything that shapes the PDF's bytes, besides the cards and the options.
_SOURCES = ("overrides/deck/deck.html", "overrides/deck/deck.css", "scripts/lesson/deck.py",
            "scripts/lesson/output.py",
            "scripts/lesson/cards.py", "scripts/lesson/formulas.py", "scripts/lesson/latex_text.py")
_PACKAGES = ("weasyprint", "pydyf", "ziamath", "ziafont", "latex2mathml", "markdown",
             "pymdown-extensions", "jinja2")


def deck_key(cards, **options):
    """The sha256 of every input of a deck render: cards, options, sources, versions, date."""
    digest = hashlib.sha256()
    digest.update(json.dumps({
        "cards": [[card.id, card.question, card.answer] for card in cards],
        "options": options,
        "versions": [importlib.metadata.version(name) for name in _PACKAGES],
        "source_date_epoch": source_date_epoch(),
    }, sort_keys=True).encode())
    for source in _SOURCES:
        digest.update((_ROOT / source).read_bytes())
    return digest.hexdigest()


def cached_deck(cards, cache_dir, render, **options):
    """The deck's PDF bytes: from cache_dir when its inputs are unchanged, else render(cards, ...)."""
    path = Path(cache_dir) / f"{deck_key(cards, **options)}.pdf"
    if path.is_file():
        return path.read_bytes()
    pdf = render(cards, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob("*.pdf"):  # one deck is all a build needs; don't let edits pile up
        stale.unlink(missing_ok=True)
    write_atomic(pdf, path)  # a concurrent build never reads a half-written file
    return pdf
