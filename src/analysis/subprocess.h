#pragma once
// Runs a helper program (Ghostscript) as a child process with a hard deadline.

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

// Starts argv[0] (searched in PATH) with stdin from /dev/null, collects its output, and waits.
// When `timeout` expires the child's process group is killed (SIGKILL) and an Error says so.
// Output beyond `max_output` bytes per stream is discarded. Thread-safe (posix_spawn).
Result<ProcessOutput> run_with_timeout(const std::vector<std::string>& argv,
                                       std::chrono::milliseconds timeout,
                                       size_t max_output = 8 << 20);

}  // namespace printline::analysis
