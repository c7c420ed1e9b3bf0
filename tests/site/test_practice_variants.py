"""Every variant of every exercise, as built: its task, worked answer and boxes follow from its inputs.

The numbers are worked here with NumPy and formatted by this file's own rules; the sentences are
checked against what the numbers mean, not against the page's template.
"""

import json
import re

import numpy as np
import pytest
from html_text import article_text, formula_texts
from readback import plain

from builds import ROOT
from lessons.loss_and_optimization import LESSON
from studykit.practice import exercise, variants

INPUTS = exercise.read_inputs(ROOT / "docs" / "data" / "exercises.yml", LESSON.exercises)
SEED, COUNT = variants.variant_settings(INPUTS)
PARTS = [e.name for e in LESSON.exercises if e.draw]
# The variants the build draws; the first is the lesson's own, which the page itself shows.
VARIANTS = variants.all_variants(LESSON.exercises, INPUTS)
CASES = [(part, number) for part in PARTS for number in range(COUNT)]
# How the lesson says one step compares with another, by the ratio of the learning rates.
HOW_FAR = {10: "ten times farther", 5: "five times farther", 2: "two times farther",
           0.5: "half as far", 0.2: "a fifth as far", 0.1: "a tenth as far"}


def _text(x, places=6, least=0):
    """x rounded to `places` decimals, trailing zeros dropped down to `least` decimals, minus as '-'."""
    whole, _, decimals = f"{round(float(x), places) + 0.0:.{places}f}".partition(".")
    decimals = decimals.rstrip("0").ljust(least, "0")
    return f"{whole}.{decimals}" if decimals else whole


def _list(values, **style):
    return "[" + ", ".join(_text(v, **style) for v in values) + "]"


@pytest.fixture(scope="module")
def built(site):
    """Each exercise's variants as a learner sees them: (text, formulas, checks), the page's first."""
    page = (site / "practice" / "index.html").read_text(encoding="utf-8")
    found = {}
    for part in PARTS:
        chunk = re.search(rf"<!-- exercise {part} -->(.*?)<!-- /exercise -->", page, re.S)[1]
        spec = json.loads(re.search(r"data-lesson-spec>(.*?)</script>", chunk, re.S)[1])
        chunk = re.sub(r"<section class=\"lesson-check\".*?</section>", "", chunk, flags=re.S)
        file = json.loads((site / "practice" / spec["url"]).read_text(encoding="utf-8"))
        assert file["key"] == spec["key"] and spec["count"] == len(file["variants"]) == COUNT
        assert list(file["variants"][0]) == ["checks"]  # the page itself is the first: only its checks
        assert "checks" not in spec  # fetched on first use, not on every visit
        shown = [(chunk, file["variants"][0]["checks"])] + [(f"{v['prose']}<details>{v['worked']}</details>", v["checks"])
                                             for v in file["variants"][1:]]
        found[part] = [(article_text(f"<article>{html}</article>"), formula_texts(html), checks)
                       for html, checks in shown]
    return found


