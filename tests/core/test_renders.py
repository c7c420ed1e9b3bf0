"""The render pool: a file is read from its cache, or rendered once and published from its newest render."""

import logging
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from local_http import wait_until
from studykit import site
from studykit.core import renders


def _collecting_pool():
    """A pool as `mkdocs serve` has it, whose published files are listed; and an event for each."""
    published, arrived = [], threading.Event()

    def publish(uri, data):
        published.append((uri, data))
        arrived.set()
    return renders.Pool(publish=publish, warm_up=site.PDF_RENDERER), published, arrived


def test_a_cached_file_is_read_and_not_rendered(tmp_path):
    pool, published, _ = _collecting_pool()
    entry = tmp_path / "deck.pdf"
    entry.write_bytes(b"cached")
    assert pool.get("deck.pdf", entry, bytes.fromhex, "01") == b"cached"
    pool.close()
    assert published == []


def _logged(log, name):
    """A render that adds its name to the log file, and returns it."""
    with open(log, "a", encoding="utf-8") as stream:
        stream.write(f"{name}\n")
    return name.encode()


def _wait_until_published(published, uri):
    wait_until(lambda: uri in dict(published))
    return dict(published).get(uri)


def test_only_the_newest_render_of_a_file_is_published_and_kept(tmp_path):
    pool, published, _ = _collecting_pool()
    older, newer, log = tmp_path / "older.pdf", tmp_path / "newer.pdf", tmp_path / "renders.log"
    # Two edits in a row under `mkdocs serve`, before the worker has started.
    assert pool.get("deck.pdf", older, _logged, log, "older") == older
    assert pool.get("deck.pdf", newer, _logged, log, "newer") == newer
    pool.get("a4.pdf", tmp_path / "a4" / "a4.pdf", _logged, log, "a4")  # the worker renders in order
    pool.release()  # as at the end of a build
    assert _wait_until_published(published, "a4.pdf") == b"a4"
    pool.close()
    assert published == [("deck.pdf", b"newer"), ("a4.pdf", b"a4")]
    assert newer.read_bytes() == b"newer" and not older.exists()
    assert log.read_text(encoding="utf-8").split() == ["newer", "a4"]  # the outdated one never began


def test_a_file_on_its_way_is_not_rendered_again(tmp_path):
    pool, published, _ = _collecting_pool()
    deck, log = tmp_path / "deck.pdf", tmp_path / "renders.log"
    # Two rebuilds under `mkdocs serve` (an exercise edited twice) that both find the deck missing.
    pool.get("deck.pdf", deck, _logged, log, "deck")
    pool.release()
    pool.get("deck.pdf", deck, _logged, log, "deck")
    pool.get("a4.pdf", tmp_path / "a4" / "a4.pdf", _logged, log, "a4")
    pool.release()
    assert _wait_until_published(published, "a4.pdf") == b"a4"
    pool.close()
    assert log.read_text(encoding="utf-8").split() == ["deck", "a4"]


def test_a_build_waits_and_stores_every_render(tmp_path):
    pool = renders.Pool()
    entries = {name: tmp_path / f"key.{name}.pdf" for name in ("a4", "letter")}
    for number, (name, entry) in enumerate(entries.items(), start=1):
        pool.get(f"{name}.pdf", entry, bytes.fromhex, f"0{number}")
    pool.wait()
    assert [entry.read_bytes() for entry in entries.values()] == [b"\x01", b"\x02"]


def _process(_path=None):
    """A render whose bytes say which process rendered it."""
    return str(os.getpid()).encode()


def _render_once_exists(path):
    """A long render: it lasts until path exists."""
    deadline = time.monotonic() + 60
    while not Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return _process()


def _render_and_create(path):
    Path(path).touch()
    return _process()


def test_a_build_renders_itself_what_the_worker_has_not_started(tmp_path):
    pool, signal = renders.Pool(), tmp_path / "deck-rendered"
    a4, letter, deck = (tmp_path / f"key.{name}.pdf" for name in ("a4", "letter", "deck"))
    pool.get("a4.pdf", a4, _render_once_exists, signal)
    pool.get("letter.pdf", letter, _process)
    # The worker is handed one job at a time (it is busy with the first until the deck exists), so
    # the deck, the newest, is still waiting when the build waits: the build renders it, and then
    # a4 can end.
    pool.get("deck.pdf", deck, _render_and_create, signal)
    pool.wait()
    assert deck.read_bytes() == str(os.getpid()).encode()
    assert a4.read_bytes().isdigit() and letter.read_bytes().isdigit()


