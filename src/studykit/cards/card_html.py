"""One card side's Markdown as safe HTML: text escaped, dangerous links dropped, math typeset."""

import html
import re
from urllib.parse import urlsplit

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from studykit.core import formulas, markdown
from studykit.core.errors import LessonDataError

# Math and code spans are left as typed: arithmatex and Markdown escape their insides themselves.
# The math patterns follow pymdownx.arithmatex (smart dollars, \(..\), \[..\], $$..$$, \begin{env}).
_VERBATIM = re.compile(
    r"(`+).+?\1"
    r"|\$\$(?:\\.|[^\\])+?\$\$"
    r"|\\\[(?:\\[^\]]|[^\\])+?\\\]"
    r"|\\begin\{([a-z]+\*?)\}(?:\\.|[^\\])+?\\end\{\2\}"
    r"|(?<!\\)\$(?!\s)(?:\\.|[^\\$])+?(?<!\s)\$"
    r"|\\\((?:\\[^)]|[^\\])+?\\\)",
    re.S,
)
_SAFE_LINK_SCHEMES = ("", "http", "https", "mailto")


def _escape_text(text):
    """Escape & < > outside math and code spans, so card text can never inject HTML."""
    pieces, start = [], 0
    for match in _VERBATIM.finditer(text):
        pieces += [html.escape(text[start:match.start()], quote=False), match[0]]
        start = match.end()
    return "".join(pieces) + html.escape(text[start:], quote=False)


class CardError(LessonDataError):
    """A card that cannot be used; the message names the file, the card and the field."""


class _SafeLinks(Treeprocessor):
    """Drop link targets whose scheme could run script (javascript:, data:, vbscript:)."""

    def run(self, root):
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).scheme.lower() not in _SAFE_LINK_SCHEMES:
                del link.attrib["href"]


class _SafeText(Extension):
    """Second line of defence behind _escape_text: raw HTML is never passed through, even if a stray
    dollar sign makes our idea of "math" differ from arithmatex's; nor are unsafe link targets."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "lesson_safe_links", 0)


_EXTENSIONS = (*markdown.TEXT_EXTENSIONS, _SafeText())


def card_markdown_html(text: str) -> str:
    """Render one card side's Markdown to escaped HTML, math left as LaTeX in arithmatex spans and divs."""
    return markdown.to_html(_escape_text(text), _EXTENSIONS)


def side_html(card, field, formula) -> str:
    """One card side as HTML, each formula replaced by formula(match) (groups of formulas.ARITHMATEX)."""
    rendered = formulas.ARITHMATEX.sub(formula, card_markdown_html(getattr(card, field))).strip()
    if 'class="arithmatex"' in rendered:  # a wrapper shape we do not know would show up as raw markup
        raise CardError(f"card {card.position} ({card.id!r}): field {field!r}: unrecognized math markup")
    return rendered


def card_html(text: str, target: str) -> str:
    """Render one card side's Markdown to HTML, with math typeset for "mathml" or "svg"."""
    if target not in formulas.TARGETS:
        raise ValueError(f"unknown math target {target!r}; expected one of {formulas.TARGETS}")
    return formulas.typeset(card_markdown_html(text), target)
