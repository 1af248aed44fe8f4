#pragma once
// A real printline-server, in-process, on a free loopback port with a temporary data directory
// and a known administrator password. Stops and deletes its data when destroyed.

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "server/printline_server.h"
#include "server/server_config.h"

namespace printline::testing {

class RunningServer {
 public:
  static constexpr const char* kAdminLogin = "admin";
  static constexpr const char* kAdminPassword = "admin-password-for-tests";

  // `adjust` may change the configuration (database, TLS, limits) before the server opens.
  explicit RunningServer(const std::function<void(server::ServerConfig&)>& adjust = {});
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return server_->port(); }
  std::string base_url() const { return server_->base_url(); }
  const server::ServerConfig& config() const { return config_; }
  // An HTTP client to this server (plain HTTP; TLS tests make their own).
  std::unique_ptr<httplib::Client> client() const;
  void stop();  // stops serving early (restart tests); the destructor is then a no-op

 private:
  std::filesystem::path data_dir_;
  server::ServerConfig config_;
  std::unique_ptr<server::PrintlineServer> server_;
  std::thread serving_;
};

}  // namespace printline::testing
