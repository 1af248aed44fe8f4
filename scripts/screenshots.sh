#!/usr/bin/env bash
# Saves screenshots of the web interface's main pages under docs/screenshots/ (the README
# shows them): starts the built printline-server on loopback with example data and
# photographs the pages in Debian's chromium. The directory "corp" is a real OpenLDAP
# (printline-peers, built beside the server).
#   scripts/screenshots.sh [path/to/printline-server]   (default: build/apps/printline-server/…)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
server=${1:-$root/build/apps/printline-server/printline-server}
[ -x "$server" ] || { echo "screenshots: build printline-server first, or give its path" >&2; exit 2; }
[ -d "$root/tests/web/node_modules/playwright-core" ] || (cd "$root/tests/web" && npm ci --no-audit --no-fund)
cd "$root/tests/web"
peers=$(dirname "$server")/../../tests/support/printline-peers
[ -x "$peers" ] || { echo "screenshots: build printline-peers first (the directory's OpenLDAP)" >&2; exit 2; }
# The server's own texts (job tickets, refusals) in French for the French pages: the catalogs
# built beside it.
locales=$(dirname "$server")/../../locale
PRINTLINE_SERVER=$server PRINTLINE_PEERS=$peers PRINTLINE_WEB_DIR=$root/web \
  PRINTLINE_LOCALEDIR=$locales node screenshots.mjs "$root/docs/screenshots"
