"""Read a built page as a learner sees it: its text, with each formula read as its text equivalent."""

import re
import unicodedata
from html.parser import HTMLParser

_SKIP = {"script", "style", "svg"}
_DROPPED_WORDS = re.compile(r"\b(over|of)\b")  # the seed spells Σ_{j≠y} as "Σ over j ≠ y of"


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
                self.parts.append(f" {attrs.get('alttext', '')} ")
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
    """The article's text, formulas replaced by their text equivalents."""
    parser = _ArticleText()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def normalize(text):
    """Letters and digits only, lowercase, so layout, math spacing and quotes don't matter."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^a-z0-9]", "", _DROPPED_WORDS.sub("", text))
