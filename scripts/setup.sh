#!/usr/bin/env bash
# Install everything the project needs: Debian packages (when root), then .venv from requirements.txt.
# Usage: bash scripts/setup.sh [serve|test]   ("test" adds Debian's chromium for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-serve}
# WeasyPrint renders the PDF deck with Pango and HarfBuzz's subsetter; the deck is set in DejaVu.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
[ "$mode" = test ] && packages+=(chromium)
python=${PYTHON:-python3}
# Debian's own python3 makes virtual environments only with python3-venv installed.
"$python" -c "import ensurepip, venv" 2>/dev/null || packages+=(python3-venv)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages. Install them, then run this again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
# Reinstall only when requirements.txt changed since the last install.
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
