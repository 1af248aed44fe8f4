#pragma once
// A failed API call as a value. The desktop client's offline detection (D1) needs one
// distinction above all: did the server answer (it refused this request: wrong password, name
// taken, D8 refusal) or could it not be reached at all (refused connection, timeout, TLS
// failure, 5xx/503, broken connection) so that fallback printing may start.

#include <optional>
#include <string>
#include <vector>

namespace printline::api_client {

enum class FailureKind {
  kUnreachable,    // no usable answer from any server address (D1: the server is down)
  kServerRefused,  // the server answered with an error status (4xx): it is up
  kBadAnswer,      // the server answered 2xx but not with what the API promises
};

// One finding of a validation error (docs/api.md, "details").
struct FieldFinding {
  std::string field;
  std::string message;
};

struct ApiError {
  FailureKind kind = FailureKind::kUnreachable;
  int http_status = 0;  // 0 when no HTTP answer arrived
  std::string code;     // the API's error code ("invalid", "conflict", ...), or a local one
                        // ("connection-refused", "timeout", "tls", "connection-broken")
  std::string message;  // the server's error.message, or what went wrong locally
  std::optional<std::string> field;
  std::vector<FieldFinding> details;
  std::optional<int> retry_after_s;  // 429 and 503 with Retry-After: seconds to wait
  std::string server;                // the base URL that answered or failed last

  bool unreachable() const { return kind == FailureKind::kUnreachable; }
  bool unauthenticated() const { return http_status == 401; }
};

// The message to show a person: the server's message, then its findings, one per line.
std::string describe(const ApiError& error);

// Builds the error for an HTTP answer with an error status from its body (the API's error
// shape, or the raw text when the body is not that shape, e.g. from a proxy).
ApiError error_from_answer(int status, const std::string& body, const std::string& server);

}  // namespace printline::api_client
