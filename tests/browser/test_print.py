"""Printing: "Print flashcards" prints one card per page; Ctrl+P prints the lesson with its answers."""

import io
import re

from counts import CARDS
from playwright.sync_api import expect
from pypdf import PdfReader
from readback import letters, plain, words


# What each card says, in reading order, with the math left out (text extraction mangles it).
_CARD_TEXT_JS = """
() => Array.from(document.querySelectorAll("details.lesson-card"), card => {
  const plain = selector => {
    const copy = card.querySelector(selector).cloneNode(true);
    copy.querySelectorAll("math").forEach(math => math.remove());
    return copy.textContent;
  };
  return {question: plain(".lesson-card__question"), answer: plain(".lesson-card__answer"),
          all: card.innerText};
})
"""

# Text that belongs to the lesson page around the deck, never to a printed card.
_NOT_ON_A_CARD = ("Self-check", "Worked answer", "Show answer", "Try it yourself", "Show all",
                  "Hide all", "Print flashcards", "Download the flashcards", "Practice: Loss")


def _stub_print(page):
    """Replace window.print with a counter, since a headless browser has no print dialog."""
    # Wrapped in a function: Playwright would call a bare arrow-function expression's value.
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")


def _record_print_events(page):
    """Record the beforeprint/afterprint events the page receives, in order."""
    page.evaluate("""() => {
      window.__printEvents = [];
      for (const name of ["beforeprint", "afterprint"]) {
        window.addEventListener(name, () => window.__printEvents.push(name));
      }
    }""")


def _open_states(page):
    """Which details on the practice page are open, as {"cards": [...], "others": [...]}."""
    return page.evaluate("""() => ({
      cards: Array.from(document.querySelectorAll("details.lesson-card"), d => d.open),
      others: Array.from(document.querySelectorAll("article details:not(.lesson-card)"), d => d.open),
    })""")


def _print_pdf(page):
    """Print the page the way Chromium prints it (print media) and return the PDF's reader."""
    page.emulate_media(media="print")
    pdf = page.pdf()
    page.emulate_media(media="screen")
    return PdfReader(io.BytesIO(pdf))


def _open_practice(page, base_url):
    """Open the practice page and wait until lesson-cards.js has shown the deck's buttons."""
    page.goto(base_url + "practice/")
    expect(page.get_by_role("button", name="Print flashcards")).to_be_visible()


def test_print_flashcards_prints_one_card_per_page_and_restores(page, base_url):
    _open_practice(page, base_url)
    _stub_print(page)
    cards = page.locator("details.lesson-card")
    cards.nth(1).locator("summary").click()
    expect(cards.nth(1)).to_have_attribute("open", "")
    before = _open_states(page)
    assert before["cards"] == [i == 1 for i in range(CARDS)]

    page.get_by_role("button", name="Print flashcards").click()
    assert page.evaluate("window.__printed") == 1, "window.print() was not called exactly once"
    expect(page.locator("html")).to_have_class(re.compile(r"\blesson-print-cards\b"))
    assert _open_states(page)["cards"] == [True] * CARDS, "not every card opened for print"

    texts = page.evaluate(_CARD_TEXT_JS)
    reader = _print_pdf(page)
    assert len(reader.pages) == CARDS, f"{len(reader.pages)} pages for {CARDS} cards"
    for number, (pdf_page, card) in enumerate(zip(reader.pages, texts), start=1):
        printed = plain(pdf_page.extract_text())
        flat = letters(printed)
        missing = [w for w in words(card["question"]) + words(card["answer"]) if w not in flat]
        assert not missing, f"page {number} lacks card {number}'s words {missing}: {printed!r}"
        assert f"{number} / {CARDS}" in printed, f"page {number} is not card {number}"
        stray = [text for text in _NOT_ON_A_CARD if text.lower() in printed.lower()]
        assert not stray, f"page {number} also prints {stray}"
        # Nothing but the card: no more letters on the page than the card itself holds.
        assert len(flat) <= len(letters(card["all"])), f"page {number} prints more than its card"

    # The stub replaced the dialog, so stand in for the reader closing it.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\blesson-print-cards\b"))
    assert _open_states(page) == before, "printing changed which cards are open"
    expect(cards.nth(1).locator(".lesson-card__back")).to_be_visible()
    expect(cards.nth(0).locator(".lesson-card__back")).to_be_hidden()


def test_ctrl_p_prints_the_whole_lesson_with_answers(page, base_url):
    _open_practice(page, base_url)
    _record_print_events(page)
    before = _open_states(page)
    assert not any(before["cards"]) and not any(before["others"])
    texts = page.evaluate(_CARD_TEXT_JS)

    # Chromium's printing (what Ctrl+P starts) fires beforeprint, lays the page out for print
    # media, then fires afterprint: page.pdf() goes through that same path.
    reader = _print_pdf(page)
    assert page.evaluate("window.__printEvents") == ["beforeprint", "afterprint"]
    printed = plain(" ".join(pdf_page.extract_text() for pdf_page in reader.pages))
    flat = letters(printed)
    for answer in ("Driving that number down is what training does",  # Self-check 1
                   "The learning rate is one of the most consequential hyperparameters",
                   "confidently correct",  # Part A's worked answer
                   "That asymmetry is exactly what training will exploit",  # Part B
                   "That is why the learning rate matters"):  # Part C
        assert letters(answer) in flat, f"the printed lesson lacks {answer!r}"
    for number, card in enumerate(texts, start=1):
        missing = [w for w in words(card["answer"]) if w not in flat]
        assert not missing, f"card {number}'s printed answer lacks {missing}"
    for control in ("Show all", "Hide all", "Download the flashcards as PDF", "Add to Anki",
                    "Quizlet text file", "Worksheet with answer key", "Print worksheet"):
        assert control not in printed, f"the printed lesson shows the {control!r} button"

    # Closing the dialog leaves every collapsible and card as it was: closed.
    assert _open_states(page) == before
    expect(page.locator("article details.success").first.locator("p")).to_be_hidden()


def test_print_worksheet_prints_the_questions_without_answers_and_restores(page, base_url):
    _open_practice(page, base_url)
    _stub_print(page)
    page.locator("article details.success").nth(2).locator("summary").click()  # one answer open
    before = _open_states(page)
    page.get_by_role("button", name="Print worksheet").click()
    assert page.evaluate("window.__printed") == 1, "window.print() was not called exactly once"
    expect(page.locator("html")).to_have_class(re.compile(r"\blesson-print-worksheet\b"))

    printed = plain(" ".join(pdf_page.extract_text() for pdf_page in _print_pdf(page).pages))
    flat = letters(printed)
    for question in ("1. In one sentence, what is a loss function?",
                     "7. What is mini-batch / stochastic gradient descent, and why is it the default?",
                     "Part A: SVM loss with full margins.", "Part B: softmax probabilities and cross-entropy.",
                     "Part C: one gradient descent step."):
        assert letters(question) in flat, f"the worksheet lacks {question!r}"
    for answer in ("Driving that number down is what training does", "confidently correct",
                   "That asymmetry is exactly what training will exploit", "Show answer", "Worked answer"):
        assert letters(answer) not in flat, f"the worksheet prints {answer!r}"
    assert "Flashcards" not in printed and "Download the flashcards" not in printed

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\blesson-print-worksheet\b"))
    assert _open_states(page) == before, "printing changed which answers are open"
