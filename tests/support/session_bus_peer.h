#pragma once
// A D-Bus session bus of a test's own: Debian's dbus-daemon --session on a socket in a
// temporary directory, so desktop notifications can be tested without touching (or needing)
// the session of whoever runs the tests.
//
//   SessionBusPeer bus;                       // throws std::runtime_error if it cannot start
//   DesktopNotifier notifier(bus.address());  // "unix:path=/tmp/…/bus"
//   bus.export_address();                     // or: every later client (Qt, dunst) uses it

#include <filesystem>
#include <memory>
#include <string>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

class SessionBusPeer {
 public:
  SessionBusPeer();

  const std::string& address() const { return address_; }
  // Sets DBUS_SESSION_BUS_ADDRESS for this process and the children it starts from now on.
  void export_address() const;

 private:
  TempDir dir_{"printline-dbus"};
  std::string address_;
  std::unique_ptr<ChildProcess> daemon_;
};

}  // namespace printline::testing
