"""Lighthouse 12 (mobile) on a page of the built site, served gzipped: score, TBT, style and layout, DOM size.

Builds the site, serves it on 127.0.0.1 with gzip (as a real host does), runs Lighthouse from npm
(installed into the git-ignored .lighthouse/ on first use) against Debian's Chromium, and prints each
run and the median, with the machine's load average before each run: other work on this machine
stretches main-thread times, and the mobile preset multiplies them by 4; the CPU time of style and
layout, read from each run's trace (not multiplied), hardly moves with the load. Prints figures only.
Run: python scripts/bench_lighthouse.py [--runs 3] [--page practice/] [--site DIR ...] [--keep DIR]
"""

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": "/usr/bin/chromium"}
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Types a host compresses; images and PDFs are compressed already.
_PACKED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (each file compressed once, kept in memory)."""

    packed = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants or not kind.startswith(_PACKED):
            return super().send_head()
        if path not in self.packed:
            self.packed[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.packed[path]
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass  # one line per request would bury the figures


class _Body:
    """What send_head returns: copyfile reads it, then it is closed."""

    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def _serve(site):
    """Serve site gzipped on a free port of 127.0.0.1, in a thread; return the server."""
    handler = functools.partial(_Gzipped, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _install():
    """Lighthouse 12 in .lighthouse/ (git-ignored), installed by npm the first time."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "install", "--prefix", str(ROOT / ".lighthouse"), "lighthouse@12"], check=True)
    return str(LIGHTHOUSE)


def _style_layout_cpu(trace):
    """Thread (CPU) milliseconds of style and layout on the page's main thread, from a saved trace:
    unlike Lighthouse's wall times (x4 on mobile), other processes on the machine barely move it."""
    events = json.loads(Path(trace).read_text(encoding="utf-8"))["traceEvents"]
    parses = Counter((e["pid"], e["tid"]) for e in events if e.get("name") == "ParseHTML")
    main = parses.most_common(1)[0][0]  # the renderer thread that parsed the page
    return sum(e.get("tdur", 0) for e in events if (e["pid"], e["tid"]) == main and e.get("ph") == "X"
               and e["name"] in ("UpdateLayoutTree", "Layout")) / 1000


def _run(lighthouse, url, out):
    """One Lighthouse run (mobile, simulated throttling); return its figures as a dict."""
    load = os.getloadavg()[0]
    subprocess.run([lighthouse, url, "--quiet", "--only-categories=performance", "--output=json",
                    f"--output-path={out}", "--save-assets", f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
                   env=ENV, check=True)
    report = json.loads(Path(out).read_text(encoding="utf-8"))
    audits = report["audits"]
    groups = {item["group"]: item["duration"] for item in audits["mainthread-work-breakdown"]["details"]["items"]}
    return {"load": load, "score": 100 * report["categories"]["performance"]["score"],
            "tbt": audits["total-blocking-time"]["numericValue"], "style": groups.get("styleLayout", 0.0),
            "script": groups.get("scriptEvaluation", 0.0), "main": audits["mainthread-work-breakdown"]["numericValue"],
            "dom": audits["dom-size"]["numericValue"], "fcp": audits["first-contentful-paint"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "cpu": _style_layout_cpu(str(out).removesuffix(".json") + "-0.trace.json"),
            "kb": audits["total-byte-weight"]["numericValue"] / 1024, "version": report["lighthouseVersion"]}


_COLUMNS = [("load", "load 1m", "{:.2f}"), ("score", "score", "{:.0f}"), ("tbt", "TBT ms", "{:.0f}"),
            ("style", "style+layout ms", "{:.0f}"), ("script", "script ms", "{:.0f}"),
            ("cpu", "style+layout CPU ms", "{:.0f}"), ("main", "main thread ms", "{:.0f}"), ("dom", "DOM elements", "{:.0f}"),
            ("fcp", "FCP ms", "{:.0f}"), ("lcp", "LCP ms", "{:.0f}"), ("kb", "transfer KB", "{:.1f}")]


def _table(runs):
    """Each run a row, then the median of each column."""
    rows = [[fmt.format(run[key]) for key, _, fmt in _COLUMNS] for run in runs]
    rows.append([fmt.format(statistics.median(run[key] for run in runs)) for key, _, fmt in _COLUMNS])
    names = ["run"] + [str(i + 1) for i in range(len(runs))] + ["median"]
    widths = [max(len(title), *(len(row[i]) for row in rows)) for i, (_, title, _) in enumerate(_COLUMNS)]
    lines = ["  ".join([names[0].ljust(6)] + [title.rjust(w) for (_, title, _), w in zip(_COLUMNS, widths)])]
    lines += ["  ".join([name.ljust(6)] + [cell.rjust(w) for cell, w in zip(row, widths)])
              for name, row in zip(names[1:], rows)]
    return "\n".join(lines)


def main(argv=None):
    """Build, serve gzipped, run Lighthouse --runs times, print the table and the first visit's weight."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs, whose median is printed (default 3)")
    parser.add_argument("--page", default="practice/", help="the page, relative to the site (default practice/)")
    parser.add_argument("--site", type=Path, action="append",
                        help="a site already built (default: build one now); give several to compare them,"
                             " taking turns run by run so that a change in the load falls on each alike")
    parser.add_argument("--keep", type=Path, help="keep each run's report and trace in this folder")
    args = parser.parse_args(argv)
    lighthouse = _install()
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_site import _first_visit_bytes  # the same first-visit figure bench_site prints
    with tempfile.TemporaryDirectory() as tmp:
        sites = args.site
        if not sites:
            sites = [Path(tmp) / "site"]
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(sites[0])],
                           env=ENV, check=True, cwd=ROOT)
        out = args.keep or Path(tmp) / "reports"
        out.mkdir(parents=True, exist_ok=True)
        servers = [_serve(site) for site in sites]
        urls = [f"http://127.0.0.1:{server.server_address[1]}/{args.page}" for server in servers]
        runs = [[] for _ in sites]
        try:
            for i in range(args.runs):
                for k, url in enumerate(urls):
                    runs[k].append(_run(lighthouse, url, out / f"site-{k + 1}-run-{i + 1}.json"))
        finally:
            for server in servers:
                server.shutdown()
        print(f"Lighthouse {runs[0][0]['version']}, mobile preset, {args.page} served gzipped;"
              f" {os.cpu_count()} cores, load = 1-minute load average before the run")
        for site, found in zip(sites, runs):
            raw, packed, requests = _first_visit_bytes(site)
            print(f"\n{site if args.site else 'this build'}\n{_table(found)}")
            print(f"first visit (bench_site): {requests} requests, {raw / 1024:.1f} KB raw,"
                  f" {packed / 1024:.1f} KB gzip (target <= 100 KB); load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
