#pragma once
// The keep-alive connection to one server address, reused by every request to it (issue 11):
// the desktop client's heartbeat and uploads go over one TCP (and TLS) connection instead of a
// new handshake per call, so a server with thousands of workstations sees thousands of
// connections, not thousands of connects every few seconds.
//
// Threading: take() and give_back() may be called from any thread. A connection is used by one
// request at a time; a request that finds every connection busy opens another. Up to
// kMaxIdle connections are kept for reuse (the daemon's heartbeat, uploader and submissions
// each keep theirs); one more is closed after its answer.

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace httplib {
class Client;
}

namespace printline::api_client {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<httplib::Client>()>;

  // `make` builds a configured client (timeouts, TLS) for this address.
  explicit ConnectionPool(Factory make);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  struct Lease {
    std::unique_ptr<httplib::Client> client;
    bool reused = false;  // it served a request before: its socket may have been closed since
  };
  // The most recently used idle connection, else a new one.
  Lease take();
  // Puts a connection back after a complete answer; one that failed is just dropped (closed).
  void give_back(std::unique_ptr<httplib::Client> client);
  // How many connections were opened so far (tests, diagnostics).
  std::size_t opened() const;

 private:
  static constexpr std::size_t kMaxIdle = 4;

  Factory make_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;  // most recently used last
  std::size_t opened_ = 0;
};

}  // namespace printline::api_client
