"""`mkdocs build --strict`, the command itself: bad data exits non-zero and writes nothing."""

from builds import build_site, copy_project


def test_bad_data_makes_mkdocs_build_exit_non_zero_and_write_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs/data/flashcards.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "question: Gradient descent update rule?", "question: ''"), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "flashcards.yml: card 6 ('update-rule'): field 'question' is empty" in result.stderr
    assert not (project / "site").exists() or not list((project / "site").rglob("*.html"))
