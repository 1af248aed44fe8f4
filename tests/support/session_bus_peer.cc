#include "support/session_bus_peer.h"

#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace printline::testing {

SessionBusPeer::SessionBusPeer() : address_("unix:path=" + (dir_ / "bus").string()) {
  daemon_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"dbus-daemon", "--session", "--nofork", "--nopidfile",
                               "--address=" + address_},
      dir_ / "dbus.log");
  for (int i = 0; i < 100 && !std::filesystem::exists(dir_ / "bus"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!std::filesystem::exists(dir_ / "bus")) {
    throw std::runtime_error("dbus-daemon --session did not start (Debian package dbus); see " +
                             (dir_ / "dbus.log").string());
  }
}

void SessionBusPeer::export_address() const {
  ::setenv("DBUS_SESSION_BUS_ADDRESS", address_.c_str(), 1);
}

}  // namespace printline::testing
