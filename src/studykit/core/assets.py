"""The site's own scripts and styles, minified as the build copies them: a lighter first visit."""

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
