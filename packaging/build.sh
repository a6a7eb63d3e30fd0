#!/usr/bin/env bash
# Build the Linux desktop bundle with PyInstaller: dist/migrator/ (one folder) and, with
# --onefile, dist/migrator-onefile (one file). Run from anywhere; uses the project's .venv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./scripts/bootstrap.sh
.venv/bin/python -m pip install -q "pyinstaller==6.22.3"
WORK="${BUILD_DIR:-build/pyinstaller}"
mode="${1:-onedir}"
if [ "$mode" = "--onefile" ] || [ "$mode" = "onefile" ]; then
  MIGRATOR_ONEFILE=1 .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --workpath "$WORK/onefile" --distpath dist/onefile packaging/migrator.spec
  mv -f dist/onefile/migrator dist/migrator-onefile && rmdir dist/onefile
  echo "built dist/migrator-onefile"
else
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --workpath "$WORK/onedir" --distpath dist packaging/migrator.spec
  echo "built dist/migrator/"
fi
