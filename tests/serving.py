"""Serve a built site on 127.0.0.1, and launch Debian's Chromium, for the browser tests."""

import functools
import http.server
import shutil
import threading
from pathlib import Path


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to the test output."""

    def log_message(self, *args):
        pass


def serve_folder(folder, prefix="/"):
    """Serve folder at http://127.0.0.1:PORT{prefix} in a thread; return (server, base URL)."""
    root = Path(folder)
    if prefix != "/":
        # Mount the site below a sub-path, as GitHub Pages does for a project site.
        mount = root.parent / f"{root.name}-mounted"
        target = mount / prefix.strip("/")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(root, target)
        root = mount
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
