#pragma once
// Open connections per client address, so one address cannot take every connection the
// server can hold (docs/server.md, connections_per_address). Thread-safe.

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace printline::http {

class ConnectionCounter {
 public:
  explicit ConnectionCounter(std::size_t per_address) : per_address_(per_address) {}
  // False when the address already has per_address connections open.
  bool open(const std::string& address);
  void close(const std::string& address);
  // Connections open now, from every address (a gauge for monitoring).
  std::size_t total() const;

 private:
  const std::size_t per_address_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> open_;
  std::size_t total_ = 0;
};

}  // namespace printline::http
