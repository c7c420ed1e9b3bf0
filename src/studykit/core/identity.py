"""The lesson's identity (titles, download names), written once under `extra.lesson` in mkdocs.yml."""

import dataclasses
from pathlib import Path

import yaml

from studykit import PROJECT_ROOT
from studykit.core.datafile import SAFE_LOADER
from studykit.core.errors import LessonDataError

CONFIG_FILE = PROJECT_ROOT / "mkdocs.yml"
_FIELDS = ("title", "deck_title", "slug")


class IdentityError(LessonDataError):
    """A missing or malformed `extra.lesson` entry; the message names the file and the field."""


@dataclasses.dataclass(frozen=True)
class Identity:
    """The lesson's title, its deck's title and the stem of every download's file name."""

    title: str
    deck_title: str
    slug: str

    def download(self, name: str) -> str:
        """The site path of a download, e.g. download("flashcards.pdf")."""
        return f"downloads/{self.slug}-{name}"

    def deck_description(self, count: int) -> str:
        """The one-line description of a deck of `count` cards."""
        return f"{count} flashcards for the lesson {self.title}"


def from_extra(extra, where=CONFIG_FILE) -> Identity:
    """Read the identity from mkdocs.yml's `extra` mapping; raise IdentityError naming the field."""
    entry = (extra or {}).get("lesson")
    if not isinstance(entry, dict):
        raise IdentityError(f"{where}: extra: field 'lesson' is missing (needs {', '.join(_FIELDS)})")
    for field in _FIELDS:
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise IdentityError(f"{where}: extra.lesson: field '{field}' is missing or empty")
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise IdentityError(f"{where}: extra.lesson: unknown field '{unknown[0]}'")
    return Identity(**{field: entry[field].strip() for field in _FIELDS})


class _ConfigLoader(SAFE_LOADER):
    """Reads mkdocs.yml without MkDocs: its tags (!ENV, !!python/name) are read as plain values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_identity(config_file=CONFIG_FILE) -> Identity:
    """Read the identity from a mkdocs.yml file (for the command lines, which run without MkDocs)."""
    return from_extra(_config(config_file).get("extra"), config_file)


def read_lesson_package(config_file=CONFIG_FILE) -> str:
    """The package that declares the lesson, as the studykit plugin's `lesson:` names it in mkdocs.yml."""
    for plugin in _config(config_file).get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("studykit"), dict):
            package = plugin["studykit"].get("lesson")
            if isinstance(package, str) and package.strip():
                return package.strip()
    raise IdentityError(f"{config_file}: plugins: studykit: field 'lesson' is missing")


def read_markdown_setup(config_file=CONFIG_FILE) -> tuple[list, dict]:
    """The site's Markdown extensions and their configs, as mkdocs.yml names them (a setting that
    names Python code, such as Material's emoji index, is left to its extension's default)."""
    extensions, configs = [], {}
    for entry in _config(config_file).get("markdown_extensions") or ():
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        configs[name] = {key: value for key, value in (config or {}).items() if value is not None}
    return extensions, configs


def _config(config_file):
    """mkdocs.yml as plain data."""
    return yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
