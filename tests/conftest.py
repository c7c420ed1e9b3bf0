"""Shared fixtures: one strict site build per session."""

import pytest
from builds import ROOT, build_site


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The project built once with `mkdocs build --strict`: (site folder, build output)."""
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(site_build):
    """The built site folder."""
    return site_build[0]
