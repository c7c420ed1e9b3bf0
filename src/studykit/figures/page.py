"""Figures and explorers in a page: each where its marker stands, with what it needs to load."""

import re

from studykit.core import markers, templates
from studykit.figures.downloads import SVG_PATH

FIGURE_ASSETS = ("assets/lesson-figures.css",)
EXPLORER_ASSETS = ("assets/lesson-explorer.js", "assets/lesson-figures.css")
_PT_TO_PX = 4 / 3  # CSS: 96 px to the inch, 72 pt to the inch


def with_figures(html, names, figures, identity, relative, where) -> tuple[str, list]:
    """(html with each <!-- figure NAME --> replaced by its figure, the assets they need). names are
    the lesson's figures; one not in figures yet (drawn under serve) shows as being drawn."""
    assets = []

    def figure(name):
        assets.extend(FIGURE_ASSETS)
        if name not in figures:
            return templates.render("figures/templates/figure-pending.html", name=name)
        width, height = image_size(figures[name].svg)
        return templates.render("figures/templates/figure.html", figure=figures[name], width=width,
                                height=height, svg_url=relative(SVG_PATH.format(name)),
                                csv_url=relative(identity.download(f"{name}.csv")))

    return markers.replace_markers(html, "figure", names, figure, where), assets


def with_explorers(html, explorers, package, where) -> tuple[str, list]:
    """(html with each <!-- explorer NAME --> replaced by the lesson package's explorer, its assets)."""
    assets = []

    def explorer(name):
        assets.extend(EXPLORER_ASSETS)
        return templates.render(f"{package}/templates/explorer-{name}.html", settings=explorers[name])

    return markers.replace_markers(html, "explorer", explorers, explorer, where), assets


def image_size(svg):
    """The width and height in whole CSS pixels of an SVG whose viewBox is in points."""
    box = re.search(r'viewBox="([\d.\s-]+)"', svg)
    if not box:
        raise ValueError("the SVG has no viewBox to size its image by")
    _, _, width, height = (float(number) for number in box.group(1).split())
    return round(width * _PT_TO_PX), round(height * _PT_TO_PX)
