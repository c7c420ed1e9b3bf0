"""A real `mkdocs serve`: edits show on the next reload, and a data error shows in the browser."""

import html
import io
import subprocess
import sys
import urllib.request

import pytest
import yaml
from pypdf import PdfReader

from builds import copy_project, mkdocs_env
from lesson import identity
from lesson.local_http import free_port, wait_for, wait_for_text


@pytest.fixture
def served(tmp_path):
    """A copy of the project served by `mkdocs serve` with live reload: (project, practice URL)."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=project, env=mkdocs_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/practice/"
        wait_for_text(url, "0.98", deadline_s=120)
        yield project, url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_reloads_inputs_and_reference_code(served):
    project, url = served
    inputs = project / "docs/data/exercises.yml"
    data = yaml.safe_load(inputs.read_text(encoding="utf-8"))
    data["part_c"]["W"] = [1.0, 3.0, -0.5]
    inputs.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    wait_for_text(url, "3.04")

    # A changed reference step (twice the learning rate) shows without restarting the server.
    reference = project / "src/lesson/reference.py"
    reference.write_text(reference.read_text(encoding="utf-8") + (
        "\n\n_step = gradient_step\n\n\n"
        "def gradient_step(W, grad, learning_rate):\n"
        "    return _step(W, grad, 2 * learning_rate)\n"), encoding="utf-8")
    wait_for_text(url, "3.08")


def test_serve_renders_the_pdfs_with_the_code_as_edited(served):
    project, url = served
    lesson = identity.load(project / "mkdocs.yml")
    deck_url = url.replace("practice/", lesson.download("flashcards.pdf"))
    cards = project / "docs/data/flashcards.yml"
    cards.write_text(cards.read_text(encoding="utf-8").replace(
        "What is a loss function?", "What is a loss function, really?"), encoding="utf-8")
    # The edited card's deck is rendered by the worker, which now runs for the life of the server.
    _, deck = wait_for(deck_url, lambda body: b"really" in _pdf_text(body), expected="the edited card")

    renderer = project / "src/lesson/deck.py"
    renderer.write_text(renderer.read_text(encoding="utf-8").replace(
        "title=lesson.deck_title,", 'title=lesson.deck_title + " (second edition)",'), encoding="utf-8")
    _, deck = wait_for(deck_url, lambda body: body != deck, expected="a new deck")
    assert PdfReader(io.BytesIO(deck)).metadata.title == f"{lesson.deck_title} (second edition)"


def _pdf_text(body):
    """The text of every page of a PDF, as bytes."""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).encode()


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
    project, url = served
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
