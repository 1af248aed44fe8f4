#pragma once
// Runs a helper program (Ghostscript) as a child process with a hard deadline.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace printline::analysis {

struct ProcessOutput {
  int exit_code = 0;
  std::string out;  // standard output (capped; see run_with_timeout)
  std::string err;  // standard error (capped)
};

// A child started by spawn_with_pipes: its standard output and error are pipes this process
// reads and closes.
struct SpawnedChild {
  pid_t pid = -1;
  int out_fd = -1;
  int err_fd = -1;
};

// Starts argv[0] (searched in PATH) with stdin from /dev/null, stdout and stderr on pipes, in a
// process group of its own, so kill(-pid) stops it with whatever it started. out_pipe_size: a
// larger stdout pipe, so a producer can run ahead of a slow reader (0: the system's default).
Result<SpawnedChild> spawn_with_pipes(const std::vector<std::string>& argv,
                                      int out_pipe_size = 0);

// Starts argv[0] (searched in PATH) with stdin from /dev/null, collects its output, and waits.
// When `timeout` expires the child's process group is killed (SIGKILL) and an Error says so.
// Output beyond `max_output` bytes per stream is discarded. Thread-safe (posix_spawn).
Result<ProcessOutput> run_with_timeout(const std::vector<std::string>& argv,
                                       std::chrono::milliseconds timeout,
                                       size_t max_output = 8 << 20);

}  // namespace printline::analysis
