"""What the build trims from the files it writes, for a lighter first visit: the site's own scripts and
styles minified as they are copied, and the pages' HTML without the indentation of its lines."""

import re

import rcssmin
import rjsmin

# By ending: the minifier of each kind of file. Files already minified (".min.js") are left as they are.
_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minifiable(uri) -> bool:
    """Whether a file of the docs (its site path) is a script or a style the build minifies."""
    return uri.endswith(tuple(_MINIFIERS)) and ".min." not in uri


def minified(uri, text) -> str:
    """The script or style at uri without its comments and spare white space; the code is the same."""
    return _MINIFIERS["." + uri.rpartition(".")[2]](text)


# Elements whose text keeps its white space as written: a <pre>'s lines, a script's, a field's.
_AS_WRITTEN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_LINE_BREAK = re.compile(r"[ \t\r]*\n\s*")


def compact_html(html) -> str:
    """The page with each run of white space around a line break made one line break: the browser
    shows it the same (such a run reads as one space), outside the elements that keep theirs."""
    parts = _AS_WRITTEN.split(html)  # text, element, its tag name, text, element, its tag name, ...
    return "".join(_LINE_BREAK.sub("\n", part) if i % 3 == 0 else part
                   for i, part in enumerate(parts) if i % 3 != 2)
