"""Read a built page as a learner sees it: its text, with each formula read as its text equivalent."""

import re
from html import unescape
from html.parser import HTMLParser

from readback import plain

_SKIP = {"script", "style", "svg", "template"}


class _ArticleText(HTMLParser):
    """Collect the text of <article>, reading each <math> as its alttext."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._depth, self._skip, self._math = [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._depth += 1
        if not self._depth:
            return
        if tag == "math":
            self._math += 1
            if self._math == 1:
                self.parts.append(attrs.get('alttext', ''))
        elif tag in _SKIP:
            self._skip += 1

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "article":
            self._depth -= 1
        elif tag == "math":
            self._math -= 1
        elif tag in _SKIP:
            self._skip -= 1

    def handle_data(self, data):
        if self._depth and not self._skip and not self._math:
            self.parts.append(data)


def article_text(html):
    """The article's text, formulas replaced by their text equivalents, normalised by readback.plain."""
    parser = _ArticleText()
    parser.feed(html)
    return plain("".join(parser.parts))


def formula_texts(html):
    """The text equivalent of every formula on a page, in order, joined by spaces (plain minus)."""
    return plain(" ".join(unescape(text) for text in re.findall(r'<math\b[^>]*\balttext="([^"]*)"', html)))
