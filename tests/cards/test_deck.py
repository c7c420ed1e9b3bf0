"""The printable PDF deck, checked the way a reader, a printer and a build server see it."""

import io
import logging
import re
import subprocess
import sys

import pypdf
import pytest
import yaml

from readback import alt_texts, letters, plain

from studykit import PROJECT_ROOT
from studykit.cards import deck
from studykit.core import formulas, identity, pdf
from studykit.cards.cardfile import Card, read_cards as load_cards
from studykit.cards.deck import main
from studykit.core.output import write_atomic as write_deck
from studykit.core.pdf import FetchRefused, ProjectURLFetcher

REAL_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
LESSON = identity.read_identity()
PAGE_SIZES = {"a6": (419.53, 297.64), "a4": (595.28, 841.89), "letter": (612.0, 792.0), "index": (360.0, 216.0)}


@pytest.fixture(scope="module")
def cards():
    return load_cards(REAL_CARDS)


@pytest.fixture(scope="module")
def a6_deck(cards):
    return pypdf.PdfReader(io.BytesIO(render_deck(cards)))


@pytest.fixture(scope="module")
def duplex_deck(cards):
    return pypdf.PdfReader(io.BytesIO(render_deck(cards, duplex=True)))


def render_deck(cards, **options):
    """The lesson's deck of these cards."""
    return deck.render_deck(cards, LESSON, **options)


def _visible_text(markdown_text):
    """What a reader sees of a card side, minus the formulas (drawn as vector paths, not text)."""
    text = re.sub(r"\$[^$]+\$", "", markdown_text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return letters(text.replace("**", ""))


def _footer(number, total):
    return letters(f"{LESSON.deck_title} · {number} / {total}")


def test_one_page_per_card_with_question_above_answer_and_card_number(cards, a6_deck):
    assert len(a6_deck.pages) == len(cards)
    for number, (card, page) in enumerate(zip(cards, a6_deck.pages), start=1):
        text = letters(page.extract_text())
        question, answer = _visible_text(card.question), _visible_text(card.answer)
        assert question in text and answer in text
        assert text.index(question) < text.index(answer)
        assert _footer(number, len(cards)) in text


def test_duplex_puts_questions_on_odd_pages_and_answers_on_even_pages(cards, duplex_deck):
    assert len(duplex_deck.pages) == 2 * len(cards)
    for number, card in enumerate(cards, start=1):
        front = letters(duplex_deck.pages[2 * number - 2].extract_text())
        back = letters(duplex_deck.pages[2 * number - 1].extract_text())
        assert _visible_text(card.question) in front and _visible_text(card.answer) not in front
        assert _visible_text(card.answer) in back and _visible_text(card.question) not in back
        assert _footer(number, len(cards)) in front and _footer(number, len(cards)) in back


def test_duplex_pages_are_identical_in_size_so_backs_land_behind_fronts(duplex_deck):
    assert {tuple(page.mediabox) for page in duplex_deck.pages} == {tuple(duplex_deck.pages[0].mediabox)}
    assert {tuple(page.trimbox) for page in duplex_deck.pages} == {tuple(duplex_deck.pages[0].trimbox)}


@pytest.mark.parametrize("duplex", [False, True])
@pytest.mark.parametrize("size", PAGE_SIZES)
def test_page_size_is_the_one_asked_for(cards, size, duplex):
    reader = pypdf.PdfReader(io.BytesIO(render_deck(cards[:2], size=size, duplex=duplex)))
    width, height = PAGE_SIZES[size]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.05)


def test_metadata_title_language_subject_and_dates(cards):
    reader = pypdf.PdfReader(io.BytesIO(render_deck(cards, source_date_epoch=1700000000)))
    assert reader.metadata.title == LESSON.deck_title
    assert reader.metadata.subject == f"{len(cards)} flashcards for the lesson {LESSON.title}"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20231114221320Z"


def _font_descriptors(reader):
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            yield font["/BaseFont"], font["/FontDescriptor"].get_object()


def test_every_font_is_embedded(a6_deck):
    fonts = list(_font_descriptors(a6_deck))
    assert fonts
    for name, descriptor in fonts:
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def _curves(page):
    return len(re.findall(rb"\sc\n", page.get_contents().get_data()))


def test_formulas_are_vector_paths_not_leftover_latex(a6_deck):
    text = plain(" ".join(page.extract_text() for page in a6_deck.pages))
    for leftover in ("$", "\\sum", "\\lambda", "\\(", "\\[", "arithmatex"):
        assert leftover not in text
    # Card 1 has no formula; card 2's SVM loss adds its glyph outlines as curves.
    assert _curves(a6_deck.pages[1]) > _curves(a6_deck.pages[0]) + 100


def test_formulas_carry_their_text_equivalent_as_alt_text(a6_deck):
    alternates = alt_texts(a6_deck)
    assert "L_i = Σ_{j ≠ y} max(0, s_j − s_y + 1)" in alternates
    assert "W ← W − α ∇L" in alternates


@pytest.mark.parametrize("duplex", [False, True])
@pytest.mark.parametrize("size", PAGE_SIZES)
def test_weasyprint_logs_no_warnings(cards, caplog, size, duplex):
    pdf._parsed_stylesheet.cache_clear()  # so warnings logged while parsing the stylesheet are seen too
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_deck(cards, size=size, duplex=duplex)
    assert [record.getMessage() for record in caplog.records] == []


