"""The practice page's exercises in HTML: worked answers marked step by step, and every variant rendered."""

import json
import re

from studykit.core import formulas, pages, templates
from studykit.core.errors import LessonDataError
from studykit.practice import checks

# Each exercise sits between these markers in the page's Markdown, and so in its HTML.
_EXERCISE = re.compile(r"<!-- exercise (\w+) -->\n(.*?)<!-- /exercise -->", re.S)
_WORKED = '<details class="example">'
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)([^>]*?)(/?)>", re.S)
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def exercises_in(text):
    """Each exercise's text by part name, with the offset in text where it starts."""
    return {match[1]: (match.start(2), match[2]) for match in _EXERCISE.finditer(text)}


def boxes(part, checks_) -> str:
    """One exercise's answer boxes (in the page, and in each variant's file)."""
    labelled = [{**check, "label": templates.html(check["label"])} for check in checks_]
    return str(templates.macro("practice/templates/check-boxes.html", "boxes")(part, labelled))


def render_variants(markdown, page, first_line, context, exercises, variants, to_html):
    """Each exercise of a page by part: a key, and each variant's boxes (and HTML, after the first)."""
    # markdown is the page's source before filling, from line first_line of its file; a variant's
    # values stand in for the exercise's own in context; to_html is the site's Markdown. The key
    # hashes every box of every variant.
    found, declared = {}, {exercise.name: exercise for exercise in exercises}
    for part, (offset, chunk) in exercises_in(markdown).items():
        if part not in variants or not declared[part].boxes:
            continue  # an exercise without answer boxes: its text is the page's
        fill = pages.filler(chunk, page, first_line + markdown[:offset].count("\n"))
        found[part] = []
        for number, item in enumerate(variants[part], start=1):
            # The lesson's own numbers are the page: filling them first, an error reads as the page's.
            name = f"{page} ({part}, variant {number})" if number > 1 else page
            exercise = declared[part]
            try:
                checks_ = checks.part_checks(exercise, item)
                values = {**context, exercise.prefix: exercise.computed(item)}
                filled = fill(values, name)
                if number == 1:
                    found[part].append({"checks": checks_})
                    continue
                html = formulas.typeset(to_html(filled), "mathml")
                prose, worked = _split(mark_steps(exercise, html))
            except LessonDataError:
                raise  # it names the page, the variant and the line already
            except ValueError as error:  # a variant the page's formulas or steps cannot take
                raise LessonDataError(f"{name}: {error}") from error
            found[part].append({"checks": checks_, "prose": prose, "worked": worked,
                                "boxes": boxes(part, checks_)})
    key = checks.exercise_key({part: [v["checks"] for v in each] for part, each in found.items()})
    return {part: {"key": key, "variants": each} for part, each in found.items()}


def page_spec(exercise, urls):
    """The page's JSON for a <script>: the key, how many variants, where they and the checker are."""
    spec = {"key": exercise["key"], "count": len(exercise["variants"]), **urls}
    return _json(spec).replace("<", "\\u003c")  # so nothing in the data can close the <script>


def variants_json(exercise):
    """The JSON file the page fetches on first use of a box or "New numbers": every variant's checks
    (the page's first among them: a reader who never checks an answer never downloads them), and
    the HTML of each variant after the first."""
    first, *later = exercise["variants"]
    variants = [{"checks": [c["spec"] for c in first["checks"]]}]
    variants += [{"prose": v["prose"], "worked": v["worked"], "boxes": v["boxes"],
                  "checks": [c["spec"] for c in v["checks"]]} for v in later]
    return _json({"key": exercise["key"], "variants": variants})


def _json(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def enhance(page_html, exercise, section_html):
    """The page with this exercise's worked answer marked step by step and the boxes before it."""
    offset, chunk = exercises_in(page_html)[exercise.name]
    marked = mark_steps(exercise, chunk)
    at = marked.index(_WORKED)
    marked = marked[:at] + section_html + "\n" + marked[at:]
    return page_html[:offset] + marked + page_html[offset + len(chunk):]


def mark_steps(exercise, html):
    """html with each block of its worked answer marked with its step; a step's first block has an id."""
    part, sizes = exercise.name, [size for _, size in exercise.steps]
    units = _units(html)
    if len(units) != sum(sizes):
        raise ValueError(f"the worked answer of {part} has {len(units)} blocks (paragraphs and rows of "
                         f"derivations) but the declaration of its steps takes {sum(sizes)}")
    marks, index = [], 0
    for number, size in enumerate(sizes, start=1):
        for first in range(size):
            anchor = f' id="lesson-{part}-step-{number}"' if first == 0 else ""
            marks.append((units[index], f' data-lesson-step="{number}"{anchor}'))
            index += 1
    for at, attributes in reversed(marks):
        html = html[:at] + attributes + html[at:]
    return html


def _units(html):
    """Where to add attributes to each block of the worked answer: after each block's tag name.

    A block is a top-level element of the answer, or each row of a top-level display formula
    (bare, or in the region that lets it scroll sideways).
    """
    start = html.find(_WORKED)
    if start < 0:
        raise ValueError("the exercise has no worked answer")
    depth, units, math = 0, [], None
    for tag in _TAG.finditer(html, html.index("</summary>", start) + len("</summary>")):
        closing, name = tag[1], (tag[2] or "").lower()
        if not name:
            continue  # a comment
        if closing:
            depth -= 1
            if depth < 0:
                return units  # the end of the worked answer
            if depth == 0 and math is not None:
                units += math or [math_at]
                math = None
            continue
        if depth == 0:
            if (name == "math" and 'display="block"' in tag[3]) or "lesson-math-scroll" in tag[3]:
                math, math_at = [], tag.start() + 1 + len(name)
            else:
                units.append(tag.start() + 1 + len(name))
        elif math is not None and name == "mtr":
            math.append(tag.start() + 1 + len(name))
        if not (tag[4] or name in _VOID):
            depth += 1
    raise ValueError("the worked answer is not closed")


def _split(html):
    """The exercise's task and the inside of its worked answer (after the summary), as two strings."""
    start = html.index(_WORKED)
    body = html.index("</summary>", start) + len("</summary>")
    end = html.rindex("</details>")
    return html[:start].strip(), html[body:end].strip()
