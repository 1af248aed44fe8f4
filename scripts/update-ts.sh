#!/usr/bin/env bash
# Refreshes the desktop app's Qt translation files po/tray/*.ts after its texts changed
# (docs/i18n.md): lupdate collects every tr() of src/tray and apps/printline-tray, new texts
# come in unfinished until translated. Qt 6.4's lupdate does not read C++17 nested namespaces
# (`namespace printline::tray {`), so the class contexts it writes are qualified here the way
# the program looks them up at run time (printline::tray::ChooserDialog).
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
for ts in po/tray/*.ts; do
  "$lupdate" -silent -no-obsolete -locations none src/tray apps/printline-tray -ts "$ts"
  python3 tests/i18n/qualify_ts_contexts.py "$ts"
done
echo "update-ts: $(ls po/tray/*.ts | wc -l) file(s) refreshed"
