#pragma once
// A task run on a thread of its own every `period` until stop(): the server's sweeps
// (retention, node heartbeats, capability refresh, expiry of uncommitted jobs) share this one
// loop. stop() wakes the thread at once instead of letting it wait out the period, and waits
// for a running task.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace printline {

class PeriodicThread {
 public:
  enum class First { kAtOnce, kAfterAPeriod };

  PeriodicThread() = default;
  ~PeriodicThread();  // stop()
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  // Call once.
  void start(std::chrono::milliseconds period, First first, std::function<void()> task);
  void stop();  // thread-safe; also before start() (then start() runs nothing)

 private:
  void run(std::chrono::milliseconds period, First first, const std::function<void()>& task);

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace printline
