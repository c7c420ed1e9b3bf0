"""In the dark palette, text, formulas and flashcards stay readable against what is behind them."""

import pytest
from playwright.sync_api import expect

TEXT_CONTRAST = 4.5  # WCAG 1.4.3 AA for normal-size text
# The PDF button and the cards are told apart by their text; their fill or edge need only stand
# out clearly from the page (WCAG's 3:1 for edges applies to controls identified by edge alone).
DISTINCT_FROM_PAGE = 2.0

# Colour maths in the page, so it sees the colours the browser actually computed.
_COLOUR_JS = """
const parse = (css) => {
  const m = css.match(/^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/);
  if (!m) throw new Error("unexpected colour " + css);
  return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
};
const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3]))
  .concat([1]);
const background = (el) => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const bg = parse(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  if (!layers.length || layers[layers.length - 1][3] !== 1) throw new Error("no opaque background");
  return layers.reverse().reduce((below, top) => over(top, below));
};
const luminance = (c) => {
  const [r, g, b] = c.slice(0, 3).map((v) => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const describe = (el) => {
  const text = (el.getAttribute("alttext") || el.textContent).trim().replace(/\\s+/g, " ");
  return el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + ' "' +
    text.slice(0, 50) + '"';
};
"""

_TEXT_CONTRASTS_JS = "(selector) => {" + _COLOUR_JS + """
  return [...document.querySelectorAll(selector)].map((el) => {
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    return {what: describe(el), ratio: contrast(fg, bg), colour: getComputedStyle(el).color};
  });
}"""

_SURFACE_CONTRAST_JS = "(el) => {" + _COLOUR_JS + """
  const style = getComputedStyle(el);
  const page = background(el.parentElement);
  const fill = over(parse(style.backgroundColor), page);
  const edges = ["Top", "Right", "Bottom", "Left"]
    .filter((side) => parseFloat(style["border" + side + "Width"]) > 0)
    .map((side) => contrast(over(parse(style["border" + side + "Color"]), page), page));
  return {fill: contrast(fill, page), edge: Math.max(0, ...edges),
          label: contrast(over(parse(style.color), fill), fill)};
}"""

_FIXED_MATH_COLOURS_JS = """() => [...document.querySelectorAll("math, math *")]
  .filter((el) => el.hasAttribute("mathcolor") || el.hasAttribute("color") || el.style.color)
  .map((el) => el.outerHTML.slice(0, 120))"""

_MATH_TOKEN_COLOURS_JS = """() => [...document.querySelectorAll("math")].flatMap((math) => {
  const around = getComputedStyle(math.parentElement).color;
  return [...math.querySelectorAll("mi, mn, mo")]
    .map((token) => ({formula: math.getAttribute("alttext"), token: token.textContent,
                      colour: getComputedStyle(token).color, around}))
    .filter((t) => t.colour !== t.around || /^rgba?\\(0, 0, 0(, 1)?\\)$/.test(t.colour));
})"""


def _page_paths(site):
    """The URL path of every page in the built site, relative to its root."""
    return [html.relative_to(site).as_posix().removesuffix("index.html")
            for html in sorted(site.rglob("*.html"))]


@pytest.fixture
def dark_page(page):
    """A page that asks for the dark colour scheme, as a reader's system setting would."""
    page.emulate_media(color_scheme="dark")
    return page


def _open_unfolded(page, url):
    """Load url in the dark palette with every answer and card open (the context holds still)."""
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")


def _low_contrast(page, selector):
    """The elements matching selector whose text is below TEXT_CONTRAST, as readable lines."""
    results = page.evaluate(_TEXT_CONTRASTS_JS, selector)
    assert results, f"nothing on {page.url} matches {selector}"
    return [f"{page.url}: {r['what']} has {r['ratio']:.2f}:1 ({r['colour']})"
            for r in results if r["ratio"] < TEXT_CONTRAST]


def test_text_formulas_and_cards_are_readable(dark_page, base_url, site):
    """Paragraphs and lists, every formula and the cards' questions and answers reach 4.5:1 in the dark."""
    problems = []
    for path in _page_paths(site):
        _open_unfolded(dark_page, base_url + path)
        problems += _low_contrast(dark_page, "article p, article li")
        if path == "practice/":
            problems += _low_contrast(dark_page, "article math")
            problems += _low_contrast(
                dark_page, ".lesson-card__meta, .lesson-card__question, .lesson-card__back > .lesson-card__label, "
                           ".lesson-card__answer, .lesson-card__answer p")
    assert not problems, "\n".join(problems)


def test_formulas_take_the_text_colour(dark_page, base_url):
    """No formula is painted a fixed colour: every symbol has the colour of the text around it."""
    _open_unfolded(dark_page, base_url + "practice/")
    assert dark_page.locator("article math").count() > 0
    fixed = dark_page.evaluate(_FIXED_MATH_COLOURS_JS)
    assert not fixed, "formula parts with a fixed colour:\n" + "\n".join(fixed)
    page_text = dark_page.locator("article").evaluate("(a) => getComputedStyle(a).color")
    assert page_text not in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 1)"), page_text
    mismatched = dark_page.evaluate(_MATH_TOKEN_COLOURS_JS)
    assert not mismatched, "symbols not in the text colour:\n" + "\n".join(map(str, mismatched))


def test_pdf_button_and_cards_stand_out(dark_page, base_url):
    """The PDF download button and every flashcard stand out from the dark page."""
    _open_unfolded(dark_page, base_url + "practice/")
    button = dark_page.get_by_role("link", name="Download the flashcards as PDF")
    expect(button).to_be_visible()
    seen = button.evaluate(_SURFACE_CONTRAST_JS)
    assert max(seen["fill"], seen["edge"]) >= DISTINCT_FROM_PAGE, seen
    assert seen["label"] >= TEXT_CONTRAST, seen
    cards = dark_page.locator("details.lesson-card")
    assert cards.count() > 0
    for index in range(cards.count()):
        expect(cards.nth(index)).to_be_visible()
        seen = cards.nth(index).evaluate(_SURFACE_CONTRAST_JS)
        assert max(seen["fill"], seen["edge"]) >= DISTINCT_FROM_PAGE, f"card {index + 1}: {seen}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_hovered_and_focused_buttons_keep_their_contrast(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "practice/")
    for name in ("Show all", "Download the flashcards as PDF"):
        button = page.get_by_role("button" if name == "Show all" else "link", name=name)
        button.hover()
        # The colours would fade in over 125 ms; the context holds still, so they are there at once.
        ratio = button.evaluate(_SURFACE_CONTRAST_JS)["label"]
        assert ratio >= 4.5, f"{name} hovered in {scheme}: {ratio:.2f}:1"
    context.close()
