#pragma once
// Debian's cupsd as the benchmarks' peer, at its best: its own ServerRoot in a temporary
// directory, Listen on loopback, no authentication, one stopped raw queue "bench" on
// file:///dev/null (jobs are accepted and wait, like a Printline hold queue), and none of the
// set-up limits that would measure the configuration instead of the server:
//   MaxJobs 0 (default 500: the 501st job is refused or the oldest purged), MaxJobsPerPrinter
//   and MaxJobsPerUser 0, PreserveJobFiles/PreserveJobHistory No (no history to keep or purge),
//   MaxClients/MaxClientsPerHost 4096 (default 100: connection 101 is refused),
//   MaxHoldTime 0, DirtyCleanInterval 30 (job.cache written every 30 s, not after every job),
//   LogLevel warn and AccessLogLevel config (the default, actions, writes a line per job).

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <cups/cups.h>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::bench {

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

inline std::unique_ptr<testing::ChildProcess> start_private_cupsd(const testing::TempDir& dir,
                                                                  int port) {
  const auto root = dir.path();
  for (const char* sub : {"spool", "tmp", "cache", "state", "log"}) {
    std::filesystem::create_directories(root / sub);
  }
  write_text(root / "cupsd.conf",
             "Listen 127.0.0.1:" + std::to_string(port) +
                 "\nLogLevel warn\nAccessLogLevel config\nMaxJobs 0\nMaxJobsPerPrinter 0\nMaxJobsPerUser 0\n"
                 "MaxHoldTime 0\nMaxClients 4096\nMaxClientsPerHost 4096\n"
                 "PreserveJobFiles No\nPreserveJobHistory No\nDirtyCleanInterval 30\n"
                 "Browsing No\nWebInterface No\nDefaultAuthType None\n"
                 "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                 "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n");
  write_text(root / "cups-files.conf",
             "ServerRoot " + root.string() + "\nRequestRoot " + (root / "spool").string() +
                 "\nTempDir " + (root / "tmp").string() + "\nCacheDir " +
                 (root / "cache").string() + "\nStateDir " + (root / "state").string() +
                 "\nAccessLog " + (root / "log/access_log").string() + "\nErrorLog " +
                 (root / "log/error_log").string() + "\nPageLog " +
                 (root / "log/page_log").string() + "\nFileDevice Yes\nSandboxing Relaxed\n");
  write_text(root / "printers.conf",
             "<Printer bench>\nState Stopped\nAccepting Yes\nDeviceURI file:///dev/null\n"
             "Shared No\n</Printer>\n");
  std::filesystem::permissions(root, std::filesystem::perms::all);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::filesystem::permissions(entry.path(), std::filesystem::perms::all);
  }
  return std::make_unique<testing::ChildProcess>(
      std::vector<std::string>{"cupsd", "-f", "-c", (root / "cupsd.conf").string(), "-s",
                               (root / "cups-files.conf").string()},
      root / "cupsd.out");
}

// Waits until something accepts IPP connections on the port (up to 10 s).
inline bool wait_for_ipp_port(int port) {
  for (int i = 0; i < 100; ++i) {
    if (http_t* http = httpConnect2("127.0.0.1", port, nullptr, AF_INET,
                                    HTTP_ENCRYPTION_IF_REQUESTED, 1, 200, nullptr)) {
      httpClose(http);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

inline std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

}  // namespace printline::bench
