"""The render pool: a file is read from its cache, or rendered once and published from its newest render."""

import threading

from lesson import renders


def _collecting_pool():
    """A pool as `mkdocs serve` has it, whose published files are listed; and an event for each."""
    published, arrived = [], threading.Event()

    def publish(uri, data):
        published.append((uri, data))
        arrived.set()
    return renders.Pool(publish=publish), published, arrived


def test_a_cached_file_is_read_and_not_rendered(tmp_path):
    pool, published, _ = _collecting_pool()
    entry = tmp_path / "deck.pdf"
    entry.write_bytes(b"cached")
    assert pool.get("deck.pdf", entry, bytes.fromhex, "01") == b"cached"
    pool.close()
    assert published == []


def test_only_the_newest_render_of_a_file_is_published_and_kept(tmp_path):
    pool, published, arrived = _collecting_pool()
    older, newer = tmp_path / "older.pdf", tmp_path / "newer.pdf"
    # Two edits in a row under `mkdocs serve`: the first render finishes first, but is outdated.
    assert pool.get("deck.pdf", older, bytes.fromhex, "01") == older
    assert pool.get("deck.pdf", newer, bytes.fromhex, "02") == newer
    assert arrived.wait(timeout=60)  # the worker renders in order: the older one has finished too
    pool.close()
    assert published == [("deck.pdf", b"\x02")]
    assert newer.read_bytes() == b"\x02" and not older.exists()


def test_a_build_waits_and_stores_every_render(tmp_path):
    pool = renders.Pool()
    entries = {name: tmp_path / f"key.{name}.pdf" for name in ("a4", "letter")}
    for number, (name, entry) in enumerate(entries.items(), start=1):
        pool.get(f"{name}.pdf", entry, bytes.fromhex, f"0{number}")
    pool.wait()
    assert [entry.read_bytes() for entry in entries.values()] == [b"\x01", b"\x02"]
