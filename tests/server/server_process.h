#pragma once
// The printline-server program as a test's child process on a free loopback port: started with
// the given data directory and options, ready once it says where it listens (and, with HTTPS,
// the certificate fingerprint it logs first). Stopped with SIGTERM, like systemd does, or
// killed with SIGKILL, like a crash.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace printline::testing {

class ServerProcess {
 public:
  // Throws std::runtime_error with the server's output when it does not start within 30 s.
  // `port` 0: a free one.
  ServerProcess(const std::string& binary, const std::filesystem::path& data_dir,
                const std::filesystem::path& log, std::vector<std::string> extra_args = {},
                int port = 0);

  int port() const { return port_; }
  pid_t pid() const { return process_->pid(); }
  bool running() const { return process_->running(); }
  std::string log() const;
  // The "HTTPS certificate SHA256 fingerprint" it logged; empty for plain HTTP.
  std::string fingerprint() const;
  // SIGTERM and wait for the clean exit; true when it exited 0.
  bool stop();
  // kill -9 and wait until it is gone: no clean shutdown, jobs being sent are cut off.
  void kill_now();

 private:
  std::filesystem::path log_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// Runs a program to its end (60 s at most) with its output in `log`; returns its exit status
// (-1 when it did not end).
int run_program(const std::vector<std::string>& argv, const std::filesystem::path& log);

std::string read_text_file(const std::filesystem::path& path);

}  // namespace printline::testing
