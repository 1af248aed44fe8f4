#pragma once
// A fixed number of threads and a bounded queue: handlers that touch the database or the disk
// run here, so a slow query never stalls the event loop. When the queue is full, submit()
// refuses and the server answers 503 with Retry-After instead of queueing without bound.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace printline::http {

class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t max_queued);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when max_queued tasks already wait.
  bool submit(std::function<void()> task);
  void stop();

 private:
  void work();

  const std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace printline::http
