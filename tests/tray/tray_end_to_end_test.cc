// printline-tray end to end under Xvfb (issue 6): a real printline-server that then stops, a
// real ClientDaemon with its control socket, two fallback printers that are real RAW sinks
// (socat). A job comes in, the daemon prompts, the tray's chooser appears, the test picks a
// printer with the keyboard the way a person would, and the job arrives at that printer only.
// Before that, the daemon restarts under the tray: it reconnects and shows the pending prompt again.
// Then, with a real notification server (dunst) on a session bus of the test's own, the next
// job goes to that printer automatically and the tray's notification — which printer, and why
// (FP-7a) — reaches dunst once: the daemon's own notifier stays quiet while the tray is
// connected, and takes over when the tray is gone.

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <fstream>
#include <iterator>
#include <thread>

#include "client/control_socket_server.h"
#include "client/desktop_notifier.h"
#include "client/running_client.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/must.h"
#include "support/notification_daemon_peer.h"
#include "support/raw_sink_peer.h"
#include "support/session_bus_peer.h"
#include "support/temp_dir.h"
#include "tray/chooser_dialog.h"
#include "tray/tray_app.h"

using namespace printline;
using namespace printline::testing;
using client::JobState;

namespace {

// A real one-page PDF that nobody here wrote (SPEC §4).
const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "alice-password-1";

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

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
    server_ = std::make_unique<RunningServer>(
        [this](server::ServerConfig& config) { config.data_dir = data_.path() / "data"; });
    store_ = must(store::open_sqlite_store((data_.path() / "data" / "printline.db").string()));
    model::PriceList prices;
    for (auto paper : {model::PaperSize::kA4, model::PaperSize::kLetter}) {
      prices.prices.push_back({paper, false, 10});
      prices.prices.push_back({paper, true, 50});
    }
    must(store_->set_price_list(prices, store::system_actor()));
    model::User alice;
    alice.login = "alice";
    alice.name = "Alice";
    alice = must(store_->create_user(alice, kPassword, store::system_actor()));
    must(store_->top_up(alice.id, 10000, "test", store::system_actor()));
    auto on_server = printer("server-raw", server_sink_);
    model::PrintQueue queue;
    queue.name = "main";
    queue.printer_id = on_server.id;
    must(store_->create_queue(queue, store::system_actor()));

    model::ClientProfile profile;
    profile.name = "office";
    profile.assigned_users = {"alice"};
    profile.server_addresses = {server_->base_url()};
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {printer("hall-raw", hall_).id, printer("lab-raw", lab_).id};
    must(store_->create_profile(profile, store::system_actor()));

