"""The lesson's identity, written once in mkdocs.yml: read without MkDocs, refused when incomplete."""

import pytest

from studykit import PROJECT_ROOT
from studykit.core.identity import Identity, IdentityError, from_extra, read_identity as load


def test_the_project_names_its_lesson_deck_and_downloads():
    lesson = load()
    assert lesson == Identity(title="Practice: Loss and optimization",
                              deck_title="Loss and optimization — flashcards",
                              slug="loss-and-optimization")
    assert lesson.download("flashcards.pdf") == "downloads/loss-and-optimization-flashcards.pdf"
    assert lesson.deck_description(9) == "9 flashcards for the lesson Practice: Loss and optimization"


def test_mkdocs_tags_do_not_stop_the_command_line_reading_the_config():
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!ENV" in text and "!!python/name" in text  # what a plain YAML loader would refuse
    assert load(PROJECT_ROOT / "mkdocs.yml").slug == "loss-and-optimization"


@pytest.mark.parametrize("extra, message", [
    (None, "extra: field 'lesson' is missing"),
    ({"lesson": {"title": "T", "deck_title": "D"}}, "extra.lesson: field 'slug' is missing or empty"),
    ({"lesson": {"title": " ", "deck_title": "D", "slug": "s"}}, "field 'title' is missing or empty"),
    ({"lesson": {"title": "T", "deck_title": "D", "slug": "s", "tilte": "x"}}, "unknown field 'tilte'"),
])
def test_an_incomplete_identity_names_the_file_and_field(extra, message):
    with pytest.raises(IdentityError) as caught:
        from_extra(extra, "mkdocs.yml")
    assert str(caught.value).startswith("mkdocs.yml: ") and message in str(caught.value)
