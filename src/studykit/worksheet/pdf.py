"""The printable worksheet: the page's questions with room to write, then an answer key, as a PDF."""

import argparse
import importlib
import sys
from pathlib import Path

from studykit import PROJECT_ROOT
from studykit.cards.cardfile import read_cards
from studykit.core import formulas, markdown, pages, templates
from studykit.core.errors import LessonDataError
from studykit.core.identity import read_identity, read_lesson_package, read_markdown_setup
from studykit.core.output import cli_error, cli_write_error, write_atomic
from studykit.core.pdf import source_date, write_pdf
from studykit.practice.exercise import read_inputs
from studykit.worksheet.content import PAGE, SIZES, TEMPLATES, WorksheetError, from_page, page_context

DEFAULT_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
DEFAULT_INPUTS = PROJECT_ROOT / "docs" / "data" / "exercises.yml"
PROG = "python -m studykit.worksheet.pdf"


def _html(html, where):
    """A piece of the page's HTML with its math as SVG; a bad formula names where it is."""
    try:
        return templates.html(formulas.typeset(html, "svg"))
    except formulas.FormulaError as error:
        raise WorksheetError(f"{PAGE.name}: {where}: {error}") from error


def render_worksheet(content, identity, *, size="a4", source_date_epoch=None) -> bytes:
    """Render the worksheet of a lesson (its Identity) from `content` (studykit.worksheet.content.Content)."""
    if size not in SIZES:
        raise ValueError(f"unknown worksheet size {size!r}; expected one of {', '.join(SIZES)}")
    questions = [{"label": item.label, "task_html": _html(item.task, f"question {item.label}"),
                  "answer_html": _html(item.answer, f"answer {item.label}")} for item in content.questions]
    exercises_ = [{"label": item.label, "task_html": _html(item.task, item.label),
                   "answer_html": _html(item.answer, f"{item.label}, worked answer")}
                  for item in content.exercises]
    html = templates.render(
        "worksheet/templates/worksheet.html",
        title=identity.title, size=size, created=source_date(source_date_epoch),
        description=f"Worksheet with answer key for the lesson {identity.title}",
        questions=questions, exercises=exercises_)
    return write_pdf(html, TEMPLATES / "worksheet.css")


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
        identity = read_identity()
        exercises = importlib.import_module(read_lesson_package()).LESSON.exercises
        context = page_context(identity, read_cards(DEFAULT_CARDS), read_inputs(DEFAULT_INPUTS, exercises),
                               exercises)
        body, first_line = pages.body_of(PAGE.read_text(encoding="utf-8"))
        filled = pages.fill(body, context, PAGE.name, first_line)
        extensions, configs = read_markdown_setup()
        content = from_page(markdown.to_html(filled, extensions, configs), exercises, PAGE.name)
        pdf = render_worksheet(content, identity, size=args.size)
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
