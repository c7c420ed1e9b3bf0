"""The Anki, CSV and Quizlet downloads, read back the way each app reads them."""

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import genanki
import pytest
import yaml

from studykit.core import identity
from studykit.cards.cardfile import read_cards as load_cards
from studykit.cards.exports import FORMATS, anki_tsv, cards_csv, main, quizlet_txt
from studykit.core.latex_text import latex_to_text

REAL_CARDS = Path(__file__).resolve().parents[2] / "docs" / "data" / "flashcards.yml"
LESSON = identity.read_identity()
DECK_TITLE = LESSON.deck_title
# Header lines as the Anki manual's "File Headers" table spells them; separator first, since
# #columns is split with the separator set before it.
ANKI_HEADERS = ["#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{DECK_TITLE}",
                "#columns:Front\tBack\tGUID", "#guid column:3"]
# One card holding a tab, double quotes and a new line on each side, and a formula with "<".
TRICKY_YAML = r'''
- id: tricky
  question: "Say \"hi\"\tthen\nstop"
  answer: "A tab\there, a \"quote\" and\na new line with $a < b$"
'''


@pytest.fixture(scope="module")
def cards():
    return load_cards(REAL_CARDS)


@pytest.fixture(scope="module")
def raw_cards():
    """The card file as plain YAML, read without the code under test: for counts, ids and texts."""
    return yaml.safe_load(REAL_CARDS.read_text(encoding="utf-8"))


@pytest.fixture
def tricky(tmp_path):
    path = tmp_path / "tricky.yml"
    path.write_text(TRICKY_YAML, encoding="utf-8")
    return load_cards(path)


def _anki_records(text):
    """Parse an Anki text import as Anki's reader does: # lines are comments, tab-separated fields,
    a field in double quotes may hold tabs and new lines, and "" inside it is one quote."""
    records, index = [], 0
    while index < len(text):
        if text[index] == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end + 1
            continue
        record = []
        while True:
            if text[index] == '"':
                pieces, index = [], index + 1
                while True:
                    close = text.index('"', index)
                    pieces.append(text[index:close])
                    if text.startswith('""', close):
                        pieces.append('"')
                        index = close + 2
                    else:
                        index = close + 1
                        break
                record.append("".join(pieces))
            else:
                field = re.compile(r"[^\t\r\n]*").match(text, index)
                record.append(field[0])
                index = field.end()
            if text[index] != "\t":
                break
            index += 1
        assert text[index] == "\n", f"record ends with {text[index]!r}"
        records.append(record)
        index += 1
    return records


def _anki_body(text):
    """The text after the header lines, for Python's csv module, which knows no comments."""
    headers = re.match(r"(?:#[^\n]*\n)*", text)[0]
    return text[len(headers):]


def _quizlet_pairs(text):
    """Split a Quizlet import as Quizlet does: a line per card, a tab between term and definition."""
    assert text.endswith("\n")
    return [tuple(line.split("\t")) for line in text[:-1].split("\n")]


def _readable(markdown_text):
    """A card side as Quizlet should show it, from the Markdown by hand: formulas as Unicode text,
    **bold** as its words, a link as its text and address, white space folded."""
    text = re.sub(r"\$(.+?)\$", lambda match: latex_to_text(match[1]), markdown_text)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"\[(.+?)\]\((.+?)\)", r"\1 (\2)", text)
    return " ".join(text.split())


def test_anki_file_starts_with_the_documented_headers(cards):
    text = anki_tsv(cards, DECK_TITLE)
    assert text.split("\n")[:len(ANKI_HEADERS)] == ANKI_HEADERS


def test_anki_file_has_one_line_per_card_with_the_apkg_guids(cards, raw_cards):
    lines = anki_tsv(cards, DECK_TITLE).split("\n")
    assert lines[-1] == ""
    body = lines[len(ANKI_HEADERS):-1]
    assert len(body) == len(raw_cards)
    guids = [line.split("\t")[2] for line in body]
    # The stable id, hashed as the .apkg hashes it: both downloads are the same Anki notes.
    assert guids == [genanki.guid_for(item["id"]) for item in raw_cards]
    assert len(set(guids)) == len(guids)


