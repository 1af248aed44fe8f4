#pragma once
// SIGHUP reopens the log file (logrotate's postrotate: `kill -HUP`), instead of ending the
// daemon as its default action would. The signal is blocked in every thread and taken by a
// thread of its own with sigwait, so no logging runs in a signal handler.
//
// Make it in main() before any thread starts (threads inherit the blocked set), after
// init_logging(). Without a log file, SIGHUP is taken and ignored.

#include <atomic>
#include <csignal>
#include <thread>

namespace printline {

class ReopenLogOnHangup {
 public:
  ReopenLogOnHangup();
  ~ReopenLogOnHangup();  // stops the thread
  ReopenLogOnHangup(const ReopenLogOnHangup&) = delete;
  ReopenLogOnHangup& operator=(const ReopenLogOnHangup&) = delete;

 private:
  sigset_t signals_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace printline
