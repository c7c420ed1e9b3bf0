"""Offline in a page: the script that registers the worker, and the "Updated: reload" notice."""

from studykit.core import templates
from studykit.offline.worker import WORKER

ASSETS = ("assets/lesson-offline.js",)


def with_notice(html, relative, serving) -> tuple[str, list]:
    """(a page's HTML with the notice at its end, the assets it loads); relative(path) links a site
    path from the page. Under `mkdocs serve` (serving) the notice names no worker: the script
    unregisters any, so the server's live reload never meets a page kept offline."""
    notice = templates.render("offline/templates/notice.html", scope=relative(""),
                              worker="" if serving else relative(WORKER))
    return html + notice, list(ASSETS)


def keep_downloads() -> str:
    """"Keep the downloads offline", to end the list of the page's downloads (it fetches them all)."""
    return templates.render("offline/templates/keep-downloads.html")
