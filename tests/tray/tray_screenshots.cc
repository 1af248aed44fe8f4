// Renders the tray's dialogs with sample prompts and saves them as PNGs (docs/screenshots/),
// for docs/tray.md. Run by scripts/tray-screenshots.sh on the offscreen platform.
//
//   tray_screenshots <output directory>

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

#include "candidate_view_for_tests.h"
#include "tray/chooser_dialog.h"
#include "tray/credit_dialog.h"
#include "tray/fallback_disabled_dialog.h"
#include "tray/jobs_window.h"

using printline::client::ClientEvent;
using printline::client::JobState;
using printline::client::JobView;
using printline::testing::candidate;

namespace {

ClientEvent prompt(JobState state, const char* title, const char* message) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPrompt;
  JobView job;
  job.uuid = "6f1c2a4e-8d3b-4c55-9f0e-2b7d1a9c0e61";
  job.title = "Quarterly report.pdf";
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
  if (argc != 2) {
    std::fprintf(stderr, "usage: tray_screenshots <output directory>\n");
    return 2;
  }
  const QDir out(QString::fromLocal8Bit(argv[1]));
  bool ok = true;

  auto choose = prompt(JobState::kWaitingForChoice, "Choose a printer",
                       "The print server cannot be reached. Choose a printer for \"Quarterly "
                       "report.pdf\", or close this window to keep the job until the server is "
                       "back.");
  choose.candidates = {
      candidate("Library Colour", "Library, 1st floor", true, false, true, true, true),
      candidate("Annex Mono", "Annex, ground floor", false, false, true, false, true),
      candidate("Basement Mono", "Basement", false, false, false, false, true),
      candidate("Plotter A0", "Design studio", true, true, false, false, false),
  };
  printline::tray::ChooserDialog chooser(choose);
  ok &= save(chooser, out.filePath("tray-chooser.png"));

  printline::tray::ChooserDialog filtered(choose);
  filtered.colour_filter()->setChecked(true);
  filtered.search_field()->setText("lib");
  ok &= save(filtered, out.filePath("tray-chooser-filtered.png"));

  auto rejected = prompt(JobState::kRejectedByDevice, "Choose a printer",
                         "Library Colour refused the job: the document is too large.");
  rejected.candidates = choose.candidates;
  printline::tray::ChooserDialog rejection(rejected);
  ok &= save(rejection, out.filePath("tray-chooser-rejected.png"));

  printline::tray::FallbackDisabledDialog disabled(
      prompt(JobState::kWaitingForServer, "The print server is offline",
             "Fallback printing is disabled in your client profile."));
  ok &= save(disabled, out.filePath("tray-fallback-disabled.png"));

  printline::client::StatusView status;
  status.balance_cents = 340;
  status.quota = "20 of 500 pages left this month";
  printline::tray::CreditDialog credit(
      prompt(JobState::kHeldForCredit, "Not enough credit or quota",
             "The job costs 12.50 and your credit, less what you printed offline, is 3.40."),
      status);
  ok &= save(credit, out.filePath("tray-not-enough-credit.png"));

  // My jobs: one of each kind of day — waiting for a choice, held, printed offline, at the server.
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
      row("4", "Poster draft.pdf", JobState::kWaitingForChoice, "",
          "The print server is offline: choose the printer to print on.", 2),
      row("3", "Thesis.pdf", JobState::kHeldForCredit, "",
          "Not enough credit: the job costs 12.50 and 3.40 is left.", 9),
      row("2", "Minutes.pdf", JobState::kPrintedOffline, "Annex Mono",
          "Printed on \"Annex Mono\" while the print server was offline; it is accounted when "
          "the server is back.",
          25),
      row("1", "Quarterly report.pdf", JobState::kAtServer, "",
          "Sent to the print server (server job 41).", 70),
  });
  jobs.select_job("4");
  ok &= save(jobs, out.filePath("tray-my-jobs.png"));
  return ok ? 0 : 1;
}
