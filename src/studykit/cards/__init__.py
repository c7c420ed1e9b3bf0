"""Flashcards: the card file, the page's grid and study mode, the PDF deck, Anki and text exports."""
