"""The printable worksheet: the page's questions with room to write, then an answer key, as a PDF."""

import argparse
import functools
import sys
from pathlib import Path

import markdown
import markupsafe

from lesson import PROJECT_ROOT, cards, deck, exercises, formulas, identity
from lesson.errors import LessonDataError
from lesson.output import cli_error, cli_write_error, write_atomic
from lesson.worksheet_content import PAGE, SIZES, TEMPLATES, WorksheetError, from_page, page_context

DEFAULT_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
DEFAULT_INPUTS = PROJECT_ROOT / "docs" / "data" / "exercises.yml"
PROG = "python -m lesson.worksheet"


@functools.lru_cache(maxsize=1)
def _markdown():
    """The Markdown converter for the page's text, with the extensions the page's text uses."""
    return markdown.Markdown(
        extensions=["pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.smartsymbols", "attr_list"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}})


def _html(text, links, where):
    """One piece of the page's Markdown as HTML, its math as SVG; a bad formula names where it is."""
    try:
        return markupsafe.Markup(formulas.typeset(_markdown().reset().convert(f"{text}\n\n{links}"), "svg"))
    except formulas.FormulaError as error:
        raise WorksheetError(f"{PAGE.name}: {where}: {error}") from error


def render_worksheet(content, lesson, *, size="a4", source_date_epoch=None) -> bytes:
    """Render the worksheet of `lesson` (an Identity) from `content` (worksheet_content.Content)."""
    if size not in SIZES:
        raise ValueError(f"unknown worksheet size {size!r}; expected one of {', '.join(SIZES)}")
    questions = [{"label": item.label,
                  "task_html": _html(f"**{item.label}. {item.task}**", content.links, f"question {item.label}"),
                  "answer_html": _html(item.answer, content.links, f"answer {item.label}")}
                 for item in content.questions]
    exercises_ = [{"label": item.label, "task_html": _html(item.task, content.links, item.label),
                   "answer_html": _html(item.answer, content.links, f"{item.label}, worked answer")}
                  for item in content.exercises]
    html = deck.template("worksheet/worksheet.html").render(
        title=lesson.title, size=size, created=deck.source_date(source_date_epoch),
        description=f"Worksheet with answer key for the lesson {lesson.title}",
        questions=questions, exercises=exercises_)
    return deck.write_pdf(html, TEMPLATES[1])


def _parser():
    """Build the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render the worksheet (self-check questions and exercises, then the answer key) as a PDF.")
    parser.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    parser.add_argument("--size", choices=SIZES, default="a4", help="paper size (default: a4)")
    return parser


def main(argv=None) -> int:
    """Command line: render the worksheet to -o OUT.pdf; exit 1 on bad lesson data, 2 on bad usage."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    try:
        lesson = identity.load()
        context = page_context(lesson, cards.load_cards(DEFAULT_CARDS), exercises.load_inputs(DEFAULT_INPUTS))
        pdf = render_worksheet(from_page(context), lesson, size=args.size)
    except LessonDataError as error:
        return cli_error(PROG, error)
    try:
        write_atomic(pdf, args.output)
    except OSError as error:
        return cli_write_error(PROG, args.output, error)
    print(f"wrote {args.output} ({args.size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
