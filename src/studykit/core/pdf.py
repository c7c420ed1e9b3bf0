"""Writing a PDF with WeasyPrint: offline (project files only), tagged, reproducible."""

import ctypes.util
import datetime
import functools
import sys
from html import escape as html_escape
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from studykit import PROJECT_ROOT


def _import_weasyprint():
    """WeasyPrint, imported with its libraries looked up in the linker's cache only.

    It tries each library under several platforms' names (16 of them no file on Debian 12), and cffi
    asks ctypes.util.find_library about each, which on Linux then runs gcc and ld: 0.15-0.2 s of
    every render worker's start, on a build's critical path. A name that is a file, or one in the
    cache, is found as before.
    """
    find_library = ctypes.util.find_library
    in_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)  # private: absent, import as is
    if sys.platform == "linux" and in_cache is not None:
        ctypes.util.find_library = in_cache
    try:
        import weasyprint  # statements, not importlib: the cache key follows them to its version
        import weasyprint.text.fonts
        return weasyprint
    finally:
        ctypes.util.find_library = find_library


weasyprint = _import_weasyprint()

# The document's language, described in WeasyPrint's own XMP beside dc:title and pdfuaid:part.
_XMP_LANGUAGE = '<rdf:Description rdf:about=""><dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language></rdf:Description>'

from studykit.core import formulas, output


class FetchRefused(ValueError):
    """WeasyPrint asked for a URL outside the project or on the network; the message names it."""


class ProjectURLFetcher(weasyprint.URLFetcher):
    """URL fetcher that allows only data: URLs and files inside the project root."""

    def __init__(self, root=PROJECT_ROOT):
        # fail_on_errors: a refused fetch stops the render instead of becoming a logged warning.
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True)
        self._root = Path(root).resolve()

    def fetch(self, url, headers=None):
        """Fetch url if it is allowed, else raise FetchRefused naming it."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            # resolve() follows symlinks and "..", so neither can lead outside the project.
            if Path(url2pathname(parts.path)).resolve().is_relative_to(self._root):
                return super().fetch(url, headers)
        raise FetchRefused(f"refused to fetch {url!r}: only data: URLs and files under {self._root} are allowed")


@functools.lru_cache(maxsize=1)
def _font_config():
    """Share one font configuration: Pango keeps its loaded fonts warm between renders (no @font-face here)."""
    return weasyprint.text.fonts.FontConfiguration()


def _stylesheet(path):
    """Return the parsed stylesheet, parsed again only when its file changes (e.g. under mkdocs serve)."""
    return _parsed_stylesheet(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _parsed_stylesheet(path, _modified):
    """Parse the stylesheet at path; _modified only keys the cache."""
    return weasyprint.CSS(filename=path, url_fetcher=ProjectURLFetcher())


def _describe_language(metadata):
    """Have the XMP that WeasyPrint writes for this document state its language too."""
    describe = metadata.generate_rdf_metadata
    language = _XMP_LANGUAGE.format(html_escape(metadata.lang)).encode()
    metadata.generate_rdf_metadata = lambda *args: describe(*args).replace(b"</rdf:RDF>", language + b"</rdf:RDF>")


def source_date(value):
    """Return the W3C timestamp for the PDF's dates, from the argument, SOURCE_DATE_EPOCH or the default."""
    moment = datetime.datetime.fromtimestamp(output.source_date_epoch(value), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_pdf(html, stylesheet) -> bytes:
    """Lay out html with the stylesheet at that path, fetching only project files, as a tagged PDF
    that claims PDF/UA-1 (XMP pdfuaid:part 1, its title, its language)."""
    source = weasyprint.HTML(string=html, base_url=str(stylesheet.parent), url_fetcher=ProjectURLFetcher())
    try:
        # pdf_tags: a tagged PDF carries each formula's text equivalent (its SVG <title>) as /Alt.
        document = source.render(stylesheets=[_stylesheet(stylesheet)], font_config=_font_config(),
                                 pdf_tags=True, pdf_variant="pdf/ua-1")
        if document.metadata.lang:  # WeasyPrint's XMP names the title; the language is the catalog's
            _describe_language(document.metadata)
        return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
    except weasyprint.urls.FatalURLFetchingError as error:
        # WeasyPrint wraps the fetcher's exception in a BaseException; hand back the named one.
        raise error.__cause__ or FetchRefused(str(error)) from error


def warm_up():
    """Load WeasyPrint (imported with this module) and the math font, before a first render."""
    formulas.to_svg("x")
