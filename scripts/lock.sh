#!/usr/bin/env bash
# Regenerate requirements.txt, the lock of every package (direct and transitive), from pyproject.toml.
# Run after changing a dependency in pyproject.toml and commit both files. Pins stay where they are
# unless named: `bash scripts/lock.sh numpy` lets numpy move to its newest allowed version.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
.venv/bin/python -m pip install --quiet --disable-pip-version-check "pip-tools==7.6.2"
upgrade=()
for name in "$@"; do upgrade+=(--upgrade-package "$name"); done
exec .venv/bin/pip-compile --quiet "${upgrade[@]}" --extra test --all-build-deps --allow-unsafe \
  --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
  --output-file requirements.txt pyproject.toml
