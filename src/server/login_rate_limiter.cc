#include "server/login_rate_limiter.h"

#include <sodium.h>

#include <cstring>

namespace printline::server {

LoginRateLimiter::Count* LoginRateLimiter::Table::find(std::uint64_t key) {
  auto it = counts_.find(key);
  return it == counts_.end() ? nullptr : &it->second.first;
}

LoginRateLimiter::Count& LoginRateLimiter::Table::touch(std::uint64_t key) {
  auto it = counts_.find(key);
  if (it != counts_.end()) {
    order_.splice(order_.begin(), order_, it->second.second);
    return it->second.first;
  }
  if (counts_.size() >= cap_ && !order_.empty()) {
    counts_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(key);
  return counts_.emplace(key, std::make_pair(Count{}, order_.begin())).first->second.first;
}

void LoginRateLimiter::Table::erase(std::uint64_t key) {
  auto it = counts_.find(key);
  if (it == counts_.end()) return;
  order_.erase(it->second.second);
  counts_.erase(it);
}

LoginRateLimiter::LoginRateLimiter(Limits limits)
    : limits_(limits), accounts_(limits.max_tracked), addresses_(limits.max_tracked) {
  if (sodium_init() < 0) std::memset(hash_key_, 0x5a, sizeof hash_key_);
  crypto_shorthash_keygen(hash_key_);
}

std::uint64_t LoginRateLimiter::key_of(std::string_view kind, std::string_view text) const {
  // The kind is hashed in too, so an address and a login never share a key.
  std::string input(kind);
  input += '\0';
  input += text;
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                   hash_key_);
  std::uint64_t key = 0;
  std::memcpy(&key, out, sizeof key);
  return key;
}

std::chrono::seconds LoginRateLimiter::wait_for(const Count* count, int limit,
                                                Clock::time_point now) const {
  if (!count || count->failures < limit) return std::chrono::seconds(0);
  const auto end = count->window_start + limits_.window;
  if (now >= end) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(end - now);
}

std::chrono::seconds LoginRateLimiter::wait_before_attempt(const std::string& client,
                                                           const std::string& login,
                                                           Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (global_.failures >= limits_.global_per_second &&
      now - global_.window_start < std::chrono::seconds(1)) {
    return std::chrono::seconds(1);
  }
  const auto account = wait_for(accounts_.find(key_of("login", login)), limits_.max_failures, now);
  const auto address =
      wait_for(addresses_.find(key_of("address", client)), limits_.address_failures, now);
  return std::max(account, address);
}

void LoginRateLimiter::record_failure(const std::string& client, const std::string& login,
                                      Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto count = [&](Count& c, Clock::duration window) {
    if (c.failures == 0 || now - c.window_start >= window) c = Count{0, now};
    ++c.failures;
  };
  count(accounts_.touch(key_of("login", login)), limits_.window);
  count(addresses_.touch(key_of("address", client)), limits_.window);
  count(global_, std::chrono::seconds(1));
}

void LoginRateLimiter::record_success(const std::string&, const std::string& login) {
  std::lock_guard lock(mutex_);
  accounts_.erase(key_of("login", login));
}

std::size_t LoginRateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return accounts_.size() + addresses_.size();
}

}  // namespace printline::server
