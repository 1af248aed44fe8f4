#pragma once
// When the next accounting upload may go after the server answered "not now" (503 or 429,
// issue 11): after an outage thousands of clients upload at once, and a server whose queue of
// pending work is full says so with Retry-After. Each client waits that long plus a random
// part of up to half as much again, so clients told the same Retry-After do not all come back
// in the same second; without Retry-After the wait doubles from 1 s up to 64 s, with the same
// jitter. A successful upload starts over.
//
// Threading: one thread at a time (the heartbeat thread).

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace printline::client {

class UploadBackoff {
 public:
  using Clock = std::chrono::steady_clock;

  explicit UploadBackoff(std::uint64_t seed = std::random_device{}());

  // The server refused for load at `now`: returns how long to wait before the next try.
  std::chrono::milliseconds refused(std::optional<int> retry_after_s, Clock::time_point now);
  void succeeded();
  // Whether the wait after the last refusal is over.
  bool may_upload(Clock::time_point now) const { return now >= not_before_; }
  Clock::time_point not_before() const { return not_before_; }

 private:
  std::mt19937_64 random_;
  int refusals_ = 0;  // in a row, for the doubling without Retry-After
  Clock::time_point not_before_{};
};

// A random moment within `interval`: the heartbeat's phase, so that clients started together
// (a power cut, a restored server) do not beat in step.
std::chrono::milliseconds random_phase(std::chrono::milliseconds interval);

}  // namespace printline::client
