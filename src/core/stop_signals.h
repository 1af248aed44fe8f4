#pragma once
// How a Printline daemon's main() stops: SIGTERM and SIGINT are blocked in every thread and
// taken by wait() on a thread of main's choosing, so no work ever runs in a signal handler.
// SIGPIPE is ignored: a peer that closed its socket is an error result, not the daemon's end.
//
// Make it in main() before any thread starts (threads inherit the blocked set).

#include <csignal>

namespace printline {

class StopSignals {
 public:
  StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Blocks until SIGTERM or SIGINT arrives (or is sent to this thread); returns which.
  int wait() const;

 private:
  sigset_t signals_;
};

}  // namespace printline
