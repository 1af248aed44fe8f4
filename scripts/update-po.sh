#!/usr/bin/env bash
# Refreshes the C++ message catalogs after texts changed (docs/i18n.md): extracts every marked
# text of the files in po/POTFILES into po/printline.pot, then merges it into each po/*.po, where
# new texts appear untranslated and changed ones fuzzy until a translator has looked at them.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(grep -v '^#' po/POTFILES | grep .)
xgettext --from-code=UTF-8 --language=C++ --keyword=tr --keyword=trn:1,2 --keyword=trf \
  --keyword=trnf:1,2 --keyword=outcome_note --flag=trf:1:no-c-format --flag=tr:1:no-c-format \
  --flag=outcome_note:1:no-c-format \
  --add-comments=TRANSLATORS --sort-by-file --package-name=Printline \
  --msgid-bugs-address="" -o po/printline.pot "${files[@]}"
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/printline.pot
  msgattrib --no-obsolete -o "$po" "$po"
done
echo "update-po: po/printline.pot has $(grep -c '^msgid ' po/printline.pot) texts"
