"""Parts a page asks for with a marker comment (<!-- figure learning-rate -->), and figure sizes."""

import re

from lesson.errors import LessonDataError

_PT_TO_PX = 4 / 3  # CSS: 96 px to the inch, 72 pt to the inch


def replace_markers(html, kind, known, render, where):
    """Replace each <!-- kind NAME --> in html by render(NAME); an unknown NAME stops the build."""
    def _part(marker):
        name = marker.group(1)
        if name not in known:
            raise LessonDataError(f"{where}: <!-- {kind} {name} -->: there is no {kind} {name!r}; "
                                  f"the {kind}s are {', '.join(sorted(known))}")
        return render(name)

    return re.sub(rf"<!-- {kind} ([\w-]+) -->", _part, html)


def image_size(svg):
    """The width and height in whole CSS pixels of an SVG whose viewBox is in points."""
    box = re.search(r'viewBox="([\d.\s-]+)"', svg)
    if not box:
        raise ValueError("the SVG has no viewBox to size its image by")
    _, _, width, height = (float(number) for number in box.group(1).split())
    return round(width * _PT_TO_PX), round(height * _PT_TO_PX)
