"""The progress panel at the top of a page: cards due, each exercise part's state, Continue, save, load."""

from studykit.core import templates

# Where the panel goes, on a line of its own in the page's Markdown (after its title).
MARKER = "<!-- progress -->"
ASSETS = ("assets/lesson-progress.js", "assets/lesson-progress.css")


def panel_html(slug, parts) -> str:
    """The panel for the lesson slug; parts are the page's exercises with answer boxes, in page
    order, as (name, label) pairs: the script names nothing itself."""
    return templates.render("progress/templates/panel.html", slug=slug,
                            parts=[{"name": name, "label": label or name} for name, label in parts])
