"""The printable flashcard deck: cards to a PDF with WeasyPrint, offline and reproducible."""

import argparse
import datetime
import functools
import sys
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
import markupsafe
import weasyprint
import weasyprint.text.fonts

from lesson import PROJECT_ROOT, formulas, identity, output
from lesson.cards import CardError, card_html, load_cards
from lesson.errors import LessonDataError
from lesson.output import cli_error, cli_write_error
from lesson.output import write_atomic as write_deck

OVERRIDES_FOLDER = PROJECT_ROOT / "overrides"
DECK_FOLDER = OVERRIDES_FOLDER / "deck"
DEFAULT_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
LAYOUTS = ("a6", "a4", "letter", "index")
PROG = "render_deck.py"


class FetchRefused(ValueError):
    """WeasyPrint asked for a URL outside the project or on the network; the message names it."""


class ProjectURLFetcher(weasyprint.URLFetcher):
    """URL fetcher that allows only data: URLs and files inside the project root."""

    def __init__(self, root=PROJECT_ROOT):
        # fail_on_errors: a refused fetch stops the render instead of becoming a logged warning.
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True)
        self._root = Path(root).resolve()

    def fetch(self, url, headers=None):
        """Fetch url if it is allowed, else raise FetchRefused naming it."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            # resolve() follows symlinks and "..", so neither can lead outside the project.
            if Path(url2pathname(parts.path)).resolve().is_relative_to(self._root):
                return super().fetch(url, headers)
        raise FetchRefused(f"refused to fetch {url!r}: only data: URLs and files under {self._root} are allowed")


@functools.lru_cache(maxsize=1)
def _environment():
    """Build the Jinja environment once; it reloads a template itself when the file changes."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES_FOLDER), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def template(name):
    """A print template under overrides/ (autoescaped, strict), e.g. "deck/deck.html"."""
    return _environment().get_template(name)


@functools.lru_cache(maxsize=1)
def _font_config():
    """Share one font configuration: Pango keeps its loaded fonts warm between renders (no @font-face here)."""
    return weasyprint.text.fonts.FontConfiguration()


def _stylesheet(path):
    """Return the parsed stylesheet, parsed again only when its file changes (e.g. under mkdocs serve)."""
    return _parsed_stylesheet(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _parsed_stylesheet(path, _modified):
    """Parse the stylesheet at path; _modified only keys the cache."""
    return weasyprint.CSS(filename=path, url_fetcher=ProjectURLFetcher())


def source_date(value):
    """Return the W3C timestamp for the PDF's dates, from the argument, SOURCE_DATE_EPOCH or the default."""
    moment = datetime.datetime.fromtimestamp(output.source_date_epoch(value), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _side_html(card, field):
    """Render one side of a card for print; a broken formula is reported against the card and field."""
    try:
        return markupsafe.Markup(card_html(getattr(card, field), "svg"))
    except formulas.FormulaError as error:
        raise CardError(f"card {card.position} ({card.id!r}): field {field!r}: {error}") from error


def render_deck(cards, lesson, *, size="a6", duplex=False, source_date_epoch=None) -> bytes:
    """Render the cards of `lesson` (an Identity) as a PDF deck; duplex puts answers on back pages."""
    if size not in LAYOUTS:
        raise ValueError(f"unknown deck size {size!r}; expected one of {', '.join(LAYOUTS)}")
    cards = list(cards)
    if not cards:
        raise ValueError("a deck needs at least one card")
    html = template("deck/deck.html").render(
        title=lesson.deck_title,
        description=lesson.deck_description(len(cards)),
        created=source_date(source_date_epoch),
        layout=size,
        duplex=duplex,
        total=len(cards),
        cards=[{"number": number, "id": card.id, "question_html": _side_html(card, "question"),
                "answer_html": _side_html(card, "answer")} for number, card in enumerate(cards, start=1)],
    )
    return write_pdf(html, DECK_FOLDER / "deck.css")


def write_pdf(html, stylesheet) -> bytes:
    """Lay out html with the stylesheet at that path, fetching only project files, as a tagged PDF."""
    document = weasyprint.HTML(string=html, base_url=str(stylesheet.parent), url_fetcher=ProjectURLFetcher())
    try:
        # pdf_tags: a tagged PDF carries each formula's text equivalent (its SVG <title>) as /Alt.
        return document.write_pdf(stylesheets=[_stylesheet(stylesheet)], font_config=_font_config(),
                                  pdf_tags=True)
    except weasyprint.urls.FatalURLFetchingError as error:
        # WeasyPrint wraps the fetcher's exception in a BaseException; hand back the named one.
        raise error.__cause__ or FetchRefused(str(error)) from error


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
        lesson, cards = identity.load(), load_cards(args.cards)
    except LessonDataError as error:
        return cli_error(PROG, error)
    try:
        pdf = render_deck(cards, lesson, size=args.size, duplex=args.duplex)
    except LessonDataError as error:  # it names the card and field; the file is known only here
        return cli_error(PROG, f"{args.cards}: {error}")
    try:
        write_deck(pdf, args.output)
    except OSError as error:
        return cli_write_error(PROG, args.output, error)
    print(f"wrote {args.output} ({len(cards)} cards, {args.size}{', duplex' if args.duplex else ''})")
    return 0
