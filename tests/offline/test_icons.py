"""The home-screen icons: PNGs of the declared sizes, drawn from the logo, the same bytes every time."""

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from builds import ROOT
from PIL import Image

from studykit.offline import icons

FAVICON = ROOT / "docs/assets/favicon.svg"
COLOURS = ("#4051b5", "#ffffff")  # Material's indigo header and the white text on it
INDIGO, WHITE = (0x40, 0x51, 0xB5), (0xFF, 0xFF, 0xFF)


@pytest.fixture(scope="module")
def logo():
    return icons.read_logo(FAVICON)


@pytest.fixture(scope="module")
def rendered(logo):
    """Each icon, by file name, as PNG bytes."""
    return {name: icons.render_icon(logo, COLOURS, size, purpose) for name, size, purpose in icons.ICONS}


def _pixels(data):
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA")).astype(int)


def _share(pixels, colour):
    """The share of the icon's pixels that are opaque and within 8 levels of colour."""
    near = (np.abs(pixels[..., :3] - np.array(colour)).max(axis=2) <= 8) & (pixels[..., 3] == 255)
    return near.mean()


def test_the_logo_is_read_as_absolute_outlines():
    # "M4 19v1h18v2H2V2h2v15c3 0 6-2 8.1-5.6": each relative step worked by hand from the point before.
    path = icons.outline("M4 19v1h18v2H2V2h2v15c3 0 6-2 8.1-5.6z", "test")
    assert path == (("M", (4, 19)), ("L", (4, 20)), ("L", (22, 20)), ("L", (22, 22)), ("L", (2, 22)),
                    ("L", (2, 2)), ("L", (4, 2)), ("L", (4, 17)), ("C", (7, 17, 10, 15, 12.1, 11.4)), ("Z", ()))
    # Pairs after a move are lines; a relative move after a close starts from the subpath's start.
    assert icons.outline("m1 1 2 0 0 2zm1 1", "test") == (
        ("M", (1, 1)), ("L", (3, 1)), ("L", (3, 3)), ("Z", ()), ("M", (2, 2)))


@pytest.mark.parametrize("svg, needle", [
    ("<svg", "cannot be read as SVG"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>', "field 'viewBox'"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"/>', "no <path>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0A1 1 0 0 1 2 2"/></svg>',
     "<path> 1: field 'd': has 'A'"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0h1"/><path d="M0 0c1 2"/></svg>',
     "<path> 2: field 'd': 'c' needs 6 numbers"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="L0 0"/></svg>',
     "field 'd': starts without a move"),
])
def test_a_bad_logo_is_named_with_its_file_and_field(tmp_path, svg, needle):
    path = tmp_path / "favicon.svg"
    path.write_text(svg)
    with pytest.raises(icons.IconError) as error:
        icons.read_logo(path)
    assert str(error.value).startswith(f"{path}: ") and needle in str(error.value)


def test_each_icon_is_a_png_of_its_declared_size(rendered):
    for name, size, _ in icons.ICONS:
        image = Image.open(io.BytesIO(rendered[name]))
        assert (image.format, image.size) == ("PNG", (size, size)), name
    assert {size for _, size, _ in icons.ICONS} >= {192, 512}  # what Chromium asks of an installable app
    assert [purpose for *_, purpose in icons.ICONS].count("maskable") == 1


def test_icons_carry_no_software_version_or_date(rendered):
    for data in rendered.values():
        assert b"matplotlib" not in data and b"tIME" not in data and b"tEXt" not in data


