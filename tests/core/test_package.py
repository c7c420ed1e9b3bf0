"""The kit as a process imports it: NumPy keeps to the thread that calls it, unless the user says."""

import os
import subprocess
import sys

import pytest

_THREADS = "import studykit.site, numpy, os; print(len(os.listdir('/proc/self/task')))"


@pytest.mark.parametrize("setting, threads", [(None, 1), ("2", 2)], ids=["default", "the user's own"])
def test_numpy_runs_no_thread_of_its_own_unless_the_user_sets_one(setting, threads):
    env = {name: value for name, value in os.environ.items() if name != "OPENBLAS_NUM_THREADS"}
    if setting:
        env["OPENBLAS_NUM_THREADS"] = setting
    process = subprocess.run([sys.executable, "-c", _THREADS], env=env, capture_output=True, text=True, check=True)
    assert int(process.stdout) == threads