def test_anki_fields_are_html_with_latex_for_mathjax(cards):
    records = {guid: (front, back) for front, back, guid in _anki_records(anki_tsv(cards, DECK_TITLE))}
    front, back = records[genanki.guid_for("svm-loss")]
    assert front == "<p>Multiclass SVM loss formula?</p>"
    assert back.startswith(r"<p>\(L_i = \sum_{j \neq y} \max(0,\ s_j - s_y + 1)\). Wrong classes")
    assert "<strong>ascent</strong>" in records[genanki.guid_for("gradient-direction")][1]
    fields = [field for pair in records.values() for field in pair]
    assert not any("$" in field or "arithmatex" in field or "<math" in field for field in fields)


def test_anki_file_round_trips_tab_quote_and_new_line(tricky):
    text = anki_tsv(tricky, DECK_TITLE)
    # Markdown turns the tab into spaces up to the next multiple of 4; the quote and new line stay.
    expected = [['<p>Say "hi"    then\nstop</p>',
                 '<p>A tab   here, a "quote" and\na new line with \\(a &lt; b\\)</p>',
                 genanki.guid_for("tricky")]]
    assert _anki_records(text) == expected
    assert list(csv.reader(io.StringIO(_anki_body(text), newline=""), delimiter="\t")) == expected
    assert '"<p>Say ""hi""    then\nstop</p>"' in text


def test_csv_has_a_header_row_and_round_trips_the_card_texts(cards, raw_cards, tricky):
    text = cards_csv([*cards, *tricky])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["id", "question", "answer"]
    expected = [[item["id"], item["question"], item["answer"]] for item in raw_cards]
    expected.append(["tricky", 'Say "hi"\tthen\nstop', 'A tab\there, a "quote" and\na new line with $a < b$'])
    assert rows[1:] == expected
    # RFC 4180: CRLF after every record; the new lines inside the quoted texts stay as typed.
    assert text.endswith("\r\n") and text.count("\r\n") == len(expected) + 1
    assert "$L_i = \\sum_{j \\neq y}" in text


def test_quizlet_file_has_one_tab_per_line_and_readable_formulas(cards, raw_cards):
    text = quizlet_txt(cards)
    lines = text[:-1].split("\n")
    assert len(lines) == len(raw_cards)
    assert all(line.count("\t") == 1 for line in lines)
    pairs = dict(_quizlet_pairs(text))
    assert pairs["Multiclass SVM loss formula?"].startswith("L_i = Σ_{j ≠ y} max(0, s_j − s_y + 1)")
    assert "$" not in text and "\\" not in text and "<" not in text
    assert _quizlet_pairs(text) == [(_readable(item["question"]), _readable(item["answer"])) for item in raw_cards]


def test_quizlet_file_folds_tab_quote_and_new_line(tricky):
    assert _quizlet_pairs(quizlet_txt(tricky)) == [
        ('Say "hi" then stop', 'A tab here, a "quote" and a new line with a < b')]


def test_every_export_is_reproducible(cards):
    again = load_cards(REAL_CARDS)
    for export in FORMATS:
        assert export.render(cards, LESSON).encode("utf-8") == export.render(again, LESSON).encode("utf-8")


def test_formats_have_distinct_telling_names_and_one_line_purposes():
    names = [export.file_name(LESSON) for export in FORMATS]
    stem = f"{LESSON.slug}-flashcards"
    assert names == [f"{stem}-anki.txt", f"{stem}.csv", f"{stem}-quizlet.txt"]
    assert [export.media_type.split(";")[0] for export in FORMATS] == [
        "text/tab-separated-values", "text/csv", "text/plain"]
    for export, app in zip(FORMATS, ("Anki", "spreadsheets", "Quizlet")):
        assert app in export.purpose and "\n" not in export.purpose and len(export.purpose) < 100


def test_command_line_writes_three_byte_identical_files(tmp_path, cards, raw_cards, capsys):
    assert main([str(tmp_path / "one")]) == 0
    assert f"({len(raw_cards)} cards)" in capsys.readouterr().out
    completed = subprocess.run([sys.executable, "-m", "studykit.cards.exports", str(tmp_path / "two")],
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    for export in FORMATS:
        first = (tmp_path / "one" / export.file_name(LESSON)).read_bytes()
        assert first == (tmp_path / "two" / export.file_name(LESSON)).read_bytes()
        assert first == export.render(cards, LESSON).encode("utf-8")
    assert sorted(path.name for path in (tmp_path / "one").iterdir()) == sorted(e.file_name(LESSON) for e in FORMATS)


def test_command_line_refuses_bad_cards_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text("- id: broken\n  question: Where is the answer?\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(out), "--cards", str(bad)]) == 1
    error = capsys.readouterr().err
    assert str(bad) in error and "'broken'" in error and "'answer'" in error
    assert not out.exists() or not any(out.iterdir())
