#include "api_client/connection_pool.h"

#include <httplib.h>

namespace printline::api_client {

ConnectionPool::ConnectionPool(Factory make) : make_(std::move(make)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease ConnectionPool::take() {
  {
    std::lock_guard lock(mutex_);
    if (idle_) return {std::move(idle_), true};
    ++opened_;
  }
  auto client = make_();
  client->set_keep_alive(true);
  return {std::move(client), false};
}

void ConnectionPool::give_back(std::unique_ptr<httplib::Client> client) {
  std::lock_guard lock(mutex_);
  if (!idle_) idle_ = std::move(client);
  // else: a second connection opened while the first was busy; closed as `client` goes.
}

std::size_t ConnectionPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

}  // namespace printline::api_client
