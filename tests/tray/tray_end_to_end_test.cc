// printline-tray end to end under Xvfb (issue 6): a real printline-server that then stops, a
// real ClientDaemon with its control socket, two fallback printers that are real RAW sinks
// (socat). A job comes in, the daemon prompts, the tray's chooser appears, the test picks a
// printer with the keyboard the way a person would, and the job arrives at that printer only.
// Before that, the daemon restarts under the tray: it reconnects and shows the pending prompt
// again, and a chooser closed without choosing comes back from "My jobs".
// Then, with a real notification server (dunst) on a session bus of the test's own, the next
// job goes to that printer automatically and the tray's notification — which printer, and why
// (FP-7a) — reaches dunst once: the daemon's own notifier stays quiet while the tray is
// connected, and takes over when the tray is gone.

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <thread>

#include "client/desktop_notifier.h"
#include "support/file_text.h"
#include "support/must.h"
#include "support/notification_daemon_peer.h"
#include "support/session_bus_peer.h"
#include "tray/chooser_dialog.h"
#include "tray/jobs_window.h"
#include "tray/tray_app.h"
#include "tray_test_office.h"

using namespace printline;
using namespace printline::testing;
using client::JobState;

namespace {

// The desktop session the tray runs in: a session bus of our own with dunst serving
// org.freedesktop.Notifications on it. Made in main(), before QApplication connects to a bus.
struct DesktopSession {
  SessionBusPeer bus;
  std::unique_ptr<NotificationDaemonPeer> notifications;
};
DesktopSession* desktop = nullptr;

// The notifications dunst received whose body mentions `text`.
std::vector<NotificationDaemonPeer::Notification> shown_about(const std::string& text) {
  std::vector<NotificationDaemonPeer::Notification> found;
  for (auto& shown : desktop->notifications->shown()) {
    if (shown.body.find(text) != std::string::npos) found.push_back(shown);
  }
  return found;
}

}  // namespace

class TrayEndToEndTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY2(QGuiApplication::platformName() != "offscreen",
             "run under an X server (xvfb-run -a): this test is the real desktop path");
    office_ = std::make_unique<TrayTestOffice>();
    office_->add_user("alice", 10000);
    office_->add_profile("office", {"alice"}, true,
                         {office_->add_printer("hall-raw", hall_).id,
                          office_->add_printer("lab-raw", lab_).id});
    alice_ = std::make_unique<TrayClient>(*office_, "alice");
    office_->stop_server();  // the print server goes down
    QVERIFY(alice_->client().wait_for_online(false));
  }

  // A prompt pending before the tray starts is shown at once (D3); when the daemon restarts,
  // the tray reconnects by itself and the prompt comes back; cancelling elsewhere closes it.
  void pendingPromptAtStartAndAgainAfterTheDaemonRestarts() {
    auto job = must(alice_->client().submit_file(kTrayTestPdf, "poster.pdf"));
    auto waiting = alice_->client().wait_for_state(job.uuid, JobState::kWaitingForChoice);
    QVERIFY(waiting && waiting->state == JobState::kWaitingForChoice);

    tray::TrayApp tray(alice_->socket(), QString());
    QSignalSpy opened(&tray, &tray::TrayApp::dialogOpened);
    tray.start();
    QVERIFY(opened.wait(20000));
    QVERIFY(qobject_cast<tray::ChooserDialog*>(tray.dialog_for(job.uuid)));

    alice_->restart();  // the daemon stops and starts again on the same outbox

    opened.clear();
    QVERIFY2(opened.wait(20000), "the tray did not show the prompt again after the restart");
    QTest::qWait(300);
    auto* chooser = qobject_cast<tray::ChooserDialog*>(tray.dialog_for(job.uuid));
    QVERIFY(chooser);
    QVERIFY(QTest::qWaitForWindowExposed(chooser));

    // Closed without choosing, the chooser comes back from "My jobs": Choose a printer…
    QTest::keyClick(chooser, Qt::Key_Escape);
    QTRY_VERIFY(tray.dialog_for(job.uuid) == nullptr);
    tray.show_jobs();
    tray::JobsWindow* jobs = tray.jobs_window();
    QVERIFY(jobs && QTest::qWaitForWindowExposed(jobs));
    jobs->select_job(job.uuid);
    QCOMPARE(jobs->table()->item(0, 1)->text(), QString("Waiting for your choice"));
    QVERIFY(jobs->choose_button()->isEnabled());
    QTest::mouseClick(jobs->choose_button(), Qt::LeftButton);
    chooser = qobject_cast<tray::ChooserDialog*>(tray.dialog_for(job.uuid));
    QVERIFY2(chooser, "Choose a printer… in My jobs did not open the chooser");
    QCOMPARE(chooser->shown_printers(), QStringList({"hall-raw", "lab-raw"}));

    // Cancelling elsewhere (here: the daemon itself, as `printline cancel` would) withdraws the
    // prompt, and the tray closes the chooser. No printer got anything, and no history was
    // made, so the next test still gets a choice.
    QVERIFY(alice_->client().daemon().cancel(job.uuid).ok());
    QTRY_VERIFY_WITH_TIMEOUT(tray.dialog_for(job.uuid) == nullptr, 10000);
    QTRY_COMPARE(jobs->table()->item(0, 1)->text(), QString("Cancelled"));  // from the event
    QCOMPARE(hall_.received(), std::string());
    QCOMPARE(lab_.received(), std::string());
  }

  void chooserAppearsAndTheChosenPrinterGetsTheJob() {
    tray::TrayApp tray(alice_->socket(), QString());
    tray.start();

    std::string uuid;
    auto* chooser = submit_and_wait_for_dialog<tray::ChooserDialog>(tray, alice_->client(),
                                                                    "thesis.pdf", &uuid);
    QVERIFY2(chooser, "the prompt did not open the chooser");
    QCOMPARE(chooser->shown_printers(), QStringList({"hall-raw", "lab-raw"}));

    // The keyboard alone: type to filter, Enter to print.
    QTest::keyClicks(chooser->search_field(), "lab");
    QCOMPARE(chooser->shown_printers(), QStringList({"lab-raw"}));
    QTest::keyClick(chooser->search_field(), Qt::Key_Return);
    QTRY_VERIFY(tray.dialog_for(uuid) == nullptr || !tray.dialog_for(uuid)->isVisible());

    auto printed = alice_->client().wait_for_state(uuid, JobState::kPrintedOffline);
    QVERIFY(printed);
    QVERIFY2(printed->state == JobState::kPrintedOffline, printed->reason.c_str());
    QCOMPARE(QString::fromStdString(printed->printer), QString("lab-raw"));
    const std::string pdf = read_file(kTrayTestPdf);
    QTRY_VERIFY_WITH_TIMEOUT(lab_.received().find(pdf) != std::string::npos, 10000);
    QCOMPARE(hall_.received(), std::string());
  }

  // lab-raw is now the one printer in Alice's history, so the next job goes there at once.
  void automaticFallbackIsNotifiedOnceThroughTheDesktopsNotificationServer() {
    QVERIFY2(desktop->notifications->server_information().find("dunst") != std::string::npos,
             "dunst does not answer on the test's session bus");
    // The daemon's own desktop notifier, wired as printline-client wires it.
    client::ControlSocketServer* control = &alice_->control();
    const auto daemon_notifies = client::show_notifications_on_desktop(
        alice_->client().daemon(), std::make_shared<client::DesktopNotifier>(desktop->bus.address()),
        [control] { return control->desktop_app_connected(); });
    {
      tray::TrayApp tray(alice_->socket(), QString());
      tray.start();
      QTRY_VERIFY_WITH_TIMEOUT(control->desktop_app_connected(), 10000);

      auto job = must(alice_->client().submit_file(kTrayTestPdf, "minutes.pdf"));
      auto printed = alice_->client().wait_for_state(job.uuid, JobState::kPrintedOffline);
      QVERIFY(printed && printed->state == JobState::kPrintedOffline);
      QCOMPARE(QString::fromStdString(printed->printer), QString("lab-raw"));
      QTRY_VERIFY_WITH_TIMEOUT(!shown_about("\"minutes.pdf\"").empty(), 10000);
      QTest::qWait(500);  // a second notification would have arrived by now
      const auto shown = shown_about("\"minutes.pdf\"");
      QCOMPARE(int(shown.size()), 1);
      QCOMPARE(QString::fromStdString(shown[0].app), QString("Printline"));
      QCOMPARE(QString::fromStdString(shown[0].summary), QString("Printed on lab-raw"));
      // Which printer, and why.
      QVERIFY2(shown[0].body.find("lab-raw") != std::string::npos, shown[0].body.c_str());
      QVERIFY2(shown[0].body.find("server is offline") != std::string::npos,
               shown[0].body.c_str());
    }
    // No tray any more: the daemon notifies by itself, still once.
    QTRY_VERIFY_WITH_TIMEOUT(!control->desktop_app_connected(), 10000);
    auto job = must(alice_->client().submit_file(kTrayTestPdf, "agenda.pdf"));
    QVERIFY(alice_->client().wait_for_state(job.uuid, JobState::kPrintedOffline));
    QTRY_VERIFY_WITH_TIMEOUT(!shown_about("\"agenda.pdf\"").empty(), 10000);
    QTest::qWait(500);
    QCOMPARE(int(shown_about("\"agenda.pdf\"").size()), 1);
  }

 private:
  RawSinkPeer hall_;
  RawSinkPeer lab_;
  std::unique_ptr<TrayTestOffice> office_;
  std::unique_ptr<TrayClient> alice_;
};

int main(int argc, char** argv) {
  DesktopSession session;
  session.bus.export_address();  // the tray's QtDBus and dunst both use it
  session.notifications = std::make_unique<NotificationDaemonPeer>(session.bus.address());
  desktop = &session;
  QApplication app(argc, argv);
  TrayEndToEndTest test;
  return QTest::qExec(&test, argc, argv);
}
#include "tray_end_to_end_test.moc"