def _renderer_loaded():
    """Whether WeasyPrint was imported before this job began, as bytes."""
    return str("weasyprint" in sys.modules).encode()


def test_a_started_worker_loads_the_renderer_before_its_first_job(tmp_path):
    pool, published, arrived = _collecting_pool()  # as under serve: only the worker renders
    pool.start()
    pool.get("deck.pdf", tmp_path / "key.deck.pdf", _renderer_loaded)
    assert arrived.wait(timeout=60)
    pool.close()
    assert published == [("deck.pdf", b"True")]


def test_under_serve_the_worker_starts_once_the_build_is_done_and_only_for_a_job(tmp_path):
    pool, published, _ = _collecting_pool()
    pool.release()  # a build that found everything cached
    assert not multiprocessing.active_children()
    pool.get("deck.pdf", tmp_path / "key.deck.pdf", _logged, tmp_path / "renders.log", "deck")
    assert not multiprocessing.active_children()  # the build goes on alone, the worker would slow it
    pool.release()
    assert _wait_until_published(published, "deck.pdf") == b"deck"
    pool.close()


def test_a_kept_output_is_stored_but_not_published(tmp_path):
    pool, published, _ = _collecting_pool()
    kept, log = tmp_path / "figures" / "key.json", tmp_path / "renders.log"
    pool.keep("figures", kept, _logged, log, "figures")
    pool.get("a4.pdf", tmp_path / "a4" / "a4.pdf", _logged, log, "a4")  # handed after the kept one
    pool.release()
    assert _wait_until_published(published, "a4.pdf") == b"a4"
    pool.close()
    assert kept.read_bytes() == b"figures" and published == [("a4.pdf", b"a4")]


def _ends_the_worker(started, parent):
    """A render that ends its process, as a crash in the renderer would, once it has said it began."""
    Path(started).touch()
    if os.getpid() != parent:  # never the test's own process
        os._exit(1)
    return b""


def _wait_until_exists(path):
    assert wait_until(Path(path).exists), path


def test_a_render_that_ends_the_worker_stops_the_build_naming_its_file(tmp_path):
    pool, started, letter = renders.Pool(), tmp_path / "a4-started", tmp_path / "key.letter.pdf"
    pool.get("a4.pdf", tmp_path / "key.a4.pdf", _ends_the_worker, started, os.getpid())
    pool.get("letter.pdf", letter, _process)
    _wait_until_exists(started)  # the worker has it, so the build's process never runs it
    with pytest.raises(renders.RenderError, match=r"^a4\.pdf: the render worker stopped while rendering it"):
        pool.wait()
    assert letter.read_bytes() == str(os.getpid()).encode()  # what waited, the build rendered itself


def test_under_serve_the_next_build_replaces_a_worker_that_died(tmp_path):
    published, errors = [], []
    pool = renders.Pool(publish=lambda uri, data: published.append((uri, data)))
    handler = logging.Handler(logging.ERROR)
    handler.emit = errors.append
    renders.LOG.addHandler(handler)
    try:
        pool.get("a4.pdf", tmp_path / "key.a4.pdf", _ends_the_worker, tmp_path / "a4-started", os.getpid())
        pool.get("letter.pdf", tmp_path / "key.letter.pdf", _logged, tmp_path / "renders.log", "letter")
        pool.release()
        deadline = time.monotonic() + 60
        while "letter.pdf" not in dict(published) and time.monotonic() < deadline:
            pool.release()  # as each rebuild does: a fresh worker once the old one is known dead
            time.sleep(0.01)
    finally:
        renders.LOG.removeHandler(handler)
        pool.close()
    assert published == [("letter.pdf", b"letter")]
    assert [record.getMessage().partition(":")[0] for record in errors] == ["a4.pdf could not be rendered"]
