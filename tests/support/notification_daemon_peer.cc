#include "support/notification_daemon_peer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace printline::testing {

namespace {

// Single quotes for sh, e.g. a bus address with '=' in it.
std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

NotificationDaemonPeer::NotificationDaemonPeer(std::string bus_address)
    : bus_address_(std::move(bus_address)) {
  // Our own configuration: not the one in the user's home, a history long enough for a test,
  // and notifications that stay until dunstctl closes them.
  const auto config = dir_ / "dunstrc";
  std::ofstream(config) << "[global]\nhistory_length = 200\nsticky_history = yes\n"
                           "idle_threshold = 0\n[urgency_low]\ntimeout = 0\n"
                           "[urgency_normal]\ntimeout = 0\n[urgency_critical]\ntimeout = 0\n";
  const std::string command = "DBUS_SESSION_BUS_ADDRESS=" + shell_quoted(bus_address_) +
                              " exec dunst -config " + shell_quoted(config.string());
  daemon_ = std::make_unique<ChildProcess>(std::vector<std::string>{"sh", "-c", command},
                                           dir_ / "dunst.log");
  for (int i = 0; i < 100; ++i) {
    if (!daemon_->running()) break;
    if (server_information().find("dunst") != std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("dunst did not start on the test's session bus (Debian package "
                           "dunst, and an X display: run under xvfb-run); see " +
                           (dir_ / "dunst.log").string());
}

std::string NotificationDaemonPeer::dunstctl(const std::string& arguments) const {
  const std::string command =
      "DBUS_SESSION_BUS_ADDRESS=" + shell_quoted(bus_address_) + " " + arguments + " 2>/dev/null";
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
      output.append(buffer, n);
    }
    ::pclose(pipe);
  }
  return output;
}

std::string NotificationDaemonPeer::server_information() const {
  return dunstctl(
      "dbus-send --session --print-reply --dest=org.freedesktop.Notifications "
      "/org/freedesktop/Notifications org.freedesktop.Notifications.GetServerInformation");
}

std::vector<NotificationDaemonPeer::Notification> NotificationDaemonPeer::shown() const {
  // Shown ones are not in the history until closed; closing them all makes it complete.
  dunstctl("dunstctl close-all");
  std::vector<std::pair<long long, Notification>> found;
  for (int attempt = 0; attempt < 20; ++attempt) {
    found.clear();
    const auto history = nlohmann::json::parse(dunstctl("dunstctl history"), nullptr, false);
    if (!history.is_discarded() && history.contains("data") && !history["data"].empty()) {
      for (const auto& entry : history["data"][0]) {
        auto text = [&entry](const char* key) {
          return entry.contains(key) ? entry[key].value("data", std::string()) : std::string();
        };
        found.push_back({entry.contains("id") ? entry["id"].value("data", 0LL) : 0,
                         {text("appname"), text("summary"), text("body")}});
      }
      if (dunstctl("dunstctl count displayed").find_first_not_of("0\n") == std::string::npos) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<Notification> out;
  for (auto& [id, notification] : found) out.push_back(std::move(notification));
  return out;
}

}  // namespace printline::testing
