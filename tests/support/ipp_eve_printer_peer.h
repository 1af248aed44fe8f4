#pragma once
// A real IPP Everywhere printer for tests: CUPS' ippeveprinter on a free loopback port,
// keeping every received document in its spool directory (-k).
//
//   IppEvePrinterPeer printer;               // throws std::runtime_error if it cannot start
//   send_document(printer.uri(), ...);       // ipp://127.0.0.1:PORT/ipp/print
//   auto file = printer.spooled_document(job_id);

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

class IppEvePrinterPeer {
 public:
  // tls: also serve IPP over TLS with a self-signed certificate (-K), and make uri() ipps://.
  // options: more ippeveprinter options, e.g. {"-2", "-s", "10,10"} for a duplex colour one
  // (the default is one-sided and mono).
  explicit IppEvePrinterPeer(std::string name = "printline-test", bool tls = false,
                             std::vector<std::string> options = {});

  int port() const { return port_; }
  const std::string& uri() const { return uri_; }
  std::filesystem::path spool_dir() const { return dir_.path() / "spool"; }
  std::filesystem::path log_file() const { return dir_.path() / "ippeveprinter.log"; }

  // The file ippeveprinter wrote for job_id ("<id>-<name>.<ext>"), once it exists.
  std::optional<std::filesystem::path> spooled_document(
      int job_id, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) const;
  // How many documents the printer has received (files in its spool directory).
  int documents_received() const;
  // The job's job-state as the printer reports it (3 pending … 9 completed), or nullopt when
  // the printer does not know the job.
  std::optional<int> job_state(int job_id) const;
  // Waits until the job is finished (job-state 7 canceled, 8 aborted or 9 completed); returns
  // the last state seen. ippeveprinter takes one job at a time and answers server-error-busy
  // meanwhile, so tests that send several jobs wait for each.
  std::optional<int> wait_until_job_finished(
      int job_id, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

 private:
  TempDir dir_{"printline-ipp"};
  int port_ = 0;
  std::string uri_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace printline::testing