@pytest.mark.parametrize("part, number", CASES)
def test_the_boxes_check_against_this_variants_values(built, part, number):
    item, (_, _, checks) = VARIANTS[part][number], built[part][number]
    if part == "part_a":
        s, y = np.array(item["scores"], float), item["classes"].index(item["correct"])
        margins = [s[j] - s[y] + item["margin"] for j in range(s.size) if j != y]
        expected = margins + [sum(max(0.0, m) for m in margins)]
    elif part == "part_b":
        e = np.exp(np.array(item["scores"], float))
        expected = [e.sum(), e / e.sum()] + [-np.log(e[y] / e.sum()) for y in item["correct"]]
    else:
        w, g = np.array(item["W"], float), np.array(item["grad"], float)
        expected = [v for rate in item["learning_rates"] for v in (rate * g, w - rate * g)]
    assert len(checks) == len(expected)
    for check, value in zip(checks, expected):
        assert np.allclose(check["exact"], value, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("number", range(COUNT))
def test_part_a_numbers_and_words_follow_its_inputs(built, number):
    item, (text, formulas, _) = VARIANTS["part_a"][number], built["part_a"][number]
    names, s = item["classes"], item["scores"]
    y = names.index(item["correct"])
    j, k = [i for i in range(3) if i != y]
    margins = {i: round(s[i] - s[y] + 1, 6) for i in (j, k)}
    hinges = {i: max(0.0, margins[i]) for i in (j, k)}
    loss = round(hinges[j] + hinges[k], 6)
    assert f"[s_A, s_B, s_C] = {_list(s)}" in formulas and f"with correct class {names[y]}." in text
    assert plain(f"= max(0, {_text(s[j])} - {_text(s[y])} + 1) + max(0, {_text(s[k])} - {_text(s[y])} + 1); "
                 f"= max(0, {_text(margins[j])}) + max(0, {_text(margins[k])}); "
                 f"= {_text(hinges[j])} + {_text(hinges[k])}; = {_text(loss)}") in formulas
    if loss == 0:
        assert "The loss is zero." in text and "Both wrong classes are already more than 1 below" in text
        return
    assert f"The loss is {_text(loss)}, not zero." in text and "The loss is zero" not in text
    for i in (j, k):
        if margins[i] > 0:
            assert (f"Class {names[i]} does not clear the margin of 1 over class {names[y]}, "
                    f"so it adds {_text(hinges[i])}.") in text
        else:
            assert f"Class {names[i]} is more than 1 below and adds nothing." in text
    correct = s[y] > max(s[j], s[k])
    assert ("The prediction is correct, yet the loss is not zero" in text) == correct
    assert ("The prediction is wrong" in text) == (not correct)


@pytest.mark.parametrize("number", range(COUNT))
def test_part_b_numbers_and_words_follow_its_inputs(built, number):
    item, (text, formulas, _) = VARIANTS["part_b"][number], built["part_b"][number]
    s = np.array(item["scores"], float)
    e = np.exp(s)
    p, total = e / e.sum(), e.sum()
    shown = [_text(v, 3) for v in e]
    assert f"s = {_list(s)}" in formulas
    for score, exact in zip(s, shown):
        assert f"exp({_text(score)}) {'=' if score == 0 else '≈'} {exact}" in formulas
    assert f"{' + '.join(shown)} ≈ {_text(total, 3)}" in formulas
    for i in range(3):
        assert f"p_{i} ≈ {shown[i]} / {_text(total, 3)} ≈ {p[i]:.3f}" in formulas
    losses = [-np.log(p[y]) for y in item["correct"]]
    paragraphs = re.split(r"\b2[ab]\. ", text)[1:]
    for case, y, loss, paragraph in zip("ab", item["correct"], losses, paragraphs):
        assert paragraph.startswith(f"Correct = index {y}, p_{y} ≈ {p[y]:.3f}. L = -ln({p[y]:.3f}) ≈ {loss:.3f}.")
        correct = p[y] > np.delete(p, y).max()
        assert ("The model is correct" in paragraph) == correct
        assert ("The model is wrong" in paragraph) == (not correct)
        assert f"{round(100 * p[y]):.0f} percent" in paragraph
        if "the loss is large" in paragraph:
            assert loss >= 1
        if "the loss is small" in paragraph:
            assert loss < 1
    assert "very different losses" in text and max(losses) >= 2 * min(losses)


@pytest.mark.parametrize("number", range(COUNT))
def test_part_c_numbers_and_words_follow_its_inputs(built, number):
    item, (text, formulas, _) = VARIANTS["part_c"][number], built["part_c"][number]
    w, g, rates = np.array(item["W"], float), np.array(item["grad"], float), item["learning_rates"]
    weights = lambda values: _list(values, least=1)  # noqa: E731 - weights keep one decimal: 1.0
    assert f"W = {weights(w)}" in formulas and f"∇L = {weights(g)}" in formulas
    assert all(f"α = {_text(rate, least=1)}" in formulas for rate in rates)
    first = ", ".join(f"{_text(wi, least=1)} - {_text(rates[0], least=1)} · "
                      + (f"({_text(gi, least=1)})" if gi < 0 else _text(gi, least=1)) for wi, gi in zip(w, g))
    assert f"[{first}]" in formulas
    for rate in rates:
        terms = ", ".join(f"{_text(wi, least=1)} {'-' if t >= 0 else '+'} {_text(abs(t), least=1)}"
                          for wi, t in zip(w, rate * g))
        assert f"[{terms}]; = {weights(w - rate * g)}" in formulas
    assert f"Same downhill direction, {HOW_FAR[round(rates[1] / rates[0], 6)]}." in text
