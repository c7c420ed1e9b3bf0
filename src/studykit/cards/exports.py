"""Plain-text downloads of the flashcard deck: an Anki text import, an RFC 4180 CSV and a Quizlet import.

Escaping, per format:
- Anki (`anki_tsv`): Anki's text importer reads its file headers, then every line with a CSV parser
  (tab separator, lines starting with # are comments). Fields are the .apkg's HTML, math as \\( \\).
  A field holding a tab, a double quote, a CR or LF, or starting with #, is put in double quotes with
  inner quotes doubled, as the manual's "Importing text files" shows. Newlines stay newlines, not
  <br>: Markdown's soft line break is a space, and a <br> would turn it into a visible break.
- CSV (`cards_csv`): Python's csv module, QUOTE_MINIMAL, "\\r\\n" between records as RFC 4180 asks;
  a newline inside a text stays as typed, inside the quoted field. Formulas stay as typed ($...$).
- Quizlet (`quizlet_txt`): Quizlet's import has no quoting, so each side becomes plain text (formulas
  as readable Unicode, a link as "text (address)") and every run of white space, tabs and new lines
  included, folds to one space. Nothing else needs escaping.
"""

import argparse
import csv
import dataclasses
import html
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

from studykit import PROJECT_ROOT
from studykit.cards.anki import field_html
from studykit.cards.card_html import side_html
from studykit.cards.cardfile import read_cards
from studykit.core.errors import LessonDataError
from studykit.core.formulas import latex_of
from studykit.core.identity import Identity, read_identity
from studykit.core.latex_text import latex_to_text
from studykit.core.output import cli_error, cli_write_error, write_atomic

DEFAULT_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
CSV_COLUMNS = ("id", "question", "answer")
PROG = "python -m studykit.cards.exports"
# Named like the stock "Basic" note type's fields, so Anki maps the columns without asking.
ANKI_COLUMNS = ("Front", "Back", "GUID")
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|br|hr)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")


class ExportError(LessonDataError):
    """A card side that cannot be written in an export format; the message names the card and field."""


def _anki_field(text):
    """Quote a field the way Anki's CSV reader expects when it holds a tab, quote, line break or leading #."""
    if text.startswith("#") or any(char in text for char in '\t"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def anki_tsv(cards, deck_title: str) -> str:
    """Return the cards as a tab-separated Anki text import: file headers, then Front, Back, GUID per note."""
    import genanki  # 50 ms to import, paid only when the cards changed (the site caches the exports)

    if any(char in deck_title for char in "\r\n"):
        raise ValueError(f"deck title {deck_title!r} must fit on one header line")
    lines = ["#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{deck_title}",
             "#columns:" + "\t".join(ANKI_COLUMNS), f"#guid column:{ANKI_COLUMNS.index('GUID') + 1}"]
    for card in cards:
        # The .apkg's note guid: Anki matches a card already imported from either download, never adds a copy.
        fields = [field_html(card, "question"), field_html(card, "answer"), genanki.guid_for(card.id)]
        lines.append("\t".join(_anki_field(field) for field in fields))
    return "\n".join(lines) + "\n"


def cards_csv(cards) -> str:
    """Return the cards as RFC 4180 CSV with a header row id,question,answer; formulas as typed LaTeX."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows((card.id, card.question, card.answer) for card in cards)
    return buffer.getvalue()


def _readable_math(match):
    """Return one arithmatex formula as escaped readable Unicode text."""
    return html.escape(latex_to_text(html.unescape(latex_of(match))), quote=False)


def _link_text(match):
    """Return a link as its text followed by its address, unless the text already is the address."""
    address, text = match[1], match[2]
    return text if html.unescape(_TAG.sub("", text)) == html.unescape(address) else f"{text} ({address})"


def plain_text(card, field) -> str:
    """Return one card side as one line of plain text: formulas readable, white space folded to spaces."""
    rendered = _LINK.sub(_link_text, side_html(card, field, _readable_math))
    text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", rendered)))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise ExportError(f"card {card.position} ({card.id!r}): field {field!r}: no text left for Quizlet")
    return text


def quizlet_txt(cards) -> str:
    """Return the cards for Quizlet's import: term, a tab, definition; one card per line, plain text."""
    return "".join(f"{plain_text(card, 'question')}\t{plain_text(card, 'answer')}\n" for card in cards)


@dataclasses.dataclass(frozen=True)
class ExportFormat:
    """One download: its key, name after the lesson's stem, link text, media type, purpose, renderer."""

    key: str
    name: str
    label: str
    media_type: str
    purpose: str
    render: Callable[[list, Identity], str]

    def file_name(self, identity: Identity) -> str:
        """The download's file name: the lesson's stem, then the format's own name."""
        return Path(identity.download(self.name)).name


FORMATS = (
    ExportFormat("anki", "flashcards-anki.txt", "Anki text file (.txt)",
                 "text/tab-separated-values; charset=utf-8",
                 "For Anki's File > Import: one note per card, formulas as LaTeX that Anki typesets.",
                 lambda cards, identity: anki_tsv(cards, identity.deck_title)),
    ExportFormat("csv", "flashcards.csv", "CSV file (.csv)", "text/csv; charset=utf-8",
                 "For spreadsheets and other flashcard apps: columns id, question, answer, formulas as LaTeX.",
                 lambda cards, identity: cards_csv(cards)),
    ExportFormat("quizlet", "flashcards-quizlet.txt", "Quizlet text file (.txt)",
                 "text/plain; charset=utf-8",
                 "For Quizlet's Import box: term and definition split by a tab, formulas as plain text.",
                 lambda cards, identity: quizlet_txt(cards)),
)


def write_exports(cards, identity, out_dir) -> list[Path]:
    """Render every format first, then write each atomically into out_dir; return the paths written."""
    cards = list(cards)
    rendered = [(export.file_name(identity), export.render(cards, identity).encode("utf-8"))
                for export in FORMATS]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_atomic(data, out_dir / name) for name, data in rendered]


def _parser():
    """Build the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Write the Anki, CSV and Quizlet downloads of the deck.")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write the files into")
    parser.add_argument("--cards", type=Path, default=DEFAULT_CARDS,
                        help="card file, .yml/.yaml or .json (default: docs/data/flashcards.yml)")
    return parser


def main(argv=None) -> int:
    """Command line: write the three downloads into OUT_DIR; exit 1 on bad card data, 2 on bad usage."""
    parser = _parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    try:
        identity, cards = read_identity(), read_cards(args.cards)
        paths = write_exports(cards, identity, args.out_dir)
    except LessonDataError as error:  # names the card and field; add the file when it does not
        return cli_error(PROG, error if str(error).startswith(str(args.cards)) else f"{args.cards}: {error}")
    except OSError as error:
        return cli_write_error(PROG, f"into {args.out_dir}", error)
    print(f"wrote {', '.join(str(path) for path in paths)} ({len(cards)} cards)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
