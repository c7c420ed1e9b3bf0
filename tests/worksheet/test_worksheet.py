"""The worksheet: its text taken from the filled page, its cache, its renderer and its command line."""

import io
import json
import subprocess
import sys

import pytest
from counts import EXERCISES, SELF_CHECKS
from pypdf import PdfReader
from readback import alt_texts, letters, plain

import re

from lessons.loss_and_optimization import LESSON as DECLARED
from studykit.cards.cardfile import read_cards
from studykit.core import identity, markdown, pages
from studykit.core.cache import from_cache
from studykit.core.errors import LessonDataError
from studykit.core.identity import Identity, read_markdown_setup
from studykit.practice.exercise import read_inputs
from studykit.worksheet import pdf as worksheet
from studykit.worksheet.content import PAGE, Content, Item, WorksheetError, from_page, page_context, worksheet_entry

LESSON = identity.read_identity()
SITE_MARKDOWN = read_markdown_setup()


def _html(text):
    """Markdown as the site parses it."""
    return markdown.to_html(text, *SITE_MARKDOWN)


def parse(text):
    """The worksheet's text from a page's Markdown, parsed as the site parses it."""
    return from_page(_html(text), DECLARED.exercises)


TINY = Content(questions=(Item("1", _html("**1. What is $a + b$?**"), _html("It is $c$.")),),
               exercises=(Item("Part A", _html("**Part A: add.** Add $1$ and $2$."), _html("$1 + 2 = 3$")),))


def _words_before_math(html):
    """The text of some HTML before its first formula, tags left out."""
    return re.sub(r"<[^>]+>", "", html.split('<span class="arithmatex">')[0])
# A4 and Letter in PostScript points: 210 x 297 mm and 8.5 x 11 in.
PAGE_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@pytest.fixture(scope="module")
def content():
    context = page_context(LESSON, read_cards(worksheet.DEFAULT_CARDS),
                           read_inputs(worksheet.DEFAULT_INPUTS, DECLARED.exercises), DECLARED.exercises)
    body, first_line = pages.body_of(PAGE.read_text(encoding="utf-8"))
    return parse(pages.fill(body, context, PAGE.name, first_line))


def test_every_self_check_question_and_exercise_is_taken_from_the_page(content):
    assert [item.label for item in content.questions] == [str(n) for n in range(1, SELF_CHECKS + 1)]
    assert [item.label for item in content.exercises] == [f"Part {chr(65 + i)}" for i in range(EXERCISES)]
    assert content.questions[0].task == "<p><strong>1. In one sentence, what is a loss function?</strong></p>"
    assert content.questions[0].answer.startswith("<p>A function that turns")
    assert content.exercises[0].task.startswith("<p><strong>Part A: SVM loss with full margins.</strong>")
    # The page's reference-style link, resolved as the site resolves it.
    assert any('href="https://cs231n.github.io/optimization-1/"' in item.task + item.answer
               for item in content.questions + content.exercises)


def test_the_text_is_filled_with_the_computed_values(content):
    part_a, part_b, part_c = content.exercises[:3]  # the lesson's; an author may add more after them
    # Hand-worked (NOTES.md): margins -1.2 and -1.3, loss 0; p = 7.389 / 11.107 = 0.665, -ln 0.665 = 0.408.
    assert "[1.5, -0.7, -0.8]" in part_a.task and "max(0,\\ -1.2)" in part_a.answer
    assert "The loss is <strong>zero</strong>." in part_a.answer
    assert "11.107" in part_b.answer and "0.408" in part_b.answer and "2.408" in part_b.answer
    assert "0.98" in part_c.answer and "2.04" in part_c.answer and "-0.51" in part_c.answer
    assert not any("{{" in item.task + item.answer for item in content.questions + content.exercises)


