#!/usr/bin/env bash
# Install everything, then build the static site into site/ with --strict.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs build --strict "$@"
