#include "api_client/connection_pool.h"

#include <httplib.h>

namespace printline::api_client {

ConnectionPool::ConnectionPool(Factory make) : make_(std::move(make)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease ConnectionPool::take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Lease lease{std::move(idle_.back()), true};
      idle_.pop_back();
      return lease;
    }
    ++opened_;
  }
  auto client = make_();
  client->set_keep_alive(true);
  return {std::move(client), false};
}

void ConnectionPool::give_back(std::unique_ptr<httplib::Client> client) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(client));
  // else: closed as `client` goes.
}

std::size_t ConnectionPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

}  // namespace printline::api_client
