#!/usr/bin/env bash
# Install everything, then build the static site into site/ with --strict.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
export NO_MKDOCS_2_WARNING=1
# `python -m mkdocs`, not the mkdocs script: the render worker, a fresh interpreter, would run
# the script again first, importing MkDocs' command line (0.05-0.1 s) before its first render.
exec .venv/bin/python -m mkdocs build --strict "$@"
