#!/usr/bin/env bash
# Saves PNGs of printline-tray's chooser and dialogs under docs/screenshots/ (tray-*.png) and,
# in French, docs/screenshots/fr/, rendered on Qt's offscreen platform with sample prompts.
# Builds what it needs first.
#   scripts/tray-screenshots.sh [build directory]   (default: build)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
if ! cmake --build "$build" --target tray_screenshots -j2 >/dev/null; then
  echo "tray-screenshots: could not build tray_screenshots; is qt6-base-dev installed" \
       "(scripts/install-deps.sh)?" >&2
  exit 1
fi
mkdir -p "$repo/docs/screenshots/fr"
QT_QPA_PLATFORM=offscreen "$build/tests/tray/tray_screenshots" "$repo/docs/screenshots"
QT_QPA_PLATFORM=offscreen "$build/tests/tray/tray_screenshots" "$repo/docs/screenshots/fr" fr
