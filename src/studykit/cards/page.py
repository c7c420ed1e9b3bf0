"""The flashcards on a page: the grid of cards, the study mode and the downloads."""

from studykit.cards import exports
from studykit.core import templates

MARKER = "<!-- flashcards -->"
ASSETS = ("assets/lesson-flashcards.js", "assets/lesson-study.js", "assets/lesson-study.css",
          "assets/lesson-worksheet.css")


def flashcards_html(cards, identity, relative, printables) -> str:
    """The flashcards section; relative(path) links a site path from the page; printables are the
    other downloads listed with the cards' ({"url", "label"} each, the worksheets')."""
    items = [{"id": card.id, "question": templates.html(_unwrap_paragraph(card.page_html["question"])),
              "answer": templates.html(card.page_html["answer"])} for card in cards]

    def url(name):
        return relative(identity.download(name))

    return templates.render(
        "cards/templates/flashcards.html", cards=items, slug=identity.slug,
        pdf_url=url("flashcards.pdf"), anki_url=url("flashcards.apkg"),
        exports=[{"url": url(e.name), "label": e.label, "purpose": e.purpose} for e in exports.FORMATS],
        worksheets=printables)


def _unwrap_paragraph(html):
    # A question sits inside <summary>, which may only hold phrasing content.
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
