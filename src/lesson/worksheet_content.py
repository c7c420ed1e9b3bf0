"""The worksheet's text, taken from the filled practice page: self-check questions, exercises, answers."""

import dataclasses
import re
import textwrap
from pathlib import Path

from lesson import PROJECT_ROOT, exercises, pages, sources
from lesson.errors import LessonDataError
from lesson.output import PDF_HEAD, PDF_PACKAGES, cache_entry, content_key

PAGE = PROJECT_ROOT / "docs" / "practice.md"
SIZES = ("a4", "letter")
# Everything that shapes the PDF's bytes, besides its text, the lesson and the package's modules.
TEMPLATES = (PROJECT_ROOT / "overrides/worksheet/worksheet.html",
             PROJECT_ROOT / "overrides/worksheet/worksheet.css")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it
# A self-check question: a bold "**N. …**" paragraph, then its "Show answer" block, indented.
_QUESTION = re.compile(r'^\*\*(\d+)\.\s+(.+?)\*\*[ \t]*\n\n\?\?\? success "Show answer"[ \t]*\n'
                       r"((?:[ \t]*\n|    .*\n)+)", re.M)
_EXERCISE = re.compile(r"^<!-- exercise (part_[a-z]) -->[ \t]*\n(.*?)^<!-- /exercise -->", re.M | re.S)
_WORKED = re.compile(r'^\?\?\? example "Worked answer"[ \t]*\n((?:[ \t]*\n|    .*\n)+)', re.M)
_LINK_DEFINITION = re.compile(r"^\[[^\]\n]+\]:[ \t]+\S.*$", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class WorksheetError(LessonDataError):
    """A page the worksheet cannot be made from; the message names the page and what is missing."""


@dataclasses.dataclass(frozen=True)
class Item:
    """One question or exercise: its label ("1", "Part A"), its task and its answer, as Markdown."""

    label: str
    task: str
    answer: str


@dataclasses.dataclass(frozen=True)
class Content:
    """The worksheet's text: the self-check questions, the exercises, the page's link definitions."""

    questions: tuple[Item, ...]
    exercises: tuple[Item, ...]
    links: str


def page_context(lesson, cards, inputs) -> dict:
    """The values a page is filled with (as the hook fills it); an exercise that fails raises."""
    values, failures = exercises.page_values(inputs)
    for failure in failures.values():
        raise failure
    return {**values, **pages.lesson_values(lesson, cards)}


def from_page(context, page=PAGE, name="practice.md", bytecode_cache=None) -> Content:
    """Fill the page with context, as the site does, and take the worksheet's text from it."""
    source = Path(page).read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(source)
    body = source[match.end():].lstrip("\n") if match else source
    first_line = source[:len(source) - len(body)].count("\n") + 1
    return parse(pages.fill(body, context, name, first_line, bytecode_cache), name)


def _block(indented):
    """The Markdown of a collapsible's indented body, without its indent."""
    return _COMMENT.sub("", textwrap.dedent(indented)).strip()


def parse(markdown, name="practice.md") -> Content:
    """The worksheet's text from a filled page; WorksheetError names the page and what is missing."""
    questions = tuple(Item(number, text.strip(), _block(answer))
                      for number, text, answer in _QUESTION.findall(markdown))
    if not questions:
        raise WorksheetError(f'{name}: no self-check question found (a bold "**1. …**" paragraph '
                             'followed by ??? success "Show answer")')
    items = []
    for part, text in _EXERCISE.findall(markdown):
        worked = _WORKED.search(text)
        if not worked:
            raise WorksheetError(f'{name}: exercise {part}: no ??? example "Worked answer" block')
        label = "Part " + part.removeprefix("part_").upper()
        items.append(Item(label, _COMMENT.sub("", text[:worked.start()]).strip(), _block(worked[1])))
    if not items:
        raise WorksheetError(f"{name}: no exercise found (<!-- exercise part_x --> … <!-- /exercise -->)")
    return Content(questions, tuple(items), "\n".join(_LINK_DEFINITION.findall(markdown)))


def worksheet_key(content, lesson, size) -> str:
    """The sha256 of every input of a worksheet render: text, identity, size, sources, versions, date."""
    inputs = {"content": dataclasses.asdict(content), "lesson": dataclasses.asdict(lesson), "size": size}
    return content_key(inputs, PDF_PACKAGES, [*sources("worksheet"), *TEMPLATES, PDF_HEAD])


def worksheet_entry(content, lesson, cache_dir, size) -> Path:
    """Where the worksheet of this size with these inputs is kept in cache_dir."""
    if size not in SIZES:
        raise ValueError(f"unknown worksheet size {size!r}; expected one of {', '.join(SIZES)}")
    return cache_entry(cache_dir, worksheet_key(content, lesson, size), f".{size}.pdf")
