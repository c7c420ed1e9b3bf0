"""Site benchmark: build time vs a bare Material build, first-visit weight, serve reload latency."""

import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers for a server on this machine
from local_http import free_port, wait_for, wait_for_text  # noqa: E402
_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".cache")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _build_seconds(*configs, runs=5, cold=None):
    """Each config's median wall seconds of a build and median CPU seconds (every process it started).

    The configs take turns, run by run: a machine that slows down part-way slows each of them alike.
    """
    times, cpu = {config: [] for config in configs}, {config: [] for config in configs}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            for config in configs:
                if cold:  # empty this cache ("deck", "figures", or "." for all): the build renders it
                    shutil.rmtree(config.parent / ".cache" / cold, ignore_errors=True)
                before, start = _children_cpu(), time.perf_counter()
                subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                                "-d", out], env=ENV, check=True, cwd=config.parent)
                times[config].append(time.perf_counter() - start)
                cpu[config].append(_children_cpu() - before)
    return [(statistics.median(times[config]), statistics.median(cpu[config])) for config in configs]


def _children_cpu():
    """User and system seconds of every finished child process, its workers included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Each cache the build keeps, by folder under .cache/: what a cold build renders into it.
_CACHES = {"deck": "the PDF deck", "worksheet": "the worksheets (A4, Letter)",
           "cards": "the Anki package and text exports", "figures": "the figures",
           "practice": "the new numbers (variants)", "templates": "compiled Jinja templates"}


def _copy(dest):
    """A copy of the project's sources, without its venv, build output or deck cache."""
    return Path(shutil.copytree(ROOT, dest, ignore=_IGNORE))


def _bare_config(work):
    """A copy of the project whose mkdocs.yml has no studykit plugin: plain Material on the same Markdown."""
    project = _copy(work / "bare")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - studykit:\n      lesson: lessons.loss_and_optimization"
    start = text.index(plugin)
    text = text[:start] + text[text.index("\n", start + len(plugin)) + 1:]
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project / "mkdocs.yml"


def _first_page_seconds(project, text):
    """Seconds from starting `mkdocs serve` in project until the practice page answers with text."""
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/practice/"
    try:
        wait_for(url, lambda body: text in body, 120)
        first = time.perf_counter() - start
        deck = url.replace("practice/", "downloads/loss-and-optimization-flashcards.pdf")
        pdf = None
        if text == b"0.98":  # ours: the PDFs arrive after the page
            wait_for(deck, lambda body: body[:5] == b"%PDF-", 120)
            pdf = time.perf_counter() - start
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    return first, pdf


def _serve_seconds(work, bare, runs=5):
    """Medians of a fresh clone's serve (no .cache/): its practice page, and its deck; and a bare
    Material serve's practice page. They take turns, run by run."""
    ours, pdfs, plain = [], [], []
    project = _copy(work / "fresh-serve")
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        first, pdf = _first_page_seconds(project, b"0.98")
        ours.append(first)
        pdfs.append(pdf)
        plain.append(_first_page_seconds(bare.parent, b"</html>")[0])
    return statistics.median(ours), statistics.median(pdfs), statistics.median(plain)