    client_ = std::make_unique<RunningClient>(server_->base_url());
    client_->login("alice", kPassword);
    QVERIFY(client_->wait_for_online(true));
    control_ = std::make_unique<client::ControlSocketServer>(client_->daemon(), socket_);
    auto started = control_->start();
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    server_.reset();  // the print server goes down
    QVERIFY(client_->wait_for_online(false));
  }

  void cleanupTestCase() {
    if (control_) control_->stop();
  }

  // A prompt pending before the tray starts is shown at once (D3); when the daemon restarts,
  // the tray reconnects by itself and the prompt comes back; cancelling elsewhere closes it.
  void pendingPromptAtStartAndAgainAfterTheDaemonRestarts() {
    auto job = must(client_->submit_file(kTestPdf, "poster.pdf"));
    auto waiting = client_->wait_for_state(job.uuid, JobState::kWaitingForChoice);
    QVERIFY(waiting && waiting->state == JobState::kWaitingForChoice);

    tray::TrayApp tray(socket_, QString());
    QSignalSpy opened(&tray, &tray::TrayApp::dialogOpened);
    tray.start();
    QVERIFY(opened.wait(20000));
    QVERIFY(qobject_cast<tray::ChooserDialog*>(tray.dialog_for(job.uuid)));

    control_->stop();
    control_.reset();
    client_->restart();  // the daemon stops and starts again on the same outbox
    control_ = std::make_unique<client::ControlSocketServer>(client_->daemon(), socket_);
    auto started = control_->start();
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());

    opened.clear();
    QVERIFY2(opened.wait(20000), "the tray did not show the prompt again after the restart");
    QTest::qWait(300);
    auto* chooser = qobject_cast<tray::ChooserDialog*>(tray.dialog_for(job.uuid));
    QVERIFY(chooser);
    QVERIFY(QTest::qWaitForWindowExposed(chooser));
    // Cancelling elsewhere (here: the daemon itself, as `printline cancel` would) withdraws the
    // prompt, and the tray closes the chooser. No printer got anything, and no history was
    // made, so the next test still gets a choice.
    QVERIFY(client_->daemon().cancel(job.uuid).ok());
    QTRY_VERIFY_WITH_TIMEOUT(tray.dialog_for(job.uuid) == nullptr, 10000);
    QCOMPARE(hall_.received(), std::string());
    QCOMPARE(lab_.received(), std::string());
  }

  void chooserAppearsAndTheChosenPrinterGetsTheJob() {
    tray::TrayApp tray(socket_, QString());
    QSignalSpy opened(&tray, &tray::TrayApp::dialogOpened);
    tray.start();

    auto job = must(client_->submit_file(kTestPdf, "thesis.pdf"));
    QVERIFY(opened.wait(20000));
    QTest::qWait(300);  // a prompt re-sent at subscribe replaces the dialog: take the last one
    auto* chooser = qobject_cast<tray::ChooserDialog*>(tray.dialog_for(job.uuid));
    QVERIFY2(chooser, "the prompt did not open the chooser");
    QVERIFY(QTest::qWaitForWindowExposed(chooser));
    QCOMPARE(chooser->shown_printers(), QStringList({"hall-raw", "lab-raw"}));

    // The keyboard alone: type to filter, Enter to print.
    QTest::keyClicks(chooser->search_field(), "lab");
    QCOMPARE(chooser->shown_printers(), QStringList({"lab-raw"}));
    QTest::keyClick(chooser->search_field(), Qt::Key_Return);
    QTRY_VERIFY(tray.dialog_for(job.uuid) == nullptr || !tray.dialog_for(job.uuid)->isVisible());

    auto printed = client_->wait_for_state(job.uuid, JobState::kPrintedOffline);
    QVERIFY(printed);
    QVERIFY2(printed->state == JobState::kPrintedOffline, printed->reason.c_str());
    QCOMPARE(QString::fromStdString(printed->printer), QString("lab-raw"));
    const std::string pdf = file_text(kTestPdf);
    QTRY_VERIFY_WITH_TIMEOUT(lab_.received().find(pdf) != std::string::npos, 10000);
    QCOMPARE(hall_.received(), std::string());
  }

  // lab-raw is now the one printer in Alice's history, so the next job goes there at once.
  void automaticFallbackIsNotifiedOnceThroughTheDesktopsNotificationServer() {
    QVERIFY2(desktop->notifications->server_information().find("dunst") != std::string::npos,
             "dunst does not answer on the test's session bus");
    // The daemon's own desktop notifier, wired as printline-client wires it.
    client::ControlSocketServer* control = control_.get();
    const auto daemon_notifies = client::show_notifications_on_desktop(
        client_->daemon(), std::make_shared<client::DesktopNotifier>(desktop->bus.address()),
        [control] { return control->desktop_app_connected(); });
    {
      tray::TrayApp tray(socket_, QString());
      tray.start();
      QTRY_VERIFY_WITH_TIMEOUT(control->desktop_app_connected(), 10000);

      auto job = must(client_->submit_file(kTestPdf, "minutes.pdf"));
      auto printed = client_->wait_for_state(job.uuid, JobState::kPrintedOffline);
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
    auto job = must(client_->submit_file(kTestPdf, "agenda.pdf"));
    QVERIFY(client_->wait_for_state(job.uuid, JobState::kPrintedOffline));
    QTRY_VERIFY_WITH_TIMEOUT(!shown_about("\"agenda.pdf\"").empty(), 10000);
    QTest::qWait(500);
    QCOMPARE(int(shown_about("\"agenda.pdf\"").size()), 1);
  }

 private:
  // A Kyocera whose device spooling port is a RAW sink of its own (FP-9: one port each).
  model::Printer printer(const std::string& name, const RawSinkPeer& sink) {
    model::Printer p;
    p.name = name;
    p.location = name + " room";
    p.device_uri = "socket://127.0.0.1:" + std::to_string(sink.port());
    p.vendor = "Kyocera";
    p.spooling_port = model::DevicePort{model::PortProtocol::kRaw, sink.port(), ""};
    return must(store_->create_printer(p, store::system_actor()));
  }

  TempDir data_{"printline-tray-server"};
  TempDir run_dir_{"printline-tray-run"};
  const std::filesystem::path socket_ = run_dir_.path() / "control.sock";
  RawSinkPeer server_sink_;
  RawSinkPeer hall_;
  RawSinkPeer lab_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<RunningClient> client_;
  std::unique_ptr<client::ControlSocketServer> control_;
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
