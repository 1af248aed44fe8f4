#pragma once
// The server's one HTTP(S) listener (cpp-httplib): the web interface, /api/v1 and the IPP
// queues all hang off the same routes. TLS when the configuration names a certificate.

#include <httplib.h>

#include <atomic>
#include <memory>

#include "core/error.h"
#include "server/server_config.h"

namespace printline::server {

class HttpListener {
 public:
  static Result<std::unique_ptr<HttpListener>> create(const ServerConfig& config);

  httplib::Server& routes() { return *server_; }
  // Binds the configured address; returns the port (useful when the configuration says 0).
  Result<int> bind();
  void serve();  // blocks until stop()
  void stop();   // thread-safe

 private:
  HttpListener(const ServerConfig& config, std::unique_ptr<httplib::Server> server);

  const ServerConfig& config_;
  std::unique_ptr<httplib::Server> server_;
  std::atomic<bool> served_{false};  // serve() has returned
};

}  // namespace printline::server
