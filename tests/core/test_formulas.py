"""Math typesetting: readable text equivalents, accessible MathML for the page, SVG for the PDF."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import pytest

from studykit.core.formulas import FormulaError, latex_to_text, to_mathml, to_svg, typeset

MATHML = "{http://www.w3.org/1998/Math/MathML}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("latex", "text"), [
    (r"L_i = \sum_{j \neq y} \max(0,\ s_j - s_y + 1)", "L_i = Σ_{j ≠ y} max(0, s_j − s_y + 1)"),
    (r"p_j = \exp(s_j) / \sum_k \exp(s_k)", "p_j = exp(s_j) / Σ_k exp(s_k)"),
    (r"L_i = -\log(p_y)", "L_i = −log(p_y)"),
    (r"\lambda \sum W^2", "λ Σ W²"),
    (r"W \leftarrow W - \alpha \nabla L", "W ← W − α ∇L"),
    (r"\nabla L", "∇L"),
    (r"\frac{a}{b}", "a / b"),
    (r"\frac{\partial L}{\partial W}", "∂L / ∂W"),
    (r"\text{new} = \text{old} - \alpha", "new = old − α"),
    (r"a \approx b \cdot c", "a ≈ b · c"),
    (r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "a = b; c = d"),
    (r"\left( x \right)\,\;y", "(x) y"),
    (r"\ln x + \log y", "ln x + log y"),
])
def test_text_equivalent_reads_like_the_lesson(latex, text):
    assert latex_to_text(latex) == text


def _attributes_everywhere(root):
    return {name for element in root.iter() for name in element.attrib}


@pytest.mark.parametrize("display", [False, True])
def test_mathml_is_labelled_and_inherits_the_text_colour(display):
    latex = r"L_i = \sum_{j \neq y} \max(0,\ s_j - s_y + 1)"
    root = ET.fromstring(to_mathml(latex, display=display))
    assert root.tag == f"{MATHML}math"
    assert root.get("alttext") == root.get("aria-label") == latex_to_text(latex)
    assert root.get("display") == ("block" if display else "inline")
    assert not _attributes_everywhere(root) & {"mathcolor", "color", "style", "mathbackground"}


def test_svg_is_an_accessible_image_in_the_current_colour():
    latex = r"\lambda \sum W^2"
    root = ET.fromstring(to_svg(latex))
    assert root.get("role") == "img"
    assert root.get("aria-label") == latex_to_text(latex)
    assert root.find(f"{SVG}title").text == latex_to_text(latex)
    fills = {element.get("fill") for element in root.iter() if element.get("fill")}
    assert fills == {"currentColor"}
    assert "stroke" not in _attributes_everywhere(root)


def test_svg_scales_with_the_text_and_sits_on_the_baseline():
    inline = ET.fromstring(to_svg(r"s_j"))
    assert inline.get("width").endswith("em") and inline.get("height").endswith("em")
    # s_j hangs below the baseline, so the image is pulled down by a negative vertical-align.
    assert float(re.search(r"vertical-align:(-?[\d.]+)em", inline.get("style"))[1]) < 0
    block = ET.fromstring(to_svg(r"\sum_k x_k", display=True))
    assert "display:block" in block.get("style")


def _arithmatex_html(text):
    return markdown.markdown(text, extensions=["pymdownx.arithmatex"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.ids += [value for name, value in attrs if name == "id"]


def _parse(html):
    collector = _Collector()
    collector.feed(html)
    return collector


PAGE = "Inline $W$ and $\\lambda \\sum W^2$, again $W$, a $a < b$.\n\n$$\n\\sum_k \\exp(s_k)\n$$\n"


@pytest.mark.parametrize(("target", "tag"), [("mathml", "math"), ("svg", "svg")])
def test_typeset_replaces_every_arithmatex_span_and_div(target, tag):
    html = _arithmatex_html(PAGE)
    assert html.count('class="arithmatex"') == 5
    result = typeset(html, target)
    assert "arithmatex" not in result and "\\(" not in result and "\\[" not in result
    assert _parse(result).tags.count(tag) == 5


def test_typeset_unescapes_the_formula_before_rendering():
    result = typeset(_arithmatex_html("$a < b$"), "mathml")
    assert ET.fromstring(re.search(r"<math.*</math>", result)[0]).get("aria-label") == "a < b"


def test_several_svg_formulas_on_one_page_share_no_ids():
    collector = _parse(typeset(_arithmatex_html(PAGE), "svg"))
    assert len(collector.ids) == len(set(collector.ids))
    assert "use" not in collector.tags and "symbol" not in collector.tags


@pytest.mark.parametrize("target", ["mathml", "svg"])
@pytest.mark.parametrize("latex", [r"\frac{a}", r"x^", r"\lamda x"])
def test_a_broken_formula_raises_formula_error_naming_it(latex, target):
    html = f'<p><span class="arithmatex">\\({latex}\\)</span></p>'
    with pytest.raises(FormulaError) as caught:
        typeset(html, target)
    assert repr(latex) in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_an_unknown_target_is_refused():
    with pytest.raises(ValueError, match="pdf"):
        typeset("<p></p>", "pdf")


def _signs(mathml):
    """(is it a sign, the operand's tag) for every minus or plus in the MathML."""
    root = ET.fromstring(mathml)
    parents = {child: parent for parent in root.iter() for child in parent}
    found = []
    for mo in root.iter(f"{MATHML}mo"):
        if mo.text in ("\u2212", "+"):
            row = list(parents[mo])
            found.append(row[0] is mo and len(row) == 2)
    return found


@pytest.mark.parametrize(("latex", "signs"), [
    (r"[s_A, s_B, s_C] = [1.5, -0.7, -0.8]", [True, True]),  # after "," and "["
    (r"L = -\ln(0.090)", [True]),  # after "="
    (r"2.0 - 0.1 \cdot (-0.4)", [False, True]),  # operator between numbers, sign after "("
    (r"\max(0,\ -1.2) + \max(0,\ s_C - s_A + 1)", [True, False, False, False]),
    (r"(a + b) - c", [False, False]),  # after a closing fence: an operator
    # After an alignment point: straight on it continues the sum, after a space it starts a term.
    (r"\begin{aligned} L &= a &&+ \max(0,\ -1) \\ W &= [\,1.0 - 0.02, &&\ -0.5 - 0.01\,] \end{aligned}",
     [False, True, False, True, False]),
])
def test_a_unary_minus_or_plus_is_a_sign_and_a_binary_one_an_operator(latex, signs):
    assert _signs(to_mathml(latex)) == signs


def _width(svg):
    return float(ET.fromstring(svg).get("viewBox").split()[2])


def test_the_pdf_sets_a_sign_closer_to_its_number_than_an_operator():
    # Same glyphs: "[−0.7]" with a sign, "[{}−0.7]" with a binary minus (an empty group before it).
    sign, operator = _width(to_svg("[-0.7]")), _width(to_svg("[{}-0.7]"))
    assert operator - sign > 5  # px at the 20 px formula size: an operator's space on each side


def test_punctuation_after_an_inline_formula_stays_on_its_line():
    html = typeset(_arithmatex_html("Scores $s$. Then $p$, then $q$ and $r$ (in $t$)."), "mathml")
    kept = re.findall(r'<span class="lesson-nobreak"><math\b.*?</math>([^<]*)</span>', html)
    assert kept == [".", ",", ")."]
    assert re.search(r"</math> and", html)  # a formula followed by a word needs no glue


def test_mathml_stays_plain_math_after_the_pdf_has_drawn_svg():
    # ziamath registers its own XML namespace prefixes; the page's MathML must not pick them up.
    to_svg(r"\alpha + \beta")
    mathml = to_mathml(r"\gamma - \delta")
    assert mathml.startswith("<math ") and "ns0:" not in mathml and mathml.endswith("</math>")
