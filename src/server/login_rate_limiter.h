#pragma once
// Slows down password guessing in bounded memory (D13). Failed log-ins are counted three ways,
// each in fixed time windows:
//  - per account: more than max_failures for one login within the window, and that login is
//    refused until the window ends, from every address;
//  - per address: more than address_failures from one address, whatever the logins;
//  - globally: more than global_per_second failures in one second, and every password
//    attempt waits for the next second (guessing across many logins and addresses).
// Keys are keyed hashes (SipHash with a random key) of the address and of the login, so a
// 7 MiB login name costs 8 bytes; each table holds at most max_tracked keys and forgets the
// least recently failed first. Thread-safe.

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace printline::server {

class LoginRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int max_failures = 10;  // per account and window
    int address_failures = 50;  // per address and window
    int global_per_second = 50;
    std::chrono::seconds window = std::chrono::minutes(5);
    std::size_t max_tracked = 10'000;  // keys per table
  };
  LoginRateLimiter() : LoginRateLimiter(Limits{}) {}
  explicit LoginRateLimiter(Limits limits);

  // How long the caller must wait before trying again; zero when an attempt is allowed now.
  std::chrono::seconds wait_before_attempt(const std::string& client, const std::string& login,
                                           Clock::time_point now = Clock::now());
  void record_failure(const std::string& client, const std::string& login,
                      Clock::time_point now = Clock::now());
  // Clears the account's count (not the address's: one good log-in must not reset a guesser).
  void record_success(const std::string& client, const std::string& login);

  // Keys held in the account and address tables together (tests check the bound).
  std::size_t tracked() const;

 private:
  struct Count {
    int failures = 0;
    Clock::time_point window_start{};
  };
  // A table of counts with a size cap: the least recently failed key is dropped first.
  class Table {
   public:
    explicit Table(std::size_t cap) : cap_(cap) {}
    Count* find(std::uint64_t key);
    Count& touch(std::uint64_t key);
    void erase(std::uint64_t key);
    std::size_t size() const { return counts_.size(); }

   private:
    std::size_t cap_;
    std::list<std::uint64_t> order_;  // most recently failed first
    std::unordered_map<std::uint64_t, std::pair<Count, std::list<std::uint64_t>::iterator>> counts_;
  };

  std::uint64_t key_of(std::string_view kind, std::string_view text) const;
  std::chrono::seconds wait_for(const Count* count, int limit, Clock::time_point now) const;

  const Limits limits_;
  unsigned char hash_key_[16];
  mutable std::mutex mutex_;
  Table accounts_;
  Table addresses_;
  Count global_;  // failures in the current second
};

// For release stations: a 4-digit PIN has 10,000 values, so 5 wrong ones lock the account for
// 15 minutes, and 20 wrong badges or PINs lock the station (its address).
inline const LoginRateLimiter::Limits kBadgeLimits{
    .max_failures = 5, .address_failures = 20, .global_per_second = 50,
    .window = std::chrono::minutes(15), .max_tracked = 10'000};

}  // namespace printline::server
