#!/usr/bin/env bash
# Install everything (chromium included), then run the test suite: all of tests/ with no argument,
# or only the paths and pytest options given, e.g. `bash scripts/test.sh tests/lesson`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
