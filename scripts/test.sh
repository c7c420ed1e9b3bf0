#!/usr/bin/env bash
# Install everything (chromium included), then run the test suite: all of tests/ with no argument,
# spread over every core (pytest-xdist; a test module stays on one core, with its fixtures), or
# only the paths and pytest options given, in one process, e.g. `bash scripts/test.sh tests/core`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
if (($# == 0)); then
  exec .venv/bin/python -m pytest -n auto --dist loadfile --durations=10  # and the ten slowest
fi
exec .venv/bin/python -m pytest "$@"
