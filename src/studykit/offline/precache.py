"""What a built site needs offline: every file the lesson uses, each with its content hash.

Precached (fetched when the worker installs): every page, and every other file the site's own
sources or plugins wrote (its CSS and JavaScript, the "New numbers" JSON, the figures, the search
index), and of the theme's files only those a page loads (Material's bundle, stylesheets, search
worker and what that worker imports). Downloads (what a page links with `download`, and PDFs,
Anki packages, text files and CSVs) are not precached: a phone on a metered line fetches one only
when the learner asks for it, and the worker keeps it then.
"""

import dataclasses
import hashlib
import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

DOWNLOAD_SUFFIXES = (".pdf", ".apkg", ".txt", ".csv")
# For search engines, not learners.
NOT_FOR_LEARNERS = ("sitemap.xml", "sitemap.xml.gz")
_FETCHED = {("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("img", "srcset"),
            ("source", "srcset")}


@dataclasses.dataclass(frozen=True)
class Entry:
    """One file: the path it is asked for from the site's root ("practice/"), its size and hash."""

    path: str
    size: int
    hash: str


@dataclasses.dataclass(frozen=True)
class Precache:
    """The files the worker precaches, and the downloads it keeps once they are downloaded."""

    files: tuple
    downloads: tuple

    @property
    def bytes(self) -> int:
        """The bytes a first visit's worker fetches after the page has loaded."""
        return sum(entry.size for entry in self.files)

    @property
    def version(self) -> str:
        """One hash of every path and content hash: it changes when any file does."""
        listed = [[entry.path, entry.hash] for entry in self.files + self.downloads]
        return _digest(json.dumps(listed).encode())


def precache_list(site_dir, theme_dirs, leave_out=()) -> Precache:
    """The precache list of a built site; theme_dirs are the theme's folders (MkDocs' theme.dirs),
    leave_out site paths to ignore (the worker itself)."""
    site_dir = Path(site_dir)
    found = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                   if path.is_file() and not path.name.startswith("."))
    loaded, offered = set(), set()
    for name in found:
        if name.endswith(".html"):
            refs = _page_refs((site_dir / name).read_text(encoding="utf-8"))
            folder = posixpath.dirname(name)
            loaded |= {_in_site(folder, url) for url in refs.loaded}
            offered |= {_in_site(folder, url) for url in refs.offered}
            if refs.search_worker:
                worker = _in_site(folder, refs.search_worker)
                loaded |= {worker} | _search_worker_imports(site_dir, worker)
    files, downloads = [], []
    for name in found:
        if name in leave_out or name in NOT_FOR_LEARNERS:
            continue
        if name in offered or name.endswith(DOWNLOAD_SUFFIXES):
            downloads.append(_entry(site_dir, name))
        elif name.endswith(".html") or name in loaded or not _from_theme(name, theme_dirs):
            files.append(_entry(site_dir, name))
    return Precache(tuple(files), tuple(downloads))


def _entry(site_dir, name):
    data = (Path(site_dir) / name).read_bytes()
    path = name[:-len("index.html")] if name == "index.html" or name.endswith("/index.html") else name
    return Entry(quote(path), len(data), _digest(data))


def _digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def _from_theme(name, theme_dirs):
    """Whether a site file is one the theme copies into every site (Material's scripts, source maps,
    search languages), which the site needs only if a page loads it."""
    return any((Path(folder) / name).is_file() for folder in theme_dirs)


def _in_site(folder, url):
    """The site path a page in folder means by url ("" for one outside the site)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return ""
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if path.startswith("../") or path == "..":
        return ""
    if url.endswith("/") or parts.path in ("", ".", ".."):  # a folder: its page
        return "index.html" if path == "." else path + "/index.html"
    return path


def _search_worker_imports(site_dir, worker):
    """The language scripts Material's search worker imports for the search index's languages
    (as its Ie() does: none for English alone)."""
    index = Path(site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return set()
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])
    lunr = posixpath.normpath(posixpath.join(posixpath.dirname(worker), "../lunr"))
    wanted = [f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"]
    wanted += ["tinyseg.js"] * ("ja" in languages) + ["wordcut.js"] * bool({"hi", "th"} & set(languages))
    wanted += ["min/lunr.multi.min.js"] * (len(languages) > 1)
    wanted += ["min/lunr.stemmer.support.min.js"] * bool(wanted)
    return {f"{lunr}/{name}" for name in wanted}


class _Refs(HTMLParser):
    """What a page loads (stylesheets, scripts, images, icons), offers as a download (<a download>),
    and names as Material's search worker (in its #__config)."""

    def __init__(self):
        super().__init__()
        self.loaded, self.offered, self.search_worker, self._config = [], [], "", False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for name, value in attrs:
            if (tag, name) in _FETCHED and value:
                self.loaded += [part.split()[0] for part in value.split(",") if part.strip()] \
                    if name == "srcset" else [value]
        if tag == "a" and "download" in found and found.get("href"):
            self.offered.append(found["href"])
        self._config = tag == "script" and found.get("id") == "__config"

    def handle_data(self, data):
        if self._config:
            self.search_worker = json.loads(data).get("search") or ""
            self._config = False


def _page_refs(html):
    refs = _Refs()
    refs.feed(html)
    return refs
