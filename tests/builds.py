"""Build helpers for the tests: the project root, strict builds, and copies of the project."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01, so builds are reproducible
_COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache",
                                     ".cache")


def mkdocs_env(**extra):
    """The environment the project runs mkdocs in."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            **extra}


def build_site(project, site_dir, strict=True, **env):
    """Run `mkdocs build` for a project folder, with extra environment; return the process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(Path(project) / "mkdocs.yml"),
           "-d", str(site_dir)] + (["--strict"] if strict else [])
    return subprocess.run(cmd, cwd=project, env=mkdocs_env(**env), capture_output=True, text=True,
                          timeout=300)


def copy_project(dest):
    """Copy the project's sources (no venv, git or build output) into dest."""
    shutil.copytree(ROOT, dest, ignore=_COPY_IGNORE)
    return Path(dest)
