#!/usr/bin/env bash
# Wrap PyInstaller's dist/migrator/ as dist/migrator.app (run on macOS after the build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="$ROOT/dist/migrator.app"
rm -rf "$APP" && mkdir -p "$APP/Contents/MacOS" "$APP/Contents/Resources"
cp -R "$ROOT/dist/migrator/." "$APP/Contents/MacOS/"
ICONSET="$(mktemp -d)/migrator.iconset" && mkdir -p "$ICONSET"
for size in 16 32 128 256 512; do
  cp "$ROOT/resources/icons/migrator-$size.png" "$ICONSET/icon_${size}x${size}.png"
done
iconutil -c icns "$ICONSET" -o "$APP/Contents/Resources/migrator.icns"
cat > "$APP/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>CFBundleName</key><string>migrator</string>
  <key>CFBundleIdentifier</key><string>dev.migrator.app</string>
  <key>CFBundleExecutable</key><string>migrator</string>
  <key>CFBundleIconFile</key><string>migrator.icns</string>
  <key>CFBundleShortVersionString</key><string>0.1.0</string>
  <key>NSHighResolutionCapable</key><true/>
  <key>CFBundleDocumentTypes</key><array><dict>
    <key>CFBundleTypeExtensions</key><array><string>migration</string></array>
    <key>CFBundleTypeName</key><string>migrator migration</string>
    <key>CFBundleTypeRole</key><string>Editor</string>
  </dict></array>
</dict></plist>
PLIST
echo "built $APP"