def _first_visit_bytes(site):
    """Raw and gzip bytes of the practice page and everything it loads on a first visit."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class _Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass  # one line per request would bury the table

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bodies = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", lambda r: bodies.__setitem__(r.url, r))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/practice/",
                  wait_until="networkidle")
        payload = {url: response.body() for url, response in bodies.items()}
        browser.close()
    server.shutdown()
    raw = sum(len(b) for b in payload.values())
    packed = sum(len(gzip.compress(b, compresslevel=6, mtime=0)) for b in payload.values())
    return raw, packed, len(payload)


def _reload_latency(work):
    """Seconds from saving an edit to the page showing it, under `mkdocs serve`."""
    project = _copy(work / "served")
    port = free_port()
    url = f"http://127.0.0.1:{port}/practice/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_text(url, "0.98", 120)
        inputs = project / "docs/data/exercises.yml"
        data = yaml.safe_load(inputs.read_text(encoding="utf-8"))
        data["part_c"]["W"] = [1.0, 3.0, -0.5]
        inputs.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        exercise = wait_for_text(url, "3.04")
        cards = project / "docs/data/flashcards.yml"
        cards.write_text(cards.read_text(encoding="utf-8").replace(
            "What is a loss function?", "What is a loss function, really?"), encoding="utf-8")
        card = wait_for_text(url, "What is a loss function, really?")
        good = cards.read_text(encoding="utf-8")
        cards.write_text(good.replace("question: Gradient descent update rule?", "question: ''"),
                         encoding="utf-8")
        error = wait_for_text(url, "The lesson could not be built")
        cards.write_text(good, encoding="utf-8")
        back = wait_for_text(url, "What is a loss function, really?")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return exercise, card, error, back


def main():
    """Print the benchmark table."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (ours, _), (bare, bare_cpu) = _build_seconds(ROOT / "mkdocs.yml", _bare_config(work))
        hooked = _copy(work / "hooked") / "mkdocs.yml"
        [(cold, cold_cpu)] = _build_seconds(hooked, cold=".")  # every download and figure rendered again
        [(warm, _)] = _build_seconds(hooked)  # the same copy, just after: each cold cost, less the noise
        parts = {name: _build_seconds(hooked, cold=name)[0][0] - warm for name in _CACHES}
        site = work / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                       env=ENV, check=True, cwd=ROOT)
        raw, packed, requests = _first_visit_bytes(site)
        exercise, card, error, back = _reload_latency(work)
        serve_first, serve_pdf, serve_bare = _serve_seconds(work, _bare_config(work / "serve"))
    cores = len(os.sched_getaffinity(0))
    rows = [
        ("warm build (every output cached), median of 5", f"{ours:.2f} s"),
        ("bare mkdocs-material build, median of 5, taking turns with it", f"{bare:.2f} s"),
        ("cold build (PDFs, packages, figures all rendered), median of 5", f"{cold:.2f} s"),
        ("warm ratio (target <= 1.3)", f"{ours / bare:.2f}x"),
        ("cold ratio to a bare build (no longer a target)", f"{cold / bare:.2f}x"),
        ("CPU time of a bare build, all processes", f"{bare_cpu:.2f} s"),
        ("CPU time of a cold build, all processes", f"{cold_cpu:.2f} s"),
        (f"  fastest a cold build can be on {cores} cores (CPU time / cores)", f"{cold_cpu / cores:.2f} s"),
        ("cold build over that floor (target <= 1.2)", f"{cold / (cold_cpu / cores):.2f}x"),
        *((f"  {_CACHES[name]}: cold cost over a warm build", f"{parts[name]:.2f} s") for name in _CACHES),
        ("cold figures' cost over a warm build (target <= 2 s)", f"{parts['figures']:.2f} s"),
        (f"practice page first visit, {requests} requests, raw", f"{raw / 1024:.1f} KB"),
        ("practice page first visit, gzip (target <= 100 KB)", f"{packed / 1024:.1f} KB"),
        ("serve reload after editing exercises.yml", f"{exercise:.2f} s"),
        ("serve reload after editing flashcards.yml", f"{card:.2f} s"),
        ("serve shows a broken flashcards.yml in the page (target <= 1 s)", f"{error:.2f} s"),
        ("serve shows the page again once it is fixed", f"{back:.2f} s"),
        ("fresh clone's serve: the practice page answers, median of 5", f"{serve_first:.2f} s"),
        ("bare Material serve: the practice page answers, median of 5", f"{serve_bare:.2f} s"),
        ("fresh serve's first page over bare (target <= 1.5)", f"{serve_first / serve_bare:.2f}x"),
        ("fresh clone's serve: the PDF deck answers", f"{serve_pdf:.2f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")


if __name__ == "__main__":
    main()
