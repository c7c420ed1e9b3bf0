"""The slow downloads (the PDFs), rendered in a worker process while the pages build."""

import atexit
import collections
import concurrent.futures
import importlib
import multiprocessing
import os
import threading
import time
from concurrent.futures.process import BrokenProcessPool

from studykit.core.cache import store
from studykit.core.output import LOG


def _call(job, *args):
    """job(*args), where job is a function or the (module, name) of one, found when called: a job
    outlives a reload of its module under `mkdocs serve`, after which the function object it was
    given would no longer pickle."""
    if isinstance(job, tuple):
        job = getattr(importlib.import_module(job[0]), job[1])
    return job(*args)


def _by_name(job):
    """(module, name) of a module's function; anything else (a built-in method) as it is."""
    module, name = getattr(job, "__module__", None), getattr(job, "__qualname__", "")
    return (module, name) if module and "." not in name and "<" not in name else job


def _exit_with(parent):
    """In the worker: end once the process that started it is gone, even killed without closing it;
    once closed, end without tearing its modules down.

    A worker holds its own end of the task queue, so it never sees the queue close by itself. The
    teardown of WeasyPrint's and NumPy's modules would last 0.1 s, which the build's exit waits for;
    by the time atexit runs, its results are sent and its output flushed.
    """
    def _watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)
    threading.Thread(target=_watch, daemon=True).start()
    atexit.register(os._exit, 0)


class RenderError(RuntimeError):
    """A render that ended its worker (killed, or crashed by the renderer); the message names the file."""


class Pool:
    """Renders what is not cached in one worker process; the build waits only when it must.

    The worker is handed one job at a time, the oldest first; the rest wait in a queue that the
    build's own process takes from the other end once it has nothing else to do.
    `mkdocs build` calls wait() before MkDocs copies the files; `mkdocs serve` passes publish, which
    gets each file (its site path and bytes) as soon as it is rendered, and calls release() after
    each build: a reload never waits for a render, and the server's process never renders.
    """

    def __init__(self, publish=None, warm_up=None):
        # warm_up: (module, function) the worker calls before its first job, e.g. to load WeasyPrint.
        self._executor, self._publish, self._lock = None, publish, threading.Lock()
        self._warm_up = warm_up
        self._code, self._latest = None, {}  # the sources a worker imports (serve); each uri's newest entry
        self._queue = collections.deque()  # (uri, entry, job by name, args) not handed yet
        self._running, self._handed = (None, None), []  # the worker's (entry, future); a build's handed
        self._kept = set()  # names of the outputs kept in the cache only, not files of the site

    def get(self, uri, entry, job, *args):
        """The cached bytes of entry, or entry itself once job(*args) is on its way there."""
        if entry.is_file():
            return entry.read_bytes()
        self.start_for_build()
        with self._lock:
            self._latest[uri] = entry  # before the job is on its way: it may end before get() does
            if not self._on_its_way(entry):  # under serve, a rebuild finds it still to render
                self._queue.append((uri, entry, _by_name(job), args))
        self._hand_next()
        return entry

    def renew(self, code):
        """Before a rebuild under `mkdocs serve`, code being the hash of the sources now: stop a worker
        that imported other sources (the keys of the next jobs name the new ones, which it must not
        render); the next job starts a fresh one. Once a rebuild, not once a job: hashing is I/O."""
        if self._executor is not None and self._code != code:
            self.close(wait=False)
        self._code = code  # what a worker started from now on imports: start() need not hash again

    @property
    def serving(self) -> bool:
        """Whether files are published as they arrive (under `mkdocs serve`), not waited for."""
        return self._publish is not None

    def keep(self, name, entry, job, *args):
        """As get, for an output kept in the cache only, not a file of the site (the figures'
        data, say): under serve, its arrival in the cache is what the server watches for."""
        self._kept.add(name)
        return self.get(name, entry, job, *args)

    def start_for_build(self):
        """Start the worker now, unless serving: then release() starts it, once the build is done."""
        if not self.serving:
            self.start()

    def release(self):
        """Under `mkdocs serve`, once a build is done (the first, once the server listens): start the
        worker if a job waits for it. Not before: on two cores its start slows the page."""
        with self._lock:
            waiting = bool(self._queue)
        if waiting:
            self.start()

    def start(self):
        """Start the worker, if it is not running, and have it load the renderer before any job."""
        with self._lock:
            if self._executor is not None:
                return
            # A fresh interpreter ("spawn"): forking a server's or a test runner's threads is unsafe.
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with, initargs=(os.getpid(),))
            warm_up = self._executor.submit(_call, self._warm_up) if self._warm_up else \
                self._executor.submit(int)
            self._running = None, warm_up
        warm_up.add_done_callback(self._hand_next)

    def wait(self):
        """Store every render in its cache entry; raise the first error a render met.

        The build has nothing else to do by now, so it renders here the jobs the worker has not
        been handed, the newest first, while the worker goes on with the oldest: two cores at once.
        """
        try:
            while (mine := self._take_newest()) is not None:
                _, entry, job, args = mine
                store(entry, _call(job, *args))
            for uri, entry, future in self._handed:  # complete: the queue is empty, nothing more is handed
                try:
                    store(entry, future.result())
                except BrokenProcessPool as error:
                    raise RenderError(f"{uri}: the render worker stopped while rendering it ({error})") from error
        finally:
            self.close(wait=False)  # the worker's exit need not hold up the pages

    def close(self, wait=True):
        """Stop the worker: drop the jobs it has not been handed; finish its own, waiting or not."""
        with self._lock:
            executor, self._executor, self._running = self._executor, None, (None, None)
            self._queue.clear()
            self._handed = []
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)

    def _take_newest(self):
        with self._lock:
            return self._next_job(self._queue.pop)

    def _hand_next(self, _finished=None):
        """Hand the worker the oldest waiting job, once it has finished the one it had."""
        with self._lock:
            if self._executor is None or not self._running[1].done():
                return
            if (next_job := self._next_job(self._queue.popleft)) is None:
                return
            uri, entry, job, args = next_job
            try:
                future = self._executor.submit(_call, job, *args)
            except BrokenProcessPool:  # its worker died: the build renders the job, or the next starts one
                self._queue.appendleft(next_job)
                broken, self._executor, self._running = self._executor, None, (None, None)
            else:
                self._running, broken = (entry, future), None
                if not self._publish:
                    self._handed.append((uri, entry, future))
        if broken is not None:
            broken.shutdown(wait=False)
            return
        if self._publish:
            future.add_done_callback(lambda done: self._published(uri, entry, done))
        future.add_done_callback(self._hand_next)

    def _on_its_way(self, entry):
        """Whether the worker is rendering entry, or it waits to be rendered."""
        running, future = self._running
        waiting = (queued for _, queued, _, _ in self._queue)
        return (entry == running and not future.done()) or entry in waiting

    def _next_job(self, pop):
        """The next waiting job that pop takes (oldest or newest), once outdated ones are dropped."""
        while self._queue:
            uri, entry, job, args = pop()
            if self._latest[uri] == entry:  # else an edit has made this file's render outdated
                return uri, entry, job, args
        return None

    def _published(self, uri, entry, done):
        if done.cancelled():
            return
        if done.exception() is not None:
            LOG.error("%s could not be rendered: %s", uri, done.exception())
            return
        if self._latest.get(uri) == entry:  # else a newer render of the file is on its way
            data = store(entry, done.result())
            if uri not in self._kept:
                self._publish(uri, data)
