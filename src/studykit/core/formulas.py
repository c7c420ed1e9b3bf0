"""Offline math typesetting: LaTeX to readable text, MathML for the web page and SVG for the PDF."""

import contextlib
import functools
import html
import re
import warnings
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert

from studykit.core.latex_text import latex_to_text

TARGETS = ("mathml", "svg")

# ziamath lays glyphs out in px; dividing by this size turns them into em so formulas scale with the text.
_SVG_FONT_PX = 20.0
# STIX (ziamath's font) has a smaller x-height than DejaVu Sans; 10% larger makes the two sit together.
_SVG_SCALE = 1.1
_SVG_MARGIN_PX = 0.5

_ARITY = {"mfrac": 2, "msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2,
          "munderover": 3, "mroot": 2}
_MATHML = "http://www.w3.org/1998/Math/MathML"
_ROWS = {"math", "mrow", "mtd", "msqrt", "mstyle", "mpadded", "menclose", "mphantom"}
_SIGNS = {"\u2212", "-", "+"}
_CLOSERS = {")", "]", "}", "|", "\u2016", "\u27e9"}
_SCROLLABLE = ('<div class="lesson-math-scroll" role="region" tabindex="0" '
               'aria-label="Formula (scrolls sideways on a narrow screen)">{}</div>')
# A formula in a PDF: its drawing (paths), its readable text laid invisibly over it, so that a PDF
# reader finds, copies and extracts it (pdftotext, pypdf) where it stands.
_TEXT_LAYER = ('<{tag} class="lesson-formula" style="position:relative">{svg}<span style="position:absolute;left:0;'
               'top:0;color:transparent;white-space:nowrap;font-size:{size}em">{text}</span></{tag}>')
_TEXT_WIDTH_EM = 0.62  # a wide guess at a DejaVu Sans character's width: the text never overruns
# An inline formula with the punctuation after it, kept on one line: "." never starts a line.
_PUNCTUATED = re.compile(
    r'(?:<(math|svg)\b(?![^>]*display(?:="block"|:block))[^>]*>(?:(?!</\1>).)*</\1>'
    r'|<span class="lesson-formula"[^>]*>(?:(?!</span></span>).)*</span></span>)[.,;:!?)\]]+', re.S)
# One formula as pymdownx.arithmatex (generic) wraps it: group 1 the tag, 2 the LaTeX with its
# delimiters, 3 the LaTeX of inline math \( \), 4 the LaTeX of display math \[ \].
ARITHMATEX = re.compile(
    r'<(span|div) class="arithmatex">\s*(\\\((.*?)\\\)|\\\[(.*?)\\\])\s*</\1>', re.S)


def latex_of(match) -> str:
    """The LaTeX of one ARITHMATEX match, without its delimiters (still HTML-escaped)."""
    return match[3] if match[3] is not None else match[4]


class FormulaError(ValueError):
    """A LaTeX formula that cannot be rendered; the message quotes the LaTeX."""


def _tex2mml(latex, inline):
    """LaTeX to MathML the way ziamath's tex2mml does it for the formulas a lesson uses."""
    # latex2mathml reads `&` in aligned as a letter but lays out align* as a table (as ziamath does);
    # converting here rather than through ziamath keeps its font loading off the web page's path.
    latex = latex.replace(r"\begin{aligned}", r"\begin{align*}").replace(r"\end{aligned}", r"\end{align*}")
    mathml = convert(latex, display="inline" if inline else "block")
    return mathml.replace('columnspacing="0em 2em"', 'columnspacing="0em 0.3em"')


def _mathml_source(latex, display):
    """Return checked MathML text for latex; raise FormulaError naming the LaTeX if it fails."""
    try:
        mathml = _tex2mml(latex, inline=not display)
        tree = ET.fromstring(mathml)
    except Exception as error:  # latex2mathml raises many unrelated types; name the formula instead.
        raise FormulaError(f"cannot render formula {latex!r}: {type(error).__name__} {error}") from error
    # latex2mathml lets typos (\lamda) and missing arguments (\frac{a}) through; browsers would show garbage.
    unknown = re.search(r">(\\[A-Za-z]+)<", mathml)
    if unknown:
        raise FormulaError(f"cannot render formula {latex!r}: unknown command {unknown[1]}")
    for element in tree.iter():
        arity = _ARITY.get(_tag(element))
        if arity is not None and len(element) != arity:
            raise FormulaError(f"cannot render formula {latex!r}: argument missing")
        # Plain tag names and one xmlns: ElementTree's prefixes are global state that ziamath changes.
        element.tag = _tag(element)
    for row in [element for element in tree.iter() if element.tag in _ROWS]:
        _group_signs(row)
    tree.set("xmlns", _MATHML)
    return ET.tostring(tree, encoding="unicode")


def _tag(element):
    return element.tag.rpartition("}")[2]


def _is_space(element):
    """An mspace, or an mtext holding only (no-break) spaces."""
    return _tag(element) == "mspace" or (_tag(element) == "mtext" and not (element.text or "").strip())


