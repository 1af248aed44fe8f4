#include "support/ipp_eve_printer_peer.h"

#include <cups/cups.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "support/loopback_port.h"

namespace printline::testing {

namespace {

// ippeveprinter needs DNS-SD (avahi on a D-Bus system bus) even with registration off. Each
// peer gets its own bus and avahi in a private mount namespace (tmpfs over /run/dbus and
// /run/avahi-daemon), avahi restricted to the loopback interface with publishing off: nothing
// global is started or changed, nothing is announced on the network, and all three processes
// share the peer's process group, so they stop together.
constexpr const char* kAvahiConfig =
    "[server]\nallow-interfaces=lo\nuse-ipv4=yes\nuse-ipv6=yes\nenable-dbus=yes\n"
    "[wide-area]\nenable-wide-area=no\n[publish]\ndisable-publishing=yes\n";

constexpr const char* kPrivateDnsSd = R"(set -e
mkdir -p /run/dbus /run/avahi-daemon
mount -t tmpfs tmpfs /run/dbus
mount -t tmpfs tmpfs /run/avahi-daemon
dbus-daemon --system --nofork --nopidfile &
i=0; until [ -S /run/dbus/system_bus_socket ]; do sleep 0.02; i=$((i+1)); [ $i -lt 500 ]; done
avahi-daemon -f "$0" --no-drop-root --no-chroot --no-rlimits &
i=0; until avahi-daemon --check 2>/dev/null; do sleep 0.02; i=$((i+1)); [ $i -lt 500 ]; done
exec "$@")";

}  // namespace

IppEvePrinterPeer::IppEvePrinterPeer(std::string name, bool tls,
                                     std::vector<std::string> options) {
  std::filesystem::create_directories(spool_dir());
  const std::filesystem::path avahi_config = dir_.path() / "avahi-daemon.conf";
  std::ofstream(avahi_config) << kAvahiConfig;
  for (int attempt = 0; attempt < 3 && !process_; ++attempt) {
    port_ = pick_free_port();
    std::vector<std::string> argv{
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        kPrivateDnsSd,
        avahi_config.string(),
        "ippeveprinter",
        "-r",
        "off",
        "-p",
        std::to_string(port_),
        "-d",
        spool_dir().string(),
        "-k",
        "-f",
        "application/pdf,application/postscript,application/octet-stream"};
    if (tls) {  // a self-signed certificate is made in this directory
      std::filesystem::create_directories(dir_.path() / "keys");
      argv.insert(argv.end(), {"-K", (dir_.path() / "keys").string()});
    }
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back(name);
    auto process = std::make_unique<ChildProcess>(std::move(argv), log_file());
    if (wait_until_listening(port_, std::chrono::seconds(15), [&] { return process->running(); })) {
      process_ = std::move(process);
    }
  }
  if (!process_) {
    throw std::runtime_error(
        "ippeveprinter did not start (it needs root for its private D-Bus "
        "and avahi); see " +
        log_file().string());
  }
  uri_ = std::string(tls ? "ipps" : "ipp") + "://127.0.0.1:" + std::to_string(port_) + "/ipp/print";
}

std::optional<std::filesystem::path> IppEvePrinterPeer::spooled_document(
    int job_id, std::chrono::milliseconds timeout) const {
  const std::string prefix = std::to_string(job_id) + "-";
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    for (const auto& entry : std::filesystem::directory_iterator(spool_dir())) {
      if (entry.path().filename().string().starts_with(prefix)) return entry.path();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  return std::nullopt;
}

int IppEvePrinterPeer::documents_received() const {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(spool_dir())) {
    if (entry.is_regular_file()) ++count;
  }
  return count;
}

std::optional<int> IppEvePrinterPeer::job_state(int job_id) const {
  http_t* http = httpConnect2("127.0.0.1", port_, nullptr, AF_INET, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                              5000, nullptr);
  if (http == nullptr) return std::nullopt;
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri_.c_str());
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ipp_t* response = cupsDoRequest(http, request, "/ipp/print");
  std::optional<int> state;
  if (ipp_attribute_t* attribute = ippFindAttribute(response, "job-state", IPP_TAG_ENUM)) {
    state = ippGetInteger(attribute, 0);
  }
  ippDelete(response);
  httpClose(http);
  return state;
}

std::optional<int> IppEvePrinterPeer::wait_until_job_finished(
    int job_id, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<int> state;
  while (std::chrono::steady_clock::now() < deadline) {
    state = job_state(job_id);
    if (state && *state >= IPP_JSTATE_CANCELED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return state;
}

}  // namespace printline::testing
