#pragma once
// What the tray's end-to-end tests run against: the client tests' office (a real
// printline-server that can go down and come back, users, RAW printers, profiles).
//
// Each user then gets a real ClientDaemon (RunningClient) and a control socket (TrayClient).

#include <QTest>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "client/control_socket_server.h"
#include "client/running_client.h"
#include "client/test_office.h"
#include "support/temp_dir.h"
#include "tray/tray_app.h"

namespace printline::testing {

// A real one-page PDF that nobody here wrote (SPEC §4).
inline const std::filesystem::path kTrayTestPdf = "/usr/share/cups/data/default-testpage.pdf";
inline constexpr const char* kTrayTestPassword = kTestOfficePassword;

// The client tests' office (client/test_office.h), its printers Kyocera ones on their own
// spooling ports.
class TrayTestOffice : public TestOffice {
 public:
  TrayTestOffice() : TestOffice(Printers::kKyoceraSpoolingPort) {}
};

// One user's desktop client: a real daemon logged in while the server is up, and its control
// socket in a directory of its own — what printline-client runs.
class TrayClient {
 public:
  TrayClient(TrayTestOffice& office, const std::string& login);
  ~TrayClient();

  RunningClient& client() { return *client_; }
  client::ControlSocketServer& control() { return *control_; }
  const std::filesystem::path& socket() const { return socket_; }
  // The daemon stops and starts again on the same outbox; the socket too.
  void restart();

 private:
  void open_socket();

  TempDir run_dir_{"printline-tray-run"};
  std::filesystem::path socket_ = run_dir_.path() / "control.sock";
  std::unique_ptr<RunningClient> client_;
  std::unique_ptr<client::ControlSocketServer> control_;
};

// Submits kTrayTestPdf as `title` and returns the dialog `tray` opened for the job's prompt,
// once it is on screen; nullptr when none of type Dialog came within 20 s. *uuid: the job.
template <typename Dialog>
Dialog* submit_and_wait_for_dialog(tray::TrayApp& tray, RunningClient& client,
                                   const std::string& title, std::string* uuid) {
  auto job = client.submit_file(kTrayTestPdf, title);
  if (!job.ok()) return nullptr;
  *uuid = job->uuid;
  if (!QTest::qWaitFor([&] { return tray.dialog_for(*uuid) != nullptr; }, 20000)) return nullptr;
  QTest::qWait(300);  // a prompt re-sent at subscribe replaces the dialog: take the last one
  auto* dialog = qobject_cast<Dialog*>(tray.dialog_for(*uuid));
  if (dialog == nullptr || !QTest::qWaitForWindowExposed(dialog)) return nullptr;
  return dialog;
}

}  // namespace printline::testing
