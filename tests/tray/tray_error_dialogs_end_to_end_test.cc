// printline-tray's error dialogs end to end under Xvfb (issue 6), opened by live events of real
// daemons while the real print server is down:
// - Bob's profile has fallback printing disabled (FP-8, D4): the tray shows "fallback
//   disabled"; Retry keeps the job, and once the server is back it prints there; Cancel asks,
//   then the daemon cancels the job. "My jobs" follows each job's state from the events.
// - Carol's profile releases only with enough credit (FP-5, D5) and she has 0.05 left: the tray
//   shows what the job costs and what is left; Cancel (confirmed) cancels it at the daemon.

#include <QApplication>
#include <QLabel>
#include <QTableWidget>
#include <QTest>

#include "confirmation_answer.h"
#include "support/file_text.h"
#include "support/must.h"
#include "tray/credit_dialog.h"
#include "tray/fallback_disabled_dialog.h"
#include "tray/jobs_window.h"
#include "tray/tray_app.h"
#include "tray_test_office.h"

using namespace printline;
using namespace printline::testing;
using client::JobState;

namespace {

// The state column of this job's row in "My jobs"; empty when it has no row.
QString shown_state(tray::JobsWindow* window, const QString& title) {
  for (int row = 0; window && row < window->table()->rowCount(); ++row) {
    if (window->table()->item(row, 0)->text() == title) return window->table()->item(row, 1)->text();
  }
  return QString();
}

}  // namespace

class TrayErrorDialogsEndToEndTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY2(QGuiApplication::platformName() != "offscreen",
             "run under an X server (xvfb-run -a): this test is the real desktop path");
    office_ = std::make_unique<TrayTestOffice>();
    office_->add_user("bob", 10000);
    office_->add_user("carol", 5);
    office_->add_profile("strict", {"bob"}, false);
    office_->add_profile("credit", {"carol"}, true, {office_->add_printer("hall-raw", hall_).id},
                         model::ReleaseCondition::kCreditQuota);
    bob_ = std::make_unique<TrayClient>(*office_, "bob");
    carol_ = std::make_unique<TrayClient>(*office_, "carol");
    office_->stop_server();
    QVERIFY(bob_->client().wait_for_online(false));
    QVERIFY(carol_->client().wait_for_online(false));
  }

  void fallbackDisabledRetryPrintsOnceTheServerIsBack() {
    tray::TrayApp tray(bob_->socket(), QString());
    tray.start();
    tray.show_jobs();

    std::string uuid;
    auto* dialog = submit_and_wait_for_dialog<tray::FallbackDisabledDialog>(
        tray, bob_->client(), "budget.pdf", &uuid);
    QVERIFY2(dialog, "the daemon's D4 prompt did not open the fallback-disabled dialog");
    const QString message = dialog->findChild<QLabel*>("message")->text();
    QVERIFY2(message.contains("budget.pdf") && message.contains("fallback printing is disabled"),
             qPrintable(message));
    QTRY_COMPARE(shown_state(tray.jobs_window(), "budget.pdf"), QString("Waiting for the server"));

    QTest::mouseClick(dialog->retry_button(), Qt::LeftButton);
    // The daemon took the answer: the prompt is withdrawn, the job kept for the server.
    QTRY_VERIFY_WITH_TIMEOUT(tray.dialog_for(uuid) == nullptr, 10000);
    auto kept = bob_->client().daemon().job(uuid);
    QVERIFY(kept && kept->state == JobState::kWaitingForServer);
    QVERIFY2(kept->reason.find("as soon as the server answers") != std::string::npos,
             kept->reason.c_str());

    office_->start_server();
    auto sent = bob_->client().wait_for_state(uuid, JobState::kAtServer);
    QVERIFY(sent);
    QVERIFY2(sent->state == JobState::kAtServer, sent->reason.c_str());
    const std::string pdf = read_file(kTrayTestPdf);
    QTRY_VERIFY_WITH_TIMEOUT(occurrences(office_->server_printer().received(), pdf) == 1, 20000);
    QTRY_COMPARE(shown_state(tray.jobs_window(), "budget.pdf"), QString("At the print server"));

    office_->stop_server();
    QVERIFY(bob_->client().wait_for_online(false));
    QVERIFY(carol_->client().wait_for_online(false));
  }

  void fallbackDisabledCancelAsksThenCancelsAtTheDaemon() {
    tray::TrayApp tray(bob_->socket(), QString());
    tray.start();

    std::string uuid;
    auto* dialog = submit_and_wait_for_dialog<tray::FallbackDisabledDialog>(
        tray, bob_->client(), "draft.pdf", &uuid);
    QVERIFY(dialog);

    bool asked = false;
    answer_confirmation_with("Cancel the job", &asked);
    QTest::mouseClick(dialog->cancel_button(), Qt::LeftButton);
    QVERIFY(asked);
    auto cancelled = bob_->client().wait_for_state(uuid, JobState::kCancelled);
    QVERIFY(cancelled && cancelled->state == JobState::kCancelled);
    QVERIFY(!std::filesystem::exists(bob_->client().daemon().spool_dir() / uuid));
    QTRY_VERIFY_WITH_TIMEOUT(tray.dialog_for(uuid) == nullptr, 10000);
  }

  void notEnoughCreditShowsCostAndWhatIsLeftAndCancelCancels() {
    tray::TrayApp tray(carol_->socket(), QString());
    tray.start();

    std::string uuid;
    auto* dialog = submit_and_wait_for_dialog<tray::CreditDialog>(tray, carol_->client(),
                                                                  "poster.pdf", &uuid);
    QVERIFY2(dialog, "the daemon's D5 prompt did not open the credit dialog");
    auto held = carol_->client().daemon().job(uuid);
    QVERIFY(held && held->state == JobState::kHeldForCredit);
    QVERIFY(held->estimated_cost_cents > 5);
    const QString text = dialog->message_label()->text();
    QVERIFY2(text.contains("poster.pdf"), qPrintable(text));
    // In the server's currency (EUR by default), told to the daemon with the user's balance.
    QVERIFY2(text.contains("The job costs " + tray::money_text(held->estimated_cost_cents, "EUR")),
             qPrintable(text));
    QVERIFY2(text.contains("Your credit left: €0.05"), qPrintable(text));

    bool asked = false;
    answer_confirmation_with("Cancel the job", &asked);
    QTest::mouseClick(dialog->cancel_button(), Qt::LeftButton);
    QVERIFY(asked);
    auto cancelled = carol_->client().wait_for_state(uuid, JobState::kCancelled);
    QVERIFY(cancelled && cancelled->state == JobState::kCancelled);
    QCOMPARE(hall_.received(), std::string());  // held jobs never reach a printer
  }

 private:
  RawSinkPeer hall_;
  std::unique_ptr<TrayTestOffice> office_;
  std::unique_ptr<TrayClient> bob_;
  std::unique_ptr<TrayClient> carol_;
};

QTEST_MAIN(TrayErrorDialogsEndToEndTest)
#include "tray_error_dialogs_end_to_end_test.moc"
