#pragma once
// The office the desktop client's integration tests and printline-tray's end-to-end tests
// print in: a real printline-server on loopback (SQLite in a temporary directory) with a
// price list (0.10 a mono page, 0.50 a colour page, A4 and Letter) and a queue "main" printing
// on a RAW sink, and helpers to add users, printers (each on its own sink) and client
// profiles. The server can go down and come back on the same address and data, as an outage
// does. Each test then runs its users' daemons (RunningClient) against base_url().
//
//   TestOffice office;
//   office.add_user("alice", 10000, kPassword);
//   RunningClient client(office.base_url());

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/client_profile.h"
#include "model/printer.h"
#include "model/user.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {

inline constexpr const char* kTestOfficePassword = "office-user-password-1";

class TestOffice {
 public:
  // How add_printer() makes a printer: a plain RAW printer at the sink (socket://), or a
  // Kyocera whose device spooling port is the sink (FP-9: each printer its own port).
  enum class Printers { kRawSocket, kKyoceraSpoolingPort };

  // adjust: more server settings (the data directory and the port are the office's).
  explicit TestOffice(Printers printers = Printers::kRawSocket,
                      std::function<void(server::ServerConfig&)> adjust = {});

  std::string base_url() const { return base_url_; }
  int port() const { return port_; }
  store::Store& store() { return *store_; }
  // What the server's queue "main" printed.
  const RawSinkPeer& server_printer() const { return server_sink_; }

  // A user with this password and this much credit.
  model::User add_user(const std::string& login, std::int64_t balance_cents,
                       const std::string& password = kTestOfficePassword);
  model::Printer add_printer(const std::string& name, const RawSinkPeer& sink);
  // The profile as given, naming this server when it names none.
  model::ClientProfile add_profile(model::ClientProfile profile);
  // A profile for `users`; fallback on these printers, or disabled.
  model::ClientProfile add_profile(
      const std::string& name, const std::vector<std::string>& users, bool fallback_enabled,
      const std::vector<std::int64_t>& printer_ids = {},
      model::ReleaseCondition release = model::ReleaseCondition::kAlways);

  void stop_server();
  // Back on the same port with the same data.
  void start_server();
  // Back with the same data on another port (another node, or the same one after a move).
  void start_server(int port);

 private:
  Printers printers_;
  std::function<void(server::ServerConfig&)> adjust_;
  TempDir data_{"printline-office"};
  RawSinkPeer server_sink_;
  std::unique_ptr<RunningServer> server_;
  int port_ = 0;
  std::string base_url_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace printline::testing
