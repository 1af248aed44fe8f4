#pragma once
// The server's one HTTP(S) listener (http::Server): the web interface, /api/v1 and the IPP
// queues all hang off one route table. TLS when the configuration names a certificate; the
// worker pool has http_threads threads; the limits are docs/server.md's "HTTP limits".

#include <memory>

#include "core/error.h"
#include "http/route_table.h"
#include "http/server.h"
#include "server/server_config.h"

namespace printline::server {

class HttpListener {
 public:
  // Fails when the TLS certificate or key cannot be used.
  static Result<std::unique_ptr<HttpListener>> create(const ServerConfig& config);

  // Add every route before serve().
  http::RouteTable& routes() { return server_->routes(); }
  // Binds the configured address; returns the port (useful when the configuration says 0).
  Result<int> bind();
  void serve();  // blocks until stop()
  void stop();   // thread-safe
  std::size_t open_connections() const { return server_->open_connections(); }

 private:
  explicit HttpListener(std::unique_ptr<http::Server> server) : server_(std::move(server)) {}

  std::unique_ptr<http::Server> server_;
};

}  // namespace printline::server
