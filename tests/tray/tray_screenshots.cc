// Renders the tray's dialogs with sample prompts and saves them as PNGs (docs/screenshots/),
// for docs/tray.md. Run by scripts/tray-screenshots.sh on the offscreen platform.
//
//   tray_screenshots <output directory> [fr]
//
// With "fr", the tray's own words come from its French catalog and the sample prompts are the
// ones a French workstation's client writes (docs/screenshots/fr/, D14).

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QTimer>
#include <cstdio>
#include <cstring>

#include "candidate_view_for_tests.h"
#include "tray/chooser_dialog.h"
#include "tray/credit_dialog.h"
#include "tray/fallback_disabled_dialog.h"
#include "tray/jobs_window.h"
#include "tray/tray_translations.h"

using printline::client::ClientEvent;
using printline::client::JobState;
using printline::client::JobView;
using printline::testing::candidate;

namespace {

// What the client daemon and the office would write, in one language.
struct Samples {
  const char* document;
  const char* choose_title;
  const char* choose_message;
  const char* rejected_message;
  const char* offline_title;
  const char* disabled_message;
  const char* quota;
  const char* credit_title;
  const char* credit_message;
  const char* waiting_reason;
  const char* held_reason;
  const char* printed_offline_reason;
  const char* at_server_reason;
  const char* places[4];
  const char* unreachable;  // the note of a printer that does not answer
};

const Samples kEnglish{
    "Quarterly report.pdf",
    "Choose a printer",
    "The print server cannot be reached. Choose a printer for \"Quarterly report.pdf\", or close "
    "this window to keep the job until the server is back.",
    "Library Colour refused the job: the document is too large.",
    "The print server is offline",
    "Fallback printing is disabled in your client profile.",
    "20 of 500 pages left this month",
    "Not enough credit or quota",
    "The job costs €12.50 and your credit, less what you printed offline, is €3.40.",
    "The print server is offline: choose the printer to print on.",
    "Not enough credit: the job costs €12.50 and €3.40 is left.",
    "Printed on \"Annex Mono\" while the print server was offline; it is accounted when the "
    "server is back.",
    "Sent to the print server (server job 41).",
    {"Library, 1st floor", "Annex, ground floor", "Basement", "Design studio"},
    "no answer within the connect timeout"};

const Samples kFrench{
    "Rapport trimestriel.pdf",
    "Choisissez une imprimante",
    "Le serveur d'impression est injoignable. Choisissez une imprimante pour « Rapport "
    "trimestriel.pdf », ou fermez cette fenêtre pour garder le travail jusqu'au retour du "
    "serveur.",
    "Library Colour a refusé le travail : le document est trop volumineux.",
    "Le serveur d'impression est hors ligne",
    "L'impression de secours est désactivée dans votre profil de configuration.",
    "20 pages sur 500 restantes ce mois-ci",
    "Crédit ou quota insuffisant",
    "Le travail coûte 12,50 € et votre crédit, moins ce que vous avez imprimé hors ligne, est "
    "de 3,40 €.",
    "Le serveur d'impression est hors ligne : choisissez l'imprimante.",
    "Crédit insuffisant : le travail coûte 12,50 € et il reste 3,40 €.",
    "Imprimé sur « Annex Mono » pendant que le serveur d'impression était hors ligne ; il sera "
    "comptabilisé au retour du serveur.",
    "Envoyé au serveur d'impression (travail 41 du serveur).",
    {"Bibliothèque, 1er étage", "Annexe, rez-de-chaussée", "Sous-sol", "Atelier de design"},
    "aucune réponse dans le délai de connexion"};

ClientEvent prompt(const Samples& samples, JobState state, const char* title,
                   const char* message) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPrompt;
  JobView job;
  job.uuid = "6f1c2a4e-8d3b-4c55-9f0e-2b7d1a9c0e61";
  job.title = samples.document;
  job.state = state;
  job.estimated_cost_cents = 1250;
  event.job = job;
  event.title = title;
  event.message = message;
  return event;
}

