"""The web app manifest: its fields by content, colours read from the theme's CSS, and bad input named."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from builds import ROOT, build_error, copy_project
from PIL import Image

from studykit.core import identity
from studykit.offline import manifest

FAVICON = ROOT / "docs/assets/favicon.svg"
# Two stylesheets shaped like Material's (main, then palette), with values to work out by hand:
# a scheme and primary rule overrides the primary's own; a later rule wins; @media rules do not count.
MAIN_CSS = """/* main */
:root{--md-primary-fg-color:#111111;--md-primary-bg-color:#fefefe}
:root,[data-md-color-scheme=default]{--md-hue:200deg;--md-default-bg-color:#fff}
@media print{:root{--md-primary-fg-color:#999999}}"""
PALETTE_CSS = """[data-md-color-scheme=slate]{--md-default-bg-color:hsla(var(--md-hue), 15%, 14%, 1)}
[data-md-color-primary=teal],[data-md-color-primary=deep-purple]{--md-primary-fg-color:#222222}
[data-md-color-primary=deep-purple]{--md-primary-fg-color:#333333;--md-primary-bg-color:#eeeeee}
@media screen{[data-md-color-primary=deep-purple]{--md-primary-fg-color:#999999}}
[data-md-color-scheme=slate][data-md-color-primary=deep-purple]{--md-primary-fg-color:#444444}"""
LIGHT = {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "deep purple"}
DARK = {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "deep purple"}


@pytest.fixture
def theme_dir(tmp_path):
    """A theme folder holding the two stylesheets, named as Material names them."""
    folder = tmp_path / "theme" / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    (folder / "main.0123abcd.min.css").write_text(MAIN_CSS)
    (folder / "palette.4567ef01.min.css").write_text(PALETTE_CSS)
    return tmp_path / "theme"


def _source(theme_dir, **changes):
    fields = {"config_file": Path("mkdocs.yml"), "site_name": "Short", "description": "What it is.",
              "language": "en", "palette": [LIGHT, DARK], "favicon": FAVICON,
              "theme_dirs": (Path("/nowhere"), theme_dir), **changes}
    return manifest.AppSource(**fields)


def test_each_palette_gets_the_header_colour_its_scheme_and_primary_are_given(theme_dir):
    app = manifest.read_app(_source(theme_dir), "The long title")
    assert (app.name, app.short_name) == ("The long title", "Short")
    assert app.theme_colours == (("(prefers-color-scheme: light)", "#333333"),
                                 ("(prefers-color-scheme: dark)", "#444444"))
    assert app.background == "#fff"
    assert app.icon_colours == ("#333333", "#eeeeee")


def test_a_dark_first_palette_resolves_its_background_var(theme_dir):
    app = manifest.read_app(_source(theme_dir, palette=[DARK, LIGHT]), "T")
    assert app.background == "hsla(200deg, 15%, 14%, 1)"


def test_no_palette_is_material_default(theme_dir):
    app = manifest.read_app(_source(theme_dir, palette=None), "T")
    # No primary is indigo, which these stylesheets leave to :root.
    assert app.theme_colours == ((None, "#111111"),)
    assert app.icon_colours == ("#111111", "#fefefe") and app.background == "#fff"


def test_the_manifest_is_relative_to_itself_with_every_field(theme_dir):
    app = manifest.read_app(_source(theme_dir), "The long title")
    data = json.loads(manifest.manifest_json(app))
    assert data["name"] == "The long title" and data["short_name"] == "Short"
    assert data["description"] == "What it is." and data["lang"] == "en"
    assert data["start_url"] == data["scope"] == data["id"] == "./"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#333333" and data["background_color"] == "#fff"
    assert [(icon["sizes"], icon["purpose"], icon["type"]) for icon in data["icons"]] == [
        ("192x192", "any", "image/png"), ("512x512", "any", "image/png"), ("512x512", "maskable", "image/png")]
    assert all(not icon["src"].startswith(("/", "http")) for icon in data["icons"])
    assert manifest.manifest_json(app) == manifest.manifest_json(app)


@pytest.mark.parametrize("changes, needle", [
    ({"site_name": " "}, "mkdocs.yml: field 'site_name' is missing or empty"),
    ({"favicon": Path("/nowhere/favicon.svg")}, "mkdocs.yml: theme: field 'favicon' names no file"),
    ({"palette": ["indigo"]}, "mkdocs.yml: theme: palette 1: not a mapping"),
    ({"theme_dirs": (Path("/nowhere"),)}, "theme: no assets/stylesheets/main.*.min.css in /nowhere"),
])
def test_what_the_manifest_cannot_be_made_from_is_named(theme_dir, changes, needle):
    with pytest.raises(manifest.InstallError) as error:
        manifest.read_app(_source(theme_dir, **changes), "T")
    assert needle in str(error.value)


def test_a_colour_the_stylesheets_do_not_set_is_named(theme_dir):
    (theme_dir / "assets/stylesheets/main.0123abcd.min.css").write_text(":root{--md-hue:1deg}")
    with pytest.raises(manifest.InstallError) as error:
        manifest.read_app(_source(theme_dir, palette=[{"scheme": "slate", "primary": "red"}]), "T")
    assert "mkdocs.yml: theme: palette (scheme slate, primary red)" in str(error.value)
    assert "set no --md-primary-fg-color" in str(error.value)


class _Head(HTMLParser):
    """The <link rel=manifest> and <meta name=theme-color> of a page."""

    def __init__(self):
        super().__init__()
        self.manifests, self.theme_colours = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "manifest":
            self.manifests.append(attrs["href"])
        elif tag == "meta" and attrs.get("name") == "theme-color":
            self.theme_colours.append(attrs.get("media"))


def _config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=identity._ConfigLoader)


def test_the_built_manifest_names_the_lesson_as_mkdocs_yml_does(site):
    data = json.loads((site / manifest.MANIFEST).read_text(encoding="utf-8"))
    config = _config()
    assert data["name"] == identity.read_identity(ROOT / "mkdocs.yml").title
    assert data["short_name"] == config["site_name"]
    assert data["lang"] == config["theme"]["language"]
    assert data["start_url"] == data["scope"] == "./"
    for icon in data["icons"]:
        width, height = map(int, icon["sizes"].split("x"))
        assert Image.open(site / icon["src"]).size == (width, height), icon["src"]


def test_every_page_links_the_manifest_and_a_theme_colour_for_each_palette(site):
    palettes = _config()["theme"]["palette"]
    pages = sorted(path for path in site.rglob("*.html") if path.name != "404.html")  # 404 is served anywhere
    assert len(pages) >= 2
    for path in pages:
        head = _Head()
        head.feed(path.read_text(encoding="utf-8"))
        page_url = "http://host/" + path.relative_to(site).as_posix()
        assert [urljoin(page_url, href) for href in head.manifests] == [f"http://host/{manifest.MANIFEST}"], path
        assert head.theme_colours == [palette["media"] for palette in palettes], path


@pytest.mark.parametrize("favicon, needle", [
    ("assets/no-such-logo.svg", "mkdocs.yml: theme: field 'favicon' names no file"),
    ("assets/bad-logo.svg", "bad-logo.svg: <path> 1: field 'd': has 'A'"),
])
def test_a_bad_logo_stops_the_build_and_writes_nothing(tmp_path, favicon, needle):
    project = copy_project(tmp_path / "project")
    (project / "docs/assets/bad-logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0A1 1 0 0 1 2 2"/></svg>')
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("favicon: assets/favicon.svg", f"favicon: {favicon}", 1), encoding="utf-8")
    message = build_error(project, project / "site")
    assert needle in message
    assert not (project / "site").exists() or not any((project / "site").rglob("*"))
