#!/usr/bin/env bash
# Installs Shutafut into .venv in this checkout, with the system libraries Qt needs.
#   bash scripts/install.sh          the app (shutafut, shutafut-cli in .venv/bin)
#   bash scripts/install.sh --test   the app plus what the test suite needs
# Works on Debian 12 / Ubuntu with Python 3.11 or newer; uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

packages=(
  python3-venv libglib2.0-0 libgl1 libegl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxrender1 libx11-xcb1
)
if [ "$with_tests" = 1 ]; then
  # postgresql: the storage tests also run against a real PostgreSQL server they start
  packages+=(poppler-utils tesseract-ocr tesseract-ocr-heb postgresql)
fi

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "apt-get not found: install the Qt runtime libraries with your package manager (see README)." >&2
fi

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "Shutafut needs Python 3.11 or newer." >&2
  exit 1
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "$with_tests" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e ".[test]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
echo "Installed: .venv/bin/shutafut and .venv/bin/shutafut-cli"
