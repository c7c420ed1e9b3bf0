"""Page Markdown filled with computed values: every name resolves, or the build says which and where."""

import pytest

from studykit.core.pages import PageError, failed, fill, filler

CONTEXT = {"a": {"svm_loss": "0", "s": {"A": "1.5"}, "w": ["0.98", "2.04"], "lr": {1: "0.1"},
                 "loss_is_zero": True}}


def test_values_fill_their_places_by_dotted_name_index_and_key():
    source = "L = {{ a.svm_loss }}; s_A = {{ a.s.A }}; w = {{ a.w.1 }}; α = {{ a.lr[1] }}\n"
    assert fill(source, CONTEXT, "p.md") == "L = 0; s_A = 1.5; w = 2.04; α = 0.1\n"


def test_a_sentence_is_chosen_by_what_the_values_mean():
    source = "{% if a.loss_is_zero %}The loss is **zero**.{% else %}The loss is {{ a.svm_loss }}.{% endif %}"
    assert fill(source, CONTEXT, "p.md") == "The loss is **zero**."
    other = {"a": {**CONTEXT["a"], "loss_is_zero": False, "svm_loss": "0.7"}}
    assert fill(source, other, "p.md") == "The loss is 0.7."


def test_latex_braces_next_to_a_value_are_kept():
    assert fill(r"$p_{{ a.s.A }} \approx {x}$", CONTEXT, "p.md") == r"$p_1.5 \approx {x}$"


@pytest.mark.parametrize("source, message", [
    ("one\ntwo {{ a.svm_los }}", "p.md: line 2: unknown value 'a.svm_los'"),
    ("{{ a.s.Z }}", "p.md: line 1: unknown value 'a.s.Z'"),
    ("\n\n{{ a.w.5 }}", "p.md: line 3: unknown value 'a.w.5'"),
    ("{{ b.loss }}", "p.md: line 1: unknown value 'b'"),
    ("{% if %}", "p.md: line 1: Expected an expression"),
    ("\n{{ require(not a.loss_is_zero, 'The loss is 0.7.') }}",
     "p.md: line 2: the inputs make this sentence false: “The loss is 0.7.”"),
])
def test_a_problem_names_the_page_the_line_and_the_value_or_sentence(source, message):
    with pytest.raises(PageError) as caught:
        fill(source, CONTEXT, "p.md")
    assert str(caught.value).startswith(message)


def test_lines_count_from_where_the_page_body_starts_in_its_file():
    with pytest.raises(PageError, match="p.md: line 12: unknown value 'zz'"):
        fill("\n{{ zz }}", CONTEXT, "p.md", first_line=11)


def test_a_value_that_failed_to_compute_names_itself_and_the_reason():
    context = {**CONTEXT, "c": failed("c", ValueError("exercises.yml: exercise 'part_c': bad rate"))}
    with pytest.raises(PageError) as caught:
        fill("W = {{ c.step1.W }}", context, "p.md")
    assert str(caught.value) == ("p.md: line 1: 'c.step1.W' could not be computed: "
                                 "exercises.yml: exercise 'part_c': bad rate")
    with pytest.raises(PageError, match="'c.how_far' could not be computed"):
        fill("{% if c.how_far %}x{% endif %}", context, "p.md")


def test_a_page_compiled_once_fills_with_each_context_and_names_each_filling():
    source = "\nThe loss is {{ a.svm_loss }}.{{ require(a.svm_loss != '9', 'not nine') }}"
    fill_again = filler(source, "p.md", first_line=4)
    assert fill_again(CONTEXT) == "\nThe loss is 0."
    assert fill_again({"a": {"svm_loss": "0.7"}}, "p.md (part_a, variant 2)") == "\nThe loss is 0.7."
    with pytest.raises(PageError, match=r"^p\.md \(part_a, variant 3\): line 5: .*“not nine”"):
        fill_again({"a": {"svm_loss": "9"}}, "p.md (part_a, variant 3)")
