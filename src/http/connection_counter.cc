#include "http/connection_counter.h"

namespace printline::http {

bool ConnectionCounter::open(const std::string& address) {
  std::lock_guard lock(mutex_);
  std::size_t& count = open_[address];
  if (count >= per_address_) return false;
  ++count;
  ++total_;
  return true;
}

void ConnectionCounter::close(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = open_.find(address);
  if (it == open_.end()) return;
  --total_;
  if (--it->second == 0) open_.erase(it);
}

std::size_t ConnectionCounter::total() const {
  std::lock_guard lock(mutex_);
  return total_;
}

}  // namespace printline::http
