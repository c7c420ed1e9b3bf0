"""The slow downloads (the PDFs), rendered in a worker process while the pages build."""

import concurrent.futures
import logging
import multiprocessing
import os
import threading
import time

import lesson
from lesson.errors import LessonDataError
from lesson.output import content_key, store

_LOG = logging.getLogger("mkdocs.plugins.lesson")  # MkDocs shows this logger's errors


def deck(cards, identity, card_file):
    """The PDF deck (WeasyPrint is imported only where a PDF is rendered)."""
    try:
        return lesson.load("deck").render_deck(cards, identity)
    except LessonDataError as error:  # it names the card and the field; the file is known here
        raise LessonDataError(f"{card_file}: {error}") from error


def worksheet(content, identity, size):
    """One size of the worksheet PDF."""
    return lesson.load("worksheet").render_worksheet(content, identity, size=size)


def _exit_with(parent):
    """In the worker: end once the process that started it is gone, even killed without closing it.

    A worker holds its own end of the task queue, so it never sees the queue close by itself.
    """
    def _watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)
    threading.Thread(target=_watch, daemon=True).start()


def _package_code():
    """What the worker imports of the package, as it reads now: every module's source."""
    return content_key({}, files=[lesson.__file__, *(module.path for module in lesson.MODULES)])


class Pool:
    """Renders what is not cached in one worker process; the build waits only when it must.

    `mkdocs build` calls wait() before MkDocs copies the files; `mkdocs serve` passes publish, which
    gets each file (its site path and bytes) as soon as it is rendered: a reload never waits for it,
    and the server's process never renders.
    """

    def __init__(self, publish=None):
        self._executor, self._pending, self._publish = None, [], publish
        self._code, self._latest = None, {}  # the worker's package sources; each uri's newest entry

    def get(self, uri, entry, job, *args):
        """The cached bytes of entry, or entry itself once job(*args) is on its way there."""
        if entry.is_file():
            return entry.read_bytes()
        if self._executor is not None and self._code != _package_code():
            # The package was edited under `mkdocs serve`: the entry's key names the new sources, so
            # the old worker, which imported the old ones, must not render it.
            self.close(wait=False)
        if self._executor is None:
            # A fresh interpreter ("spawn"): forking a server's or a test runner's threads is unsafe.
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with, initargs=(os.getpid(),))
            self._code = _package_code()
        self._latest[uri] = entry  # before the job is on its way: it may end before the next line
        future = self._executor.submit(job, *args)
        if self._publish:
            future.add_done_callback(lambda done: self._published(uri, entry, done))
        else:
            self._pending.append((entry, future, job, args))
        return entry

    def wait(self):
        """Store every render in its cache entry; raise the first error a render met.

        The build has nothing else to do by now, so it renders here what the worker has not started
        (the last submitted first): two cores render at once, and the worker's queue is shorter.
        """
        try:
            here = [(entry, job, args) for entry, future, job, args in reversed(self._pending)
                    if future.cancel()]
            for entry, job, args in here:
                store(entry, job(*args))
            for entry, future, _, _ in self._pending:
                if not future.cancelled():
                    store(entry, future.result())
        finally:
            self.close()

    def close(self, wait=True):
        """Stop the worker: drop what it has not started; finish what it has, waiting or not."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    def _published(self, uri, entry, done):
        if done.cancelled():
            return
        if done.exception() is not None:
            _LOG.error("%s could not be rendered: %s", uri, done.exception())
            return
        if self._latest.get(uri) == entry:  # else a newer render of the file is on its way
            self._publish(uri, store(entry, done.result()))
