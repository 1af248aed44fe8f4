#pragma once
// Slows down password guessing: after too many failed log-ins from one address for one login
// within a window, further attempts are refused until the window has passed.

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace printline::server {

class LoginRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LoginRateLimiter(int max_failures = 10, std::chrono::seconds window = std::chrono::minutes(5));

  // How long the caller must wait before trying again; zero when an attempt is allowed now.
  std::chrono::seconds wait_before_attempt(const std::string& client, const std::string& login,
                                           Clock::time_point now = Clock::now());
  void record_failure(const std::string& client, const std::string& login,
                      Clock::time_point now = Clock::now());
  void record_success(const std::string& client, const std::string& login);

 private:
  struct Failures {
    int count = 0;
    Clock::time_point first{};
  };
  const int max_failures_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Failures> failures_;
};

}  // namespace printline::server
