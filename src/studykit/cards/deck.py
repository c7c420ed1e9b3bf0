"""The printable flashcard deck: cards to a PDF with WeasyPrint, offline and reproducible."""

import argparse
import sys
from pathlib import Path

from studykit import PROJECT_ROOT
from studykit.cards.card_html import card_html
from studykit.cards.cardfile import CardError, read_cards
from studykit.core import formulas, templates
from studykit.core.errors import LessonDataError
from studykit.core.identity import read_identity
from studykit.core.output import cli_error, cli_write_error, write_atomic
from studykit.core.pdf import source_date, write_pdf

TEMPLATES = Path(__file__).with_name("templates")
DEFAULT_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
LAYOUTS = ("a6", "a4", "letter", "index")
PROG = "render_deck.py"


def _side_html(card, field):
    """Render one side of a card for print; a broken formula is reported against the card and field."""
    try:
        return templates.html(card_html(getattr(card, field), "svg"))
    except formulas.FormulaError as error:
        raise CardError(f"card {card.position} ({card.id!r}): field {field!r}: {error}") from error


def render_deck(cards, identity, *, size="a6", duplex=False, source_date_epoch=None) -> bytes:
    """Render the cards of a lesson (its Identity) as a PDF deck; duplex puts answers on back pages."""
    if size not in LAYOUTS:
        raise ValueError(f"unknown deck size {size!r}; expected one of {', '.join(LAYOUTS)}")
    cards = list(cards)
    if not cards:
        raise ValueError("a deck needs at least one card")
    html = templates.render(
        "cards/templates/deck.html",
        title=identity.deck_title,
        description=identity.deck_description(len(cards)),
        created=source_date(source_date_epoch),
        layout=size,
        duplex=duplex,
        total=len(cards),
        cards=[{"number": number, "id": card.id, "question_html": _side_html(card, "question"),
                "answer_html": _side_html(card, "answer")} for number, card in enumerate(cards, start=1)],
    )
    return write_pdf(html, TEMPLATES / "deck.css")


def _parser():
    """Build the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Render the printable PDF flashcard deck.")
    parser.add_argument("--cards", type=Path, default=DEFAULT_CARDS,
                        help="card file, .yml/.yaml or .json (default: docs/data/flashcards.yml)")
    parser.add_argument("--size", choices=LAYOUTS, default="a6",
                        help="a6: A6 landscape (default); a4/letter: portrait sheet; index: 3x5 in card")
    parser.add_argument("--duplex", action="store_true",
                        help="two pages per card, answer on the back, for double-sided printing")
    parser.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    return parser


def main(argv=None) -> int:
    """Command line: render the deck to -o OUT.pdf; exit 1 on bad card data, 2 on bad usage."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser()
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        identity, cards = read_identity(), read_cards(args.cards)
    except LessonDataError as error:
        return cli_error(PROG, error)
    try:
        pdf = render_deck(cards, identity, size=args.size, duplex=args.duplex)
    except LessonDataError as error:  # it names the card and field; the file is known only here
        return cli_error(PROG, f"{args.cards}: {error}")
    try:
        write_atomic(pdf, args.output)
    except OSError as error:
        return cli_write_error(PROG, args.output, error)
    print(f"wrote {args.output} ({len(cards)} cards, {args.size}{', duplex' if args.duplex else ''})")
    return 0
