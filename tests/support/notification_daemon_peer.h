#pragma once
// A real freedesktop notification server for tests: Debian's `dunst`, on a given session bus
// and the X display of the test (xvfb-run), with an empty configuration. What it was asked to
// show is read back with `dunstctl` (close every notification, then read its history).
//
//   SessionBusPeer bus;
//   NotificationDaemonPeer dunst(bus.address());  // throws if dunst cannot start
//   ... something sends org.freedesktop.Notifications.Notify ...
//   for (auto& shown : dunst.shown()) shown.summary, shown.body, shown.app

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

class NotificationDaemonPeer {
 public:
  struct Notification {
    std::string app, summary, body;
  };

  // Needs $DISPLAY (dunst draws on X); bus_address: the session bus to serve on.
  explicit NotificationDaemonPeer(std::string bus_address);

  // Every notification received so far, oldest first.
  std::vector<Notification> shown() const;
  // "dunst 1.9.0 (…)" from GetServerInformation, to say which server a test used.
  std::string server_information() const;

 private:
  std::string dunstctl(const std::string& arguments) const;

  TempDir dir_{"printline-dunst"};
  std::string bus_address_;
  std::unique_ptr<ChildProcess> daemon_;
};

}  // namespace printline::testing
