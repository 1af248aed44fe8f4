#include "server/http_listener.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "ipp/ipp_http_bind.h"

namespace printline::server {

Result<std::unique_ptr<HttpListener>> HttpListener::create(const ServerConfig& config) {
  std::unique_ptr<httplib::Server> server;
  if (config.tls()) {
    auto tls = std::make_unique<httplib::SSLServer>(config.tls_cert.c_str(), config.tls_key.c_str());
    if (!tls->is_valid()) {
      return Error{fmt::format(
          "Cannot use the TLS certificate {} with key {}: check that both files exist, are PEM, "
          "and belong together.",
          config.tls_cert.string(), config.tls_key.string())};
    }
    server = std::move(tls);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  const int threads = config.http_threads;
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Answers go out as headers then body; without NODELAY the body waits ~40 ms for the
  // client's delayed ACK (measured: 25 IPP jobs/s per client instead of hundreds).
  server->set_tcp_nodelay(true);
  server->set_payload_max_length(config.max_upload_bytes);
  // A desktop client or browser sends many requests on one connection; cpp-httplib's default
  // closes it after 5, so a busy client reconnected every 5 jobs. The idle timeout stays short:
  // an idle keep-alive connection holds one of the http_threads.
  server->set_keep_alive_max_count(1000);
  server->set_keep_alive_timeout(5);
  server->set_read_timeout(30, 0);
  server->set_write_timeout(30, 0);
  return std::unique_ptr<HttpListener>(new HttpListener(config, std::move(server)));
}

HttpListener::HttpListener(const ServerConfig& config, std::unique_ptr<httplib::Server> server)
    : config_(config), server_(std::move(server)) {}

Result<int> HttpListener::bind() {
  const int port = ipp::bind_http_server(*server_, config_.listen_host, config_.listen_port);
  if (port <= 0) {
    return Error{fmt::format("Cannot listen on {}:{}: the address is in use or not on this "
                             "machine. Choose another --listen address or stop the other "
                             "program.",
                             config_.listen_host, config_.listen_port)};
  }
  return port;
}

void HttpListener::serve() {
  server_->listen_after_bind();
  served_ = true;
}

void HttpListener::stop() {
  // cpp-httplib's stop() does nothing before listening has begun, and a serve() that starts
  // afterwards would then never return: wait until it listens (or has already returned).
  for (int i = 0; i < 500 && !server_->is_running() && !served_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  server_->stop();
}

}  // namespace printline::server
