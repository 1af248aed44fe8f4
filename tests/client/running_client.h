#pragma once
// A real ClientDaemon, in-process, on a temporary state directory, talking to a running
// printline-server (tests/server/running_server.h) or to any addresses. Records every event.
// Restartable on the same state directory, so crash and recovery tests can use it.
//
//   RunningServer server;
//   RunningClient client(server.base_url());
//   client.login("alice", "password");
//   auto job = client.submit_text("hello\n");
//   client.wait_for_state(job->uuid, JobState::kAtServer);

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/client_config.h"
#include "client/client_daemon.h"
#include "support/temp_dir.h"

namespace printline::testing {

class RunningClient {
 public:
  // Fast settings for tests: heartbeat 200 ms, connect timeout 1 s, probe 300 ms.
  // `adjust` may change the configuration before the daemon opens.
  explicit RunningClient(const std::string& servers,
                         const std::function<void(client::ClientConfig&)>& adjust = {});
  ~RunningClient();
  RunningClient(const RunningClient&) = delete;
  RunningClient& operator=(const RunningClient&) = delete;

  client::ClientDaemon& daemon() { return *daemon_; }
  const client::ClientConfig& config() const { return config_; }
  const std::filesystem::path& state_dir() const { return config_.state_dir; }

  // Stops the daemon (threads joined) and opens a new one on the same state directory.
  void restart();
  // Stops without reopening (the state directory stays until destruction).
  void stop();
  void start();

  // Logs in through the daemon; throws std::runtime_error with the message on failure.
  void login(const std::string& login, const std::string& password);

  Result<client::JobView> submit_file(const std::filesystem::path& path,
                                      const std::string& title = "", int copies = 1);
  Result<client::JobView> submit_text(const std::string& content, const std::string& title = "");

  // The job once it is in `state`, or its last view after the timeout (nullopt if unknown).
  std::optional<client::JobView> wait_for_state(
      const std::string& uuid, client::JobState state,
      std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Waits until the daemon's status says online (or offline).
  bool wait_for_online(bool online, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Waits until the daemon's status satisfies `holds` (asking the server meanwhile).
  bool wait_for_status(const std::function<bool(const client::StatusView&)>& holds,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20));

  std::vector<client::ClientEvent> events() const;
  // The first recorded event of `kind` about job `uuid` (any job if empty), waiting for it.
  std::optional<client::ClientEvent> wait_for_event(
      client::ClientEvent::Kind kind, const std::string& uuid = "",
      std::chrono::milliseconds timeout = std::chrono::seconds(20));

 private:
  void open();

  TempDir dir_{"printline-client"};
  client::ClientConfig config_;
  std::unique_ptr<client::ClientDaemon> daemon_;
  std::unique_ptr<client::Subscription> subscription_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<client::ClientEvent> events_;
};

}  // namespace printline::testing
