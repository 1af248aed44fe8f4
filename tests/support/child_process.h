#pragma once
// A program started for a test in its own process group. Destruction (also when a test fails
// or throws) sends SIGTERM to the whole group, then SIGKILL after a grace period, and reaps it.
// The child also gets SIGKILL if the test process dies (PR_SET_PDEATHSIG).

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace printline::testing {

class ChildProcess {
 public:
  // argv[0] is looked up in PATH. stdout and stderr go to log_path (appended), or /dev/null.
  // Throws std::runtime_error when fork fails; an exec failure shows as !running().
  explicit ChildProcess(std::vector<std::string> argv, const std::filesystem::path& log_path = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // False once the program has exited (then exit_status() says how).
  bool running();
  int exit_status() const { return status_; }
  // Waits up to timeout for the program to exit by itself; true when it has.
  bool wait_for_exit(std::chrono::milliseconds timeout);
  // Stops the process group now; safe to call twice.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));
  // "ippeveprinter -p 1234 ..." for messages.
  const std::string& command_line() const { return command_line_; }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  std::string command_line_;
};

}  // namespace printline::testing
