#include "core/stop_signals.h"

#include <pthread.h>

namespace printline {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGTERM);
  sigaddset(&signals_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

int StopSignals::wait() const {
  int received = 0;
  sigwait(&signals_, &received);
  return received;
}

}  // namespace printline
