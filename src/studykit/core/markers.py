"""Parts a page asks for with a marker comment: <!-- figure learning-rate -->."""

import re

from studykit.core.errors import LessonDataError



def replace_markers(html, kind, known, render, where):
    """Replace each <!-- kind NAME --> in html by render(NAME); an unknown NAME stops the build."""
    def _part(marker):
        name = marker.group(1)
        if name not in known:
            raise LessonDataError(f"{where}: <!-- {kind} {name} -->: there is no {kind} {name!r}; "
                                  f"the {kind}s are {', '.join(sorted(known))}")
        return render(name)

    return re.sub(rf"<!-- {kind} ([\w-]+) -->", _part, html)
