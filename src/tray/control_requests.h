#pragma once
// The tray's answers to the daemon: one short connection per request (`choose`, `retry`,
// `cancel`, `status`, `jobs`), from the GUI thread — the daemon answers these at once.

#include <QString>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/control_socket_client.h"

namespace printline::tray {

class ControlRequests {
 public:
  explicit ControlRequests(std::filesystem::path socket_path)
      : socket_path_(std::move(socket_path)) {}

  // Each returns the answer, or the daemon's (or the connection's) sentence for people.
  client::ControlResult<nlohmann::json> choose(const QString& job, const QString& printer);
  client::ControlResult<nlohmann::json> retry(const QString& job);
  client::ControlResult<nlohmann::json> cancel(const QString& job);
  client::ControlResult<client::StatusView> status();
  // Newest first.
  client::ControlResult<std::vector<client::JobView>> jobs();
  // The profile's fallback printers with live reachability (the chooser's candidates).
  client::ControlResult<std::vector<client::CandidateView>> printers();

  const std::filesystem::path& socket_path() const { return socket_path_; }

 private:
  client::ControlResult<nlohmann::json> send(const client::ControlRequest& request);
  // send(), then the answer's `field` read as T.
  template <typename T>
  client::ControlResult<T> fetch(const client::ControlRequest& request, const char* field);

  std::filesystem::path socket_path_;
};

}  // namespace printline::tray
