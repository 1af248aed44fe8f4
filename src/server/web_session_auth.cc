#include "server/web_session_auth.h"

#include "server/web_session_cookie.h"

namespace printline::server {

Authentication authenticate_session_cookie(const http::Request& request,
                                           const std::string& session_token, store::Store& store) {
  Authentication result;
  // The CSRF check comes first: a forged cross-site change must not even learn whether the
  // cookie is still valid.
  if (!is_safe_method(request.method) && !csrf_header_matches(request, session_token)) {
    result.problem = AuthProblem::kForbidden;
    result.message =
        "This change came without your session's CSRF token, or with a wrong one, so it was "
        "refused (it may come from another site, or from a page older than your log-in). "
        "Reload the page and try again.";
    return result;
  }
  auto user = store.authenticate_token(session_token);
  if (!user.ok()) {
    result.problem = AuthProblem::kStoreFailure;
    result.message = user.error().message;
    return result;
  }
  if (!user->has_value()) {
    result.problem = AuthProblem::kInvalid;
    result.message = "Your session has ended (logged out, expired or revoked). Log in again.";
    return result;
  }
  result.user = std::move(**user);
  return result;
}

}  // namespace printline::server
