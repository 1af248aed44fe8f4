#pragma once
// What the tray's end-to-end tests run against: a real printline-server on loopback (SQLite in
// a temporary directory) with a price list and a queue "main" printing on a RAW sink, and
// helpers to add users, fallback printers (real RAW sinks) and client profiles. The server can
// go down and come back on the same address and data, as an outage does.
//
// Each user then gets a real ClientDaemon (RunningClient) and a control socket (TrayClient).

#include <QTest>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "client/control_socket_server.h"
#include "client/running_client.h"
#include "model/client_profile.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"
#include "tray/tray_app.h"

namespace printline::testing {

// A real one-page PDF that nobody here wrote (SPEC §4).
inline const std::filesystem::path kTrayTestPdf = "/usr/share/cups/data/default-testpage.pdf";
inline constexpr const char* kTrayTestPassword = "tray-user-password-1";

class TrayTestOffice {
 public:
  // Prices: 0.10 a mono page, 0.50 a colour page (A4, Letter).
  TrayTestOffice();

  std::string base_url() const { return base_url_; }
  store::Store& store() { return *store_; }
  // What the server's queue printed.
  const RawSinkPeer& server_printer() const { return server_sink_; }

  // A user with kTrayTestPassword and this much credit.
  model::User add_user(const std::string& login, std::int64_t balance_cents);
  // A Kyocera whose device spooling port is the sink (FP-9: each printer its own port).
  model::Printer add_printer(const std::string& name, const RawSinkPeer& sink);
  // A profile for `users` naming this server; fallback on these printers, or disabled.
  void add_profile(const std::string& name, const std::vector<std::string>& users,
                   bool fallback_enabled, const std::vector<std::int64_t>& printer_ids = {},
                   model::ReleaseCondition release = model::ReleaseCondition::kAlways);

  void stop_server();
  // Back on the same port with the same data.
  void start_server();

 private:
  TempDir data_{"printline-tray-server"};
  RawSinkPeer server_sink_;
  std::unique_ptr<RunningServer> server_;
  int port_ = 0;
  std::string base_url_;
  std::unique_ptr<store::Store> store_;
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
