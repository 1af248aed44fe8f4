#include "server/running_server.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <stdexcept>

namespace printline::testing {

RunningServer::RunningServer(const std::function<void(server::ServerConfig&)>& adjust) {
  // Under $TMPDIR like every other test directory (support/temp_dir.cc), so a bench or a test
  // run can put both servers it compares on the same file system.
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                        "/printline-server-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  data_dir_ = pattern;
  std::ofstream(data_dir_ / "admin-password") << kAdminPassword << "\n";
  config_.data_dir = data_dir_ / "data";
  config_.listen_port = 0;
  config_.admin_password_file = data_dir_ / "admin-password";
  config_.log_level = "warn";
  if (adjust) adjust(config_);
  auto opened = server::PrintlineServer::open(config_);
  if (!opened.ok()) {
    std::filesystem::remove_all(data_dir_);
    throw std::runtime_error("printline-server did not start: " + opened.error().message);
  }
  server_ = std::move(*opened);
  serving_ = std::thread([this] { server_->run(); });
}

RunningServer::~RunningServer() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

void RunningServer::stop() {
  if (!serving_.joinable()) return;
  server_->stop();
  serving_.join();
}

std::unique_ptr<httplib::Client> RunningServer::client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port());
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(30, 0);
  return client;
}

}  // namespace printline::testing
