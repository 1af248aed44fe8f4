#include "client/upload_backoff.h"

#include <algorithm>

namespace printline::client {

UploadBackoff::UploadBackoff(std::uint64_t seed) : random_(seed) {}

std::chrono::milliseconds UploadBackoff::refused(std::optional<int> retry_after_s,
                                                 Clock::time_point now) {
  ++refusals_;
  std::int64_t base_ms = 0;
  if (retry_after_s && *retry_after_s > 0) {
    base_ms = std::min<std::int64_t>(*retry_after_s, 3600) * 1000;
  } else {
    base_ms = std::int64_t{1000} << std::min(refusals_ - 1, 6);  // 1 s … 64 s
  }
  std::uniform_int_distribution<std::int64_t> jitter(0, base_ms / 2);
  const std::chrono::milliseconds wait(base_ms + jitter(random_));
  not_before_ = now + wait;
  return wait;
}

void UploadBackoff::succeeded() {
  refusals_ = 0;
  not_before_ = {};
}

std::chrono::milliseconds random_phase(std::chrono::milliseconds interval) {
  if (interval.count() <= 1) return interval;
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> phase(0, interval.count() - 1);
  return std::chrono::milliseconds(phase(random));
}

}  // namespace printline::client
