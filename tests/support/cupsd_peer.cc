#include "support/cupsd_peer.h"

#include <cups/cups.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/loopback_port.h"

namespace printline::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDebianServerBin = "/usr/lib/cups";
constexpr const char* kPrivateCupsClient = "/usr/local/lib/printline-test-tools/cups-client";

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// ServerBin: every standard directory linked from Debian's, backend/ rebuilt so that extra
// backends sit beside the standard ones.
void make_server_bin(const fs::path& bin,
                     const std::vector<std::pair<std::string, fs::path>>& extra_backends) {
  fs::create_directories(bin / "backend");
  for (const auto& entry : fs::directory_iterator(kDebianServerBin)) {
    const auto name = entry.path().filename();
    if (name == "backend") continue;
    fs::create_symlink(entry.path(), bin / name);
  }
  for (const auto& entry : fs::directory_iterator(fs::path(kDebianServerBin) / "backend")) {
    // An installed backend of an extra's name (machine_install_test installs Printline's) is
    // not linked: copying the extra over the link would overwrite the installed file.
    const bool replaced =
        std::any_of(extra_backends.begin(), extra_backends.end(),
                    [&](const auto& extra) { return extra.first == entry.path().filename(); });
    if (replaced) continue;
    fs::create_symlink(entry.path(), bin / "backend" / entry.path().filename());
  }
  for (const auto& [name, program] : extra_backends) {
    const fs::path copy = bin / "backend" / name;
    fs::copy_file(program, copy, fs::copy_options::overwrite_existing);
    fs::permissions(copy, fs::perms::owner_all);  // 0700: cupsd runs it as root
  }
}

bool answers_ipp(int port) {
  http_t* http = httpConnect2("127.0.0.1", port, nullptr, AF_INET, HTTP_ENCRYPTION_IF_REQUESTED,
                              1, 200, nullptr);
  if (http == nullptr) return false;
  httpClose(http);
  return true;
}

}  // namespace

CupsdPeer::CupsdPeer(std::vector<CupsQueue> queues,
                     std::vector<std::pair<std::string, fs::path>> extra_backends) {
  const fs::path root = dir_.path();
  for (const char* sub : {"spool", "tmp", "cache", "state", "log"}) {
    fs::create_directories(root / sub);
  }
  make_server_bin(root / "bin", extra_backends);
  port_ = pick_free_port();
  write_file(root / "cupsd.conf",
             "Listen 127.0.0.1:" + std::to_string(port_) +
                 "\nLogLevel info\nMaxJobs 0\nPreserveJobFiles No\nPreserveJobHistory Yes\n"
                 "Browsing No\nWebInterface No\nDefaultAuthType None\nJobRetryInterval 1\n"
                 "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                 "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n"
                 "</Policy>\n");
  write_file(root / "cups-files.conf",
             "ServerRoot " + root.string() + "\nServerBin " + (root / "bin").string() +
                 "\nRequestRoot " + (root / "spool").string() + "\nTempDir " +
                 (root / "tmp").string() + "\nCacheDir " + (root / "cache").string() +
                 "\nStateDir " + (root / "state").string() + "\nAccessLog " +
                 (root / "log/access_log").string() + "\nErrorLog " +
                 (root / "log/error_log").string() + "\nPageLog " +
                 (root / "log/page_log").string() + "\nFileDevice Yes\nSandboxing Relaxed\n");
  std::string printers;
  for (const auto& queue : queues) {
    printers += "<Printer " + queue.name + ">\nInfo " + queue.name +
                "\nMakeModel Local Raw Printer\nDeviceURI " + queue.device_uri + "\nState " +
                (queue.stopped ? "Stopped" : "Idle") +
                "\nStateTime 0\nType 4\nAccepting Yes\nShared No\nJobSheets none none\n"
                "OpPolicy default\nErrorPolicy retry-job\n</Printer>\n";
  }
  write_file(root / "printers.conf", printers);
  // cupsd drops to user lp for its children; they must reach the spool and temp dirs.
  fs::permissions(root, fs::perms::all);
  for (const char* sub : {"spool", "tmp", "cache", "state", "log"}) {
    fs::permissions(root / sub, fs::perms::all);
  }
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"cupsd", "-f", "-c", (root / "cupsd.conf").string(), "-s",
                               (root / "cups-files.conf").string()},
      root / "cupsd.out");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!answers_ipp(port_)) {
    if (!process_->running() || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("cupsd did not start; see " + (root / "cupsd.out").string() +
                               " and " + (root / "log/error_log").string());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string CupsdPeer::queue_uri(const std::string& queue) const {
  return "ipp://127.0.0.1:" + std::to_string(port_) + "/printers/" + queue;
}

std::string CupsdPeer::error_log() const {
  std::ifstream in(dir_.path() / "log/error_log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool CupsdPeer::wait_until_idle(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    http_t* http = httpConnect2("127.0.0.1", port_, nullptr, AF_INET,
                                HTTP_ENCRYPTION_IF_REQUESTED, 1, 1000, nullptr);
    if (http != nullptr) {
      cups_job_t* jobs = nullptr;
      const int active = cupsGetJobs2(http, &jobs, nullptr, 0, CUPS_WHICHJOBS_ACTIVE);
      cupsFreeJobs(active, jobs);
      httpClose(http);
      if (active == 0) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string cups_lp_program() {
  const fs::path lp = fs::path(kPrivateCupsClient) / "usr/bin/lp";
  return fs::exists(lp) ? lp.string() : "lp";
}

}  // namespace printline::testing
