#pragma once
// Who sent a request: HTTP Basic (login and password, Argon2id-verified or by the account's
// directory, rate-limited) or a
// Bearer API token. IPP queues and the REST API both use this; each turns a failure into its
// own protocol's answer (IPP 401 + WWW-Authenticate, JSON 401/429).

#include "http/request.h"
#include "http/response.h"

#include <optional>
#include <string>

#include "model/user.h"
#include "server/server_context.h"

namespace printline::server {

// kForbidden: the session is not the problem, the request is (a change without the session's
// CSRF token): logging in again would not help, so it is answered 403, not 401.
// kDirectoryUnavailable: a directory account's directory could not be asked (503: try later).
enum class AuthProblem {
  kNone,
  kMissing,
  kInvalid,
  kForbidden,
  kRateLimited,
  kStoreFailure,
  kDirectoryUnavailable
};

struct Authentication {
  std::optional<model::User> user;
  AuthProblem problem = AuthProblem::kNone;
  std::string message;  // for a person, when user is empty
  std::chrono::seconds retry_after{0};

  bool ok() const { return user.has_value(); }
};

Authentication authenticate_request(const http::Request& request, const ServerContext& context);

// The same check for a login and password given in a request body (POST /api/v1/login). A
// directory account's password is checked by a bind to its directory, a local one against
// its stored hash; both count towards the log-in rate limits.
Authentication authenticate_password(const std::string& client_address, const std::string& login,
                                     const std::string& password, const ServerContext& context);

}  // namespace printline::server
