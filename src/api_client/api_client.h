#pragma once
// The transport of the REST API /api/v1 (docs/api.md): JSON requests with a Bearer token over
// HTTP or HTTPS, to a list of server addresses tried in order (D1), answering an ApiResponse or
// an ApiError that says whether the server refused or could not be reached.
//
// Failover: an address that cannot be reached (refused, connect timeout, TLS failure, 503) is
// skipped and the next one tried; the address that answered is tried first next time. A
// request that may have reached a server before it failed (read error, 500/502/504) is only
// repeated elsewhere when repeating it is harmless: GET/PUT/DELETE, or a call marked
// `repeatable` (the fallback accounting upload, idempotent per UUID).
//
// Connections: one keep-alive connection per address, reused by every request to it
// (connection_pool.h) and opened again when it broke; a request that fails on a reused
// connection before it can have arrived is sent once more on a new one.
//
// Threading: request() may be called from several threads at once; set_token() may not run
// concurrently with requests.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api_client/api_result.h"
#include "api_client/server_url.h"
#include "core/error.h"

namespace printline::api_client {

class ConnectionPool;

struct ClientOptions {
  std::string token;  // sent as "Authorization: Bearer <token>" when not empty
  std::chrono::milliseconds connect_timeout{3000};  // per address (D1 default 3 s)
  std::chrono::milliseconds read_timeout{30000};
  // How long an answer may take, unless the call says it is a long one; 0 = read_timeout. The
  // desktop client sets a few seconds: a server that accepts but does not answer counts as
  // down (D1, D10), also on a kept keep-alive connection, where no connect timeout notices it.
  std::chrono::milliseconds read_answer_timeout{0};
  std::string ca_cert_file;  // HTTPS: trust this PEM file instead of the system store
  // HTTPS: "host:port" → the SHA-256 fingerprint pinned at `printline login`; a pinned address
  // is trusted for that certificate only (D13, core/tls_trust.h, https_trust.h).
  std::map<std::string, std::string> pinned_certificates;
  bool verify_tls = true;    // false only for tests with self-signed certificates
};

struct ApiResponse {
  int status = 0;       // 2xx or 304
  nlohmann::json body;  // the parsed JSON answer; null for 204, 304 and non-JSON answers
  std::string text;     // the raw body (CSV reports)
  std::string content_type;
  std::string etag;
  std::string server;  // the base URL that answered
};

struct CallOptions {
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. If-None-Match
  bool repeatable = false;  // safe to send again to the next address after a broken answer
  bool long_answer = false;  // may take up to read_timeout (a batch upload, a log-in's hash)
  // This call's own answer timeout, when set (D10: a commit waits as long as the server keeps
  // taking it, the profile's answer timeout).
  std::chrono::milliseconds answer_timeout{0};
};

// Parses every address; the first bad one is the error.
Result<std::vector<ServerUrl>> parse_server_urls(const std::vector<std::string>& addresses);

class ApiClient {
 public:
  // `servers` must not be empty.
  ApiClient(std::vector<ServerUrl> servers, ClientOptions options);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // `method` "GET", "POST", "PUT", "PATCH" or "DELETE"; `path` under /api/v1 with its query,
  // e.g. "/users" or "/jobs?user=alice". `body`, when given, is sent as JSON.
  ApiResult<ApiResponse> request(std::string_view method, const std::string& path,
                                 const std::optional<nlohmann::json>& body = std::nullopt,
                                 const CallOptions& call = {}) const;

  void set_token(std::string token) { options_.token = std::move(token); }
  const std::string& token() const { return options_.token; }
  const std::vector<ServerUrl>& servers() const { return servers_; }
  // The address tried first: the one that answered last.
  const ServerUrl& preferred_server() const { return servers_[preferred_.load()]; }
  // Connections opened so far to all addresses (tests: reuse means this stays small).
  std::size_t connections_opened() const;

 private:
  struct Attempt;
  Attempt send_once(const ServerUrl& server, std::string_view method, const std::string& path,
                    const std::optional<nlohmann::json>& body, const CallOptions& call) const;

  std::vector<ServerUrl> servers_;
  ClientOptions options_;
  std::vector<std::unique_ptr<ConnectionPool>> pools_;  // one per address, same order
  mutable std::atomic<std::size_t> preferred_{0};
};

}  // namespace printline::api_client
