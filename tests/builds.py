"""Build helpers for the tests: the project root, strict builds, and copies of the project."""

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01, so builds are reproducible
_IGNORED_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".cache",
                                          "*.egg-info")


def _copy_ignore(folder, names):
    """Leave out what is not a source: tools' folders anywhere; at the top, the built site/ and
    the Lighthouse that scripts/bench_lighthouse.py installs (13,000 files, seconds a copy)."""
    ignored = set(_IGNORED_ANYWHERE(folder, names))
    return ignored | ({"site", ".lighthouse"} if Path(folder) == ROOT else set())


def mkdocs_env(project=ROOT, **extra):
    """The environment the project runs mkdocs in; a copy of the project runs its own package."""
    python_path = {} if Path(project) == ROOT else {"PYTHONPATH": str(Path(project) / "src")}
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            **python_path, **extra}


def build_site(project, site_dir, strict=True, **env):
    """Run `mkdocs build` for a project folder in its own process; return the process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(Path(project) / "mkdocs.yml"),
           "-d", str(site_dir)] + (["--strict"] if strict else [])
    return subprocess.run(cmd, cwd=project, env=mkdocs_env(project, **env), capture_output=True,
                          text=True, timeout=300)


def build_in_process(project, site_dir):
    """Build a project folder with MkDocs in this process (strict); raise what the build raises."""
    config = load_config(config_file=str(Path(project) / "mkdocs.yml"), site_dir=str(site_dir),
                         strict=True)
    with _quiet_mkdocs(), _environment(SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH):
        build(config)
    return Path(site_dir)


@contextlib.contextmanager
def _environment(**variables):
    """Set environment variables for the length of a block, as `mkdocs_env` does for a process."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_error(project, site_dir):
    """Build a project folder in this process, which must stop; return the error it reports."""
    records = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_in_process(project, site_dir)
    except Abort:
        return "\n".join(record.getMessage() for record in records)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    raise AssertionError(f"the build of {project} did not stop")


@contextlib.contextmanager
def _quiet_mkdocs():
    """Keep MkDocs' INFO lines out of the test output; warnings still count towards --strict."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def copy_project(dest, cache=True):
    """Copy the project's sources (no venv, git or build output) into dest.

    With cache, the copy starts with the project's render cache (.cache/): it is keyed by every
    input, so a copy whose edits change a PDF or a figure renders it again, and one that does not
    is spared the wait.
    """
    shutil.copytree(ROOT, dest, ignore=_copy_ignore)
    if cache and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", Path(dest) / ".cache")
    return Path(dest)
