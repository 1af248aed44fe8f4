#include "api_client/api_client.h"


#include <httplib.h>

#include <stdexcept>

#include "api_client/connection_pool.h"
#include "api_client/https_trust.h"
#include "core/i18n.h"
#include "core/tls_peer_check.h"
#include "model/bounded_json.h"

namespace printline::api_client {

namespace {

constexpr const char* kApiPrefix = "/api/v1";

bool is_repeatable_method(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE";
}

struct TransportFailure {
  std::string code;
  std::string what;  // for the message: "connection refused", ...
  bool may_have_arrived = false;
};

// How long this request's answer may take (ClientOptions::read_answer_timeout).
std::chrono::milliseconds answer_timeout(const CallOptions& call, const ClientOptions& options) {
  if (call.answer_timeout.count() > 0) return call.answer_timeout;
  return !call.long_answer && options.read_answer_timeout.count() > 0 ? options.read_answer_timeout
                                                                      : options.read_timeout;
}

TransportFailure describe_transport_error(httplib::Error error, const ClientOptions& options,
                                          std::chrono::milliseconds waited) {
  using httplib::Error;
  switch (error) {
    case Error::Connection:
      return {"connection-refused", tr("connection refused or host not found"), false};
    case Error::ConnectionTimeout:
      return {"timeout",
              trf("no connection within {ms} ms", fmt::arg("ms", options.connect_timeout.count())),
              false};
    case Error::Read:
      return {"connection-broken",
              trf("the connection broke or no answer came within {ms} ms",
                  fmt::arg("ms", waited.count())),
              true};
    case Error::Write:
      return {"connection-broken", tr("the connection broke while sending the request"), false};
    case Error::SSLConnection:
      // Our own certificate check (https_trust.h) ends the handshake and says why.
      if (std::string refusal = take_last_tls_refusal(); !refusal.empty()) {
        return {"tls", refusal, false};
      }
      return {"tls", tr("the TLS handshake failed (is it an https:// server?)"), false};
    case Error::SSLServerVerification:
      return {"tls", tr("the server's TLS certificate is not trusted"), false};
    case Error::SSLLoadingCerts:
      return {"tls", tr("the trusted certificates could not be loaded"), false};
    default:
      return {"connection-failed", httplib::to_string(error), false};
  }
}

}  // namespace

struct ApiClient::Attempt {
  std::optional<ApiResponse> response;  // a 2xx/304 answer
  std::optional<ApiError> error;
  bool may_have_arrived = false;  // the server may have acted on the request
};

Result<std::vector<ServerUrl>> parse_server_urls(const std::vector<std::string>& addresses) {
  if (addresses.empty()) return Error{tr("No server address is configured.")};
  std::vector<ServerUrl> urls;
  for (const std::string& address : addresses) {
    auto url = parse_server_url(address);
    if (!url.ok()) return url.error();
    urls.push_back(*url);
  }
  return urls;
}

ApiClient::ApiClient(std::vector<ServerUrl> servers, ClientOptions options)
    : servers_(std::move(servers)), options_(std::move(options)) {
  if (servers_.empty()) throw std::invalid_argument("ApiClient needs at least one server");
  for (const ServerUrl& server : servers_) {
    pools_.push_back(std::make_unique<ConnectionPool>([this, server] {
      auto client = std::make_unique<httplib::Client>(
          std::string(server.tls ? "https://" : "http://") +
          (server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host) +
          ":" + std::to_string(server.port));
      httplib::Client& http = *client;
      http.set_connection_timeout(options_.connect_timeout);
      http.set_read_timeout(options_.read_timeout);
      http.set_write_timeout(options_.read_timeout);
      apply_https_trust(http, server, options_);
      return client;
    }));
  }
}

ApiClient::~ApiClient() = default;

std::size_t ApiClient::connections_opened() const {
  std::size_t opened = 0;
  for (const auto& pool : pools_) opened += pool->opened();
  return opened;
}

ApiClient::Attempt ApiClient::send_once(const ServerUrl& server, std::string_view method,
                                        const std::string& path,
                                        const std::optional<nlohmann::json>& body,
                                        const CallOptions& call) const {
  const std::string base = server.to_string();
  ConnectionPool& pool = *pools_[static_cast<std::size_t>(&server - servers_.data())];

  httplib::Request request;
  request.method = std::string(method);
  request.path = server.base_path + kApiPrefix + path;
  request.set_header("Accept", "application/json");
  // D14: what the server writes back (refusals, reasons) in this program's language, for a
  // user whose account has none of its own.
  request.set_header("Accept-Language", i18n::current_language());
  if (!options_.token.empty()) request.set_header("Authorization", "Bearer " + options_.token);
  for (const auto& [name, value] : call.headers) request.set_header(name.c_str(), value);
  if (body) {
    request.body = body->dump();
    request.set_header("Content-Type", "application/json");
  }

  Attempt attempt;
  const auto waited = answer_timeout(call, options_);
  ConnectionPool::Lease lease = pool.take();
  lease.client->set_read_timeout(waited);
  httplib::Result result = lease.client->send(request);
  const bool repeatable = call.repeatable || is_repeatable_method(method);
  if (!result && lease.reused &&
      (repeatable || !describe_transport_error(result.error(), options_, waited).may_have_arrived)) {
    // The server may have closed the idle connection just as the request went out: a new one.
    lease = {nullptr, false};
    lease = pool.take();
    lease.client->set_read_timeout(waited);
    result = lease.client->send(request);
  }
  if (result) pool.give_back(std::move(lease.client));
  if (!result) {
    const TransportFailure failure = describe_transport_error(result.error(), options_, waited);
    ApiError error;
    error.kind = FailureKind::kUnreachable;
    error.code = failure.code;
    // TRANSLATORS: a server's address and why it could not be reached.
    error.message = trf("{server}: {reason}", fmt::arg("server", base),
                        fmt::arg("reason", failure.what));
    error.server = base;
    attempt.error = std::move(error);
    attempt.may_have_arrived = failure.may_have_arrived;
    return attempt;
  }
  const httplib::Response& answer = *result;
  if (answer.status >= 400) {
    attempt.error = error_from_answer(answer.status, answer.body, base);
    if ((answer.status == 429 || answer.status == 503) && answer.has_header("Retry-After")) {
      attempt.error->retry_after_s = std::atoi(answer.get_header_value("Retry-After").c_str());
    }
    // 503 means "not now" before any work; other 5xx may come after the work was done.
    attempt.may_have_arrived = answer.status >= 500 && answer.status != 503;
    return attempt;
  }
  ApiResponse response;
  response.status = answer.status;
  response.text = answer.body;
  response.content_type = answer.get_header_value("Content-Type");
  response.etag = answer.get_header_value("ETag");
  response.server = base;
  if (response.content_type.rfind("application/json", 0) == 0 && !answer.body.empty()) {
    // Depth-limited (D12): a hostile or broken server's answer nested a million levels deep
    // must not crash the client when it walks the value.
    auto parsed = model::parse_bounded_json(answer.body);
    response.body = parsed.ok() ? std::move(parsed.value)
                                : nlohmann::json(nlohmann::json::value_t::discarded);
    if (response.body.is_discarded()) {
      ApiError error;
      error.kind = FailureKind::kBadAnswer;
      error.http_status = answer.status;
      error.code = "bad-answer";
      error.message = base + " answered with malformed JSON; is it a Printline server?";
      error.server = base;
      attempt.error = std::move(error);
      return attempt;
    }
  }
  attempt.response = std::move(response);
  return attempt;
}

ApiResult<ApiResponse> ApiClient::request(std::string_view method, const std::string& path,
                                          const std::optional<nlohmann::json>& body,
                                          const CallOptions& call) const {
  const bool repeatable = call.repeatable || is_repeatable_method(method);
  const std::size_t first = preferred_.load();
  std::vector<std::string> failures;
  ApiError last;
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    const std::size_t index = (first + i) % servers_.size();
    Attempt attempt = send_once(servers_[index], method, path, body, call);
    if (attempt.response) {
      preferred_.store(index);
      return std::move(*attempt.response);
    }
    last = std::move(*attempt.error);
    if (!last.unreachable()) {
      preferred_.store(index);  // it answered: it is up
      return last;
    }
    failures.push_back(last.http_status == 0
                           ? last.message
                           : trf("{server} answered HTTP {status} ({message})",
                                 fmt::arg("server", last.server),
                                 fmt::arg("status", last.http_status),
                                 fmt::arg("message", last.message)));
    if (attempt.may_have_arrived && !repeatable) break;  // never apply a change twice
  }
  // Every address failed: one message naming each, and what to do.
  std::string tried;
  for (std::size_t i = 0; i < failures.size(); ++i) {
    if (i > 0) tried += "; ";
    tried += failures[i];
  }
  last.message = failures.size() == 1
                     ? trf("Cannot reach the Printline server at {failure}. Check the address "
                           "and that printline-server is running, then try again.",
                           fmt::arg("failure", tried))
                     : trf("Cannot reach any Printline server: {failures}. Check the addresses "
                           "and that printline-server is running, then try again.",
                           fmt::arg("failures", tried));
  return last;
}

}  // namespace printline::api_client
