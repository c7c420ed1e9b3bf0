"""`mkdocs serve` shows an edited exercise input, or edited reference code, on the next reload."""

import subprocess
import sys

import pytest
import yaml

from builds import copy_project, mkdocs_env
from lesson.local_http import free_port, wait_for_text


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=project, env=mkdocs_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/practice/"
        wait_for_text(url, "0.98", deadline_s=120)
        yield project, url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_reloads_inputs_and_reference_code(served):
    project, url = served
    inputs = project / "docs/data/exercises.yml"
    data = yaml.safe_load(inputs.read_text(encoding="utf-8"))
    data["part_c"]["W"] = [1.0, 3.0, -0.5]
    inputs.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    wait_for_text(url, "3.04")

    # A changed reference step (twice the learning rate) shows without restarting the server.
    reference = project / "src/lesson/reference.py"
    reference.write_text(reference.read_text(encoding="utf-8") + (
        "\n\n_step = gradient_step\n\n\n"
        "def gradient_step(W, grad, learning_rate):\n"
        "    return _step(W, grad, 2 * learning_rate)\n"), encoding="utf-8")
    wait_for_text(url, "3.08")
