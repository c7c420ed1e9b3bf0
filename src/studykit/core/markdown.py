"""One Markdown set-up: a converter for a set of extensions, made once; the site passes its own."""

import dataclasses
from pathlib import Path

import markdown
import pymdownx.arithmatex
import pymdownx.betterem

# What a card's text and the worksheet use; the site's pages use the site's configuration.
TEXT_EXTENSIONS = (pymdownx.arithmatex.__name__, pymdownx.betterem.__name__)
TEXT_CONFIGS = {pymdownx.arithmatex.__name__: {"generic": True}}
_CONVERTERS = {}  # by the repr of what made them: the same set-up is made once in a process


def converter(extensions=TEXT_EXTENSIONS, configs=None) -> markdown.Markdown:
    """A Markdown converter with these extensions and their configs, shared by whoever asks for them."""
    configs = TEXT_CONFIGS if configs is None else configs
    key = repr((list(extensions), sorted(configs.items(), key=lambda item: item[0])))
    if key not in _CONVERTERS:
        _CONVERTERS[key] = markdown.Markdown(
            extensions=list(extensions),
            extension_configs={name: value for name, value in configs.items() if name in extensions})
    return _CONVERTERS[key]


def modules(extensions, configs) -> list[str]:
    """The modules a Markdown set-up runs: its extensions, and the functions its configs name (for
    a cache key: Material's emoji index, say)."""
    named = [name for name in extensions if isinstance(name, str)]
    functions = [value.__module__ for config in configs.values() for value in config.values()
                 if callable(value) and hasattr(value, "__module__")]
    return sorted({*named, *functions})


def to_html(text, extensions=TEXT_EXTENSIONS, configs=None) -> str:
    """Markdown text as HTML, with the shared converter reset first."""
    return converter(extensions, configs).reset().convert(text)


@dataclasses.dataclass(frozen=True)
class SiteMarkdown:
    """The site's own Markdown set-up, as its config file states it; it crosses to a worker process."""

    extensions: tuple
    configs: dict
    config_file: Path  # what states it: part of every cache key that depends on it

    def to_html(self, text) -> str:
        """Markdown text as the site's pages are made HTML."""
        return to_html(text, self.extensions, self.configs)

    def modules(self) -> list[str]:
        """The modules it runs, whose versions key a cache."""
        return modules(self.extensions, self.configs)
