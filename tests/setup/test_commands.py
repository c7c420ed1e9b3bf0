"""The README's two commands, the CI entry point, the set-up script and the Pages workflow agree."""

import os
import re
import subprocess

import yaml

from builds import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_serve_and_test_commands():
    assert "bash scripts/serve.sh" in README and "bash scripts/test.sh" in README
    serve = (ROOT / "scripts/serve.sh").read_text(encoding="utf-8")
    assert "scripts/setup.sh" in serve and "mkdocs serve --dev-addr 127.0.0.1:8000" in serve
    assert "NO_MKDOCS_2_WARNING=1" in serve


def test_ci_runs_the_readme_test_command():
    run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^exec bash scripts/test\.sh$", run, re.M)
    test = (ROOT / "scripts/test.sh").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh test" in test and "pytest tests" in test


def test_setup_names_missing_packages_when_not_root(tmp_path):
    # Stand-ins: a non-root user, and a machine where no Debian package is installed.
    (tmp_path / "id").write_text("#!/bin/sh\necho 1000\n")
    (tmp_path / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    for tool in ("id", "dpkg-query"):
        (tmp_path / tool).chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(ROOT / "scripts/setup.sh"), "test"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert ("sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
            "fonts-dejavu-core chromium") in result.stderr


def test_pages_workflow_builds_strict_with_the_readme_command():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "bash scripts/build.sh" in runs and "bash scripts/build.sh" in README
    assert "--strict" in (ROOT / "scripts/build.sh").read_text(encoding="utf-8")
    assert any(step.get("uses", "").startswith("actions/deploy-pages")
               for step in workflow["jobs"]["deploy"]["steps"])
    assert "secrets." not in (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
