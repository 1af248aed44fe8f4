#pragma once
// Runs a program as a child process and measures it as the kernel saw it: peak resident set
// size (wait4's rusage, which includes the child's own children, e.g. Ghostscript), CPU and
// wall time. Shared by the bounded-memory test and bench (issue 14).

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace printline::analysis::testing {

struct MeasuredRun {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;
  double peak_rss_mib = 0;  // ru_maxrss
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system
  std::string error;       // why it did not start
};

// Runs argv (argv[0] searched in PATH) with stdin from /dev/null, stdout to `stdout_path`
// and stderr to `stderr_path`; kills it (SIGKILL) after `timeout`.
inline MeasuredRun run_measured(const std::vector<std::string>& argv,
                                const std::filesystem::path& stdout_path,
                                const std::filesystem::path& stderr_path,
                                std::chrono::seconds timeout) {
  MeasuredRun run;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    run.error = "cannot start " + argv[0] + ": " + std::strerror(error);
    return run;
  }
  run.started = true;
  int status = 0;
  rusage usage{};
  auto deadline = start + timeout;
  while (true) {
    pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      run.error = std::string("wait4: ") + std::strerror(errno);
      return run;
    }
    if (std::chrono::steady_clock::now() > deadline && !run.timed_out) {
      kill(pid, SIGKILL);  // then reap it in the next round
      run.timed_out = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, not a proof
  }
  run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return run;
}

}  // namespace printline::analysis::testing
