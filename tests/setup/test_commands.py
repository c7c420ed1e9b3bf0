"""The README's two commands, the CI entry point, the set-up script and the Pages workflow agree."""

import os
import re
import subprocess
import sys

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
    assert "bash scripts/setup.sh test" in test


def _collected(*args):
    """The test ids `bash scripts/test.sh --collect-only -q ARGS` lists, after its set-up lines."""
    result = subprocess.run(["bash", "scripts/test.sh", "--collect-only", "-q", *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout, [line for line in result.stdout.splitlines() if "::" in line]


def test_the_test_command_runs_what_it_is_given_or_everything():
    output, named = _collected("tests/core/test_fmt.py")
    assert named and all(line.startswith("tests/core/test_fmt.py::") for line in named)
    # The set-up says what it does, one line per stage, even when there is nothing left to do.
    assert re.findall(r"^setup \[(\d)/3\]", output, re.M) == ["1", "2", "3"]
    _, everything = _collected()
    folders = {line.split("/")[1] for line in everything}
    assert {"core", "cards", "practice", "figures", "worksheet", "lessons", "adapter", "site", "browser", "setup"} <= folders


def test_every_installed_package_is_locked_to_one_version():
    locked = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.M))
    locked = {name.lower().replace("_", "-"): version for name, version in locked.items()}
    freeze = subprocess.run([sys.executable, "-m", "pip", "list", "--format=freeze",
                             "--exclude-editable", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True).stdout
    installed = dict(line.split("==") for line in freeze.split())
    installed = {name.lower().replace("_", "-"): version for name, version in installed.items()}
    # pip comes with the venv; scripts/lock.sh adds pip-tools and what it needs to regenerate the lock.
    tools = ("pip", "pip-tools", "build", "pyproject-hooks", "wheel")
    unlocked = {name: version for name, version in installed.items()
                if locked.get(name) != version and name not in tools}
    assert not unlocked, f"installed but not locked at that version: {unlocked}"
    assert "pip-compile" in (ROOT / "requirements.txt").read_text() and "scripts/lock.sh" in README


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
