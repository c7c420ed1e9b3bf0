"""The flashcard deck: load and validate the instructor's card file, render one card side to HTML."""

import dataclasses
import functools
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from lesson import formulas
from lesson.datafile import read_data
from lesson.errors import LessonDataError

CARD_FIELDS = ("id", "question", "answer")
CARD_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Math and code spans are left as typed: arithmatex and Markdown escape their insides themselves.
# The math patterns follow pymdownx.arithmatex (smart dollars, \(..\), \[..\], $$..$$, \begin{env}).
_VERBATIM = re.compile(
    r"(`+).+?\1"
    r"|\$\$(?:\\.|[^\\])+?\$\$"
    r"|\\\[(?:\\[^\]]|[^\\])+?\\\]"
    r"|\\begin\{([a-z]+\*?)\}(?:\\.|[^\\])+?\\end\{\2\}"
    r"|(?<!\\)\$(?!\s)(?:\\.|[^\\$])+?(?<!\s)\$"
    r"|\\\((?:\\[^)]|[^\\])+?\\\)",
    re.S,
)
_SAFE_LINK_SCHEMES = ("", "http", "https", "mailto")


class CardError(LessonDataError):
    """A card file that cannot be used; the message names the file, the card and the field."""


@dataclasses.dataclass(frozen=True)
class Card:
    """One flashcard: stable id, question and answer as raw Markdown, 1-based position in the file."""

    id: str
    question: str
    answer: str
    position: int


def load_cards(path) -> list[Card]:
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
    values = {}
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
            card_html(values[field], "mathml")
        except formulas.FormulaError as error:
            raise CardError(f"{path}: {label}: field {field!r}: {error}") from error
    return Card(position=position, **values)


def _escape_text(text):
    """Escape & < > outside math and code spans, so card text can never inject HTML."""
    pieces, start = [], 0
    for match in _VERBATIM.finditer(text):
        pieces += [html.escape(text[start:match.start()], quote=False), match[0]]
        start = match.end()
    return "".join(pieces) + html.escape(text[start:], quote=False)


class _SafeLinks(Treeprocessor):
    """Drop link targets whose scheme could run script (javascript:, data:, vbscript:)."""

    def run(self, root):
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).scheme.lower() not in _SAFE_LINK_SCHEMES:
                del link.attrib["href"]


@functools.lru_cache(maxsize=1)
def _markdown():
    """Build the card Markdown converter once; it is independent of the MkDocs configuration."""
    converter = markdown.Markdown(
        extensions=["pymdownx.arithmatex", "pymdownx.betterem"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    # Second line of defence behind _escape_text: raw HTML is never passed through, even if a stray
    # dollar sign makes our idea of "math" differ from arithmatex's.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_SafeLinks(converter), "lesson_safe_links", 0)
    return converter


def card_markdown_html(text: str) -> str:
    """Render one card side's Markdown to escaped HTML, math left as LaTeX in arithmatex spans and divs."""
    return _markdown().reset().convert(_escape_text(text))


def side_html(card, field, formula) -> str:
    """One card side as HTML, each formula replaced by formula(match) (groups of formulas.ARITHMATEX)."""
    rendered = formulas.ARITHMATEX.sub(formula, card_markdown_html(getattr(card, field))).strip()
    if 'class="arithmatex"' in rendered:  # a wrapper shape we do not know would show up as raw markup
        raise CardError(f"card {card.position} ({card.id!r}): field {field!r}: unrecognized math markup")
    return rendered


def card_html(text: str, target: str) -> str:
    """Render one card side's Markdown to HTML, with math typeset for "mathml" or "svg"."""
    if target not in formulas.TARGETS:
        raise ValueError(f"unknown math target {target!r}; expected one of {formulas.TARGETS}")
    return formulas.typeset(card_markdown_html(text), target)
