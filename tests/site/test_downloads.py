"""Every download the practice page links, each once, in its "Print and download" section: the deck's
formats and the worksheets."""

import csv
import io
import re

import pytest
from counts import CARD_IDS, CARDS, SELF_CHECKS
from html_text import article_text
from pypdf import PdfReader
from readback import letters, plain

from builds import ROOT

from studykit.core import identity

LESSON = identity.read_identity()
# A4 and Letter in PostScript points: 210 x 297 mm and 8.5 x 11 in.
PAGE_POINTS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
# The figures' data files sit beside their figures; every other download is a printable or the deck's.
_FIGURES = re.findall(r"<!-- figure ([\w-]+) -->", (ROOT / "docs" / "practice.md").read_text("utf-8"))


@pytest.fixture(scope="module")
def page_html(site):
    return (site / "practice" / "index.html").read_text(encoding="utf-8")


def _download(site, page_html, link_text):
    """The bytes behind the practice page's link with this text; the link must be relative."""
    href = re.search(rf'<a [^>]*href="([^"]+)"[^>]*>{re.escape(link_text)}</a>', page_html).group(1)
    assert not href.startswith(("/", "http")), href
    return href, (site / "practice" / href).resolve().read_bytes()


def test_the_anki_text_file_is_linked_with_its_purpose(site, page_html):
    href, data = _download(site, page_html, "Anki text file (.txt)")
    assert href.endswith(f"{LESSON.slug}-flashcards-anki.txt")
    text = data.decode("utf-8")
    assert text.startswith("#separator:tab\n#html:true\n")
    assert f"#deck:{LESSON.deck_title}\n" in text and "#guid column:3\n" in text
    assert len([line for line in text.splitlines() if not line.startswith("#")]) == CARDS
    assert "Anki text file (.txt): For Anki's File > Import:" in article_text(page_html)


def test_the_csv_is_linked_with_a_header_row_and_every_card(site, page_html):
    href, data = _download(site, page_html, "CSV file (.csv)")
    assert href.endswith(f"{LESSON.slug}-flashcards.csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["id", "question", "answer"] and [row[0] for row in rows[1:]] == CARD_IDS
    assert "CSV file (.csv): For spreadsheets and other flashcard apps" in article_text(page_html)


def test_the_quizlet_file_is_linked_with_one_card_a_line(site, page_html):
    href, data = _download(site, page_html, "Quizlet text file (.txt)")
    assert href.endswith(f"{LESSON.slug}-flashcards-quizlet.txt")
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == CARDS and all(line.count("\t") == 1 for line in lines)
    assert "Quizlet text file (.txt): For Quizlet's Import box" in article_text(page_html)


@pytest.mark.parametrize("size", PAGE_POINTS)
def test_the_worksheets_are_linked_in_both_sizes(site, page_html, size):
    href, data = _download(site, page_html, f"Worksheet with answer key (PDF, {size})")
    assert href.endswith(f"{LESSON.slug}-worksheet-{size.lower()}.pdf")
    reader = PdfReader(io.BytesIO(data))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width, 2), round(height, 2)) == PAGE_POINTS[size]
    pages = [plain(page.extract_text()) for page in reader.pages]
    key = next(i for i, text in enumerate(pages) if text.startswith("Answer key"))
    questions = letters(" ".join(pages[:key]))
    assert all(letters(f"{n}.") in questions for n in range(1, SELF_CHECKS + 1))
    assert letters("Both wrong classes are already more than 1 below") in letters(" ".join(pages[key:]))
    # The worksheet's templates are not published as pages of the site.
    assert not (site / "worksheet").exists() and not (site / "deck").exists()


def _section(page_html, heading):
    """The practice page's HTML from the <h2> with this text to the next <h2> or the article's end."""
    start = re.search(rf'<h2 id="[^"]+">{re.escape(heading)}<', page_html).start()
    ends = [at for at in (page_html.find("<h2", start + 1), page_html.find("</article>", start)) if at > 0]
    return page_html[start:min(ends)]


def test_every_printable_is_linked_once_in_the_print_and_download_section(site, page_html):
    printables = sorted(path.name for path in (site / "downloads").iterdir()
                        if not any(path.name.endswith(f"-{name}.csv") for name in _FIGURES))
    assert len(printables) >= 7, printables  # the deck, Anki, three text files, two worksheets at least
    place = _section(page_html, "Print and download")
    for name in printables:
        assert len(re.findall(rf'href="[^"]*/downloads/{re.escape(name)}"', page_html)) == 1, name
        assert re.search(rf'href="[^"]*/downloads/{re.escape(name)}" download>', place), name
    for button in ("Print flashcards", "Print worksheet"):
        assert f">{button}</button>" in place
    # The table of contents leads there; the worksheet is no longer under "Flashcards".
    anchor = re.search(r'<h2 id="([^"]+)">Print and download<', page_html)[1]
    assert f'href="#{anchor}"' in page_html[:page_html.index("<article")]
    flashcards = _section(page_html, "Flashcards")
    assert "Print worksheet" not in flashcards and "Worksheet with answer key" not in flashcards
    assert not [name for name in printables if f"/downloads/{name}" in flashcards]
