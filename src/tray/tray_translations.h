#pragma once
// The desktop app in the workstation's language (D14): installs the translator of the app's own
// texts (po/tray/printline_tray_<language>.ts, compiled into the program) and Qt's for its
// standard buttons, chosen from the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).

#include <QCoreApplication>
#include <QLocale>

namespace printline::tray {

// Call once, before any window or notification text is built. Returns true when a catalog
// for `locale` was found (English needs none).
bool install_translations(QCoreApplication& app, const QLocale& locale = QLocale());

}  // namespace printline::tray
