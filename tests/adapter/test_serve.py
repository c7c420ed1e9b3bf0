"""A real `mkdocs serve`: edits show on the next reload, and a data error shows in the browser."""

import html
import io
import subprocess
import signal
import sys
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from pypdf import PdfReader

from builds import copy_project, mkdocs_env
from studykit.core import identity
from local_http import free_port, wait_for, wait_for_text, wait_until


class Served(NamedTuple):
    project: Path
    url: str  # the practice page's
    process: subprocess.Popen


@pytest.fixture
def served(tmp_path):
    """A copy of the project served by `mkdocs serve` with live reload."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=project, env=mkdocs_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/practice/"
        wait_for_text(url, "0.98", deadline_s=120)
        yield Served(project, url, server)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_reloads_inputs_and_reference_code(served):
    project, url, _ = served
    inputs = project / "docs/data/exercises.yml"
    data = yaml.safe_load(inputs.read_text(encoding="utf-8"))
    data["part_c"]["W"] = [1.0, 3.0, -0.5]
    inputs.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    wait_for_text(url, "3.04")

    # A changed reference step (twice the learning rate) shows without restarting the server.
    reference = project / "src/lessons/loss_and_optimization/reference.py"
    reference.write_text(reference.read_text(encoding="utf-8") + (
        "\n\n_step = gradient_step\n\n\n"
        "def gradient_step(W, grad, learning_rate):\n"
        "    return _step(W, grad, 2 * learning_rate)\n"), encoding="utf-8")
    wait_for_text(url, "3.08")


def test_serve_renders_the_pdfs_with_the_code_as_edited(served):
    deck_url = _edit_a_card_and_wait_for_its_deck(served)
    renderer = served.project / "src/studykit/cards/deck.py"
    renderer.write_text(renderer.read_text(encoding="utf-8").replace(
        "title=identity.deck_title,", 'title=identity.deck_title + " (second edition)",'), encoding="utf-8")
    title = f"{identity.read_identity(served.project / 'mkdocs.yml').deck_title} (second edition)"
    wait_for(deck_url, lambda body: PdfReader(io.BytesIO(body)).metadata.title == title,
             expected=f"the title {title!r}")


def test_a_killed_server_leaves_no_render_worker_behind(served):
    _edit_a_card_and_wait_for_its_deck(served)
    helpers = _children(served.process.pid)
    assert helpers, "the deck was rendered, so the server has a render worker"
    served.process.send_signal(signal.SIGTERM)  # as a process manager stops it: no shutdown hooks
    served.process.wait(timeout=30)
    wait_until(lambda: not any(_running(pid) for pid in helpers), deadline_s=30)
    assert not [pid for pid in helpers if _running(pid)], "a helper process outlived the server"


def _edit_a_card_and_wait_for_its_deck(served):
    """Edit a card; return the deck's URL once the server's render worker has put the edit in it."""
    deck_url = served.url.replace("practice/", identity.read_identity(served.project / "mkdocs.yml")
                                  .download("flashcards.pdf"))
    cards = served.project / "docs/data/flashcards.yml"
    cards.write_text(cards.read_text(encoding="utf-8").replace(
        "What is a loss function?", "What is a loss function, really?"), encoding="utf-8")
    wait_for(deck_url, lambda body: "really" in _pdf_text(body), expected="the edited card")
    return deck_url


def _children(parent):
    """The ids of the processes whose parent is `parent`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _running(pid):
    """Whether a process runs (an ended one nobody has reaped yet is a zombie: not running)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def _pdf_text(body):
    """The text of every page of a PDF."""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def _page_text(url):
    """The page's text as a reader sees it (entities decoded)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return html.unescape(response.read().decode("utf-8"))


@pytest.mark.parametrize("data_file, broken, message", [
    ("flashcards.yml", ("question: Gradient descent update rule?", "question: ''"),
     "flashcards.yml: card 6 ('update-rule'): field 'question' is empty"),
    ("exercises.yml", ("  margin: 1\n\n# Part B", "  margin: 1\n  margins: 2\n\n# Part B"),
     "exercises.yml: exercise 'part_a': unknown field 'margins'"),
])
def test_a_data_error_shows_in_the_browser_and_the_page_comes_back(served, data_file, broken, message):
    project, url, _ = served
    path = project / "docs/data" / data_file
    good = path.read_text(encoding="utf-8")
    assert broken[0] in good
    path.write_text(good.replace(broken[0], broken[1]), encoding="utf-8")
    # Every page answers at once with the error, naming the file, the card or exercise, the field.
    for page in (url, url.removesuffix("practice/")):
        wait_for_text(page, "The lesson could not be built")
        assert f"{path}: {message.partition(': ')[2]}" in _page_text(page)
    path.write_text(good, encoding="utf-8")
    wait_for_text(url, "0.98")


def test_a_fresh_clone_serves_the_page_and_renders_the_figures_new_numbers_and_pdfs_unasked(tmp_path):
    """With nothing cached, the worker draws the figures and the new numbers, the server rebuilds
    when they are kept, and the PDFs follow: all of it once the server listens, so a learner who
    opens the site a while after starting it finds everything there, without having asked first."""
    project = copy_project(tmp_path / "project", cache=False)
    slug = identity.read_identity(project / "mkdocs.yml").slug
    pdfs = [f"downloads/{slug}-{name}" for name in ("flashcards.pdf", "worksheet-a4.pdf", "worksheet-letter.pdf")]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env=mkdocs_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def kept():  # no request yet: the PDFs show up in the cache by themselves
            found = list((project / ".cache").rglob("*.pdf"))
            return found if len(found) >= len(pdfs) else []
        assert len(wait_until(kept, deadline_s=120)) == len(pdfs), "the PDFs were not rendered unasked"
        url = f"http://127.0.0.1:{port}/practice/"
        wait_for(url, lambda body: b"0.98" in body and b'src="../assets/figures/learning-rate.svg"' in body
                 and b"being drawn" not in body, expected="the page with its figures in place")
        wait_for(url + "lesson-variants/part_a.json", lambda body: b'"variants"' in body,
                 expected="the new numbers")
        assert 'data-lesson-check="part_a"' in _page_text(url)  # the boxes, once the numbers are kept
        for pdf in pdfs:
            wait_for(url.replace("practice/", pdf), lambda body: body[:5] == b"%PDF-", expected=f"the {pdf}")
    finally:
        server.terminate()
        server.wait(timeout=30)
