#include "server/login_rate_limiter.h"

namespace printline::server {

LoginRateLimiter::LoginRateLimiter(int max_failures, std::chrono::seconds window)
    : max_failures_(max_failures), window_(window) {}

std::chrono::seconds LoginRateLimiter::wait_before_attempt(const std::string& client,
                                                           const std::string& login,
                                                           Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find({client, login});
  if (it == failures_.end()) return std::chrono::seconds(0);
  if (now - it->second.first >= window_) {
    failures_.erase(it);
    return std::chrono::seconds(0);
  }
  if (it->second.count < max_failures_) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(it->second.first + window_ - now);
}

void LoginRateLimiter::record_failure(const std::string& client, const std::string& login,
                                      Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Failures& entry = failures_[{client, login}];
  if (entry.count == 0 || now - entry.first >= window_) entry = Failures{0, now};
  ++entry.count;
}

void LoginRateLimiter::record_success(const std::string& client, const std::string& login) {
  std::lock_guard lock(mutex_);
  failures_.erase({client, login});
}

}  // namespace printline::server
