#include "server/http_listener.h"

#include <chrono>

#include "server/api_json_response.h"

namespace printline::server {
namespace {

// Under /api/ the front's own refusals (413, 431, 503...) have the API's error shape
// (docs/api.md); elsewhere they are plain text.
http::Response refusal(const http::Request& request, int status, const std::string& message) {
  if (request.path.rfind("/api/", 0) != 0) return http::text_response(status, message);
  ApiError error;
  error.status = status;
  error.message = message;
  switch (status) {
    case 400: error.code = "bad-request"; break;
    case 404: error.code = "not-found"; break;
    case 405: error.code = "method-not-allowed"; break;
    case 413: error.code = "too-large"; break;
    case 414: error.code = "target-too-long"; break;
    case 431: error.code = "headers-too-large"; break;
    case 503: error.code = "busy"; break;
    default: error.code = "internal"; break;
  }
  http::Response response;
  send_error(response, error);
  return response;
}

http::ServerOptions options_for(const ServerConfig& config) {
  http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.tls_cert = config.tls_cert;
  options.tls_key = config.tls_key;
  options.worker_threads = config.http_threads;
  options.worker_queue = config.http_queue;
  options.log_name = "http";
  options.api_prefix = "/api/";
  options.refusal = refusal;
  http::HttpLimits& limits = options.limits;
  limits.header_timeout = std::chrono::milliseconds(config.http_header_timeout_ms);
  limits.body_timeout = std::chrono::milliseconds(config.http_body_timeout_ms);
  limits.idle_timeout = std::chrono::milliseconds(config.http_idle_timeout_ms);
  limits.connections_per_address = config.http_connections_per_address;
  return options;
}

}  // namespace

Result<std::unique_ptr<HttpListener>> HttpListener::create(const ServerConfig& config) {
  auto server = http::Server::create(options_for(config));
  if (!server.ok()) return server.error();
  return std::unique_ptr<HttpListener>(new HttpListener(std::move(*server)));
}

Result<int> HttpListener::bind() { return server_->bind(); }

void HttpListener::serve() { server_->serve(); }

void HttpListener::stop() { server_->stop(); }

}  // namespace printline::server
