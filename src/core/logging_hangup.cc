#include "core/logging_hangup.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "core/logging.h"

namespace printline {

ReopenLogOnHangup::ReopenLogOnHangup() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  thread_ = std::thread([this] {
    for (;;) {
      int received = 0;
      sigwait(&signals_, &received);
      if (stopping_) return;
      if (reopen_log_file()) spdlog::info("log file reopened (SIGHUP)");
    }
  });
}

ReopenLogOnHangup::~ReopenLogOnHangup() {
  stopping_ = true;
  pthread_kill(thread_.native_handle(), SIGHUP);
  thread_.join();
}

}  // namespace printline
