"""Every request a browser page makes, and whether each was answered: for the tests of what a page loads."""

from urllib.parse import urlsplit


class Traffic:
    """Every request a page makes, and every one that failed or was answered with an error."""

    def __init__(self, page):
        self.requests, self.problems, self.pending, self.downloads = [], [], set(), set()
        page.on("request", self._started)
        page.on("download", lambda download: self.downloads.add(download.url))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", self._failed)
        page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"{response.status}: {response.url}"))

    def _started(self, request):
        self.requests.append(request.url)
        self.pending.add(request)

    def _failed(self, request):
        self.pending.discard(request)
        self.problems.append(f"failed: {request.url} ({request.failure})")

    def wait_until_answered(self, page):
        """Wait until every request the page made has its answer (the favicon comes after load):
        leaving the page earlier would abort one and report it as failed."""
        # A lazy image starts only when it scrolls into view, as when a click scrolls to its link,
        # and the navigation that follows would abort it: load every image now, and so check each.
        page.evaluate("""() => Promise.all([...document.images].map((image) => {
            image.loading = "eager";
            return image.decode().catch(() => {});
        }))""")
        while self.pending:
            page.wait_for_event("requestfinished", timeout=30_000)

    def assert_all_under(self, url):
        """Every request went to url or below it, and none failed."""
        outside = [request for request in self.requests
                   if urlsplit(request).scheme not in ("data", "blob")
                   and not request.startswith(url)]
        assert not outside, f"requests outside {url}:\n" + "\n".join(outside)
        # A navigation that turns into a download (the offline worker answers a download link so)
        # ends, for the page, as aborted.
        problems = [problem for problem in self.problems
                    if problem not in {f"failed: {done} (net::ERR_ABORTED)" for done in self.downloads}]
        assert not problems, "\n".join(problems)
