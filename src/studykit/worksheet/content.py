"""The worksheet's text, taken from the practice page as parsed: self-check questions, exercises, answers."""

import dataclasses
import re
from html.parser import HTMLParser
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
_QUESTION = re.compile(r"^<p><strong>(\d+)\.\s")  # a self-check question: a bold "**N. …**" paragraph
_EXERCISE = re.compile(r"^<!-- exercise ([\w-]+) -->$")
_EXERCISE_END = "<!-- /exercise -->"
_SHOW_ANSWER, _WORKED = '<details class="success">', '<details class="example">'
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class WorksheetError(LessonDataError):
    """A page the worksheet cannot be made from; the message names the page and what is missing."""


@dataclasses.dataclass(frozen=True)
class Item:
    """One question or exercise: its label ("1", "Part A"), its task and its answer, as HTML."""

    label: str
    task: str
    answer: str


@dataclasses.dataclass(frozen=True)
class Content:
    """The worksheet's text: the self-check questions and the exercises."""

    questions: tuple[Item, ...]
    exercises: tuple[Item, ...]


def page_context(identity, cards, inputs, exercises) -> dict:
    """The values a page is filled with (as the site fills it); an exercise that fails raises."""
    values, failures = page_values(inputs, exercises)
    for failure in failures.values():
        raise failure
    return {**values, **pages.lesson_values(identity, cards)}


def from_page(page_html, exercises, name="practice.md") -> Content:
    """The worksheet's text from the page as the site parses it (its Markdown filled and made HTML):
    each bold numbered paragraph followed by a "Show answer" block, and each declared exercise
    between <!-- exercise NAME --> and <!-- /exercise -->; WorksheetError names what is missing."""
    blocks, labels = _blocks(page_html), {e.name: e.label for e in exercises if e.label}
    questions, items, index = [], [], 0
    while index < len(blocks):
        block, after = blocks[index], blocks[index + 1] if index + 1 < len(blocks) else ""
        question, exercise = _QUESTION.match(block), _EXERCISE.match(block)
        if question and after.startswith(_SHOW_ANSWER):
            questions.append(Item(question[1], block, _inside(after)))
            index += 2
            continue
        if exercise:
            end = next((at for at in range(index, len(blocks)) if blocks[at] == _EXERCISE_END), len(blocks))
            if exercise[1] in labels:
                items.append(_exercise(labels[exercise[1]], blocks[index + 1:end], name, exercise[1]))
            index = end
        index += 1
    if not questions:
        raise WorksheetError(f'{name}: no self-check question found (a bold "**1. …**" paragraph '
                             'followed by ??? success "Show answer")')
    if not items:
        raise WorksheetError(f"{name}: no exercise found (<!-- exercise part_x --> … <!-- /exercise -->)")
    return Content(tuple(questions), tuple(items))


def _exercise(label, blocks, name, part):
    """An exercise's task (its blocks before the worked answer) and the worked answer's inside."""
    worked = next((at for at, block in enumerate(blocks) if block.startswith(_WORKED)), None)
    if worked is None:
        raise WorksheetError(f'{name}: exercise {part}: no ??? example "Worked answer" block')
    task = "\n".join(block for block in blocks[:worked] if not block.startswith("<!--"))
    return Item(label, task, _inside(blocks[worked]))


def _inside(details):
    """The inside of a <details> block after its summary, comments left out."""
    body = details[details.index("</summary>") + len("</summary>"):details.rindex("</details>")]
    return "\n".join(block for block in _blocks(body) if not block.startswith("<!--"))


def _blocks(html):
    """The top-level elements and comments of an HTML fragment, as text, in order."""
    finder = _BlockFinder()
    finder.feed(html)
    finder.close()
    lines = [0, *(at + 1 for at, char in enumerate(html) if char == "\n")]
    offsets = [(lines[line - 1] + column, lines[end_line - 1] + end_column)
               for (line, column), (end_line, end_column) in finder.spans]
    return [html[start:end] for start, end in offsets]


class _BlockFinder(HTMLParser):
    """Records where each top-level element or comment starts and ends, as (line, column) pairs."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.spans, self._depth, self._start = [], 0, None

    def handle_starttag(self, tag, attrs):
        if self._depth == 0:
            self._start = self.getpos()
        if tag in _VOID:
            self._close_if_top(self.get_starttag_text())
        else:
            self._depth += 1

    def handle_startendtag(self, tag, attrs):
        if self._depth == 0:
            self._start = self.getpos()
        self._close_if_top(self.get_starttag_text())

    def handle_endtag(self, tag):
        self._depth -= 1
        self._close_if_top(f"</{tag}>")

    def handle_comment(self, data):
        if self._depth == 0:
            self._start = self.getpos()
            self._close_if_top(f"<!--{data}-->")

    def _close_if_top(self, text):
        if self._depth == 0 and self._start is not None:
            line, column = self.getpos()
            newlines = text.count("\n")
            end = (line + newlines, (len(text) - text.rindex("\n") - 1) if newlines else column + len(text))
            self.spans.append((self._start, end))
            self._start = None


def worksheet_key(content, identity, size) -> str:
    """The sha256 of every input of a worksheet render: text, identity, size, code, versions, date."""
    inputs = {"content": dataclasses.asdict(content), "identity": dataclasses.asdict(identity), "size": size}
    return cache.content_key(inputs, ["studykit.worksheet.pdf"], _TEMPLATE_FILES)


def worksheet_entry(content, identity, cache_dir, size) -> Path:
    """Where the worksheet of this size with these inputs is kept in cache_dir."""
    if size not in SIZES:
        raise ValueError(f"unknown worksheet size {size!r}; expected one of {', '.join(SIZES)}")
    return cache.cache_entry(cache_dir, worksheet_key(content, identity, size), f".{size}.pdf")
