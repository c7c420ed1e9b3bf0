"""The lesson's parts in a page's HTML: flashcards, figures, explorers and answer boxes.

Each function takes `relative(path)`, which turns a site path into a link from the page, and
`assets`, a list that collects the scripts and stylesheets the page then loads (and only it).
"""

import functools

import jinja2

from lesson import PROJECT_ROOT, cards, exports, formulas, page_parts, practice_html, worksheet_content
from lesson.site import FIGURE_SVG

CARDS_MARKER = "<!-- flashcards -->"
# lesson-practice.js loads the answer checker when a box is first used: not on every visit.
CHECKER = "assets/lesson-answers.js"


@functools.lru_cache(maxsize=1)
def _templates():
    """The partials under overrides/, compiled once and again only when one is edited."""
    # No autoescape, as in MkDocs' theme: a partial escapes data with `| e`.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(PROJECT_ROOT / "overrides"),
                              auto_reload=True, undefined=jinja2.StrictUndefined)


def render(template, **context) -> str:
    """A partial (such as "partials/lesson-figure.html") rendered with context."""
    return _templates().get_template(template).render(**context)


def boxes(part, checks) -> str:
    """One exercise's answer boxes (in the page, and in each variant's file)."""
    return _templates().get_template("partials/lesson-check-boxes.html").module.boxes(part, checks)


def problems(messages) -> str:
    """The page `mkdocs serve` shows while the lesson's data is broken."""
    return render("partials/lesson-problems.html", problems=messages)


def content(site, html, where, relative, assets) -> str:
    """A page's HTML with its math typeset and every part it asks for in place."""
    html = formulas.typeset(html, "mathml")
    if CARDS_MARKER in html:
        html = html.replace(CARDS_MARKER, _flashcards(site, relative, assets))
    if where in site.practice:
        assets += ["assets/lesson-practice.js", "assets/lesson-practice.css"]
    html = page_parts.replace_markers(html, "figure", site.figures,
                                      lambda name: _figure(site, name, relative, assets), where)
    return page_parts.replace_markers(html, "explorer", site.explorers,
                                      lambda name: _explorer(site, name, assets), where)


def answer_boxes(site, output, where, relative) -> str:
    """The built page with each exercise's answer boxes before its worked answer."""
    for part, exercise in site.practice.get(where, {}).items():
        urls = {"url": relative(exercise["uri"]), "checker": relative(CHECKER)}
        section = render("partials/lesson-check.html", part=part, checks=exercise["variants"][0]["checks"],
                         spec=practice_html.page_spec(exercise, urls))
        output = practice_html.enhance(output, part, section)
    return output


def _flashcards(site, relative, assets):
    assets += ["assets/lesson-flashcards.js", "assets/lesson-study.js", "assets/lesson-study.css",
               "assets/lesson-worksheet.css"]
    items = [{"id": card.id, "question": _unwrap_paragraph(cards.card_html(card.question, "mathml")),
              "answer": cards.card_html(card.answer, "mathml")} for card in site.cards]

    def url(name):
        return relative(site.lesson.download(name))

    return render(
        "partials/lesson-flashcards.html", cards=items, slug=site.lesson.slug,
        pdf_url=url("flashcards.pdf"), anki_url=url("flashcards.apkg"),
        exports=[{"url": url(e.name), "label": e.label, "purpose": e.purpose} for e in exports.FORMATS],
        worksheets=[{"url": url(f"worksheet-{size}.pdf"), "label": {"a4": "A4"}.get(size, size.title())}
                    for size in worksheet_content.SIZES])


def _figure(site, name, relative, assets):
    assets.append("assets/lesson-figures.css")
    figure = site.figures[name]
    width, height = page_parts.image_size(figure.svg)
    return render("partials/lesson-figure.html", figure=figure, width=width, height=height,
                  svg_url=relative(FIGURE_SVG.format(name)),
                  csv_url=relative(site.lesson.download(f"{name}.csv")))


def _explorer(site, name, assets):
    assets += ["assets/lesson-explorer.js", "assets/lesson-figures.css"]
    return render(f"partials/lesson-explorer-{name}.html", settings=site.explorers[name])


def _unwrap_paragraph(html):
    # A question sits inside <summary>, which may only hold phrasing content.
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
