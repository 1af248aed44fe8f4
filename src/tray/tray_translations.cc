#include "tray/tray_translations.h"

#include <QLibraryInfo>
#include <QTranslator>

namespace printline::tray {

bool install_translations(QCoreApplication& app, const QLocale& locale) {
  // Parented to the application: they live as long as it does.
  auto* own = new QTranslator(&app);
  const bool found = own->load(locale, QStringLiteral("printline_tray"), QStringLiteral("_"),
                               QStringLiteral(":/i18n"));
  if (found) app.installTranslator(own);
  // Qt's own words (OK, Cancel…), from Debian's qt6-translations-l10n when installed.
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    app.installTranslator(qt);
  }
  return found;
}

}  // namespace printline::tray