def test_a_page_without_questions_or_exercises_is_refused_naming_it():
    with pytest.raises(WorksheetError, match=r"practice.md: no self-check question found"):
        parse("# Title\n\nNo questions here.\n")
    with pytest.raises(WorksheetError, match=r"practice.md: no exercise found"):
        parse('**1. Why?**\n\n??? success "Show answer"\n\n    Because.\n')
    with pytest.raises(WorksheetError, match=r"exercise part_a: no \?\?\? example \"Worked answer\""):
        parse('**1. Why?**\n\n??? success "Show answer"\n\n    Because.\n\n'
              "<!-- exercise part_a -->\nDo it.\n<!-- /exercise -->\n")


def test_an_unknown_value_names_the_page_and_line():
    body, first_line = pages.body_of("---\ndescription: x\n---\n\n# T\n\n{{ a.nope }}\n")
    with pytest.raises(LessonDataError, match=r"practice.md: line 7: unknown value 'a.nope'"):
        pages.fill(body, {"a": {}}, "practice.md", first_line)


def cached_worksheet(content, lesson, cache_dir, render, size):
    """The worksheet as a build gets it: its cache entry's bytes, else render(...) stored there."""
    entry = worksheet_entry(content, lesson, cache_dir, size)
    return from_cache(entry, lambda: render(content, lesson, size=size))


def _counting_render():
    calls = []

    def render(content, lesson, **options):
        calls.append(options)
        return f"PDF {len(calls)}".encode()

    return render, calls


def test_the_cache_renders_once_per_input_and_keeps_one_file_per_size(tmp_path, monkeypatch):
    render, calls = _counting_render()
    first = cached_worksheet(TINY, LESSON, tmp_path, render, "a4")
    assert cached_worksheet(TINY, LESSON, tmp_path, render, "a4") == first
    cached_worksheet(TINY, LESSON, tmp_path, render, "letter")
    changed = Content(TINY.questions, (Item("Part A", _html("Add $1$ and $3$."), _html("$4$")),))
    cached_worksheet(changed, LESSON, tmp_path, render, "a4")
    cached_worksheet(changed, Identity("Practice: Other", "Other", "other"), tmp_path, render, "a4")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    cached_worksheet(changed, LESSON, tmp_path, render, "a4")
    assert calls == [{"size": "a4"}, {"size": "letter"}, {"size": "a4"}, {"size": "a4"}, {"size": "a4"}]
    assert sorted(path.name.split(".", 1)[1] for path in tmp_path.iterdir()) == ["a4.pdf", "letter.pdf"]
    with pytest.raises(ValueError, match="unknown worksheet size 'a5'"):
        cached_worksheet(TINY, LESSON, tmp_path, render, "a5")


