"""The web app manifest: names from the lesson's identity, colours from Material's own CSS, icons from the logo."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from studykit.core.errors import LessonDataError
from studykit.offline import icons

MANIFEST = "manifest.webmanifest"  # at the site's root, so "./" is the whole site, under any sub-path
DISPLAY = "standalone"  # an app window of its own, without the browser's address bar
_STYLESHEETS = ("main.*.min.css", "palette.*.min.css")  # Material's, in the order its pages load them
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")


class InstallError(LessonDataError):
    """What the manifest needs is missing or malformed; the message names the file and the field."""


@dataclass(frozen=True)
class AppSource:
    """What the manifest is made from, as mkdocs.yml and the theme give it."""

    config_file: Path  # mkdocs.yml, to name in errors
    site_name: str
    description: str | None
    language: str
    palette: object  # theme.palette: a mapping, a list of them, or None (Material's default)
    favicon: Path  # the logo's SVG, the theme's favicon
    theme_dirs: tuple  # the theme's folders, where Material's stylesheets are


@dataclass(frozen=True)
class App:
    """The installed app: its names, colours (one theme colour a palette) and logo."""

    name: str
    short_name: str
    description: str | None
    language: str
    theme_colours: tuple  # (media query or None, colour) for each palette, as Material's CSS colours its header
    background: str  # the first palette's page background: the splash screen's
    icon_colours: tuple  # (background, ink): the first palette's header and the text on it
    logo: icons.Logo

    @property
    def head(self) -> dict:
        """What overrides/main.html puts in every page's head: site paths and colours."""
        return {"manifest": MANIFEST, "theme_colours": [{"media": media, "colour": colour}
                                                        for media, colour in self.theme_colours],
                "touch_icon": icons.ICON_PATH.format(icons.ICONS[-1][0])}  # square: iOS rounds it itself


def read_app(source, title) -> App:
    """The app, named by the lesson's title and the site's name; InstallError names what is wrong."""
    if not isinstance(source.site_name, str) or not source.site_name.strip():
        raise InstallError(f"{source.config_file}: field 'site_name' is missing or empty")
    if not source.favicon or not Path(source.favicon).is_file():
        raise InstallError(f"{source.config_file}: theme: field 'favicon' names no file ({source.favicon}):"
                           " the icons are drawn from it")
    rules = list(_rules(_stylesheets(source.theme_dirs)))
    palettes = _palettes(source.palette, source.config_file)
    colours = tuple((palette.get("media"), _colour(rules, palette, "--md-primary-fg-color", source))
                    for palette in palettes)
    first = palettes[0]
    icon_colours = (colours[0][1], _colour(rules, first, "--md-primary-bg-color", source))
    background = _colour(rules, first, "--md-default-bg-color", source, primary=False)
    return App(title, source.site_name.strip(), source.description, source.language, colours, background,
               icon_colours, icons.read_logo(source.favicon))


def manifest_json(app) -> bytes:
    """The manifest: every URL relative to it, so the site installs from any sub-path."""
    manifest = {
        "id": "./", "name": app.name, "short_name": app.short_name,
        **({"description": app.description.strip()} if app.description else {}),
        "lang": app.language, "start_url": "./", "scope": "./", "display": DISPLAY,
        "theme_color": app.theme_colours[0][1], "background_color": app.background,
        "icons": [{"src": icons.ICON_PATH.format(name), "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": purpose} for name, size, purpose in icons.ICONS],
    }
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode()


def app_files(app, cache_dir, pool) -> dict:
    """The manifest and its icons, by site path (an icon being rendered under serve: its cache entry)."""
    return {MANIFEST: manifest_json(app), **icons.icon_files(app.logo, app.icon_colours, cache_dir, pool)}


def _palettes(palette, config_file) -> list:
    """Each palette of the theme as a mapping; Material's default (indigo on white) when none is set."""
    palettes = [palette] if isinstance(palette, dict) else list(palette or [{}])
    for index, entry in enumerate(palettes):
        if not isinstance(entry, dict):
            raise InstallError(f"{config_file}: theme: palette {index + 1}: not a mapping")
    return palettes or [{}]


def _colour(rules, palette, name, source, primary=True) -> str:
    """A custom property of Material's CSS as a palette sets it, its var() references resolved."""
    scheme = str(palette.get("scheme") or "default")
    colour = str(palette.get("primary") or "indigo").replace(" ", "-").lower()
    selectors = [f"[data-md-color-scheme={scheme}]", ":root"]
    if primary:
        selectors[:0] = [f"[data-md-color-scheme={scheme}][data-md-color-primary={colour}]",
                         f"[data-md-color-primary={colour}]"]
    value = _declared(rules, selectors, name)
    for _ in range(5):  # a var() may name another; Material's go one deep
        if value is None or "var(" not in value:
            break
        value = _VAR.sub(lambda match: _declared(rules, selectors, match.group(1)) or match.group(), value)
    if value is None or "var(" in value:
        raise InstallError(f"{source.config_file}: theme: palette (scheme {scheme}, primary {colour}):"
                           f" Material's stylesheets in {', '.join(map(str, source.theme_dirs))} set no {name}")
    return value.strip()


def _declared(rules, selectors, name):
    """The value the first of selectors that declares name gives it, as the cascade has it (the last rule)."""
    declaration = re.compile(rf"(?:^|;)\s*{re.escape(name)}\s*:\s*([^;]+)")
    for selector in selectors:
        values = [match.group(1) for names, body in rules if selector in names
                  for match in [declaration.search(body)] if match]
        if values:
            return values[-1]
    return None


def _stylesheets(theme_dirs) -> str:
    """Material's main and palette stylesheets, as its pages load them, from the theme's folders."""
    found = []
    for pattern in _STYLESHEETS:
        paths = sorted(path for folder in theme_dirs for path in Path(folder).glob(f"assets/stylesheets/{pattern}"))
        if not paths:
            raise InstallError(f"theme: no assets/stylesheets/{pattern} in {', '.join(map(str, theme_dirs))}:"
                               " the theme colours are read from Material's stylesheets")
        found.append(paths[0].read_text(encoding="utf-8"))
    return "\n".join(found)


def _rules(css):
    """Each top-level rule's (set of selectors, declarations); rules inside @media and the like are left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    depth, start, opened = 0, 0, 0
    for match in re.finditer(r"[{}]", css):
        if match.group() == "{":
            opened = match.start() if depth == 0 else opened
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            selector, body = css[start:opened].strip(), css[opened + 1:match.start()]
            if not selector.startswith("@"):
                yield {part.strip() for part in selector.split(",")}, body
            start = match.end()
