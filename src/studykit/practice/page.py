"""The practice checks in a built page: each exercise's answer boxes before its worked answer."""

from studykit.core import templates
from studykit.practice import html

ASSETS = ("assets/lesson-practice.js", "assets/lesson-practice.css")
# lesson-practice.js loads the answer checker when a box is first used: not on every visit.
CHECKER = "assets/lesson-answers.js"


def answer_boxes(output, found, exercises, relative) -> str:
    """The built page with the boxes of each exercise found on it (by part) before its worked answer."""
    declared = {exercise.name: exercise for exercise in exercises}
    for part, exercise in found.items():
        urls = {"url": relative(exercise["uri"]), "checker": relative(CHECKER)}
        checks = [{**check, "label": templates.html(check["label"])}
                  for check in exercise["variants"][0]["checks"]]
        section = templates.render("practice/templates/check.html", part=part, checks=checks,
                                   spec=templates.html(html.page_spec(exercise, urls)))
        output = html.enhance(output, declared[part], section)
    return output
