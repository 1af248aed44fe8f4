#include "core/periodic_thread.h"

namespace printline {

PeriodicThread::~PeriodicThread() { stop(); }

void PeriodicThread::start(std::chrono::milliseconds period, First first,
                           std::function<void()> task) {
  thread_ = std::thread([this, period, first, task = std::move(task)] { run(period, first, task); });
}

void PeriodicThread::run(std::chrono::milliseconds period, First first,
                         const std::function<void()>& task) {
  const auto stopping = [this] { return stopping_; };
  std::unique_lock lock(mutex_);
  if (first == First::kAfterAPeriod && wake_.wait_for(lock, period, stopping)) return;
  while (!stopping_) {
    lock.unlock();
    task();
    lock.lock();
    if (wake_.wait_for(lock, period, stopping)) return;
  }
}

void PeriodicThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace printline
