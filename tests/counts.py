"""How many cards, exercises and self-check questions the lesson has, read from its sources."""

import re

import yaml

from builds import ROOT

_DATA = ROOT / "docs" / "data"
_PAGE = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")

CARD_IDS = [card["id"] for card in yaml.safe_load((_DATA / "flashcards.yml").read_text("utf-8"))]
CARDS = len(CARD_IDS)
EXERCISES = sum(name.startswith("part_") for name in
                yaml.safe_load((_DATA / "exercises.yml").read_text("utf-8")))
SELF_CHECKS = len(re.findall(r'^\?\?\? success "Show answer"', _PAGE, re.M))
COLLAPSIBLES = SELF_CHECKS + EXERCISES + CARDS  # every <details> on the practice page
# How the page writes the count, from a table of the tests' own.
_IN_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen twenty").split()


def in_words(count):
    """A count as the page writes it: in words up to twenty, else in digits."""
    return _IN_WORDS[count] if count < len(_IN_WORDS) else str(count)


CARDS_IN_WORDS = in_words(CARDS)
