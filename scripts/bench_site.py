"""Site benchmark: build time vs a bare Material build, first-visit weight, serve reload latency.

Also a fresh clone's `mkdocs serve` (no .cache/): seconds until the practice page answers, against
a bare Material serve of the same docs, and until the PDF deck answers; the cold build against its
CPU floor (CPU seconds of every process / cores); the CPU seconds of each render alone in a fresh
process. Prints figures only; it never asserts on time.
Run: python scripts/bench_site.py [--runs N]
"""

import argparse
import contextlib
import gzip
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from studykit.core.identity import read_identity

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


@contextlib.contextmanager
def _serving(project):
    """`mkdocs serve` of project on a free port, in a process group of its own; yields (the practice
    page's URL, the perf_counter it was started at). Stops the server and its group afterwards."""
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/practice/", start
    finally:
        _stop(server)


def _stop(server):
    """Stop a server started in a session of its own, and every process of its group (the render worker)."""
    try:
        os.killpg(server.pid, signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site folder
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:  # it had already ended
        server.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # whatever is left of its group


def _full_page(needle=None):
    """Accepts a body that is a whole HTML page (and has needle, when given)."""
    return lambda body: body.rstrip().endswith(b"</html>") and (needle is None or needle in body)


def _first_page_seconds(project, accept, pdf=None):
    """Seconds from starting `mkdocs serve` in project until the practice page's body is accepted,
    and, when pdf (a site path) is given, until that PDF answers too (else None)."""
    with _serving(project) as (url, start):
        wait_for(url, accept, 180, "the whole practice page")
        first = time.perf_counter() - start
        if pdf is None:
            return first, None
        wait_for(url.replace("practice/", pdf), lambda body: body[:5] == b"%PDF-", 180, "the PDF")
        return first, time.perf_counter() - start


def _serve_seconds(work, bare, runs=5):
    """Medians of a fresh clone's serve (no .cache/): its practice page, and its deck; and a bare
    Material serve's practice page. They take turns, run by run."""
    ours, pdfs, plain = [], [], []
    project = _copy(work / "fresh-serve")
    deck = read_identity(project / "mkdocs.yml").download("flashcards.pdf")
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        first, pdf = _first_page_seconds(project, _full_page(b"0.98"), deck)  # 0.98: a value the plugin fills
        ours.append(first)
        pdfs.append(pdf)
        plain.append(_first_page_seconds(bare.parent, _full_page())[0])
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
    with _serving(project) as (url, _):
        wait_for_text(url, "0.98", 180)
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
    return exercise, card, error, back


# One render alone in a fresh interpreter, as the build's render worker makes it: the inputs read
# and WeasyPrint loaded first (the worker's warm-up), then the render. Prints the CPU seconds of the
# render and of the whole process (interpreter, imports and warm-up included).
_RENDER_CPU = """
import json, resource, sys

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

what = sys.argv[1]
from studykit.cards.cardfile import read_cards
from studykit.core.identity import read_identity
from studykit.cards.deck import DEFAULT_CARDS
identity, cards = read_identity(), read_cards(DEFAULT_CARDS)
if what == "figures":
    from lessons.loss_and_optimization import LESSON
    from studykit.figures.downloads import figures_json
    render = lambda: figures_json(LESSON.figures, LESSON.figure_seed)  # matplotlib is imported in it
elif what == "cards":
    from studykit.cards import exports
    from studykit.cards.downloads import render_export
    render = lambda: [render_export(key, cards, identity) for key in ("apkg", *(e.key for e in exports.FORMATS))]
else:
    from studykit.core.pdf import warm_up
    warm_up()
    if what == "deck":
        from studykit.cards.downloads import render_deck
        render = lambda: render_deck(cards, identity, DEFAULT_CARDS)
    else:
        import importlib
        from studykit.core import markdown, pages
        from studykit.core.identity import read_lesson_package, read_markdown_setup
        from studykit.practice.exercise import read_inputs
        from studykit.worksheet.content import PAGE, from_page, page_context
        from studykit.worksheet.downloads import render_worksheet
        from studykit.worksheet.pdf import DEFAULT_INPUTS
        exercises = importlib.import_module(read_lesson_package()).LESSON.exercises
        context = page_context(identity, cards, read_inputs(DEFAULT_INPUTS, exercises), exercises)
        body, first_line = pages.body_of(PAGE.read_text(encoding="utf-8"))
        extensions, configs = read_markdown_setup()
        html = markdown.to_html(pages.fill(body, context, PAGE.name, first_line), extensions, configs)
        content = from_page(html, exercises, PAGE.name)
        render = lambda: render_worksheet(content, identity, what)
ready = cpu()
render()
print(json.dumps({"render": cpu() - ready, "process": cpu()}))
"""

# What _RENDER_CPU renders: each PDF a job of the render worker, the figures and the small card files.
_RENDERS = {"deck": "the PDF deck", "a4": "the worksheet, A4", "letter": "the worksheet, Letter",
            "figures": "the figures (matplotlib's import included)",
            "cards": "the Anki package and text exports"}


def _render_cpu():
    """Each render's CPU seconds, alone in a fresh process: {name: (render, whole process)}."""
    found = {}
    for what in _RENDERS:
        completed = subprocess.run([sys.executable, "-c", _RENDER_CPU, what], capture_output=True, text=True,
                                   check=True, env=ENV, cwd=ROOT)
        line = json.loads(completed.stdout.strip().splitlines()[-1])
        found[what] = line["render"], line["process"]
    return found


def main(argv=None):
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="runs of each build and of each serve, whose median is printed (default 5)")
    runs = parser.parse_args(argv).runs
    load = os.getloadavg()[0]  # other work on the machine stretches every wall time below
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (ours, _), (bare, bare_cpu) = _build_seconds(ROOT / "mkdocs.yml", _bare_config(work), runs=runs)
        hooked = _copy(work / "hooked") / "mkdocs.yml"
        [(cold, cold_cpu)] = _build_seconds(hooked, runs=runs, cold=".")  # every download and figure rendered again
        [(warm, _)] = _build_seconds(hooked, runs=runs)  # the same copy, just after: each cold cost, less the noise
        parts = {name: _build_seconds(hooked, runs=runs, cold=name)[0][0] - warm for name in _CACHES}
        renders = _render_cpu()
        site = work / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                       env=ENV, check=True, cwd=ROOT)
        raw, packed, requests = _first_visit_bytes(site)
        exercise, card, error, back = _reload_latency(work)
        serve_first, serve_pdf, serve_bare = _serve_seconds(work, _bare_config(work / "serve"), runs=runs)
    cores = len(os.sched_getaffinity(0))
    floor = cold_cpu / cores
    of = f"median of {runs}"
    rows = [
        (f"machine load (1-minute average, {cores} cores) at the start / at the end",
         f"{load:.1f} / {os.getloadavg()[0]:.1f}"),
        (f"warm build (every output cached), {of}", f"{ours:.2f} s"),
        (f"bare mkdocs-material build, {of}, taking turns with it", f"{bare:.2f} s"),
        (f"cold build (PDFs, packages, figures all rendered), {of}", f"{cold:.2f} s"),
        ("warm ratio (target <= 1.3)", f"{ours / bare:.2f}x"),
        ("cold ratio to a bare build (no longer a target)", f"{cold / bare:.2f}x"),
        ("CPU time of a bare build, all processes", f"{bare_cpu:.2f} s"),
        ("CPU time of a cold build, all processes", f"{cold_cpu:.2f} s"),
        (f"  CPU floor: fastest a cold build can be on {cores} cores (CPU time / cores)", f"{floor:.2f} s"),
        ("cold build wall over that floor (target <= 1.2)", f"{cold / floor:.2f}x"),
        ("CPU of each render alone in a fresh process: the render (whole process)", ""),
        *((f"  {label}", f"{renders[what][0]:.2f} s ({renders[what][1]:.2f} s)") for what, label in _RENDERS.items()),
        ("  all of them", f"{sum(r for r, _ in renders.values()):.2f} s ({sum(p for _, p in renders.values()):.2f} s)"),
        *((f"  {_CACHES[name]}: cold cost over a warm build", f"{parts[name]:.2f} s") for name in _CACHES),
        ("cold figures' cost over a warm build (target <= 2 s)", f"{parts['figures']:.2f} s"),
        (f"practice page first visit, {requests} requests, raw", f"{raw / 1024:.1f} KB"),
        ("practice page first visit, gzip (target <= 100 KB)", f"{packed / 1024:.1f} KB"),
        ("serve reload after editing exercises.yml", f"{exercise:.2f} s"),
        ("serve reload after editing flashcards.yml", f"{card:.2f} s"),
        ("serve shows a broken flashcards.yml in the page (target <= 1 s)", f"{error:.2f} s"),
        ("serve shows the page again once it is fixed", f"{back:.2f} s"),
        (f"fresh clone's serve (no .cache/): the whole practice page answers, {of}", f"{serve_first:.2f} s"),
        (f"bare Material serve: the whole practice page answers, {of}", f"{serve_bare:.2f} s"),
        ("fresh serve's first page over bare (target <= 1.5)", f"{serve_first / serve_bare:.2f}x"),
        (f"fresh clone's serve: the PDF deck answers, {of}", f"{serve_pdf:.2f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    values = max(len(value) for _, value in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>{values}}".rstrip())


if __name__ == "__main__":
    main()
