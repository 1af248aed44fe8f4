#pragma once
// A Ghostscript conversion running as a child process, its output read from a pipe while it
// works: the converted document is never whole in memory or in a file, so a job of any size
// is converted in constant memory and reaches the printer as fast as gs makes it.

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/unique_fd.h"

namespace printline::render {

class GhostscriptStream {
 public:
  // Starts argv (argv[0] searched in PATH; see ghostscript_command) with stdin from /dev/null,
  // in its own process group. The error says why it could not start.
  static Result<std::unique_ptr<GhostscriptStream>> start(const std::vector<std::string>& argv);

  // Kills the conversion if it still runs (a send that failed half way) and reaps it.
  ~GhostscriptStream();
  GhostscriptStream(const GhostscriptStream&) = delete;
  GhostscriptStream& operator=(const GhostscriptStream&) = delete;

  // The read end of the output pipe; owned by this object. Read it to its end, then finish().
  int output_fd() const { return output_fd_.get(); }

  // Waits (at most `timeout`) for gs to end: none when it converted the whole document, an
  // error with gs's own explanation when not. Call after reading the output to its end.
  std::optional<Error> finish(std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  GhostscriptStream() = default;
  void stop();

  pid_t pid_ = -1;
  UniqueFd output_fd_;
  UniqueFd error_fd_;
  std::thread error_reader_;  // keeps gs's stderr drained (capped), so gs never blocks on it
  std::mutex error_mutex_;
  std::string errors_;
};

}  // namespace printline::render
