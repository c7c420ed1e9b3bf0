"""Page Markdown as a Jinja template: computed values, and the sentences that state them, filled in."""

import dataclasses
import functools
import re

import jinja2

from studykit.core import fmt, templates
from studykit.core.errors import LessonDataError


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it


class PageError(LessonDataError):
    """A page that cannot be filled in; the message names the page, the line and the value or sentence."""


class _Node(dict):
    """A mapping of values that knows its dotted name, so a missing key can be named in full."""

    def __init__(self, path, items):
        super().__init__({key: _wrap(f"{path}.{key}", value) for key, value in items.items()})
        self.path = path


class _Items(list):
    """A list of values that knows its dotted name, so a missing index can be named in full."""

    def __init__(self, path, items):
        super().__init__(_wrap(f"{path}.{index}", value) for index, value in enumerate(items))
        self.path = path


def _wrap(path, value):
    """Wrap nested mappings and lists so that each knows its own dotted name."""
    if isinstance(value, dict):
        return _Node(path, value)
    return _Items(path, value) if isinstance(value, list) else value


class _Unknown(jinja2.StrictUndefined):
    """A value no exercise computes: any use of it stops the build, naming it in full."""

    _undefined_exception = PageError

    @property
    def _undefined_message(self):
        parent = self._undefined_obj
        named = isinstance(parent, (_Node, _Items))
        name = f"{parent.path}.{self._undefined_name}" if named else self._undefined_name
        return f"unknown value '{name}'"


class _Failed(jinja2.StrictUndefined):
    """A value whose exercise failed to compute: using it stops the build with the reason."""

    def __init__(self, path, error):
        super().__init__(name=path)
        self._path, self._error = path, error

    def __getattr__(self, name):
        if isinstance(name, str) and name.startswith("__"):
            raise AttributeError(name)
        return _Failed(f"{self._path}.{name}", self._error)

    __getitem__ = __getattr__
    _undefined_exception = PageError

    @property
    def _undefined_message(self):
        return f"'{self._path}' could not be computed: {self._error}"


def failed(prefix, error):
    """The stand-in for an exercise whose values could not be computed."""
    return _Failed(prefix, error)


def _require(condition, sentence):
    """Nothing when condition holds; else stop the build, naming the sentence these inputs make false."""
    if not condition:
        raise PageError(f"the inputs make this sentence false: “{sentence}”")
    return ""


def lesson_values(identity, cards) -> dict:
    """The values every page may use besides the exercises': the lesson's identity, the card count."""
    return {"lesson": dataclasses.asdict(identity), "cards": {"count": len(cards), "words": fmt.words(len(cards))}}


def body_of(source) -> tuple[str, int]:
    """A page's Markdown after its front matter, and the line of the file it starts on (as MkDocs)."""
    match = _FRONT_MATTER.match(source)
    body = source[match.end():].lstrip("\n") if match else source
    return body, source[:len(source) - len(body)].count("\n") + 1


def fill(source, context, page, first_line=1, bytecode_cache=None) -> str:
    """Fill a page's Markdown with the context's values; PageError names the page and the line.

    first_line is the line of the page file that source starts on (after its front matter);
    bytecode_cache (a jinja2.BytecodeCache) keeps the compiled page between builds.
    """
    return filler(source, page, first_line, bytecode_cache)(context)


def filler(source, page, first_line=1, bytecode_cache=None):
    """fill, compiled once: a function of (context, name=page) for filling source again and again.

    Errors name `name`, so that each filling (a variant of an exercise) can be told apart.
    """
    try:
        template = _compiled(source, page, bytecode_cache)
    except jinja2.TemplateSyntaxError as error:
        raise PageError(f"{page}: line {error.lineno + first_line - 1}: {error.message}") from error

    def _fill(context, name=page):
        try:
            return template.render({key: _wrap(key, value) for key, value in context.items()})
        except (PageError, jinja2.UndefinedError) as error:
            line = _template_line(error, page)
            raise PageError(f"{name}: line {line + first_line - 1 if line else '?'}: {error}") from error

    return _fill


@functools.lru_cache(maxsize=64)
def _compiled(source, page, bytecode_cache):
    """source compiled as the template `page`, once: the page and its worksheet fill the same text."""
    return templates.markdown_template(source, page, _Unknown, bytecode_cache, require=_require)


def _template_line(error, page):
    """The template line that was being filled when error was raised (Jinja maps frames to lines)."""
    line, trace = None, error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == page:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
