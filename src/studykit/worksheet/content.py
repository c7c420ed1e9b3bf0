"""The worksheet's text, taken from the filled practice page: self-check questions, exercises, answers."""

import dataclasses
import re
import textwrap
from pathlib import Path

from studykit import PROJECT_ROOT
from studykit.core import cache, pages
from studykit.core.errors import LessonDataError
from studykit.practice.exercise import page_values

PAGE = PROJECT_ROOT / "docs" / "practice.md"
SIZES = ("a4", "letter")
# What shapes the PDF's bytes besides its text, the lesson and the code: its templates, the PDF head.
TEMPLATES = Path(__file__).with_name("templates")
_TEMPLATE_FILES = (*cache.folder_files(TEMPLATES), *cache.folder_files(Path(cache.__file__).with_name("templates")))
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it
# A self-check question: a bold "**N. …**" paragraph, then its "Show answer" block, indented.
_QUESTION = re.compile(r'^\*\*(\d+)\.\s+(.+?)\*\*[ \t]*\n\n\?\?\? success "Show answer"[ \t]*\n'
                       r"((?:[ \t]*\n|    .*\n)+)", re.M)
_EXERCISE = re.compile(r"^<!-- exercise ([\w-]+) -->[ \t]*\n(.*?)^<!-- /exercise -->", re.M | re.S)
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


def page_context(identity, cards, inputs, exercises) -> dict:
    """The values a page is filled with (as the site fills it); an exercise that fails raises."""
    values, failures = page_values(inputs, exercises)
    for failure in failures.values():
        raise failure
    return {**values, **pages.lesson_values(identity, cards)}


def from_page(context, exercises, page=PAGE, name="practice.md", bytecode_cache=None) -> Content:
    """Fill the page with context, as the site does, and take the worksheet's text from it."""
    source = Path(page).read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(source)
    body = source[match.end():].lstrip("\n") if match else source
    first_line = source[:len(source) - len(body)].count("\n") + 1
    return parse(pages.fill(body, context, name, first_line, bytecode_cache), exercises, name)


def _block(indented):
    """The Markdown of a collapsible's indented body, without its indent."""
    return _COMMENT.sub("", textwrap.dedent(indented)).strip()


def parse(markdown, exercises, name="practice.md") -> Content:
    """The worksheet's text from a filled page; WorksheetError names the page and what is missing."""
    questions = tuple(Item(number, text.strip(), _block(answer))
                      for number, text, answer in _QUESTION.findall(markdown))
    if not questions:
        raise WorksheetError(f'{name}: no self-check question found (a bold "**1. …**" paragraph '
                             'followed by ??? success "Show answer")')
    items, labels = [], {exercise.name: exercise.label for exercise in exercises if exercise.label}
    for part, text in _EXERCISE.findall(markdown):
        if part not in labels:
            continue  # an exercise the lesson does not put on the worksheet
        worked = _WORKED.search(text)
        if not worked:
            raise WorksheetError(f'{name}: exercise {part}: no ??? example "Worked answer" block')
        items.append(Item(labels[part], _COMMENT.sub("", text[:worked.start()]).strip(), _block(worked[1])))
    if not items:
        raise WorksheetError(f"{name}: no exercise found (<!-- exercise part_x --> … <!-- /exercise -->)")
    return Content(questions, tuple(items), "\n".join(_LINK_DEFINITION.findall(markdown)))


def worksheet_key(content, identity, size) -> str:
    """The sha256 of every input of a worksheet render: text, identity, size, code, versions, date."""
    inputs = {"content": dataclasses.asdict(content), "identity": dataclasses.asdict(identity), "size": size}
    return cache.content_key(inputs, ["studykit.worksheet.pdf"], _TEMPLATE_FILES)


def worksheet_entry(content, identity, cache_dir, size) -> Path:
    """Where the worksheet of this size with these inputs is kept in cache_dir."""
    if size not in SIZES:
        raise ValueError(f"unknown worksheet size {size!r}; expected one of {', '.join(SIZES)}")
    return cache.cache_entry(cache_dir, worksheet_key(content, identity, size), f".{size}.pdf")