bool save(QWidget& widget, const QString& path) {
  widget.adjustSize();
  widget.show();
  QApplication::processEvents();
  if (!widget.grab().save(path)) {
    std::fprintf(stderr, "tray_screenshots: could not write %s\n", qPrintable(path));
    return false;
  }
  std::printf("%s\n", qPrintable(path));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const bool french = argc == 3 && std::strcmp(argv[2], "fr") == 0;
  if (argc != 2 && !french) {
    std::fprintf(stderr, "usage: tray_screenshots <output directory> [fr]\n");
    return 2;
  }
  if (french) QLocale::setDefault(QLocale(QLocale::French, QLocale::France));  // amounts too
  if (french && !printline::tray::install_translations(app, QLocale(QLocale::French))) {
    std::fprintf(stderr, "tray_screenshots: the tray's French catalog is missing\n");
    return 1;
  }
  const Samples& text = french ? kFrench : kEnglish;
  const QDir out(QString::fromLocal8Bit(argv[1]));
  bool ok = true;

  auto choose = prompt(text, JobState::kWaitingForChoice, text.choose_title, text.choose_message);
  choose.candidates = {
      candidate("Library Colour", text.places[0], true, false, true, true, true),
      candidate("Annex Mono", text.places[1], false, false, true, false, true),
      candidate("Basement Mono", text.places[2], false, false, false, false, true),
      candidate("Plotter A0", text.places[3], true, true, false, false, false, text.unreachable),
  };
  printline::tray::ChooserDialog chooser(choose);
  ok &= save(chooser, out.filePath("tray-chooser.png"));

  printline::tray::ChooserDialog filtered(choose);
  filtered.colour_filter()->setChecked(true);
  filtered.search_field()->setText("lib");
  ok &= save(filtered, out.filePath("tray-chooser-filtered.png"));

  auto rejected =
      prompt(text, JobState::kRejectedByDevice, text.choose_title, text.rejected_message);
  rejected.candidates = choose.candidates;
  printline::tray::ChooserDialog rejection(rejected);
  ok &= save(rejection, out.filePath("tray-chooser-rejected.png"));

  printline::tray::FallbackDisabledDialog disabled(
      prompt(text, JobState::kWaitingForServer, text.offline_title, text.disabled_message));
  ok &= save(disabled, out.filePath("tray-fallback-disabled.png"));

  printline::client::StatusView status;
  status.balance_cents = 340;
  status.currency = "EUR";
  status.quota = text.quota;
  printline::tray::CreditDialog credit(
      prompt(text, JobState::kHeldForCredit, text.credit_title, text.credit_message), status);
  ok &= save(credit, out.filePath("tray-not-enough-credit.png"));

  // My jobs, one of each kind: waiting for a choice, held, printed offline, at the server.
  auto row = [](const char* uuid, const char* title, JobState state, const char* printer,
                const char* reason, int minutes_ago) {
    JobView job;
    job.uuid = uuid;
    job.title = title;
    job.state = state;
    job.printer = printer;
    job.reason = reason;
    job.received_at = printline::model::Timestamp(
        std::chrono::seconds(QDateTime::currentSecsSinceEpoch() - 60 * minutes_ago));
    if (state == JobState::kPrintedOffline || state == JobState::kAccounted) {
      job.printed_at = job.received_at;
    }
    return job;
  };
  printline::tray::JobsWindow jobs;
  jobs.set_jobs({
      row("4", "Poster draft.pdf", JobState::kWaitingForChoice, "", text.waiting_reason, 2),
      row("3", "Thesis.pdf", JobState::kHeldForCredit, "", text.held_reason, 9),
      row("2", "Minutes.pdf", JobState::kPrintedOffline, "Annex Mono",
          text.printed_offline_reason, 25),
      row("1", text.document, JobState::kAtServer, "", text.at_server_reason, 70),
  });
  jobs.select_job("4");
  ok &= save(jobs, out.filePath("tray-my-jobs.png"));
  return ok ? 0 : 1;
}
