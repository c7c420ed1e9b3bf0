"""One Jinja set-up: the HTML templates of the page's parts and the PDFs, and pages' Markdown.

Not optimized: Jinja's optimizer folds constants, and these templates' values all come at render
time, so it only adds a quarter to each compile (a page's first build compiles it)."""

import functools
from pathlib import Path

import jinja2
import markupsafe

# Templates are named from the folder that holds the kit, or a lesson's package:
# "cards/templates/deck.html", "loss_and_optimization/templates/explorer-softmax.html".
_KIT = Path(__file__).resolve().parents[1]
_LESSONS = _KIT.parent / "lessons"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates, compiled once and again only when one is edited; data is escaped, Markup not."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader([_KIT, _LESSONS]), autoescape=True,
                              auto_reload=True, undefined=jinja2.StrictUndefined, optimized=False)


def render(template, /, **context) -> str:
    """A template (such as "figures/templates/figure.html") rendered with context."""
    return environment().get_template(template).render(**context)


def macro(name, macro_name):
    """A macro of a template, to call from Python."""
    return getattr(environment().get_template(name).module, macro_name)


def markdown_template(source, name, undefined, bytecode_cache=None, **functions) -> jinja2.Template:
    """A page's Markdown as a template named after the page (so an error's traceback gives its
    line): not escaped, as Markdown is not HTML; undefined says how an unknown value fails."""
    loader = jinja2.FunctionLoader(lambda _name: (source, _name, lambda: True))
    environment = jinja2.Environment(loader=loader, undefined=undefined, bytecode_cache=bytecode_cache,
                                     keep_trailing_newline=True, autoescape=False, optimized=False)
    environment.globals.update(functions)
    return environment.get_template(name)


def html(text) -> markupsafe.Markup:
    """Text that is already HTML (a card's answer, a label with <sub>), to put in a template as is."""
    return markupsafe.Markup(text)