def test_same_source_date_epoch_gives_byte_identical_pdfs(cards, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = render_deck(cards), render_deck(cards)
    assert first == second
    assert render_deck(cards, source_date_epoch=1700000000) == first
    assert render_deck(cards, source_date_epoch=1800000000) != first


def test_fetcher_refuses_the_network_and_files_outside_the_project():
    fetcher = ProjectURLFetcher()
    for url in ("https://example.com/logo.png", "http://127.0.0.1/x.css", "ftp://example.com/x",
                "file:///etc/passwd", f"file://{PROJECT_ROOT}/../../etc/passwd", "file://otherhost/etc/passwd"):
        with pytest.raises(FetchRefused) as caught:
            fetcher.fetch(url)
        assert url in str(caught.value)


def test_fetcher_allows_project_files_and_data_urls():
    fetcher = ProjectURLFetcher()
    inside = (deck.TEMPLATES / "deck.css").as_uri()
    assert b"@page" in fetcher.fetch(inside).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_an_image_on_the_network_stops_the_render_with_fetch_refused():
    card = Card(id="remote", question="Look: ![logo](https://example.com/logo.png)", answer="x", position=1)
    with pytest.raises(FetchRefused, match="https://example.com/logo.png"):
        render_deck([card])


def test_one_more_card_gives_one_more_page(tmp_path):
    items = yaml.safe_load(REAL_CARDS.read_text(encoding="utf-8"))
    items.append({"id": "extra", "question": "One more?", "answer": "Yes: one more card."})
    path = tmp_path / "more.yml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    total = len(items)
    reader = pypdf.PdfReader(io.BytesIO(render_deck(load_cards(path))))
    assert len(reader.pages) == total
    assert _footer(total, total) in letters(reader.pages[-1].extract_text())
    assert reader.metadata.subject.startswith(f"{total} flashcards")


def test_cli_without_arguments_prints_usage_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_cli_writes_the_requested_layout(cards, tmp_path, capsys):
    out = tmp_path / "deck.pdf"
    assert main(["--size", "index", "--duplex", "-o", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 2 * len(cards)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(360.0, abs=0.05)
    assert [path.name for path in tmp_path.iterdir()] == ["deck.pdf"]


def test_cli_script_runs_from_the_project_root(cards, tmp_path):
    out = tmp_path / "deck.pdf"
    completed = subprocess.run([sys.executable, "scripts/render_deck.py", "--size", "letter", "-o", str(out)],
                               cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == len(cards)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(792.0, abs=0.05)


@pytest.mark.parametrize(("content", "expected"), [
    ("- id: a\n  question: q\n  answer: '  '\n", ["card 1 ('a')", "field 'answer'", "empty"]),
    ("- id: a\n  question: q\n  answer: $\\frac{a}$\n", ["card 1 ('a')", "field 'answer'", "\\\\frac{a}"]),
])
def test_cli_with_bad_cards_exits_1_with_the_message_and_writes_nothing(tmp_path, capsys, content, expected):
    bad, out = tmp_path / "bad.yml", tmp_path / "deck.pdf"
    bad.write_text(content, encoding="utf-8")
    assert main(["--cards", str(bad), "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert str(bad) in error
    for fragment in expected:
        assert fragment in error
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.yml"]


def test_cli_reports_an_unwritable_output_and_exits_1(tmp_path, capsys):
    out = tmp_path / "missing-folder" / "deck.pdf"
    assert main(["-o", str(out)]) == 1
    assert f"cannot write {out}" in capsys.readouterr().err


def test_a_bad_source_date_epoch_is_refused(cards, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH.*yesterday"):
        render_deck(cards)


def test_write_deck_never_leaves_a_half_written_file(tmp_path):
    out = tmp_path / "deck.pdf"
    write_deck(b"%PDF-old", out)
    with pytest.raises(TypeError):
        write_deck("not bytes", out)
    assert out.read_bytes() == b"%PDF-old"
    assert [path.name for path in tmp_path.iterdir()] == ["deck.pdf"]


def _pixels(pdf, folder, name):
    """Each page of a PDF as greyscale pixels, rendered by poppler at 50 dpi."""
    from PIL import Image

    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(folder / f"{name}.pdf"), str(folder / name)],
                   check=True)
    return [Image.open(path).convert("L") for path in sorted(folder.glob(f"{name}-*.png"))]


def test_the_formulas_text_layer_leaves_the_printed_look_as_it_was(cards, tmp_path, monkeypatch):
    with_text = _pixels(render_deck(cards), tmp_path, "with-text")
    monkeypatch.setattr(formulas, "_TEXT_LAYER", "{svg}")  # the formulas as drawn before: paths only
    drawn_only = _pixels(render_deck(cards), tmp_path, "drawn-only")
    assert len(with_text) == len(drawn_only) == len(cards)
    for page, (ours, before) in enumerate(zip(with_text, drawn_only), start=1):
        difference = [abs(a - b) for a, b in zip(ours.tobytes(), before.tobytes())]
        assert ours.size == before.size and max(difference) <= 8, f"page {page} looks different"
