"""The deck cache: an unchanged deck is reused, any change to its inputs renders it again."""

from studykit.cards.cardfile import Card
from studykit.cards.downloads import cards_key, deck_entry
from studykit.core.identity import Identity
from studykit.core.cache import from_cache

CARD = Card(id="one", question="Q?", answer="A.", position=1)
LESSON = Identity(title="Practice: One", deck_title="One card", slug="one")


def _counting_render():
    calls = []

    def render(cards, lesson, **options):
        calls.append((cards, lesson, options))
        return f"PDF {len(calls)}".encode()

    return render, calls


def cached_deck(cards, lesson, cache_dir, render, **options):
    """The deck as a build gets it: its cache entry's bytes, else render(...) stored there."""
    return from_cache(deck_entry(cards, lesson, cache_dir, **options), lambda: render(cards, lesson, **options))


def test_an_unchanged_deck_is_rendered_once(tmp_path):
    render, calls = _counting_render()
    first = cached_deck([CARD], LESSON, tmp_path, render)
    assert cached_deck([CARD], LESSON, tmp_path, render) == first
    assert len(calls) == 1


def test_a_changed_card_option_or_date_renders_again(tmp_path, monkeypatch):
    render, calls = _counting_render()
    cached_deck([CARD], LESSON, tmp_path, render)
    cached_deck([Card(id="one", question="Q?", answer="B.", position=1)], LESSON, tmp_path, render)
    cached_deck([CARD], LESSON, tmp_path, render, size="a4")
    cached_deck([CARD], Identity("Practice: One", "Renamed deck", "one"), tmp_path, render)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    cached_deck([CARD], LESSON, tmp_path, render)
    assert len(calls) == 5
    assert len(list(tmp_path.glob("*.pdf"))) == 1  # only the newest deck is kept


def test_the_card_downloads_key_follows_the_cards_the_identity_and_the_date(monkeypatch):
    key = cards_key([CARD], LESSON)
    assert cards_key([Card(id="one", question="Q?", answer="A.", position=1)], LESSON) == key
    others = {cards_key([Card(id="one", question="Q?", answer="B.", position=1)], LESSON),
              cards_key([Card(id="two", question="Q?", answer="A.", position=1)], LESSON),
              cards_key([CARD], Identity("Practice: One", "Renamed deck", "one"))}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # the Anki package's notes are dated
    others.add(cards_key([CARD], LESSON))
    assert key not in others and len(others) == 4
