"""The built practice page: the whole seed lesson, every computed number, closed collapsibles."""

import re
from pathlib import Path

import pytest
from counts import CARDS, CARDS_IN_WORDS, COLLAPSIBLES, EXERCISES, SELF_CHECKS
from html_text import article_text
from readback import letters, plain

from studykit.core import identity

# The lesson text as extracted from the published page (shared/seed/), kept with the tests.
SEED = Path(__file__).parent / "seed" / "practice-loss-and-optimization.txt"
_HEADING_RESIDUE = re.compile(r"^Section titled “[^”]*”")
_DROPPED_WORDS = re.compile(r"\b(over|of)\b")  # the seed spells Σ_{j≠y} as "Σ over j ≠ y of"


@pytest.fixture(scope="module")
def page_html(site):
    return (site / "practice" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_text(page_html):
    return article_text(page_html)


def _seed_items():
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = _HEADING_RESIDUE.sub("", line).removeprefix("Q. ").strip()
        # The seed states its own card count; the page counts the cards the data file holds.
        line = line.replace("Nine cards.", f"{CARDS_IN_WORDS.capitalize()} cards.")
        if line:
            yield line


def _normalize(text):
    return letters(_DROPPED_WORDS.sub("", text))


def test_every_seed_line_is_on_the_page_in_order(page_text):
    text, position = _normalize(page_text), 0
    for item in _seed_items():
        found = text.find(_normalize(item), position)
        assert found >= 0, f"missing or out of order: {item[:80]!r}"
        position = found + len(_normalize(item))


def test_seed_counts(page_html):
    assert page_html.count('<details class="success">') == SELF_CHECKS  # Show answer
    assert page_html.count('<details class="example">') == EXERCISES  # Worked answer
    assert page_html.count('class="lesson-card"') == CARDS


def test_every_collapsible_is_closed(page_html):
    details = re.findall(r"<details\b[^>]*>", page_html)
    assert len(details) == COLLAPSIBLES
    assert not [tag for tag in details if " open" in tag]


# A value or statement the build did not fill: {{ a.loss }}, {% if ... %}. (A page may show "{{"
# on purpose, written {% raw %}{{{% endraw %}.)
_UNFILLED = re.compile(r"\{\{\s*[\w.\[\]'\"|() ]+?\s*\}\}|\{%.*?%\}")


def test_no_placeholder_is_left(site):
    for page in site.rglob("*.html"):
        assert not _UNFILLED.search(page.read_text(encoding="utf-8")), page


# Every value the page shows for the lesson's inputs, in its sentence, worked by hand (NOTES.md).
@pytest.mark.parametrize("snippet", [
    "scores [s_A, s_B, s_C] = [1.5, −0.7, −0.8] with correct class A. Margin is 1.",
    "L = max(0, s_B − s_A + 1) + max(0, s_C − s_A + 1)",
    "= max(0, −0.7 − 1.5 + 1) + max(0, −0.8 − 1.5 + 1)",
    "max(0, −1.2) + max(0, −1.3)", "= 0 + 0; = 0", "The loss is zero",
    "Both wrong classes are already more than 1 below the correct class",
    "the loss was 0.5 because the margin to class Y was only 0.5",
    "For scores s = [2, 1, 0]", "exp(2) ≈ 7.389, exp(1) ≈ 2.718, exp(0) = 1.",
    "(a) the correct class is index 0; (b) the correct class is index 2.",
    "Correct = index 0, p_0 ≈ 0.665", "Correct = index 2, p_2 ≈ 0.090",
    "The model is correct and roughly 67 percent confident",
    "The model is wrong and assigns only 9 percent probability",
    "7.389 + 2.718 + 1 ≈ 11.107", "p_0 ≈ 7.389 / 11.107 ≈ 0.665", "p_1 ≈ 2.718 / 11.107 ≈ 0.245",
    "p_2 ≈ 1 / 11.107 ≈ 0.090", "L = −ln(0.665) ≈ 0.408", "L = −ln(0.090) ≈ 2.408",
    "roughly 67 percent confident", "only 9 percent probability",
    "[1.0 − 0.1 · 0.2, 2.0 − 0.1 · (−0.4), −0.5 − 0.1 · 0.1]",
    "[1.0 − 0.02, 2.0 + 0.04, −0.5 − 0.01]", "[0.98, 2.04, −0.51]",
    "[1.0 − 0.2, 2.0 + 0.4, −0.5 − 0.1]", "[0.8, 2.4, −0.6]", "ten times farther",
    "W = [1.0, 2.0, −0.5] and the gradient is ∇L = [0.2, −0.4, 0.1]",
    "at learning rate α = 0.1. Then redo with α = 1.0.",
    f"{CARDS_IN_WORDS.capitalize()} cards.",
])
def test_worked_answers_show_the_computed_values(page_text, snippet):
    assert plain(snippet) in page_text


def test_the_description_counts_the_cards(page_html):
    description = re.search(r'<meta name="description" content="([^"]+)">', page_html).group(1)
    assert f"and {CARDS_IN_WORDS} flashcards" in description


def test_the_title_is_the_lessons(page_html):
    assert f"<title>{identity.read_identity().title} - " in page_html


def test_formulas_are_typeset_with_text_equivalents(page_html):
    maths = re.findall(r"<math\b[^>]*>", page_html)
    assert len(maths) > 30
    assert all('alttext="' in tag and 'aria-label="' in tag for tag in maths)
    assert "arithmatex" not in page_html and "\\(" not in page_html


def test_cs231n_figures_link_to_their_source(page_html):
    assert page_html.count('href="https://cs231n.github.io/optimization-1/"') == 2


def test_exercise_and_card_data_are_not_published(site):
    assert not (site / "data").exists()


@pytest.mark.parametrize("link_text, magic", [
    ("Download the flashcards as PDF", b"%PDF-"), ("Add to Anki (.apkg)", b"PK\x03\x04")])
def test_flashcard_downloads_are_linked_and_published(site, page_html, link_text, magic):
    href = re.search(rf'<a [^>]*href="([^"]+)"[^>]*>{re.escape(link_text)}</a>', page_html).group(1)
    assert not href.startswith(("/", "http"))  # relative, so the site works under any sub-path
    assert (site / "practice" / href).resolve().read_bytes().startswith(magic)
