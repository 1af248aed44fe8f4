#include "support/dns_sd_services.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "support/file_lock.h"

namespace printline::testing {
namespace {

bool avahi_running() { return std::system("avahi-daemon --check >/dev/null 2>&1") == 0; }

}  // namespace

void ensure_dns_sd_services() {
  FileLock lock("/tmp/printline-dns-sd-services.lock");
  if (!std::filesystem::exists("/run/dbus/system_bus_socket")) {
    std::filesystem::create_directories("/run/dbus");
    std::filesystem::remove("/run/dbus/pid");  // left by a bus that died; blocks a new one
    if (std::system("dbus-daemon --system --fork >/dev/null 2>&1") != 0) {
      throw std::runtime_error("cannot start the D-Bus system bus (dbus-daemon --system --fork)");
    }
  }
  if (avahi_running()) return;
  std::system("avahi-daemon --no-drop-root --no-chroot -D >/dev/null 2>&1");
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (avahi_running()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error(
      "cannot start avahi-daemon (avahi-daemon --no-drop-root --no-chroot -D); ippeveprinter "
      "needs it");
}

}  // namespace printline::testing
