"""The worksheet's PDFs, one a paper size, rendered by the pool when not cached."""

import importlib
from pathlib import Path

from studykit.worksheet import content as worksheet_content

LABELS = {"a4": "A4", "letter": "Letter"}


def render_worksheet(content, identity, size) -> bytes:
    """One size of the worksheet PDF, for the render pool: WeasyPrint is imported only here."""
    return importlib.import_module("studykit.worksheet.pdf").render_worksheet(content, identity, size=size)


def worksheet_downloads(content, identity, cache_dir, pool) -> dict:
    """Each size of the worksheet, by site path: bytes, or the cache entry it is being rendered to."""
    found = {}
    for size in worksheet_content.SIZES:
        entry = worksheet_content.worksheet_entry(content, identity, Path(cache_dir) / "worksheet", size)
        uri = identity.download(f"worksheet-{size}.pdf")
        found[uri] = pool.get(uri, entry, render_worksheet, content, identity, size)
    return found


def printables(identity, relative) -> list:
    """The worksheet's links, as the page lists them beside the other printables."""
    return [{"url": relative(identity.download(f"worksheet-{size}.pdf")), "label": LABELS[size]}
            for size in worksheet_content.SIZES]
