"""Render the printable flashcard deck: python scripts/render_deck.py -o deck.pdf [--size a6] [--duplex]."""

import sys

from studykit.cards.deck import main

if __name__ == "__main__":
    sys.exit(main())
