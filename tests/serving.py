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
    """Serve files without logging every request to the test output; note each path in seen."""

    seen = None

    def log_message(self, *args):
        pass

    def send_head(self):
        if self.seen is not None:
            self.seen.append(self.path)
        return super().send_head()


def serve_folder(folder, prefix="/", port=0, seen=None):
    """Serve folder at http://127.0.0.1:PORT{prefix} in a thread (on port, or any free one); return
    (server, base URL). seen, a list, gets the path of every request the server answers."""
    root = Path(folder)
    if prefix != "/":
        # Mount the site below a sub-path, as GitHub Pages does for a project site.
        mount = root.parent / f"{root.name}-mounted"
        target = mount / prefix.strip("/")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(root, target)
        root = mount
    handler = type("_Handler", (_QuietHandler,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