def test_a_cache_hit_never_imports_weasyprint(tmp_path):
    script = f"""
import json, sys
from lessons.loss_and_optimization import LESSON
from studykit.cards.cardfile import read_cards
from studykit.core import identity, markdown, pages
from studykit.core.cache import from_cache
from studykit.practice.exercise import read_inputs
from studykit.worksheet.content import from_page, page_context, worksheet_entry
lesson = identity.read_identity()
context = page_context(lesson, read_cards({str(PAGE.parent / 'data/flashcards.yml')!r}),
                       read_inputs({str(PAGE.parent / 'data/exercises.yml')!r}, LESSON.exercises), LESSON.exercises)
body, line = pages.body_of(open({str(PAGE)!r}, encoding="utf-8").read())
content = from_page(markdown.to_html(pages.fill(body, context, "practice.md", line),
                                     *identity.read_markdown_setup()), LESSON.exercises)
entry = worksheet_entry(content, lesson, {str(tmp_path)!r}, "a4")
from_cache(entry, lambda: b"%PDF- stand-in")
hit = from_cache(entry, lambda: 1 / 0)
print(json.dumps({{"hit": hit.decode(), "weasyprint": "weasyprint" in sys.modules}}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert json.loads(result.stdout) == {"hit": "%PDF- stand-in", "weasyprint": False}, result.stderr


def test_same_date_gives_the_same_bytes_and_another_date_other_bytes():
    first = worksheet.render_worksheet(TINY, LESSON, source_date_epoch=1767225600)
    assert worksheet.render_worksheet(TINY, LESSON, source_date_epoch=1767225600) == first
    assert worksheet.render_worksheet(TINY, LESSON, source_date_epoch=1) != first
    assert PdfReader(io.BytesIO(first)).metadata.title == LESSON.title


def test_the_answer_key_starts_on_a_page_of_its_own():
    reader = PdfReader(io.BytesIO(worksheet.render_worksheet(TINY, LESSON, size="letter")))
    pages = [plain(page.extract_text()) for page in reader.pages]
    assert len(pages) == 2
    # pypdf reads a formula's text layer after the words around it, which read on as they are.
    assert "1. What is ?" in pages[0] and "Add and ." in pages[0] and "a + b" in pages[0]
    assert "Answer key" not in pages[0] and "It is" not in pages[0]
    assert pages[1].startswith("Answer key") and "It is ." in pages[1] and "What is ?" in pages[1]
    assert "1 + 2 = 3" in pages[1]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory, content):
    """The lesson's A4 worksheet, written by the command line: (reader, text of each page)."""
    out = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    assert worksheet.main(["-o", str(out)]) == 0
    reader = PdfReader(out)
    return reader, [plain(page.extract_text()) for page in reader.pages]


def test_cli_writes_an_a4_worksheet(sheet):
    reader, _ = sheet
    for page in reader.pages:
        width, height = (float(v) for v in page.mediabox.upper_right)
        assert (round(width, 2), round(height, 2)) == PAGE_POINTS["a4"]


def test_questions_come_first_with_no_answer_then_the_key_on_pages_of_its_own(sheet, content):
    _, pages = sheet
    key_start = next(i for i, text in enumerate(pages) if text.startswith("Answer key"))
    questions, key = letters(" ".join(pages[:key_start])), letters(" ".join(pages[key_start:]))
    assert 0 < key_start < len(pages) - 1
    for item in content.questions:  # prose of each question, up to its first formula
        assert letters(_words_before_math(item.task)) in questions, item.label
    for prose in ("Driving that number down is what training does", "roughly 67 percent confident",
                  "Both wrong classes are already more than 1 below", "That asymmetry is exactly",
                  "That is why the learning rate matters"):
        assert letters(prose) not in questions and letters(prose) in key, prose
    assert letters("Part A: SVM loss with full margins") in questions
    assert "Answer key" not in " ".join(pages[:key_start])


def test_the_key_shows_the_hand_worked_numbers_in_its_formulas(sheet):
    reader, _ = sheet
    formulas = plain(" | ".join(alt_texts(reader)))
    # Part B (NOTES.md): exp 7.389, 2.718, 1, sum 11.107; p_0 = 0.665, p_2 = 1 / 11.107 = 0.090.
    for shown in ("7.389 + 2.718 + 1 ≈ 11.107", "p_0 ≈ 7.389 / 11.107 ≈ 0.665", "L = -ln(0.665) ≈ 0.408",
                  "L = -ln(0.090) ≈ 2.408",
                  # Part A: -0.7 - 1.5 + 1 = -1.2 and -0.8 - 1.5 + 1 = -1.3: both hinges 0.
                  "max(0, -1.2)", "max(0, -1.3)",
                  # Part C: W - 0.1 [0.2, -0.4, 0.1] and W - 1.0 [...], W = [1.0, 2.0, -0.5].
                  "[0.98, 2.04, -0.51]", "[0.8, 2.4, -0.6]"):
        assert plain(shown) in formulas, shown


def test_cli_refuses_a_size_it_does_not_know():
    with pytest.raises(SystemExit) as exit_:
        worksheet.main(["-o", "x.pdf", "--size", "a5"])
    assert exit_.value.code == 2
