"""The card file: read and check the instructor's flashcards, each side typeset once for the page."""

import dataclasses
import re
from pathlib import Path

from studykit.cards.card_html import CardError, card_html
from studykit.core import formulas
from studykit.core.datafile import read_data

CARD_FIELDS = ("id", "question", "answer")
CARD_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

@dataclasses.dataclass(frozen=True)
class Card:
    """One flashcard: stable id, question and answer as raw Markdown, 1-based position in the file."""

    id: str
    question: str
    answer: str
    position: int
    # Each side as the web page shows it (math as MathML): typeset once, while the file is checked.
    page_html: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)


def read_cards(path) -> list[Card]:
    """Read and validate a YAML (.yml/.yaml) or JSON (.json) card file; raise CardError on bad data."""
    path = Path(path)
    items = read_data(path, CardError)
    if items is None:
        raise CardError(f"{path}: file is empty; expected a list of cards with fields {', '.join(CARD_FIELDS)}")
    if not isinstance(items, list):
        raise CardError(f"{path}: expected a list of cards, got {_kind(items)}")
    if not items:
        raise CardError(f"{path}: the card list is empty")
    cards, seen = [], {}
    for position, item in enumerate(items, start=1):
        card = _card(path, position, item)
        if card.id in seen:
            raise CardError(f"{path}: {_label(position, card.id)}: field 'id' duplicates card {seen[card.id]}")
        seen[card.id] = position
        cards.append(card)
    return cards


def _kind(value):
    """Name a parsed value's type the way an instructor would."""
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _label(position, card_id):
    """Name a card by position and, when it has a usable one, its id."""
    return f"card {position} ({card_id!r})" if isinstance(card_id, str) and card_id.strip() else f"card {position}"


def _card(path, position, item):
    """Validate one parsed item and return it as a Card."""
    if not isinstance(item, dict):
        raise CardError(f"{path}: card {position}: expected a mapping with fields "
                        f"{', '.join(CARD_FIELDS)}, got {_kind(item)}")
    label = _label(position, item.get("id"))
    unknown = [str(key) for key in item if key not in CARD_FIELDS]
    if unknown:
        raise CardError(f"{path}: {label}: unknown field {unknown[0]!r} (expected {', '.join(CARD_FIELDS)})")
    values, page_html = {}, {}
    for field in CARD_FIELDS:
        value = item.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            state = "missing" if field not in item else "empty"
            raise CardError(f"{path}: {label}: field {field!r} is {state}")
        if not isinstance(value, str):
            raise CardError(f"{path}: {label}: field {field!r} must be text, got {_kind(value)} (quote it)")
        values[field] = value.strip()
    if not CARD_ID_PATTERN.match(values["id"]):
        raise CardError(f"{path}: {label}: field 'id' must be lowercase letters, digits and hyphens "
                        f"(matching {CARD_ID_PATTERN.pattern})")
    for field in ("question", "answer"):
        try:  # a typo in a formula is bad data too: report it here, with the file, card and field
            page_html[field] = card_html(values[field], "mathml")
        except formulas.FormulaError as error:
            raise CardError(f"{path}: {label}: field {field!r}: {error}") from error
    return Card(position=position, page_html=page_html, **values)
