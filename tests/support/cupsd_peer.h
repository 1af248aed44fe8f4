#pragma once
// A real CUPS scheduler for tests and benchmarks: Debian's cupsd with a private ServerRoot in
// a temporary directory, listening on a free loopback port, no authentication, raw queues
// (no PPD, no filters: the document reaches the backend as the client sent it).
//
// Extra backends (e.g. Printline's `printline` CUPS backend) are copied into a private
// ServerBin with mode 0700, so cupsd runs them as root as it would once installed; the
// standard backends, filters and helpers are linked from /usr/lib/cups.
//
//   CupsdPeer cups({{"office", "printline:/?socket=/run/…"}}, {{"printline", backend_path}});
//   run `lp -h 127.0.0.1:<cups.port()> -d office FILE` (cups_lp_program())

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

struct CupsQueue {
  std::string name;
  std::string device_uri;
  bool stopped = false;  // accepts jobs but does not print them (like a hold queue)
};

class CupsdPeer {
 public:
  // Throws std::runtime_error when cupsd cannot start (its log is named in the message).
  explicit CupsdPeer(std::vector<CupsQueue> queues,
                     std::vector<std::pair<std::string, std::filesystem::path>> extra_backends = {});

  int port() const { return port_; }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string queue_uri(const std::string& queue) const;  // ipp://127.0.0.1:PORT/printers/NAME
  const std::filesystem::path& root() const { return dir_.path(); }
  std::string error_log() const;
  // Jobs cupsd still has not completed (0 once every backend finished), from its spool.
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

 private:
  TempDir dir_{"printline-cupsd"};
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// The CUPS `lp` program. Debian's cups-client conflicts with lprng (which the LPD peer needs),
// so scripts/install-deps.sh unpacks cups-client's binaries into a private directory instead
// of installing the package; this returns that path, or "lp" when CUPS's own is on PATH.
std::string cups_lp_program();

}  // namespace printline::testing
