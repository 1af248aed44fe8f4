// The desktop app in French (D14), on the offscreen platform with LANG=fr_FR.UTF-8 (ctest sets
// it): the translator installed as printline-tray does from the locale, the chooser, the
// fallback-disabled (D4) and credit (D5) dialogs, and the cancel confirmation speak French.

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTest>
#include <cstdio>

#include "confirmation_answer.h"
#include "tray/chooser_dialog.h"
#include "tray/credit_dialog.h"
#include "tray/fallback_disabled_dialog.h"
#include "tray/tray_translations.h"

using printline::client::ClientEvent;
using printline::client::JobView;

namespace {

// A prompt as the daemon sends it, without a title of its own: the dialog's title is its own.
ClientEvent prompt() {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPrompt;
  JobView job;
  job.uuid = "0d5e5e2c-0000-4000-8000-000000000016";
  job.title = "Rapport.pdf";
  job.estimated_cost_cents = 1250;
  event.job = job;
  return event;
}

}  // namespace

class TrayFrenchTest : public QObject {
  Q_OBJECT

 private slots:
  void theLocaleIsFrench() {
    QCOMPARE(QLocale().language(), QLocale::French);
  }

  void chooserIsFrench() {
    printline::tray::ChooserDialog dialog(prompt());
    QCOMPARE(dialog.windowTitle(), QString("Choisissez une imprimante"));
    QStringList boxes;
    for (auto* box : dialog.findChildren<QCheckBox*>()) boxes << box->text();
    QVERIFY2(boxes.contains("&Couleur") && boxes.contains("&Noir et blanc") &&
                 boxes.contains("&Grand format"),
             qPrintable(boxes.join(", ")));
    QCOMPARE(dialog.print_button()->text(), QString("&Imprimer ici"));
  }

  void fallbackDisabledIsFrenchAndConfirmsInFrench() {
    printline::tray::FallbackDisabledDialog dialog(prompt());
    QCOMPARE(dialog.windowTitle(), QString("Le serveur d'impression est hors ligne"));
    QCOMPARE(dialog.retry_button()->text(), QString("&Réessayer"));
    QCOMPARE(dialog.cancel_button()->text(), QString("&Annuler le travail"));
    dialog.show();
    bool asked = false;
    // The confirmation's buttons are French too: "Garder le travail" keeps the job.
    printline::testing::answer_confirmation_with("Garder le travail", &asked);
    QTest::mouseClick(dialog.cancel_button(), Qt::LeftButton);
    QVERIFY(asked);
    QVERIFY(dialog.isVisible());
  }

  void creditIsFrench() {
    printline::tray::CreditDialog dialog(prompt(), std::nullopt);
    QCOMPARE(dialog.windowTitle(), QString("Crédit ou quota insuffisant"));
    QVERIFY2(dialog.message_label()->text().contains("Le travail coûte"),
             qPrintable(dialog.message_label()->text()));
    QCOMPARE(dialog.keep_button()->text(), QString("&Continuer d'attendre"));
  }

  // Amounts in the server's currency with French conventions, as the web writes them.
  void creditAmountsAreFrench() {
    printline::client::StatusView status;
    status.balance_cents = 123450;
    status.currency = "EUR";
    printline::tray::CreditDialog dialog(prompt(), status);
    const QString text = dialog.message_label()->text();
    QVERIFY2(text.contains(QString::fromUtf8("Votre crédit restant : 1\u202f234,50\u00a0€.")),
             qPrintable(text));
  }
};

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  // As printline-tray's main does, from the environment's locale.
  if (!printline::tray::install_translations(app)) {
    std::fprintf(stderr, "tray_french_test: no French translation for locale %s\n",
                 qPrintable(QLocale().name()));
    return 1;
  }
  TrayFrenchTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "tray_french_test.moc"
