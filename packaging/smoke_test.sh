#!/usr/bin/env bash
# Build the one-folder Linux bundle and run it: --version, the headless demo, and the GUI
# offscreen saving a screenshot. Usage: packaging/smoke_test.sh  (or: make package-smoke)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
start=$(date +%s)
packaging/build.sh onedir
built=$(date +%s)
APP=dist/migrator/migrator
OUT=$(mktemp -d)
export MIGRATOR_HOME="$OUT/home" QT_QPA_PLATFORM=offscreen
"$APP" --version
"$APP" demo --headless --workdir "$OUT/demo" --numbers 30
ls "$OUT/demo"
"$APP" --screenshot "$OUT/window.png"
test -s "$OUT/window.png"
echo "smoke test passed: build $((built - start)) s, run $(( $(date +%s) - built )) s; files in $OUT"
