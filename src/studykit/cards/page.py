"""The flashcards on a page (the study mode and the grid of cards) and the lesson's downloads."""

from studykit.cards import exports
from studykit.core import templates

MARKER = "<!-- flashcards -->"
DOWNLOADS = "<!-- downloads -->"  # under the page's own heading: the print buttons need the deck
ASSETS = ("assets/lesson-cards.js", "assets/lesson-study.css", "assets/lesson-worksheet.css")


def flashcards_html(cards, identity) -> str:
    """The flashcards section: study mode, then the grid of cards."""
    items = [{"id": card.id, "question": templates.html(_unwrap_paragraph(card.page_html["question"])),
              "answer": templates.html(card.page_html["answer"])} for card in cards]
    return templates.render("cards/templates/flashcards.html", cards=items, slug=identity.slug)


def downloads_html(identity, relative, printables, extra="") -> str:
    """Every printable and download in one place; relative(path) links a site path from the page;
    printables are the worksheet's links ({"url", "label"} each), extra the HTML that ends it."""
    def url(name):
        return relative(identity.download(name))

    return templates.render(
        "cards/templates/downloads.html", pdf_url=url("flashcards.pdf"), anki_url=url("flashcards.apkg"),
        exports=[{"url": url(e.name), "label": e.label, "purpose": e.purpose} for e in exports.FORMATS],
        worksheets=printables, extra=templates.html(extra))


def _unwrap_paragraph(html):
    # A question sits inside <summary>, which may only hold phrasing content.
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
