"""A card appended to flashcards.yml leaves the suite green: no test counts the cards by hand."""

import re
import subprocess
import sys

from builds import ROOT, copy_project, mkdocs_env

# A module depends on the card file when it reads it, counts it (tests/counts.py) or loads it.
_READS_CARDS = re.compile(r"^from counts import|flashcards\.yml|load_cards", re.M)


def _card_tests():
    """Every test module that depends on the card file, but the hook tests (they build their own
    copies, one with an extra card) and this one."""
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")
                  if _READS_CARDS.search(path.read_text(encoding="utf-8"))
                  and "hooks" not in path.parts and path.name != "test_more_cards.py")


def test_the_card_tests_pass_with_one_more_card(tmp_path):
    project = copy_project(tmp_path / "project")
    cards = project / "docs/data/flashcards.yml"
    cards.write_text(cards.read_text(encoding="utf-8") + (
        "\n- id: weight-decay\n  question: What is weight decay?\n  answer: >-\n"
        "    L2 regularization seen from the update: each step also shrinks $W$ by"
        " $2 \\lambda \\alpha W$.\n"), encoding="utf-8")
    modules = _card_tests()
    assert {"tests/browser/test_flashcards.py", "tests/site/test_practice_page.py",
            "tests/lesson/test_deck.py"} <= set(modules)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                             *modules], cwd=project, env=mkdocs_env(project), capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and " failed" not in result.stdout
