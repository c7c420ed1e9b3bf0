"""Text read back from a page, a printed PDF or the deck, normalised once for every test.

Fonts differ between machines: a PDF may hold ligatures (U+FB01 "fi") or mathematical italic letters,
a page typographic minus signs, curly quotes and soft hyphens, and the layout breaks lines anywhere.
"""

import re
import unicodedata

import pypdf

_SAME_AS = str.maketrans({
    "\u2212": "-", "\u2010": "-", "\u2011": "-",  # minus sign, hyphen, non-breaking hyphen
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',  # curly quotes
    "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,  # invisible: soft hyphen, joiners
})


def plain(text: str) -> str:
    """NFKC (ligatures, math letters), plain minus and quotes, no soft hyphens, one space per break."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_SAME_AS).split())


def letters(text: str) -> str:
    """Only the lowercase letters and digits of text: layout, spacing and punctuation don't matter."""
    return re.sub(r"[^a-z0-9]", "", plain(text).lower())


def words(text: str, shortest: int = 4) -> list[str]:
    """The lowercase words of text that have at least `shortest` letters."""
    return re.findall(rf"\b[a-z]{{{shortest},}}\b", plain(text).lower())


def alt_texts(reader) -> list[str]:
    """The /Alt texts of a tagged PDF's structure tree, in order: each formula's drawing says itself here."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