def _group_signs(row):
    """Put each unary minus or plus in an <mrow> with its operand: typeset as a sign, not an operator.

    MathML gives an <mo> prefix spacing only as the first child of its row. A sign is unary when it
    starts the row or follows an operator other than a closing fence (after "[", "(", ",", "=").
    After an alignment point (latex2mathml's empty <mi/>) a sign written straight on, as in
    `&&+ \\max`, continues the sum; one written after a space, `&&\\ -0.5`, starts a term.
    """
    children, kept, previous, spaced = list(row), [], None, False
    index = 0
    while index < len(children):
        child = children[index]
        operand = children[index + 1] if index + 1 < len(children) else None
        after_alignment = previous is not None and _tag(previous) == "mi" and not previous.text
        unary = (previous is None or (after_alignment and spaced)
                 or (_tag(previous) == "mo" and (previous.text or "") not in _CLOSERS))
        if _tag(child) == "mo" and (child.text or "") in _SIGNS and operand is not None and unary:
            group = ET.Element("mrow")
            group.extend([child, operand])
            kept.append(group)
            previous, spaced, index = group, False, index + 2
            continue
        kept.append(child)
        if _is_space(child):
            spaced = True
        else:
            previous, spaced = child, False
        index += 1
    row[:] = kept


def _with_attributes(markup, tag, attributes):
    """Add attributes to the first opening `tag` in markup."""
    rendered = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items())
    return re.sub(rf"<{tag}\b", lambda match: match[0] + rendered, markup, count=1)


@functools.lru_cache(maxsize=2048)
def to_mathml(latex: str, display: bool = False) -> str:
    """Return MathML for latex with alttext and aria-label; it inherits the text colour."""
    label = latex_to_text(latex)
    return _with_attributes(_mathml_source(latex, display), "math",
                            {"class": "lesson-math", "alttext": label, "aria-label": label})


@contextlib.contextmanager
def _svg_without_ids():
    """Make ziamath emit plain paths instead of SVG 2 <symbol>/<use>, whose ids clash between formulas."""
    with warnings.catch_warnings():
        # ziamath 0.13 loads its font through a deprecated importlib.resources call; not ours to fix.
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath  # loads its math font (~0.1 s); only the PDF deck draws SVG

    previous = ziamath.config.svg2
    ziamath.config.svg2 = False
    try:
        yield ziamath
    finally:
        ziamath.config.svg2 = previous


@functools.lru_cache(maxsize=2048)
def to_svg(latex: str, display: bool = False) -> str:
    """Return inline SVG for latex in currentColor, sized in em and sitting on the text baseline."""
    label = latex_to_text(latex)
    mathml = _with_attributes(_mathml_source(latex, display), "math", {"mathcolor": "currentColor"})
    try:
        with _svg_without_ids() as ziamath:
            # The <title> becomes the formula's /Alt text in a tagged PDF.
            svg = ziamath.Math(mathml, size=_SVG_FONT_PX, margin=_SVG_MARGIN_PX, title=label).svgxml()
    except Exception as error:  # ziamath fails with bare AssertionError etc.; name the formula instead.
        raise FormulaError(f"cannot render formula {latex!r}: {error!r}") from error
    _merge_glyph_paths(svg)
    _, top, width, height = (float(value) for value in svg.get("viewBox").split())
    depth = top + height  # the baseline is y = 0, so this is how far the formula hangs below it
    em = _SVG_SCALE / _SVG_FONT_PX
    svg.set("width", f"{width * em:.3f}em")
    svg.set("height", f"{height * em:.3f}em")
    placement = "display:block;margin:0.4em auto" if display else f"vertical-align:{-depth * em:.3f}em"
    svg.set("style", placement)
    svg.set("class", "lesson-math lesson-math--display" if display else "lesson-math")
    svg.set("role", "img")
    svg.set("aria-label", label)
    return ET.tostring(svg, encoding="unicode")


def _merge_glyph_paths(svg):
    """Join the per-glyph paths into one: same picture, far fewer elements for WeasyPrint to style."""
    paths = [element for element in svg if element.tag.rpartition("}")[2] == "path"
             and set(element.attrib) == {"d", "fill"} and element.get("fill") == "currentColor"]
    if len(paths) > 1:
        paths[0].set("d", " ".join(path.get("d") for path in paths))
        for extra in paths[1:]:
            svg.remove(extra)


def typeset(html_text: str, target: str) -> str:
    """Replace every arithmatex span/div in html_text with MathML ("mathml") or SVG with its text ("svg")."""
    if target not in TARGETS:
        raise ValueError(f"unknown math target {target!r}; expected one of {TARGETS}")
    render = to_mathml if target == "mathml" else to_svg

    def _render(match):
        # Display math renders as a block by itself (MathML display="block", SVG display:block).
        display = match[1] == "div" or match[4] is not None
        latex = html.unescape(latex_of(match)).strip()
        rendered = render(latex, display)
        if target == "svg":  # a PDF: the drawing, and its text for search, copying and bookmarks
            text, width = latex_to_text(latex), float(re.search(r'width="([\d.]+)em"', rendered)[1])
            size = min(1.0, width / (_TEXT_WIDTH_EM * max(1, len(text))))  # no wider than the drawing
            return _TEXT_LAYER.format(tag="div" if display else "span", svg=rendered, size=f"{size:.3f}",
                                      text=html.escape(text, quote=False))
        # On a narrow screen a wide derivation scrolls sideways inside a region the keyboard can reach.
        return _SCROLLABLE.format(rendered) if display else rendered

    return _PUNCTUATED.sub(r'<span class="lesson-nobreak">\g<0></span>', ARITHMATEX.sub(_render, html_text))
