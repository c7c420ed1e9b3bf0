#!/usr/bin/env bash
# Install everything the project needs: Debian packages (when root), .venv, the locked Python
# packages and the project's own (studykit and the lessons, editable). One line per stage, so a
# first run that takes minutes never looks hung.
# Usage: bash scripts/setup.sh [serve|test]   ("test" adds Debian's chromium for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-serve}
# WeasyPrint renders the PDFs with Pango and HarfBuzz's subsetter; they are set in DejaVu.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# The tests read the PDFs as poppler does too (pdftotext, pdftoppm).
[ "$mode" = test ] && packages+=(chromium poppler-utils)
python=${PYTHON:-python3}
# Debian's own python3 makes virtual environments only with python3-venv installed.
"$python" -c "import ensurepip, venv" 2>/dev/null || packages+=(python3-venv)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  echo "setup [1/3] Debian packages: all installed"
elif [ "$(id -u)" -eq 0 ]; then
  echo "setup [1/3] Debian packages: installing ${missing[*]} (a minute or two on a new machine)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: missing Debian packages. Install them, then run this again:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

if [ -x .venv/bin/python ]; then
  echo "setup [2/3] virtual environment: .venv exists"
else
  echo "setup [2/3] virtual environment: creating .venv"
  "$python" -m venv .venv
fi

# Reinstall only when the lock or the package's metadata changed since the last install.
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "setup [3/3] Python packages: up to date"
else
  echo "setup [3/3] Python packages: installing requirements.txt and the studykit package (a few minutes on a new machine)"
  pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
  "${pip[@]}" install --requirement requirements.txt
  # The locked setuptools builds the package: no build environment fetched from the network.
  "${pip[@]}" install --no-deps --no-build-isolation --editable .
  echo "$want" > "$stamp"
fi
# As pip does for the packages it installs, but an editable install cannot: the project's bytecode,
# so that no process compiles its sources again. Where PYTHONDONTWRITEBYTECODE is set, every build,
# server, render worker and test would (0.1 s a `mkdocs serve` start); an edited module recompiles.
.venv/bin/python -m compileall -q src
