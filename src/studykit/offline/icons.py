"""The home-screen icons: the logo's curve drawn as PNGs with matplotlib, byte for byte the same each build."""

import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from studykit.core import cache
from studykit.core.errors import LessonDataError

# (file name, pixels, purpose): Chromium asks for 192 and 512 px; a maskable icon fills a launcher's shape.
ICONS = (("icon-192.png", 192, "any"), ("icon-512.png", 512, "any"), ("icon-maskable-512.png", 512, "maskable"))
ICON_PATH = "assets/icons/{}"
_DPI = 64  # fixed, so the size in pixels is the size in inches times this, and the bytes never vary
# The logo's share of the icon's width: a maskable icon keeps it inside the central circle of 80 %
# that every launcher's mask leaves whole (a square inside it is at most 0.8 / sqrt(2) = 0.57).
_LOGO_SHARE = {"any": 0.62, "maskable": 0.5}
_CORNER = 0.18  # an "any" icon's rounded corners, as a share of its width; a maskable one is square
_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[MmLlHhVvCcZz]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?|([^\s,])")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "z": 0}


class IconError(LessonDataError):
    """A logo the icons cannot be drawn from; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Logo:
    """The logo as drawn: its SVG view box (x, y, width, height) and its paths' outlines."""

    view_box: tuple
    paths: tuple  # each a tuple of (command, numbers), absolute: ("M", (x, y)), ("C", (6 numbers)), ("Z", ())


def read_logo(svg_file) -> Logo:
    """The logo's curve from an SVG file (the site's favicon); IconError names the file and the field."""
    try:
        root = ElementTree.fromstring(Path(svg_file).read_bytes())
    except (OSError, ElementTree.ParseError) as error:
        raise IconError(f"{svg_file}: the logo cannot be read as SVG: {error}") from error
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4 or not all(re.fullmatch(r"[-+]?[\d.]+", number) for number in box):
        raise IconError(f"{svg_file}: <svg>: field 'viewBox' is missing or not four numbers")
    elements = root.iter(f"{_SVG}path")
    paths = tuple(outline(element.get("d") or "", f"{svg_file}: <path> {index + 1}: field 'd'")
                  for index, element in enumerate(elements))
    if not paths:
        raise IconError(f"{svg_file}: no <path>: the icons draw the logo's paths")
    return Logo(tuple(float(number) for number in box), paths)


def outline(d, where) -> tuple:
    """An SVG path's data as absolute commands (M, L, C, Z; H and V become L), relative ones resolved."""
    tokens = [(match.group(), match.group(1)) for match in _TOKEN.finditer(d)]
    stray = next((text for text, bad in tokens if bad), None)
    if stray is not None or not tokens or tokens[0][0] not in "Mm":
        raise IconError(f"{where}: {'starts without a move (M)' if stray is None else f'has {stray!r}'}"
                        " (the icons draw M, L, H, V, C and Z)")
    found, x, y, start, command, index = [], 0.0, 0.0, (0.0, 0.0), "", 0
    while index < len(tokens):
        if tokens[index][0].isalpha():
            command, index = tokens[index][0], index + 1
        count = _ARGS[command.lower()]
        texts = [text for text, _ in tokens[index:index + count]]
        if len(texts) < count or any(text.isalpha() for text in texts):
            raise IconError(f"{where}: {command!r} needs {count} numbers")
        numbers = [float(text) for text in texts]
        index += count
        relative, kind = command.islower(), command.upper()
        if kind == "Z":
            found.append(("Z", ()))
            x, y = start
            continue
        if kind in "HV":
            numbers = [numbers[0] + (x if relative else 0), y] if kind == "H" else \
                [x, numbers[0] + (y if relative else 0)]
            relative, kind = False, "L"
        if relative:
            numbers = [number + (x if place % 2 == 0 else y) for place, number in enumerate(numbers)]
        found.append((kind, tuple(numbers)))
        x, y = numbers[-2], numbers[-1]
        if kind == "M":
            start, command = (x, y), "l" if relative else "L"  # pairs after a move are lines
    return tuple(found)


def icons_key(logo, colours) -> str:
    """The sha256 of every input of the icons: the logo, the colours, the code and matplotlib's version."""
    return cache.content_key({"logo": [logo.view_box, logo.paths], "colours": colours, "icons": ICONS},
                             ["studykit.offline.icons"])


def icon_entries(logo, colours, cache_dir) -> dict:
    """Where each icon (by file name) with these inputs is kept in cache_dir."""
    key = icons_key(logo, colours)
    return {name: cache.cache_entry(Path(cache_dir) / "icons", key, "." + name) for name, _, _ in ICONS}


def render_icon(logo, colours, size, purpose) -> bytes:
    """One icon as PNG bytes: the logo in colours[1] on colours[0]; matplotlib is imported only here."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch, PathPatch
    from matplotlib.path import Path as PlotPath

    background, ink = colours
    figure = Figure(figsize=(size / _DPI, size / _DPI), dpi=_DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(1, 0)  # SVG's y axis points down
    corner = _CORNER if purpose == "any" else 0
    axes.add_patch(FancyBboxPatch((corner, corner), 1 - 2 * corner, 1 - 2 * corner, facecolor=background,
                                  edgecolor="none", boxstyle=f"round,pad={corner}"))
    left, top, width, height = logo.view_box
    share = _LOGO_SHARE[purpose]
    scale = share / max(width, height)
    offset = ((1 - width * scale) / 2, (1 - height * scale) / 2)
    vertices, codes = [], []
    steps = {"M": PlotPath.MOVETO, "L": PlotPath.LINETO, "C": PlotPath.CURVE4}
    for path in logo.paths:
        for kind, numbers in path:
            if kind == "Z":
                vertices.append(vertices[-1])
                codes.append(PlotPath.CLOSEPOLY)
                continue
            points = list(zip(numbers[::2], numbers[1::2]))
            vertices += [((px - left) * scale + offset[0], (py - top) * scale + offset[1]) for px, py in points]
            codes += [steps[kind]] * len(points)
    axes.add_patch(PathPatch(PlotPath(vertices, codes), facecolor=ink, edgecolor="none"))
    stream = io.BytesIO()
    # Without Software, matplotlib's PNG carries no version: the bytes depend on the drawing only.
    figure.savefig(stream, format="png", dpi=_DPI, transparent=True, metadata={"Software": None})
    return stream.getvalue()


def icon_files(logo, colours, cache_dir, pool) -> dict:
    """Each icon by site path: bytes, kept in the cache so a warm build never imports matplotlib; under
    `mkdocs serve` (pool.serving) one not cached yet is the entry the pool is rendering it to."""
    found = {}
    for (name, size, purpose), entry in zip(ICONS, icon_entries(logo, colours, cache_dir).values()):
        uri = ICON_PATH.format(name)
        if pool.serving and not entry.is_file():
            found[uri] = pool.get(uri, entry, render_icon, logo, colours, size, purpose)
        else:
            found[uri] = cache.from_cache(entry, lambda s=size, p=purpose: render_icon(logo, colours, s, p))
    return found