def test_two_renders_are_byte_identical_in_this_process_and_another(logo, rendered):
    for name, size, purpose in icons.ICONS:
        assert icons.render_icon(logo, COLOURS, size, purpose) == rendered[name], name
    code = ("import json, sys\nfrom studykit.offline import icons\n"
            f"logo = icons.read_logo({str(FAVICON)!r})\n"
            f"print(json.dumps([icons.render_icon(logo, {COLOURS!r}, s, p).hex() for _, s, p in icons.ICONS]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env=dict(os.environ))
    assert [bytes.fromhex(data) for data in json.loads(result.stdout)] == list(rendered.values())


def test_icons_draw_the_logo_in_the_ink_on_the_background(rendered):
    for name, size, purpose in icons.ICONS:
        pixels = _pixels(rendered[name])
        # The logo's outline covers about a tenth of its 24-unit box; the background most of the rest.
        assert 0.02 < _share(pixels, WHITE) < 0.15, name
        assert _share(pixels, INDIGO) > 0.6, name
        ink_rows, ink_columns = np.nonzero(np.abs(pixels[..., :3] - np.array(WHITE)).max(axis=2) <= 8)
        # The logo's box (2..22 of 24) is centred: its ink is, to a pixel or two.
        assert abs((ink_rows.min() + ink_rows.max()) / 2 - size / 2) <= 0.01 * size, name
        assert abs((ink_columns.min() + ink_columns.max()) / 2 - size / 2) <= 0.01 * size, name


def test_the_any_icons_have_round_corners_and_the_maskable_one_keeps_the_logo_in_the_safe_circle(rendered):
    for name, size, purpose in icons.ICONS:
        pixels = _pixels(rendered[name])
        corner, centre = pixels[1, 1], pixels[size // 2, size // 2]
        assert centre[3] == 255, name
        if purpose == "any":
            assert corner[3] == 0, name  # transparent outside the rounded square
            continue
        assert _share(pixels, INDIGO) + _share(pixels, WHITE) > 0.99, name  # full bleed: a launcher crops it
        rows, columns = np.nonzero(np.abs(pixels[..., :3] - np.array(WHITE)).max(axis=2) <= 8)
        # Every launcher's mask keeps the circle of 40 % of the width around the centre.
        radius = np.hypot(rows + 0.5 - size / 2, columns + 0.5 - size / 2).max()
        assert radius <= 0.4 * size, f"{name}: the logo reaches {radius / size:.2f} of the width from the centre"
        assert radius >= 0.25 * size, f"{name}: the logo is small ({radius / size:.2f})"


class _Pool:
    """A build's pool: not serving, so an icon not in the cache is rendered at once."""

    serving = False


def test_icons_are_kept_in_the_cache_and_a_hit_never_imports_matplotlib(tmp_path, logo):
    first = icons.icon_files(logo, COLOURS, tmp_path, _Pool())
    assert sorted(first) == sorted(icons.ICON_PATH.format(name) for name, _, _ in icons.ICONS)
    assert len(list((tmp_path / "icons").glob("*.png"))) == len(icons.ICONS)
    code = ("import json, sys\nfrom studykit.offline import icons\n"
            "class Pool:\n    serving = False\n"
            f"found = icons.icon_files(icons.read_logo({str(FAVICON)!r}), {COLOURS!r}, {str(tmp_path)!r}, Pool())\n"
            "print(json.dumps({'matplotlib': 'matplotlib' in sys.modules, "
            "'icons': {uri: data.hex() for uri, data in found.items()}}))")
    hit = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                    env=dict(os.environ)).stdout)
    assert hit["matplotlib"] is False
    assert {uri: bytes.fromhex(data) for uri, data in hit["icons"].items()} == first


def test_other_colours_render_again_and_only_the_newest_icons_are_kept(tmp_path, logo):
    first = icons.icon_files(logo, COLOURS, tmp_path, _Pool())
    other = icons.icon_files(logo, ("#000000", "#ffffff"), tmp_path, _Pool())
    assert all(first[uri] != other[uri] for uri in first)
    assert len(list((tmp_path / "icons").glob("*.png"))) == len(icons.ICONS)


def test_a_serving_pool_renders_a_missing_icon_in_the_worker(tmp_path, logo):
    asked = []

    class Serving:
        serving = True

        def get(self, uri, entry, job, *args):
            asked.append((uri, job, args[2:]))
            return entry

    found = icons.icon_files(logo, COLOURS, tmp_path, Serving())
    assert [(uri, size, purpose) for uri, _, (size, purpose) in asked] == [
        (icons.ICON_PATH.format(name), size, purpose) for name, size, purpose in icons.ICONS]
    assert all(job is icons.render_icon for _, job, _ in asked)
    assert all(not path.exists() for path in found.values())  # the worker writes them, not the server
    assert len(found) == len(icons.ICONS)
