#pragma once
// An event-driven HTTP/1.1 server (Boost.Beast on Asio): one or two threads wait on every
// connection, so an idle or slow connection costs a few KiB, not a thread. Reading enforces
// HttpLimits; a route's authorizer runs on the headers before its body is read; handlers run
// on a bounded worker pool (503 + Retry-After when its queue is full). TLS when a certificate
// and key are given. Every answer carries X-Content-Type-Options: nosniff, under TLS
// Strict-Transport-Security, and under /api a Content-Security-Policy that allows nothing.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/limits.h"
#include "http/route_table.h"

namespace printline::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::filesystem::path tls_cert;  // both set: HTTPS only
  std::filesystem::path tls_key;
  HttpLimits limits;
  int io_threads = 2;
  int worker_threads = 32;          // handlers at the same time (config http_threads)
  std::size_t worker_queue = 4096;  // requests waiting for a worker before 503
  std::string log_name = "http";    // the "[http]" of log lines
  std::string api_prefix = "/api/";  // answers under it get the API's CSP
  // How the server's own refusals (limits, 404, 503...) are worded; plain text by default.
  // The request may be only partly read (its path may be empty).
  std::function<Response(const Request&, int status, const std::string& message)> refusal;
};

class Server {
 public:
  // Fails when the TLS certificate or key cannot be used.
  static Result<std::unique_ptr<Server>> create(ServerOptions options, RouteTable routes = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Routes may be added until serve() is called.
  RouteTable& routes();
  // Binds and listens (the system's backlog); returns the port.
  Result<int> bind();
  void serve();  // blocks until stop(); returns once every handler has finished
  // Thread-safe, also before serve(). Stops accepting at once; the requests already read are
  // still answered (for at most 5 s), so no handler's effect goes unanswered.
  void stop();
  // Client connections open now (accepted and not yet closed); thread-safe.
  std::size_t open_connections() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace printline::http
