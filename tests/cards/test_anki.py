"""The Anki export, checked the way Anki reads it: a zip holding a SQLite collection."""

import contextlib
import io
import json
import re
import sqlite3
import subprocess
import sys
import zipfile

import genanki
import pytest

from readback import letters, words

from studykit import PROJECT_ROOT
from studykit.cards import anki
from studykit.cards.anki import DECK_ID, MODEL_ID
from studykit.core import identity
from studykit.core.output import write_atomic as write_apkg
from studykit.cards.cardfile import Card, read_cards as load_cards

REAL_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
LESSON = identity.read_identity()


def render_apkg(cards, **options):
    """The lesson's Anki package of these cards."""
    return anki.render_apkg(cards, LESSON, **options)
# genanki warns when a field looks like unescaped HTML; here that is a bug, not a warning.
pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def cards():
    return load_cards(REAL_CARDS)


@pytest.fixture(scope="module")
def real_package(cards):
    return render_apkg(cards, source_date_epoch=1704067200)


@contextlib.contextmanager
def _collection(apkg, tmp_path):
    """Open the package's collection.anki2 with sqlite3, as Anki does after unzipping it."""
    path = tmp_path / "collection.anki2"
    with zipfile.ZipFile(io.BytesIO(apkg)) as package:
        path.write_bytes(package.read("collection.anki2"))
    with contextlib.closing(sqlite3.connect(path)) as connection:
        yield connection


def _notes(apkg, tmp_path):
    """Return (guid, question field, answer field) per note, in note-id order."""
    with _collection(apkg, tmp_path) as connection:
        rows = connection.execute("SELECT guid, flds FROM notes ORDER BY id").fetchall()
    return [(guid, *fields.split("\x1f")) for guid, fields in rows]


def _plain_words(markdown_text):
    """A card side's words outside its formulas: what must show up as text in the field."""
    return words(re.sub(r"\$[^$]+\$", "", markdown_text))


def _card(number, question="Question?", answer="Answer."):
    return Card(id=f"card-{number}", question=question, answer=answer, position=number)


def test_real_deck_exports_one_note_per_card_in_order(cards, real_package, tmp_path):
    notes = _notes(real_package, tmp_path)
    assert len(notes) == len(cards)
    for card, (guid, question, answer) in zip(cards, notes):
        assert guid == genanki.guid_for(card.id)
        assert all(word in letters(question) for word in _plain_words(card.question))
        assert all(word in letters(answer) for word in _plain_words(card.answer))
    assert "<strong>ascent</strong>" in dict(zip([c.id for c in cards], notes))["gradient-direction"][2]


def test_math_stays_latex_for_ankis_mathjax(cards, real_package, tmp_path):
    notes = dict(zip([card.id for card in cards], _notes(real_package, tmp_path)))
    answer = notes["svm-loss"][2]
    assert r"\(L_i = \sum_{j \neq y}" in answer
    assert "<math" not in answer and "<svg" not in answer and "arithmatex" not in answer
    assert r"\(\lambda \sum W^2\)" in notes["regularization"][1]
    assert not any("<math" in field or "<svg" in field or "$" in field
                   for note in notes.values() for field in note[1:])


def test_display_math_becomes_bracket_latex(tmp_path):
    card = _card(1, answer="$$\nx < \\frac{1}{2}\n$$")
    (_, _, answer), = _notes(render_apkg([card]), tmp_path)
    assert answer.startswith(r"\[") and answer.endswith(r"\]")
    assert r"x &lt; \frac{1}{2}" in answer


def test_deck_and_note_type_have_fixed_ids_and_the_deck_title(real_package, tmp_path):
    with _collection(real_package, tmp_path) as connection:
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        models = json.loads(connection.execute("SELECT models FROM col").fetchone()[0])
        note_types = {row[0] for row in connection.execute("SELECT mid FROM notes")}
        card_decks = {row[0] for row in connection.execute("SELECT did FROM cards")}
    assert decks[str(DECK_ID)]["name"] == LESSON.deck_title
    assert note_types == {MODEL_ID} and card_decks == {DECK_ID}
    model = models[str(MODEL_ID)]
    assert [field["name"] for field in model["flds"]] == ["Question", "Answer"]
    template, = model["tmpls"]
    assert template["qfmt"] == "{{Question}}"
    assert template["afmt"] == "{{FrontSide}}<hr id=answer>{{Answer}}"
    assert ".nightMode" in model["css"] and ".night_mode" in model["css"]


def test_same_epoch_gives_identical_bytes(cards, real_package):
    assert render_apkg(cards, source_date_epoch=1704067200) == real_package


def test_same_epoch_gives_identical_bytes_in_another_process_via_the_environment(real_package):
    script = ("import sys; from studykit.core import identity; from studykit.cards.anki import render_apkg; "
              "from studykit.cards.cardfile import read_cards; "
              f"sys.stdout.buffer.write(render_apkg(read_cards({str(REAL_CARDS)!r}), identity.read_identity()))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120, check=True,
                            env={"SOURCE_DATE_EPOCH": "1704067200"})
    assert result.stdout == real_package


def test_other_epoch_changes_the_zip_dates(cards, real_package):
    other = render_apkg(cards, source_date_epoch=1767225600)  # 2026-01-01
    assert other != real_package
    with zipfile.ZipFile(io.BytesIO(real_package)) as first, zipfile.ZipFile(io.BytesIO(other)) as second:
        assert [entry.filename for entry in first.infolist()] == ["collection.anki2", "media"]
        assert {entry.date_time for entry in first.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        assert {entry.date_time for entry in second.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert second.read("media") == b"{}"


def test_environment_epoch_is_used_without_an_argument(cards, real_package, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")
    assert render_apkg(cards) == real_package


@pytest.mark.parametrize("epoch", ["yesterday", -1, 1.5e400, 4354819200])
def test_bad_epoch_is_refused(cards, epoch):
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        render_apkg(cards, source_date_epoch=epoch)


def test_script_in_card_text_stays_literal(tmp_path):
    card = _card(1, question="What does <script>alert(1)</script> do?", answer="<b>not bold</b> & $a < b$")
    (_, question, answer), = _notes(render_apkg([card]), tmp_path)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in question
    assert "<script" not in question and "<b>" not in answer
    assert r"&lt;b&gt;not bold&lt;/b&gt; &amp; \(a &lt; b\)" in answer


def test_ten_cards_give_ten_notes(tmp_path):
    cards = [_card(number, question=f"Question {number}?") for number in range(1, 11)]
    notes = _notes(render_apkg(cards), tmp_path)
    assert [guid for guid, _, _ in notes] == [genanki.guid_for(card.id) for card in cards]
    assert [question for _, question, _ in notes] == [f"<p>Question {number}?</p>" for number in range(1, 11)]


def test_empty_deck_is_refused():
    with pytest.raises(ValueError, match="at least one card"):
        render_apkg([])


def test_write_apkg_writes_the_bytes_atomically(real_package, tmp_path):
    out = tmp_path / "deck.apkg"
    out.write_bytes(b"old")
    assert write_apkg(real_package, out) == out
    assert out.read_bytes() == real_package
    assert [path.name for path in tmp_path.iterdir()] == ["deck.apkg"]  # no temporary file left behind
