#!/usr/bin/env bash
# Prepare a fresh Debian machine for migrator: the Debian libraries Qt needs (when missing and we
# are root), a virtualenv, and the pinned Python packages. Safe to run again; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

# Libraries Qt needs offscreen, then the extra ones for xcb under Xvfb (shared/reference/environment.md).
QT_DEBS="libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 \
fontconfig-config fonts-dejavu-core xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $QT_DEBS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing Debian packages Qt needs:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "bootstrap: these Debian packages are missing and we are not root; ask an admin to run:" >&2
    echo "  apt-get install --no-install-recommends$missing" >&2
  fi
fi

# python3-venv may be missing on a bare Debian box.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
fi

stamp="$VENV/.installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
