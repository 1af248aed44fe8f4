#pragma once
// A real LPD server for tests: LPRng's lpd on a free loopback port with one queue that
// "prints" to a file.
//
//   LprngPeer lpd;                            // throws std::runtime_error if it cannot start
//   send_document(lpd.uri(), ...);            // lpd://127.0.0.1:PORT/<queue>
//   std::string printed = lpd.wait_for_output(expected_size);
//
// LPRng reads its configuration only from /etc/lprng/lpd.conf (it ignores LPD_CONF as root) and
// allows one lpd per lock file (/var/run/lprng/lpd.515), so each peer runs lpd in a private
// mount namespace (unshare -m) with its own directory bind-mounted over /etc/lprng: its own
// lpd.conf, printcap and lock file. Nothing global is changed and peers run side by side.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

class LprngPeer {
 public:
  LprngPeer();

  int port() const { return port_; }
  const std::string& queue() const { return queue_; }
  const std::string& uri() const { return uri_; }
  std::filesystem::path output_file() const { return dir_.path() / "output"; }
  std::filesystem::path spool_dir() const { return dir_.path() / "spool"; }

  // What the queue has printed so far, once at least `size` bytes are there (or timeout).
  std::string wait_for_output(std::uint64_t size,
                              std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  // LPRng's record of the jobs it received (hfA* files: "H=host", "P=user", "J=title", "N=…"),
  // i.e. what arrived in our control files.
  std::string job_records() const;

 private:
  TempDir dir_{"printline-lpd"};
  int port_ = 0;
  std::string queue_;
  std::string uri_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace printline::testing
