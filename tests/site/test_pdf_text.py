"""The built PDFs read as documents: formulas and numbers as text, outlines with the maths, a PDF/UA claim."""

import subprocess
import sys

import pypdf
import pytest
from counts import EXERCISES
from readback import alt_texts, plain

from studykit.core import identity

LESSON = identity.read_identity()
# The worked answers of Parts A to C, by hand (NOTES.md): Part B's exponentials, their sum, the
# probabilities and both losses; Part C's two updates of W = [1.0, 2.0, -0.5] by ∇L = [0.2, -0.4, 0.1].
HAND_WORKED = {
    "7.389": "exp(2)", "11.107": "7.389 + 2.718 + 1", "0.665": "7.389 / 11.107", "0.245": "2.718 / 11.107",
    "0.090": "1 / 11.107", "0.408": "-ln 0.665", "2.408": "-ln 0.090",
    "0.98": "1.0 - 0.1 * 0.2", "2.04": "2.0 - 0.1 * (-0.4)", "-0.51": "-0.5 - 0.1 * 0.1",
    "0.8": "1.0 - 1.0 * 0.2", "2.4": "2.0 - 1.0 * (-0.4)", "-0.6": "-0.5 - 1.0 * 0.1",
    "-1.2": "Part A: -0.7 - 1.5 + 1", "-1.3": "Part A: -0.8 - 1.5 + 1",
}
PDFS = ("flashcards.pdf", "worksheet-a4.pdf", "worksheet-letter.pdf")


def _pdf(site, name):
    return site / LESSON.download(name)


def _texts(path):
    """The PDF's text as pypdf and as poppler's pdftotext read it, both normalised."""
    ours = plain(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))
    poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                             check=True).stdout
    return ours, plain(poppler)


def _outline(reader, items=None, depth=0):
    """The outline as (depth, title) pairs, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            found.append((depth, plain(item.title)))
    return found


@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_claims_pdf_ua_with_its_title_and_language_and_keeps_its_tags(site, name):
    reader = pypdf.PdfReader(_pdf(site, name))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert reader.xmp_metadata.dc_language == ["en"]
    title = LESSON.deck_title if name == "flashcards.pdf" else LESSON.title
    assert reader.xmp_metadata.dc_title == {"x-default": title} and reader.metadata.title == title
    assert alt_texts(reader) and all(text.strip() for text in alt_texts(reader))
    figures = _figures(root["/StructTreeRoot"])
    assert figures and all(str(figure.get("/Alt", "")).strip() for figure in figures), "a /Figure without /Alt"


def _figures(node):
    """Every /Figure element of a structure tree (each formula and picture is one)."""
    node, found = node.get_object(), []
    if isinstance(node, pypdf.generic.ArrayObject):
        for child in node:
            found += _figures(child)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if node.get("/S") == "/Figure":
            found.append(node)
        if "/K" in node:
            found += _figures(node["/K"])
    return found


@pytest.mark.parametrize("name", PDFS)
def test_a_pdf_ua_checker_finds_nothing(site, name):
    """pdfua (pikepdf) checks a machine-checkable subset of PDF/UA-1: tags, alt text, language,
    title, structure and metadata. It is not a conformance certificate."""
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", str(_pdf(site, name))],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "result: PASS" in result.stdout, result.stdout + result.stderr


def test_the_answer_key_holds_every_hand_worked_number_for_both_readers(site):
    for reader in _texts(_pdf(site, "worksheet-a4.pdf")):
        key = reader[reader.index("Answer key"):]
        missing = [f"{number} ({how})" for number, how in HAND_WORKED.items() if number not in key]
        assert not missing, f"not in the answer key's text: {missing}"


def test_formulas_read_as_text_where_they_stand(site):
    ours, poppler = _texts(_pdf(site, "flashcards.pdf"))
    for reader in (ours, poppler):
        assert plain("L_i = Σ_{j ≠ y} max(0, s_j − s_y + 1)") in reader
        assert plain("W ← W − α ∇L") in reader
    # Laid over its drawing, a formula reads in its sentence (pypdf reads it after the paragraph).
    assert plain("L_i = Σ_{j ≠ y} max(0, s_j − s_y + 1) . Wrong classes contribute") in poppler
    ours, poppler = _texts(_pdf(site, "worksheet-a4.pdf"))
    assert plain("λ Σ W²") in ours
    assert plain("regularization term like λ Σ W² on top of the data loss") in poppler


def test_bookmarks_keep_the_maths(site):
    titles = [title for _, title in _outline(pypdf.PdfReader(_pdf(site, "flashcards.pdf")))]
    assert plain("Why add a regularization term λ Σ W²?") in titles
    assert plain("What direction does the gradient ∇L point?") in titles


@pytest.mark.parametrize("name", ["worksheet-a4.pdf", "worksheet-letter.pdf"])
def test_the_worksheets_outline_has_each_part_and_the_key_has_them_too(site, name):
    outline = _outline(pypdf.PdfReader(_pdf(site, name)))
    parts = [(0, f"Part {chr(ord('A') + index)}") for index in range(EXERCISES)]
    assert outline == [(0, "Self-check"), *parts, (0, "Answer key"), (1, "Self-check"),
                       *((1, title) for _, title in parts)]
