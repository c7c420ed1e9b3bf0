"""The card file: one validated source for every export, and card text that can never inject HTML."""

import json
from html.parser import HTMLParser

import pytest
import yaml

from counts import CARD_IDS
from readback import plain
from studykit import PROJECT_ROOT
from studykit.cards.card_html import CardError, card_html
from studykit.cards.cardfile import Card, read_cards as load_cards
from studykit.core.errors import LessonDataError

REAL_CARDS = PROJECT_ROOT / "docs" / "data" / "flashcards.yml"
# The seed's cards, in its order; an author may add more after them.
SEED_IDS = ["loss-function", "svm-loss", "softmax-loss", "regularization", "gradient-direction",
            "update-rule", "learning-rate", "sgd", "gradient-check"]


def test_the_real_file_loads_the_seed_cards_in_order():
    cards = load_cards(REAL_CARDS)
    assert [card.id for card in cards] == CARD_IDS
    assert CARD_IDS[:len(SEED_IDS)] == SEED_IDS
    assert [card.position for card in cards] == list(range(1, len(CARD_IDS) + 1))
    assert cards[0].question == "What is a loss function?"
    assert cards[1].answer.startswith(r"$L_i = \sum_{j \neq y} \max(0,\ s_j - s_y + 1)$.")
    assert all(isinstance(card, Card) for card in cards)


def test_json_gives_the_same_cards_as_yaml(tmp_path):
    path = tmp_path / "cards.json"
    path.write_text(json.dumps(yaml.safe_load(REAL_CARDS.read_text(encoding="utf-8"))), encoding="utf-8")
    assert load_cards(path) == load_cards(REAL_CARDS)


GOOD = "- id: first\n  question: Q one?\n  answer: A one.\n"

BAD_FILES = {
    "missing question": ("cards.yml", "- id: a\n  answer: x\n", ["card 1 ('a')", "field 'question'", "missing"]),
    "empty question": ("cards.yml", "- id: a\n  question: '   '\n  answer: x\n",
                       ["card 1 ('a')", "field 'question'", "empty"]),
    "null answer": ("cards.yml", GOOD + "- id: b\n  question: q\n  answer:\n",
                    ["card 2 ('b')", "field 'answer'", "empty"]),
    "empty answer": ("cards.yml", GOOD + "- id: b\n  question: q\n  answer: ''\n",
                     ["card 2 ('b')", "field 'answer'", "empty"]),
    "number as answer": ("cards.yml", "- id: a\n  question: q\n  answer: 42\n",
                         ["card 1 ('a')", "field 'answer'", "must be text"]),
    "missing id": ("cards.yml", GOOD + "- question: q\n  answer: a\n", ["card 2:", "field 'id'", "missing"]),
    "bad id": ("cards.yml", "- id: Softmax Loss\n  question: q\n  answer: a\n",
               ["card 1 ('Softmax Loss')", "field 'id'", "lowercase"]),
    "duplicate id": ("cards.yml", GOOD + GOOD.replace("one", "two"),
                     ["card 2 ('first')", "field 'id'", "duplicates card 1"]),
    "unknown field": ("cards.yml", "- id: a\n  question: q\n  anwser: a\n",
                      ["card 1 ('a')", "unknown field 'anwser'"]),
    "duplicate field": ("cards.yml", "- id: a\n  question: q\n  answer: a\n  answer: b\n",
                        ["line 4", "duplicate field 'answer'"]),
    "empty file": ("cards.yml", "", ["file is empty"]),
    "only comments": ("cards.yml", "# nothing yet\n", ["file is empty"]),
    "empty list": ("cards.yml", "[]\n", ["card list is empty"]),
    "invalid YAML": ("cards.yml", "- id: a\n  question: [unclosed\n  answer: b\n", ["line ", "invalid YAML"]),
    "not a list": ("cards.yml", "id: a\nquestion: q\nanswer: a\n", ["expected a list of cards", "mapping"]),
    "item not a mapping": ("cards.yml", GOOD + "- just a sentence\n", ["card 2:", "expected a mapping"]),
    "invalid JSON": ("cards.json", '[{"id": "a", "question": "q", "answer": "a",}]',
                     ["line 1, column", "invalid JSON"]),
    "empty JSON": ("cards.json", "  \n", ["file is empty"]),
    "JSON missing answer": ("cards.json", '[{"id": "a", "question": "q"}]', ["card 1 ('a')", "field 'answer'"]),
    "JSON not a list": ("cards.json", '{"id": "a"}', ["expected a list of cards"]),
    "broken formula": ("cards.yml", "- id: a\n  question: q\n  answer: 'See $\\lamda$.'\n",
                       ["card 1 ('a')", "field 'answer'", "\\\\lamda", "unknown command"]),
    "unsupported type": ("cards.txt", GOOD, ["unsupported file type '.txt'"]),
}


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_data_raises_card_error_naming_file_card_and_field(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CardError) as caught:
        load_cards(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    for fragment in expected:
        assert fragment in message
    assert isinstance(caught.value, LessonDataError) and isinstance(caught.value, ValueError)


def test_message_format_for_an_emptied_answer_in_the_real_file(tmp_path):
    items = yaml.safe_load(REAL_CARDS.read_text(encoding="utf-8"))
    items[2]["answer"] = "  "
    path = tmp_path / "flashcards.yml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CardError) as caught:
        load_cards(path)
    assert str(caught.value) == f"{path}: card 3 ('softmax-loss'): field 'answer' is empty"


def test_a_missing_file_is_reported_with_its_name(tmp_path):
    with pytest.raises(CardError, match="nowhere.yml"):
        load_cards(tmp_path / "nowhere.yml")


class _Document(HTMLParser):
    """Collect element names and text of an HTML fragment."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.text, self.attributes = [], [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("target", ["mathml", "svg"])
@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<div>\n<script>alert(1)</script>\n</div>",
    "costs $5 <script>alert(1)</script> or $6",
])
def test_html_in_card_text_is_shown_literally(hostile, target):
    document = _Document(card_html(f"Before {hostile} after", target))
    assert not {"script", "img", "div"} & set(document.tags)
    assert not any(name.startswith("on") for name, _ in document.attributes)
    assert plain(hostile) in plain("".join(document.text))


@pytest.mark.parametrize("target", ["mathml", "svg"])
def test_math_and_code_keep_their_own_escaping(target):
    document = _Document(card_html(r"If $a < b$ then `x<y` & <b>bold</b>", target))
    assert ("math" if target == "mathml" else "svg") in document.tags
    assert "code" in document.tags and "b" not in document.tags
    text = "".join(document.text)
    assert "x<y" in text and "& <b>bold</b>" in text


def test_script_links_lose_their_target():
    document = _Document(card_html("[click](javascript:alert(1)) and [ok](https://cs231n.github.io/)", "mathml"))
    hrefs = [value for name, value in document.attributes if name == "href"]
    assert hrefs == ["https://cs231n.github.io/"]


def test_a_card_side_is_a_paragraph_with_typeset_math():
    html = card_html(r"Why add a regularization term $\lambda \sum W^2$?", "mathml")
    assert html.startswith("<p>") and html.endswith("</p>")
    assert 'aria-label="λ Σ W²"' in html
    assert "**" not in card_html("Steepest **ascent**", "svg")
