#pragma once
// A flag one thread sets to make a send running on another thread stop promptly.
// Transports check it at least every kCancelPollInterval while connecting, writing or waiting.

#include <atomic>
#include <chrono>

namespace printline::transport {

inline constexpr std::chrono::milliseconds kCancelPollInterval{100};

class CancelFlag {
 public:
  // Thread-safe; idempotent. A send that sees it returns Outcome::kCancelled.
  void cancel() { cancelled_.store(true, std::memory_order_release); }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }
  // Makes the flag usable for another send.
  void reset() { cancelled_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace printline::transport
