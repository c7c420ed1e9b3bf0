"""Small helpers for driving a site served on this machine: a free port, and polling a page or a condition."""

import socket
import time
import urllib.request


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, deadline_s=60.0):
    """Poll condition() until its value is true or deadline_s has passed; return its last value."""
    deadline = time.monotonic() + deadline_s
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return value


def wait_for(url, accept, deadline_s=60.0, expected="the expected body"):
    """Poll url until accept(its body, bytes) holds; return (the seconds it took, the body)."""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline_s:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read()
            if accept(body):
                return time.perf_counter() - start, body
        except OSError:  # the server is not up yet, is between builds, or has no such file yet
            pass
        time.sleep(0.01)
    raise TimeoutError(f"{url} did not show {expected} within {deadline_s} s")


def wait_for_text(url, needle, deadline_s=60.0):
    """Poll url until its body contains needle; return the seconds it took, or raise TimeoutError."""
    return wait_for(url, lambda body: needle in body.decode("utf-8"), deadline_s, repr(needle))[0]
